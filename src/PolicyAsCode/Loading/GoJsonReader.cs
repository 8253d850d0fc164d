using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PolicyAsCode.Loading;

/// <summary>
/// Reads a JSON document the way Go's encoding/json does, including its syntax-error wording
/// (<c>invalid character 'a' looking for beginning of object key string</c>). Iterative, so deep nesting
/// cannot overflow the stack; Go's own nesting limit (10000) is enforced with Go's message.
/// Duplicate keys are kept in order: the policy decoder reports them and lets the last one win.
/// </summary>
internal sealed class GoJsonReader
{
    private const int MaxNestingDepth = 10000;
    private readonly byte[] _data;
    private readonly LineMap _lines;
    private readonly int _maxValues;
    private int _pos;
    private int _values;

    private GoJsonReader(byte[] data, int maxValues)
    {
        _data = data;
        _maxValues = maxValues;
        _lines = new LineMap(data);
    }

    /// <summary>Parses <paramref name="data"/>; on a syntax error returns null and Go's message.</summary>
    /// <remarks>More than <paramref name="maxValues"/> values throw <see cref="YamlToJson.ConversionError"/> (PolicyAsCode's own limit).</remarks>
    public static JsonNode? Parse(byte[] data, out string? error, out int errorLine, out int errorColumn, int maxValues = int.MaxValue)
    {
        var reader = new GoJsonReader(data, maxValues);
        try
        {
            error = null;
            errorLine = errorColumn = 0;
            return reader.ParseDocument();
        }
        catch (JsonSyntaxException ex)
        {
            error = ex.Message;
            (errorLine, errorColumn) = reader._lines.Position(ex.Offset);
            return null;
        }
    }

    private sealed class JsonSyntaxException : System.Exception
    {
        public JsonSyntaxException(string message, int offset)
            : base(message) => Offset = offset;

        public int Offset { get; }
    }

    private sealed class Frame
    {
        public Frame(JsonNode node) => Node = node;

        public JsonNode Node { get; }

        public string? PendingKey;
        public int KeyLine;
        public int KeyColumn;
    }

    private JsonNode ParseDocument()
    {
        var stack = new List<Frame>();
        JsonNode? root = null;
        while (true)
        {
            // Looking for the beginning of a value.
            SkipWhitespace();
            var value = ParseScalarOrOpen(stack);
            if (value is null)
            {
                // A container was opened; look at what comes next inside it.
                var top = stack[stack.Count - 1];
                SkipWhitespace();
                var c = Peek();
                if (top.Node.Kind == JsonKind.Object)
                {
                    if (c == '}')
                    {
                        _pos++;
                        value = Pop(stack);
                    }
                    else
                    {
                        ReadKey(top);
                        continue;
                    }
                }
                else if (c == ']')
                {
                    _pos++;
                    value = Pop(stack);
                }
                else
                {
                    continue;
                }
            }

            // A complete value: attach it and look for what follows.
            while (true)
            {
                if (stack.Count == 0)
                {
                    root = value;
                    SkipWhitespace();
                    if (_pos < _data.Length)
                    {
                        throw Invalid("after top-level value");
                    }

                    return root;
                }

                var top = stack[stack.Count - 1];
                if (top.Node.Kind == JsonKind.Object)
                {
                    top.Node.Members!.Add(new JsonMember(top.PendingKey!, value, top.KeyLine, top.KeyColumn));
                    SkipWhitespace();
                    var c = Peek();
                    if (c == ',')
                    {
                        _pos++;
                        SkipWhitespace();
                        if (Peek() != '"')
                        {
                            throw Invalid("looking for beginning of object key string");
                        }

                        ReadKey(top);
                        break;
                    }

                    if (c == '}')
                    {
                        _pos++;
                        value = Pop(stack);
                        continue;
                    }

                    throw Invalid("after object key:value pair");
                }
                else
                {
                    top.Node.Items!.Add(value);
                    SkipWhitespace();
                    var c = Peek();
                    if (c == ',')
                    {
                        _pos++;
                        break;
                    }

                    if (c == ']')
                    {
                        _pos++;
                        value = Pop(stack);
                        continue;
                    }

                    throw Invalid("after array element");
                }
            }
        }
    }

    private static JsonNode Pop(List<Frame> stack)
    {
        var node = stack[stack.Count - 1].Node;
        stack.RemoveAt(stack.Count - 1);
        return node;
    }

    private void ReadKey(Frame top)
    {
        if (Peek() != '"')
        {
            throw Invalid("looking for beginning of object key string");
        }

        (top.KeyLine, top.KeyColumn) = _lines.Position(_pos);
        top.PendingKey = ReadString();
        SkipWhitespace();
        if (Peek() != ':')
        {
            throw Invalid("after object key");
        }

        _pos++;
    }

