using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>Compiles consumer code with the generator, as a consumer project would (offline .NET 10 references).</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(Policy).Assembly.Location))
        .ToImmutableArray();

    public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
        "Consumer",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: "Source" + i + ".cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(bool track = false) => CSharpGeneratorDriver.Create(
        new[] { new PolicyAsCode.Generators.PolicyGenerator().AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    /// <summary>Runs the generator; returns the updated compilation and the run result (asserting the generator did not throw).</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run) Generate(params string[] sources)
    {
        var driver = Driver().RunGeneratorsAndUpdateCompilation(Compilation(sources), out var output, out var diagnostics);
        Assert.DoesNotContain(diagnostics, d => d.Id is "CS8785" or "AD0001");
        var run = driver.GetRunResult();
        Assert.All(run.Results, r => Assert.Null(r.Exception));
        return (output, run);
    }

    /// <summary>Compiles, asserts no errors anywhere, and loads the assembly.</summary>
    public static Assembly CompileAndLoad(params string[] sources)
    {
        var (output, _) = Generate(sources);
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(stream.ToArray());
    }

    public static T Get<T>(Type type, string member)
    {
        var field = type.GetField(member, BindingFlags.Public | BindingFlags.Static);
        if (field is not null)
        {
            return (T)field.GetValue(null)!;
        }

        return (T)type.GetProperty(member, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }

    public static PolicyBuilder CreateBuilder(Type type) => (PolicyBuilder)type.GetMethod("CreateBuilder")!.Invoke(null, null)!;
}
