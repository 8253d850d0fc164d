using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using PolicyAsCode.CodeFixes.Reachability;
using PolicyAsCode.CodeFixes.Replacement;
using PolicyAsCode.CodeFixes.Requirements;
using PolicyAsCode.Generators.Analyzers;
using Xunit;

namespace PolicyAsCode.Generators.Tests.CodeFixes;

/// <summary>
/// Fix All over documents whose diagnostics are a mix of fixable and unfixable ones: whichever file comes first, the
/// fixable ones are fixed, the others stay, and nothing throws. The testing library starts Fix All from a diagnostic
/// that has a fix; a host like dotnet format starts it from the first diagnostic it finds, fixable or not, so
/// <see cref="Fix_All_started_from_an_unfixable_diagnostic_still_fixes_the_others"/> does what that host does.
/// </summary>
public sealed class FixAllMixedTests
{
    private const string RemovablePolicy = """
        [AuditPolicy("p")]
        public partial class P
        {
            [Rule(Level.None)] [Users("aksService")] [Verbs(Verb.Get, Verb.List)]
            public partial class AksServiceReads;

            [{|#0:Rule(Level.None)|}] [Users("aksService")] [Verbs(Verb.Get, Verb.List)] [Resources("metrics.k8s.io")]
            public partial class AksServiceMetrics;

            [Rule(Level.Metadata)]
            public partial class Everything;
        }
        """;

    private const string RemovedPolicy = """
        [AuditPolicy("p")]
        public partial class P
        {
            [Rule(Level.None)] [Users("aksService")] [Verbs(Verb.Get, Verb.List)]
            public partial class AksServiceReads;

            [Rule(Level.Metadata)]
            public partial class Everything;
        }
        """;

    private const string DivergentPolicy = """
        [AuditPolicy("q")]
        public partial class Q
        {
            [Rule(Level.Metadata)] public partial class Everything;
            [{|#1:Rule(Level.Request)|}] [Resources(ApiGroup.Core, "pods")] public partial class Pods;
        }
        """;

    private const string ReplaceablePolicy = """
        [AuditPolicy("p")]
        public partial class P
        {
            [Rule(Level.Metadata)] [Verbs({|#0:"GET"|})] [Resources(ApiGroup.Core, "pods")] public partial class Reads;
        }
        """;

    private const string ReplacedPolicy = """
        [AuditPolicy("p")]
        public partial class P
        {
            [Rule(Level.Metadata)] [Verbs("get")] [Resources(ApiGroup.Core, "pods")] public partial class Reads;
        }
        """;

    private const string UnreplaceablePolicy = """
        [AuditPolicy("q")]
        public partial class Q
        {
            [Rule(Level.None)] [Verbs({|#1:"*"|})] [Resources(ApiGroup.Core, "pods")] public partial class Stars;
        }
        """;

    private const string DeleteDeployments = """

        [RequirementSet("DeleteDeployments")]
        [Requires(ApiGroup.Apps, Resource.Apps.Deployments, Verbs = new[] { Verb.Delete })]
        public static class DeleteDeployments { }
        """;

    private const string InsertablePolicy = """
        [AuditPolicy("p")]
        [MustMeet({|#0:typeof(DeleteDeployments)|})]
        public partial class P
        {
            [{|#2:Rule(Level.Metadata)|}] [Resources(ApiGroup.Core, Resource.Core.Pods)] public partial class Pods;
        }
        """ + DeleteDeployments;

    private const string InsertedPolicy = """
        [AuditPolicy("p")]
        [MustMeet(typeof(DeleteDeployments))]
        public partial class P
        {
            [Rule(Level.Metadata)] [Resources(ApiGroup.Core, Resource.Core.Pods)] public partial class Pods;
            [Rule(Level.Metadata)]
            [Verbs(Verb.Delete)]
            [Resources(ApiGroup.Apps, Resource.Apps.Deployments)]
            public partial class AuditDeleteAppsDeployments;
        }
        """ + DeleteDeployments;

