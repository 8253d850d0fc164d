using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>Incremental caching: the policy steps re-run only when a policy changes, and hold no symbols.</summary>
public sealed class IncrementalTests
{
    private const string PolicySource = """
        using PolicyAsCode;
        namespace I;
        [AuditPolicy("inc")]
        public partial class Inc
        {
            [Rule(Level.None)] [Users("system:kube-proxy")] public partial class Exempt;
            [Rule(Level.Metadata)] public partial class All;
        }
        """;

    private const string Unrelated = "namespace I; public class Other { public int X => 1; }";

    private static readonly string[] Steps = { "Parse", "Specs" };

    [Fact]
    public void Second_run_is_all_cached()
    {
        var compilation = GeneratorHarness.Compilation(PolicySource, Unrelated);
        var driver = GeneratorHarness.Driver(track: true).RunGenerators(compilation);
        driver = driver.RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();
        foreach (var step in Steps)
        {
            Assert.All(result.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Unrelated_edit_does_not_re_emit()
    {
        var compilation = GeneratorHarness.Compilation(PolicySource, Unrelated);
        var driver = GeneratorHarness.Driver(track: true).RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(1), CSharpSyntaxTree.ParseText(Unrelated.Replace("1;", "2;"), GeneratorHarness.ParseOptions, path: "Source1.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        Assert.All(result.TrackedSteps["Specs"].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Reformatting_the_policy_leaves_the_spec_unchanged()
    {
        var compilation = GeneratorHarness.Compilation(PolicySource, Unrelated);
        var driver = GeneratorHarness.Driver(track: true).RunGenerators(compilation);
        var reformatted = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), CSharpSyntaxTree.ParseText("// a comment\n" + PolicySource.Replace("    [Rule", "        [Rule"), GeneratorHarness.ParseOptions, path: "Source0.cs"));
        var result = driver.RunGenerators(reformatted).GetRunResult().Results.Single();
        Assert.All(result.TrackedSteps["Parse"].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Changing_a_rule_is_modified()
    {
        var compilation = GeneratorHarness.Compilation(PolicySource, Unrelated);
        var driver = GeneratorHarness.Driver(track: true).RunGenerators(compilation);
        var changed = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), CSharpSyntaxTree.ParseText(PolicySource.Replace("Level.Metadata", "Level.Request"), GeneratorHarness.ParseOptions, path: "Source0.cs"));
        var result = driver.RunGenerators(changed).GetRunResult().Results.Single();
        Assert.Contains(result.TrackedSteps["Parse"].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Step_outputs_hold_no_symbols_syntax_or_compilations()
    {
        var driver = GeneratorHarness.Driver(track: true).RunGenerators(GeneratorHarness.Compilation(PolicySource));
        var result = driver.GetRunResult().Results.Single();
        foreach (var step in Steps)
        {
            foreach (var output in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                AssertNoCompilerObjects(output.Value, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    [Fact]
    public void Specs_from_the_same_source_are_equal()
    {
        object Spec(string source) => GeneratorHarness.Driver(track: true).RunGenerators(GeneratorHarness.Compilation(source))
            .GetRunResult().Results.Single().TrackedSteps["Specs"].Single().Outputs.Single().Value;

        var a = Spec(PolicySource);
        var b = Spec(PolicySource);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Spec(PolicySource.Replace("kube-proxy", "kube-proxy-2")));
    }

    private static void AssertNoCompilerObjects(object? value, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or Compilation or SemanticModel or Location or SyntaxTree, "step output holds a " + value.GetType());
        if (value is IEnumerable sequence)
        {
            foreach (var item in sequence)
            {
                AssertNoCompilerObjects(item, seen);
            }
        }

        for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                AssertNoCompilerObjects(field.GetValue(value), seen);
            }
        }
    }
}
