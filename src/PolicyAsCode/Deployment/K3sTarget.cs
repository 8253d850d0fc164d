using System.Collections.Generic;

namespace PolicyAsCode.Deployment;

/// <summary>
/// k3s: a drop-in for <c>/etc/rancher/k3s/config.yaml.d/</c> that appends kube-apiserver flags. k3s runs
/// kube-apiserver inside its own process, so host paths are used as they are and nothing is mounted.
/// </summary>
internal sealed class K3sTarget : DeploymentTarget
{
    public override string Name => "k3s";

    public override string DisplayName => "k3s";

    /// <summary>The k3s hardening guide's layout.</summary>
    internal override string DefaultLogPath => "/var/lib/rancher/k3s/server/logs/audit.log";

    internal override string DefaultPolicyPath(string policyFileName) => "/var/lib/rancher/k3s/server/" + policyFileName;

    internal override void Write(DeploymentContext c, List<DeploymentFile> files)
    {
        var how = new List<string>
        {
            "Where: /etc/rancher/k3s/config.yaml.d/" + c.BaseName + ".yaml on every server node (kube-apiserver-arg+ appends to the",
            "flags set in config.yaml and other drop-ins instead of replacing them).",
            "First: sudo install -D -m 0600 " + c.PolicyFileName + " " + c.PolicyPath,
        };
        if (!c.LogsToStdout)
        {
            how.Add("       sudo mkdir -p -m 700 " + c.LogDirectory);
        }

        how.Add("Then, and after every change of the policy: sudo systemctl restart k3s (kube-apiserver reads the policy only at start).");
        var y = new DeploymentYaml().Comment(c.Header("k3s configuration drop-in")).Comment(how).Comment(c.NoteLines()).Raw("kube-apiserver-arg+:");
        foreach (var flag in c.Flags())
        {
            y.String("  - ", flag.Key + "=" + flag.Value);
        }

        files.Add(new DeploymentFile(c.BaseName + ".k3s.yaml", y.ToString()));
    }
}
