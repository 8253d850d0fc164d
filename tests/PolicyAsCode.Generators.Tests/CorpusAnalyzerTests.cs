using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PolicyAsCode.Tests;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>
/// The real world: every v1 corpus policy, written as attributed C# (the import the command-line tool does), gets from
/// the analyzers exactly the defects ../shared/corpus/FEATURES.md describes for it, and nothing on the clean ones.
/// </summary>
public sealed class CorpusAnalyzerTests
{
    public static IEnumerable<object[]> Files => CorpusImportTests.Files;

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Corpus_policy_as_CSharp_reports_exactly_the_described_defects(string file)
    {
        var text = File.ReadAllText(Path.Combine(SharedFiles.CorpusDirectory, file));
        if (!PolicyLoader.Load(text).Accepted)
        {
            // v1beta1: kube-apiserver refuses the file, so there is no v1 policy to write as C# (the CLI test covers it).
            Assert.Contains(CorpusDefects.For(file), d => d.Id == "PAC0004");
            return;
        }

        var imported = PolicyImporter.Import(text, Path.GetFileNameWithoutExtension(file), "ImportedPolicy", "Imported.Policies");
        Assert.Null(imported.Error);
        var diagnostics = await AnalyzerVerifier.DiagnosticsAsync(imported.Source!.Replace("using PolicyAsCode;", string.Empty));
        var actual = diagnostics.Select(d => (d.Id, RuleIndexOf(d), d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var (missing, extra) = CorpusDefects.Compare(CorpusDefects.For(file).Where(d => !d.YamlOnly), actual);
        Assert.True(missing.Count == 0 && extra.Count == 0, "missing:\n" + string.Join("\n", missing) + "\nextra:\n" + string.Join("\n", extra));
    }

    /// <summary>The index of the rule type (nested class with [Rule], in declaration order) that contains the diagnostic.</summary>
    private static int RuleIndexOf(Diagnostic diagnostic)
    {
        var root = diagnostic.Location.SourceTree!.GetRoot();
        var node = root.FindNode(diagnostic.Location.SourceSpan);
        var ruleClass = node.AncestorsAndSelf().OfType<ClassDeclarationSyntax>().FirstOrDefault(c => c.Parent is ClassDeclarationSyntax);
        if (ruleClass is null)
        {
            return -1;
        }

        var rules = ((ClassDeclarationSyntax)ruleClass.Parent!).Members.OfType<ClassDeclarationSyntax>()
            .Where(c => c.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() == "Rule")).ToList();
        return rules.IndexOf(ruleClass);
    }
}
