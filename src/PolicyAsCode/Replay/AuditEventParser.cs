using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using PolicyAsCode.Internal;

namespace PolicyAsCode.Replay;

/// <summary>
/// Reads one JSON line of kube-apiserver's log backend (<c>--audit-log-format=json</c>) into an
/// <see cref="AuditEvent"/> with <see cref="Utf8JsonReader"/>, in one pass: the fields the policy matches on are
/// decoded (repeated strings from a bounded cache), bodies are walked only to measure them and their
/// <c>metadata.managedFields</c>. Unknown fields (v1beta1's <c>timestamp</c>, pipeline labels) are skipped.
/// </summary>
public sealed class AuditEventParser
{
    private static readonly AuditLevel[] Levels = AuditLevel.All;
    private readonly Utf8Cache<string> _strings = new(8192, 256);
    private readonly Utf8Cache<string[]> _groupLists = new(1024, 1024);
    private readonly List<string> _groups = new(8);
    private readonly bool _readsName;

    /// <param name="readsName">Whether <c>objectRef.name</c> is needed (a policy uses <c>resourceNames</c>); names are
    /// rarely repeated, so they are decoded only then.</param>
    public AuditEventParser(bool readsName) => _readsName = readsName;

    /// <summary>Whether any of the policies matches on object names.</summary>
    public static bool ReadsNames(params Policy?[] policies)
    {
        foreach (var policy in policies)
        {
            if (policy is null)
            {
                continue;
            }

            foreach (var rule in policy.Rules)
            {
                foreach (var gr in rule.Resources)
                {
                    if (!gr.ResourceNames.IsEmpty)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Reads <paramref name="line"/> (without its newline) into <paramref name="e"/>. False, with the reason, when
    /// the line is not an audit event: not JSON, truncated, another kind, or without level/auditID/stage/verb.
    /// </summary>
    public bool TryParse(ReadOnlySpan<byte> line, AuditEvent e, out string? notAnEvent)
    {
        try
        {
            // The fast scanner handles what kube-apiserver writes; anything else (escaped keys, invalid JSON) is
            // read again by Utf8JsonReader, which also gives the message for a line that is not an event.
            notAnEvent = FastParse(line, e, out var handled);
            if (!handled)
            {
                notAnEvent = Parse(line, e);
            }
        }
        catch (JsonException ex)
        {
            notAnEvent = "not JSON: " + ex.Message;
        }
        catch (InvalidOperationException ex)
        {
            notAnEvent = ex.Message;
        }

        return notAnEvent is null;
    }

    /// <summary>Reads a line with the full reader only (tests compare it with the fast scanner).</summary>
    internal bool TryParseWithReader(ReadOnlySpan<byte> line, AuditEvent e, out string? notAnEvent)
    {
        try
        {
            notAnEvent = Parse(line, e);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            notAnEvent = ex.Message;
        }

        return notAnEvent is null;
    }

    private static readonly System.Buffers.SearchValues<byte> Structural = System.Buffers.SearchValues.Create("{}[]\"\\"u8);
    private static readonly System.Buffers.SearchValues<byte> QuoteOrEscape = System.Buffers.SearchValues.Create("\"\\"u8);
    private static readonly System.Buffers.SearchValues<byte> ScalarEnd = System.Buffers.SearchValues.Create(",}] \t\r\n"u8);

    /// <summary>
    /// The top-level object read by hand: keys compared as bytes, the fields replay needs decoded, every other
    /// value (bodies, annotations) passed over by bracket matching with vectorized searches instead of being
    /// tokenized. <paramref name="handled"/> is false when the line needs the full reader.
    /// </summary>
    private string? FastParse(ReadOnlySpan<byte> line, AuditEvent e, out bool handled)
    {
        handled = false;
        var pos = SkipSpace(line, 0);
        if (pos >= line.Length || line[pos] != (byte)'{')
        {
            return null;
        }

        e.RequestObjectBytes = e.ResponseObjectBytes = e.RequestManagedFieldsBytes = e.ResponseManagedFieldsBytes = 0;
        e.Bytes = line.Length + 1;
        long stageTicks = 0, receivedTicks = 0, legacyTicks = 0;
        AuditLevel? level = null;
        StageSet stage = 0;
        string? verb = null;
        var auditId = default(ReadOnlySpan<byte>);
        var uri = default(ReadOnlySpan<byte>);
        string? user = null;
        var groups = Array.Empty<string>();
        var hasObjectRef = false;
        string ns = string.Empty, apiGroup = string.Empty, resource = string.Empty, sub = string.Empty, name = string.Empty;
        pos = SkipSpace(line, pos + 1);
        if (pos < line.Length && line[pos] == (byte)'}')
        {
            return null;
        }

        while (true)
        {
            if (pos >= line.Length || line[pos] != (byte)'"')
            {
                return null;
            }

            var keyStart = pos;
            var keyEnd = line.Slice(pos + 1).IndexOfAny(QuoteOrEscape);
            if (keyEnd < 0 || line[pos + 1 + keyEnd] != (byte)'"')
            {
                return null;
            }

            var key = line.Slice(pos + 1, keyEnd);
            pos = SkipSpace(line, pos + keyEnd + 2);
            if (pos >= line.Length || line[pos] != (byte)':')
            {
                return null;
            }

            var valueStart = SkipSpace(line, pos + 1);
            var valueEnd = SkipValue(line, valueStart);
            if (valueEnd < 0)
            {
                return null;
            }

            var value = line.Slice(valueStart, valueEnd - valueStart);
            switch (key.Length)
            {
                case 4 when key.SequenceEqual("kind"u8):
                    if (!value.SequenceEqual("\"Event\""u8))
                    {
                        return null;
                    }

                    break;
                case 5 when key.SequenceEqual("level"u8):
                    level = value.SequenceEqual("\"Metadata\""u8) ? Levels[1] : value.SequenceEqual("\"RequestResponse\""u8) ? Levels[3] : value.SequenceEqual("\"Request\""u8) ? Levels[2] : value.SequenceEqual("\"None\""u8) ? Levels[0] : null;
                    if (level is null)
                    {
                        return null;
                    }

                    break;
                case 5 when key.SequenceEqual("stage"u8):
                    stage = value.SequenceEqual("\"ResponseComplete\""u8) ? StageSet.ResponseComplete : value.SequenceEqual("\"RequestReceived\""u8) ? StageSet.RequestReceived
                        : value.SequenceEqual("\"ResponseStarted\""u8) ? StageSet.ResponseStarted : value.SequenceEqual("\"Panic\""u8) ? StageSet.Panic : 0;
                    if (stage == 0)
                    {
                        return null;
                    }

                    break;
                case 7 when key.SequenceEqual("auditID"u8):
                    if (!PlainString(value, out auditId))
                    {
                        return null;
                    }

                    break;
                case 4 when key.SequenceEqual("verb"u8):
                    if (!PlainString(value, out var verbBytes))
                    {
                        return null;
                    }

                    verb = Cached(verbBytes);
                    break;
                case 10 when key.SequenceEqual("requestURI"u8):
                    if (!PlainString(value, out uri))
                    {
                        return null;
                    }

                    break;
                case 4 when key.SequenceEqual("user"u8):
                {
                    var reader = new Utf8JsonReader(value);
                    reader.Read();
                    (user, groups) = ReadUser(ref reader, value);
                    break;
                }

                case 9 when key.SequenceEqual("objectRef"u8):
                {
                    var reader = new Utf8JsonReader(value);
                    reader.Read();
                    hasObjectRef = reader.TokenType == JsonTokenType.StartObject;
                    if (hasObjectRef)
                    {
                        ReadObjectRef(ref reader, ref ns, ref apiGroup, ref resource, ref sub, ref name);
                    }

                    break;
                }

                case 13 when key.SequenceEqual("requestObject"u8):
                    e.RequestObjectBytes = valueEnd - keyStart + 1;
                    e.RequestManagedFieldsBytes = ManagedFields(value);
                    break;
                case 14 when key.SequenceEqual("responseObject"u8):
                    e.ResponseObjectBytes = valueEnd - keyStart + 1;
                    e.ResponseManagedFieldsBytes = ManagedFields(value);
                    break;
                case 14 when key.SequenceEqual("stageTimestamp"u8):
                    stageTicks = PlainString(value, out var stageText) ? ParseTime(stageText) : 0;
                    break;
                case 24 when key.SequenceEqual("requestReceivedTimestamp"u8):
                    receivedTicks = PlainString(value, out var receivedText) ? ParseTime(receivedText) : 0;
                    break;
                case 9 when key.SequenceEqual("timestamp"u8):
                    legacyTicks = PlainString(value, out var legacyText) ? ParseTime(legacyText) : 0;
                    break;
            }

            pos = SkipSpace(line, valueEnd);
            if (pos >= line.Length)
            {
                return null;
            }

            if (line[pos] == (byte)'}')
            {
                break;
            }

            if (line[pos] != (byte)',')
            {
                return null;
            }

            pos = SkipSpace(line, pos + 1);
        }

        if (SkipSpace(line, pos + 1) != line.Length || level is null || stage == 0 || verb is null || auditId.Length == 0)
        {
            return null;
        }

        handled = true;
        Fill(e, level.Value, stage, auditId, stageTicks != 0 ? stageTicks : receivedTicks != 0 ? receivedTicks : legacyTicks, new AuditRequest
        {
            User = user,
            Groups = groups,
            ResourceRequest = hasObjectRef,
            Verb = verb,
            Path = hasObjectRef ? string.Empty : Path(uri),
            Namespace = ns,
            ApiGroup = apiGroup,
            Resource = resource,
            Subresource = sub,
            Name = name,
        });
        return null;
    }

    /// <summary>The parts both readers set the same way once a line is known to be an event.</summary>
    private static void Fill(AuditEvent e, AuditLevel level, StageSet stage, ReadOnlySpan<byte> auditId, long ticks, AuditRequest request)
    {
        e.Level = level;
        e.Stage = stage;
        e.AuditId = HashId(auditId);
        e.SetIdText(auditId);
        e.StageTicks = ticks;
        e.Request = request;
    }

    /// <summary>A JSON string without escapes: its bytes between the quotes (false for anything else).</summary>
    private static bool PlainString(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (value.Length < 2 || value[0] != (byte)'"' || value[value.Length - 1] != (byte)'"')
        {
            return false;
        }

        text = value.Slice(1, value.Length - 2);
        return text.IndexOfAny(QuoteOrEscape) < 0;
    }

    /// <summary>managedFields in a body: measured exactly (see <see cref="MeasureBody"/>), only when the key occurs at all.</summary>
    private static int ManagedFields(ReadOnlySpan<byte> body)
    {
        if (body.IndexOf("\"managedFields\""u8) < 0)
        {
            return 0;
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
        reader.Read();
        return MeasureBody(ref reader);
    }

    private static int SkipSpace(ReadOnlySpan<byte> line, int pos)
    {
        while (pos < line.Length && line[pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            pos++;
        }

        return pos;
    }

    /// <summary>The end of the value starting at <paramref name="pos"/>, by bracket matching (-1 when unbalanced or cut off).</summary>
    private static int SkipValue(ReadOnlySpan<byte> line, int pos)
    {
        if (pos >= line.Length)
        {
            return -1;
        }

        var first = line[pos];
        if (first == (byte)'"')
        {
            return SkipString(line, pos);
        }

        if (first != (byte)'{' && first != (byte)'[')
        {
            var end = line.Slice(pos).IndexOfAny(ScalarEnd);
            return end <= 0 ? -1 : pos + end;
        }

        var depth = 0;
        while (true)
        {
            var next = line.Slice(pos).IndexOfAny(Structural);
            if (next < 0)
            {
                return -1;
            }

            pos += next;
            switch (line[pos])
            {
                case (byte)'"':
                    pos = SkipString(line, pos);
                    if (pos < 0)
                    {
                        return -1;
                    }

                    continue;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                case (byte)'}' or (byte)']':
                    if (--depth == 0)
                    {
                        return pos + 1;
                    }

                    break;
                default:
                    return -1;
            }

            pos++;
        }
    }

    /// <summary>The position after the string starting at <paramref name="pos"/> (escapes skipped), -1 when cut off.</summary>
    private static int SkipString(ReadOnlySpan<byte> line, int pos)
    {
        pos++;
        while (true)
        {
            var next = line.Slice(pos).IndexOfAny(QuoteOrEscape);
            if (next < 0)
            {
                return -1;
            }

            pos += next;
            if (line[pos] == (byte)'"')
            {
                return pos + 1;
            }

            pos += 2;
            if (pos > line.Length)
            {
                return -1;
            }
        }
    }

    private string? Parse(ReadOnlySpan<byte> line, AuditEvent e)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "not a JSON object";
        }

        e.RequestObjectBytes = e.ResponseObjectBytes = e.RequestManagedFieldsBytes = e.ResponseManagedFieldsBytes = 0;
        long stageTicks = 0, receivedTicks = 0, legacyTicks = 0;
        e.Bytes = line.Length + 1;
        AuditLevel? level = null;
        StageSet stage = 0;
        string? verb = null;
        var auditId = default(ReadOnlySpan<byte>);
        var uri = default(ReadOnlySpan<byte>);
        string? user = null;
        var groups = Array.Empty<string>();
        var hasObjectRef = false;
        string ns = string.Empty, apiGroup = string.Empty, resource = string.Empty, sub = string.Empty, name = string.Empty;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var keyStart = (int)reader.TokenStartIndex;
            var key = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
            reader.Read();
            switch (key.Length)
            {
                case 4 when key.SequenceEqual("kind"u8):
                    if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("Event"u8))
                    {
                        return "not an audit Event (kind is not \"Event\")";
                    }

                    break;
                case 5 when key.SequenceEqual("level"u8):
                    level = ReadLevel(ref reader);
                    break;
                case 5 when key.SequenceEqual("stage"u8):
                    stage = ReadStage(ref reader);
                    break;
                case 7 when key.SequenceEqual("auditID"u8):
                    auditId = RawString(ref reader, line, "auditID");
                    break;
                case 4 when key.SequenceEqual("verb"u8):
                    verb = String(ref reader, "verb");
                    break;
                case 10 when key.SequenceEqual("requestURI"u8):
                    uri = RawString(ref reader, line, "requestURI");
                    break;
                case 4 when key.SequenceEqual("user"u8):
                    (user, groups) = ReadUser(ref reader, line);
                    break;
                case 9 when key.SequenceEqual("objectRef"u8):
                    hasObjectRef = reader.TokenType == JsonTokenType.StartObject;
                    if (hasObjectRef)
                    {
                        ReadObjectRef(ref reader, ref ns, ref apiGroup, ref resource, ref sub, ref name);
                    }
                    else
                    {
                        reader.Skip();
                    }

                    break;
                case 13 when key.SequenceEqual("requestObject"u8):
                    e.RequestManagedFieldsBytes = MeasureBody(ref reader);
                    e.RequestObjectBytes = (int)reader.BytesConsumed - keyStart + 1;
                    break;
                case 14 when key.SequenceEqual("responseObject"u8):
                    e.ResponseManagedFieldsBytes = MeasureBody(ref reader);
                    e.ResponseObjectBytes = (int)reader.BytesConsumed - keyStart + 1;
                    break;
                case 14 when key.SequenceEqual("stageTimestamp"u8):
                    stageTicks = reader.TokenType == JsonTokenType.String ? ParseTime(reader.ValueSpan) : 0;
                    break;
                case 24 when key.SequenceEqual("requestReceivedTimestamp"u8):
                    receivedTicks = reader.TokenType == JsonTokenType.String ? ParseTime(reader.ValueSpan) : 0;
                    break;
                case 9 when key.SequenceEqual("timestamp"u8):
                    legacyTicks = reader.TokenType == JsonTokenType.String ? ParseTime(reader.ValueSpan) : 0;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return "not a JSON object";
        }

        if (reader.Read())
        {
            return "content after the JSON object";
        }

        if (level is null || stage == 0 || verb is null || auditId.Length == 0)
        {
            return "not an audit Event (no " + (level is null ? "level" : stage == 0 ? "stage" : verb is null ? "verb" : "auditID") + ")";
        }

        // v1beta1-era logs (audit2rbac's demo) carry only "timestamp"; some pipelines drop stageTimestamp.
        Fill(e, level.Value, stage, auditId, stageTicks != 0 ? stageTicks : receivedTicks != 0 ? receivedTicks : legacyTicks, new AuditRequest
        {
            User = user,
            Groups = groups,
            ResourceRequest = hasObjectRef,
            Verb = verb,
            Path = hasObjectRef ? string.Empty : Path(uri),
            Namespace = ns,
            ApiGroup = apiGroup,
            Resource = resource,
            Subresource = sub,
            Name = name,
        });
        return null;
    }

    private static AuditLevel ReadLevel(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            foreach (var level in Levels)
            {
                if (reader.ValueTextEquals(level.Value))
                {
                    return level;
                }
            }
        }

        throw new InvalidOperationException("not an audit Event (level is not None, Metadata, Request or RequestResponse)");
    }

    private static StageSet ReadStage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            foreach (var stage in AuditStage.All)
            {
                if (reader.ValueTextEquals(stage.Value))
                {
                    return stage.Flag;
                }
            }
        }

        throw new InvalidOperationException("not an audit Event (unknown stage)");
    }

