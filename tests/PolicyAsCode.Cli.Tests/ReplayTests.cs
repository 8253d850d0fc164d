using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using PolicyAsCode.Tests;
using Xunit;

namespace PolicyAsCode.Cli.Tests;

/// <summary><c>replay</c> on the real audit-log samples, checked against <c>explain --requests</c>.</summary>
public sealed class ReplayTests
{
    /// <summary>Every real sample kept as JSON lines (see audit-logs/PROVENANCE.md), in a fixed order.</summary>
    internal static string[] Samples
    {
        get
        {
            var root = Path.Combine(Path.GetDirectoryName(SharedFiles.Spec("x"))!, "..", "audit-logs");
            return Directory.GetFiles(root, "*.jsonl", SearchOption.AllDirectories).Append(Path.Combine(root, "audit2rbac", "demo.log"))
                .Select(Path.GetFullPath).OrderBy(p => p, StringComparer.Ordinal).ToArray();
        }
    }

    public static IEnumerable<object[]> CorpusFiles => Directory.GetFiles(SharedFiles.CorpusDirectory, "*.yaml")
        .Where(f => PolicyLoader.LoadFile(f).Accepted).OrderBy(f => f, StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    /// <summary>
    /// The per-rule requests and events of replay equal what explain --requests decides for the same requests,
    /// mapped from the events here with JsonDocument (a different reader): requests are distinct auditIDs of a file
    /// (replay reads files apart, in parallel), counted at their first event, and events those whose decision
    /// writes them (a level above None, a stage not omitted).
    /// </summary>
    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Per_rule_counts_on_the_real_samples_equal_explain_requests(string corpusFile)
    {
        var policy = Path.Combine(SharedFiles.CorpusDirectory, corpusFile);
        var events = Samples.SelectMany(file => File.ReadLines(file).Select(Independent).Where(e => e is not null).Select(e => (e!.Value.Request, AuditId: file + " " + e.Value.AuditId, e.Value.Stage))).ToList();
        Assert.True(events.Count >= 100, "samples: " + events.Count);
        var requests = Tool.TempFile(string.Join("\n", events.Select(e => e.Request)) + "\n", ".jsonl");
        try
        {
            var (code, answers, stderr) = Tool.InProcess("explain", policy, "--requests", requests);
            Assert.True(code == 0, stderr);
            var decisions = answers.TrimEnd('\n').Split('\n').Select(line => JsonDocument.Parse(line).RootElement).ToList();
            Assert.Equal(events.Count, decisions.Count);
            var expectedRequests = new Dictionary<int, long>();
            var expectedEvents = new Dictionary<int, long>();
            var seen = new HashSet<string>();
            for (var i = 0; i < events.Count; i++)
            {
                var rule = decisions[i].GetProperty("matchedRule").GetInt32();
                if (seen.Add(events[i].AuditId))
                {
                    expectedRequests[rule] = expectedRequests.GetValueOrDefault(rule) + 1;
                }

                var written = decisions[i].GetProperty("level").GetString() != "None"
                    && !decisions[i].GetProperty("omitStages").EnumerateArray().Any(s => s.GetString() == events[i].Stage);
                expectedEvents[rule] = expectedEvents.GetValueOrDefault(rule) + (written ? 1 : 0);
            }

            var (replayCode, json, replayErr) = Tool.InProcess(new[] { "replay" }.Concat(Samples).Concat(new[] { "--policy", policy, "--format", "json" }).ToArray());
            Assert.True(replayCode == 0, replayErr);
            var report = JsonDocument.Parse(json).RootElement;
            Assert.Equal(events.Count, report.GetProperty("events").GetInt64());
            foreach (var row in report.GetProperty("rules").EnumerateArray())
            {
                var index = row.GetProperty("index").GetInt32();
                Assert.True(expectedRequests.GetValueOrDefault(index) == row.GetProperty("requests").GetInt64(), corpusFile + " rule " + index + " requests");
                Assert.True(expectedEvents.GetValueOrDefault(index) == row.GetProperty("events").GetInt64(), corpusFile + " rule " + index + " events");
            }

            Assert.Equal(expectedRequests.Values.Sum(), report.GetProperty("total").GetProperty("requests").GetInt64());
            Assert.Equal(expectedEvents.Values.Sum(), report.GetProperty("total").GetProperty("events").GetInt64());
        }
        finally
        {
            File.Delete(requests);
        }
    }

    /// <summary>An event line as an explain request (null for lines that are not events).</summary>
    private static (string Request, string AuditId, string Stage)? Independent(string line)
    {
        JsonElement e;
        try
        {
            e = JsonDocument.Parse(line).RootElement;
        }
        catch (JsonException)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Object || (e.TryGetProperty("kind", out var kind) && kind.ToString() != "Event") || !e.TryGetProperty("auditID", out var id))
        {
            return null;
        }

        string Str(JsonElement o, string name) => o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
        var user = e.GetProperty("user");
        var hasRef = e.TryGetProperty("objectRef", out var objectRef);
        var request = new Dictionary<string, object?>
        {
            ["user"] = Str(user, "username") is { Length: > 0 } name ? name : null,
            ["groups"] = user.TryGetProperty("groups", out var groups) ? groups.EnumerateArray().Select(g => g.GetString()).ToArray() : Array.Empty<string>(),
            ["resourceRequest"] = hasRef,
            ["verb"] = Str(e, "verb"),
            ["path"] = hasRef ? string.Empty : Str(e, "requestURI").Split('?')[0],
            ["namespace"] = Str(objectRef, "namespace"),
            ["apiGroup"] = Str(objectRef, "apiGroup"),
            ["resource"] = Str(objectRef, "resource"),
            ["subresource"] = Str(objectRef, "subresource"),
            ["name"] = Str(objectRef, "name"),
        };
        return (JsonSerializer.Serialize(request), id.GetString()!, Str(e, "stage"));
    }

