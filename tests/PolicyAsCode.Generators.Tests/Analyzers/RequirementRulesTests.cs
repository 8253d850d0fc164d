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
    public Task PAC0001_missing_verb_is_one_finding_at_the_rule_its_fix_edits()
        => AnalyzerVerifier.VerifyAsync($$"""
            [AuditPolicy("calico")]
            [MustMeet({|#1:typeof(PolicyAsCode.Requirements.CalicoCloud)|})]
            public partial class P
            {
            {{CalicoRule.Replace(", Verb.Delete)", ")").Replace("[Rule(Level.RequestResponse)]", "[{|#0:Rule(Level.RequestResponse)|}]")}}
            }
            """,
            new DiagnosticResult("PAC0001", DiagnosticSeverity.Error).WithLocation(0).WithLocation(1)
                .WithArguments("delete of pods, namespaces, serviceaccounts, endpoints and networking.k8s.io/networkpolicies by any user match no rule, so they are not audited (None); CalicoCloud needs RequestResponse with ResponseComplete kept; fix: add 'delete' to the verbs of rule 'Changes' (index 0)"));

    [Fact]
    public Task PAC0002_and_PAC0003_are_one_finding_per_cause_at_the_deciding_rule()
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
            new DiagnosticResult("PAC0003", DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1)
                .WithArguments("create, patch, update and delete of endpoints by system:kube-proxy are logged at None by rule 'KubeProxy' (index 0); CalicoCloud needs RequestResponse with ResponseComplete kept"),
            new DiagnosticResult("PAC0002", DiagnosticSeverity.Error).WithLocation(2).WithLocation(1)
                .WithArguments("create, patch, update and delete of serviceaccounts by any user are logged at Metadata by rule 'ServiceAccountsAtMetadata' (index 1); CalicoCloud needs RequestResponse with ResponseComplete kept; fix: move rule 'Changes' (index 2) before rule 'ServiceAccountsAtMetadata' (index 1)"));

    private static DiagnosticResult Expected(string id, string message)
        => new DiagnosticResult(id, id == "PAC0010" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error).WithLocation(0).WithArguments(message);
}
