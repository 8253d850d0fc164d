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

    [Fact]
    public void Corpus_files_validate_with_the_findings_FEATURES_md_predicts()
    {
        string Run(string file, params string[] extra)
            => Tool.InProcess(new[] { "validate", "--format", "json" }.Concat(extra).Append(Path.Combine(SharedFiles.CorpusDirectory, file)).ToArray()).Stdout;

        IEnumerable<(string Id, string Message)> Findings(string json)
            => JsonDocument.Parse(json).RootElement[0].GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("id").GetString()!, f.GetProperty("message").GetString()!));

        // §5.1: v1beta1 files are refused.
        Assert.Contains(Findings(Run("calico-cloud.yaml")), f => f.Id == "PAC0004" && f.Message.Contains("audit.k8s.io/v1beta1"));

        // §5.2: dropped keys.
        Assert.Contains(Findings(Run("openshift-writerequestbodies.yaml")), f => f.Id == "PACY001" && f.Message.Contains("rules[2].resources[4].resource"));
        Assert.Contains(Findings(Run("datadog-docs.yaml")), f => f.Id == "PACY001" && f.Message.Contains("rules[3].resources[0].verbs"));

        // §5.5: credentials in bodies (falco logs secrets at RequestResponse; azure-defender's token requests fall through).
        Assert.Contains(Findings(Run("nsa-cisa-hardening.yaml")), f => f.Id == "PAC0008" && f.Message.Contains("secrets"));
        Assert.Contains(Findings(Run("azure-defender-for-kubernetes.yaml")), f => f.Id == "PAC0008" && f.Message.Contains("serviceaccounts/token"));

        // Clean files have nothing to report.
        Assert.Empty(Findings(Run("k8s-website-minimal-metadata.yaml")));
        Assert.Empty(Findings(Run("gke-configure-helper.yaml")));
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
            Assert.Contains("error PAC0001: create pods in any namespace by any user matches no rule", current.Stdout);
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
