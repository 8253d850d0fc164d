using System.Collections.Generic;

namespace PolicyAsCode.Loading;

/// <summary>The kinds of value in the JSON document kube-apiserver decodes (after YAML-to-JSON conversion).</summary>
internal enum JsonKind
{
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// <summary>
/// A JSON value with the source position (1-based line and column) it came from. Objects keep their
/// members in the order the decoder sees them, duplicates included (JSON input can have them).
/// </summary>
internal sealed class JsonNode
{
    public JsonNode(JsonKind kind, int line, int column)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    public JsonKind Kind { get; }

    public int Line { get; }

    public int Column { get; }

    public bool Bool { get; init; }

    /// <summary>The string value, or the number's text.</summary>
    public string Text { get; init; } = string.Empty;

    public List<JsonNode>? Items { get; init; }

    public List<JsonMember>? Members { get; init; }

    /// <summary>Go's name for the JSON value kind in "cannot unmarshal X into" messages.</summary>
    public string GoKindName => Kind switch
    {
        JsonKind.Bool => "bool",
        JsonKind.Number => "number",
        JsonKind.String => "string",
        JsonKind.Array => "array",
        JsonKind.Object => "object",
        _ => "null",
    };
}

/// <summary>A member of a JSON object, with the key's position (a struct: objects keep them in a list, one allocation per object).</summary>
internal readonly record struct JsonMember(string Key, JsonNode Value, int KeyLine, int KeyColumn);