    private (string? User, string[] Groups) ReadUser(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return (null, Array.Empty<string>());
        }

        string? user = null;
        var groups = Array.Empty<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("username"u8))
            {
                reader.Read();
                user = String(ref reader, "user.username");
            }
            else if (reader.ValueTextEquals("groups"u8))
            {
                reader.Read();
                groups = Groups(ref reader, line);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // An empty user name is how an unauthenticated request reads here (the policy sees no user).
        return (string.IsNullOrEmpty(user) ? null : user, groups);
    }

    private void ReadObjectRef(ref Utf8JsonReader reader, ref string ns, ref string apiGroup, ref string resource, ref string sub, ref string name)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("resource"u8))
            {
                reader.Read();
                resource = String(ref reader, "objectRef.resource");
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                reader.Read();
                ns = String(ref reader, "objectRef.namespace");
            }
            else if (reader.ValueTextEquals("apiGroup"u8))
            {
                reader.Read();
                apiGroup = String(ref reader, "objectRef.apiGroup");
            }
            else if (reader.ValueTextEquals("subresource"u8))
            {
                reader.Read();
                sub = String(ref reader, "objectRef.subresource");
            }
            else if (_readsName && reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = reader.TokenType == JsonTokenType.String ? reader.GetString()! : string.Empty;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>
    /// Walks a body (the reader is on its first token) to its end and returns the bytes of the
    /// <c>managedFields</c> members of objects that are the value of a <c>metadata</c> key: the object's own and,
    /// for lists, each item's, which is what <c>omitManagedFields</c> removes (upstream
    /// <c>pkg/audit/request.go</c>, <c>removeManagedFields</c>).
    /// </summary>
    private static int MeasureBody(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject && reader.TokenType != JsonTokenType.StartArray)
        {
            return 0;
        }

        var start = reader.CurrentDepth;
        var total = 0;
        var metadataDepths = 0UL;
        var afterMetadataKey = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var depth = reader.CurrentDepth;
                    if (depth < 64 && (metadataDepths & (1UL << depth)) != 0 && reader.ValueTextEquals("managedFields"u8))
                    {
                        var keyStart = (int)reader.TokenStartIndex;
                        reader.Read();
                        reader.Skip();
                        total += (int)reader.BytesConsumed - keyStart + 1;
                        afterMetadataKey = false;
                        continue;
                    }

                    afterMetadataKey = reader.ValueTextEquals("metadata"u8);
                    continue;
                case JsonTokenType.StartObject:
                    var objectDepth = reader.CurrentDepth + 1;
                    if (objectDepth < 64)
                    {
                        metadataDepths = afterMetadataKey ? metadataDepths | (1UL << objectDepth) : metadataDepths & ~(1UL << objectDepth);
                    }

                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray when reader.CurrentDepth == start:
                    return total;
            }

            afterMetadataKey = false;
        }

        throw new InvalidOperationException("truncated body");
    }

    /// <summary>The path of a non-resource request: <c>requestURI</c> without its query.</summary>
    private string Path(ReadOnlySpan<byte> uri)
    {
        var query = uri.IndexOf((byte)'?');
        return Cached(query < 0 ? uri : uri.Slice(0, query));
    }

    /// <summary>A string's unescaped UTF-8 bytes: a slice of the line, or decoded when it has escapes.</summary>
    private static ReadOnlySpan<byte> RawString(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> line, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new InvalidOperationException("not an audit Event (" + field + " is not a string)");
        }

        return reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : line.Slice((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
    }

    /// <summary>A string (null reads as ""), from the cache when these bytes were decoded before.</summary>
    private string String(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return string.Empty;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new InvalidOperationException("not an audit Event (" + field + " is not a string)");
        }

        return reader.ValueIsEscaped ? reader.GetString()! : Cached(reader.ValueSpan);
    }

    private string Cached(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return string.Empty;
        }

        var slot = _strings.Slot(bytes, out var cached);
        if (cached is not null)
        {
            return cached;
        }

        var value = Encoding.UTF8.GetString(bytes);
        _strings.Set(slot, bytes, value);
        return value;
    }

    /// <summary>groups: null or an array of strings; equal arrays (byte for byte) share one string[].</summary>
    private string[] Groups(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return Array.Empty<string>();
        }

        var start = (int)reader.TokenStartIndex;
        _groups.Clear();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            _groups.Add(String(ref reader, "user.groups"));
        }

        if (_groups.Count == 0)
        {
            return Array.Empty<string>();
        }

        var raw = line.Slice(start, (int)reader.BytesConsumed - start);
        var slot = _groupLists.Slot(raw, out var cached);
        if (cached is not null)
        {
            return cached;
        }

        var groups = _groups.ToArray();
        _groupLists.Set(slot, raw, groups);
        return groups;
    }

    /// <summary>A UUID's 128 bits read from its hex digits; any other ID hashed (two FNV-1a 64-bit hashes).</summary>
    internal static UInt128 HashId(ReadOnlySpan<byte> id)
    {
        if (id.Length == 36 && id[8] == '-' && id[13] == '-' && id[18] == '-' && id[23] == '-')
        {
            UInt128 value = 0;
            var ok = true;
            foreach (var b in id)
            {
                if (b == '-')
                {
                    continue;
                }

                var digit = b >= '0' && b <= '9' ? b - '0' : (b | 0x20) >= 'a' && (b | 0x20) <= 'f' ? (b | 0x20) - 'a' + 10 : -1;
                if (digit < 0)
                {
                    ok = false;
                    break;
                }

                value = (value << 4) | (uint)digit;
            }

            if (ok)
            {
                return value;
            }
        }

        ulong h1 = 14695981039346656037UL, h2 = 1099511628211UL * 31;
        foreach (var b in id)
        {
            h1 = (h1 ^ b) * 1099511628211UL;
            h2 = (h2 ^ (byte)~b) * 0x100000001B3UL + 7;
        }

        return new UInt128(h1, h2);
    }

    /// <summary>
    /// A MicroTime (<c>2006-01-02T15:04:05.000000Z</c>, what kube-apiserver writes) read without allocating;
    /// other RFC 3339 forms go through <see cref="DateTimeOffset"/>; 0 when unreadable.
    /// </summary>
    internal static long ParseTime(ReadOnlySpan<byte> text)
    {
        if (text.Length == 27 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == '.' && text[26] == 'Z')
        {
            int year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2), hour = Digits(text, 11, 2), minute = Digits(text, 14, 2), second = Digits(text, 17, 2), micro = Digits(text, 20, 6);
            if (year > 0 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && hour is >= 0 and < 24 && minute is >= 0 and < 60 && second is >= 0 and < 60 && micro >= 0)
            {
                return new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + (micro * 10L);
            }
        }

        return DateTimeOffset.TryParse(Encoding.UTF8.GetString(text), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcTicks
            : 0;
    }

    private static int Digits(ReadOnlySpan<byte> text, int at, int count)
    {
        var value = 0;
        for (var i = at; i < at + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return -1;
            }

            value = (value * 10) + digit;
        }

        return value;
    }
}
