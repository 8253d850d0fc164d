using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PolicyAsCode.CodeFixes.Requirements;
using Xunit;

namespace PolicyAsCode.Generators.Tests.CodeFixes;

/// <summary>PAC0001: when no rule can take the verb or resource, a rule for exactly the missing request is inserted where it decides; PAC0013: one at the allowed level.</summary>
public sealed class InsertRuleTests
{
    private const string DeleteDeployments = """

        [RequirementSet("DeleteDeployments")]
        [Requires(ApiGroup.Apps, Resource.Apps.Deployments, Verbs = new[] { Verb.Delete })]
        public static class DeleteDeployments { }
        """;

    private const string Gap = "delete apps/deployments in any namespace by any user matches no rule, so it is not audited (None); DeleteDeployments needs Metadata";

    [Fact]
    public Task The_new_rule_goes_last()
        => CodeFixVerifier<InsertRuleCodeFixProvider>.VerifyAsync("""
            [AuditPolicy("p")]
            [MustMeet({|#0:typeof(DeleteDeployments)|})]
            public partial class P
            {
                [Rule(Level.Metadata)]
                [Resources(ApiGroup.Core, Resource.Core.Pods)]
                public partial class Pods;

                [{|#1:Rule(Level.None)|}]
                [Resources(ApiGroup.Core, Resource.Core.Events)]
                public partial class Events;
            }
            """ + DeleteDeployments,
            [NotAuditedAt(Gap + "; fix: add a rule for delete apps/deployments at Metadata after the last rule, rule 'Events' (index 1)")],
            """
            [AuditPolicy("p")]
            [MustMeet(typeof(DeleteDeployments))]
            public partial class P
            {
                [Rule(Level.Metadata)]
                [Resources(ApiGroup.Core, Resource.Core.Pods)]
                public partial class Pods;

                [Rule(Level.None)]
                [Resources(ApiGroup.Core, Resource.Core.Events)]
                public partial class Events;

                [Rule(Level.Metadata)]
                [Verbs(Verb.Delete)]
                [Resources(ApiGroup.Apps, Resource.Apps.Deployments)]
                public partial class AuditDeleteAppsDeployments;
            }
            """ + DeleteDeployments);

    /// <summary>Last, the kube-controller-manager's deletes would stay unaudited (PAC0003): the rule goes before the exemption.</summary>
    [Fact]
    public Task The_new_rule_goes_before_a_rule_that_exempts_some_requests()
        => CodeFixVerifier<InsertRuleCodeFixProvider>.VerifyAsync("""
            [AuditPolicy("p")]
            [MustMeet({|#0:typeof(DeleteDeployments)|})]
            public partial class P
            {
                [Rule(Level.Metadata)] [Resources(ApiGroup.Core)] public partial class Core;

                // The controller manager is noisy.
                [{|#1:Rule(Level.None)|}] [Users("system:kube-controller-manager")] public partial class ControllerManager;
            }
            """ + DeleteDeployments,
            [NotAuditedAt(Gap + "; fix: add a rule for delete apps/deployments at Metadata before rule 'ControllerManager' (index 1)")],
            """
            [AuditPolicy("p")]
            [MustMeet(typeof(DeleteDeployments))]
            public partial class P
            {
                [Rule(Level.Metadata)] [Resources(ApiGroup.Core)] public partial class Core;

                [Rule(Level.Metadata)]
                [Verbs(Verb.Delete)]
                [Resources(ApiGroup.Apps, Resource.Apps.Deployments)]
                public partial class AuditDeleteAppsDeployments;

                // The controller manager is noisy.
                [Rule(Level.None)] [Users("system:kube-controller-manager")] public partial class ControllerManager;
            }
            """ + DeleteDeployments);

    [Fact]
    public Task With_Order_the_new_rule_gets_the_next_Order_and_a_free_name()
        => CodeFixVerifier<InsertRuleCodeFixProvider>.VerifyAsync("""
            [AuditPolicy("p")]
            [MustMeet({|#0:typeof(DeleteDeployments)|})]
            public partial class P
            {
                [Rule(Level.Metadata, Order = 10)] [Resources(ApiGroup.Core)] public partial class Core;
                [{|#1:Rule(Level.None, Order = 20)|}] [Resources(ApiGroup.Apps, Resource.Apps.Daemonsets)] public partial class AuditDeleteAppsDeployments;
            }
            """ + DeleteDeployments,
            [NotAuditedAt(Gap + "; fix: add a rule for delete apps/deployments at Metadata after the last rule, rule 'AuditDeleteAppsDeployments' (index 1)")],
            """
            [AuditPolicy("p")]
            [MustMeet(typeof(DeleteDeployments))]
            public partial class P
            {
                [Rule(Level.Metadata, Order = 10)] [Resources(ApiGroup.Core)] public partial class Core;
                [Rule(Level.None, Order = 20)] [Resources(ApiGroup.Apps, Resource.Apps.Daemonsets)] public partial class AuditDeleteAppsDeployments;
                [Rule(Level.Metadata, Order = 30)]
                [Verbs(Verb.Delete)]
                [Resources(ApiGroup.Apps, Resource.Apps.Deployments)]
                public partial class AuditDeleteAppsDeployments2;
            }
            """ + DeleteDeployments);

