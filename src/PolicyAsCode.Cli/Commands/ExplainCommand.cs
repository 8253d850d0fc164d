using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace PolicyAsCode.Cli.Commands;

/// <summary><c>explain FILE</c>: which rule decides a request and why; or many requests as JSON lines.</summary>
internal static class ExplainCommand
{
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
        var requests = new Option<string?>("--requests") { Description = "A JSON-lines file of requests (fields of the evaluation vectors' request mapping), '-' for standard input; answers one JSON line each." };
        var command = new Command("explain", "Show which rule decides a request, and why the rules before it do not match.")
        {
            file, user, groups, verb, ns, apiGroup, resource, subresource, name, path, requests,
        };
        command.SetAction(parse =>
        {
            var loaded = PolicyLoader.LoadFile(parse.GetValue(file)!);
            if (!loaded.Accepted)
            {
                stderr.WriteLine("error: " + parse.GetValue(file) + ": kube-apiserver would not load this policy: " + loaded.Error);
                return ExitCodes.InputError;
            }

            var batch = parse.GetValue(requests);
            if (batch is not null)
            {
                return Batch(loaded.Policy!, batch, stdout, stderr);
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

            Single(loaded.Policy!, request, stdout);
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
            stdout.WriteLine("rule " + i.ToString(CultureInfo.InvariantCulture) + " (" + policy.Rules[i].Level.Value + ") does not match: " + RuleExplanation.WhyNot(policy.Rules[i], request));
        }

        stdout.WriteLine(decision.MatchedRule < 0
            ? "no rule matches: level None (the policy default)"
            : "rule " + decision.MatchedRule.ToString(CultureInfo.InvariantCulture) + " matches: level " + decision.Level.Value);
        stdout.WriteLine("omitStages: [" + string.Join(", ", decision.OmitStages.ToSortedNames()) + "], omitManagedFields: " + (decision.OmitManagedFields ? "true" : "false"));
        stdout.WriteLine(Encoding.UTF8.GetString(DecisionLine(decision)).TrimEnd('\n'));
    }

    /// <summary>
    /// Streams JSON lines in and out. The answer depends only on the matched rule, so each possible answer line
    /// is rendered once up front and copied per request.
    /// </summary>
    internal static int Batch(Policy policy, string source, TextWriter stdout, TextWriter stderr)
    {
        var evaluator = new PolicyEvaluator(policy);
        var answers = new byte[policy.Rules.Count + 1][];
        Stream input;
        try
        {
            input = source == "-" ? Console.OpenStandardInput() : new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine("error: " + source + ": " + ex.Message);
            return ExitCodes.InputError;
        }

        using (input)
        {
            var output = stdout == Console.Out ? Console.OpenStandardOutput() : null;
            var outBuffer = new MemoryStream(1 << 16);
            var buffer = new byte[1 << 16];
            var filled = 0;
            var lineNumber = 0;
            var groups = new List<string>(8);
            while (true)
            {
                var read = input.Read(buffer, filled, buffer.Length - filled);
                var end = filled + read;
                var start = 0;
                for (var i = 0; i < end; i++)
                {
                    if (buffer[i] != (byte)'\n')
                    {
                        continue;
                    }

                    lineNumber++;
                    if (!Answer(buffer.AsSpan(start, i - start), evaluator, answers, policy, groups, outBuffer, out var error))
                    {
                        Flush(outBuffer, output, stdout);
                        stderr.WriteLine("error: " + source + ":" + lineNumber.ToString(CultureInfo.InvariantCulture) + ": invalid request: " + error);
                        return ExitCodes.InputError;
                    }

                    start = i + 1;
                }

                if (read == 0)
                {
                    if (start < end)
                    {
                        lineNumber++;
                        if (!Answer(buffer.AsSpan(start, end - start), evaluator, answers, policy, groups, outBuffer, out var error))
                        {
                            Flush(outBuffer, output, stdout);
                            stderr.WriteLine("error: " + source + ":" + lineNumber.ToString(CultureInfo.InvariantCulture) + ": invalid request: " + error);
                            return ExitCodes.InputError;
                        }
                    }

                    break;
                }

                filled = end - start;
                if (start == 0 && filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                else
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, filled);
                }

                if (outBuffer.Length > 1 << 15)
                {
                    Flush(outBuffer, output, stdout);
                }
            }

            Flush(outBuffer, output, stdout);
            output?.Flush();
        }

        return ExitCodes.Clean;
    }

