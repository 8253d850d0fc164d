using System;
using System.IO;
using System.Linq;
using PolicyAsCode.Deployment;
using Xunit;

namespace PolicyAsCode.Cli.Tests;

/// <summary><c>policyascode deploy</c>: files written as the generators plan them, clear errors (exit 2) and nothing half-written.</summary>
public sealed class DeployTests : IDisposable
{
    private const string Policy = """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitStages: ["RequestReceived"]
        rules:
          - level: RequestResponse
            verbs: ["create", "patch", "update", "delete"]
            resources:
              - group: "networking.k8s.io"
                resources: ["networkpolicies"]
              - group: ""
                resources: ["pods", "namespaces", "serviceaccounts", "endpoints"]
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("policyascode-deploy-cli-").FullName;

    private string PolicyFile(string text = Policy, string name = "calico-audit.yaml")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Kubeadm_with_CalicoCloud_writes_the_three_files_with_Calico_s_log_path_and_the_file_s_hash()
    {
        var output = Path.Combine(_dir, "out");
        var policy = PolicyFile();
        var (code, stdout, stderr) = Tool.Process(null, "deploy", policy, "--target", "kubeadm", "--kubernetes-version", "1.30", "--require", "CalicoCloud", "-o", output);
        Assert.True(code == 0, stderr);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("wrote " + Path.Combine(output, "calico-audit.kubeadm.yaml"), stdout);
        Assert.Contains("note: The audit log goes to /var/log/calico/audit/kube-audit.log, where CalicoCloud's log collector reads it.", stdout);
        Assert.Equal(
            new[] { "calico-audit.kube-apiserver-manifest.yaml", "calico-audit.kubeadm-patches/kube-apiserver+strategic.yaml", "calico-audit.kubeadm.yaml" },
            Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f)).OrderBy(f => f, StringComparer.Ordinal).ToArray());
        var config = File.ReadAllText(Path.Combine(output, "calico-audit.kubeadm.yaml"));
        Assert.Contains("apiVersion: kubeadm.k8s.io/v1beta3\n", config);
        Assert.Contains("    audit-log-path: \"/var/log/calico/audit/kube-audit.log\"\n", config);

        // The annotation is the hash of the file as it is on disk (the bytes the nodes get).
        var hash = DeploymentGenerator.Sha256(File.ReadAllBytes(policy));
        Assert.Contains("policyascode/audit-policy-sha256: \"" + hash + "\"", File.ReadAllText(Path.Combine(output, "calico-audit.kubeadm-patches", "kube-apiserver+strategic.yaml")));

        // Run again: nothing changes.
        var again = Tool.InProcess("deploy", policy, "--target", "kubeadm", "--kubernetes-version", "1.30", "--require", "CalicoCloud", "-o", output);
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("wrote ", again.Stdout);
        Assert.Contains("unchanged " + Path.Combine(output, "calico-audit.kubeadm.yaml"), again.Stdout);
    }

    [Fact]
    public void Talos_says_where_the_log_is_and_where_to_point_Calico()
    {
        var (code, stdout, _) = Tool.InProcess("deploy", PolicyFile(), "--target", "talos", "--require", "CalicoCloud", "-o", Path.Combine(_dir, "talos"));
        Assert.Equal(0, code);
        Assert.Contains("note: Talos writes the audit log to /var/log/audit/kube/kube-apiserver.log (fixed; it cannot be changed).", stdout);
        Assert.Contains("note: CalicoCloud's log collector reads /var/log/calico/audit/kube-audit.log by default: point it at /var/log/audit/kube/kube-apiserver.log instead.", stdout);
    }

    [Fact]
    public void Rotation_below_CIS_is_written_with_a_warning()
    {
        var output = Path.Combine(_dir, "weak");
        var (code, _, stderr) = Tool.InProcess("deploy", PolicyFile(), "--target", "flags", "--max-age", "7", "-o", output);
        Assert.Equal(0, code);
        Assert.Equal("warning: --audit-log-maxage=7 is below CIS 1.2.17 (at least 30 days).\n", stderr.Replace("\r\n", "\n"));
        Assert.Contains("--audit-log-maxage=7\n", File.ReadAllText(Path.Combine(output, "calico-audit.kube-apiserver.flags")));
    }

    [Theory]
    [InlineData("eks", "error: EKS takes no audit policy")]
    [InlineData("openshift", "error: OpenShift takes no audit policy file")]
    [InlineData("kubeadmm", "error: unknown target 'kubeadmm'; the targets are kubeadm, kind, k3s, rke2, talos, kops, minikube, flags")]
    public void Targets_without_a_policy_file_or_unknown_exit_2(string target, string message)
    {
        var output = Path.Combine(_dir, "none");
        var (code, stdout, stderr) = Tool.InProcess("deploy", PolicyFile(), "--target", target, "-o", output);
        Assert.Equal(2, code);
        Assert.StartsWith(message, stderr);
        Assert.Equal(string.Empty, stdout);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Bad_inputs_exit_2_and_write_nothing()
    {
        var output = Path.Combine(_dir, "bad");
        var wildcard = PolicyFile("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  resources:\n  - group: \"*\"\n", "wildcard.yaml");
        var old = Tool.InProcess("deploy", wildcard, "--target", "kubeadm", "--kubernetes-version", "1.35", "-o", output);
        Assert.Equal(2, old.ExitCode);
        Assert.StartsWith("error: wildcard.yaml uses group: \"*\" (every API group), which kube-apiserver accepts only from Kubernetes 1.36", old.Stderr);
        Assert.Equal(0, Tool.InProcess("deploy", wildcard, "--target", "kubeadm", "--kubernetes-version", "1.36", "-o", Path.Combine(_dir, "new")).ExitCode);

        var rejected = Tool.InProcess("deploy", PolicyFile("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: []\n", "empty.yaml"), "--target", "k3s", "-o", output);
        Assert.Equal(2, rejected.ExitCode);
        Assert.StartsWith("error: " + Path.Combine(_dir, "empty.yaml") + ": kube-apiserver rejects this policy, so it cannot be deployed: ", rejected.Stderr);

        var version = Tool.InProcess("deploy", PolicyFile(), "--target", "kind", "--kubernetes-version", "1.20", "-o", output);
        Assert.Equal(2, version.ExitCode);
        Assert.StartsWith("error: --target kind supports Kubernetes 1.22 and later, not 1.20", version.Stderr);

        var badVersion = Tool.InProcess("deploy", PolicyFile(), "--target", "kind", "--kubernetes-version", "latest", "-o", output);
        Assert.Equal(2, badVersion.ExitCode);
        Assert.StartsWith("error: --kubernetes-version must look like 1.31, not 'latest'", badVersion.Stderr);

        var missing = Tool.InProcess("deploy", Path.Combine(_dir, "nope.yaml"), "--target", "kind", "-o", output);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such file", missing.Stderr);

        var noTarget = Tool.InProcess("deploy", PolicyFile());
        Assert.Equal(2, noTarget.ExitCode);
        Assert.Contains("--target", noTarget.Stderr);

        // A file where the output folder must be.
        var blocked = Path.Combine(_dir, "blocked");
        File.WriteAllText(blocked, "a file");
        var unwritable = Tool.InProcess("deploy", PolicyFile(), "--target", "kubeadm", "-o", Path.Combine(blocked, "out"));
        Assert.Equal(2, unwritable.ExitCode);
        Assert.StartsWith("error: cannot write the deployment files to " + Path.Combine(blocked, "out") + ": ", unwritable.Stderr);
        Assert.EndsWith("(nothing was written)\n", unwritable.Stderr.Replace("\r\n", "\n"));

        Assert.False(Directory.Exists(output));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
