using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using PolicyAsCode.Build;

namespace PolicyAsCode.Cli.Commands;

/// <summary><c>diff OLD NEW</c>: which requests get a different level, stages or managed-fields setting.</summary>
internal static class DiffCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var oldFile = new Argument<string>("old") { Description = "The old policy: a YAML/JSON file, or a built assembly (.dll) with one policy." };
        var newFile = new Argument<string>("new") { Description = "The new policy, likewise." };
        var policy = new Option<string?>("--policy") { Description = "For an assembly with several policies: the file name to compare (e.g. gke-audit-policy.yaml)." };
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("diff", "Compare two policies by behaviour: every kind of request (by user or group, verb, resource, namespace, path) that is decided differently, with an example.")
        {
            oldFile, newFile, policy, format,
        };
        command.SetAction(parse =>
        {
            var before = Load(parse.GetValue(oldFile)!, parse.GetValue(policy), stderr);
            var after = Load(parse.GetValue(newFile)!, parse.GetValue(policy), stderr);
            if (before is null || after is null)
            {
                return ExitCodes.InputError;
            }

            var differences = PolicyDiff.Compare(before, after);
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

                stdout.WriteLine(differences.Count == 0 ? "no difference in behaviour" : differences.Count + " kinds of request are decided differently");
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
                json.WriteString("what", d.What);
                json.WriteString("description", PolicyDiff.Describe(d));
                json.WriteStartObject("example");
                if (d.Example.User is null)
                {
                    json.WriteNull("user");
                }
                else
                {
                    json.WriteString("user", d.Example.User);
                }

                json.WriteStartArray("groups");
                foreach (var g in d.Example.Groups)
                {
                    json.WriteStringValue(g);
                }

                json.WriteEndArray();
                json.WriteBoolean("resourceRequest", d.Example.ResourceRequest);
                json.WriteString("verb", d.Example.Verb);
                json.WriteString("path", d.Example.Path);
                json.WriteString("namespace", d.Example.Namespace);
                json.WriteString("apiGroup", d.Example.ApiGroup);
                json.WriteString("resource", d.Example.Resource);
                json.WriteString("subresource", d.Example.Subresource);
                json.WriteString("name", d.Example.Name);
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
