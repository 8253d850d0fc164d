using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>PAC0001, PAC0002, PAC0003, PAC0013, PAC0014: requirement gaps and conflicts with exact spans (RequirementRules).</summary>
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

    private const string NoSecretBodiesAndExactExec = """
        [RequirementSet("NoSecretBodies")]
        [Requires(ApiGroup.Core, "secrets", Verbs = new[] { Verb.Get }, MinimumLevel = Level.None, MaximumLevel = Level.Metadata)]
        public static class NoSecretBodies { }

        [RequirementSet("ExecBodies")]
        [Requires(ApiGroup.Core, "pods/exec", Verbs = new[] { Verb.Create }, MinimumLevel = Level.RequestResponse)]
        public static class ExecBodies { }

        [RequirementSet("ExecExactlyRequest")]
        [Requires(ApiGroup.Core, "pods/exec", Verbs = new[] { Verb.Create }, ExactLevel = Level.Request)]
        public static class ExecExactlyRequest { }
        """;

    [Fact]
    public Task PAC0013_a_request_logged_above_the_maximum_is_reported_at_the_deciding_rule()
        => AnalyzerVerifier.VerifyAsync($$"""
            [AuditPolicy("secrets")]
            [MustMeet({|#1:typeof(NoSecretBodies)|})]
            public partial class P
            {
                [{|#0:Rule(Level.RequestResponse)|}]
                public partial class Everything;
            }

            {{NoSecretBodiesAndExactExec}}
            """,
            new DiagnosticResult("PAC0008", DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("this rule logs credentials at RequestResponse: create secrets (request body), update secrets (request body), patch secrets (request body), get secrets (response body), list secrets (response body), watch secrets (response body), deletecollection secrets (response body: the deleted objects), create serviceaccounts/token (response body: a new bearer token), create authentication.k8s.io/tokenreviews (request body: the token under review); decide these requests at Metadata in an earlier rule"),
            new DiagnosticResult("PAC0013", DiagnosticSeverity.Error).WithLocation(0).WithLocation(1)
                .WithArguments("get secrets in any namespace by any user is logged at RequestResponse by rule 'Everything' (index 0); NoSecretBodies needs at most Metadata; fix: add a rule for get secrets at Metadata before rule 'Everything' (index 0)"));

    [Fact]
    public Task PAC0014_sets_that_contradict_each_other_are_reported_once_per_cell_at_the_later_MustMeet()
        => AnalyzerVerifier.VerifyAsync($$"""
            [AuditPolicy("exec")]
            [MustMeet({|#1:typeof(ExecExactlyRequest)|})]
            [MustMeet({|#0:typeof(ExecBodies)|})]
            public partial class P
            {
                [{|#2:Rule(Level.Request)|}]
                [Resources(ApiGroup.Core, "pods/exec")]
                public partial class Exec;
            }

            {{NoSecretBodiesAndExactExec}}
            """,
            new DiagnosticResult("PAC0002", DiagnosticSeverity.Error).WithLocation(2).WithLocation(0)
                .WithArguments("create pods/exec in any namespace by any user is logged at Request by rule 'Exec' (index 0); ExecBodies needs RequestResponse"),
            new DiagnosticResult("PAC0014", DiagnosticSeverity.Error).WithLocation(0).WithLocation(1)
                .WithArguments("create pods/exec: ExecBodies needs RequestResponse, ExecExactlyRequest needs exactly Request; no policy meets both (e.g. POST /api/v1/namespaces/team-a/pods/example/exec)"));

    [Fact]
    public Task PAC0009_a_requirement_no_policy_can_meet_is_reported_at_its_MustMeet_instead_of_gaps()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")]
            [MustMeet({|#0:typeof(Impossible)|})]
            [MustMeet({|#1:typeof(NeverStarted)|})]
            public partial class P
            {
                [Rule(Level.Metadata)]
                [Resources(ApiGroup.Core, "configmaps")]
                public partial class ConfigMaps;
            }

            [RequirementSet("Impossible")]
            [Requires(ApiGroup.Core, "pods", MinimumLevel = Level.RequestResponse, MaximumLevel = Level.Metadata)]
            public static class Impossible { }

            [RequirementSet("NeverStarted")]
            [Requires(ApiGroup.Core, "pods", Verbs = new[] { Verb.Get, Verb.Create }, EmitStages = new[] { Stage.ResponseStarted })]
            public static class NeverStarted { }
            """,
            new DiagnosticResult("PAC0009", DiagnosticSeverity.Error).WithLocation(0)
                .WithArguments("requirement set 'Impossible': [Requires(\"\", \"pods\")]: the minimum level RequestResponse is above the maximum level Metadata: no level meets it"),
            new DiagnosticResult("PAC0009", DiagnosticSeverity.Error).WithLocation(1)
                .WithArguments("requirement set 'NeverStarted': [Requires(\"\", \"pods\")]: ResponseStarted is emitted only by long-running requests (watch, proxy, or the attach, exec, log, portforward and proxy subresources), and none of these verbs and resources is one"));

    private static DiagnosticResult Expected(string id, string message)
        => new DiagnosticResult(id, id == "PAC0010" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error).WithLocation(0).WithArguments(message);
}
