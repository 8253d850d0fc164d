using System.Collections.Generic;

namespace PolicyAsCode.Deployment;

/// <summary>
/// kubeadm: a <c>ClusterConfiguration</c> fragment (v1beta3 before Kubernetes 1.31, v1beta4 from 1.31, when kubeadm
/// introduced it), a kubeadm patch that puts the policy's hash on the static pod, and the resulting change to
/// <c>/etc/kubernetes/manifests/kube-apiserver.yaml</c>.
/// </summary>
/// <remarks>
/// Why the hash annotation: kube-apiserver reads the policy only at start, and the kubelet restarts a static pod only
/// when its manifest changes. A policy edited on disk is never reloaded unless something in the manifest changes
/// with it; the annotation is exactly that something.
/// </remarks>
internal sealed class KubeadmTarget : DeploymentTarget
{
    public const string PolicyVolume = "audit-policy";
    public const string LogVolume = "audit-logs";

    public override string Name => "kubeadm";

    public override string DisplayName => "kubeadm";

    internal override string DefaultLogPath => "/var/log/kubernetes/audit/audit.log";

    internal override string DefaultPolicyPath(string policyFileName) => "/etc/kubernetes/audit/" + policyFileName;

    /// <summary>
    /// The hostPath mounts kubeadm gives kube-apiserver itself (ca-certs, etc-ca-certificates, k8s-certs, etc-pki,
    /// usr-local-share-ca-certificates, usr-share-ca-certificates): an extra volume at one of these mountPaths makes
    /// the pod invalid (mountPaths must be unique).
    /// </summary>
    public static readonly string[] KubeadmMounts =
    {
        "/etc/ssl/certs", "/etc/ca-certificates", "/etc/kubernetes/pki", "/etc/pki", "/usr/local/share/ca-certificates", "/usr/share/ca-certificates",
    };

    internal override IEnumerable<string> MountedDirectories => KubeadmMounts;

    /// <summary>v1beta4 from 1.31 (kubeadm's choice); kind keeps v1beta3 until 1.35 but merges map-form patches either way.</summary>
    public static bool UsesV1Beta4((int Major, int Minor) version) => KubernetesVersions.AtLeast(version, (1, 31));

