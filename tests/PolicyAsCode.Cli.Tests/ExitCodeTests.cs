using System.IO;
using PolicyAsCode.Tests;
using Xunit;

namespace PolicyAsCode.Cli.Tests;

/// <summary>validate's --fail-on and exit codes, usage errors, the v1beta1 upgrade hint, explain's request options.</summary>
public sealed class ExitCodeTests
{
    private static readonly string Gke = Path.Combine(SharedFiles.CorpusDirectory, "gke-configure-helper.yaml");
    private static readonly string Calico = Path.Combine(SharedFiles.CorpusDirectory, "calico-cloud.yaml");

    [Fact]
    public void Validate_fails_on_errors_by_default_and_as_asked()
    {
        // GKE's policy has warnings only (PAC0011); a rejected file is an error.
        var warnings = Tool.InProcess("validate", Gke);
        Assert.Equal(0, warnings.ExitCode);
        Assert.Contains("warning PAC0011", warnings.Stdout);
        Assert.Equal(1, Tool.InProcess("validate", "--fail-on", "warning", Gke).ExitCode);
        Assert.Equal(0, Tool.InProcess("validate", "--fail-on", "error", Gke).ExitCode);

        Assert.Equal(1, Tool.InProcess("validate", Calico).ExitCode);
        Assert.Equal(1, Tool.InProcess("validate", Gke, Calico).ExitCode);
        Assert.Equal(0, Tool.InProcess("validate", "--fail-on", "never", Gke, Calico).ExitCode);

        // An error finding in an accepted file (a requirement gap, PAC0001) fails by default too.
        var file = Tool.TempFile("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  resources:\n  - resources: [\"configmaps\"]\n");
        try
        {
            var gap = Tool.InProcess("validate", "--require", "CalicoCloud", file);
            Assert.Contains("accepted by kube-apiserver", gap.Stdout);
            Assert.Contains(": error PAC0001:", gap.Stdout);
            Assert.Equal(1, gap.ExitCode);
            Assert.Equal(0, Tool.InProcess("validate", "--require", "CalicoCloud", "--fail-on", "never", file).ExitCode);
        }
        finally
        {
            File.Delete(file);
        }

        var bad = Tool.InProcess("validate", "--fail-on", "sometimes", Gke);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'sometimes'", bad.Stderr);
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error_not_a_file()
    {
        foreach (var args in new[] { new[] { "validate", Gke, "--bogus" }, new[] { "validate", "--bogus", Gke }, new[] { "validate", Gke, "-x" } })
        {
            var (code, stdout, stderr) = Tool.InProcess(args);
            Assert.Equal(2, code);
            Assert.Equal(string.Empty, stdout);
            Assert.Contains("error: unknown option '" + args[args[1] == Gke ? 2 : 1] + "'", stderr);
            Assert.DoesNotContain("PAC0004", stderr);
        }

        var process = Tool.Process(null, "validate", Gke, "--bogus");
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("unknown option '--bogus'", process.Stderr);
    }

    [Fact]
    public void A_v1beta1_file_keeps_kube_apiservers_text_and_says_how_to_upgrade()
    {
        const string Rejection = "failed decoding: no kind \"Policy\" is registered for version \"audit.k8s.io/v1beta1\" in scheme \"k8s.io/apiserver/pkg/audit/scheme.go:30\"";
        var validate = Tool.InProcess("validate", Calico);
        Assert.Contains(Calico + ": rejected by kube-apiserver: " + Rejection + " (the rules are the same in v1: change apiVersion to audit.k8s.io/v1, or turn the policy into C# with `policyascode import --upgrade-v1beta1 " + Calico + "`)", validate.Stdout);

        var json = Tool.InProcess("validate", "--format", "json", Calico);
        Assert.Contains("\"error\": \"" + Rejection.Replace("\"", "\\u0022") + "\"", json.Stdout);

        foreach (var args in new[] { new[] { "explain", Calico, "--path", "/healthz" }, new[] { "diff", Calico, Gke } })
        {
            var (code, _, stderr) = Tool.InProcess(args);
            Assert.Equal(2, code);
            Assert.Contains(Rejection + " (the rules are the same in v1", stderr);
            Assert.Contains("policyascode import --upgrade-v1beta1 " + Calico, stderr);
        }

        // The hint is right: the upgraded import works.
        Assert.Equal(0, Tool.InProcess("import", "--upgrade-v1beta1", Calico).ExitCode);
    }

    [Fact]
    public void Explain_needs_a_verb_for_a_resource_request_and_one_kind_of_request()
    {
        var noVerb = Tool.InProcess("explain", Gke, "--user", "alice", "--resource", "secrets");
        Assert.Equal(2, noVerb.ExitCode);
        Assert.Equal(string.Empty, noVerb.Stdout);
        Assert.Contains("error: --verb is required for a resource request", noVerb.Stderr);

        foreach (var option in new[] { "--resource", "--namespace", "--name", "--subresource", "--api-group" })
        {
            var mixed = Tool.InProcess("explain", Gke, "--verb", "get", "--path", "/healthz", option, "x");
            Assert.Equal(2, mixed.ExitCode);
            Assert.Contains("error: --path (a non-resource request) cannot be combined with " + option, mixed.Stderr);
        }

        var fine = Tool.InProcess("explain", Gke, "--user", "alice", "--group", "system:authenticated", "--verb", "list", "--resource", "secrets");
        Assert.Equal(0, fine.ExitCode);
        var path = Tool.InProcess("explain", Gke, "--user", "alice", "--path", "/healthz");
        Assert.Equal(0, path.ExitCode);
    }
}
