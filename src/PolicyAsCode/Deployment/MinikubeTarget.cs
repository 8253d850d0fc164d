using System.Collections.Generic;
using System.Text;

namespace PolicyAsCode.Deployment;

/// <summary>
/// minikube: a shell script that places the policy in minikube's file sync tree and starts minikube with the
/// flags. minikube's kube-apiserver has no audit directory mounted, so the policy goes under /etc/ssl/certs
/// (already mounted, minikube's own tutorial does the same) and the log to standard output by default.
/// </summary>
internal sealed class MinikubeTarget : DeploymentTarget
{
    public override string Name => "minikube";

    public override string DisplayName => "minikube";

    internal override string DefaultLogPath => "-";

    internal override string DefaultPolicyPath(string policyFileName) => "/etc/ssl/certs/" + policyFileName;

    internal override bool AppliesConsumerLogPath => false;

    internal override void Write(DeploymentContext c, List<DeploymentFile> files)
    {
        var dir = c.PolicyDirectory;
        var header = new List<string>
        {
            "How: run this script in the folder that holds " + c.PolicyFileName + ". minikube copies $HOME/.minikube/files onto the node",
            "at start only: after changing the policy, run it again (it stops and starts minikube).",
            c.LogsToStdout ? "The audit log goes to standard output: kubectl -n kube-system logs kube-apiserver-minikube"
                : "The log file " + c.LogPath + " is inside the kube-apiserver container (minikube mounts no log directory).",
        };
        if (dir != "/etc/ssl/certs")
        {
            header.Add("Warning: minikube mounts /etc/ssl/certs into kube-apiserver; " + dir + " must be mounted by other means.");
            c.Warnings.Add("minikube mounts /etc/ssl/certs into kube-apiserver, not " + dir + ": kube-apiserver will not find the policy at " + c.PolicyPath + ".");
        }

        var y = new DeploymentYaml().Raw("#!/bin/sh").Comment(c.Header("minikube commands")).Comment(header).Comment(c.NoteLines())
            .Raw("set -eu")
            .Raw("mkdir -p \"$HOME/.minikube/files\"" + Shell(dir))
            .Raw("cp " + Shell("./" + c.PolicyFileName) + " \"$HOME/.minikube/files\"" + Shell(c.PolicyPath))
            .Raw("minikube stop || true");
        var start = new StringBuilder("minikube start");
        foreach (var flag in c.Flags())
        {
            start.Append(" \\\n  ").Append(Shell("--extra-config=apiserver." + flag.Key + "=" + flag.Value));
        }

        y.Raw(start.ToString());
        files.Add(new DeploymentFile(c.BaseName + ".minikube.sh", y.ToString()));
    }

    /// <summary>Single-quoted for sh. Paths are restricted to safe characters already; the quotes keep it so.</summary>
    private static string Shell(string value) => "'" + value.Replace("'", "'\\''") + "'";
}
