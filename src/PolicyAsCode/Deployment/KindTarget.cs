using System.Collections.Generic;

namespace PolicyAsCode.Deployment;

/// <summary>
/// kind: a <c>kind.x-k8s.io/v1alpha4</c> Cluster whose control-plane node mounts the policy file from the host
/// (<c>extraMounts</c>) and patches the kubeadm ClusterConfiguration (<c>kubeadmConfigPatches</c>).
/// </summary>
/// <remarks>
/// The patch has no apiVersion and map-form extraArgs on purpose: kind renders v1beta3 up to Kubernetes 1.35 and
/// v1beta4 from 1.36, and converts exactly such a patch to v1beta4's list (a patch that names v1beta3 is not converted),
/// so one file works for every node image.
/// </remarks>
internal sealed class KindTarget : DeploymentTarget
{
    public override string Name => "kind";

    public override string DisplayName => "kind";

    internal override string DefaultLogPath => "/var/log/kubernetes/audit/audit.log";

    internal override string DefaultPolicyPath(string policyFileName) => "/etc/kubernetes/audit/" + policyFileName;

    internal override IEnumerable<string> MountedDirectories => KubeadmTarget.KubeadmMounts;

    internal override void Write(DeploymentContext c, List<DeploymentFile> files)
    {
        var patch = new DeploymentYaml().Raw("kind: ClusterConfiguration");
        KubeadmTarget.WriteApiServer(patch, c, listArgs: false, indent: string.Empty);

        var y = new DeploymentYaml()
            .Comment(c.Header("kind cluster configuration"))
            .Comment(new[]
            {
                "How: in the folder that holds " + c.PolicyFileName + " (extraMounts resolves ./ against the current directory), run",
                "  kind create cluster --config " + c.BaseName + ".kind.yaml --image kindest/node:v" + c.KubernetesVersionText + ".<patch>",
                "To merge into your own kind configuration: add the extraMounts and kubeadmConfigPatches entries to your control-plane node.",
                "kind reads the configuration only at creation: after changing the policy, delete and create the cluster again.",
                c.LogsToStdout ? "The audit log goes to kube-apiserver's standard output (kubectl -n kube-system logs kube-apiserver-<node>)."
                    : "The audit log is inside the node container: docker exec <cluster>-control-plane cat " + c.LogPath,
            })
            .Comment(c.NoteLines())
            .Raw("kind: Cluster")
            .Raw("apiVersion: kind.x-k8s.io/v1alpha4")
            .Raw("nodes:")
            .String("  - role: ", "control-plane")
            .Raw("    extraMounts:")
            .String("      - hostPath: ", "./" + c.PolicyFileName)
            .String("        containerPath: ", c.PolicyPath)
            .Raw("        readOnly: true")
            .Raw("    kubeadmConfigPatches:")
            .Literal("      - ", patch.ToString(), 8);
        files.Add(new DeploymentFile(c.BaseName + ".kind.yaml", y.ToString()));
    }
}
