using System;
using System.IO;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>Every diagnostic has a help link to docs/rules/{id}.md, the page exists, and the release file lists it.</summary>
public sealed class RuleDocsTests
{
    [Fact]
    public void Every_diagnostic_has_a_page_a_link_and_a_release_entry()
    {
        var root = Path.GetDirectoryName(Path.GetDirectoryName(SampleRoot()))!;
        var unshipped = File.ReadAllText(Path.Combine(root, "src", "PolicyAsCode.Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in new PolicyAsCode.Generators.Analyzers.PolicyAnalyzer().SupportedDiagnostics)
        {
            Assert.EndsWith("docs/rules/" + descriptor.Id + ".md", descriptor.HelpLinkUri);
            var page = Path.Combine(root, "docs", "rules", descriptor.Id + ".md");
            Assert.True(File.Exists(page), page);
            Assert.StartsWith("# " + descriptor.Id + " - " + descriptor.Title, File.ReadAllText(page));
            Assert.Contains(descriptor.Id + " | PolicyAsCode | " + descriptor.DefaultSeverity, unshipped);
            Assert.False(descriptor.Title.ToString().EndsWith(".", StringComparison.Ordinal));
        }
    }

    private static string SampleRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PolicyAsCode.sln")))
            {
                return Path.Combine(dir.FullName, "samples", "x");
            }
        }

        throw new DirectoryNotFoundException("repository root not found");
    }
}