    [Fact]
    public void The_text_table_lists_every_rule_totals_rates_retention_and_top_talkers()
    {
        var demo = Samples.Single(s => s.EndsWith("demo.log", StringComparison.Ordinal));
        var policy = Path.Combine(Path.GetDirectoryName(demo)!, "demo-policy.yaml");
        var (code, stdout, stderr) = Tool.InProcess("replay", demo, "--policy", policy, "--max-size", "1", "--max-backup", "2");
        Assert.True(code == 0, stderr);
        Assert.Contains("log: 37 events of 37 requests in 37 lines", stdout);
        Assert.Contains("time: 2017-09-11T", stdout);
        Assert.Matches(@"\n0\s+Metadata\s+37\s+37\s+21\.6 KiB\s+100\.0%\s+21\.6 KiB\s+0 B\s+users=system:admin", stdout);
        Assert.Contains("retention: 2 rotated files x 1 MB = 2.00 MiB hold", stdout);
        Assert.Contains("top talkers", stdout);
        Assert.Contains("system:admin  list  pods", stdout);
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public void Json_is_deterministic_and_marks_raised_levels()
    {
        var args = new[] { "replay" }.Concat(Samples).Concat(new[] { "--policy", Path.Combine(SharedFiles.CorpusDirectory, "gke-configure-helper.yaml"), "--format", "json", "--jobs", "3" }).ToArray();
        var first = Tool.InProcess(args);
        var second = Tool.InProcess(args.Take(args.Length - 1).Append("1").ToArray());
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
        var report = JsonDocument.Parse(first.Stdout).RootElement;
        Assert.Equal("policyascode.replay/v1", report.GetProperty("schema").GetString());
        Assert.True(report.GetProperty("total").GetProperty("raisedEvents").GetInt64() > 0);
        Assert.True(report.GetProperty("total").GetProperty("estimatedBytes").GetInt64() + report.GetProperty("total").GetProperty("unestimatedEvents").GetInt64() > 0);
        var text = Tool.InProcess(args.Take(args.Length - 4).ToArray()).Stdout;
        Assert.Contains("raised level: ", text);
        Assert.Contains("estimate", text);
        Assert.Contains("~", text);
    }

    [Fact]
    public void Standard_input_gzip_a_truncated_line_and_a_non_event_line_in_the_real_tool()
    {
        var demo = Samples.Single(s => s.EndsWith("demo.log", StringComparison.Ordinal));
        var policy = Path.Combine(Path.GetDirectoryName(demo)!, "demo-policy.yaml");
        var lines = File.ReadAllLines(demo);
        var input = string.Join("\n", lines.Take(10)) + "\n{\"kind\": 0}\n" + lines[10].Substring(0, 100);
        var (code, stdout, stderr) = Tool.Process(input, "replay", "-", "--policy", policy, "--format", "json");
        Assert.True(code == 0, stderr);
        var report = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(10, report.GetProperty("events").GetInt64());
        Assert.Equal(2, report.GetProperty("notEvents").GetProperty("count").GetInt64());
        Assert.Contains("warning: -:11: not an audit event: not an audit Event (kind is not \"Event\")", stderr);
        Assert.Contains("warning: -:12: not an audit event: truncated", stderr);
        Assert.DoesNotContain("events/s", stderr);

        var strict = Tool.Process(input, "replay", "-", "--policy", policy, "--strict");
        Assert.Equal(2, strict.ExitCode);
        Assert.Contains("error: -:11:", strict.Stderr);

        var gz = Path.Combine(Path.GetTempPath(), "policyascode-replay-" + Guid.NewGuid().ToString("N") + ".log.gz");
        try
        {
            using (var z = new GZipStream(File.Create(gz), CompressionLevel.Optimal))
            {
                z.Write(File.ReadAllBytes(demo));
            }

            var zipped = Tool.InProcess("replay", gz, "--policy", policy, "--format", "json");
            var plain = Tool.InProcess("replay", demo, "--policy", policy, "--format", "json");
            Assert.Equal(plain.Stdout.Replace(JsonEncodedText.Encode(demo).ToString(), "X"), zipped.Stdout.Replace(JsonEncodedText.Encode(gz).ToString(), "X"));
        }
        finally
        {
            File.Delete(gz);
        }
    }

    [Fact]
    public void Bad_input_is_exit_2_with_a_message()
    {
        var demo = Samples.Single(s => s.EndsWith("demo.log", StringComparison.Ordinal));
        var missing = Tool.InProcess("replay", "/nonexistent/audit.log", "--policy", Path.Combine(Path.GetDirectoryName(demo)!, "demo-policy.yaml"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("error: /nonexistent/audit.log: no such file or directory", missing.Stderr);
        var badPolicy = Tool.TempFile("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: metadata\n");
        try
        {
            var rejected = Tool.InProcess("replay", demo, "--policy", badPolicy);
            Assert.Equal(2, rejected.ExitCode);
            Assert.Contains("kube-apiserver would not load this policy", rejected.Stderr);
        }
        finally
        {
            File.Delete(badPolicy);
        }

        Assert.Equal(2, Tool.InProcess("replay", demo).ExitCode);
    }
}
