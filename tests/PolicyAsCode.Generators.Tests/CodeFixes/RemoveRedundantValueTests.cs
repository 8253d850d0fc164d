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
using PolicyAsCode.CodeFixes.Redundancy;
using PolicyAsCode.CodeFixes.Replacement;
using PolicyAsCode.CodeFixes.Requirements;
using PolicyAsCode.Generators.Analyzers;
using Xunit;

namespace PolicyAsCode.Generators.Tests.CodeFixes;

/// <summary>
/// PAC0012's removal, and the other fixes never leaving a value twice: the PAC0005 replacement removes the value when
/// its list already has the replacement, the PAC0001 addition never adds what is there.
/// </summary>
public sealed class RemoveRedundantValueTests
{
    private const string RedundantPolicy = """
        [AuditPolicy("p")]
        public partial class P
        {
            [Rule(Level.None)] [Verbs(Verb.Get, {|#0:"get"|}, Verb.List)] [Resources(ApiGroup.Core, {|#1:"pods"|}, "pods/*")] public partial class Reads;

            [Rule(Level.None)]
            [NonResourceUrls(
                "/api/*",
                {|#2:"/api/v1"|},
                "/healthz")]
            public partial class Urls;

            [Rule(Level.Metadata)]
            [Resources(ApiGroup.Core, "pods", "secrets")]
            [{|#3:Resources(ApiGroup.Core, "secrets")|}]
            public partial class Entries;
        }
        """;

    private const string CleanPolicy = """
        [AuditPolicy("p")]
        public partial class P
        {
            [Rule(Level.None)] [Verbs(Verb.Get, Verb.List)] [Resources(ApiGroup.Core, "pods/*")] public partial class Reads;

            [Rule(Level.None)]
            [NonResourceUrls(
                "/api/*",
                "/healthz")]
            public partial class Urls;

            [Rule(Level.Metadata)]
            [Resources(ApiGroup.Core, "pods", "secrets")]
            public partial class Entries;
        }
        """;

    private static readonly DiagnosticResult[] RedundantDiagnostics =
    [
        Redundant(0, "'get' is already in verbs (item 0); values are compared exactly, so removing it changes nothing"),
        Redundant(1, "'pods' is already matched by 'pods/*' (item 1) of this entry: every resource and subresource it matches, that one matches too, so removing it changes nothing"),
        Redundant(2, "'/api/v1' is already matched by '/api/*' (item 0): every path it matches, that one matches too, so removing it changes nothing"),
        Redundant(3, "this resources entry (the core group: secrets) matches only requests that resources entry 0 (the core group: pods, secrets) matches too, so removing it changes nothing"),
    ];

    private const string SecondPolicy = """
        [AuditPolicy("q")]
        public partial class Q
        {
            [Rule(Level.None)] [Users(new[] { "a", {|#4:"a"|} })] [Resources(ApiGroup.Apps, ["*", {|#5:"deployments"|}])] public partial class Apps;
        }
        """;

    private const string SecondClean = """
        [AuditPolicy("q")]
        public partial class Q
        {
            [Rule(Level.None)] [Users(new[] { "a" })] [Resources(ApiGroup.Apps, ["*"])] public partial class Apps;
        }
        """;

    private static readonly DiagnosticResult[] SecondDiagnostics =
    [
        Redundant(4, "'a' is already in users (item 0); values are compared exactly, so removing it changes nothing"),
        Redundant(5, "'deployments' is already matched by '*' (item 0) of this entry: every resource and subresource it matches, that one matches too, so removing it changes nothing"),
    ];

    [Fact]
    public Task Redundant_values_and_entries_are_removed_keeping_the_layout()
        => CodeFixVerifier<RemoveRedundantValueCodeFixProvider>.VerifyAsync(RedundantPolicy, RedundantDiagnostics, CleanPolicy);

    [Fact]
    public Task Fix_all_over_two_documents_in_one_order()
        => CodeFixVerifier<RemoveRedundantValueCodeFixProvider>.VerifyAsync([RedundantPolicy, SecondPolicy], [.. RedundantDiagnostics, .. SecondDiagnostics], [CleanPolicy, SecondClean]);

    [Fact]
    public Task Fix_all_over_two_documents_in_the_other_order()
        => CodeFixVerifier<RemoveRedundantValueCodeFixProvider>.VerifyAsync([SecondPolicy, RedundantPolicy], [.. SecondDiagnostics, .. RedundantDiagnostics], [SecondClean, CleanPolicy]);

