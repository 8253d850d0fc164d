using System.Collections.Generic;

namespace PolicyAsCode.Deployment;

/// <summary>
/// Talos Linux: the <c>KubeAuditPolicyConfig</c> document (Talos 1.14 and later) or, for older Talos, a machine
/// config patch of the deprecated <c>cluster.apiServer.auditPolicy</c>. Talos writes the policy to its own file and
/// hard-codes the log path and rotation flags; only the policy's content is ours.
/// </summary>
internal sealed class TalosTarget : DeploymentTarget
{
    /// <summary>The log path Talos passes to kube-apiserver (control_plane_final.go).</summary>
    public const string TalosLogPath = "/var/log/audit/kube/kube-apiserver.log";

    /// <summary>The first Talos release with KubeAuditPolicyConfig.</summary>
    public static readonly (int Major, int Minor) MultiDocumentTalos = (1, 14);

    public override string Name => "talos";

    public override string DisplayName => "Talos";

    internal override string DefaultLogPath => TalosLogPath;

    internal override string? FixedLogPath => TalosLogPath;

    internal override string DefaultPolicyPath(string policyFileName) => "/system/config/kubernetes/kube-apiserver/auditpolicy.yaml";

    internal override void Write(DeploymentContext c, List<DeploymentFile> files)
    {
        var talos = c.Request.TalosVersion ?? MultiDocumentTalos;
        var multiDocument = KubernetesVersions.AtLeast(talos, MultiDocumentTalos);
        var y = new DeploymentYaml()
            .Comment(c.Header(multiDocument ? "Talos KubeAuditPolicyConfig document" : "Talos machine config patch (cluster.apiServer.auditPolicy)"))
            .Comment(new[]
            {
                "Talos " + KubernetesVersions.Text(talos) + (multiDocument ? ": the KubeAuditPolicyConfig document (Talos 1.14 and later)."
                    : ": cluster.apiServer.auditPolicy (deprecated from Talos 1.14 on, where KubeAuditPolicyConfig replaces it; never set both)."),
                "How: control-plane nodes only. New cluster: talosctl gen config ... --config-patch-control-plane @" + c.BaseName + ".talos.yaml",
                "Running cluster: talosctl patch machineconfig --nodes <control-plane IPs> --patch @" + c.BaseName + ".talos.yaml",
                "Talos writes the policy to /system/config/kubernetes/kube-apiserver/auditpolicy.yaml and passes it to kube-apiserver.",
            })
            .Comment(c.NoteLines());
        if (multiDocument)
        {
            y.Raw("apiVersion: v1alpha1").Raw("kind: KubeAuditPolicyConfig").Raw("configuration:").Indented(c.Request.CanonicalPolicyYaml, 2);
        }
        else
        {
            y.Raw("cluster:").Raw("  apiServer:").Raw("    auditPolicy:").Indented(c.Request.CanonicalPolicyYaml, 6);
        }

        files.Add(new DeploymentFile(c.BaseName + ".talos.yaml", y.ToString()));
    }
}
