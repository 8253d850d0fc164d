using System.IO;

namespace PolicyAsCode.Tests;

/// <summary>Finds the team's shared reference material (spec, vectors, corpus) beside the repository.</summary>
internal static class SharedFiles
{
    public static string Spec(string name) => Path.Combine(RepositoryRoot.Shared, "spec", name);

    public static string CorpusDirectory => Path.Combine(RepositoryRoot.Shared, "corpus");

    /// <summary>Third-party schemas kept as unmodified fixtures (see schemas/PROVENANCE.md there).</summary>
    public static string SchemasDirectory => Path.Combine(RepositoryRoot.Shared, "schemas");
}
