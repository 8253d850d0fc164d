using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Json.Schema;
using PolicyAsCode.Deployment;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace PolicyAsCode.Tests.Deployment;

/// <summary>
/// Every generated YAML document read back with YamlDotNet and checked field by field against the shapes in the
/// shared deployment-targets.md: kubeadm v1beta3's map against v1beta4's list, HostPathMount's fields and path
/// types, kind's extraMounts, k3s/RKE2 keys, kOps fileAssets, Talos against Talos's own JSON schema.
/// </summary>
public sealed class DeploymentShapeTests
{
    private static readonly string[] HostPathTypes = { string.Empty, "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice" };

    private static Dictionary<string, string> Files(string target, DeploymentRequest request)
        => DeploymentGenerator.Plan(target, request).Files.ToDictionary(f => f.RelativePath, f => f.Content);

    [Theory]
    [InlineData(1, 30, "v1beta3")]
    [InlineData(1, 31, "v1beta4")]
    [InlineData(1, 36, "v1beta4")]
    public void Kubeadm_ClusterConfiguration_has_the_version_s_extraArgs_shape_and_HostPathMounts(int major, int minor, string apiVersion)
    {
        var doc = YamlDocuments.Read(Files("kubeadm", DeploymentCases.Request((major, minor)))["calico-cloud-audit.kubeadm.yaml"]);
        Assert.Equal(new[] { "apiVersion", "kind", "apiServer" }, doc.Keys());
        Assert.Equal("kubeadm.k8s.io/" + apiVersion, doc.At("apiVersion").Text());
        Assert.Equal("ClusterConfiguration", doc.At("kind").Text());
        var apiServer = doc.At("apiServer");
        Assert.Equal(new[] { "extraArgs", "extraVolumes" }, apiServer.Keys());

        var expectedArgs = new[]
        {
            ("audit-policy-file", "/etc/kubernetes/audit/calico-cloud-audit.yaml"),
            ("audit-log-path", DeploymentCases.CalicoLogPath),
            ("audit-log-maxage", "30"),
            ("audit-log-maxbackup", "10"),
            ("audit-log-maxsize", "100"),
        };
        if (apiVersion == "v1beta3")
        {
            // map[string]string: flag names without dashes, every value a string.
            var args = (YamlMappingNode)apiServer.At("extraArgs");
            Assert.Equal(expectedArgs, args.Children.Select(c => (((YamlScalarNode)c.Key).Value!, c.Value.Text())).ToArray());
            Assert.All(args.Children.Values, v => Assert.True(v.IsQuoted()));
        }
        else
        {
            // []Arg: {name, value}, both required strings.
            var args = apiServer.At("extraArgs").Items();
            Assert.All(args, a => Assert.Equal(new[] { "name", "value" }, a.Keys()));
            Assert.All(args, a => Assert.True(a.At("value").IsQuoted()));
            Assert.Equal(expectedArgs, args.Select(a => (a.At("name").Text(), a.At("value").Text())).ToArray());
        }

        var volumes = apiServer.At("extraVolumes").Items();
        Assert.All(volumes, v =>
        {
            Assert.Equal(new[] { "name", "hostPath", "mountPath", "readOnly", "pathType" }, v.Keys());
            Assert.Contains(v.At("pathType").Text(), HostPathTypes);
            Assert.False(v.At("readOnly").IsQuoted());
        });
        Assert.Equal(
            new[] { ("audit-policy", "/etc/kubernetes/audit", "/etc/kubernetes/audit", "true"), ("audit-logs", "/var/log/calico/audit", "/var/log/calico/audit", "false") },
            volumes.Select(v => (v.At("name").Text(), v.At("hostPath").Text(), v.At("mountPath").Text(), v.At("readOnly").Text())).ToArray());
    }

