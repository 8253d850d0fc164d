using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>
/// The rule catalog is the one list of ids: the analyzer's descriptors are built from it, and AnalyzerReleases, docs/rules
/// and the README's diagnostics table must say what it says.
/// </summary>
public sealed class RuleDocsTests
{
    private static readonly string Root = RepositoryRoot.Path;

    [Fact]
    public void Analyzer_descriptors_are_exactly_the_catalog_rules_the_analyzer_reports()
    {
        var descriptors = new PolicyAsCode.Generators.Analyzers.PolicyAnalyzer().SupportedDiagnostics;
        var analyzerRules = RuleCatalog.All.Where(r => r.ReportedBy.HasFlag(RuleReporters.Analyzer)).ToList();
        Assert.Equal(analyzerRules.Select(r => r.Id), descriptors.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal));
        foreach (var descriptor in descriptors)
        {
            var rule = RuleCatalog.Get(descriptor.Id);
            Assert.Equal(rule.Title, descriptor.Title.ToString());
            Assert.Equal(rule.Category, descriptor.Category);
            Assert.Equal(rule.MessageFormat, descriptor.MessageFormat.ToString());
            Assert.Equal(rule.HelpUri, descriptor.HelpLinkUri);
            Assert.Equal(rule.DefaultSeverity == RuleSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
            Assert.True(descriptor.IsEnabledByDefault);
        }
    }

    [Fact]
    public void Every_catalog_rule_has_a_page_with_its_title_and_severity()
    {
        foreach (var rule in RuleCatalog.All)
        {
            Assert.EndsWith("docs/rules/" + rule.Id + ".md", rule.HelpUri);
            Assert.False(rule.Title.EndsWith(".", StringComparison.Ordinal), rule.Id);
            var page = Path.Combine(Root, "docs", "rules", rule.Id + ".md");
            Assert.True(File.Exists(page), page);
            var text = File.ReadAllText(page);
            Assert.StartsWith("# " + rule.Id + " - " + rule.Title + "\n", text.Replace("\r\n", "\n"));
            Assert.Contains("Severity: " + rule.DefaultSeverity, text);
        }
    }

    [Fact]
    public void AnalyzerReleases_lists_exactly_the_analyzer_rules_with_catalog_category_and_severity()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "src", "PolicyAsCode.Generators", "AnalyzerReleases.Unshipped.md"))
            .Where(l => l.StartsWith("PAC", StringComparison.Ordinal)).ToList();
        var expected = RuleCatalog.All.Where(r => r.ReportedBy.HasFlag(RuleReporters.Analyzer))
            .Select(r => r.Id + " | " + r.Category + " | " + r.DefaultSeverity + " | " + r.Title + " (PolicyAnalyzer)").ToList();
        Assert.Equal(expected, lines);
    }

    [Fact]
    public void The_README_diagnostics_table_has_every_rule_with_its_severity_and_page()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        foreach (var rule in RuleCatalog.All)
        {
            Assert.Contains("| [" + rule.Id + "](docs/rules/" + rule.Id + ".md) | " + rule.DefaultSeverity.ToString().ToLowerInvariant() + " |", readme);
        }
    }
}
