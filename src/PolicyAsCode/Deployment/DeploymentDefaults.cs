namespace PolicyAsCode.Deployment;

/// <summary>Values every self-managed target shares.</summary>
internal static class DeploymentDefaults
{
    /// <summary>The newest Kubernetes release the project knows (the built-in resource catalog's).</summary>
    public static readonly (int Major, int Minor) CurrentKubernetes = (1, 36);

    /// <summary>
    /// The oldest supported: kubeadm's v1beta3 configuration appeared in 1.22 (v1beta2 is gone since 1.27), and
    /// every release before is long out of support.
    /// </summary>
    public static readonly (int Major, int Minor) OldestKubernetes = (1, 22);

    /// <summary>CIS Kubernetes Benchmark 1.2.17: <c>--audit-log-maxage</c> at least 30.</summary>
    public const int CisMaxAgeDays = 30;

    /// <summary>CIS 1.2.18: <c>--audit-log-maxbackup</c> at least 10.</summary>
    public const int CisMaxBackups = 10;

    /// <summary>CIS 1.2.19: <c>--audit-log-maxsize</c> at least 100 (MB).</summary>
    public const int CisMaxSizeMegabytes = 100;

    /// <summary>The static pod annotation that carries the policy's hash (see <see cref="KubeadmTarget"/>).</summary>
    public const string HashAnnotation = "policyascode/audit-policy-sha256";
}
