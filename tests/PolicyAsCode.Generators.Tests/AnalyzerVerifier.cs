using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace PolicyAsCode.Generators.Tests;

/// <summary>Microsoft.CodeAnalysis.Testing for the policy analyzer, with offline .NET 10 references.</summary>
internal static class AnalyzerVerifier
{
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, null, expected);

    /// <summary>Verifies with <c>PolicyAsCodeKubernetesVersion</c> set (null: unset).</summary>
    public static async Task VerifyAsync(string source, string? kubernetesVersion, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<PolicyAsCode.Generators.Analyzers.PolicyAnalyzer, DefaultVerifier>
        {
            TestCode = "using PolicyAsCode;\n" + source,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Policy).Assembly.Location));
        if (kubernetesVersion is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.PolicyAsCodeKubernetesVersion = " + kubernetesVersion + "\n"));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>The analyzer's diagnostics for a source (for what the verifier does not compare, such as properties).</summary>
    public static async Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> DiagnosticsAsync(string source)
    {
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("using PolicyAsCode;\n" + source);
        var references = new System.Collections.Generic.List<MetadataReference>(Basic.Reference.Assemblies.Net100.References.All) { MetadataReference.CreateFromFile(typeof(Policy).Assembly.Location) };
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("t", new[] { tree }, references, new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var analyzer = new PolicyAsCode.Generators.Analyzers.PolicyAnalyzer();
        return await compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(analyzer)).GetAnalyzerDiagnosticsAsync();
    }
}