    [Fact]
    public Task A_value_repeated_under_a_wildcard_goes_with_its_repetition()
        => CodeFixVerifier<RemoveRedundantValueCodeFixProvider>.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.None)] [Resources(ApiGroup.Core, {|#0:"pods"|}, "*", {|#1:"pods"|})] public partial class All;
            }
            """,
            [Redundant(0, "'pods' is already matched by '*' (item 1) of this entry: every resource and subresource it matches, that one matches too, so removing it changes nothing"),
             Redundant(1, "'pods' is already matched by '*' (item 1) of this entry: every resource and subresource it matches, that one matches too, so removing it changes nothing")],
            """
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.None)] [Resources(ApiGroup.Core, "*")] public partial class All;
            }
            """);

    /// <summary>"pod" would become "pods", which the list has: the value goes instead. "GET" and "Get" leave one "get".</summary>
    [Fact]
    public Task The_replacement_removes_the_value_when_the_list_already_has_its_replacement()
        => CodeFixVerifier<ReplaceValueCodeFixProvider>.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.Metadata)] [Verbs({|#0:"GET"|}, {|#1:"Get"|})] [Resources(ApiGroup.Core, {|#2:"pod"|}, "pods")] public partial class Reads;
            }
            """,
            [new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("verbs are compared exactly and request verbs are lower case; 'GET' never matches; use 'get'"),
             new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("verbs are compared exactly and request verbs are lower case; 'Get' never matches; use 'get'"),
             new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(2).WithArguments("'pod' is the singular name of 'pods'; rules compare the plural resource name exactly, so use 'pods'")],
            """
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.Metadata)] [Verbs("get")] [Resources(ApiGroup.Core, "pods")] public partial class Reads;
            }
            """);

    private const string DeletePods = """

        [RequirementSet("DeletePods")]
        [Requires(ApiGroup.Core, Resource.Core.Pods, Verbs = new[] { Verb.Delete })]
        public static class DeletePods { }
        """;

    /// <summary>
    /// A rule for "pod" (PAC0005) and a requirement for pods (PAC0001): the addition adds "pods" next to "pod"; the
    /// replacement then sees "pods" in the list and removes "pod". In the other order the replacement alone meets
    /// the requirement. Either way one "pods".
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Replacement_and_addition_in_either_order_leave_the_value_once(bool addFirst)
    {
        var source = """
            [AuditPolicy("p")]
            [MustMeet(typeof(DeletePods))]
            public partial class P
            {
                [Rule(Level.Metadata)] [Verbs(Verb.Delete)] [Resources(ApiGroup.Core, "pod")] public partial class Pods;
            }
            """ + DeletePods;
        var expected = """
            [AuditPolicy("p")]
            [MustMeet(typeof(DeletePods))]
            public partial class P
            {
                [Rule(Level.Metadata)] [Verbs(Verb.Delete)] [Resources(ApiGroup.Core, Resource.Core.Pods)] public partial class Pods;
            }
            """ + DeletePods;
        var project = Project(source);
        CodeFixProvider[] providers = addFirst ? [new AddMissingVerbOrResourceCodeFixProvider(), new ReplaceValueCodeFixProvider()] : [new ReplaceValueCodeFixProvider(), new AddMissingVerbOrResourceCodeFixProvider()];
        foreach (var provider in providers)
        {
            project = await ApplyFirstAsync(project, provider, fixAll: false);
        }

        var text = (await project.Documents.Single().GetTextAsync()).ToString();
        Assert.Equal("using PolicyAsCode;\n" + (addFirst ? expected : expected.Replace("[Resources(ApiGroup.Core, Resource.Core.Pods)]", "[Resources(ApiGroup.Core, \"pods\")]")), text);
        Assert.DoesNotContain(await DiagnosticsAsync(project), d => d.Id is "PAC0001" or "PAC0005" or "PAC0012");
    }

    /// <summary>The same with each provider's Fix All, in both orders.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Replacement_and_addition_fix_all_in_either_order_leave_the_value_once(bool addFirst)
    {
        var source = """
            [AuditPolicy("p")]
            [MustMeet(typeof(DeletePods))]
            public partial class P
            {
                [Rule(Level.Metadata)] [Verbs(Verb.Delete)] [Resources(ApiGroup.Core, "pod", "secrets")] public partial class Pods;
            }
            """ + DeletePods;
        var project = Project(source);
        CodeFixProvider[] providers = addFirst ? [new AddMissingVerbOrResourceCodeFixProvider(), new ReplaceValueCodeFixProvider()] : [new ReplaceValueCodeFixProvider(), new AddMissingVerbOrResourceCodeFixProvider()];
        foreach (var provider in providers)
        {
            project = await ApplyFirstAsync(project, provider, fixAll: true);
        }

        var text = (await project.Documents.Single().GetTextAsync()).ToString();
        var rule = text.Split('\n').Single(l => l.Contains("public partial class Pods;"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(rule, "\"pods\"|Resource\\.Core\\.Pods\\b"));
        Assert.DoesNotContain("\"pod\"", rule);
        Assert.DoesNotContain(await DiagnosticsAsync(project), d => d.Id is "PAC0001" or "PAC0005" or "PAC0012");
    }

    /// <summary>
    /// What dotnet format does with a stale diagnostic first (its argument no longer holds the value it names, so there
    /// is no fix and no key): Fix All still removes the other document's redundant values, in both file orders.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Fix_all_started_from_a_diagnostic_it_cannot_verify_still_fixes_the_others(bool unfixableFirst)
    {
        var fixable = """
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.None)] [Verbs(Verb.Get, "get")] public partial class Reads;
            }
            """;
        var stale = """
            [AuditPolicy("q")]
            public partial class Q
            {
                [Rule(Level.None)] [Verbs("list", "watch")] public partial class Reads;
            }
            """;
        using var workspace = new AdhocWorkspace();
        var project = workspace.CurrentSolution.AddProject("p", "p", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .WithMetadataReferences(Basic.Reference.Assemblies.Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(Policy).Assembly.Location)));
        string[] order = unfixableFirst ? [stale, fixable] : [fixable, stale];
        var ids = new List<DocumentId>();
        for (var i = 0; i < order.Length; i++)
        {
            var document = project.AddDocument("Test" + i + ".cs", SourceText.From("using PolicyAsCode;\n" + order[i]), filePath: "/0/Test" + i + ".cs");
            ids.Add(document.Id);
            project = document.Project;
        }

        var real = (await DiagnosticsAsync(project)).Where(d => d.Id == "PAC0012").ToList();
        var fixableReal = Assert.Single(real);

        // The analyzer saw "list" at the second argument of the stale document; the text there is now "watch".
        var staleDocument = project.GetDocument(ids[unfixableFirst ? 0 : 1])!;
        var staleTree = (await staleDocument.GetSyntaxTreeAsync())!;
        var staleText = (await staleDocument.GetTextAsync()).ToString();
        var span = new TextSpan(staleText.IndexOf("\"watch\"", System.StringComparison.Ordinal), "\"watch\"".Length);
        var staleDiagnostic = Diagnostic.Create(fixableReal.Descriptor, Location.Create(staleTree, span),
            ImmutableDictionary<string, string?>.Empty.Add("Fix", "RemoveValue").Add("Value", "list"), "'list' is already in verbs (item 0); values are compared exactly, so removing it changes nothing");
        var diagnostics = new[] { fixableReal, staleDiagnostic }.OrderBy(d => d.Location.SourceTree!.FilePath, System.StringComparer.Ordinal).ToImmutableArray();

        var provider = new RemoveRedundantValueCodeFixProvider();
        var first = diagnostics[0];
        var firstDocument = project.GetDocument(first.Location.SourceTree)!;
        CodeAction? action = null;
        await provider.RegisterCodeFixesAsync(new CodeFixContext(firstDocument, first, (a, _) => action ??= a, CancellationToken.None));
        Assert.Equal(unfixableFirst, action is null);

        var context = new FixAllContext(firstDocument, provider, FixAllScope.Solution, action?.EquivalenceKey!, ["PAC0012"], new FixedDiagnostics(diagnostics), CancellationToken.None);
        var fixAll = await provider.GetFixAllProvider()!.GetFixAsync(context);
        Assert.NotNull(fixAll);
        var changed = (await fixAll!.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var fixableIndex = unfixableFirst ? 1 : 0;
        Assert.Equal("using PolicyAsCode;\n" + fixable.Replace("[Verbs(Verb.Get, \"get\")]", "[Verbs(Verb.Get)]"), (await changed.GetDocument(ids[fixableIndex])!.GetTextAsync()).ToString());
        Assert.Equal("using PolicyAsCode;\n" + stale, (await changed.GetDocument(ids[1 - fixableIndex])!.GetTextAsync()).ToString());
    }

    private static Project Project(string source)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.CurrentSolution.AddProject("p", "p", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .WithMetadataReferences(Basic.Reference.Assemblies.Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(Policy).Assembly.Location)));
        return project.AddDocument("Test0.cs", SourceText.From("using PolicyAsCode;\n" + source), filePath: "/0/Test0.cs").Project;
    }

    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project)
        => await (await project.GetCompilationAsync())!.WithAnalyzers([new PolicyAnalyzer()]).GetAnalyzerDiagnosticsAsync();

    /// <summary>Applies the provider's first action for its first diagnostic, or its Fix All for the project.</summary>
    private static async Task<Project> ApplyFirstAsync(Project project, CodeFixProvider provider, bool fixAll)
    {
        var diagnostics = (await DiagnosticsAsync(project)).Where(d => provider.FixableDiagnosticIds.Contains(d.Id)).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        if (diagnostics.IsEmpty)
        {
            return project;
        }

        var document = project.GetDocument(diagnostics[0].Location.SourceTree)!;
        CodeAction? action = null;
        foreach (var diagnostic in diagnostics)
        {
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => action ??= a, CancellationToken.None));
            if (action is not null)
            {
                break;
            }
        }

        Assert.NotNull(action);
        if (fixAll)
        {
            var context = new FixAllContext(document, provider, FixAllScope.Project, action!.EquivalenceKey!, provider.FixableDiagnosticIds, new FixedDiagnostics(diagnostics), CancellationToken.None);
            action = await provider.GetFixAllProvider()!.GetFixAsync(context);
            Assert.NotNull(action);
        }

        var operations = await action!.GetOperationsAsync(CancellationToken.None);
        return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(project.Id)!;
    }

    private static DiagnosticResult Redundant(int location, string message)
        => new DiagnosticResult("PAC0012", DiagnosticSeverity.Warning).WithLocation(location).WithArguments(message);

    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics.Where(d => d.Location.SourceTree == document.GetSyntaxTreeAsync(cancellationToken).Result).ToList());

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>([]);

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
