using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PolicyAsCode.Benchmarks;

/// <summary>
/// The generator with GeneratorDriver: a cold run over a policy of N rules, and the incremental run after an
/// unrelated one-character edit, against an empty generator doing the same incremental run (baseline).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warmDriver = null!;
    private GeneratorDriver _warmEmptyDriver = null!;

    [Params(10, 100, 1000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder("using PolicyAsCode;\nnamespace Bench;\n[AuditPolicy(\"bench\")]\npublic partial class BenchPolicy\n{\n");
        for (var i = 0; i < Smoke.Size(Rules, 10); i++)
        {
            sb.Append("    [Rule(Level.None)] [Users(\"user-").Append(i).Append("\")] [Verbs(Verb.Get, Verb.List)] [Resources(ApiGroup.Core, \"pods\", \"pods/log\")] [Namespaces(\"ns-").Append(i).Append("\")] public partial class Rule").Append(i).Append(";\n");
        }

        sb.Append("    [Rule(Level.Metadata)] public partial class Everything;\n}\n");
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var unrelated = CSharpSyntaxTree.ParseText("namespace Bench; public class Other { public int X => 1; }", parse);
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(Policy).Assembly.Location));
        _compilation = CSharpCompilation.Create("Bench", new[] { CSharpSyntaxTree.ParseText(sb.ToString(), parse), unrelated }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _edited = _compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText("namespace Bench; public class Other { public int X => 2; }", parse));
        _warmDriver = NewDriver(new PolicyAsCode.Generators.PolicyGenerator()).RunGenerators(_compilation);
        _warmEmptyDriver = NewDriver(new EmptyGenerator()).RunGenerators(_compilation);
    }

    [Benchmark]
    public GeneratorDriver Cold() => NewDriver(new PolicyAsCode.Generators.PolicyGenerator()).RunGenerators(_compilation);

    [Benchmark(Baseline = true)]
    public GeneratorDriver IncrementalEmptyGenerator() => _warmEmptyDriver.RunGenerators(_edited);

    [Benchmark]
    public GeneratorDriver IncrementalUnrelatedEdit() => _warmDriver.RunGenerators(_edited);

    private static GeneratorDriver NewDriver(IIncrementalGenerator generator)
        => CSharpGeneratorDriver.Create(new[] { generator.AsSourceGenerator() }, parseOptions: new CSharpParseOptions(LanguageVersion.Latest));

    /// <summary>A generator that registers the same attribute lookup and emits nothing: the floor of incremental cost.</summary>
    private sealed class EmptyGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var nodes = context.SyntaxProvider.ForAttributeWithMetadataName("PolicyAsCode.AuditPolicyAttribute", static (_, _) => true, static (_, _) => 0);
            context.RegisterSourceOutput(nodes, static (_, _) => { });
        }
    }
}
