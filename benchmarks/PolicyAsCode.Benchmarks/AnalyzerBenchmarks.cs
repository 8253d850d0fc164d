using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PolicyAsCode.Benchmarks;

/// <summary>
/// Full analysis of a 1,000-rule policy that must meet three requirement sets (CalicoCloud and two declared in
/// source), with <see cref="CompilationWithAnalyzers"/> as the compiler and the IDE run it. Baseline: an analyzer
/// with the same registration (a symbol action on named types) that does nothing, over the same compilation.
/// The "unrelated document" pair is what typing in another file costs: the IDE asks for that document's
/// diagnostics, and symbol actions run only for symbols declared in it, so the policy analysis does not run.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private SyntaxTree _unrelated = null!;
    private Policy _policy = null!;
    private RequirementSet[] _sets = null!;

    [Params(1000)]
    public int Rules { get; set; }

    /// <summary><see cref="Rules"/>, or 20 in a smoke run.</summary>
    private int RuleCount => Smoke.Size(Rules, 20);

    private INamedTypeSymbol _policyType = null!;
    private CSharpCompilation _gapsCompilation = null!;
    private INamedTypeSymbol _gapsPolicyType = null!;
    private System.Action<SymbolAnalysisContext> _gapsSymbolAction = null!;
    private System.Action<SymbolAnalysisContext> _symbolAction = null!;

    [GlobalSetup]
    public void Setup()
    {
        var source = PolicySource(RuleCount);
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        _unrelated = CSharpSyntaxTree.ParseText("namespace Bench; public class Other { public int X => 1; }", parse);
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(Policy).Assembly.Location));
        _compilation = CSharpCompilation.Create("Bench", new[] { CSharpSyntaxTree.ParseText(source, parse), _unrelated }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        // The same policy as a model, for the core check without Roslyn.
        CSharpGeneratorDriver.Create(new PolicyAsCode.Generators.PolicyGenerator()).RunGeneratorsAndUpdateCompilation(_compilation, out var generated, out _);
        var yaml = (string)((IFieldSymbol)generated.GetTypeByMetadataName("Bench.BenchPolicy")!.GetMembers("Yaml").Single()).ConstantValue!;
        _policy = PolicyLoader.Load(yaml).Policy!;
        _behindCatchAll = _policy with { Rules = new EquatableArray<PolicyRule>(_policy.Rules.Append(new PolicyRule { Level = AuditLevel.Request })) };
        if (RuleReachability.Find(_behindCatchAll).Single().RuleIndex != RuleCount)
        {
            throw new System.InvalidOperationException("the rule after the catch-all must be reported");
        }

        _policyType = _compilation.GetTypeByMetadataName("Bench.BenchPolicy")!;
        _symbolAction = Capture.SymbolAction(new PolicyAsCode.Generators.Analyzers.PolicyAnalyzer(), _compilation);
        var gapsSource = source.Replace("[Rule(Level.RequestResponse)] [Resources(", "[Rule(Level.RequestResponse)] [Verbs(Verb.Create, Verb.Update, Verb.Patch)] [Resources(");
        _gapsCompilation = _compilation.ReplaceSyntaxTree(_compilation.SyntaxTrees[0], CSharpSyntaxTree.ParseText(gapsSource, parse));
        _gapsPolicyType = _gapsCompilation.GetTypeByMetadataName("Bench.BenchPolicy")!;
        _gapsSymbolAction = Capture.SymbolAction(new PolicyAsCode.Generators.Analyzers.PolicyAnalyzer(), _gapsCompilation);
        _sets = new[]
        {
            RequirementSets.CalicoCloud,
            Set("RbacChanges", "rbac.authorization.k8s.io", new[] { "roles", "rolebindings", "clusterroles", "clusterrolebindings" }, new[] { "create", "update", "patch", "delete" }, AuditLevel.RequestResponse),
            Set("ExecAndAttach", string.Empty, new[] { "pods/exec", "pods/attach", "pods/portforward" }, new[] { "create", "get" }, AuditLevel.Metadata),
        };
    }

    [Benchmark(Baseline = true)]
    public Task<ImmutableArray<Diagnostic>> FullEmptyAnalyzer() => Analyze(new EmptyAnalyzer());

    [Benchmark]
    public Task<ImmutableArray<Diagnostic>> FullPolicyAnalyzer() => Analyze(new PolicyAsCode.Generators.Analyzers.PolicyAnalyzer());

    [Benchmark]
    public Task<ImmutableArray<Diagnostic>> UnrelatedDocumentEmptyAnalyzer() => AnalyzeUnrelated(new EmptyAnalyzer());

    [Benchmark]
    public Task<ImmutableArray<Diagnostic>> UnrelatedDocumentPolicyAnalyzer() => AnalyzeUnrelated(new PolicyAsCode.Generators.Analyzers.PolicyAnalyzer());

    /// <summary>
    /// The policy analyzer's own work for the policy type on a compilation whose symbols are already bound (what the
    /// IDE pays after an edit in the policy file, and the compiler after binding): the symbol action the analyzer
    /// registers, invoked directly.
    /// </summary>
    [Benchmark]
    public int PolicySymbolAction()
    {
        var count = 0;

        // Obsolete for analyzer authors (run analyzers through CompilationWithAnalyzers); here it isolates the action.
#pragma warning disable CS0618
        var context = new SymbolAnalysisContext(_policyType, _compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), _ => count++, _ => true, default);