    private JsonNode? ParseScalarOrOpen(List<Frame> stack)
    {
        var start = _pos;
        var (line, column) = _lines.Position(start);
        if (++_values > _maxValues)
        {
            throw new YamlToJson.ConversionError(YamlToJson.TooManyValues(_maxValues), line, column, ownLimit: true);
        }

        var c = Peek();
        switch (c)
        {
            case '{':
            case '[':
                if (stack.Count >= MaxNestingDepth)
                {
                    throw Invalid("exceeded max depth");
                }

                _pos++;
                stack.Add(new Frame(c == '{'
                    ? new JsonNode(JsonKind.Object, line, column) { Members = new List<JsonMember>() }
                    : new JsonNode(JsonKind.Array, line, column) { Items = new List<JsonNode>() }));
                return null;
            case '"':
                return new JsonNode(JsonKind.String, line, column) { Text = ReadString() };
            case 't':
                Literal("true");
                return new JsonNode(JsonKind.Bool, line, column) { Bool = true };
            case 'f':
                Literal("false");
                return new JsonNode(JsonKind.Bool, line, column) { Bool = false };
            case 'n':
                Literal("null");
                return new JsonNode(JsonKind.Null, line, column);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return new JsonNode(JsonKind.Number, line, column) { Text = ReadNumber() };
                }

                throw Invalid("looking for beginning of value");
        }
    }

    private void Literal(string word)
    {
        _pos++;
        for (var i = 1; i < word.Length; i++)
        {
            if (Peek() != word[i])
            {
                throw Invalid("in literal " + word + " (expecting " + QuoteChar((byte)word[i]) + ")");
            }

            _pos++;
        }
    }

    private string ReadNumber()
    {
        var start = _pos;
        if (Peek() == '-')
        {
            _pos++;
            if (!IsDigit(Peek()))
            {
                throw Invalid("in numeric literal");
            }
        }

        if (Peek() == '0')
        {
            _pos++;
        }
        else
        {
            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        if (Peek() == '.')
        {
            _pos++;
            if (!IsDigit(Peek()))
            {
                throw Invalid("after decimal point in numeric literal");
            }

            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        if (Peek() == 'e' || Peek() == 'E')
        {
            _pos++;
            if (Peek() == '+' || Peek() == '-')
            {
                _pos++;
            }

            if (!IsDigit(Peek()))
            {
                throw Invalid("in exponent of numeric literal");
            }

            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        return Encoding.ASCII.GetString(_data, start, _pos - start);
    }

    private string ReadString()
    {
        _pos++; // opening quote
        var bytes = new List<byte>();
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _data.Length)
            {
                throw new JsonSyntaxException("unexpected end of JSON input", _pos);
            }

            var c = _data[_pos];
            if (c == '"')
            {
                Flush();
                _pos++;
                return sb.ToString();
            }

            if (c < 0x20)
            {
                throw Invalid("in string literal");
            }

            if (c == '\\')
            {
                Flush();
                _pos++;
                var e = Peek();
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        _pos++;
                        var unit = ReadHex4();
                        if (char.IsHighSurrogate(unit) && _pos + 1 < _data.Length && _data[_pos] == '\\' && _data[_pos + 1] == 'u')
                        {
                            var save = _pos;
                            _pos += 2;
                            var low = ReadHex4();
                            if (char.IsLowSurrogate(low))
                            {
                                sb.Append(unit).Append(low);
                            }
                            else
                            {
                                sb.Append('\uFFFD');
                                _pos = save;
                            }
                        }
                        else
                        {
                            sb.Append(char.IsSurrogate(unit) ? '\uFFFD' : unit);
                        }

                        continue;
                    default:
                        throw Invalid("in string escape code");
                }

                _pos++;
                continue;
            }

            bytes.Add(c);
            _pos++;
        }

        void Flush()
        {
            if (bytes.Count > 0)
            {
                // Go replaces invalid UTF-8 with U+FFFD, as .NET's default decoder does.
                sb.Append(Encoding.UTF8.GetString(bytes.ToArray()));
                bytes.Clear();
            }
        }
    }

    private char ReadHex4()
    {
        var value = 0;
        for (var i = 0; i < 4; i++)
        {
            var c = Peek();
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0)
            {
                throw Invalid("in \\u hexadecimal character escape");
            }

            value = (value * 16) + digit;
            _pos++;
        }

        return (char)value;
    }

    private static bool IsDigit(int c) => c >= '0' && c <= '9';

    private int Peek() => _pos < _data.Length ? _data[_pos] : -1;

    private void SkipWhitespace()
    {
        while (_pos < _data.Length && (_data[_pos] == ' ' || _data[_pos] == '\t' || _data[_pos] == '\r' || _data[_pos] == '\n'))
        {
            _pos++;
        }
    }

    private JsonSyntaxException Invalid(string context)
    {
        if (_pos >= _data.Length)
        {
            return new JsonSyntaxException("unexpected end of JSON input", _pos);
        }

        return new JsonSyntaxException("invalid character " + QuoteChar(_data[_pos]) + " " + context, _pos);
    }

    /// <summary>Go's quoteChar: the byte as a rune, quoted with single quotes.</summary>
    internal static string QuoteChar(byte c)
    {
        if (c == '\'')
        {
            return "'\\''";
        }

        if (c == '"')
        {
            return "'\"'";
        }

        var quoted = PolicyValidator.GoQuote(((char)c).ToString());
        return "'" + quoted.Substring(1, quoted.Length - 2) + "'";
    }
}

/// <summary>Maps byte offsets to 1-based line and column (columns count UTF-8 bytes).</summary>
internal sealed class LineMap
{
    private readonly List<int> _lineStarts = new() { 0 };

    public LineMap(byte[] data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public (int Line, int Column) Position(int offset)
    {
        var index = _lineStarts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - _lineStarts[index] + 1);
    }
}
