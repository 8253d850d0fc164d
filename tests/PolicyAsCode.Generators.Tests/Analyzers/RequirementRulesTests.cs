using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>PAC0001, PAC0002, PAC0003: requirement gaps with exact spans (RequirementRules).</summary>
public sealed class RequirementRulesTests
{
    private const string CalicoRule = """
            [Rule(Level.RequestResponse)]
            [Verbs(Verb.Create, Verb.Patch, Verb.Update, Verb.Delete)]
            [Resources(ApiGroup.NetworkingK8sIo, "networkpolicies")]
            [Resources(ApiGroup.Core, "pods", "namespaces", "serviceaccounts", "endpoints")]
            public partial class Changes;
        """;

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

    private static DiagnosticResult Expected(string id, string message)
        => new DiagnosticResult(id, id == "PAC0010" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error).WithLocation(0).WithArguments(message);

    private static DiagnosticResult Partial(string verb)
        => new DiagnosticResult("PAC0003", DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1)
            .WithArguments(verb + " endpoints in any namespace by system:kube-proxy is logged at None by rule 'KubeProxy' (index 0); CalicoCloud needs RequestResponse with ResponseComplete kept");

    private static DiagnosticResult Shadowed(string verb)
        => new DiagnosticResult("PAC0002", DiagnosticSeverity.Error).WithLocation(2).WithLocation(1)
            .WithArguments(verb + " serviceaccounts in any namespace by any user is logged at Metadata by rule 'ServiceAccountsAtMetadata' (index 1); CalicoCloud needs RequestResponse with ResponseComplete kept");
}