#pragma warning restore CS0618
        _symbolAction(context);
        return count;
    }

    /// <summary>
    /// The same with requirement gaps: the writes rule lacks <c>delete</c>, so CalicoCloud and RbacChanges have 9 gaps,
    /// each with a code-fix proposal verified on the model (add the verb to the writes rule); one finding per set, since
    /// one edit of one rule meets all of its cells.
    /// </summary>
    [Benchmark]
    public int PolicySymbolActionWithGaps()
    {
        var count = 0;
#pragma warning disable CS0618
        var context = new SymbolAnalysisContext(_gapsPolicyType, _gapsCompilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), _ => count++, _ => true, default);
#pragma warning restore CS0618
        _gapsSymbolAction(context);
        return count == 2 ? count : throw new System.InvalidOperationException("expected 2 findings, got " + count);
    }

    /// <summary>The core checks alone (lint, reachability, sensitive bodies, three requirement sets) on the model.</summary>
    [Benchmark]
    public int CoreChecksOnly()
    {
        var count = PolicyLint.Check(_policy).Count;
        foreach (var set in _sets)
        {
            count += RequirementChecker.Check(_policy, set).Count;
        }

        return count;
    }

    /// <summary>
    /// The hard case for the exact reachability check: a rule after the catch-all, behind 1,000 exemptions that each
    /// decide some of its requests (the search is bounded; the finding names the catch-all).
    /// </summary>
    [Benchmark]
    public int ReachabilityBehindCatchAll() => RuleReachability.Find(_behindCatchAll).Count;

    private Policy _behindCatchAll = null!;

    private Task<ImmutableArray<Diagnostic>> Analyze(DiagnosticAnalyzer analyzer)
        => _compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync();

    private Task<ImmutableArray<Diagnostic>> AnalyzeUnrelated(DiagnosticAnalyzer analyzer)
    {
        var withAnalyzers = _compilation.WithAnalyzers(ImmutableArray.Create(analyzer));
        return withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(withAnalyzers.Compilation.GetSemanticModel(_unrelated), filterSpan: null, default);
    }

    /// <summary>The model of the two requirement sets the benchmark source declares.</summary>
    private static RequirementSet Set(string name, string group, string[] resources, string[] verbs, AuditLevel level)
        => new()
        {
            Name = name,
            Requirements = EquatableArray.Create(new Requirement { Group = group, Resources = new EquatableArray<string>(resources), Verbs = new EquatableArray<string>(verbs), MinimumLevel = level }),
        };

    /// <summary>
    /// A GKE-shaped policy: many exemptions (users, groups, verbs, namespaces, resources, URLs) first, then
    /// sensitive resources at Metadata, reads at Request, writes at RequestResponse, Metadata for the rest.
    /// </summary>
    internal static string PolicySource(int rules)
    {
        string[] groups = { "ApiGroup.Core", "ApiGroup.Apps", "ApiGroup.Batch", "ApiGroup.NetworkingK8sIo", "ApiGroup.RbacAuthorizationK8sIo", "\"example.com\"" };
        string[] resources = { "\"pods\", \"pods/log\"", "\"deployments\", \"deployments/scale\"", "\"jobs\", \"cronjobs\"", "\"ingresses\"", "\"roles\", \"rolebindings\"", "\"widgets\"" };
        string[] verbs = { "Verb.Get, Verb.List, Verb.Watch", "Verb.Watch", "Verb.Get", "Verb.Update, Verb.Patch" };
        var sb = new StringBuilder("using PolicyAsCode;\nnamespace Bench;\n");
        sb.Append("[RequirementSet(\"RbacChanges\")]\n[Requires(ApiGroup.RbacAuthorizationK8sIo, new[] { \"roles\", \"rolebindings\", \"clusterroles\", \"clusterrolebindings\" }, Verbs = new[] { Verb.Create, Verb.Update, Verb.Patch, Verb.Delete }, MinimumLevel = Level.RequestResponse)]\npublic sealed class RbacChanges { }\n");
        sb.Append("[RequirementSet(\"ExecAndAttach\")]\n[Requires(ApiGroup.Core, new[] { \"pods/exec\", \"pods/attach\", \"pods/portforward\" }, Verbs = new[] { Verb.Create, Verb.Get }, MinimumLevel = Level.Metadata)]\npublic sealed class ExecAndAttach { }\n");
        sb.Append("[AuditPolicy(\"bench\")]\n[MustMeet(typeof(PolicyAsCode.Requirements.CalicoCloud))]\n[MustMeet(typeof(RbacChanges))]\n[MustMeet(typeof(ExecAndAttach))]\n[OmitStages(Stage.RequestReceived)]\npublic partial class BenchPolicy\n{\n");
        var exemptions = rules - 5;
        for (var i = 0; i < exemptions; i++)
        {
            var g = i % groups.Length;
            sb.Append("    [Rule(Level.None)] ");
            switch (i % 4)
            {
                case 0: sb.Append("[Users(\"system:serviceaccount:ns-").Append(i).Append(":controller\")] "); break;
                case 1: sb.Append("[UserGroups(\"team-").Append(i).Append("\")] "); break;
                case 2: sb.Append("[Users(\"user-").Append(i).Append("\", \"user-").Append(i + 1).Append("\")] "); break;
                default: sb.Append("[Users(\"bot-").Append(i).Append("\")] [UserGroups(\"bots\")] "); break;
            }

            if (i % 25 == 24)
            {
                sb.Append("[NonResourceUrls(\"/healthz-").Append(i).Append("*\")] ");
            }
            else
            {
                sb.Append("[Verbs(").Append(verbs[i % verbs.Length]).Append(")] [Resources(").Append(groups[g]).Append(", ").Append(resources[g]).Append(")] ");
                if (i % 3 == 0)
                {
                    sb.Append("[Namespaces(\"ns-").Append(i).Append("\")] ");
                }
            }

            sb.Append("public partial class Exemption").Append(i).Append(";\n");
        }

        sb.Append("    [Rule(Level.Metadata)] [Resources(ApiGroup.Core, \"secrets\", \"configmaps\", \"serviceaccounts/token\")] [Resources(ApiGroup.AuthenticationK8sIo, \"tokenreviews\")] public partial class Sensitive;\n");
        sb.Append("    [Rule(Level.Request)] [Verbs(Verb.Get, Verb.List, Verb.Watch)] [Resources(ApiGroup.Core)] [Resources(ApiGroup.Apps)] [Resources(ApiGroup.RbacAuthorizationK8sIo)] [Resources(ApiGroup.NetworkingK8sIo)] public partial class Reads;\n");
        sb.Append("    [Rule(Level.RequestResponse)] [Resources(ApiGroup.Core)] [Resources(ApiGroup.Apps)] [Resources(ApiGroup.RbacAuthorizationK8sIo)] [Resources(ApiGroup.NetworkingK8sIo)] public partial class Writes;\n");
        sb.Append("    [Rule(Level.None)] [NonResourceUrls(\"/healthz*\", \"/version\")] public partial class Probes;\n");
        sb.Append("    [Rule(Level.Metadata)] public partial class Everything;\n}\n");
        return sb.ToString();
    }

    /// <summary>Runs an analyzer's Initialize and compilation-start actions and returns the symbol action it registers.</summary>
    private sealed class Capture : AnalysisContext
    {
        private System.Action<CompilationStartAnalysisContext>? _start;

        public static System.Action<SymbolAnalysisContext> SymbolAction(DiagnosticAnalyzer analyzer, Compilation compilation)
        {
            var capture = new Capture();
            analyzer.Initialize(capture);
            var start = new StartCapture(compilation);
            capture._start!(start);
            return start.Action!;
        }

        public override void RegisterCompilationStartAction(System.Action<CompilationStartAnalysisContext> action) => _start = action;

        public override void RegisterCompilationAction(System.Action<CompilationAnalysisContext> action) { }

        public override void RegisterSemanticModelAction(System.Action<SemanticModelAnalysisContext> action) { }

        public override void RegisterSymbolAction(System.Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) { }

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(System.Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) { }

        public override void RegisterCodeBlockAction(System.Action<CodeBlockAnalysisContext> action) { }

        public override void RegisterSyntaxTreeAction(System.Action<SyntaxTreeAnalysisContext> action) { }

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(System.Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) { }

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) { }

        public override void EnableConcurrentExecution() { }

        private sealed class StartCapture : CompilationStartAnalysisContext
        {
            public StartCapture(Compilation compilation)
                : base(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), default)
            {
            }

            public System.Action<SymbolAnalysisContext>? Action { get; private set; }

            public override void RegisterSymbolAction(System.Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => Action = action;

            public override void RegisterCompilationEndAction(System.Action<CompilationAnalysisContext> action) { }

            public override void RegisterSemanticModelAction(System.Action<SemanticModelAnalysisContext> action) { }

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(System.Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) { }

            public override void RegisterCodeBlockAction(System.Action<CodeBlockAnalysisContext> action) { }

            public override void RegisterSyntaxTreeAction(System.Action<SyntaxTreeAnalysisContext> action) { }

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(System.Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) { }
        }
    }

    /// <summary>The same registration as the policy analyzer, doing nothing: the floor of analyzer cost.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EmptyAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("EMPTY0001", "Empty", "Empty", "Bench", DiagnosticSeverity.Hidden, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start => start.RegisterSymbolAction(_ => { }, SymbolKind.NamedType));
        }
    }
}
