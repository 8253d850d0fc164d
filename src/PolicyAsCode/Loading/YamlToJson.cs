using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PolicyAsCode.Loading;

/// <summary>
/// sigs.k8s.io/yaml's YAMLToJSON as kube-apiserver runs it: go-yaml v2 decodes the first document into
/// untyped Go values (YAML 1.1 scalars, merge keys, aliases under go-yaml's alias-ratio limit, duplicate
/// keys last-wins, reported for the strict pass), keys become strings, and json.Marshal sorts them.
/// </summary>
internal sealed class YamlToJson
{
    // go-yaml v2 decode.go: the alias-expansion ratio that stops "billion laughs" documents.
    private const int AliasRatioRangeLow = 400000;
    private const int AliasRatioRangeHigh = 4000000;

    /// <summary>Go's encoding/json scanner: maxNestingDepth.</summary>
    private const int MaxJsonDepth = 10000;

    /// <summary>Error texts that quote decoded values stop after this many characters (a key can be a whole document).</summary>
    private const int MaxQuotedLength = 1024;

    /// <summary>Maps with this many entries look keys up in a dictionary instead of scanning.</summary>
    private const int IndexFrom = 8;

    private readonly HashSet<YamlNode> _aliasesInProgress = new();
    private readonly int _maxValues;
    private readonly List<string> _duplicateKeyErrors = new();
    private int _decodeCount;
    private int _aliasCount;
    private int _aliasDepth;

    /// <summary>True once an alias was expanded: only then can the JSON be nested deeper than the YAML parser allows.</summary>
    private bool _sawAlias;

    /// <summary>Thrown with the complete error text that follows <c>failed decoding: </c>.</summary>
    internal sealed class ConversionError : Exception
    {
        public ConversionError(string message, int line, int column, bool ownLimit = false)
            : base(message)
        {
            Line = line;
            Column = column;
            OwnLimit = ownLimit;
        }

        /// <summary>True for PolicyAsCode's own limits (the message is not kube-apiserver's).</summary>
        public bool OwnLimit { get; }

        public int Line { get; }

        public int Column { get; }
    }

    private enum GoKind
    {
        Null,
        Bool,
        Int,
        Float,
        String,
        Slice,
        Map,
    }

    private sealed class GoValue
    {
        public GoKind Kind;
        public bool Bool;
        public string Text = string.Empty;
        public double Float;
        public List<GoValue>? Items;
        public List<Entry>? Entries;

        /// <summary>A large map's entries by key identity (see <c>Find</c>); null while the map is small.</summary>
        public Dictionary<string, Entry>? KeyIndex;

        /// <summary>This value converted (<c>ToJson</c>).</summary>
        public JsonNode? Json;
        public int Line;
        public int Column;

        public string Identity => Kind switch
        {
            GoKind.String => "s:" + Text,
            GoKind.Bool => Bool ? "b:true" : "b:false",
            GoKind.Int => "i:" + Text,
            GoKind.Float => "f:" + Float.ToString("R", CultureInfo.InvariantCulture),
            GoKind.Null => "n:",
            _ => "x:" + Text,
        };
    }

    private sealed class Entry
    {
        public Entry(GoValue key, GoValue value)
        {
            Key = key;
            Value = value;
        }

        public GoValue Key { get; }

        public GoValue Value { get; set; }
    }

