using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolicyAsCode.Loading;

/// <summary>
/// Builds the first YAML document's node tree with YamlDotNet's event parser, and reports problems the way
/// go-yaml v2 (the parser inside kube-apiserver's sigs.k8s.io/yaml) words them: <c>yaml: line N: problem</c>.
/// Both parsers are ports of libyaml, so their errors correspond; where YamlDotNet is more permissive than
/// libyaml (anchor names with punctuation) the libyaml rule is applied here.
/// </summary>
internal static class GoYamlParser
{
    /// <summary>go-yaml v2's limit on nesting (max_flow_level and max_indents).</summary>
    internal const int MaxDepth = 10000;

    /// <summary>Thrown with go-yaml's message (without the <c>yaml: </c> prefix's caller wrapping).</summary>
    internal sealed class YamlError : Exception
    {
        public YamlError(string message, int line, int column)
            : base(message)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }

        public int Column { get; }
    }

    /// <summary>Parses the first document; returns null for an empty stream (no document).</summary>
    /// <param name="text">The document text.</param>
    /// <param name="maxNodes">PolicyAsCode's bound on the nodes built (memory grows with them).</param>
    public static YamlNode? ParseFirstDocument(string text, int maxNodes = int.MaxValue)
    {
        var nodes = 0;
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var stack = new List<YamlNode>();
        YamlNode? root = null;
        var parser = new Parser(new StringReader(text));
        var pool = new ScalarPool();
        try
        {
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                YamlNode? node = null;
                switch (ev)
                {
                    case DocumentStart start when start.Version is { } version && (version.Version.Major != 1 || version.Version.Minor != 1):
                        // go-yaml v2 parserc.go yaml_parser_process_directives: only %YAML 1.1 is accepted (YamlDotNet
                        // also takes 1.2). A parser error at the directive's mark, printed with go-yaml's 0-based line.
                        throw ParserError("found incompatible YAML document", (int)start.Start.Line, (int)start.Start.Column);
                    case DocumentEnd:
                        return root;
                    case StreamEnd:
                        return root;
                    case Scalar s:
                        CheckPlainStart(s);
                        node = new YamlNode(YamlNodeKind.Scalar, (int)s.Start.Line, (int)s.Start.Column)
                        {
                            Value = pool.Get(s.Value),
                            Tag = s.Tag.IsEmpty ? string.Empty : s.Tag.Value,
                            Plain = s.Style == ScalarStyle.Plain,
                        };
                        Anchor(s.Anchor, node, anchors);
                        break;
                    case SequenceStart q:
                        node = new YamlNode(YamlNodeKind.Sequence, (int)q.Start.Line, (int)q.Start.Column) { Tag = q.Tag.IsEmpty ? string.Empty : q.Tag.Value };
                        Anchor(q.Anchor, node, anchors);
                        break;
                    case MappingStart m:
                        node = new YamlNode(YamlNodeKind.Mapping, (int)m.Start.Line, (int)m.Start.Column) { Tag = m.Tag.IsEmpty ? string.Empty : m.Tag.Value };
                        Anchor(m.Anchor, node, anchors);
                        break;
                    case AnchorAlias a:
                        CheckAnchorName(a.Value.Value, (int)a.Start.Line, (int)a.Start.Column);
                        if (!anchors.TryGetValue(a.Value.Value, out var target))
                        {
                            throw new YamlError("unknown anchor '" + a.Value.Value + "' referenced", (int)a.Start.Line, (int)a.Start.Column);
                        }

                        node = new YamlNode(YamlNodeKind.Alias, (int)a.Start.Line, (int)a.Start.Column) { Value = a.Value.Value, AliasTarget = target };
                        break;
                    case SequenceEnd:
                    case MappingEnd:
                        node = stack[stack.Count - 1];
                        stack.RemoveAt(stack.Count - 1);
                        if (stack.Count == 0)
                        {
                            root = node;
                        }
                        else
                        {
                            stack[stack.Count - 1].Add(node);
                        }

                        continue;
                    default:
                        continue;
                }

                if (++nodes > maxNodes)
                {
                    throw new YamlToJson.ConversionError(YamlToJson.TooManyValues(maxNodes), node.Line, node.Column, ownLimit: true);
                }

                if (node.Kind is YamlNodeKind.Sequence or YamlNodeKind.Mapping)
                {
                    if (stack.Count >= MaxDepth)
                    {
                        throw new YamlError("line " + node.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": exceeded max depth of 10000", node.Line, node.Column);
                    }

                    stack.Add(node);
                }
                else if (stack.Count == 0)
                {
                    root = node;
                }
                else
                {
                    stack[stack.Count - 1].Add(node);
                }
            }
        }
        catch (YamlException ex) when (ex is not null)
        {
            throw Translate(ex, text);
        }

        return root;
    }

    /// <summary>
    /// One string per distinct short scalar: a policy repeats its keys and values (<c>level</c>, <c>None</c>,
    /// <c>get</c>) on every rule, and the parser makes a new string for each. Bounded, so a document of distinct values
    /// costs a lookup each and no more memory.
    /// </summary>
    private sealed class ScalarPool
    {
        private const int MaxLength = 64;
        private const int MaxEntries = 4096;
        private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);

        public string Get(string value)
        {
            if (value.Length > MaxLength)
            {
                return value;
            }

            if (_pool.TryGetValue(value, out var pooled))
            {
                return pooled;
            }

            if (_pool.Count < MaxEntries)
            {
                _pool.Add(value, value);
            }

            return value;
        }
    }

    private static void Anchor(AnchorName anchor, YamlNode node, Dictionary<string, YamlNode> anchors)
    {
        if (anchor.IsEmpty)
        {
            return;
        }

        CheckAnchorName(anchor.Value, node.Line, node.Column);
        anchors[anchor.Value] = node;
    }

    /// <summary>libyaml accepts only [0-9A-Za-z_-] in anchor and alias names; YamlDotNet accepts more.</summary>
    private static void CheckAnchorName(string name, int line, int column)
    {
        foreach (var c in name)
        {
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-'))
            {
                throw ScannerError("did not find expected alphabetic or numeric character", line, column);
            }
        }
    }

    /// <summary>
    /// go-yaml v2 scannerc.go yaml_parser_fetch_next_token: a plain scalar cannot start with '@' or '`' (reserved
    /// indicators) nor with '%' (a directive only at column 0), in block and flow context alike. YamlDotNet refuses
    /// them only in block context, so a plain scalar it produced in flow context is checked here.
    /// </summary>
    private static void CheckPlainStart(Scalar scalar)
    {
        if (scalar.Style == ScalarStyle.Plain && scalar.Value.Length > 0 && scalar.Value[0] is '@' or '`' or '%')
        {
            throw ScannerError("found character that cannot start any token", (int)scalar.Start.Line, (int)scalar.Start.Column);
        }
    }

    /// <summary>
    /// go-yaml v2 decode.go (*parser).fail: a scanner error prints the 1-based line of its mark, but no line at all
    /// when the mark is on the first line (the 0-based line is tested for 0 before it is incremented).
    /// </summary>
    private static YamlError ScannerError(string problem, int line, int column)
        => line <= 1
            ? new(problem, line, column)
            : new("line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + problem, line, column);

    /// <summary>(*parser).fail for a parser error: the mark's 0-based line, omitted when it is 0.</summary>
    private static YamlError ParserError(string problem, int line, int column)
    {
        var goLine = line - 1;
        return goLine > 0
            ? new YamlError("line " + goLine.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + problem, line, column)
            : new YamlError(problem, line, column);
    }

    /// <summary>
    /// Maps a YamlDotNet exception to go-yaml's text. go-yaml prints the problem mark's line: 1-based for
    /// scanner errors, but the 0-based number for parser errors (a go-yaml quirk kept here).
    /// </summary>
    private static YamlError Translate(YamlException ex, string text)
    {
        var message = StripMarks(ex.Message).TrimEnd('.');
        var comma = message.IndexOf(", ", StringComparison.Ordinal);
        var problem = message.StartsWith("While ", StringComparison.Ordinal) && comma > 0 ? message.Substring(comma + 2) : message;
        problem = problem.Length > 0 ? char.ToLowerInvariant(problem[0]) + problem.Substring(1) : "unknown problem parsing YAML content";
        var line = (int)ex.End.Line;
        var column = (int)ex.End.Column;
        if (problem.StartsWith("found value containing disallowed", StringComparison.Ordinal))
        {
            return ScannerError("did not find expected alphabetic or numeric character", line, column);
        }

        if (problem.StartsWith("found invalid tab as indentation", StringComparison.Ordinal))
        {
            var tabLine = FirstTabIndentedLine(text, (int)ex.Start.Line);
            return ScannerError("found character that cannot start any token", tabLine, 1);
        }

        if (problem.StartsWith("found invalid mapping", StringComparison.Ordinal))
        {
            return ScannerError("mapping values are not allowed in this context", line, column);
        }

        if (problem.StartsWith("found character that cannot start any token", StringComparison.Ordinal))
        {
            // The offending character itself, as the flow-context check above reports it.
            return ScannerError(problem, (int)ex.Start.Line, (int)ex.Start.Column);
        }

        if (ex is SemanticErrorException)
        {
            return ParserError(problem, (int)ex.Start.Line, (int)ex.Start.Column);
        }

        return ScannerError(problem, line, column);
    }

    private static string StripMarks(string message)
    {
        // YamlDotNet prefixes "(Line: 1, Col: 2, Idx: 3) - (Line: ...): " to its messages.
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && marker > 0 ? message.Substring(marker + 3) : message;
    }

    private static int FirstTabIndentedLine(string text, int fromLine)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(0, fromLine - 1); i < lines.Length; i++)
        {
            foreach (var c in lines[i])
            {
                if (c == '\t')
                {
                    return i + 1;
                }

                if (c != ' ')
                {
                    break;
                }
            }
        }

        return fromLine;
    }

    /// <summary>
    /// Checks the bytes as go-yaml's reader does (UTF-8 well-formedness, then the YAML printable set) and
    /// decodes them. A UTF-8 BOM is skipped; UTF-16 with a BOM is decoded as go-yaml does.
    /// </summary>
    public static string Decode(byte[] data)
    {
        if (data.Length >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
        {
            var utf16 = data[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return CheckPrintable(utf16.GetString(data, 2, data.Length - 2));
        }

        var start = data.Length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF ? 3 : 0;
        var i = start;
        while (i < data.Length)
        {
            var b = data[i];
            int width = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
            if (width == 0)
            {
                throw new YamlError("invalid leading UTF-8 octet", 0, 0);
            }

            if (i + width > data.Length)
            {
                throw new YamlError("incomplete UTF-8 octet sequence", 0, 0);
            }

            var value = width == 1 ? b : width == 2 ? b & 0x1F : width == 3 ? b & 0x0F : b & 0x07;
            for (var k = 1; k < width; k++)
            {
                var t = data[i + k];
                if ((t & 0xC0) != 0x80)
                {
                    throw new YamlError("invalid trailing UTF-8 octet", 0, 0);
                }

                value = (value << 6) | (t & 0x3F);
            }

            if (!(width == 1 || (width == 2 && value >= 0x80) || (width == 3 && value >= 0x800) || (width == 4 && value >= 0x10000)))
            {
                throw new YamlError("invalid length of a UTF-8 sequence", 0, 0);
            }

            if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF)
            {
                throw new YamlError("invalid Unicode character", 0, 0);
            }

            i += width;
        }

        return CheckPrintable(new UTF8Encoding(false, true).GetString(data, start, data.Length - start));
    }

    private static string CheckPrintable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = c == 0x09 || c == 0x0A || c == 0x0D || (c >= 0x20 && c <= 0x7E) || c == 0x85
                || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || char.IsSurrogate(c);
            if (!ok)
            {
                throw new YamlError("control characters are not allowed", 0, 0);
            }
        }

        return text;
    }
}