    private static void Flush(MemoryStream buffer, Stream? output, TextWriter stdout)
    {
        if (buffer.Length == 0)
        {
            return;
        }

        if (output is not null)
        {
            stdout.Flush();
            output.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        else
        {
            stdout.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }

        buffer.SetLength(0);
    }

    private static bool Answer(ReadOnlySpan<byte> line, PolicyEvaluator evaluator, byte[][] answers, Policy policy, List<string> groups, MemoryStream output, out string? error)
    {
        error = null;
        if (line.Length > 0 && line[line.Length - 1] == (byte)'\r')
        {
            line = line.Slice(0, line.Length - 1);
        }

        if (line.Trim((byte)' ').Length == 0)
        {
            return true;
        }

        AuditRequest request;
        try
        {
            request = Parse(line, groups);
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return false;
        }
        catch (InvalidOperationException ex)
        {
            error = ex.Message;
            return false;
        }

        var decision = evaluator.Evaluate(request);
        var slot = decision.MatchedRule + 1;
        var answer = answers[slot] ??= DecisionLine(decision);
        output.Write(answer, 0, answer.Length);
        return true;
    }

    /// <summary>One request object: user (null = no user), groups, resourceRequest, verb, path, namespace, apiGroup, apiVersion, resource, subresource, name.</summary>
    private static AuditRequest Parse(ReadOnlySpan<byte> line, List<string> groups)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidOperationException("a request is a JSON object on one line");
        }

        string? user = null;
        var resourceRequest = false;
        string verb = string.Empty, path = string.Empty, ns = string.Empty, apiGroup = string.Empty, resource = string.Empty, sub = string.Empty, name = string.Empty;
        groups.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.ValueSpan;
            reader.Read();
            if (property.SequenceEqual("user"u8))
            {
                user = reader.TokenType == JsonTokenType.Null ? null : String(ref reader, "user");
            }
            else if (property.SequenceEqual("groups"u8))
            {
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        groups.Add(String(ref reader, "groups"));
                    }
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    throw new InvalidOperationException("groups must be an array of strings");
                }
            }
            else if (property.SequenceEqual("resourceRequest"u8))
            {
                resourceRequest = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => throw new InvalidOperationException("resourceRequest must be true or false"),
                };
            }
            else if (property.SequenceEqual("verb"u8))
            {
                verb = String(ref reader, "verb");
            }
            else if (property.SequenceEqual("path"u8))
            {
                path = String(ref reader, "path");
            }
            else if (property.SequenceEqual("namespace"u8))
            {
                ns = String(ref reader, "namespace");
            }
            else if (property.SequenceEqual("apiGroup"u8))
            {
                apiGroup = String(ref reader, "apiGroup");
            }
            else if (property.SequenceEqual("resource"u8))
            {
                resource = String(ref reader, "resource");
            }
            else if (property.SequenceEqual("subresource"u8))
            {
                sub = String(ref reader, "subresource");
            }
            else if (property.SequenceEqual("name"u8))
            {
                name = String(ref reader, "name");
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new InvalidOperationException("unexpected content in the request object");
        }

        return new AuditRequest
        {
            User = user,
            Groups = groups.Count == 0 ? Array.Empty<string>() : groups.ToArray(),
            ResourceRequest = resourceRequest,
            Verb = verb,
            Path = path,
            Namespace = ns,
            ApiGroup = apiGroup,
            Resource = resource,
            Subresource = sub,
            Name = name,
        };
    }

    private static string String(ref Utf8JsonReader reader, string field)
        => reader.TokenType == JsonTokenType.String ? reader.GetString()! : reader.TokenType == JsonTokenType.Null ? string.Empty : throw new InvalidOperationException(field + " must be a string");

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
