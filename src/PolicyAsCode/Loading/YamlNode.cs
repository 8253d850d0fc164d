using System.Collections.Generic;

namespace PolicyAsCode.Loading;

internal enum YamlNodeKind
{
    Scalar,
    Sequence,
    Mapping,
    Alias,
}

/// <summary>
/// A node of the first YAML document, as go-yaml v2's parser builds it: aliases point at the anchored node
/// (shared, never copied), so expansion cost is under the decoder's control.
/// </summary>
internal sealed class YamlNode
{
    public YamlNode(YamlNodeKind kind, int line, int column)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    public YamlNodeKind Kind { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>Scalar value, or the anchor name an alias refers to.</summary>
    public string Value { get; set; } = string.Empty;

    /// <summary>The explicit tag in long form (<c>tag:yaml.org,2002:str</c>), or empty.</summary>
    public string Tag { get; set; } = string.Empty;

    /// <summary>True for a plain (unquoted, non-block) scalar.</summary>
    public bool Plain { get; set; }

    /// <summary>
    /// The sequence's items or the mapping's keys and values, in order (empty for scalars and aliases). Read only:
    /// children are added with <see cref="Add"/>, so the shared empty list is never written.
    /// </summary>
    public List<YamlNode> Children => _children ?? NoChildren;

    private static readonly List<YamlNode> NoChildren = new(0);

    /// <summary>Most nodes are scalars: their list is never allocated (a 100,000-rule file has 300,000 nodes).</summary>
    private List<YamlNode>? _children;

    public void Add(YamlNode child) => (_children ??= new List<YamlNode>()).Add(child);

    public YamlNode? AliasTarget { get; set; }
}
