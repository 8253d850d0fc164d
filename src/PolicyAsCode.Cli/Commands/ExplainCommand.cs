using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using PolicyAsCode.Internal;

namespace PolicyAsCode.Cli.Commands;

/// <summary><c>explain FILE</c>: which rule decides a request and why; or many requests as JSON lines.</summary>
internal static class ExplainCommand
{
    /// <summary>The longest request line read (1 MiB; a request is a few hundred bytes).</summary>
    internal const int MaxLineBytes = 1 << 20;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "The policy file." };
        var user = new Option<string?>("--user") { Description = "Authenticated user name (omit for a request without a user)." };
        var groups = new Option<string[]>("--group") { Description = "A group of the user (repeat the option for several)." };
        var verb = new Option<string?>("--verb") { Description = "Kubernetes verb, or the lower-case HTTP method for --path." };
        var ns = new Option<string?>("--namespace") { Description = "Namespace (\"\" for cluster scope)." };
        var apiGroup = new Option<string?>("--api-group") { Description = "API group (\"\" for core)." };
        var resource = new Option<string?>("--resource") { Description = "Resource (plural)." };
        var subresource = new Option<string?>("--subresource") { Description = "Subresource." };
        var name = new Option<string?>("--name") { Description = "Object name." };
        var path = new Option<string?>("--path") { Description = "A non-resource request's URL path (e.g. /healthz)." };
        var requests = new Option<string?>("--requests") { Description = "A JSON-lines file of requests (fields of the evaluation vectors' request mapping, or an \"http\" line instead of the attributes), '-' for standard input; answers one JSON line each." };
        var http = new Option<string?>("--http") { Description = "An HTTP request as kube-apiserver receives it, \"METHOD /path?query\"; the attributes are derived as kube-apiserver's RequestInfo does." };
        var command = new Command("explain", "Show which rule decides a request, and why the rules before it do not match.")
        {
            file, user, groups, verb, ns, apiGroup, resource, subresource, name, path, requests, http,
        };
        command.Validators.Add(result =>
        {
            // A request is a resource request or a non-resource one; mixing their options would silently drop some.
            if (result.GetResult(path) is not null)
            {
                foreach (var option in new Option[] { resource, subresource, ns, apiGroup, name })
                {
                    if (result.GetResult(option) is not null)
                    {
                        result.AddError("--path (a non-resource request) cannot be combined with " + option.Name + " (a resource request)");
                    }
                }
            }
            else if (result.GetResult(resource) is not null && result.GetResult(verb) is null && result.GetResult(requests) is null)
            {
                // No default: kube-apiserver has no typical verb, and "get" would hide that writes are decided differently.
                result.AddError("--verb is required for a resource request (get, list, watch, create, update, patch, delete, deletecollection, ...)");
            }
        });
        command.SetAction(parse =>
        {
            var policy = PolicyFiles.LoadAccepted(parse.GetValue(file)!, stderr);
            if (policy is null)
            {
                return ExitCodes.InputError;
            }

            var batch = parse.GetValue(requests);
            if (batch is not null)
            {
                return Batch(policy, batch, stdout, stderr);
            }

            var httpLine = parse.GetValue(http);
            if (httpLine is not null)
            {
                var given = new Option[] { verb, ns, apiGroup, resource, subresource, name, path }.Where(o => parse.GetResult(o) is not null).Select(o => o.Name).ToList();
                if (given.Count > 0)
                {
                    stderr.WriteLine("error: --http derives the request attributes; do not combine it with " + string.Join(", ", given));
                    return ExitCodes.InputError;
                }

                if (!RequestInfoFactory.TryParse(httpLine, out var info, out var httpError))
                {
                    stderr.WriteLine("error: --http: " + httpError);
                    return ExitCodes.InputError;
                }

                var derived = info!.ToAuditRequest(parse.GetValue(user), parse.GetValue(groups));
                stdout.WriteLine("request: " + RequestLine(derived, info.ApiVersion));
                Single(policy, derived, stdout);
                return ExitCodes.Clean;
            }

            var request = new AuditRequest
            {
                User = parse.GetValue(user),
                Groups = parse.GetValue(groups) ?? Array.Empty<string>(),
                ResourceRequest = parse.GetValue(path) is null,
                Verb = parse.GetValue(verb) ?? "get",
                Path = parse.GetValue(path) ?? string.Empty,
                Namespace = parse.GetValue(ns) ?? string.Empty,
                ApiGroup = parse.GetValue(apiGroup) ?? string.Empty,
                Resource = parse.GetValue(resource) ?? string.Empty,
                Subresource = parse.GetValue(subresource) ?? string.Empty,
                Name = parse.GetValue(name) ?? string.Empty,
            };
            if (request.ResourceRequest && request.Resource.Length == 0)
            {
                stderr.WriteLine("error: give --resource (a resource request) or --path (a non-resource request), or --requests FILE");
                return ExitCodes.InputError;
            }

            Single(policy, request, stdout);
            return ExitCodes.Clean;
        });
        return command;
    }

    private static void Single(Policy policy, AuditRequest request, TextWriter stdout)
    {
        var decision = new PolicyEvaluator(policy).Evaluate(request);
        var last = decision.MatchedRule < 0 ? policy.Rules.Count - 1 : decision.MatchedRule - 1;
        for (var i = 0; i <= last; i++)
        {
            stdout.WriteLine(TerminalText.Escape("rule " + i.ToString(CultureInfo.InvariantCulture) + " (" + policy.Rules[i].Level.Value + ") does not match: " + RuleExplanation.WhyNot(policy.Rules[i], request)));
        }

        stdout.WriteLine(decision.MatchedRule < 0
            ? "no rule matches: level None (the policy default)"
            : "rule " + decision.MatchedRule.ToString(CultureInfo.InvariantCulture) + " matches: level " + decision.Level.Value);
        stdout.WriteLine("omitStages: [" + string.Join(", ", decision.OmitStages.ToSortedNames()) + "], omitManagedFields: " + (decision.OmitManagedFields ? "true" : "false"));
        stdout.WriteLine(Encoding.UTF8.GetString(DecisionLine(decision)).TrimEnd('\n'));
    }

    /// <summary>The derived request as one line of the --requests format.</summary>
    private static string RequestLine(AuditRequest request, string apiVersion)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteRequest(json, request, apiVersion);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// A request object of the --requests format, fields in the evaluation vectors' order; the one writer for requests
    /// that the tool prints for re-use (explain --http, findings' examples). <paramref name="apiVersion"/> is written when
    /// known (a derived HTTP request has one; a finding's example request does not).
    /// </summary>
    internal static void WriteRequest(Utf8JsonWriter json, AuditRequest request, string? apiVersion = null)
    {
        json.WriteStartObject();
        if (request.User is null)
        {
            json.WriteNull("user");
        }
        else
        {
            json.WriteString("user", request.User);
        }

        json.WriteStartArray("groups");
        foreach (var group in request.Groups)
        {
            json.WriteStringValue(group);
        }

        json.WriteEndArray();
        json.WriteBoolean("resourceRequest", request.ResourceRequest);
        json.WriteString("verb", request.Verb);
        json.WriteString("path", request.Path);
        json.WriteString("namespace", request.Namespace);
        json.WriteString("apiGroup", request.ApiGroup);
        if (apiVersion is not null)
        {
            json.WriteString("apiVersion", apiVersion);
        }

        json.WriteString("resource", request.Resource);
        json.WriteString("subresource", request.Subresource);
        json.WriteString("name", request.Name);
        json.WriteEndObject();
    }

    /// <summary>Opens the requests (a file, or standard input for "-") and streams the answers to standard output.</summary>
    internal static int Batch(Policy policy, string source, TextWriter stdout, TextWriter stderr)
    {
        Stream input;
        if (source != "-" && Directory.Exists(source))
        {
            stderr.WriteLine(TerminalText.Escape("error: " + source + ": is a directory"));
            return ExitCodes.InputError;
        }

        try
        {
            input = source == "-" ? Console.OpenStandardInput() : new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine(TerminalText.Escape("error: " + source + ": " + (ex is UnauthorizedAccessException ? "permission denied" : ex.Message)));
            return ExitCodes.InputError;
        }

        using (input)
        {
            stdout.Flush();
            var output = stdout == Console.Out ? Console.OpenStandardOutput() : new TextWriterStream(stdout);
            return Batch(policy, input, output, source, stderr);
        }
    }

    /// <summary>
    /// Streams JSON lines in and out with bounded memory: the input is read in 64 KiB chunks (a chunk grows only to
    /// hold one longer line), and answers leave in 64 KiB chunks, or sooner when the input arrives more slowly. The
    /// answer depends only on the matched rule, so each possible answer line is rendered once and copied per request.
    /// Repeated strings (users, groups, verbs, resources, namespaces) come from a bounded cache instead of being
    /// decoded again, and the path and the name are decoded only when the policy can read them (nonResourceURLs for
    /// non-resource requests, resourceNames for resource requests).
    /// </summary>
    internal static int Batch(Policy policy, Stream input, Stream output, string source, TextWriter stderr)
    {
        var parser = new RequestParser(policy);
        var evaluator = new PolicyEvaluator(policy);
        var answers = new byte[policy.Rules.Count + 1][];
        var outBuffer = new byte[1 << 16];
        var outLength = 0;
        var buffer = new byte[1 << 16];
        var filled = 0;
        var lineNumber = 0;
        while (true)
        {
            var requested = buffer.Length - filled;
            var read = input.Read(buffer, filled, requested);
            var endOfInput = read == 0;
            var end = filled + read;
            var start = 0;
            while (start < end)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline < 0 && !endOfInput)
                {
                    break;
                }

                var length = newline < 0 ? end - start : newline;
                lineNumber++;
                var line = buffer.AsSpan(start, length);

                // A UTF-8 byte order mark (editors put one at the start of a file) is not part of the JSON.
                if (lineNumber == 1 && line.StartsWith("\uFEFF"u8))
                {
                    line = line.Slice(3);
                }

                if (!parser.TryParse(line, out var request, out var error))
                {
                    output.Write(outBuffer, 0, outLength);
                    output.Flush();
                    stderr.WriteLine(TerminalText.Escape("error: " + source + ":" + lineNumber.ToString(CultureInfo.InvariantCulture) + ": invalid request: " + error));
                    return ExitCodes.InputError;
                }

                if (request is not null)
                {
                    var decision = evaluator.Evaluate(request);
                    var answer = answers[decision.MatchedRule + 1] ??= DecisionLine(decision);
                    if (outLength + answer.Length > outBuffer.Length)
                    {
                        output.Write(outBuffer, 0, outLength);
                        outLength = 0;
                    }

                    Buffer.BlockCopy(answer, 0, outBuffer, outLength, answer.Length);
                    outLength += answer.Length;
                }

                start += length + 1;
            }

            if (endOfInput)
            {
                break;
            }

            // A short read means the writer of a pipe is slower than we are: pass on the answers so far.
            if (read < requested && outLength > 0)
            {
                output.Write(outBuffer, 0, outLength);
                output.Flush();
                outLength = 0;
            }

            filled = end - start;
            if (start == 0 && filled == buffer.Length)
            {
                // A line longer than any request could be (the input may be /dev/zero or a file without newlines).
                if (buffer.Length >= MaxLineBytes)
                {
                    output.Write(outBuffer, 0, outLength);
                    output.Flush();
                    stderr.WriteLine(TerminalText.Escape("error: " + source + ":" + (lineNumber + 1).ToString(CultureInfo.InvariantCulture) + ": the line is longer than " + MaxLineBytes.ToString(CultureInfo.InvariantCulture) + " bytes, PolicyAsCode's limit for one request"));
                    return ExitCodes.InputError;
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }
            else if (filled > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, filled);
            }
        }

        output.Write(outBuffer, 0, outLength);
        output.Flush();
        return ExitCodes.Clean;
    }

    /// <summary>
    /// One request object per line: user (null = no user), groups, resourceRequest, verb, path, namespace, apiGroup,
    /// apiVersion (never read by the matcher), resource, subresource, name; or user, groups and http (the attributes
    /// derived from "METHOD /path?query" by RequestInfoFactory). Unknown fields are skipped.
    /// </summary>
    private sealed class RequestParser
    {
        private readonly Utf8Cache<string> _strings = new(4096, 128);
        private readonly Dictionary<string, RequestInfo> _derived = new(StringComparer.Ordinal);
        private readonly Utf8Cache<string[]> _groupLists = new(1024, 512);
        private readonly List<string> _groups = new(8);
        private readonly bool _readsPath;
        private readonly bool _readsName;

        public RequestParser(Policy policy)
        {
            foreach (var rule in policy.Rules)
            {
                _readsPath |= !rule.NonResourceURLs.IsEmpty;
                foreach (var gr in rule.Resources)
                {
                    _readsName |= !gr.ResourceNames.IsEmpty;
                }
            }
        }

        /// <summary>False with a message for an invalid line; true with a null request for a blank line.</summary>
        public bool TryParse(ReadOnlySpan<byte> line, out AuditRequest? request, out string? error)
        {
            request = null;
            error = null;
            if (line.Length > 0 && line[line.Length - 1] == (byte)'\r')
            {
                line = line.Slice(0, line.Length - 1);
            }

            // Blank: nothing but JSON white space.
            if (line.Trim(" \t\r"u8).Length == 0)
            {
                return true;
            }

            try
            {
                request = Parse(line);
                return true;
            }
            catch (JsonException ex)
            {
                error = ex.Message;
            }
            catch (InvalidOperationException ex)
            {
                error = ex.Message;
            }

            return false;
        }

        private AuditRequest Parse(ReadOnlySpan<byte> line)
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidOperationException("a request is a JSON object on one line");
            }

            string? user = null;
            var groups = Array.Empty<string>();
            var resourceRequest = false;
            string verb = string.Empty, ns = string.Empty, apiGroup = string.Empty, resource = string.Empty, sub = string.Empty;
            var path = default(Deferred);
            var name = default(Deferred);
            string? http = null;
            var attributes = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // Keys are compared as UTF-8 bytes; an escaped key ("\u0075ser") is unescaped first (rare).
                var property = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
                reader.Read();
                switch (property.Length)
                {
                    case 4 when property.SequenceEqual("user"u8):
                        user = reader.TokenType == JsonTokenType.Null ? null : String(ref reader, "user");
                        break;
                    case 6 when property.SequenceEqual("groups"u8):
                        groups = Groups(ref reader, line);
                        break;
                    case 15 when property.SequenceEqual("resourceRequest"u8):
                        resourceRequest = reader.TokenType switch
                        {
                            JsonTokenType.True => true,
                            JsonTokenType.False => false,
                            _ => throw new InvalidOperationException("resourceRequest must be true or false"),
                        };
                        attributes = true;
                        break;
                    case 4 when property.SequenceEqual("verb"u8):
                        verb = String(ref reader, "verb");
                        attributes = true;
                        break;
                    case 4 when property.SequenceEqual("path"u8):
                        path = Defer(ref reader, "path");
                        attributes = true;
                        break;
                    case 9 when property.SequenceEqual("namespace"u8):
                        ns = String(ref reader, "namespace");
                        attributes = true;
                        break;
                    case 8 when property.SequenceEqual("apiGroup"u8):
                        apiGroup = String(ref reader, "apiGroup");
                        attributes = true;
                        break;
                    case 8 when property.SequenceEqual("resource"u8):
                        resource = String(ref reader, "resource");
                        attributes = true;
                        break;
                    case 11 when property.SequenceEqual("subresource"u8):
                        sub = String(ref reader, "subresource");
                        attributes = true;
                        break;
                    case 4 when property.SequenceEqual("name"u8):
                        name = Defer(ref reader, "name");
                        attributes = true;
                        break;
                    case 4 when property.SequenceEqual("http"u8):
                        http = String(ref reader, "http");
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                throw new InvalidOperationException("unexpected content in the request object");
            }

            // One object per line: anything after it (but white space) is an error, not silently dropped.
            var end = reader.BytesConsumed;
            bool more;
            try
            {
                more = reader.Read();
            }
            catch (JsonException)
            {
                more = true;
            }

            if (more)
            {
                throw new InvalidOperationException("unexpected content after the request object (column " + (end + 1).ToString(CultureInfo.InvariantCulture) + ")");
            }

            if (http is not null)
            {
                return Derived(http, attributes, user, groups);
            }

            // The matcher reads the path only for non-resource requests and the name only for resourceNames.
            return new AuditRequest
            {
                User = user,
                Groups = groups,
                ResourceRequest = resourceRequest,
                Verb = verb,
                Path = _readsPath && !resourceRequest ? Materialize(path, line) : string.Empty,
                Namespace = ns,
                ApiGroup = apiGroup,
                Resource = resource,
                Subresource = sub,
                Name = _readsName && resourceRequest ? Materialize(name, line) : string.Empty,
            };
        }

        /// <summary>
        /// The request an "http" line derives; lines repeat, so each distinct line is derived once (the cache is
        /// bounded: it starts over when full).
        /// </summary>
        private AuditRequest Derived(string http, bool attributes, string? user, string[] groups)
        {
            if (attributes)
            {
                throw new InvalidOperationException("http derives the request attributes; give either http or resourceRequest, verb, path, namespace, apiGroup, resource, subresource and name");
            }

            if (!_derived.TryGetValue(http, out var info))
            {
                if (!RequestInfoFactory.TryParse(http, out info, out var error))
                {
                    throw new InvalidOperationException("http: " + error);
                }

                if (_derived.Count >= 4096)
                {
                    _derived.Clear();
                }

                _derived[http] = info!;
            }

            return info!.ToAuditRequest(user, groups);
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
                throw new InvalidOperationException(field + " must be a string");
            }

            var bytes = reader.ValueSpan;
            if (reader.ValueIsEscaped || bytes.Length == 0)
            {
                return reader.GetString()!;
            }

            var slot = _strings.Slot(bytes, out var cached);
            if (cached is not null)
            {
                return cached;
            }

            // GetString checks the UTF-8 (and throws as before); only valid bytes enter the cache.
            var value = reader.GetString()!;
            _strings.Set(slot, bytes, value);
            return value;
        }

        /// <summary>groups: null or an array of strings; equal arrays (byte for byte) share one string[].</summary>
        private string[] Groups(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return Array.Empty<string>();
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new InvalidOperationException("groups must be an array of strings");
            }

            var start = (int)reader.TokenStartIndex;
            _groups.Clear();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    throw new InvalidOperationException("groups must be an array of strings");
                }

                _groups.Add(String(ref reader, "groups"));
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

        /// <summary>Checks a string now (type and UTF-8, with the same errors as decoding it) and decodes it only if needed.</summary>
        private static Deferred Defer(ref Utf8JsonReader reader, string field)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return default;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                throw new InvalidOperationException(field + " must be a string");
            }

            if (reader.ValueIsEscaped)
            {
                return new Deferred(reader.GetString()!, 0, 0);
            }

            if (!Utf8.IsValid(reader.ValueSpan))
            {
                _ = reader.GetString();
            }

            return new Deferred(null, (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
        }

        private string Materialize(Deferred value, ReadOnlySpan<byte> line)
        {
            if (value.Decoded is not null || value.Length == 0)
            {
                return value.Decoded ?? string.Empty;
            }

            var bytes = line.Slice(value.Start, value.Length);
            var slot = _strings.Slot(bytes, out var cached);
            if (cached is not null)
            {
                return cached;
            }

            var decoded = Encoding.UTF8.GetString(bytes);
            _strings.Set(slot, bytes, decoded);
            return decoded;
        }

        /// <summary>A string value found in the line: decoded already (escapes), or its unescaped, valid UTF-8 bytes.</summary>
        private readonly record struct Deferred(string? Decoded, int Start, int Length);
    }

    /// <summary>{"level":...,"omitStages":[sorted],"omitManagedFields":...,"matchedRule":N}\n</summary>
    internal static byte[] DecisionLine(AuditDecision decision)
    {
        var sb = new StringBuilder("{\"level\":\"").Append(decision.Level.Value).Append("\",\"omitStages\":[");
        var names = decision.OmitStages.ToSortedNames();
        for (var i = 0; i < names.Length; i++)
        {
            sb.Append(i > 0 ? ",\"" : "\"").Append(names[i]).Append('"');
        }

        sb.Append("],\"omitManagedFields\":").Append(decision.OmitManagedFields ? "true" : "false")
            .Append(",\"matchedRule\":").Append(decision.MatchedRule.ToString(CultureInfo.InvariantCulture)).Append("}\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
