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
            [Resources(ApiGroup.Extensions, "networkpolicies")]
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
            Expected("PAC0001", "delete serviceaccounts in any namespace by any user matches no rule, so it is not audited (None); CalicoCloud needs RequestResponse with ResponseComplete kept"),
            Expected("PAC0010", "delete extensions/networkpolicies in any namespace by any user matches no rule, so it is not audited (None); CalicoCloud needs RequestResponse with ResponseComplete kept"));

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
                [Rule(Level.Metadata)] public partial class All;
            }
            """);

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
