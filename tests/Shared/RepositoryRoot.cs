using System;
using System.IO;

namespace PolicyAsCode;

/// <summary>
/// The repository root (the folder with PolicyAsCode.sln above the running assembly) and the shared reference folder
/// beside it, found one way for every test project and the benchmarks (linked, not referenced).
/// </summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The repository root.</summary>
    public static string Path => Root.Value;

    /// <summary>The shared reference folder: <c>POLICYASCODE_SHARED</c> when set, else <c>../shared</c> beside the repository.</summary>
    public static string Shared
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("POLICYASCODE_SHARED");
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                return fromEnvironment;
            }

            var shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, "..", "shared"));
            return Directory.Exists(shared)
                ? shared
                : throw new DirectoryNotFoundException("The shared reference folder (../shared beside the repository) was not found; set POLICYASCODE_SHARED.");
        }
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PolicyAsCode.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("repository root (PolicyAsCode.sln) not found above " + AppContext.BaseDirectory);
    }
}
