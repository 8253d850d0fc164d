using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using PolicyAsCode.Build;

namespace PolicyAsCode.Cli.Commands;

/// <summary>
/// <c>diff OLD NEW</c>: which requests get a different level, stages or managed-fields setting, one group per pair of
/// deciding rules. JSON (stable, documented in the README): an array, one object per group with <c>oldRule</c>,
/// <c>newRule</c>, <c>cases</c>, <c>description</c>, <c>example</c> (the fields <c>explain --requests</c> reads) and
/// <c>old</c>/<c>new</c> (the decision lines <c>explain --requests</c> answers).
/// </summary>
internal static class DiffCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var oldFile = new Argument<string>("old") { Description = "The old policy: a YAML/JSON file, or a built assembly (.dll) with one policy." };
        var newFile = new Argument<string>("new") { Description = "The new policy, likewise." };
        var policy = new Option<string?>("--policy") { Description = "For an assembly with several policies: the file name to compare (e.g. gke-audit-policy.yaml)." };
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var maxSteps = new Option<long>("--max-steps") { Description = "The work bound: the most branches the exact comparison may visit before it gives up with exit 2.", DefaultValueFactory = _ => PolicyDiff.DefaultMaxSteps };
        maxSteps.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 1)
            {
                result.AddError("--max-steps must be at least 1");
            }
        });
        var command = new Command("diff", "Compare two policies by behaviour: the requests decided differently, grouped by the rules that decide them before and after, each group with a count and one concrete example request (reproducible with explain).")
        {
            oldFile, newFile, policy, format, maxSteps,
        };
        command.SetAction(parse =>
        {
            var before = Load(parse.GetValue(oldFile)!, parse.GetValue(policy), stderr);
            var after = Load(parse.GetValue(newFile)!, parse.GetValue(policy), stderr);
            if (before is null || after is null)
            {
                return ExitCodes.InputError;
            }

            List<BehaviourDifference> differences;
            try
            {
                differences = PolicyDiff.Compare(before, after, parse.GetValue(maxSteps));
            }
            catch (PolicyDiffTooLargeException ex)
            {
                stderr.WriteLine("error: " + ex.Message + " (--max-steps)");
                return ExitCodes.InputError;
            }

            if (parse.GetValue(format) == "json")
            {
                WriteJson(differences, stdout);
            }
            else
            {
                foreach (var difference in differences)
                {
                    stdout.WriteLine(TerminalText.Escape(PolicyDiff.Describe(difference)));
                }

                stdout.WriteLine(PolicyDiff.Summary(differences));
            }

            return differences.Count == 0 ? ExitCodes.Clean : ExitCodes.Findings;
        });
        return command;
    }

    private static Policy? Load(string path, string? policyName, TextWriter stderr)
    {
        if (!path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return PolicyFiles.LoadAccepted(path, stderr);
        }

        List<KeyValuePair<string, string>> entries;
        try
        {
            entries = PolicyManifestReader.Read(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            PolicyFiles.InputError(path, "no such file", stderr);
            return null;
        }
        catch (Exception ex) when (ex is BadImageFormatException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            PolicyFiles.InputError(path, "not a readable .NET assembly: " + ex.Message, stderr);
            return null;
        }

        var chosen = entries.Where(e => policyName is null || e.Key == policyName).ToList();
        if (chosen.Count != 1)
        {
            stderr.WriteLine(TerminalText.Escape("error: " + path + ": " + (chosen.Count == 0 ? "no policy" : "several policies") + " (" + string.Join(", ", entries.Select(e => e.Key)) + "); choose one with --policy"));
            return null;
        }

        return PolicyFiles.Accepted(path, PolicyLoader.Load(chosen[0].Value), stderr);
    }

    private static void WriteJson(List<BehaviourDifference> differences, TextWriter stdout)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var d in differences)
            {
                json.WriteStartObject();
                json.WriteNumber("oldRule", d.Old.MatchedRule);
                json.WriteNumber("newRule", d.New.MatchedRule);
                json.WriteNumber("cases", d.Cases);
                json.WriteString("description", PolicyDiff.Describe(d));
                // The HTTP request kube-apiserver derives the example from, for explain --http. Beside the example, not in
                // it: explain --requests takes either an http line or the attributes, and the example stays a request line.
                json.WriteString("http", RequestDomain.ExampleHttp(d.Example));
                json.WriteStartObject("example");
                json.WriteString("user", d.Example.User);
                json.WriteStartArray("groups");
                foreach (var g in d.Example.Groups)
                {
                    json.WriteStringValue(g);
                }

                json.WriteEndArray();
                json.WriteBoolean("resourceRequest", d.Example.ResourceRequest);
                json.WriteString("verb", d.Example.Verb);
                if (d.Example.ResourceRequest)
                {
                    json.WriteString("namespace", d.Example.Namespace);
                    json.WriteString("apiGroup", d.Example.ApiGroup);
                    json.WriteString("resource", d.Example.Resource);
                    json.WriteString("subresource", d.Example.Subresource);
                    json.WriteString("name", d.Example.Name);
                }
                else
                {
                    json.WriteString("path", d.Example.Path);
                }

                json.WriteEndObject();
                json.WritePropertyName("old");
                json.WriteRawValue(Encoding.UTF8.GetString(ExplainCommand.DecisionLine(d.Old)).TrimEnd('\n'));
                json.WritePropertyName("new");
                json.WriteRawValue(Encoding.UTF8.GetString(ExplainCommand.DecisionLine(d.New)).TrimEnd('\n'));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
