namespace PolicyAsCode.Cli.Commands;

/// <summary>
/// What to do with an <c>audit.k8s.io/v1beta1</c> policy, which kube-apiserver has refused since 1.24. Every command
/// keeps kube-apiserver's exact rejection text and adds this, because the rules are the same in v1.
/// </summary>
internal static class V1beta1Hint
{
    private const string Version = "audit.k8s.io/v1beta1";

    /// <summary>Whether kube-apiserver rejected the policy for being v1beta1 (its error names the version it has no kind for).</summary>
    public static bool Applies(string? error) => error is not null && error.Contains("\"" + Version + "\"", System.StringComparison.Ordinal);

    /// <summary>The sentence to append to the rejection, or "" when it is not a v1beta1 rejection.</summary>
    public static string For(string? error, string file)
        => Applies(error)
            ? " (the rules are the same in v1: change apiVersion to audit.k8s.io/v1, or turn the policy into C# with `policyascode import --upgrade-v1beta1 " + file + "`)"
            : string.Empty;
}
