using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>PAC0005: values and names that never match (LintRules).</summary>
public sealed class NeverMatchingRulesTests
{
    [Fact]
    public Task PAC0005_values_that_never_match()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.None)] [Verbs({|PAC0005:"*"|}, {|PAC0005:"GET"|}, {|PAC0005:"impersonate"|}, "get")] [Resources(ApiGroup.Core, "pods")] public partial class Verbs;
                [Rule(Level.None)] [Users({|PAC0005:"*"|})] [Namespaces({|PAC0005:"*"|})] public partial class Stars;
                [Rule(Level.None)] [Verbs({|PAC0005:"list"|}, "head")] [NonResourceUrls("/healthz")] public partial class NonResource;
                // PAC0007 too: no request has the verb "WATCH", and rule 'Verbs' decides every get of pods the same way.
                [{|PAC0007:Rule(Level.None)|}] [Verbs(new[] { "get", {|PAC0005:"WATCH"|} })] [Users(["x", {|PAC0005:"*"|}])] [Resources(ApiGroup.Core, "pods")] public partial class Arrays;
                [Rule(Level.Metadata)] public partial class All;
            }
            """);

    [Fact]
    public Task PAC0005_resource_names_are_judged_against_the_catalog_at_the_offending_argument()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.Metadata)]
                [Resources(ApiGroup.Core, Resource.Core.Pods, {|#0:"pod"|}, {|#1:"pods/logs"|})]
                [Resources(ApiGroup.Core, new[] { "secrets", {|#2:"deployments"|} })]
                [Resources(ApiGroup.Apps, "deployments", "*/scale")]
                [Resources("example.com", "widget")]
                public partial class Names;
            }
            """,
            new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("'pod' is the singular name of 'pods'; rules compare the plural resource name exactly, so use 'pods'"),
            new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("'pods' has no subresource 'logs', so this entry never matches; did you mean 'pods/log'?"),
            new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(2).WithArguments("there is no 'deployments' in the core group; it is served by group 'apps', so this entry never matches"));

    [Fact]
    public Task PAC0005_values_no_request_that_can_succeed_carries_at_the_offending_argument()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.None)] [Verbs(Verb.Create)] [Resources(ApiGroup.Core, Resource.Core.Configmaps, ResourceNames = new[] { "", {|#0:"kube-root-ca.crt"|} })] public partial class CreateByName;
                [Rule(Level.None)] [Namespaces("", {|#1:"kube-system"|})] [Resources(ApiGroup.Core, Resource.Core.Nodes)] public partial class NodesInANamespace;
                [Rule(Level.None)] [Verbs(Verb.Create, Verb.Update)] [Namespaces({|#2:""|}, "kube-system")] [Resources(ApiGroup.Core, Resource.Core.Pods)] public partial class PodsWithoutNamespace;
                [Rule(Level.None)] [Namespaces("kube-system")] [Resources(ApiGroup.Core, Resource.Core.Namespaces)] public partial class NamespaceObjects;
                [Rule(Level.Metadata)] public partial class All;
            }
            """,
            new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("resourceNames never match: create of a resource names no object (the name is in the body), so no request of this rule's verbs that can succeed carries a name; only \"\" matches them"),
            new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("\"kube-system\" never matches: nodes is cluster-scoped, so no request that can succeed carries a namespace"),
            new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(2).WithArguments("\"\" never matches: pods is namespaced and only list and watch of a resource go across namespaces, which this rule's verbs and resources never do"));

    [Fact]
    public async Task PAC0005_carries_the_replacement_for_the_code_fix()
    {
        var diagnostics = await AnalyzerVerifier.DiagnosticsAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.Metadata)] [Verbs("GET")] [Resources(ApiGroup.Core, "pod", "deployments")] public partial class Names;
            }
            """);
        Assert.Equal(
            new[] { "\"GET\" -> get", "\"pod\" -> pods", "\"deployments\" -> (none)" },
            diagnostics.Where(d => d.Id == "PAC0005").OrderBy(d => d.Location.SourceSpan.Start)
                .Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) + " -> " + (d.Properties.TryGetValue("Replacement", out var r) ? r : "(none)")));
    }
}
