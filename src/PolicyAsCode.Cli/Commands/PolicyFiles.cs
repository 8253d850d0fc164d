using System.IO;

namespace PolicyAsCode.Cli.Commands;

/// <summary>
/// How every command reads a policy file: through the core's bounded reader and loader, with one wording for
/// each failure. Input the loader cannot read at all (missing, a directory, unreadable, over PolicyAsCode's
/// limits, not YAML or JSON) is an input error with the same line in every command; a policy kube-apiserver
/// would reject is reported as such.
/// </summary>
internal static class PolicyFiles
{
    /// <summary>The accepted policy, or null after one <c>error: ...</c> line.</summary>
    public static Policy? LoadAccepted(string path, TextWriter stderr, PolicyLoadOptions? options = null)
    {
        var result = PolicyLoader.LoadFile(path, options);
        return Accepted(path, result, stderr);
    }

    /// <summary>The bytes of a file under the size limit, or null after one <c>error: ...</c> line.</summary>
    public static byte[]? Read(string path, TextWriter stderr)
    {
        var data = PolicyLoader.ReadFile(path, null, out var error);
        if (data is null)
        {
            InputError(path, error!, stderr);
        }

        return data;
    }

    /// <summary>The policy of a load result, or null after one <c>error: ...</c> line.</summary>
    public static Policy? Accepted(string path, PolicyLoadResult result, TextWriter stderr)
    {
        if (result.Unreadable)
        {
            InputError(path, result.Error!, stderr);
            return null;
        }

        if (!result.Accepted)
        {
            stderr.WriteLine(TerminalText.Escape("error: " + path + ": kube-apiserver would not load this policy: " + result.Error + V1beta1Hint.For(result.Error, path)));
            return null;
        }

        return result.Policy;
    }

    /// <summary>The one line for input that is not a policy at all.</summary>
    public static void InputError(string path, string error, TextWriter stderr)
        => stderr.WriteLine(TerminalText.Escape("error: " + path + ": " + error));

}
