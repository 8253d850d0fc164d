using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using PolicyAsCode.Tests;
using Xunit;

namespace PolicyAsCode.Cli.Tests;

/// <summary><c>validate --format json</c> reproduces every validation vector field for field.</summary>
public sealed class ValidateTests
{
    public static IEnumerable<object[]> Names => Vectors.Names("validation-vectors.yaml");

    [Theory]
    [MemberData(nameof(Names))]
    public void Json_reproduces_the_vector(string name)
    {
        var vector = Vectors.Load("validation-vectors.yaml")[name];
        var file = Tool.TempFile(Vectors.Scalar(vector, "policy")!);
        try
        {
            var (code, stdout, stderr) = Tool.InProcess("validate", "--format", "json", file);
            var report = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Single();
            AssertMatches(Vectors.Mapping(vector, "expect")!, report, file);
            Assert.True(code is 0 or 1 or 2, stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_real_tool_reproduces_every_vector_in_one_run()
    {
        var vectors = Vectors.Load("validation-vectors.yaml").ToList();
        var files = vectors.Select(v => Tool.TempFile(Vectors.Scalar(v.Value, "policy")!)).ToArray();
        try
        {
            var (code, stdout, _) = Tool.Process(null, new[] { "validate", "--format", "json" }.Concat(files).ToArray());
            Assert.Equal(2, code); // some vectors are YAML syntax errors: input errors
            var reports = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
            Assert.Equal(vectors.Count, reports.Count);
            for (var i = 0; i < vectors.Count; i++)
            {
                AssertMatches(Vectors.Mapping(vectors[i].Value, "expect")!, reports[i], files[i]);
            }
        }
        finally
        {
            foreach (var file in files)
            {
                File.Delete(file);
            }
        }
    }

    private static void AssertMatches(YamlDotNet.RepresentationModel.YamlMappingNode expect, JsonElement report, string file)
    {
        Assert.Equal(file, report.GetProperty("file").GetString());
        Assert.Equal(bool.Parse(Vectors.Scalar(expect, "accepted")!), report.GetProperty("accepted").GetBoolean());
        var error = Vectors.Scalar(expect, "error");
        if (error is not null)
        {
            Assert.Equal(error, report.GetProperty("error").GetString());
        }

        foreach (var part in Vectors.List(expect, "errors"))
        {
            Assert.Contains(part, report.GetProperty("error").GetString());
        }

        Assert.Equal(bool.Parse(Vectors.Scalar(expect, "lenientFallback")!), report.GetProperty("lenientFallback").GetBoolean());
        var strict = Vectors.Scalar(expect, "strictErrors");
        if (strict is not null)
        {
            Assert.Equal(strict, report.GetProperty("strictErrors").GetString());
        }

        var decoded = Vectors.Scalar(expect, "decoded");
        if (decoded is not null)
        {
            Assert.Equal(decoded, JsonSerializer.Serialize(report.GetProperty("decoded")));
        }

        foreach (var finding in report.GetProperty("findings").EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(finding.GetProperty("id").GetString()));
            Assert.True(finding.GetProperty("line").GetInt32() >= 0);
        }
    }

    public static IEnumerable<object[]> CorpusFiles => Directory.GetFiles(SharedFiles.CorpusDirectory, "*.yaml")
        .Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).Select(n => new object[] { n! });

    /// <summary>Every corpus file reports exactly the defects FEATURES.md describes for it (CorpusDefects), nothing on clean files.</summary>
    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Corpus_files_validate_with_exactly_the_findings_FEATURES_md_predicts(string file)
    {
        var json = Tool.InProcess("validate", "--format", "json", Path.Combine(SharedFiles.CorpusDirectory, file)).Stdout;
        var actual = JsonDocument.Parse(json).RootElement[0].GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("id").GetString()!, f.GetProperty("ruleIndex").GetInt32(), f.GetProperty("message").GetString()!))
            .ToList();
        var (missing, extra) = CorpusDefects.Compare(CorpusDefects.For(file), actual);
        Assert.True(missing.Count == 0 && extra.Count == 0, "missing:\n" + string.Join("\n", missing) + "\nextra:\n" + string.Join("\n", extra));
    }

    /// <summary>
    /// PAC0014: DISA STIG needs every request at RequestResponse, CIS 3.2.2 caps secrets, configmaps and token reviews at
    /// Metadata. The conflicts are the sets', not a file's: once per run, once per cell, however many files, in text
    /// before the files and in JSON as one leading element; each file still gets its own gaps.
    /// </summary>
    [Fact]
    public void Conflicting_requirement_sets_are_reported_once_per_cell_and_run()
    {
        var policy = "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: RequestResponse\n";
        var first = Tool.TempFile(policy);
        var second = Tool.TempFile(policy);
        try
        {
            var text = Tool.InProcess("validate", "--require", "DisaStig", "--require", "Cis322", first, second);
            Assert.Equal(1, text.ExitCode);
            var lines = text.Stdout.Split('\n');
            var conflicts = lines.Where(l => l.Contains("PAC0014", StringComparison.Ordinal)).ToList();
            Assert.All(conflicts, l => Assert.StartsWith("--require: error PAC0014: ", l, StringComparison.Ordinal));
            Assert.Equal(conflicts.Count, conflicts.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(conflicts, lines.Take(conflicts.Count));
            Assert.Contains("--require: error PAC0014: get secrets: DisaStig needs RequestResponse, Cis322 needs exactly Metadata; no policy meets both (e.g. GET /api/v1/namespaces/team-a/secrets/example)", conflicts);
            Assert.Contains("--require: error PAC0014: create authentication.k8s.io/tokenreviews: DisaStig needs RequestResponse, Cis322 needs at most Metadata; no policy meets both (e.g. POST /apis/authentication.k8s.io/v1/tokenreviews)", conflicts);
            Assert.DoesNotContain(conflicts, l => l.Contains(" pods", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith(second + ":4:3: error PAC0013: ", StringComparison.Ordinal));

            var json = Tool.InProcess("validate", "--format", "json", "--require", "DisaStig", "--require", "Cis322", first, second);
            Assert.Equal(1, json.ExitCode);
            var elements = JsonDocument.Parse(json.Stdout).RootElement.EnumerateArray().ToList();
            Assert.Equal(3, elements.Count);
            Assert.False(elements[0].TryGetProperty("file", out _));
            Assert.Equal(new[] { "DisaStig", "Cis322" }, elements[0].GetProperty("requirementSets").EnumerateArray().Select(e => e.GetString()));
            var found = elements[0].GetProperty("conflicts").EnumerateArray().ToList();
            Assert.Equal(conflicts.Count, found.Count);
            var get = found.Single(f => f.GetProperty("data").GetProperty("cell").GetProperty("verb").GetString() == "get"
                && f.GetProperty("data").GetProperty("cell").GetProperty("resource").GetString() == "secrets");
            Assert.Equal(("PAC0014", "DisaStig", "Cis322", "exactly Metadata", "GET /api/v1/namespaces/team-a/secrets/example"), (
                get.GetProperty("id").GetString(),
                get.GetProperty("data").GetProperty("needsMoreSet").GetString(),
                get.GetProperty("data").GetProperty("allowsLessSet").GetString(),
                get.GetProperty("data").GetProperty("allows").GetString(),
                get.GetProperty("data").GetProperty("exampleHttp").GetString()));
            Assert.Equal(first, elements[1].GetProperty("file").GetString());

            // SARIF: each conflict a result without locations, each file finding with its location.
            var sarif = JsonDocument.Parse(Tool.InProcess("validate", "--format", "sarif", "--require", "DisaStig", "--require", "Cis322", first).Stdout);
            var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(conflicts.Count, results.Count(r => r.GetProperty("ruleId").GetString() == "PAC0014" && !r.TryGetProperty("locations", out _)));
            Assert.All(results.Where(r => r.GetProperty("ruleId").GetString() != "PAC0014"), r => Assert.True(r.TryGetProperty("locations", out _)));

            // Sets that agree: no leading element, and --fail-on never keeps conflicts from failing the run.
            Assert.Equal(2, JsonDocument.Parse(Tool.InProcess("validate", "--format", "json", "--require", "CalicoCloud", "--require", "FalcoK8sAudit", first, second).Stdout).RootElement.GetArrayLength());
            Assert.Equal(0, Tool.InProcess("validate", "--fail-on", "never", "--require", "DisaStig", "--require", "Cis322", first).ExitCode);
        }
        finally
        {
            File.Delete(first);
            File.Delete(second);
        }
    }

    [Fact]
    public void Requirement_and_version_checks()
    {
        var file = Tool.TempFile("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  resources:\n  - group: \"*\"\n    resources: [\"*/status\"]\n");
        try
        {
            var old = Tool.InProcess("validate", "--kubernetes-version", "1.31", file);
            Assert.Equal(1, old.ExitCode);
            Assert.Contains("rejected by kube-apiserver: rules[0].resources.group: Invalid value: \"*\"", old.Stdout);
            var current = Tool.InProcess("validate", "--require", "CalicoCloud", file);
            Assert.Equal(1, current.ExitCode);
            // One finding for the twenty missing requests, at the rule the new one goes after, saying where it goes.
            Assert.Contains(":4:3: error PAC0001: create, patch, update and delete of pods, namespaces, serviceaccounts, endpoints and networking.k8s.io/networkpolicies by any user match no rule, so they are not audited (None); CalicoCloud needs RequestResponse with ResponseComplete kept; fix: add a rule for them at RequestResponse after the last rule, rule 0\n", current.Stdout);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// PAC0007 counts only requests kube-apiserver receives: a get or delete always names its object, so the rule
    /// that adds the unnamed ones to an earlier rule's named pod is never reached; explain agrees for the request that
    /// looked like it reached it (GET /api/v1/namespaces/x/pods is a list, which neither rule matches).
    /// </summary>
    [Fact]
    public void A_rule_only_unreceivable_requests_reached_is_reported_unreachable()
    {
        var file = Tool.TempFile("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  verbs: [get, delete]\n  resources: [{group: \"\", resources: [pods], resourceNames: [web]}]\n- level: Metadata\n  verbs: [get, delete]\n  resources: [{group: \"\", resources: [pods], resourceNames: [\"\", web]}]\n");
        try
        {
            var validate = Tool.InProcess("validate", file);
            Assert.Contains("warning PAC0007: rule 1 is never reached: every request it matches is decided earlier by rule 0;", validate.Stdout);
            var unnamed = Tool.InProcess("explain", file, "--http", "GET /api/v1/namespaces/x/pods", "--user", "jane");
            Assert.Equal(0, unnamed.ExitCode);
            Assert.EndsWith("\"matchedRule\":-1}\n", unnamed.Stdout.Replace("\r", string.Empty), StringComparison.Ordinal);
            var named = Tool.InProcess("explain", file, "--http", "DELETE /api/v1/namespaces/x/pods/web", "--user", "jane");
            Assert.EndsWith("\"matchedRule\":0}\n", named.Stdout.Replace("\r", string.Empty), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Sarif_output_is_valid_json_with_results()
    {
        var (_, stdout, _) = Tool.InProcess("validate", "--format", "sarif", Path.Combine(SharedFiles.CorpusDirectory, "datadog-docs.yaml"));
        var sarif = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("2.1.0", sarif.GetProperty("version").GetString());
        var result = sarif.GetProperty("runs")[0].GetProperty("results")[0];
        Assert.Equal("PACY001", result.GetProperty("ruleId").GetString());
        Assert.Equal(41, result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
    }
}
