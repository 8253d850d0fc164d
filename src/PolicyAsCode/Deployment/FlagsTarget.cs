using System.Collections.Generic;
using System.Linq;

namespace PolicyAsCode.Deployment;

/// <summary><c>flags</c>: the plain kube-apiserver flags, one per line, for any installation not covered by a target.</summary>
internal sealed class FlagsTarget : DeploymentTarget
{
    public override string Name => "flags";

    public override string DisplayName => "kube-apiserver";

    internal override string DefaultLogPath => "/var/log/kubernetes/audit/audit.log";

    internal override string DefaultPolicyPath(string policyFileName) => "/etc/kubernetes/audit/" + policyFileName;

    internal override void Write(DeploymentContext c, List<DeploymentFile> files)
    {
        var y = new DeploymentYaml().Comment(c.Header("kube-apiserver audit flags"));
        var how = new List<string>
        {
            "Where: on every control-plane node, add these flags to kube-apiserver's command line (lines starting with # are comments:",
            "  grep -v '^#' " + c.BaseName + ".kube-apiserver.flags).",
            "Copy " + c.PolicyFileName + " to " + c.PolicyPath + " first. kube-apiserver reads the policy only at start: restart it after every change.",
        };
        if (!c.LogsToStdout)
        {
            how.Add("If kube-apiserver runs in a container, mount the directory " + c.PolicyDirectory + " read-only and the directory " + c.LogDirectory + " read-write");
            how.Add("(the directory, not the file: rotation renames the file, which fails on a file bind mount).");
            how.Add("Rotation is set explicitly: kube-apiserver 1.36 changed the defaults (maxage 366, maxbackup 100, maxsize 100; before: 0, 0, 0).");
        }

        y.Comment(how).Comment(c.NoteLines());
        foreach (var flag in c.Flags())
        {
            y.Raw("--" + flag.Key + "=" + flag.Value);
        }

        files.Add(new DeploymentFile(c.BaseName + ".kube-apiserver.flags", y.ToString()));
    }
}