    /// <summary>
    /// No rule covers the core group: one finding for the sixteen requests, at the last rule (the new rule goes after
    /// it), carrying sixteen verified inserts. Its fix inserts one rule for all of them: every resource needs the same
    /// verbs, so verbs x resources is exactly what sixteen single rules would match.
    /// </summary>
    [Fact]
    public Task One_finding_for_the_missing_group_inserts_one_merged_rule()
        => CodeFixVerifier<InsertRuleCodeFixProvider>.VerifyAsync("""
            [AuditPolicy("calico")]
            [MustMeet({|#0:typeof(PolicyAsCode.Requirements.CalicoCloud)|})]
            public partial class P
            {
                [{|#1:Rule(Level.RequestResponse)|}]
                [Verbs(Verb.Create, Verb.Patch, Verb.Update, Verb.Delete)]
                [Resources(ApiGroup.NetworkingK8sIo, "networkpolicies")]
                public partial class NetworkPolicies;
            }
            """,
            [NotAuditedAt("create, patch, update and delete of pods, namespaces, serviceaccounts and endpoints by any user match no rule, so they are not audited (None); CalicoCloud needs RequestResponse with ResponseComplete kept; "
                + "fix: add a rule for them at RequestResponse after the last rule, rule 'NetworkPolicies' (index 0)")],
            """
            [AuditPolicy("calico")]
            [MustMeet(typeof(PolicyAsCode.Requirements.CalicoCloud))]
            public partial class P
            {
                [Rule(Level.RequestResponse)]
                [Verbs(Verb.Create, Verb.Patch, Verb.Update, Verb.Delete)]
                [Resources(ApiGroup.NetworkingK8sIo, "networkpolicies")]
                public partial class NetworkPolicies;
                [Rule(Level.RequestResponse)]
                [Verbs(Verb.Create, Verb.Delete, Verb.Patch, Verb.Update)]
                [Resources(ApiGroup.Core, Resource.Core.Endpoints, Resource.Core.Namespaces, Resource.Core.Pods, Resource.Core.Serviceaccounts)]
                public partial class AuditRequiredRequests;
            }
            """);

    /// <summary>The policy omits ResponseComplete for every rule: no rule can keep it, so nothing is offered.</summary>
    [Fact]
    public Task No_rule_is_offered_when_no_rule_could_meet_the_requirement()
    {
        const string Source = """
            [AuditPolicy("p")]
            [OmitStages(Stage.ResponseComplete)]
            [MustMeet({|#0:typeof(KeepResponse)|})]
            public partial class P
            {
                [Rule(Level.Metadata)] [Resources(ApiGroup.Core, Resource.Core.Events)] public partial class Events;
            }

            [RequirementSet("KeepResponse")]
            [Requires(ApiGroup.Core, Resource.Core.Pods, Verbs = new[] { Verb.Delete }, KeepStages = new[] { Stage.ResponseComplete })]
            public static class KeepResponse { }
            """;
        var gap = NotAudited("delete pods in any namespace by any user matches no rule, so it is not audited (None); KeepResponse needs Metadata with ResponseComplete kept");
        return CodeFixVerifier<InsertRuleCodeFixProvider>.VerifyAsync(Source, [gap], Source, [gap]);
    }

    private static DiagnosticResult NotAudited(string message)
        => new DiagnosticResult("PAC0001", DiagnosticSeverity.Error).WithLocation(0).WithArguments(message);

    /// <summary>A PAC0001 whose fix says where the new rule goes sits on that rule (#1), the [MustMeet] argument (#0) its additional location.</summary>
    /// <summary>PAC0013: a rule at the highest allowed level for exactly the requests logged too high, before the rule that logs them.</summary>
    [Fact]
    public Task Above_the_maximum_the_new_rule_lowers_the_level_before_the_rule_that_logs_too_much()
        => CodeFixVerifier<InsertRuleCodeFixProvider>.VerifyAsync("""
            [AuditPolicy("p")]
            [MustMeet({|#0:typeof(ExecExactlyRequest)|})]
            public partial class P
            {
                [{|#1:Rule(Level.RequestResponse)|}]
                [Resources(ApiGroup.Core, Resource.Core.Pods, Resource.Core.PodsExec)]
                public partial class Pods;
            }
            """ + ExecExactlyRequest,
            [new DiagnosticResult("PAC0013", DiagnosticSeverity.Error).WithLocation(1).WithLocation(0).WithArguments(
                "create pods/exec in any namespace by any user is logged at RequestResponse by rule 'Pods' (index 0); ExecExactlyRequest needs exactly Request; fix: add a rule for create pods/exec at Request before rule 'Pods' (index 0)")],
            """
            [AuditPolicy("p")]
            [MustMeet(typeof(ExecExactlyRequest))]
            public partial class P
            {
                [Rule(Level.Request)]
                [Verbs(Verb.Create)]
                [Resources(ApiGroup.Core, Resource.Core.PodsExec)]
                public partial class AuditCreatePodsExec;
                [Rule(Level.RequestResponse)]
                [Resources(ApiGroup.Core, Resource.Core.Pods, Resource.Core.PodsExec)]
                public partial class Pods;
            }
            """ + ExecExactlyRequest);

    private const string ExecExactlyRequest = """

        [RequirementSet("ExecExactlyRequest")]
        [Requires(ApiGroup.Core, Resource.Core.PodsExec, Verbs = new[] { Verb.Create }, ExactLevel = Level.Request)]
        public static class ExecExactlyRequest { }
        """;

    private static DiagnosticResult NotAuditedAt(string message)
        => new DiagnosticResult("PAC0001", DiagnosticSeverity.Error).WithLocation(1).WithLocation(0).WithArguments(message);
}
