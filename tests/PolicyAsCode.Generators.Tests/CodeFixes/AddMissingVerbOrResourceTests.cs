using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PolicyAsCode.CodeFixes.Requirements;
using Xunit;

namespace PolicyAsCode.Generators.Tests.CodeFixes;

/// <summary>PAC0001: the missing verb or resource is added to the rule that then audits the request.</summary>
public sealed class AddMissingVerbOrResourceTests
{
    private const string Calico = " by any user match no rule, so they are not audited (None); CalicoCloud needs RequestResponse with ResponseComplete kept; fix: ";

    // A PAC0001 sits on the rule its fix edits (#1), with the [MustMeet] argument (#0) as additional location.

    [Fact]
    public Task Fix_all_adds_Verb_Delete_once_to_a_Calico_policy()
        => CodeFixVerifier<AddMissingVerbOrResourceCodeFixProvider>.VerifyAsync("""
            [AuditPolicy("calico")]
            [MustMeet({|#0:typeof(PolicyAsCode.Requirements.CalicoCloud)|})]
            public partial class P
            {
                [{|#1:Rule(Level.RequestResponse)|}]
                [Verbs(Verb.Create, Verb.Patch, Verb.Update)]
                [Resources(ApiGroup.NetworkingK8sIo, "networkpolicies")]
                [Resources(ApiGroup.Core, "pods", "namespaces", "serviceaccounts", "endpoints")]
                public partial class Changes;
            }
            """,
            [NotAudited("delete of pods, namespaces, serviceaccounts, endpoints and networking.k8s.io/networkpolicies" + Calico + "add 'delete' to the verbs of rule 'Changes' (index 0)")],
            """
            [AuditPolicy("calico")]
            [MustMeet(typeof(PolicyAsCode.Requirements.CalicoCloud))]
            public partial class P
            {
                [Rule(Level.RequestResponse)]
                [Verbs(Verb.Create, Verb.Patch, Verb.Update, Verb.Delete)]
                [Resources(ApiGroup.NetworkingK8sIo, "networkpolicies")]
                [Resources(ApiGroup.Core, "pods", "namespaces", "serviceaccounts", "endpoints")]
                public partial class Changes;
            }
            """);

    [Fact]
    public Task Verb_goes_into_an_array_argument()
        => CodeFixVerifier<AddMissingVerbOrResourceCodeFixProvider>.VerifyAsync("""
            [AuditPolicy("p")]
            [MustMeet({|#0:typeof(DeletePods)|})]
            public partial class P
            {
                [{|#1:Rule(Level.Metadata)|}] [Verbs(new[] { Verb.Create })] [Resources(ApiGroup.Core, Resource.Core.Pods)] public partial class Pods;
            }

            [RequirementSet("DeletePods")]
            [Requires(ApiGroup.Core, Resource.Core.Pods, Verbs = new[] { Verb.Delete })]
            public static class DeletePods { }
            """,
            [NotAudited("delete pods in any namespace by any user matches no rule, so it is not audited (None); DeletePods needs Metadata; fix: add 'delete' to the verbs of rule 'Pods' (index 0)")],
            """
            [AuditPolicy("p")]
            [MustMeet(typeof(DeletePods))]
            public partial class P
            {
                [Rule(Level.Metadata)] [Verbs(new[] { Verb.Create, Verb.Delete })] [Resources(ApiGroup.Core, Resource.Core.Pods)] public partial class Pods;
            }

            [RequirementSet("DeletePods")]
            [Requires(ApiGroup.Core, Resource.Core.Pods, Verbs = new[] { Verb.Delete })]
            public static class DeletePods { }
            """);

