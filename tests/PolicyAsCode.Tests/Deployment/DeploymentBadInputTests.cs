using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PolicyAsCode.Deployment;
using Xunit;

namespace PolicyAsCode.Tests.Deployment;

/// <summary>What cannot be honoured is refused with a message that says why; weakened choices are warned about.</summary>
public sealed class DeploymentBadInputTests
{
    private static string Refused(string target, DeploymentRequest request)
        => Assert.Throws<DeploymentException>(() => DeploymentGenerator.Plan(target, request)).Message;

    [Fact]
    public void Unknown_target_lists_the_targets()
    {
        Assert.Equal(
            "unknown target 'kubeadmm'; the targets are kubeadm, kind, k3s, rke2, talos, kops, minikube, flags (managed platforms that take no policy file: aks, eks, gke, openshift)",
            Refused("kubeadmm", DeploymentCases.Request((1, 36))));
    }

    [Theory]
    [InlineData("eks", "control-plane log type 'audit'")]
    [InlineData("aks", "kube-audit-admin")]
    [InlineData("gke", "Cloud Audit Logs")]
    [InlineData("openshift", "spec.audit.profile Default, WriteRequestBodies, AllRequestBodies or None")]
    public void Managed_platforms_say_what_they_offer_instead(string platform, string offer)
    {
        var message = Refused(platform, DeploymentCases.Request((1, 36)));
        Assert.Contains("takes no audit policy", message);
        Assert.Contains(offer, message);
    }

    [Fact]
    public void Versions_before_1_22_are_not_supported()
    {
        Assert.StartsWith("--target kubeadm supports Kubernetes 1.22 and later, not 1.21", Refused("kubeadm", DeploymentCases.Request((1, 21))));
        Assert.NotEmpty(DeploymentGenerator.Plan("kubeadm", DeploymentCases.Request((1, 22))).Files);
    }

    [Fact]
    public void Group_wildcard_is_refused_before_1_36_on_every_target()
    {
        var policy = PolicyYamlWriter.Write(PolicyLoader.Load("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  resources:\n  - group: \"*\"\n").Policy!);
        Assert.True(DeploymentGenerator.UsesGroupWildcard(policy));
        Assert.False(DeploymentGenerator.UsesGroupWildcard(DeploymentCases.PolicyYaml));
        foreach (var target in DeploymentTarget.All)
        {
            var request = DeploymentCases.Request((1, 35)) with { CanonicalPolicyYaml = policy };
            Assert.Equal(
                "calico-cloud-audit.yaml uses group: \"*\" (every API group), which kube-apiserver accepts only from Kubernetes 1.36; a 1.35 kube-apiserver refuses the policy and does not start. List the groups, or target 1.36 or later.",
                Refused(target.Name, request));
            Assert.NotEmpty(DeploymentGenerator.Plan(target.Name, request with { KubernetesVersion = (1, 36) }).Files);
        }
    }

    [Theory]
    [InlineData("--log-path", "relative/audit.log", "must be an absolute file path")]
    [InlineData("--log-path", "/var/log/../etc/audit.log", "must be an absolute file path")]
    [InlineData("--log-path", "/var/log/audit/", "must be an absolute file path")]
    [InlineData("--log-path", "/var/log/my audit.log", "may hold only letters")]
    [InlineData("--log-path", "/var/log/a$(id).log", "may hold only letters")]
    [InlineData("--log-path", "/audit.log", "must not be directly under /")]
    [InlineData("--policy-path", "/etc/kubernetes/audit/x'y.yaml", "may hold only letters")]
    public void Unsafe_paths_are_refused(string option, string path, string reason)
    {
        var request = option == "--log-path" ? DeploymentCases.Request((1, 36)) with { LogPath = path } : DeploymentCases.Request((1, 36)) with { PolicyPath = path };
        var message = Refused("kubeadm", request);
        Assert.StartsWith(option + " ", message);
        Assert.Contains(reason, message);
    }

    [Fact]
    public void Policy_and_log_in_one_directory_are_refused()
    {
        Assert.Equal(
            "the policy and the log must be in different directories: the policy's is mounted read-only, the log's read-write (/var/log/calico/audit)",
            Refused("kubeadm", DeploymentCases.Request((1, 36)) with { PolicyPath = "/var/log/calico/audit/policy.yaml" }));
    }

    [Fact]
    public void Directories_kubeadm_already_mounts_are_refused_for_kubeadm_and_kind()
    {
        foreach (var target in new[] { "kubeadm", "kind" })
        {
            Assert.Equal(
                "--policy-path's directory /etc/kubernetes/pki is already mounted into kube-apiserver by " + target + "; a second volume at the same path makes the kubelet refuse the pod. Choose another directory.",
                Refused(target, DeploymentCases.Request((1, 36)) with { PolicyPath = "/etc/kubernetes/pki/audit.yaml" }));
        }

        // minikube relies on exactly that mount, and k3s mounts nothing.
        Assert.NotEmpty(DeploymentGenerator.Plan("minikube", DeploymentCases.Request((1, 36)) with { PolicyPath = "/etc/ssl/certs/audit.yaml" }).Files);
        Assert.NotEmpty(DeploymentGenerator.Plan("k3s", DeploymentCases.Request((1, 36)) with { PolicyPath = "/etc/kubernetes/pki/audit.yaml" }).Files);
    }

    [Fact]
    public void Talos_refuses_paths_and_rotation_it_fixes()
    {
        Assert.Equal("--target talos writes the audit log to /var/log/audit/kube/kube-apiserver.log and cannot be given another path; leave out --log-path",
            Refused("talos", DeploymentCases.Request((1, 36)) with { LogPath = "/var/log/x/audit.log" }));
        Assert.StartsWith("--target talos fixes the policy path and the rotation flags itself", Refused("talos", DeploymentCases.Request((1, 36)) with { MaxAgeDays = 90 }));
    }

