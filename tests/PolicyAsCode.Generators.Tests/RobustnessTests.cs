using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>
/// The generator over thousands of mutated (half-typed) versions of real declarations: it never throws, and
/// the code it emits never has an error of its own.
/// </summary>
public sealed class RobustnessTests
{
    private const string Seed = """
        using PolicyAsCode;
        namespace R;
        [AuditPolicy("robust")]
        [OmitStages(Stage.RequestReceived)]
        [OmitManagedFields(true)]
        public partial class Robust
        {
            [Rule(Level.None, Order = 1)]
            [Users("system:kube-proxy")]
            [Verbs(Verb.Watch, "get")]
            [Resources(ApiGroup.Core, "endpoints", "services/status", ResourceNames = new[] { "a" })]
            [Namespaces("", "kube-system")]
            [OmitStages(Stage.ResponseStarted)]
            [OmitManagedFields(false)]
            public partial class Exempt;

            [Rule(Level.Metadata, Order = 2)]
            [NonResourceUrls("/healthz*")]
            public partial class Health { }

            [Rule(Level.RequestResponse, Order = 3)]
            [UserGroups("system:nodes")]
            public partial class Everything;
        }
        """;

    private static readonly string[] Replacements =
    {
        "", "5", "null", "\"x\"", "Level.None", "(Level)9", "Stage.Panic", "(Stage)42", "new[] { \"a\" }", "partial", "class", "Robust",
        "Exempt", "[Rule(Level.None)]", "Yaml", ",", ")", "(", "]", "[", "{", "}", ";", "\"\\uD800\"", "true", "Order = 1", "typeof(int)",
        "[AuditPolicy(\"robust\")]", "[AuditPolicy(\"other\")]", "static", "Policy", "Builder", "[\"x\", \"*\"]", "new string[] { \"GET\" }",
    };

    [Fact]
    public void Mutated_sources_never_break_the_generator()
    {
        var random = new Random(20261125);
        var tokens = CSharpSyntaxTree.ParseText(Seed).GetRoot().DescendantTokens().ToList();
        var generatedCount = 0;
        for (var iteration = 0; iteration < 2000; iteration++)
        {
            var mutated = Mutate(Seed, tokens, random);
            var compilation = GeneratorHarness.Compilation(mutated);
            var driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
            var run = driver.GetRunResult();
            Assert.All(run.Results, r => Assert.Null(r.Exception));
            Assert.DoesNotContain(diagnostics, d => d.Id is "CS8785" or "AD0001");

            var generatedTrees = new HashSet<SyntaxTree>(run.GeneratedTrees);
            generatedCount += generatedTrees.Count;
            var ownErrors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree)).ToList();
            Assert.True(ownErrors.Count == 0, "generated code has errors for:\n" + mutated + "\n" + string.Join("\n", ownErrors));
        }

        // The mutations must not all be fatal: many still generate, so the check above is meaningful.
        Assert.True(generatedCount > 200, "only " + generatedCount + " runs generated code");
    }

    /// <summary>The analyzers see every half-typed state in the IDE: over mutated policies they never throw (AD0001).</summary>
    [Fact]
    public async System.Threading.Tasks.Task Mutated_sources_never_break_the_analyzer()
    {
        var seed = Seed.Replace("[AuditPolicy(\"robust\")]", "[AuditPolicy(\"robust\")]\n[MustMeet(typeof(PolicyAsCode.Requirements.CalicoCloud))]")
            .Replace("\"endpoints\", \"services/status\"", "\"endpoints\", \"services/status\", \"pod\", \"pods/logs\"")
            .Replace("[UserGroups(\"system:nodes\")]", "[UserGroups(\"system:nodes\")] [Resources(ApiGroup.Extensions, \"networkpolicies\")] [Verbs(\"GET\", \"*\")]");
        var random = new Random(20261126);
        var tokens = CSharpSyntaxTree.ParseText(seed).GetRoot().DescendantTokens().ToList();
        var reported = 0;
        for (var iteration = 0; iteration < 400; iteration++)
        {
            var mutated = Mutate(seed, tokens, random);
            var exceptions = new List<Exception>();
            var options = new Microsoft.CodeAnalysis.Diagnostics.CompilationWithAnalyzersOptions(
                new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty),
                (exception, _, _) => exceptions.Add(exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
            var analyzers = System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new PolicyAsCode.Generators.Analyzers.PolicyAnalyzer());
            var diagnostics = await GeneratorHarness.Compilation(mutated).WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync();
            Assert.True(exceptions.Count == 0, "the analyzer threw for:\n" + mutated + "\n" + string.Join("\n", exceptions));
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            reported += diagnostics.Count(d => d.Id.StartsWith("PAC", StringComparison.Ordinal));
        }

        // Many mutations keep a policy the analyzer judges, so the check above is meaningful.
        Assert.True(reported > 400, "only " + reported + " PolicyAsCode diagnostics");
    }

    private static string Mutate(string source, List<SyntaxToken> tokens, Random random)
    {
        var edits = random.Next(1, 3);
        var text = source;
        for (var e = 0; e < edits; e++)
        {
            var current = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().ToList();
            var token = current[random.Next(current.Count)];
            var replacement = random.Next(3) switch
            {
                0 => string.Empty,
                1 => Replacements[random.Next(Replacements.Length)],
                _ => token.Text + " " + token.Text,
            };
            text = text.Substring(0, token.SpanStart) + replacement + text.Substring(token.Span.End);
        }

        return text;
    }
}