    /// <summary>Converts a document (null for an empty stream) to the JSON kube-apiserver decodes.</summary>
    /// <param name="root">The document root.</param>
    /// <param name="duplicateKeyError">The strict pass's error (<c>yaml: unmarshal errors: ...</c>), if any.</param>
    /// <param name="duplicatePosition">Where the first duplicate key's value is.</param>
    /// <param name="maxValues">PolicyAsCode's bound on the values decoded, alias expansions included.</param>
    public static JsonNode Convert(YamlNode? root, out string? duplicateKeyError, out (int Line, int Column) duplicatePosition, int maxValues = int.MaxValue)
    {
        var converter = new YamlToJson(maxValues);
        converter._decodeCount = 1; // the document node itself
        var value = root is null ? new GoValue { Kind = GoKind.Null, Line = 1, Column = 1 } : converter.Unmarshal(root);
        duplicateKeyError = converter._duplicateKeyErrors.Count == 0
            ? null
            : "yaml: unmarshal errors:\n  " + string.Join("\n  ", converter._duplicateKeyErrors);
        duplicatePosition = converter._firstDuplicate;
        var json = ToJson(value, out var anyNonFinite);
        var nonFinite = anyNonFinite ? FirstNonFinite(json) : null;
        if (nonFinite is not null)
        {
            throw new ConversionError("json: unsupported value: " + nonFinite.Text, nonFinite.Line, nonFinite.Column);
        }

        // json.Marshal writes any depth, but the decoder's first step (json.Unmarshal in the serializer's
        // version/kind sniffing) scans the text and stops at Go's nesting limit: aliases can nest anchors
        // that are each within go-yaml's depth limit into a document beyond it.
        // Without aliases the document is no deeper than the parser's limit (GoYamlParser.MaxDepth), which is Go's.
        var tooDeep = converter._sawAlias ? FirstTooDeep(json) : null;
        if (tooDeep is not null)
        {
            throw new ConversionError("couldn't get version/kind; json parse error: invalid character '" + (tooDeep.Kind == JsonKind.Array ? "[" : "{") + "' exceeded max depth", tooDeep.Line, tooDeep.Column);
        }

        return json;
    }

    private (int Line, int Column) _firstDuplicate;

    private YamlToJson(int maxValues) => _maxValues = maxValues;

    /// <summary>The message for a document with more values than PolicyAsCode reads.</summary>
    internal static string TooManyValues(int maxValues)
        => "the document has more than " + maxValues.ToString(CultureInfo.InvariantCulture)
            + " values (aliases counted as expanded); this is PolicyAsCode's own limit (kube-apiserver has none)";

    private static Exception Fail(string message, YamlNode node) => new ConversionError("yaml: " + message, node.Line, node.Column);

    /// <summary>
    /// go-yaml v2's decoder.unmarshal, mapping and merge, run over an explicit stack: aliases can expand a
    /// document far deeper than its text (each anchor nesting the previous one), so recursion could overflow
    /// the thread's stack. The visiting order, the counters and the checks are those of the recursive code.
    /// </summary>
    private GoValue Unmarshal(YamlNode root)
    {
        var stack = new Stack<Frame>();
        GoValue? returned = null;
        stack.Push(Frame.Decode(root));
        while (stack.Count > 0)
        {
            var frame = stack.Peek();
            switch (frame.Kind)
            {
                case FrameKind.Decode:
                    stack.Pop();
                    Start(frame.Node, stack, ref returned);
                    break;
                case FrameKind.MergeInto:
                    stack.Pop();
                    StartMerge(frame.Node, frame.Map!, stack);
                    break;
                case FrameKind.AliasEnd:
                    stack.Pop();
                    _aliasDepth--;
                    _aliasesInProgress.Remove(frame.Node);
                    break;
                case FrameKind.Sequence:
                    if (frame.Awaiting)
                    {
                        frame.Map!.Items!.Add(returned!);
                    }

                    if (frame.Next < frame.Node.Children.Count)
                    {
                        frame.Awaiting = true;
                        Decode(frame.Node.Children[frame.Next++], stack, ref returned);
                    }
                    else
                    {
                        stack.Pop();
                        returned = frame.Map;
                    }

                    break;
                case FrameKind.MergeSequence:
                    // Earlier entries take precedence, so go backwards.
                    if (frame.Next < 0)
                    {
                        stack.Pop();
                        break;
                    }

                    var child = frame.Node.Children[frame.Next--];
                    var target = child.Kind == YamlNodeKind.Alias ? child.AliasTarget! : child;
                    if (target.Kind != YamlNodeKind.Mapping)
                    {
                        throw Fail("map merge requires map or sequence of maps as the value", child);
                    }

                    stack.Push(Frame.Merge(child, frame.Map!));
                    break;
                default:
                    StepMapping(frame, stack, ref returned);
                    break;
            }
        }

        return returned!;
    }

