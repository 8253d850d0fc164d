using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using PolicyAsCode.Tests;
using Xunit;

namespace PolicyAsCode.Cli.Tests;

/// <summary><c>validate --platform NAME</c>: the read-only platform policies (docs/platforms.md) validated like files.</summary>
public sealed class PlatformTests
{
    public static IEnumerable<object[]> Names => PlatformPolicies.Names.Select(n => new object[] { n });

    /// <summary>Every (verb, resource) cell CalicoCloud requires (the optional extensions group, unserved since 1.16, aside).</summary>
    private static int CalicoCloudCells => RequirementSets.CalicoCloud.Requirements.Where(r => !r.Optional).Sum(r => r.Resources.Count * r.Verbs.Count);

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_platform_loads_with_no_load_error(string name)
    {
        var (code, stdout, stderr) = Tool.InProcess("validate", "--format", "json", "--fail-on", "never", "--platform", name);
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        var report = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Single();
        Assert.Equal("platform:" + name, report.GetProperty("file").GetString());
        Assert.True(report.GetProperty("accepted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("error").ValueKind);
        Assert.False(report.GetProperty("lenientFallback").GetBoolean());
        Assert.DoesNotContain(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("id").GetString()!.StartsWith("PACY", StringComparison.Ordinal));
    }

    [Fact]
    public void Talos_logs_everything_at_Metadata_so_CalicoCloud_misses_every_body()
    {
        var (code, stdout, stderr) = Tool.InProcess("validate", "--require", "CalicoCloud", "--platform", "talos-default");
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stderr);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(
            "platform:talos-default:4:7: error PAC0002: create, patch, update and delete of pods, namespaces, serviceaccounts, endpoints and networking.k8s.io/networkpolicies by any user are logged at Metadata by rule 0; CalicoCloud needs RequestResponse with ResponseComplete kept",
            lines[0]);
        Assert.Equal("platform:talos-default: accepted by kube-apiserver (1 rule)", lines[^1]);

        var json = Json("validate", "--format", "json", "--require", "CalicoCloud", "--platform", "talos-default");
        var gaps = json.Single().GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("id").GetString() == "PAC0002").ToList();
        Assert.Equal(CalicoCloudCells, gaps.Sum(f => f.GetProperty("data").GetProperty("cells").GetArrayLength()));
        Assert.All(gaps, f =>
        {
            Assert.Equal("Metadata", f.GetProperty("data").GetProperty("decidedLevel").GetString());
            Assert.Equal("RequestResponse", f.GetProperty("data").GetProperty("requiredLevel").GetString());
        });
    }

    [Fact]
    public void Rke2s_CIS_default_logs_nothing_so_every_CalicoCloud_cell_is_a_gap()
    {
        var (code, stdout, _) = Tool.InProcess("validate", "--require", "CalicoCloud", "--platform", "rke2-cis-default");
        Assert.Equal(1, code);
        Assert.Contains("platform:rke2-cis-default:6:3: error PAC0002: ", stdout);
        Assert.Contains(" are logged at None by rule 0; CalicoCloud needs RequestResponse", stdout);

        var findings = Json("validate", "--format", "json", "--require", "CalicoCloud", "--platform", "rke2-cis-default").Single().GetProperty("findings").EnumerateArray().ToList();
        Assert.All(findings, f => Assert.Equal("PAC0002", f.GetProperty("id").GetString()));
        Assert.Equal(CalicoCloudCells, findings.Sum(f => f.GetProperty("data").GetProperty("cells").GetArrayLength()));
        Assert.All(findings, f => Assert.Equal("None", f.GetProperty("data").GetProperty("decidedLevel").GetString()));
    }

    [Theory]
    [InlineData("openshift-default", "openshift-default.yaml")]
    [InlineData("openshift-writerequestbodies", "openshift-writerequestbodies.yaml")]
    [InlineData("openshift-allrequestbodies", "openshift-allrequestbodies.yaml")]
    public void The_assembled_openshift_profiles_decide_as_the_rendered_corpus_files(string name, string corpus)
    {
        var file = Path.Combine(SharedFiles.CorpusDirectory, corpus);

        // The model: what kube-apiserver holds after decoding each.
        Assert.True(PlatformPolicies.TryGet(name, out var platform));
        Assert.Equal(PolicyLoader.LoadFile(file).Policy, platform.Load().Policy);

        // The tool: the same decoded rules. The rendered golden file keeps the manifests' misspelt "resource:" key,
        // which kube-apiserver drops after a strict-decoding warning; the operator drops it before kube-apiserver sees it.
        var reports = Json("validate", "--format", "json", "--fail-on", "never", file, "--platform", name);
        Assert.Equal(new[] { file, "platform:" + name }, reports.Select(r => r.GetProperty("file").GetString()));
        Assert.Equal(reports[0].GetProperty("decoded").GetRawText(), reports[1].GetProperty("decoded").GetRawText());
        Assert.Equal(name != "openshift-default", reports[0].GetProperty("lenientFallback").GetBoolean());
        Assert.False(reports[1].GetProperty("lenientFallback").GetBoolean());
    }

    [Fact]
    public void Platforms_and_files_are_reported_in_order_files_first()
    {
        var file = Tool.TempFile("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: RequestResponse\n");
        try
        {
            var (code, stdout, stderr) = Tool.InProcess("validate", "--platform", "kind-default", "--platform", "minikube-default", file, "--require", "CalicoCloud");
            Assert.Equal(1, code);
            Assert.Equal(string.Empty, stderr);
            var summaries = stdout.Split('\n').Where(l => l.Contains(": accepted by kube-apiserver", StringComparison.Ordinal)).ToList();
            Assert.Equal(new[] { file + ": accepted by kube-apiserver (1 rule)", "platform:kind-default: accepted by kube-apiserver (1 rule)", "platform:minikube-default: accepted by kube-apiserver (1 rule)" }, summaries);
            Assert.DoesNotContain(file + ": error", stdout);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Sarif_names_the_platform_as_the_artifact()
    {
        var (code, stdout, _) = Tool.InProcess("validate", "--format", "sarif", "--require", "CalicoCloud", "--platform", "talos-default");
        Assert.Equal(1, code);
        var result = JsonDocument.Parse(stdout).RootElement.GetProperty("runs")[0].GetProperty("results")[0];
        Assert.Equal("platform:talos-default", result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    [Fact]
    public void An_unknown_platform_is_an_input_error()
    {
        var (code, stdout, stderr) = Tool.InProcess("validate", "--platform", "talos", "--require", "CalicoCloud");
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal("error: --platform talos: not a known platform policy (" + string.Join(", ", PlatformPolicies.Names) + ")\n", stderr.Replace("\r\n", "\n"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("--require CalicoCloud")]
    [InlineData("--format json")]
    public void Neither_files_nor_a_platform_is_an_input_error(string options)
    {
        var (code, stdout, stderr) = Tool.InProcess(new[] { "validate" }.Concat(options.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray());
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: give one or more policy files, or --platform NAME (talos-default, ", line);
    }

    [Fact]
    public void The_real_tool_validates_a_platform()
    {
        var (code, stdout, stderr) = Tool.Process(null, "validate", "--platform", "openshift-allrequestbodies", "--fail-on", "never");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        Assert.EndsWith("platform:openshift-allrequestbodies: accepted by kube-apiserver (4 rules)\n", stdout.Replace("\r\n", "\n"));
    }

    private static List<JsonElement> Json(params string[] args)
    {
        var (_, stdout, stderr) = Tool.InProcess(args);
        Assert.Equal(string.Empty, stderr);
        return JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
