using System;
using System.Collections.Generic;

namespace PolicyAsCode.Deployment;

/// <summary>
/// One distribution's way of giving kube-apiserver the policy and the log flags. Each target writes the files a
/// user applies as they are, each with a comment header saying where it goes and how to apply it.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
abstract class DeploymentTarget
{
    /// <summary>Every target, in the order <c>--target</c> lists them.</summary>
    public static IReadOnlyList<DeploymentTarget> All { get; } = new DeploymentTarget[]
    {
        new KubeadmTarget(), new KindTarget(), new K3sTarget(), new Rke2Target(), new TalosTarget(), new KopsTarget(), new MinikubeTarget(), new FlagsTarget(),
    };

    /// <summary>The <c>--target</c> name.</summary>
    public abstract string Name { get; }

    /// <summary>The distribution's name as people write it (in notes and headers).</summary>
    public abstract string DisplayName { get; }

    /// <summary>Finds a target by name (ordinal, lower case), or null.</summary>
    public static DeploymentTarget? Find(string name)
    {
        foreach (var target in All)
        {
            if (string.Equals(target.Name, name, StringComparison.Ordinal))
            {
                return target;
            }
        }

        return null;
    }

    /// <summary>Where the policy lives on the node unless the user says otherwise.</summary>
    internal abstract string DefaultPolicyPath(string policyFileName);

    /// <summary>Where the log goes unless the user or a requirement set's consumer says otherwise.</summary>
    internal abstract string DefaultLogPath { get; }

    /// <summary>A log path the distribution hard-codes (Talos); then no other path can be honoured.</summary>
    internal virtual string? FixedLogPath => null;

    /// <summary>Whether a consumer's log path (a requirement set's) is applied; minikube cannot mount the log directory.</summary>
    internal virtual bool AppliesConsumerLogPath => true;

    /// <summary>Directories the distribution already mounts into kube-apiserver: a second volume there is refused by the kubelet.</summary>
    internal virtual IEnumerable<string> MountedDirectories => Array.Empty<string>();

    /// <summary>Writes the target's files.</summary>
    internal abstract void Write(DeploymentContext context, List<DeploymentFile> files);
}