    /// <summary>
    /// Decodes a node next: a scalar at once (what its own frame would do, in the same order), anything else on the
    /// stack. Most nodes are scalars, and a frame each was most of the conversion's allocations.
    /// </summary>
    private void Decode(YamlNode node, Stack<Frame> stack, ref GoValue? returned)
    {
        if (node.Kind == YamlNodeKind.Scalar)
        {
            Count(node);
            returned = Scalar(node);
        }
        else
        {
            stack.Push(Frame.Decode(node));
        }
    }

    /// <summary>decoder.unmarshal's entry: counts the node, checks the alias ratio, then starts its kind.</summary>
    private void Start(YamlNode node, Stack<Frame> stack, ref GoValue? returned)
    {
        Count(node);
        switch (node.Kind)
        {
            case YamlNodeKind.Alias:
                EnterAlias(node, stack);
                stack.Push(Frame.Decode(node.AliasTarget!));
                break;
            case YamlNodeKind.Scalar:
                returned = Scalar(node);
                break;
            case YamlNodeKind.Sequence:
                var slice = new GoValue { Kind = GoKind.Slice, Items = new List<GoValue>(node.Children.Count), Line = node.Line, Column = node.Column };
                stack.Push(new Frame(FrameKind.Sequence, node) { Map = slice });
                break;
            default:
                var map = new GoValue { Kind = GoKind.Map, Entries = new List<Entry>(), Line = node.Line, Column = node.Column };
                stack.Push(new Frame(FrameKind.Mapping, node) { Map = map, Returns = true });
                break;
        }
    }

    private void Count(YamlNode node)
    {
        _decodeCount++;
        if (_aliasDepth > 0)
        {
            _aliasCount++;
        }

        if (_aliasCount > 100 && _decodeCount > 1000 && (double)_aliasCount / _decodeCount > AllowedAliasRatio(_decodeCount))
        {
            throw Fail("document contains excessive aliasing", node);
        }

        // PolicyAsCode's own bound (kube-apiserver has none): memory grows with the values decoded.
        if (_decodeCount > _maxValues)
        {
            throw new ConversionError(TooManyValues(_maxValues), node.Line, node.Column, ownLimit: true);
        }
    }

    private void EnterAlias(YamlNode node, Stack<Frame> stack)
    {
        if (!_aliasesInProgress.Add(node))
        {
            throw Fail("anchor '" + node.Value + "' value contains itself", node);
        }

        _aliasDepth++;
        _sawAlias = true;
        stack.Push(new Frame(FrameKind.AliasEnd, node));
    }

    /// <summary>decoder.merge: a mapping, an alias of one, or a sequence of those, merged into the map being built.</summary>
    private void StartMerge(YamlNode node, GoValue map, Stack<Frame> stack)
    {
        switch (node.Kind)
        {
            // merge calls decoder.unmarshal for both, which counts the node and checks the alias ratio.
            case YamlNodeKind.Mapping:
                Count(node);
                stack.Push(new Frame(FrameKind.Mapping, node) { Map = map });
                break;
            case YamlNodeKind.Alias when node.AliasTarget!.Kind == YamlNodeKind.Mapping:
                Count(node);
                EnterAlias(node, stack);
                stack.Push(Frame.Merge(node.AliasTarget, map));
                break;
            case YamlNodeKind.Sequence:
                stack.Push(new Frame(FrameKind.MergeSequence, node) { Map = map, Next = node.Children.Count - 1 });
                break;
            default:
                throw Fail("map merge requires map or sequence of maps as the value", node);
        }
    }

