using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using PolicyAsCode.Tests;
using Xunit;

namespace PolicyAsCode.Cli.Tests;

/// <summary>
/// <c>validate</c>'s findings in JSON and SARIF: ids, titles, severities and help links from the rule catalog, and each
/// finding's structured data (docs/findings-json.md), whose example request reproduces with <c>explain --requests</c>.
/// </summary>
public sealed class FindingOutputTests
{
    // Rule 0 shadows the pod writes CalicoCloud needs at RequestResponse (PAC0002); nothing audits the rest (PAC0001);
    // 'pod' is a singular name (PAC0005); 'omitStage' is an unknown field (PACY001).
    private const string Policy = "apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStage: [\"RequestReceived\"]\nrules:\n"
        + "  - level: Metadata\n    resources:\n      - group: \"\"\n        resources: [\"pods\", \"pod\"]\n";

    [Fact]
    public void Json_gives_requirement_findings_their_set_kind_cells_and_an_example_explain_reproduces()
    {
        var file = Tool.TempFile(Policy);
        try
        {
            var (_, stdout, stderr) = Tool.InProcess("validate", "--format", "json", "--require", "CalicoCloud", file);
            var findings = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Single().GetProperty("findings").EnumerateArray().ToList();
            Assert.True(findings.Count > 0, stderr);
            foreach (var finding in findings)
            {
                var rule = RuleCatalog.Get(finding.GetProperty("id").GetString()!);
                Assert.Equal(rule.Title, finding.GetProperty("title").GetString());
                Assert.Equal(rule.HelpUri, finding.GetProperty("helpUri").GetString());
                Assert.Equal(rule.DefaultSeverity.ToString().ToLowerInvariant(), finding.GetProperty("severity").GetString());
            }

            Assert.Contains(findings, f => f.GetProperty("id").GetString() == "PACY001" && !f.TryGetProperty("data", out _));
            var singular = findings.Single(f => f.GetProperty("id").GetString() == "PAC0005").GetProperty("data");
            Assert.Equal("resources", singular.GetProperty("field").GetString());
            Assert.Equal(0, singular.GetProperty("entryIndex").GetInt32());
            Assert.Equal(1, singular.GetProperty("itemIndex").GetInt32());
            Assert.Equal("pods", singular.GetProperty("suggestion").GetString());

            var gaps = findings.Where(f => f.GetProperty("id").GetString() is "PAC0001" or "PAC0002").ToList();
            Assert.Contains(gaps, g => g.GetProperty("id").GetString() == "PAC0001");
            Assert.Contains(gaps, g => g.GetProperty("id").GetString() == "PAC0002");
            var lines = new System.Collections.Generic.List<string>();
            foreach (var gap in gaps)
            {
                var data = gap.GetProperty("data");
                Assert.Equal("CalicoCloud", data.GetProperty("requirementSet").GetString());
                Assert.Equal(gap.GetProperty("id").GetString() == "PAC0001" ? "NotAudited" : "Shadowed", data.GetProperty("kind").GetString());
                // A finding groups the cells of one cause; the example is a request of the first.
                var cells = data.GetProperty("cells").EnumerateArray().ToList();
                var cell = cells[0];
                var example = data.GetProperty("example");
                Assert.Equal(example.GetProperty("apiGroup").GetString(), cell.GetProperty("group").GetString());
                Assert.Equal(example.GetProperty("verb").GetString(), cell.GetProperty("verb").GetString());
                var sub = example.GetProperty("subresource").GetString();
                Assert.Equal(example.GetProperty("resource").GetString() + (sub!.Length > 0 ? "/" + sub : string.Empty), cell.GetProperty("resource").GetString());
                Assert.All(cells, c => Assert.Contains(c.GetProperty("verb").GetString()!, gap.GetProperty("message").GetString()));
                Assert.All(cells, c => Assert.Contains(c.GetProperty("resource").GetString()!, gap.GetProperty("message").GetString()));

                // PAC0002 sits at its deciding rule; PAC0001 (no rule decides) at the rule its fix edits.
                if (gap.GetProperty("id").GetString() == "PAC0002")
                {
                    Assert.Equal(gap.GetProperty("ruleIndex").GetInt32(), data.GetProperty("decidingRule").GetInt32());
                }
                else
                {
                    Assert.Equal(-1, data.GetProperty("decidingRule").GetInt32());
                    // The policy has one rule: a new rule after it (position 1) is reported at it.
                    Assert.Equal(System.Math.Min(data.GetProperty("fixes")[0].GetProperty("rule").GetInt32(), 0), gap.GetProperty("ruleIndex").GetInt32());
                }

                lines.Add(example.GetRawText().Replace("\n", string.Empty).Replace("\r", string.Empty));

                // The same request as kube-apiserver receives it: explain --http derives it and decides it alike.
                var arguments = new System.Collections.Generic.List<string> { "explain", file, "--http", data.GetProperty("exampleHttp").GetString()!, "--user", example.GetProperty("user").GetString()! };
                foreach (var group in example.GetProperty("groups").EnumerateArray())
                {
                    arguments.Add("--group");
                    arguments.Add(group.GetString()!);
                }

                var http = Tool.InProcess(arguments.ToArray());
                Assert.True(http.ExitCode == 0, http.Stderr);
                Assert.Contains("\"matchedRule\":" + data.GetProperty("decidingRule").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) + "}", http.Stdout);
            }

            // Every example is a request explain reads, decided by the rule the finding names at the level it names.
            var (code, answers, explainErrors) = Tool.Process(string.Join("\n", lines) + "\n", "explain", file, "--requests", "-");
            Assert.True(code == 0, explainErrors);
            var decisions = answers.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(gaps.Count, decisions.Count);
            for (var i = 0; i < gaps.Count; i++)
            {
                var data = gaps[i].GetProperty("data");
                Assert.Equal(data.GetProperty("decidingRule").GetInt32(), decisions[i].GetProperty("matchedRule").GetInt32());
                Assert.Equal(data.GetProperty("decidedLevel").GetString(), decisions[i].GetProperty("level").GetString());
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Every requirement finding on every corpus policy kube-apiserver loads: its HTTP example, derived again by
    /// explain --http with the example's user and groups, is decided by the finding's deciding rule at its level, and
    /// the derived request is the JSON example (so the example is one kube-apiserver receives).
    /// </summary>
    [Fact]
    public void Every_requirement_example_on_the_corpus_reproduces_with_explain_http()
    {
        var checkedExamples = 0;
        foreach (var file in Directory.GetFiles(SharedFiles.CorpusDirectory, "*.yaml").OrderBy(f => f, System.StringComparer.Ordinal))
        {
            var (_, stdout, _) = Tool.InProcess("validate", "--format", "json", "--require", "CalicoCloud", file);
            foreach (var finding in JsonDocument.Parse(stdout).RootElement.EnumerateArray().Single().GetProperty("findings").EnumerateArray())
            {
                if (!finding.TryGetProperty("data", out var data) || !data.TryGetProperty("exampleHttp", out var http))
                {
                    continue;
                }

                var example = data.GetProperty("example");
                var arguments = new System.Collections.Generic.List<string> { "explain", file, "--http", http.GetString()!, "--user", example.GetProperty("user").GetString()! };
                foreach (var group in example.GetProperty("groups").EnumerateArray())
                {
                    arguments.Add("--group");
                    arguments.Add(group.GetString()!);
                }

                var explained = Tool.InProcess(arguments.ToArray());
                var context = Path.GetFileName(file) + ": " + finding.GetProperty("message").GetString();
                Assert.True(explained.ExitCode == 0, context + "\n" + explained.Stderr);
                var lines = explained.Stdout.TrimEnd('\n').Split('\n');
                var request = JsonDocument.Parse(lines[0].Substring("request: ".Length)).RootElement;
                foreach (var key in new[] { "verb", "namespace", "apiGroup", "resource", "subresource", "name", "path" })
                {
                    Assert.True(example.GetProperty(key).GetString() == request.GetProperty(key).GetString(), context + ": " + key);
                }

                var decision = JsonDocument.Parse(lines[^1]).RootElement;
                Assert.True(data.GetProperty("decidingRule").GetInt32() == decision.GetProperty("matchedRule").GetInt32(), context);
                Assert.True(data.GetProperty("decidedLevel").GetString() == decision.GetProperty("level").GetString(), context);
                checkedExamples++;
            }
        }

        Assert.True(checkedExamples > 20, checkedExamples.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Sarif_rules_come_from_the_catalog_and_results_carry_the_structured_data()
    {
        var file = Tool.TempFile(Policy);
        try
        {
            var (_, stdout, _) = Tool.InProcess("validate", "--format", "sarif", "--require", "CalicoCloud", file);
            var run = JsonDocument.Parse(stdout).RootElement.GetProperty("runs")[0];
            var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
            Assert.Equal(new[] { "PAC0001", "PAC0002", "PAC0005", "PACY001" }, rules.Select(r => r.GetProperty("id").GetString()));
            foreach (var sarifRule in rules)
            {
                var rule = RuleCatalog.Get(sarifRule.GetProperty("id").GetString()!);
                Assert.Equal(rule.Title, sarifRule.GetProperty("shortDescription").GetProperty("text").GetString());
                Assert.Equal(rule.HelpUri, sarifRule.GetProperty("helpUri").GetString());
                Assert.Equal(rule.DefaultSeverity == RuleSeverity.Error ? "error" : "warning", sarifRule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
                Assert.Equal(rule.Category, sarifRule.GetProperty("properties").GetProperty("category").GetString());
            }

            foreach (var result in run.GetProperty("results").EnumerateArray())
            {
                var id = result.GetProperty("ruleId").GetString();
                Assert.Equal(id, rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
                if (id is "PAC0001" or "PAC0002")
                {
                    Assert.Equal("CalicoCloud", result.GetProperty("properties").GetProperty("requirementSet").GetString());
                    Assert.NotEmpty(result.GetProperty("properties").GetProperty("cells").EnumerateArray());
                }
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    private const string RedundantPolicy = """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        rules:
        - level: None
          verbs: [get, list, get]
          resources:
          - group: ""
            resources: [pods, pods/*]
        - level: None
          nonResourceURLs: ["/api/*", "/api/v1"]
        - level: Metadata
        """;

    /// <summary>PAC0012 in all three formats: at the item's line and column, with the covering item in the data.</summary>
    [Fact]
    public void Redundant_values_are_reported_in_text_json_and_sarif_at_their_items()
    {
        var file = Tool.TempFile(RedundantPolicy);
        try
        {
            var (code, text, _) = Tool.InProcess("validate", "--fail-on", "warning", file);
            Assert.Equal(1, code);
            Assert.Equal(
                new[]
                {
                    file + ":5:22: warning PAC0012: 'get' is already in verbs (item 0); values are compared exactly, so removing it changes nothing",
                    file + ":8:17: warning PAC0012: 'pods' is already matched by 'pods/*' (item 1) of this entry: every resource and subresource it matches, that one matches too, so removing it changes nothing",
                    file + ":10:31: warning PAC0012: '/api/v1' is already matched by '/api/*' (item 0): every path it matches, that one matches too, so removing it changes nothing",
                    file + ": accepted by kube-apiserver (3 rules)",
                },
                text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));

            var (_, json, _) = Tool.InProcess("validate", "--format", "json", file);
            var findings = JsonDocument.Parse(json).RootElement[0].GetProperty("findings").EnumerateArray().ToList();
            Assert.Equal(new[] { "PAC0012", "PAC0012", "PAC0012" }, findings.Select(f => f.GetProperty("id").GetString()));
            var pods = findings[1];
            Assert.Equal(RuleCatalog.Get("PAC0012").Title, pods.GetProperty("title").GetString());
            var data = pods.GetProperty("data");
            Assert.Equal(("resources", 0, 0, true), (data.GetProperty("field").GetString(), data.GetProperty("entryIndex").GetInt32(), data.GetProperty("itemIndex").GetInt32(), data.GetProperty("removable").GetBoolean()));
            var by = data.GetProperty("coveredBy");
            Assert.Equal(("resources", 0, 1), (by.GetProperty("field").GetString(), by.GetProperty("entryIndex").GetInt32(), by.GetProperty("itemIndex").GetInt32()));

            var (_, sarif, _) = Tool.InProcess("validate", "--format", "sarif", file);
            var run = JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0];
            var rule = Assert.Single(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray());
            Assert.Equal("Redundancy", rule.GetProperty("properties").GetProperty("category").GetString());
            var results = run.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(3, results.Count);
            Assert.Equal(0, results[2].GetProperty("properties").GetProperty("coveredBy").GetProperty("itemIndex").GetInt32());
            Assert.Equal("nonResourceURLs", results[2].GetProperty("properties").GetProperty("field").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
