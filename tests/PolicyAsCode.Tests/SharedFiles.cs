using System;
using System.IO;

namespace PolicyAsCode.Tests;

/// <summary>Finds the team's shared reference material (spec, vectors, corpus) beside the repository.</summary>
internal static class SharedFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Spec(string name) => Path.Combine(Root.Value, "spec", name);

    public static string CorpusDirectory => Path.Combine(Root.Value, "corpus");

    /// <summary>Third-party schemas kept as unmodified fixtures (see schemas/PROVENANCE.md there).</summary>
    public static string SchemasDirectory => Path.Combine(Root.Value, "schemas");
    /// <summary>The repository root: the folder above the test binaries that holds PolicyAsCode.sln.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PolicyAsCode.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("PolicyAsCode.sln was not found above " + AppContext.BaseDirectory);
        }
    }

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("POLICYASCODE_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        var shared = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
        return Directory.Exists(shared)
            ? shared
            : throw new DirectoryNotFoundException("The shared reference folder (../shared beside the repository) was not found; set POLICYASCODE_SHARED.");
    }
}