    /// <summary>decoder.mapping, one step: a merge key, then for other pairs the key, then the value.</summary>
    private void StepMapping(Frame frame, Stack<Frame> stack, ref GoValue? returned)
    {
        var children = frame.Node.Children;
        switch (frame.State)
        {
            case MappingState.Key:
                var key = returned!;
                var keyNode = children[frame.Next];
                if (key.Kind is GoKind.Map or GoKind.Slice)
                {
                    throw Fail("invalid map key: " + GoSyntax(key), keyNode);
                }

                frame.Key = key;
                frame.State = MappingState.Value;
                Decode(children[frame.Next + 1], stack, ref returned);
                return;
            case MappingState.Value:
                Set(frame, frame.Key!, returned!, children[frame.Next + 1]);
                frame.Next += 2;
                break;
            case MappingState.Merged:
                frame.Next += 2;
                break;
        }

        frame.State = MappingState.Pair;
        if (frame.Next + 1 >= children.Count)
        {
            stack.Pop();
            if (frame.Returns)
            {
                returned = frame.Map;
            }

            return;
        }

        if (IsMerge(children[frame.Next]))
        {
            frame.State = MappingState.Merged;
            stack.Push(Frame.Merge(children[frame.Next + 1], frame.Map!));
        }
        else
        {
            frame.State = MappingState.Key;
            Decode(children[frame.Next], stack, ref returned);
        }
    }

    private void Set(Frame frame, GoValue key, GoValue value, YamlNode valueNode)
    {
        var map = frame.Map!;
        var existing = Find(map, key);
        if (existing is not null)
        {
            if (_duplicateKeyErrors.Count == 0)
            {
                _firstDuplicate = (valueNode.Line, valueNode.Column);
            }

            _duplicateKeyErrors.Add("line " + valueNode.Line.ToString(CultureInfo.InvariantCulture) + ": key " + GoSyntax(key) + " already set in map");
            existing.Value = value;
        }
        else
        {
            var entry = new Entry(key, value);
            map.Entries!.Add(entry);
            map.KeyIndex?.Add(key.Identity, entry);
        }
    }

    /// <summary>
    /// The entry whose key has the same identity (kind and value), if any. Small maps (almost all of them) are
    /// scanned; from <see cref="IndexFrom"/> entries on, the map keeps a dictionary by identity, built once.
    /// </summary>
    private static Entry? Find(GoValue map, GoValue key)
    {
        var entries = map.Entries!;
        if (map.KeyIndex is null && entries.Count < IndexFrom)
        {
            foreach (var entry in entries)
            {
                if (SameIdentity(entry.Key, key))
                {
                    return entry;
                }
            }

            return null;
        }

        if (map.KeyIndex is null)
        {
            map.KeyIndex = new Dictionary<string, Entry>(entries.Count * 2, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                map.KeyIndex.Add(entry.Key.Identity, entry);
            }
        }

        return map.KeyIndex.TryGetValue(key.Identity, out var found) ? found : null;
    }

    /// <summary>The same as comparing <see cref="GoValue.Identity"/>, without building the strings.</summary>
    private static bool SameIdentity(GoValue a, GoValue b)
    {
        if (a.Kind != b.Kind)
        {
            return a.Identity == b.Identity;
        }

        return a.Kind switch
        {
            GoKind.String or GoKind.Int => string.Equals(a.Text, b.Text, StringComparison.Ordinal),
            GoKind.Bool => a.Bool == b.Bool,
            GoKind.Null => true,
            _ => a.Identity == b.Identity,
        };
    }

    private enum FrameKind
    {
        Decode,
        MergeInto,
        AliasEnd,
        Sequence,
        MergeSequence,
        Mapping,
    }

    private enum MappingState
    {
        Pair,
        Key,
        Value,
        Merged,
    }

    /// <summary>One pending step of the decoder: what the recursive code would have on its call stack.</summary>
    private sealed class Frame
    {
        public Frame(FrameKind kind, YamlNode node)
        {
            Kind = kind;
            Node = node;
        }

        public FrameKind Kind { get; }

        public YamlNode Node { get; }

        /// <summary>The slice or map being built (for a merge: the map merged into).</summary>
        public GoValue? Map { get; init; }

        /// <summary>True when the map is this frame's own value (not a merge into an outer map).</summary>
        public bool Returns { get; init; }

        public int Next { get; set; }

        public bool Awaiting { get; set; }

        public MappingState State { get; set; }

        public GoValue? Key { get; set; }

        public static Frame Decode(YamlNode node) => new(FrameKind.Decode, node);

        public static Frame Merge(YamlNode node, GoValue map) => new(FrameKind.MergeInto, node) { Map = map };
    }

