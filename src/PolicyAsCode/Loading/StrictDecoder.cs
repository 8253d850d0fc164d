using System.Collections.Generic;
using System.Globalization;

namespace PolicyAsCode.Loading;

/// <summary>A value decoded into a Go type: what survives lenient decoding (unknown fields dropped, last duplicate wins).</summary>
internal sealed class Decoded
{
    public Decoded(JsonNode node) => Node = node;

    /// <summary>The JSON value decoded last into this Go value (a struct merged from duplicates: the latest object).</summary>
    public JsonNode Node { get; set; }

    public string? String { get; set; }

    public bool? Bool { get; set; }

    public List<Decoded>? Items { get; set; }

    /// <summary>
    /// A slice's backing array: <see cref="Items"/> plus the elements an earlier, longer list left beyond the
    /// current length, which a later duplicate list re-exposes (see <c>Slice</c>).
    /// </summary>
    public List<Decoded>? Backing { get; set; }

    public Dictionary<string, Decoded>? Fields { get; set; }
}

/// <summary>A strictness problem: kube-apiserver warns and decodes leniently.</summary>
internal sealed record StrictProblem(string Message, int Line, int Column);

/// <summary>
/// sigs.k8s.io/json's case-sensitive strict decoding into a Go type: unknown and duplicate fields are
/// strictness errors (with list indexes in the path), type mismatches are fatal (the first one wins, worded
/// as encoding/json words it). A duplicate key decodes into the value the earlier one filled, as Go does:
/// structs and list elements merge field by field, and null leaves strings, bools and structs as they were.
/// The lenient decode kube-apiserver falls back to is the same decoder without the strict checks, so the
/// decoded value serves both passes.
/// </summary>
internal sealed class StrictDecoder
{
    private readonly List<StrictProblem> _strict = new();
    private (string Message, int Line, int Column)? _typeError;

    public static Decoded Decode(JsonNode root, GoStruct type, out List<StrictProblem> strict, out (string Message, int Line, int Column)? typeError)
    {
        var decoder = new StrictDecoder();
        var result = decoder.Value(root, type, string.Empty, type, new List<string>(), null);
        strict = decoder._strict;
        typeError = decoder._typeError;
        return result;
    }

    /// <summary>Decodes one JSON value into a Go value; <c>into</c> is what an earlier duplicate key (or list) left there.</summary>
    private Decoded Value(JsonNode node, GoType type, string path, GoStruct context, List<string> fieldStack, Decoded? into)
    {
        var result = new Decoded(node);
        if (node.Kind == JsonKind.Null)
        {
            // decode.go literalStore: null zeroes interfaces, pointers, maps and slices, and is ignored for every
            // other kind, so a string, bool or struct keeps what an earlier duplicate put there.
            var zeroes = type is GoSlice or GoMap or GoAny or GoTime || (type is GoBool { Pointer: true });
            return zeroes || into is null ? result : into;
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
                    return into ?? result;
                }

                return Slice(node, slice, path, context, fieldStack, result, into);
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

                    Value(member.Value, map.Value, memberPath, context, fieldStack, null);
                }

                return result;
            case GoStruct structType:
                if (node.Kind != JsonKind.Object)
                {
                    TypeError(node, type, context, fieldStack);
                    return into ?? result;
                }

                // decode.go object: the fields are set on the struct in place (subv = v.Field(i)), so a struct an
                // earlier duplicate filled keeps every field this object does not set. Duplicates are counted per
                // object (checkDuplicateField's bitset), not against the earlier object.
                if (into is not null)
                {
                    into.Node = node;
                    result = into;
                }

                result.Fields ??= new Dictionary<string, Decoded>(System.StringComparer.Ordinal);
                var seen = new HashSet<string>(System.StringComparer.Ordinal);
                foreach (var member in node.Members!)
                {
                    var memberPath = Join(path, member.Key);
                    if (!structType.Fields.TryGetValue(member.Key, out var fieldType))
                    {
                        _strict.Add(new StrictProblem("unknown field " + PolicyValidator.GoQuote(memberPath), member.KeyLine, member.KeyColumn));
                        continue;
                    }

                    if (!seen.Add(member.Key))
                    {
                        _strict.Add(new StrictProblem("duplicate field " + PolicyValidator.GoQuote(memberPath), member.KeyLine, member.KeyColumn));
                    }

                    fieldStack.Add(member.Key);
                    result.Fields.TryGetValue(member.Key, out var earlier);
                    result.Fields[member.Key] = Value(member.Value, fieldType, memberPath, structType, fieldStack, earlier);
                    fieldStack.RemoveAt(fieldStack.Count - 1);
                }

                return result;
            default:
                return result;
        }
    }

    /// <summary>
    /// sigs.k8s.io/json internal/golang/encoding/json/decode.go (*decodeState).array into a slice: element i is
    /// decoded into the slice's element i (v.Index(i)), so over a slice an earlier duplicate filled, each new
    /// element merges into the old one at the same index. Past the length, SetLen within the capacity re-exposes
    /// what an earlier, longer list left in the backing array (Grow runs only when the length has reached the
    /// capacity and copies all of it), so every element ever decoded at an index stays there. The slice is then
    /// cut to the new list's length; an empty list sets a fresh empty slice (MakeSlice(0, 0)) and drops the array.
    /// </summary>
    private Decoded Slice(JsonNode node, GoSlice slice, string path, GoStruct context, List<string> fieldStack, Decoded result, Decoded? into)
    {
        var count = node.Items!.Count;
        var backing = count == 0 ? new List<Decoded>() : into?.Backing ?? new List<Decoded>(count);
        for (var i = 0; i < count; i++)
        {
            var earlier = i < backing.Count ? backing[i] : null;
            var element = Value(node.Items[i], slice.Element, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", context, fieldStack, earlier);
            if (i < backing.Count)
            {
                backing[i] = element;
            }
            else
            {
                backing.Add(element);
            }
        }

        result.Backing = backing;
        result.Items = backing.Count == count ? new List<Decoded>(backing) : backing.GetRange(0, count);
        return result;
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
