using System.Collections.Generic;
using System.Globalization;

namespace PolicyAsCode.Loading;

/// <summary>A value decoded into a Go type: what survives lenient decoding (unknown fields dropped, last duplicate wins).</summary>
internal sealed class Decoded
{
    public Decoded(JsonNode node) => Node = node;

    public JsonNode Node { get; }

    public string? String { get; set; }

    public bool? Bool { get; set; }

    public List<Decoded>? Items { get; set; }

    public Dictionary<string, Decoded>? Fields { get; set; }
}

/// <summary>A strictness problem: kube-apiserver warns and decodes leniently.</summary>
internal sealed record StrictProblem(string Message, int Line, int Column);

/// <summary>
/// sigs.k8s.io/json's case-sensitive strict decoding into a Go type: unknown and duplicate fields are
/// strictness errors (with list indexes in the path), type mismatches are fatal (the first one wins, worded
/// as encoding/json words it), and null leaves the target at its zero value.
/// </summary>
internal sealed class StrictDecoder
{
    private readonly List<StrictProblem> _strict = new();
    private (string Message, int Line, int Column)? _typeError;

    public static Decoded Decode(JsonNode root, GoStruct type, out List<StrictProblem> strict, out (string Message, int Line, int Column)? typeError)
    {
        var decoder = new StrictDecoder();
        var result = decoder.Value(root, type, string.Empty, type, new List<string>());
        strict = decoder._strict;
        typeError = decoder._typeError;
        return result;
    }

    private Decoded Value(JsonNode node, GoType type, string path, GoStruct context, List<string> fieldStack)
    {
        var result = new Decoded(node);
        if (node.Kind == JsonKind.Null)
        {
            return result;
        }

        switch (type)
        {
            case GoAny:
                return result;
            case GoString:
                if (node.Kind == JsonKind.String)
                {
                    result.String = node.Text;
                }
                else
                {
                    TypeError(node, type, context, fieldStack);
                }

                return result;
            case GoTime:
                if (node.Kind != JsonKind.String)
                {
                    TypeError(node, type, context, fieldStack);
                }

                return result;
            case GoNumber:
                if (node.Kind != JsonKind.Number)
                {
                    TypeError(node, type, context, fieldStack);
                }

                return result;
            case GoBool:
                if (node.Kind == JsonKind.Bool)
                {
                    result.Bool = node.Bool;
                }
                else
                {
                    TypeError(node, type, context, fieldStack);
                }

                return result;
            case GoSlice slice:
                if (node.Kind != JsonKind.Array)
                {
                    TypeError(node, type, context, fieldStack);
                    return result;
                }

                result.Items = new List<Decoded>(node.Items!.Count);
                for (var i = 0; i < node.Items.Count; i++)
                {
                    result.Items.Add(Value(node.Items[i], slice.Element, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", context, fieldStack));
                }

                return result;
            case GoMap map:
                if (node.Kind != JsonKind.Object)
                {
                    TypeError(node, type, context, fieldStack);
                    return result;
                }

                var seenKeys = new HashSet<string>(System.StringComparer.Ordinal);
                foreach (var member in node.Members!)
                {
                    var memberPath = Join(path, member.Key);
                    if (!seenKeys.Add(member.Key))
                    {
                        _strict.Add(new StrictProblem("duplicate field " + PolicyValidator.GoQuote(memberPath), member.KeyLine, member.KeyColumn));
                    }

                    Value(member.Value, map.Value, memberPath, context, fieldStack);
                }

                return result;
            case GoStruct structType:
                if (node.Kind != JsonKind.Object)
                {
                    TypeError(node, type, context, fieldStack);
                    return result;
                }

                result.Fields = new Dictionary<string, Decoded>(System.StringComparer.Ordinal);
                foreach (var member in node.Members!)
                {
                    var memberPath = Join(path, member.Key);
                    if (!structType.Fields.TryGetValue(member.Key, out var fieldType))
                    {
                        _strict.Add(new StrictProblem("unknown field " + PolicyValidator.GoQuote(memberPath), member.KeyLine, member.KeyColumn));
                        continue;
                    }

                    if (result.Fields.ContainsKey(member.Key))
                    {
                        _strict.Add(new StrictProblem("duplicate field " + PolicyValidator.GoQuote(memberPath), member.KeyLine, member.KeyColumn));
                    }

                    fieldStack.Add(member.Key);
                    result.Fields[member.Key] = Value(member.Value, fieldType, memberPath, structType, fieldStack);
                    fieldStack.RemoveAt(fieldStack.Count - 1);
                }

                return result;
            default:
                return result;
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private void TypeError(JsonNode node, GoType type, GoStruct context, List<string> fieldStack)
    {
        if (_typeError is not null)
        {
            return;
        }

        var message = fieldStack.Count == 0
            ? "json: cannot unmarshal " + node.GoKindName + " into Go value of type " + type.Name
            : "json: cannot unmarshal " + node.GoKindName + " into Go struct field " + context.StructName + "." + string.Join(".", fieldStack) + " of type " + type.Name;
        _typeError = (message, node.Line, node.Column);
    }
}