    private static bool IsMerge(YamlNode node)
        => node.Kind == YamlNodeKind.Scalar && node.Value == "<<"
            && ((node.Plain && node.Tag.Length == 0) || node.Tag == Yaml11Scalars.TagPrefix + "merge");

    private static GoValue Scalar(YamlNode node)
    {
        var value = new GoValue { Line = node.Line, Column = node.Column, Kind = GoKind.String, Text = node.Value };
        var tag = node.Tag;
        if (tag.Length == 0 && !node.Plain)
        {
            return value;
        }

        if (tag == Yaml11Scalars.TagPrefix + "binary")
        {
            try
            {
                value.Text = Encoding.UTF8.GetString(System.Convert.FromBase64String(node.Value));
            }
            catch (FormatException)
            {
                throw Fail("!!binary value contains invalid base64 data", node);
            }

            return value;
        }

        var resolvable = tag.Length == 0
            || tag == Yaml11Scalars.TagPrefix + "str" || tag == Yaml11Scalars.TagPrefix + "bool"
            || tag == Yaml11Scalars.TagPrefix + "int" || tag == Yaml11Scalars.TagPrefix + "float"
            || tag == Yaml11Scalars.TagPrefix + "timestamp";
        if (!resolvable || tag == Yaml11Scalars.TagPrefix + "str" || tag == Yaml11Scalars.TagPrefix + "timestamp")
        {
            return value;
        }

        var kind = Yaml11Scalars.ResolvePlain(node.Value, out var boolean, out var number);
        if (tag.Length > 0)
        {
            var wanted = Yaml11Scalars.ShortTag(tag);
            var got = Yaml11Scalars.ResolvedTag(kind);
            if (wanted != got && !(wanted == "!!float" && got == "!!int"))
            {
                throw Fail("cannot decode " + got + " `" + node.Value + "` as a " + wanted, node);
            }

            if (wanted == "!!float" && kind == ScalarKind.Int)
            {
                kind = ScalarKind.Float;
            }
        }

        switch (kind)
        {
            case ScalarKind.Null:
                value.Kind = GoKind.Null;
                break;
            case ScalarKind.Bool:
                value.Kind = GoKind.Bool;
                value.Bool = boolean;
                break;
            case ScalarKind.Int:
                value.Kind = GoKind.Int;
                value.Text = node.Value;
                break;
            case ScalarKind.Float:
                value.Kind = GoKind.Float;
                value.Float = number;
                break;
        }

        return value;
    }

    private static double AllowedAliasRatio(int decodeCount)
    {
        if (decodeCount <= AliasRatioRangeLow)
        {
            return 0.99;
        }

        if (decodeCount >= AliasRatioRangeHigh)
        {
            return 0.10;
        }

        return 0.99 - (0.89 * ((double)(decodeCount - AliasRatioRangeLow) / (AliasRatioRangeHigh - AliasRatioRangeLow)));
    }

    /// <summary>sigs.k8s.io/yaml convertToJSONableObject, then json.Marshal's sorted-key order.</summary>
    private static JsonNode ToJson(GoValue root, out bool anyNonFinite)
    {
        anyNonFinite = false;
        // Iterative over an explicit stack: documents may nest up to go-yaml's depth limit.
        var stack = new Stack<(GoValue Value, bool Expanded)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (value, expanded) = stack.Pop();
            if (value.Kind == GoKind.Slice && !expanded)
            {
                stack.Push((value, true));
                foreach (var item in value.Items!)
                {
                    stack.Push((item, false));
                }

                continue;
            }

            if (value.Kind == GoKind.Map && !expanded)
            {
                stack.Push((value, true));
                foreach (var entry in value.Entries!)
                {
                    stack.Push((entry.Value, false));
                }

                continue;
            }

            anyNonFinite |= value.Kind == GoKind.Float && (double.IsInfinity(value.Float) || double.IsNaN(value.Float));
            value.Json = value.Kind switch
            {
                GoKind.Null => new JsonNode(JsonKind.Null, value.Line, value.Column),
                GoKind.Bool => new JsonNode(JsonKind.Bool, value.Line, value.Column) { Bool = value.Bool },
                GoKind.Int => new JsonNode(JsonKind.Number, value.Line, value.Column) { Text = value.Text },
                GoKind.Float => new JsonNode(JsonKind.Number, value.Line, value.Column) { Text = FloatText(value.Float) },
                GoKind.String => new JsonNode(JsonKind.String, value.Line, value.Column) { Text = value.Text },
                GoKind.Slice => new JsonNode(JsonKind.Array, value.Line, value.Column) { Items = value.Items!.ConvertAll(i => i.Json!) },
                _ => MapToJson(value),
            };
        }

