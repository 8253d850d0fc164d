using System.Collections.Generic;

namespace PolicyAsCode.Deployment;

/// <summary>
/// What to deploy and how: the policy (its file name, its canonical YAML and the hash of the bytes that are
/// copied to the nodes) and the choices a user may override. Unset values take the target's defaults.
/// </summary>
/// <remarks>
/// The policy arrives as text, not as a <see cref="Policy"/>, because the build task has the canonical YAML from the
/// compiled assembly's manifest and no YAML reader; the command-line tool renders the loaded policy with
/// <see cref="PolicyYamlWriter"/> first, so both take the same path.
/// </remarks>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record DeploymentRequest
{
    /// <summary>The policy's file name as the user copies it (<c>calico-cloud-audit.yaml</c>).</summary>
    public string PolicyFileName { get; init; } = string.Empty;

    /// <summary>The policy in canonical form (<see cref="PolicyYamlWriter.Write"/>): embedded in Talos and kOps documents.</summary>
    public string CanonicalPolicyYaml { get; init; } = string.Empty;

    /// <summary>SHA-256 (lower-case hex) of the file the nodes read: the static pod annotation that restarts kube-apiserver.</summary>
    public string PolicySha256 { get; init; } = string.Empty;

    /// <summary>The Kubernetes version (major, minor) of the cluster. Default: the current release, 1.36.</summary>
    public (int Major, int Minor) KubernetesVersion { get; init; } = DeploymentDefaults.CurrentKubernetes;

    /// <summary>The Talos version (major, minor); before 1.14 the deprecated machine-config field is written. Default: 1.14.</summary>
    public (int Major, int Minor)? TalosVersion { get; init; }

    /// <summary><c>--audit-log-path</c>; <c>-</c> is standard output. Default: a requirement set's consumer path, else the target's.</summary>
    public string? LogPath { get; init; }

    /// <summary>Where the policy file lives on the node (<c>--audit-policy-file</c>). Default: the target's.</summary>
    public string? PolicyPath { get; init; }

    /// <summary><c>--audit-log-maxsize</c> in MB. Default 100 (CIS 1.2.19).</summary>
    public int? MaxSizeMegabytes { get; init; }

    /// <summary><c>--audit-log-maxbackup</c>. Default 10 (CIS 1.2.18).</summary>
    public int? MaxBackups { get; init; }

    /// <summary><c>--audit-log-maxage</c> in days. Default 30 (CIS 1.2.17).</summary>
    public int? MaxAgeDays { get; init; }

    /// <summary>The log paths the required requirement sets' consumers read (<see cref="RequirementSet.LogPath"/>), with the set's name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ConsumerLogPaths { get; init; } = new List<KeyValuePair<string, string>>();
}
