extern alias generator;

using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace PolicyAsCode.Generators.Tests;

/// <summary>Microsoft.CodeAnalysis.Testing for the policy analyzer, with offline .NET 10 references.</summary>
internal static class AnalyzerVerifier
{
    public static async Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<generator::PolicyAsCode.Generators.Analyzers.PolicyAnalyzer, DefaultVerifier>
        {
            TestCode = "using PolicyAsCode;\n" + source,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Policy).Assembly.Location));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