    [Fact]
    public Task Missing_resource_is_added_as_its_constant_to_the_group_entry()
        => CodeFixVerifier<AddMissingVerbOrResourceCodeFixProvider>.VerifyAsync("""
            [AuditPolicy("calico")]
            [MustMeet({|#0:typeof(PolicyAsCode.Requirements.CalicoCloud)|})]
            public partial class P
            {
                [{|#1:Rule(Level.RequestResponse)|}]
                [Verbs(Verb.Create, Verb.Patch, Verb.Update, Verb.Delete)]
                [Resources(ApiGroup.NetworkingK8sIo, Resource.NetworkingK8sIo.Networkpolicies)]
                [Resources(ApiGroup.Core, Resource.Core.Pods, Resource.Core.Namespaces, Resource.Core.Serviceaccounts, ResourceNames = new string[0])]
                public partial class Changes;
            }
            """,
            [NotAudited("create, patch, update and delete of endpoints" + Calico + "add 'endpoints' to the resources of rule 'Changes' (index 0)")],
            """
            [AuditPolicy("calico")]
            [MustMeet(typeof(PolicyAsCode.Requirements.CalicoCloud))]
            public partial class P
            {
                [Rule(Level.RequestResponse)]
                [Verbs(Verb.Create, Verb.Patch, Verb.Update, Verb.Delete)]
                [Resources(ApiGroup.NetworkingK8sIo, Resource.NetworkingK8sIo.Networkpolicies)]
                [Resources(ApiGroup.Core, Resource.Core.Pods, Resource.Core.Namespaces, Resource.Core.Serviceaccounts, Resource.Core.Endpoints, ResourceNames = new string[0])]
                public partial class Changes;
            }
            """);

    [Fact]
    public Task A_resource_without_a_constant_is_added_as_a_literal()
        => CodeFixVerifier<AddMissingVerbOrResourceCodeFixProvider>.VerifyAsync("""
            [AuditPolicy("p")]
            [MustMeet({|#0:typeof(Widgets)|})]
            public partial class P
            {
                [{|#1:Rule(Level.Request)|}] [Resources("example.com", "gadgets")] public partial class ExampleCom;
            }

            [RequirementSet("Widgets")]
            [Requires("example.com", "widgets", Verbs = new[] { Verb.Create })]
            public static class Widgets { }
            """,
            [NotAudited("create example.com/widgets in any namespace by any user matches no rule, so it is not audited (None); Widgets needs Metadata; fix: add 'widgets' to the resources of rule 'ExampleCom' (index 0)")],
            """
            [AuditPolicy("p")]
            [MustMeet(typeof(Widgets))]
            public partial class P
            {
                [Rule(Level.Request)] [Resources("example.com", "gadgets", "widgets")] public partial class ExampleCom;
            }

            [RequirementSet("Widgets")]
            [Requires("example.com", "widgets", Verbs = new[] { Verb.Create })]
            public static class Widgets { }
            """);

    /// <summary>
    /// Adding delete to <c>Create</c> would also make it decide delete configmaps at Metadata, before the rule
    /// that logs them at RequestResponse: a new gap, so that edit is not offered; adding pods to that rule is.
    /// </summary>
    [Fact]
    public Task An_edit_that_would_break_another_requirement_is_not_offered()
        => CodeFixVerifier<AddMissingVerbOrResourceCodeFixProvider>.VerifyAsync("""
            [AuditPolicy("p")]
            [MustMeet({|#0:typeof(Set)|})]
            public partial class P
            {
                [Rule(Level.Metadata)] [Verbs(Verb.Create)] [Resources(ApiGroup.Core, Resource.Core.Pods, Resource.Core.Configmaps)] public partial class Create;
                [{|#1:Rule(Level.RequestResponse)|}] [Verbs(Verb.Delete)] [Resources(ApiGroup.Core, Resource.Core.Configmaps)] public partial class DeleteConfigmaps;
            }

            [RequirementSet("Set")]
            [Requires(ApiGroup.Core, Resource.Core.Pods, Verbs = new[] { Verb.Delete })]
            [Requires(ApiGroup.Core, Resource.Core.Configmaps, Verbs = new[] { Verb.Delete }, MinimumLevel = Level.RequestResponse)]
            public static class Set { }
            """,
            [NotAudited("delete pods in any namespace by any user matches no rule, so it is not audited (None); Set needs Metadata; fix: add 'pods' to the resources of rule 'DeleteConfigmaps' (index 1)")],
            """
            [AuditPolicy("p")]
            [MustMeet(typeof(Set))]
            public partial class P
            {
                [Rule(Level.Metadata)] [Verbs(Verb.Create)] [Resources(ApiGroup.Core, Resource.Core.Pods, Resource.Core.Configmaps)] public partial class Create;
                [Rule(Level.RequestResponse)] [Verbs(Verb.Delete)] [Resources(ApiGroup.Core, Resource.Core.Configmaps, Resource.Core.Pods)] public partial class DeleteConfigmaps;
            }

            [RequirementSet("Set")]
            [Requires(ApiGroup.Core, Resource.Core.Pods, Verbs = new[] { Verb.Delete })]
            [Requires(ApiGroup.Core, Resource.Core.Configmaps, Verbs = new[] { Verb.Delete }, MinimumLevel = Level.RequestResponse)]
            public static class Set { }
            """);

