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
