using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace PolicyAsCode.PackageTests;

/// <summary>What the .nupkg holds under analyzers/: our two assemblies, nothing third-party, and no Workspaces in the analyzer.</summary>
public sealed class PackageLayoutTests : IClassFixture<PackedPackage>
{
    private readonly PackedPackage _package;

    public PackageLayoutTests(PackedPackage package) => _package = package;

    [Fact]
    public void Analyzers_folder_holds_the_generator_and_the_code_fixes_only()
    {
        using var nupkg = ZipFile.OpenRead(Path.Combine(_package.Feed, "PolicyAsCode." + _package.Version + ".nupkg"));
        var analyzers = nupkg.Entries.Select(e => e.FullName).Where(n => n.StartsWith("analyzers/")).OrderBy(n => n, System.StringComparer.Ordinal).ToArray();

        // A third-party dll here may not load, or lose to another package's older copy in the IDE.
        Assert.Equal(["analyzers/dotnet/cs/PolicyAsCode.CodeFixes.dll", "analyzers/dotnet/cs/PolicyAsCode.Generators.dll"], analyzers);
        Assert.DoesNotContain(nupkg.Entries, e => e.FullName.StartsWith("lib/") && e.Name.StartsWith("PolicyAsCode.CodeFixes"));

        // csc loads the analyzer assembly in command-line builds, where Workspaces does not exist (RS1038);
        // only the code-fix assembly may reference it.
        Assert.DoesNotContain("Microsoft.CodeAnalysis.Workspaces", References(nupkg, "analyzers/dotnet/cs/PolicyAsCode.Generators.dll"));
        Assert.Contains("Microsoft.CodeAnalysis.Workspaces", References(nupkg, "analyzers/dotnet/cs/PolicyAsCode.CodeFixes.dll"));
    }

    private static string[] References(ZipArchive nupkg, string entry)
    {
        using var stream = new MemoryStream();
        using (var source = nupkg.GetEntry(entry)!.Open())
        {
            source.CopyTo(stream);
        }

        stream.Position = 0;
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToArray();
    }
}
