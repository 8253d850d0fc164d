using System.Globalization;

namespace PolicyAsCode.Deployment;

/// <summary>Reads a <c>major.minor</c> version as users write it (<c>1.31</c>, <c>v1.31</c>, <c>1.31.2</c>).</summary>
public static class KubernetesVersionText
{
    /// <summary>False when <paramref name="text"/> does not start with two dot-separated numbers.</summary>
    public static bool TryParse(string text, out (int Major, int Minor) version)
    {
        version = default;
        var parts = text.TrimStart('v').Split('.');
        if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        version = (major, minor);
        return true;
    }
}
