using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace PolicyAsCode.Generators.Tests;

/// <summary>Microsoft.CodeAnalysis.Testing for the code fixes with the policy analyzer, with offline .NET 10 references.</summary>
internal static class CodeFixVerifier<TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>
    /// Checks the diagnostics of <paramref name="source"/> (exact spans from the markup), that the fixes applied one
    /// at a time and every Fix All (document, project, solution) give <paramref name="fixedSource"/>, and that the
    /// fixed code compiles with exactly the <paramref name="remaining"/> diagnostics. When
    /// <paramref name="fixedSource"/> equals <paramref name="source"/>, it checks that no fix is offered at all.
    /// </summary>
    public static Task VerifyAsync(string source, DiagnosticResult[] expected, string fixedSource, DiagnosticResult[]? remaining = null)
        => VerifyAsync([source], expected, [fixedSource], remaining);

    /// <summary>
    /// The same when Fix All gives more than the fixes applied one at a time: <paramref name="fixedSource"/> and
    /// <paramref name="remaining"/> are what the one-at-a-time fixes of this provider leave, <paramref name="batchFixedSource"/>
    /// what Fix All gives (with no diagnostics left).
    /// </summary>
    public static Task VerifyAsync(string source, DiagnosticResult[] expected, string fixedSource, DiagnosticResult[] remaining, string batchFixedSource)
        => VerifyAsync([source], expected, [fixedSource], remaining, [batchFixedSource]);

    /// <summary>The same over several files (a policy whose rules are spread over partial declarations).</summary>
    public static async Task VerifyAsync(string[] sources, DiagnosticResult[] expected, string[] fixedSources, DiagnosticResult[]? remaining = null, string[]? batchFixedSources = null)
    {
        var test = new CSharpCodeFixTest<PolicyAsCode.Generators.Analyzers.PolicyAnalyzer, TCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        Add(test.TestState.Sources, sources);
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Policy).Assembly.Location));
        test.ExpectedDiagnostics.AddRange(expected);

        // Explicit: by default the fixed state inherits the input's unfixable diagnostics, but a fix also removes
        // the ones it makes obsolete (adding delete to a rule meets the optional requirement too).
        test.FixedState.InheritanceMode = StateInheritanceMode.Explicit;
        Add(test.FixedState.Sources, fixedSources);
        test.FixedState.AdditionalReferences.AddRange(test.TestState.AdditionalReferences);
        test.FixedState.ExpectedDiagnostics.AddRange(remaining ?? []);
        if (batchFixedSources is not null)
        {
            test.BatchFixedState.InheritanceMode = StateInheritanceMode.Explicit;
            Add(test.BatchFixedState.Sources, batchFixedSources);
            test.BatchFixedState.AdditionalReferences.AddRange(test.TestState.AdditionalReferences);
        }

        await test.RunAsync();
    }

    private static void Add(SourceFileList files, string[] sources)
    {
        foreach (var source in sources)
        {
            files.Add("using PolicyAsCode;\n" + source);
        }
    }
}
