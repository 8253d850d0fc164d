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

    public DecodedFields? Fields { get; set; }
}

/// <summary>
/// A decoded struct's fields by JSON key. A struct has a handful of known fields, so a short list scanned in order
/// costs less than a dictionary per struct (a 100,000-rule policy has 100,000 of them).
/// </summary>
internal sealed class DecodedFields
{
    public static readonly DecodedFields Empty = new();

    private readonly List<KeyValuePair<string, Decoded>> _fields = new(2);

    public bool TryGetValue(string key, out Decoded value)
    {
        foreach (var field in _fields)
        {
            if (string.Equals(field.Key, key, System.StringComparison.Ordinal))
            {
                value = field.Value;
                return true;
            }
        }

        value = null!;
        return false;
    }

    public void Set(string key, Decoded value)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            if (string.Equals(_fields[i].Key, key, System.StringComparison.Ordinal))
            {
                _fields[i] = new KeyValuePair<string, Decoded>(key, value);
                return;
            }
        }

        _fields.Add(new KeyValuePair<string, Decoded>(key, value));
    }
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

    /// <summary>
    /// The path of the value being decoded, as segments (a key, or a list index when the key is null): the text
    /// (<c>rules[3].level</c>) is built only for a message, not for every value.
    /// </summary>
    private readonly List<(string? Key, int Index)> _path = new();
    private (string Message, int Line, int Column)? _typeError;

    public static Decoded Decode(JsonNode root, GoStruct type, out List<StrictProblem> strict, out (string Message, int Line, int Column)? typeError)
    {
        var decoder = new StrictDecoder();
        var result = decoder.Value(root, type, type, new List<string>(), null);
        strict = decoder._strict;
        typeError = decoder._typeError;
        return result;
    }

    /// <summary>Decodes one JSON value into a Go value; <c>into</c> is what an earlier duplicate key (or list) left there.</summary>
    private Decoded Value(JsonNode node, GoType type, GoStruct context, List<string> fieldStack, Decoded? into)
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

                return Slice(node, slice, context, fieldStack, result, into);
            case GoMap map:
                if (node.Kind != JsonKind.Object)
                {
                    TypeError(node, type, context, fieldStack);
                    return result;
                }

                var seenKeys = new SeenKeys(node.Members!);
                for (var m = 0; m < node.Members!.Count; m++)
                {
                    var member = node.Members[m];
                    if (!seenKeys.Add(m))
                    {
                        _strict.Add(new StrictProblem("duplicate field " + PolicyValidator.GoQuote(MemberPath(member.Key)), member.KeyLine, member.KeyColumn));
                    }

                    _path.Add((member.Key, 0));
                    Value(member.Value, map.Value, context, fieldStack, null);
                    _path.RemoveAt(_path.Count - 1);
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

                result.Fields ??= new DecodedFields();
                var seen = new SeenKeys(node.Members!);
                for (var m = 0; m < node.Members!.Count; m++)
                {
                    var member = node.Members[m];
                    if (!structType.Fields.TryGetValue(member.Key, out var fieldType))
                    {
                        _strict.Add(new StrictProblem("unknown field " + PolicyValidator.GoQuote(MemberPath(member.Key)), member.KeyLine, member.KeyColumn));
                        continue;
                    }

                    if (!seen.Add(m))
                    {
                        _strict.Add(new StrictProblem("duplicate field " + PolicyValidator.GoQuote(MemberPath(member.Key)), member.KeyLine, member.KeyColumn));
                    }

                    fieldStack.Add(member.Key);
                    _path.Add((member.Key, 0));
                    result.Fields.TryGetValue(member.Key, out var earlier);
                    result.Fields.Set(member.Key, Value(member.Value, fieldType, structType, fieldStack, earlier));
                    _path.RemoveAt(_path.Count - 1);
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
    private Decoded Slice(JsonNode node, GoSlice slice, GoStruct context, List<string> fieldStack, Decoded result, Decoded? into)
    {
        var count = node.Items!.Count;
        var backing = count == 0 ? new List<Decoded>() : into?.Backing ?? new List<Decoded>(count);
        for (var i = 0; i < count; i++)
        {
            var earlier = i < backing.Count ? backing[i] : null;
            _path.Add((null, i));
            var element = Value(node.Items[i], slice.Element, context, fieldStack, earlier);
            _path.RemoveAt(_path.Count - 1);
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

    /// <summary>The text of the current path joined with a member's key, as the paths were always built.</summary>
    private string MemberPath(string key)
    {
        var path = string.Empty;
        foreach (var (segment, index) in _path)
        {
            path = segment is null ? path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]" : Join(path, segment);
        }

        return Join(path, key);
    }

    /// <summary>
    /// The keys an object has set so far (for a struct, only its known fields reach here, and a key equal to an
    /// earlier known one is known too): objects have a handful of members, so the earlier ones are scanned, and
    /// only a large object hashes them.
    /// </summary>
    private readonly struct SeenKeys
    {
        private const int HashFrom = 8;
        private readonly List<JsonMember> _members;
        private readonly HashSet<string>? _many;

        public SeenKeys(List<JsonMember> members)
        {
            _members = members;
            _many = members.Count < HashFrom ? null : new HashSet<string>(System.StringComparer.Ordinal);
        }

        /// <summary>False when the key of member <paramref name="index"/> was set by an earlier member.</summary>
        public bool Add(int index)
        {
            var key = _members[index].Key;
            if (_many is not null)
            {
                return _many.Add(key);
            }

            for (var i = 0; i < index; i++)
            {
                if (string.Equals(_members[i].Key, key, System.StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }

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