    // Every rule omits ResponseComplete, so no rule could keep it: no fix.
    private const string UninsertablePolicy = """
        [AuditPolicy("q")]
        [OmitStages(Stage.ResponseComplete)]
        [MustMeet({|#1:typeof(KeepResponse)|})]
        public partial class Q
        {
            [Rule(Level.Metadata)] [Resources(ApiGroup.Core, Resource.Core.Events)] public partial class Events;
        }

        [RequirementSet("KeepResponse")]
        [Requires(ApiGroup.Core, Resource.Core.Pods, Verbs = new[] { Verb.Delete }, KeepStages = new[] { Stage.ResponseComplete })]
        public static class KeepResponse { }
        """;

    // At the rule the new one goes after (#2), the [MustMeet] argument (#0) its additional location.
    private static readonly DiagnosticResult Insertable = new DiagnosticResult("PAC0001", DiagnosticSeverity.Error).WithLocation(2).WithLocation(0)
        .WithArguments("delete apps/deployments in any namespace by any user matches no rule, so it is not audited (None); DeleteDeployments needs Metadata; fix: add a rule for delete apps/deployments at Metadata after the last rule, rule 'Pods' (index 0)");

    private static readonly DiagnosticResult Uninsertable = new DiagnosticResult("PAC0001", DiagnosticSeverity.Error).WithLocation(1)
        .WithArguments("delete pods in any namespace by any user matches no rule, so it is not audited (None); KeepResponse needs Metadata with ResponseComplete kept");

    private static readonly DiagnosticResult Removable = new DiagnosticResult("PAC0007", DiagnosticSeverity.Warning).WithLocation(0)
        .WithArguments("rule 'AksServiceMetrics' (index 1) is never reached: every request it matches is decided earlier by rule 'AksServiceReads' (index 0); they decide those requests exactly as it would, so removing it changes nothing");

    private static readonly DiagnosticResult Divergent = new DiagnosticResult("PAC0007", DiagnosticSeverity.Warning).WithLocation(1)
        .WithArguments("rule 'Pods' (index 1) is never reached: every request it matches is decided earlier by rule 'Everything' (index 0); it would log them at Request, but they decide them differently; move it before them if that was the intent");

    private static readonly DiagnosticResult Replaceable = new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(0)
        .WithArguments("verbs are compared exactly and request verbs are lower case; 'GET' never matches; use 'get'");

    private static readonly DiagnosticResult Unreplaceable = new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(1)
        .WithArguments("'*' is not a wildcard in verbs; it matches only a request whose verb is literally '*', which never happens; leave verbs empty to match every verb");

    [Fact]
    public Task Removal_fix_all_with_the_removable_rule_in_the_first_file()
        => CodeFixVerifier<RemoveUnreachableRuleCodeFixProvider>.VerifyAsync(
            [RemovablePolicy, DivergentPolicy], [Removable, Divergent], [RemovedPolicy, DivergentPolicy], [Divergent]);

    [Fact]
    public Task Removal_fix_all_with_the_unfixable_rule_in_the_first_file()
        => CodeFixVerifier<RemoveUnreachableRuleCodeFixProvider>.VerifyAsync(
            [DivergentPolicy, RemovablePolicy], [Removable, Divergent], [DivergentPolicy, RemovedPolicy], [Divergent]);

    [Fact]
    public Task Replacement_fix_all_with_the_replaceable_value_in_the_first_file()
        => CodeFixVerifier<ReplaceValueCodeFixProvider>.VerifyAsync(
            [ReplaceablePolicy, UnreplaceablePolicy], [Replaceable, Unreplaceable], [ReplacedPolicy, UnreplaceablePolicy], [Unreplaceable]);

    [Fact]
    public Task Replacement_fix_all_with_the_unfixable_value_in_the_first_file()
        => CodeFixVerifier<ReplaceValueCodeFixProvider>.VerifyAsync(
            [UnreplaceablePolicy, ReplaceablePolicy], [Replaceable, Unreplaceable], [UnreplaceablePolicy, ReplacedPolicy], [Unreplaceable]);