    [Fact]
    public void Negative_rotation_is_refused_and_values_below_CIS_are_warned_about()
    {
        Assert.Equal("--max-backup must be 0 or more, not -1", Refused("flags", DeploymentCases.Request((1, 36)) with { MaxBackups = -1 }));
        var plan = DeploymentGenerator.Plan("flags", DeploymentCases.Request((1, 36)) with { MaxAgeDays = 7, MaxBackups = 3, MaxSizeMegabytes = 50 });
        Assert.Equal(
            new[]
            {
                "--audit-log-maxage=7 is below CIS 1.2.17 (at least 30 days).",
                "--audit-log-maxbackup=3 is below CIS 1.2.18 (at least 10 files).",
                "--audit-log-maxsize=50 is below CIS 1.2.19 (at least 100 MB).",
            },
            plan.Warnings);
        Assert.Contains("--audit-log-maxage=7\n", plan.Files[0].Content);
        Assert.Empty(DeploymentGenerator.Plan("flags", DeploymentCases.Request((1, 36))).Warnings);
    }

    [Fact]
    public void Max_size_zero_is_explained_by_version()
    {
        Assert.StartsWith("--audit-log-maxsize=0 turns rotation off on Kubernetes 1.36 and later", Assert.Single(DeploymentGenerator.Plan("flags", DeploymentCases.Request((1, 36)) with { MaxSizeMegabytes = 0 }).Warnings));
        Assert.StartsWith("--audit-log-maxsize=0 means 100 MB before Kubernetes 1.36", Assert.Single(DeploymentGenerator.Plan("flags", DeploymentCases.Request((1, 35)) with { MaxSizeMegabytes = 0 }).Warnings));
    }

    [Fact]
    public void Consumer_log_paths_default_conflict_and_yield_to_an_explicit_path()
    {
        var plan = DeploymentGenerator.Plan("flags", DeploymentCases.Request((1, 36)));
        Assert.Contains("--audit-log-path=/var/log/calico/audit/kube-audit.log\n", plan.Files[0].Content);
        Assert.Equal(new[] { "The audit log goes to /var/log/calico/audit/kube-audit.log, where CalicoCloud's log collector reads it." }, plan.Notes);

        var explicitPath = DeploymentGenerator.Plan("flags", DeploymentCases.Request((1, 36)) with { LogPath = "/var/log/kubernetes/audit/audit.log" });
        Assert.Equal(new[] { "CalicoCloud's log collector reads /var/log/calico/audit/kube-audit.log, but --log-path sends the audit log to /var/log/kubernetes/audit/audit.log: point the collector at it." }, explicitPath.Warnings);

        var two = DeploymentCases.Request((1, 36)) with
        {
            ConsumerLogPaths = new List<KeyValuePair<string, string>> { new("CalicoCloud", "/var/log/calico/audit/kube-audit.log"), new("Siem", "/var/log/siem/audit.log") },
        };
        Assert.StartsWith("the required requirement sets read the audit log from different files (CalicoCloud: /var/log/calico/audit/kube-audit.log, Siem: /var/log/siem/audit.log)", Refused("kubeadm", two));
        Assert.NotEmpty(DeploymentGenerator.Plan("kubeadm", two with { LogPath = "/var/log/siem/audit.log" }).Files);
    }

    [Fact]
    public void A_requirement_set_carries_its_consumer_s_log_path()
    {
        Assert.Equal("/var/log/calico/audit/kube-audit.log", RequirementSets.CalicoCloud.LogPath);
        Assert.Equal("/var/log/siem/k8s.log", RequirementSets.FromType(typeof(SiemRequirements)).LogPath);
        Assert.Null(RequirementSets.FromType(typeof(NoConsumer)).LogPath);
    }

    [Fact]
    public void Writer_puts_nothing_on_disk_when_the_folder_cannot_be_made()
    {
        var root = Directory.CreateTempSubdirectory("policyascode-deploy-").FullName;
        try
        {
            // A file where a folder must go: the second file's folder cannot be created, so the first is not written either.
            File.WriteAllText(Path.Combine(root, "calico-cloud-audit.kubeadm-patches"), "in the way");
            var files = DeploymentGenerator.Plan("kubeadm", DeploymentCases.Request((1, 36))).Files;
            Assert.ThrowsAny<IOException>(() => DeploymentFileWriter.Write(root, files));
            Assert.Equal(new[] { "calico-cloud-audit.kubeadm-patches" }, Directory.GetFileSystemEntries(root).Select(Path.GetFileName).ToArray());

            // Written once, an unchanged second write leaves the files alone.
            File.Delete(Path.Combine(root, "calico-cloud-audit.kubeadm-patches"));
            var first = DeploymentFileWriter.Write(root, files);
            Assert.All(first, f => Assert.True(f.Value));
            var stamp = File.GetLastWriteTimeUtc(first[0].Key);
            File.SetLastWriteTimeUtc(first[0].Key, stamp.AddHours(-1));
            var second = DeploymentFileWriter.Write(root, files);
            Assert.All(second, f => Assert.False(f.Value));
            Assert.Equal(stamp.AddHours(-1), File.GetLastWriteTimeUtc(first[0].Key));
            Assert.Empty(Directory.GetFiles(root, "*.tmp", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [RequirementSet("Siem", LogPath = "/var/log/siem/k8s.log")]
    [Requires(ApiGroup.Core, Resource.Core.Secrets, Verbs = new[] { Verb.Get })]
    private static class SiemRequirements
    {
    }

    [RequirementSet("NoConsumer")]
    private static class NoConsumer
    {
    }
}