    [Fact]
    public void Kubeadm_manifest_change_and_patch_carry_the_policy_hash_and_mount_directories()
    {
        var files = Files("kubeadm", DeploymentCases.Request((1, 36)));
        var hash = DeploymentGenerator.Sha256(DeploymentCases.PolicyBytes);
        var patch = YamlDocuments.Read(files["calico-cloud-audit.kubeadm-patches/kube-apiserver+strategic.yaml"]);
        Assert.Equal(hash, patch.At("metadata").At("annotations").At(DeploymentDefaults.HashAnnotation).Text());

        var pod = YamlDocuments.Read(files["calico-cloud-audit.kube-apiserver-manifest.yaml"]);
        Assert.Equal("v1", pod.At("apiVersion").Text());
        Assert.Equal("Pod", pod.At("kind").Text());
        Assert.Equal(hash, pod.At("metadata").At("annotations").At(DeploymentDefaults.HashAnnotation).Text());
        var container = Assert.Single(pod.At("spec").At("containers").Items());
        Assert.Equal("kube-apiserver", container.At("name").Text());
        Assert.Equal(
            new[] { "--audit-policy-file=/etc/kubernetes/audit/calico-cloud-audit.yaml", "--audit-log-path=" + DeploymentCases.CalicoLogPath, "--audit-log-maxage=30", "--audit-log-maxbackup=10", "--audit-log-maxsize=100" },
            container.At("command").Items().Select(c => c.Text()).ToArray());
        var mounts = container.At("volumeMounts").Items();
        var volumes = pod.At("spec").At("volumes").Items();
        Assert.Equal(mounts.Select(m => m.At("name").Text()), volumes.Select(v => v.At("name").Text()));
        for (var i = 0; i < mounts.Length; i++)
        {
            Assert.Equal(new[] { "name", "mountPath", "readOnly" }, mounts[i].Keys());
            Assert.Equal(new[] { "name", "hostPath" }, volumes[i].Keys());
            Assert.Equal(new[] { "path", "type" }, volumes[i].At("hostPath").Keys());
            Assert.Equal(mounts[i].At("mountPath").Text(), volumes[i].At("hostPath").At("path").Text());
            Assert.Contains(volumes[i].At("hostPath").At("type").Text(), HostPathTypes);
        }

        // The log's directory, never the log file (rotation renames it); the policy's directory read-only.
        Assert.Equal(("/etc/kubernetes/audit", "true"), (mounts[0].At("mountPath").Text(), mounts[0].At("readOnly").Text()));
        Assert.Equal(("/var/log/calico/audit", "false"), (mounts[1].At("mountPath").Text(), mounts[1].At("readOnly").Text()));
    }

    [Fact]
    public void Changing_the_policy_changes_only_the_hash_in_the_kubeadm_files()
    {
        var before = Files("kubeadm", DeploymentCases.Request((1, 36)));
        var other = DeploymentCases.Request((1, 36)) with { PolicySha256 = DeploymentGenerator.Sha256(new byte[] { 1 }) };
        var after = Files("kubeadm", other);
        var patch = "calico-cloud-audit.kubeadm-patches/kube-apiserver+strategic.yaml";
        Assert.NotEqual(before[patch], after[patch]);
        Assert.Equal(before[patch].Replace(DeploymentCases.Request((1, 36)).PolicySha256, other.PolicySha256), after[patch]);
    }

    [Theory]
    [InlineData(1, 35)]
    [InlineData(1, 36)]
    public void Kind_config_mounts_the_policy_into_the_node_and_patches_ClusterConfiguration_without_apiVersion(int major, int minor)
    {
        var doc = YamlDocuments.Read(Files("kind", DeploymentCases.Request((major, minor)))["calico-cloud-audit.kind.yaml"]);
        Assert.Equal("Cluster", doc.At("kind").Text());
        Assert.Equal("kind.x-k8s.io/v1alpha4", doc.At("apiVersion").Text());
        var node = Assert.Single(doc.At("nodes").Items());
        Assert.Equal("control-plane", node.At("role").Text());
        var mount = Assert.Single(node.At("extraMounts").Items());
        Assert.All(mount.Keys(), k => Assert.Contains(k, new[] { "containerPath", "hostPath", "readOnly", "selinuxRelabel", "propagation" }));
        Assert.Equal(("./calico-cloud-audit.yaml", "/etc/kubernetes/audit/calico-cloud-audit.yaml", "true"), (mount.At("hostPath").Text(), mount.At("containerPath").Text(), mount.At("readOnly").Text()));

        // A patch is a string holding YAML; without apiVersion and with map-form args, kind converts it for v1beta4 (1.36+).
        var patchText = Assert.Single(node.At("kubeadmConfigPatches").Items()).Text();
        var patch = YamlDocuments.Read(patchText);
        Assert.Equal(new[] { "kind", "apiServer" }, patch.Keys());
        Assert.Equal("ClusterConfiguration", patch.At("kind").Text());
        Assert.IsType<YamlMappingNode>(patch.At("apiServer").At("extraArgs"));
        Assert.Equal("/etc/kubernetes/audit/calico-cloud-audit.yaml", patch.At("apiServer").At("extraArgs").At("audit-policy-file").Text());
        Assert.Equal(DeploymentCases.CalicoLogPath, patch.At("apiServer").At("extraArgs").At("audit-log-path").Text());
        var volumes = patch.At("apiServer").At("extraVolumes").Items();
        Assert.Equal(new[] { "/etc/kubernetes/audit", "/var/log/calico/audit" }, volumes.Select(v => v.At("hostPath").Text()));
        Assert.Equal(new[] { "true", "false" }, volumes.Select(v => v.At("readOnly").Text()));
    }

