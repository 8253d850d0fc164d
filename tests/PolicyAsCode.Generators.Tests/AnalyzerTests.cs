using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>Each diagnostic: positive cases with exact spans, and negative cases.</summary>
public sealed class AnalyzerTests
{
    private const string CalicoRule = """
            [Rule(Level.RequestResponse)]
            [Verbs(Verb.Create, Verb.Patch, Verb.Update, Verb.Delete)]
            [Resources(ApiGroup.NetworkingK8sIo, "networkpolicies")]
            [Resources(ApiGroup.Core, "pods", "namespaces", "serviceaccounts", "endpoints")]
            public partial class Changes;
        """;

    [Fact]
    public Task Empty_source_and_no_attribute_report_nothing()
        => AnalyzerVerifier.VerifyAsync("public partial class NotAPolicy { [Rule(Level.None)] class R { } }");

    [Fact]
    public Task Valid_policy_meeting_CalicoCloud_reports_nothing()
        => AnalyzerVerifier.VerifyAsync($$"""
            [AuditPolicy("calico")]
            [MustMeet(typeof(PolicyAsCode.Requirements.CalicoCloud))]
            public partial class P
            {
            {{CalicoRule}}
            }
            """);

    [Fact]
    public Task PAC0001_missing_verb_is_reported_at_the_requirement()
        => AnalyzerVerifier.VerifyAsync($$"""
            [AuditPolicy("calico")]
            [MustMeet({|#0:typeof(PolicyAsCode.Requirements.CalicoCloud)|})]
            public partial class P
            {
            {{CalicoRule.Replace(", Verb.Delete)", ")")}}
            }
            """,
            Expected("PAC0001", "delete endpoints in any namespace by any user matches no rule, so it is not audited (None); CalicoCloud needs RequestResponse with ResponseComplete kept"),
            Expected("PAC0001", "delete namespaces in any namespace by any user matches no rule, so it is not audited (None); CalicoCloud needs RequestResponse with ResponseComplete kept"),
            Expected("PAC0001", "delete networking.k8s.io/networkpolicies in any namespace by any user matches no rule, so it is not audited (None); CalicoCloud needs RequestResponse with ResponseComplete kept"),
            Expected("PAC0001", "delete pods in any namespace by any user matches no rule, so it is not audited (None); CalicoCloud needs RequestResponse with ResponseComplete kept"),
            Expected("PAC0001", "delete serviceaccounts in any namespace by any user matches no rule, so it is not audited (None); CalicoCloud needs RequestResponse with ResponseComplete kept"));

    [Fact]
    public Task PAC0002_and_PAC0003_point_at_the_deciding_rule()
        => AnalyzerVerifier.VerifyAsync($$"""
            [AuditPolicy("calico")]
            [MustMeet({|#1:typeof(PolicyAsCode.Requirements.CalicoCloud)|})]
            public partial class P
            {
                [{|#0:Rule(Level.None)|}]
                [Users("system:kube-proxy")]
                [Resources(ApiGroup.Core, "endpoints")]
                public partial class KubeProxy;

                [{|#2:Rule(Level.Metadata)|}]
                [Resources(ApiGroup.Core, "serviceaccounts")]
                public partial class ServiceAccountsAtMetadata;
            {{CalicoRule}}
            }
            """,
            Partial("create"), Partial("delete"), Partial("patch"), Partial("update"),
            Shadowed("create"), Shadowed("delete"), Shadowed("patch"), Shadowed("update"));

