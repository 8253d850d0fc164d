using System.Globalization;

namespace PolicyAsCode;

/// <summary>
/// Kubernetes versions as (major, minor), the one place that parses, compares and prints them and that knows which
/// version a version-dependent feature needs. The analyzer reads <c>PolicyAsCodeKubernetesVersion</c>, the tool
/// <c>--kubernetes-version</c>; both go through <see cref="TryParse"/>.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static class KubernetesVersions
{
    /// <summary>The first version whose kube-apiserver accepts <c>group: "*"</c> in a resources entry.</summary>
    public static readonly (int Major, int Minor) GroupWildcardSince = (1, 36);

    /// <summary>Reads <c>1.31</c>, <c>v1.31</c> or <c>1.31.2</c> (the patch is ignored: features follow minor versions).</summary>
    public static bool TryParse(string? text, out (int Major, int Minor) version)
    {
        version = default;
        var parts = (text ?? string.Empty).Trim().TrimStart('v').Split('.');
        if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        version = (major, minor);
        return true;
    }

    /// <summary>True when <paramref name="version"/> is <paramref name="minimum"/> or later.</summary>
    public static bool AtLeast((int Major, int Minor) version, (int Major, int Minor) minimum)
        => version.Major > minimum.Major || (version.Major == minimum.Major && version.Minor >= minimum.Minor);

    /// <summary>True when the target accepts <c>group: "*"</c>; no target means the catalog's current version, which does.</summary>
    public static bool AllowsGroupWildcard((int Major, int Minor)? target) => target is not { } t || AtLeast(t, GroupWildcardSince);

    /// <summary>"1.31".</summary>
    public static string Text((int Major, int Minor) version)
        => version.Major.ToString(CultureInfo.InvariantCulture) + "." + version.Minor.ToString(CultureInfo.InvariantCulture);
}