    [Fact]
    public Task Requirement_fix_all_with_the_fixable_requirement_in_the_first_file()
        => CodeFixVerifier<InsertRuleCodeFixProvider>.VerifyAsync(
            [InsertablePolicy, UninsertablePolicy], [Insertable, Uninsertable], [InsertedPolicy, UninsertablePolicy], [Uninsertable]);

    [Fact]
    public Task Requirement_fix_all_with_the_unfixable_requirement_in_the_first_file()
        => CodeFixVerifier<InsertRuleCodeFixProvider>.VerifyAsync(
            [UninsertablePolicy, InsertablePolicy], [Insertable, Uninsertable], [UninsertablePolicy, InsertedPolicy], [Uninsertable]);

    /// <summary>
    /// What dotnet format does: the equivalence key comes from the first diagnostic (none when it has no fix), and a
    /// null Fix All action aborts the run. Both file orders must give an action, and the same fixed text.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Fix_All_started_from_an_unfixable_diagnostic_still_fixes_the_others(bool unfixableFirst)
    {
        await AssertHostFixAllAsync(new RemoveUnreachableRuleCodeFixProvider(), "PAC0007", RemovablePolicy, DivergentPolicy, RemovedPolicy, unfixableFirst);
        await AssertHostFixAllAsync(new ReplaceValueCodeFixProvider(), "PAC0005", ReplaceablePolicy, UnreplaceablePolicy, ReplacedPolicy, unfixableFirst);
        await AssertHostFixAllAsync(new InsertRuleCodeFixProvider(), "PAC0001", InsertablePolicy, UninsertablePolicy, InsertedPolicy, unfixableFirst);
    }

    private static async Task AssertHostFixAllAsync(CodeFixProvider provider, string id, string fixable, string unfixable, string fixedText, bool unfixableFirst)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.CurrentSolution.AddProject("p", "p", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .WithMetadataReferences(Basic.Reference.Assemblies.Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(Policy).Assembly.Location)));
        string[] order = unfixableFirst ? [unfixable, fixable] : [fixable, unfixable];
        var ids = new List<DocumentId>();
        for (var i = 0; i < order.Length; i++)
        {
            var document = project.AddDocument("Test" + i + ".cs", SourceText.From("using PolicyAsCode;\n" + Unmark(order[i])), filePath: "/0/Test" + i + ".cs");
            ids.Add(document.Id);
            project = document.Project;
        }

        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = (await compilation.WithAnalyzers([new PolicyAnalyzer()]).GetAnalyzerDiagnosticsAsync())
            .Where(d => d.Id == id)
            .OrderBy(d => d.Location.SourceTree!.FilePath, System.StringComparer.Ordinal)
            .ToImmutableArray();
        Assert.Equal(2, diagnostics.Length);

        // The host's key: the first action the first diagnostic gets, if any.
        var first = diagnostics[0];
        var firstDocument = project.GetDocument(first.Location.SourceTree)!;
        CodeAction? action = null;
        await provider.RegisterCodeFixesAsync(new CodeFixContext(firstDocument, first, (a, _) => action ??= a, CancellationToken.None));
        Assert.Equal(unfixableFirst, action is null);

        var context = new FixAllContext(firstDocument, provider, FixAllScope.Solution, action?.EquivalenceKey!, [id], new Provider(diagnostics), CancellationToken.None);
        var fixAll = await provider.GetFixAllProvider()!.GetFixAsync(context);
        Assert.NotNull(fixAll);
        var operations = await fixAll!.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;

        var fixableIndex = unfixableFirst ? 1 : 0;
        Assert.Equal("using PolicyAsCode;\n" + fixedText, (await changed.GetDocument(ids[fixableIndex])!.GetTextAsync()).ToString());
        Assert.Equal("using PolicyAsCode;\n" + Unmark(unfixable), (await changed.GetDocument(ids[1 - fixableIndex])!.GetTextAsync()).ToString());
    }

    private static string Unmark(string markup)
        => System.Text.RegularExpressions.Regex.Replace(markup, @"\{\|#\d+:(.*?)\|\}", "$1");

    private sealed class Provider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics.Where(d => d.Location.SourceTree == document.GetSyntaxTreeAsync(cancellationToken).Result).ToList());

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>([]);

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