    [Fact]
    public void K3s_and_rke2_drop_ins_use_their_keys()
    {
        var k3s = YamlDocuments.Read(Files("k3s", DeploymentCases.Request((1, 36)))["calico-cloud-audit.k3s.yaml"]);
        Assert.Equal(new[] { "kube-apiserver-arg+" }, k3s.Keys());
        Assert.Equal(
            new[] { "audit-policy-file=/var/lib/rancher/k3s/server/calico-cloud-audit.yaml", "audit-log-path=" + DeploymentCases.CalicoLogPath, "audit-log-maxage=30", "audit-log-maxbackup=10", "audit-log-maxsize=100" },
            k3s.At("kube-apiserver-arg+").Items().Select(i => i.Text()).ToArray());

        // RKE2 has its own policy key and already sets the CIS rotation values; only Calico's log path is added.
        var rke2 = YamlDocuments.Read(Files("rke2", DeploymentCases.Request((1, 36)))["calico-cloud-audit.rke2.yaml"]);
        Assert.Equal(new[] { "audit-policy-file", "kube-apiserver-arg+" }, rke2.Keys());
        Assert.Equal("/etc/rancher/rke2/audit-policy.yaml", rke2.At("audit-policy-file").Text());
        Assert.Equal(new[] { "audit-log-path=" + DeploymentCases.CalicoLogPath }, rke2.At("kube-apiserver-arg+").Items().Select(i => i.Text()).ToArray());
        var plain = YamlDocuments.Read(Files("rke2", DeploymentCases.Request((1, 36), calico: false))["calico-cloud-audit.rke2.yaml"]);
        Assert.Equal(new[] { "audit-policy-file" }, plain.Keys());
        var rotated = YamlDocuments.Read(Files("rke2", DeploymentCases.Request((1, 36), calico: false) with { MaxAgeDays = 90 })["calico-cloud-audit.rke2.yaml"]);
        Assert.Equal(new[] { "audit-log-maxage=90" }, rotated.At("kube-apiserver-arg+").Items().Select(i => i.Text()).ToArray());
    }

    [Fact]
    public void Kops_spec_has_a_control_plane_file_asset_whose_content_is_the_policy()
    {
        var doc = YamlDocuments.Read(Files("kops", DeploymentCases.Request((1, 36)))["calico-cloud-audit.kops.yaml"]);
        Assert.Equal("kops.k8s.io/v1alpha2", doc.At("apiVersion").Text());
        Assert.Equal("Cluster", doc.At("kind").Text());
        var asset = Assert.Single(doc.At("spec").At("fileAssets").Items());
        Assert.All(asset.Keys(), k => Assert.Contains(k, new[] { "name", "path", "roles", "content", "isBase64", "mode" }));
        Assert.Equal(new[] { "ControlPlane" }, asset.At("roles").Items().Select(r => r.Text()));
        Assert.Equal("/etc/kubernetes/audit/calico-cloud-audit.yaml", asset.At("path").Text());
        Assert.Equal(DeploymentCases.PolicyYaml, asset.At("content").Text());
        var loaded = PolicyLoader.Load(asset.At("content").Text());
        Assert.True(loaded.Accepted, loaded.Error);
        Assert.Equal(DeploymentCases.Policy, loaded.Policy);

        var api = doc.At("spec").At("kubeAPIServer");
        Assert.Equal(new[] { "auditPolicyFile", "auditLogPath", "auditLogMaxAge", "auditLogMaxBackups", "auditLogMaxSize" }, api.Keys());
        Assert.Equal(asset.At("path").Text(), api.At("auditPolicyFile").Text());
        Assert.Equal(DeploymentCases.CalicoLogPath, api.At("auditLogPath").Text());
        Assert.Equal(new[] { "30", "10", "100" }, new[] { "auditLogMaxAge", "auditLogMaxBackups", "auditLogMaxSize" }.Select(k => api.At(k).Text()));
        Assert.All(new[] { "auditLogMaxAge", "auditLogMaxBackups", "auditLogMaxSize" }, k => Assert.False(api.At(k).IsQuoted()));
    }