    /// <summary>The rule covers pods at the right level, but only for one user: with delete added, any other user's request still matches nothing.</summary>
    [Fact]
    public Task No_fix_when_the_rule_would_not_decide_every_required_request()
    {
        const string Source = """
            [AuditPolicy("p")]
            [MustMeet({|#0:typeof(DeletePods)|})]
            public partial class P
            {
                [{|#1:Rule(Level.Metadata)|}] [Users("alice")] [Verbs(Verb.Create)] [Resources(ApiGroup.Core, Resource.Core.Pods)] public partial class Alice;
            }

            [RequirementSet("DeletePods")]
            [Requires(ApiGroup.Core, Resource.Core.Pods, Verbs = new[] { Verb.Delete })]
            public static class DeletePods { }
            """;
        // The verified fix is a new rule (InsertRuleCodeFixProvider offers it), nothing this provider edits.
        var gap = NotAudited("delete pods in any namespace by any user matches no rule, so it is not audited (None); DeletePods needs Metadata; fix: add a rule for delete pods at Metadata after the last rule, rule 'Alice' (index 0)");
        return CodeFixVerifier<AddMissingVerbOrResourceCodeFixProvider>.VerifyAsync(Source, [gap], Source, [gap]);
    }

    [Fact]
    public Task The_edit_lands_in_the_file_that_declares_the_rule()
        => CodeFixVerifier<AddMissingVerbOrResourceCodeFixProvider>.VerifyAsync(
            [
                """
                [AuditPolicy("p")]
                [MustMeet({|#0:typeof(DeletePods)|})]
                public partial class P
                {
                    [Rule(Level.None, Order = 1)] [Users("system:kube-proxy")] [Resources(ApiGroup.Core, Resource.Core.Endpoints)] public partial class KubeProxy;
                }

                [RequirementSet("DeletePods")]
                [Requires(ApiGroup.Core, Resource.Core.Pods, Verbs = new[] { Verb.Delete })]
                public static class DeletePods { }
                """,
                """
                public partial class P
                {
                    [{|#1:Rule(Level.Metadata, Order = 2)|}] [Verbs(Verb.Create)] [Resources(ApiGroup.Core, Resource.Core.Pods)] public partial class Pods;
                }
                """,
            ],
            [NotAudited("delete pods in any namespace by any user matches no rule, so it is not audited (None); DeletePods needs Metadata; fix: add 'delete' to the verbs of rule 'Pods' (index 1)")],
            [
                """
                [AuditPolicy("p")]
                [MustMeet(typeof(DeletePods))]
                public partial class P
                {
                    [Rule(Level.None, Order = 1)] [Users("system:kube-proxy")] [Resources(ApiGroup.Core, Resource.Core.Endpoints)] public partial class KubeProxy;
                }

                [RequirementSet("DeletePods")]
                [Requires(ApiGroup.Core, Resource.Core.Pods, Verbs = new[] { Verb.Delete })]
                public static class DeletePods { }
                """,
                """
                public partial class P
                {
                    [Rule(Level.Metadata, Order = 2)] [Verbs(Verb.Create, Verb.Delete)] [Resources(ApiGroup.Core, Resource.Core.Pods)] public partial class Pods;
                }
                """,
            ]);

    private static DiagnosticResult NotAudited(string message)
        => new DiagnosticResult("PAC0001", DiagnosticSeverity.Error).WithLocation(1).WithLocation(0).WithArguments(message);
}