    [Fact]
    public Task PAC0004_validation_errors_at_the_argument()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.None)] [Resources({|PAC0004:"Apps"|}, "deployments")] public partial class BadGroup;
                [Rule(Level.None)] [NonResourceUrls("/healthz*", {|PAC0004:"logs"|})] public partial class BadUrl;
                [Rule(Level.None)] [Namespaces("a")] [{|PAC0004:NonResourceUrls("/x")|}] public partial class Mixed;
                [Rule(Level.None)] [{|PAC0004:Resources(ApiGroup.Core, ResourceNames = new[] { "x" })|}] public partial class Names;
            }
            """);

    [Fact]
    public Task PAC0004_zero_rules()
        => AnalyzerVerifier.VerifyAsync("""
            [{|PAC0004:AuditPolicy("p")|}]
            public partial class P
            {
            }
            """);

    [Fact]
    public Task PAC0005_values_that_never_match()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.None)] [Verbs({|PAC0005:"*"|}, {|PAC0005:"GET"|}, {|PAC0005:"impersonate"|}, "get")] [Resources(ApiGroup.Core, "pods")] public partial class Verbs;
                [Rule(Level.None)] [Users({|PAC0005:"*"|})] [Namespaces({|PAC0005:"*"|})] public partial class Stars;
                [Rule(Level.None)] [Verbs({|PAC0005:"list"|}, "head")] [NonResourceUrls("/healthz")] public partial class NonResource;
                [Rule(Level.None)] [Verbs(new[] { "get", {|PAC0005:"WATCH"|} })] [Users(["x", {|PAC0005:"*"|}])] [Resources(ApiGroup.Core, "pods")] public partial class Arrays;
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

    [Fact]
    public Task PAC0007_a_rule_that_earlier_rules_cover_together()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.None)] [Users("aksService")] [Verbs(Verb.Get, Verb.List)] public partial class AksServiceReads;
                [Rule(Level.None)] [Verbs(Verb.Watch)] public partial class Watches;
                [Rule(Level.Metadata)] [Resources(ApiGroup.Core, "pods")] public partial class Pods;
                [{|#0:Rule(Level.None)|}] [Users("aksService")] [Verbs(Verb.Get, Verb.Watch)] [Resources("metrics.k8s.io")] public partial class AksServiceMetrics;
                [{|#1:Rule(Level.Request)|}] [Resources(ApiGroup.Core, "pods")] [Namespaces("kube-system")] public partial class SystemPods;
                [Rule(Level.Metadata)] [Users("aksService")] public partial class AksServiceRest;
            }
            """,
            new DiagnosticResult("PAC0007", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("rule 'AksServiceMetrics' (index 3) is never reached: every request it matches is decided earlier by rule 'AksServiceReads' (index 0) and rule 'Watches' (index 1); they decide those requests exactly as it would, so removing it changes nothing"),
            new DiagnosticResult("PAC0007", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("rule 'SystemPods' (index 4) is never reached: every request it matches is decided earlier by rule 'AksServiceReads' (index 0), rule 'Watches' (index 1) and rule 'Pods' (index 2); it would log them at Request, but they decide them differently; move it before them if that was the intent"));

    [Fact]
    public Task PAC0011_removed_apis_at_the_offending_argument()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.Metadata)]
                [Resources(ApiGroup.Extensions, {|#0:"networkpolicies"|})]
                [Resources({|#1:"settings.k8s.io"|})]
                public partial class Old;
            }
            """,
            new DiagnosticResult("PAC0011", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("extensions/networkpolicies has not been served since Kubernetes 1.16; the same objects are served as networking.k8s.io/networkpolicies, so this entry never matches on current Kubernetes"),
            new DiagnosticResult("PAC0011", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("group 'settings.k8s.io' has not been served since Kubernetes 1.20, so this entry never matches on current Kubernetes"));

    [Fact]
    public Task PAC0011_follows_the_target_version()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.Metadata)] [Resources(ApiGroup.Extensions, "networkpolicies", {|#0:"thirdpartyresources"|})] public partial class Old;
            }
            """,
            "1.15",
            new DiagnosticResult("PAC0011", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("extensions/thirdpartyresources has not been served since Kubernetes 1.8; the same objects are served as apiextensions.k8s.io/customresourcedefinitions, so this entry never matches on Kubernetes 1.15"));

    [Fact]
    public Task PAC0008_secrets_at_request_level_through_a_catch_all()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.Metadata)] [Resources(ApiGroup.Core, "secrets", "serviceaccounts/token")] [Resources(ApiGroup.AuthenticationK8sIo, "tokenreviews")] public partial class Sensitive;
                [{|PAC0008:Rule(Level.RequestResponse)|}] public partial class All;
            }
            """.Replace("[Rule(Level.Metadata)] [Resources(ApiGroup.Core, \"secrets\", \"serviceaccounts/token\")]", "[Rule(Level.Metadata)] [Resources(ApiGroup.Core, \"serviceaccounts/token\")]"));

    [Fact]
    public Task PAC0009_declaration_problems()
        => AnalyzerVerifier.VerifyAsync("""
            [{|PAC0009:AuditPolicy("p")|}]
            public class NotPartial { [Rule(Level.None)] class R { } }

            [{|PAC0009:AuditPolicy("q")|}]
            public partial class HalfOrdered { [Rule(Level.None, Order = 1)] class A { } [Rule(Level.None)] class B { } }

            [{|PAC0009:AuditPolicy("same")|}] public partial class A1 { [Rule(Level.None)] class R { } }
            [{|PAC0009:AuditPolicy("same")|}] public partial class A2 { [Rule(Level.None)] class R { } }
            """);

    private static DiagnosticResult Expected(string id, string message)
        => new DiagnosticResult(id, id == "PAC0010" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error).WithLocation(0).WithArguments(message);

    private static DiagnosticResult Partial(string verb)
        => new DiagnosticResult("PAC0003", DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1)
            .WithArguments(verb + " endpoints in any namespace by system:kube-proxy is logged at None by rule 'KubeProxy' (index 0); CalicoCloud needs RequestResponse with ResponseComplete kept");

    private static DiagnosticResult Shadowed(string verb)
        => new DiagnosticResult("PAC0002", DiagnosticSeverity.Error).WithLocation(2).WithLocation(1)
            .WithArguments(verb + " serviceaccounts in any namespace by any user is logged at Metadata by rule 'ServiceAccountsAtMetadata' (index 1); CalicoCloud needs RequestResponse with ResponseComplete kept");
}
