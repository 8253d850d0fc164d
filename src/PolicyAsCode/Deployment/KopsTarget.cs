using System.Collections.Generic;

namespace PolicyAsCode.Deployment;

/// <summary>
/// kOps: a cluster spec fragment with the policy as a <c>fileAssets</c> entry for the control plane and the
/// <c>kubeAPIServer</c> audit fields. nodeup mounts the policy's directory read-only and the log's read-write.
/// </summary>
internal sealed class KopsTarget : DeploymentTarget
{
    public override string Name => "kops";

    public override string DisplayName => "kOps";

    /// <summary>kOps' documented example.</summary>
    internal override string DefaultLogPath => "/var/log/kube-apiserver-audit.log";

    internal override string DefaultPolicyPath(string policyFileName) => "/etc/kubernetes/audit/" + policyFileName;

    internal override void Write(DeploymentContext c, List<DeploymentFile> files)
    {
        var y = new DeploymentYaml()
            .Comment(c.Header("kOps cluster spec fragment (kops.k8s.io/v1alpha2)"))
            .Comment(new[]
            {
                "How: kops edit cluster (or edit your cluster manifest) and add spec.fileAssets' entry and the spec.kubeAPIServer",
                "fields below, then kops update cluster --yes and kops rolling-update cluster --yes (the policy is read at start).",
                "roles: ControlPlane needs kOps 1.26 or later (write Master before); kOps 1.22-1.24 want the policy under",
                "/srv/kubernetes/kube-apiserver/ (--policy-path).",
            })
            .Comment(c.NoteLines())
            .Raw("apiVersion: kops.k8s.io/v1alpha2")
            .Raw("kind: Cluster")
            .Raw("spec:")
            .Raw("  fileAssets:")
            .String("    - name: ", c.BaseName)
            .String("      path: ", c.PolicyPath)
            .Raw("      roles: [ControlPlane]")
            .Literal("      content: ", c.Request.CanonicalPolicyYaml, 8)
            .Raw("  kubeAPIServer:")
            .String("    auditPolicyFile: ", c.PolicyPath)
            .String("    auditLogPath: ", c.LogPath);
        if (!c.LogsToStdout)
        {
            y.Plain("    auditLogMaxAge: ", c.MaxAgeDays).Plain("    auditLogMaxBackups: ", c.MaxBackups).Plain("    auditLogMaxSize: ", c.MaxSizeMegabytes);
        }

        files.Add(new DeploymentFile(c.BaseName + ".kops.yaml", y.ToString()));
    }
}
