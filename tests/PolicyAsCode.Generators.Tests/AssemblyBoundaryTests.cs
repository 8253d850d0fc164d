using System.Linq;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>
/// The generator and code-fix assemblies compile core files but export only their own types, so a project that
/// references them next to the runtime library (tests, benchmarks, BenchmarkDotNet's generated project) sees each core
/// type once: no CS0433, no extern alias.
/// </summary>
public sealed class AssemblyBoundaryTests
{
    [Fact]
    public void The_generator_exports_only_its_generator_and_analyzer()
    {
        var exported = typeof(PolicyAsCode.Generators.PolicyGenerator).Assembly.GetExportedTypes().Select(t => t.FullName).OrderBy(n => n).ToArray();
        Assert.Equal(new[] { "PolicyAsCode.Generators.Analyzers.PolicyAnalyzer", "PolicyAsCode.Generators.PolicyGenerator" }, exported);
    }

    [Fact]
    public void The_code_fixes_export_no_core_type()
    {
        var exported = typeof(PolicyAsCode.CodeFixes.Replacement.ReplaceValueCodeFixProvider).Assembly.GetExportedTypes();
        Assert.NotEmpty(exported);
        Assert.All(exported, t => Assert.StartsWith("PolicyAsCode.CodeFixes.", t.FullName));
    }
}
