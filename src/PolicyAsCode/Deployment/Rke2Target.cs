using System.Collections.Generic;

namespace PolicyAsCode.Deployment;

/// <summary>
/// RKE2: a drop-in for <c>/etc/rancher/rke2/config.yaml.d/</c> with RKE2's own <c>audit-policy-file</c> key.
/// RKE2 then adds <c>--audit-log-maxage=30 --audit-log-maxbackup=10 --audit-log-maxsize=100</c> and, unless given,
/// <c>--audit-log-path</c> under its data dir, mounts the policy file and the log's directory, and hashes the
/// referenced files into the static pod, so only what differs from that is written.
/// </summary>
internal sealed class Rke2Target : DeploymentTarget
{
    /// <summary>RKE2's own log path (default data dir).</summary>
    public const string Rke2LogPath = "/var/lib/rancher/rke2/server/logs/audit.log";

    public override string Name => "rke2";

    public override string DisplayName => "RKE2";

    internal override string DefaultLogPath => Rke2LogPath;

    /// <summary>The path RKE2's CIS profile uses when none is given.</summary>
    internal override string DefaultPolicyPath(string policyFileName) => "/etc/rancher/rke2/audit-policy.yaml";

    internal override void Write(DeploymentContext c, List<DeploymentFile> files)
    {
        var y = new DeploymentYaml()
            .Comment(c.Header("RKE2 configuration drop-in"))
            .Comment(new[]
            {
                "Where: /etc/rancher/rke2/config.yaml.d/" + c.BaseName + ".yaml on every server node.",
                "First: sudo install -D -m 0600 " + c.PolicyFileName + " " + c.PolicyPath,
                "Copy it before RKE2 starts: if the file is missing, RKE2 writes a default policy there (one rule, level None:",
                "nothing is logged) and keeps it.",
                "Then, and after every change of the policy: sudo systemctl restart rke2-server (RKE2 puts the policy's hash",
                "into the static pod, so the restart restarts kube-apiserver with the new policy).",
            })
            .Comment(c.NoteLines())
            .String("audit-policy-file: ", c.PolicyPath);
        var args = new List<string>();
        if (c.LogPath != Rke2LogPath)
        {
            args.Add("audit-log-path=" + c.LogPath);
        }

        // RKE2 puts its CIS values first; later flags win (pflag keeps the last), so only different values are written.
        if (!c.LogsToStdout)
        {
            if (c.MaxAgeDays != DeploymentDefaults.CisMaxAgeDays)
            {
                args.Add("audit-log-maxage=" + DeploymentContext.Number(c.MaxAgeDays));
            }

            if (c.MaxBackups != DeploymentDefaults.CisMaxBackups)
            {
                args.Add("audit-log-maxbackup=" + DeploymentContext.Number(c.MaxBackups));
            }

            if (c.MaxSizeMegabytes != DeploymentDefaults.CisMaxSizeMegabytes)
            {
                args.Add("audit-log-maxsize=" + DeploymentContext.Number(c.MaxSizeMegabytes));
            }
        }

        if (args.Count > 0)
        {
            y.Raw("kube-apiserver-arg+:");
            foreach (var arg in args)
            {
                y.String("  - ", arg);
            }
        }

        files.Add(new DeploymentFile(c.BaseName + ".rke2.yaml", y.ToString()));
    }
}