        return root.Json!;
    }

    /// <summary>
    /// The members in json.Marshal's key order; keys that convert to the same string (<c>1</c> and <c>"1"</c>) keep
    /// the last one, as a map keyed by the converted string does. Sorted once (stable), instead of a sorted tree.
    /// </summary>
    private static JsonNode MapToJson(GoValue map)
    {
        var members = new List<JsonMember>(map.Entries!.Count);
        foreach (var entry in map.Entries!)
        {
            string key;
            switch (entry.Key.Kind)
            {
                case GoKind.String: key = entry.Key.Text; break;
                case GoKind.Bool: key = entry.Key.Bool ? "true" : "false"; break;
                case GoKind.Int: key = IntText(entry.Key.Text); break;
                case GoKind.Float: key = GoFloat32G(entry.Key.Float); break;
                default:
                    throw new ConversionError("unsupported map key of type: %!s(<nil>), key: <nil>, value: " + GoSyntax(entry.Value), entry.Key.Line, entry.Key.Column);
            }

            members.Add(new JsonMember(key, entry.Value.Json!, entry.Key.Line, entry.Key.Column));
        }

        if (members.Count > 1)
        {
            members = SortedLastWins(members);
        }

        return new JsonNode(JsonKind.Object, map.Line, map.Column) { Members = members };
    }

    /// <summary>Sorted by key (<see cref="Utf8Order"/>), of equal keys the last added only.</summary>
    private static List<JsonMember> SortedLastWins(List<JsonMember> members)
    {
        var order = new int[members.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var byKey = Utf8Order.Instance.Compare(members[a].Key, members[b].Key);
            return byKey != 0 ? byKey : a.CompareTo(b);
        });
        var sorted = new List<JsonMember>(members.Count);
        for (var i = 0; i < order.Length; i++)
        {
            if (i + 1 < order.Length && Utf8Order.Instance.Compare(members[order[i]].Key, members[order[i + 1]].Key) == 0)
            {
                continue;
            }

            sorted.Add(members[order[i]]);
        }

        return sorted;
    }

    private static JsonNode? FirstNonFinite(JsonNode root)
    {
        var stack = new Stack<JsonNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.Kind == JsonKind.Number && (node.Text == "+Inf" || node.Text == "-Inf" || node.Text == "NaN"))
            {
                return node;
            }

            if (node.Items is not null)
            {
                for (var i = node.Items.Count - 1; i >= 0; i--)
                {
                    stack.Push(node.Items[i]);
                }
            }
            else if (node.Members is not null)
            {
                for (var i = node.Members.Count - 1; i >= 0; i--)
                {
                    stack.Push(node.Members[i].Value);
                }
            }
        }

        return null;
    }

    /// <summary>The first array or object, in the marshalled text's order, nested deeper than Go's scanner allows.</summary>
    private static JsonNode? FirstTooDeep(JsonNode root)
    {
        var stack = new Stack<(JsonNode Node, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (node.Kind is not (JsonKind.Array or JsonKind.Object))
            {
                continue;
            }

            if (depth + 1 > MaxJsonDepth)
            {
                return node;
            }

            if (node.Items is not null)
            {
                for (var i = node.Items.Count - 1; i >= 0; i--)
                {
                    stack.Push((node.Items[i], depth + 1));
                }
            }
            else if (node.Members is not null)
            {
                for (var i = node.Members.Count - 1; i >= 0; i--)
                {
                    stack.Push((node.Members[i].Value, depth + 1));
                }
            }
        }

        return null;
    }

    private static string FloatText(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Inf";
        }

        return double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string IntText(string yamlText)
    {
        var plain = yamlText.Replace("_", string.Empty);
        var negative = plain.StartsWith("-", StringComparison.Ordinal);
        var body = plain.TrimStart('+', '-');
        var radix = 10;
        if (body.Length >= 2 && body[0] == '0')
        {
            var p = char.ToLowerInvariant(body[1]);
            (radix, body) = p switch
            {
                'x' => (16, body.Substring(2)),
                'o' => (8, body.Substring(2)),
                'b' => (2, body.Substring(2)),
                _ => (8, body.Substring(1)),
            };
        }

        var value = System.Numerics.BigInteger.Zero;
        foreach (var c in body.ToLowerInvariant())
        {
            value = (value * radix) + (c <= '9' ? c - '0' : c - 'a' + 10);
        }

        return (negative ? -value : value).ToString(CultureInfo.InvariantCulture);
    }

    private static string GoFloat32G(double value)
    {
        if (double.IsInfinity(value) || double.IsNaN(value))
        {
            return FloatText(value);
        }

        return ((float)value).ToString("R", CultureInfo.InvariantCulture).Replace("E", "e");
    }

    /// <summary>
    /// An approximation of Go's <c>%#v</c> for decoded YAML values, used in error texts. Iterative (a key can
    /// be an alias of a deep document) and cut after <see cref="MaxQuotedLength"/> characters.
    /// </summary>
    private static string GoSyntax(GoValue root)
    {
        var text = new StringBuilder();
        var stack = new Stack<object>();
        stack.Push(root);
        while (stack.Count > 0 && text.Length <= MaxQuotedLength)
        {
            var item = stack.Pop();
            if (item is string literal)
            {
                text.Append(literal);
                continue;
            }

            var pending = new List<object>();
            var value = (GoValue)item;
            switch (value.Kind)
            {
                case GoKind.Slice:
                    pending.Add("[]interface {}{");
                    for (var i = 0; i < value.Items!.Count; i++)
                    {
                        pending.Add(i == 0 ? string.Empty : ", ");
                        pending.Add(value.Items[i]);
                    }

                    pending.Add("}");
                    break;
                case GoKind.Map:
                    pending.Add("map[interface {}]interface {}{");
                    for (var i = 0; i < value.Entries!.Count; i++)
                    {
                        pending.Add(i == 0 ? string.Empty : ", ");
                        pending.Add(value.Entries[i].Key);
                        pending.Add(":");
                        pending.Add(value.Entries[i].Value);
                    }

                    pending.Add("}");
                    break;
                default:
                    pending.Add(value.Kind switch
                    {
                        GoKind.String => PolicyValidator.GoQuote(value.Text),
                        GoKind.Bool => value.Bool ? "true" : "false",
                        GoKind.Int => IntText(value.Text),
                        GoKind.Float => FloatText(value.Float),
                        _ => "<nil>",
                    });
                    break;
            }

            for (var i = pending.Count - 1; i >= 0; i--)
            {
                stack.Push(pending[i]);
            }
        }

        return text.Length > MaxQuotedLength || stack.Count > 0 ? text.ToString(0, Math.Min(text.Length, MaxQuotedLength)) + "..." : text.ToString();
    }
}

/// <summary>Go's string order: UTF-8 bytes, which is code-point order (not UTF-16 order).</summary>
internal sealed class Utf8Order : IComparer<string>
{
    public static readonly Utf8Order Instance = new();

    public int Compare(string? x, string? y)
    {
        x ??= string.Empty;
        y ??= string.Empty;
        var i = 0;
        var j = 0;
        while (i < x.Length && j < y.Length)
        {
            var a = CodePoint(x, ref i);
            var b = CodePoint(y, ref j);
            if (a != b)
            {
                return a < b ? -1 : 1;
            }
        }

        return (x.Length - i).CompareTo(y.Length - j);
    }

    private static int CodePoint(string s, ref int index)
    {
        var c = s[index++];
        if (char.IsHighSurrogate(c) && index < s.Length && char.IsLowSurrogate(s[index]))
        {
            return char.ConvertToUtf32(c, s[index++]);
        }

        return c;
    }
}