    [Fact]
    public void Talos_document_is_valid_against_the_Talos_schema_and_embeds_the_policy()
    {
        var text = Files("talos", DeploymentCases.Request((1, 36), talos: (1, 14)))["calico-cloud-audit.talos.yaml"];
        var doc = YamlDocuments.Read(text);
        Assert.Equal(new[] { "apiVersion", "kind", "configuration" }, doc.Keys());
        Assert.Equal(("v1alpha1", "KubeAuditPolicyConfig"), (doc.At("apiVersion").Text(), doc.At("kind").Text()));
        var json = YamlDocuments.ToJson(doc)!;

        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(SharedFiles.SchemasDirectory, "talos", "config.schema.json")));
        var result = schema.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("\n", result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Value))));

        // The schema is strict: an unknown key or a wrong apiVersion is refused, so the check above can fail.
        var wrong = json.DeepClone().AsObject();
        wrong["apiVersion"] = "v1alpha2";
        Assert.False(schema.Evaluate(wrong).IsValid);
        var extra = json.DeepClone().AsObject();
        extra["policy"] = "x";
        Assert.False(schema.Evaluate(extra).IsValid);

        // The embedded policy loads with the project's loader and equals the source.
        var loaded = PolicyLoader.Load(json["configuration"]!.ToJsonString());
        Assert.True(loaded.Accepted, loaded.Error);
        Assert.Equal(DeploymentCases.Policy, loaded.Policy);
        Assert.Contains("# Note: Talos writes the audit log to /var/log/audit/kube/kube-apiserver.log (fixed; it cannot be changed).", text);
        Assert.Contains("point it at /var/log/audit/kube/kube-apiserver.log", text);
    }

    [Fact]
    public void Talos_before_1_14_gets_the_deprecated_machine_config_field_with_the_same_policy()
    {
        var doc = YamlDocuments.Read(Files("talos", DeploymentCases.Request((1, 35), talos: (1, 13)))["calico-cloud-audit.talos.yaml"]);
        Assert.Equal(new[] { "cluster" }, doc.Keys());
        Assert.Equal(new[] { "apiServer" }, doc.At("cluster").Keys());
        Assert.Equal(new[] { "auditPolicy" }, doc.At("cluster").At("apiServer").Keys());
        var loaded = PolicyLoader.Load(YamlDocuments.ToJson(doc.At("cluster").At("apiServer").At("auditPolicy"))!.ToJsonString());
        Assert.True(loaded.Accepted, loaded.Error);
        Assert.Equal(DeploymentCases.Policy, loaded.Policy);
    }

    [Fact]
    public void Flags_and_minikube_carry_the_same_flags()
    {
        var flags = Files("flags", DeploymentCases.Request((1, 36)))["calico-cloud-audit.kube-apiserver.flags"]
            .Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        Assert.Equal(new[] { "--audit-policy-file=/etc/kubernetes/audit/calico-cloud-audit.yaml", "--audit-log-path=" + DeploymentCases.CalicoLogPath, "--audit-log-maxage=30", "--audit-log-maxbackup=10", "--audit-log-maxsize=100" }, flags);

        // minikube: the policy in the file-sync tree under a folder its kube-apiserver already mounts; log to stdout.
        var script = Files("minikube", DeploymentCases.Request((1, 36)))["calico-cloud-audit.minikube.sh"];
        Assert.StartsWith("#!/bin/sh\n", script);
        Assert.Contains("cp './calico-cloud-audit.yaml' \"$HOME/.minikube/files\"'/etc/ssl/certs/calico-cloud-audit.yaml'\n", script);
        Assert.Contains("'--extra-config=apiserver.audit-policy-file=/etc/ssl/certs/calico-cloud-audit.yaml'", script);
        Assert.Contains("'--extra-config=apiserver.audit-log-path=-'", script);
        Assert.DoesNotContain("maxage", script);
    }

    [Fact]
    public void Every_file_starts_with_a_header_naming_the_policy_and_its_hash()
    {
        foreach (var (_, target, request) in DeploymentCases.All())
        {
            foreach (var file in DeploymentGenerator.Plan(target, request).Files)
            {
                var lines = file.Content.Split('\n');
                var first = lines[0] == "#!/bin/sh" ? 1 : 0;
                Assert.StartsWith("# ", lines[first]);
                Assert.Contains("generated by policyascode deploy --target " + target + " from calico-cloud-audit.yaml.", lines[first]);
                Assert.Equal("# Policy sha256: " + request.PolicySha256 + "; Kubernetes " + request.KubernetesVersion.Item1 + "." + request.KubernetesVersion.Item2 + ".", lines[first + 1]);
                Assert.EndsWith("\n", file.Content);
            }
        }
    }
}
