using System.IO;

namespace PolicyAsCode.Cli.Commands;

/// <summary>A <c>major.minor</c> version option (<c>1.31</c>, <c>v1.31</c>, <c>1.31.2</c>).</summary>
internal static class VersionText
{
    /// <summary>False (with an <c>error:</c> line) when <paramref name="text"/> is given and is not a version; null stays null.</summary>
    public static bool TryParse(string option, string? text, out (int Major, int Minor)? version, TextWriter stderr)
    {
        version = null;
        if (text is null)
        {
            return true;
        }

        if (!KubernetesVersions.TryParse(text, out var parsed))
        {
            stderr.WriteLine("error: " + option + " must look like 1.31, not '" + text + "'");
            return false;
        }

        version = parsed;
        return true;
    }
}
