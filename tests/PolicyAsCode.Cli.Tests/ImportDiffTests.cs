using System.IO;
using PolicyAsCode.Tests;
using Xunit;

namespace PolicyAsCode.Cli.Tests;

/// <summary>import, diff and bad input, through the real tool.</summary>
public sealed class ImportDiffTests
{
    [Fact]
    public void Import_reports_dropped_keys_and_writes_the_file()
    {
        var output = Path.Combine(Path.GetTempPath(), "policyascode-import-" + System.Guid.NewGuid().ToString("N") + ".cs");
        try
        {
            var (code, _, stderr) = Tool.Process(null, "import", Path.Combine(SharedFiles.CorpusDirectory, "datadog-docs.yaml"), "--namespace", "Infra", "-o", output);
            Assert.Equal(1, code);
            Assert.Contains("unknown field \"rules[3].resources[0].verbs\"", stderr);
            var source = File.ReadAllText(output);
            Assert.Contains("[AuditPolicy(\"datadog-docs\")]", source);
            Assert.Contains("public partial class DatadogDocsPolicy", source);
            Assert.Contains("// kube-apiserver drops this from the original file", source);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void Import_of_v1beta1_needs_the_upgrade_flag()
    {
        var calico = Path.Combine(SharedFiles.CorpusDirectory, "calico-cloud.yaml");
        var refused = Tool.InProcess("import", calico);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--upgrade-v1beta1", refused.Stderr);
        var upgraded = Tool.InProcess("import", calico, "--upgrade-v1beta1");
        Assert.Equal(0, upgraded.ExitCode);
        Assert.Contains("[Rule(Level.RequestResponse)]", upgraded.Stdout);
    }

    [Fact]
    public void Diff_finds_the_EKS_Anywhere_regression_and_nothing_for_a_round_trip()
    {
        var beta = File.ReadAllText(Path.Combine(SharedFiles.CorpusDirectory, "eks-anywhere-v1beta1.yaml")).Replace("audit.k8s.io/v1beta1", "audit.k8s.io/v1");
        var old = Tool.TempFile(beta);
        try
        {
            var (code, stdout, _) = Tool.Process(null, "diff", old, Path.Combine(SharedFiles.CorpusDirectory, "eks-anywhere-v1-rendered.yaml"));
            Assert.Equal(1, code);
            Assert.Contains("Request omitting RequestReceived (rule 14) -> None (rule 3): 2 kinds of request, e.g. get nodes named example (cluster scope) by jane (groups system:authenticated) (GET /api/v1/nodes/example)", stdout);

            var gke = Path.Combine(SharedFiles.CorpusDirectory, "gke-configure-helper.yaml");
            var roundTrip = Tool.TempFile(PolicyYamlWriter.Write(PolicyLoader.LoadFile(gke).Policy!));
            try
            {
                var same = Tool.InProcess("diff", gke, roundTrip);
                Assert.Equal(0, same.ExitCode);
                Assert.Contains("no difference in behaviour", same.Stdout);
            }
            finally
            {
                File.Delete(roundTrip);
            }
        }
        finally
        {
            File.Delete(old);
        }
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("explain")]
    [InlineData("import")]
    public void Bad_input_is_a_clear_message_and_exit_2(string command)
    {
        var missing = Path.Combine(Path.GetTempPath(), "policyascode-missing-" + System.Guid.NewGuid().ToString("N") + ".yaml");
        var binary = Tool.TempFile("\0\u0001\u0002binary");
        var broken = Tool.TempFile("apiVersion: audit.k8s.io/v1\nrules: [\n");
        try
        {
            foreach (var input in new[] { missing, Path.GetTempPath(), binary, broken })
            {
                var args = command == "explain" ? new[] { command, input, "--path", "/healthz" } : new[] { command, input };
                var (code, _, stderr) = Tool.InProcess(args);
                Assert.True(code == 2, command + " " + input + ": exit " + code + "\n" + stderr);
                Assert.Contains("error:", stderr);
                Assert.DoesNotContain("   at ", stderr);
            }

            var usage = Tool.Process(null, command, "--no-such-option");
            Assert.Equal(2, usage.ExitCode);
        }
        finally
        {
            File.Delete(binary);
            File.Delete(broken);
        }
    }
}