    internal override void Write(DeploymentContext c, List<DeploymentFile> files)
    {
        var v1beta4 = UsesV1Beta4(c.Request.KubernetesVersion);
        var patchesDir = c.BaseName + ".kubeadm-patches";
        var config = new DeploymentYaml()
            .Comment(c.Header("kubeadm ClusterConfiguration fragment (kubeadm.k8s.io/" + (v1beta4 ? "v1beta4" : "v1beta3") + ")"))
            .Comment(new[]
            {
                "First, on every control-plane node: sudo install -D -m 0600 " + c.PolicyFileName + " " + c.PolicyPath,
                "New cluster: merge the apiServer fields below into your kubeadm configuration, then",
                "  kubeadm init --config YOUR-CONFIG.yaml --patches " + patchesDir,
                "Existing cluster: add the same fields to ClusterConfiguration in the kubeadm-config ConfigMap",
                "  (kubectl -n kube-system edit configmap kubeadm-config), save the full ClusterConfiguration as YOUR-CONFIG.yaml,",
                "  and on every control-plane node run",
                "  kubeadm init phase control-plane apiserver --config YOUR-CONFIG.yaml --patches " + patchesDir,
                "  which rewrites /etc/kubernetes/manifests/kube-apiserver.yaml (" + c.BaseName + ".kube-apiserver-manifest.yaml shows the change);",
                "  the kubelet then restarts kube-apiserver.",
                "After changing only the policy: copy it again, regenerate, and re-run the same command: the hash annotation changes,",
                "so the kubelet restarts kube-apiserver (it reads the policy only at start).",
                v1beta4 ? "v1beta4 (kubeadm 1.31 and later) writes extraArgs as a list of name/value pairs." : "v1beta3 (kubeadm before 1.31) writes extraArgs as a map.",
            })
            .Comment(c.NoteLines())
            .Raw("apiVersion: kubeadm.k8s.io/" + (v1beta4 ? "v1beta4" : "v1beta3"))
            .Raw("kind: ClusterConfiguration");
        WriteApiServer(config, c, v1beta4, string.Empty);
        files.Add(new DeploymentFile(c.BaseName + ".kubeadm.yaml", config.ToString()));

        var patch = new DeploymentYaml()
            .Comment(c.Header("kubeadm patch for the kube-apiserver static pod (strategic merge)"))
            .Comment(new[]
            {
                "Where: keep this file, named kube-apiserver+strategic.yaml, in the folder given to kubeadm's --patches",
                "(kubeadm init, join --control-plane, upgrade apply/node, init phase control-plane apiserver).",
                "It puts the policy's sha256 on the static pod: when only the policy changes, the manifest still changes,",
                "and the kubelet restarts kube-apiserver.",
            })
            .Comment(c.NoteLines())
            .Raw("metadata:")
            .Raw("  annotations:")
            .String("    " + DeploymentDefaults.HashAnnotation + ": ", c.Request.PolicySha256);
        files.Add(new DeploymentFile(patchesDir + "/kube-apiserver+strategic.yaml", patch.ToString()));

        var manifest = new DeploymentYaml()
            .Comment(c.Header("The change to /etc/kubernetes/manifests/kube-apiserver.yaml"))
            .Comment(new[]
            {
                "kubeadm writes exactly these entries from " + c.BaseName + ".kubeadm.yaml and the patch. To edit the manifest by hand",
                "instead, add each command entry to the kube-apiserver container's command (replacing any --audit-log-* or",
                "--audit-policy-file already there), each volumeMount and volume, and the annotation. Not a kubectl patch:",
                "command is a plain list, which a strategic merge would replace as a whole.",
                "Edit a copy outside /etc/kubernetes/manifests and move it in: the kubelet reads every file in that folder.",
            })
            .Comment(c.NoteLines())
            .Raw("apiVersion: v1")
            .Raw("kind: Pod")
            .Raw("metadata:")
            .String("  name: ", "kube-apiserver")
            .String("  namespace: ", "kube-system")
            .Raw("  annotations:")
            .String("    " + DeploymentDefaults.HashAnnotation + ": ", c.Request.PolicySha256)
            .Raw("spec:")
            .Raw("  containers:")
            .String("    - name: ", "kube-apiserver")
            .Raw("      command:");
        foreach (var flag in c.Flags())
        {
            manifest.String("        - ", "--" + flag.Key + "=" + flag.Value);
        }

        manifest.Raw("      volumeMounts:");
        foreach (var (name, dir, readOnly) in Volumes(c))
        {
            manifest.String("        - name: ", name).String("          mountPath: ", dir).Raw("          readOnly: " + (readOnly ? "true" : "false"));
        }

        manifest.Raw("  volumes:");
        foreach (var (name, dir, _) in Volumes(c))
        {
            manifest.String("    - name: ", name).Raw("      hostPath:").String("        path: ", dir).Raw("        type: DirectoryOrCreate");
        }

        files.Add(new DeploymentFile(c.BaseName + ".kube-apiserver-manifest.yaml", manifest.ToString()));
    }

    /// <summary>The hostPath volumes: the policy's directory read-only, the log's directory (never the file) read-write.</summary>
    public static List<(string Name, string Directory, bool ReadOnly)> Volumes(DeploymentContext c)
    {
        var volumes = new List<(string, string, bool)> { (PolicyVolume, c.PolicyDirectory, true) };
        if (!c.LogsToStdout)
        {
            volumes.Add((LogVolume, c.LogDirectory, false));
        }

        return volumes;
    }

    /// <summary>
    /// The <c>apiServer</c> mapping at <paramref name="indent"/>: extraArgs (a list of name/value for v1beta4, a map
    /// for v1beta3) and extraVolumes (HostPathMount: name, hostPath, mountPath, readOnly, pathType).
    /// </summary>
    public static void WriteApiServer(DeploymentYaml y, DeploymentContext c, bool listArgs, string indent)
    {
        y.Raw(indent + "apiServer:").Raw(indent + "  extraArgs:");
        foreach (var flag in c.Flags())
        {
            if (listArgs)
            {
                y.String(indent + "    - name: ", flag.Key).String(indent + "      value: ", flag.Value);
            }
            else
            {
                y.String(indent + "    " + flag.Key + ": ", flag.Value);
            }
        }

        y.Raw(indent + "  extraVolumes:");
        foreach (var (name, dir, readOnly) in Volumes(c))
        {
            y.String(indent + "    - name: ", name)
                .String(indent + "      hostPath: ", dir)
                .String(indent + "      mountPath: ", dir)
                .Raw(indent + "      readOnly: " + (readOnly ? "true" : "false"))
                .Raw(indent + "      pathType: DirectoryOrCreate");
        }
    }
}
