using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PolicyAsCode.CodeFixes.Requirements;
using Xunit;

namespace PolicyAsCode.Generators.Tests.CodeFixes;

/// <summary>PAC0002: the rule that would meet the requirement is moved before the rule that shadows it.</summary>
public sealed class MoveShadowedRuleTests
{
    private const string CalicoRule = """
            /// <summary>What Calico Cloud needs.</summary>
            [Rule(Level.RequestResponse)]
            [Verbs(Verb.Create, Verb.Patch, Verb.Update, Verb.Delete)]
            [Resources(ApiGroup.NetworkingK8sIo, "networkpolicies")]
            [Resources(ApiGroup.Core, "pods", "namespaces", "serviceaccounts", "endpoints")]
            public partial class Changes;
        """;

    /// <summary>One finding for the four verbs (one cause), one move, with the rule's comment.</summary>
    [Fact]
    public Task The_rule_moves_before_the_shadowing_rule_once()
        => CodeFixVerifier<MoveShadowedRuleCodeFixProvider>.VerifyAsync($$"""
            [AuditPolicy("calico")]
            [MustMeet({|#1:typeof(PolicyAsCode.Requirements.CalicoCloud)|})]
            public partial class P
            {
                [Rule(Level.None)] [Resources(ApiGroup.Core, "events")] public partial class Events;

                [{|#0:Rule(Level.Metadata)|}]
                [Resources(ApiGroup.Core, "serviceaccounts")]
                public partial class ServiceAccountsAtMetadata;

            {{CalicoRule}}
            }
            """,
            [new DiagnosticResult("PAC0002", DiagnosticSeverity.Error).WithLocation(0).WithLocation(1)
                .WithArguments("create, patch, update and delete of serviceaccounts by any user are logged at Metadata by rule 'ServiceAccountsAtMetadata' (index 1); CalicoCloud needs RequestResponse with ResponseComplete kept; fix: move rule 'Changes' (index 2) before rule 'ServiceAccountsAtMetadata' (index 1)")],
            $$"""
            [AuditPolicy("calico")]
            [MustMeet(typeof(PolicyAsCode.Requirements.CalicoCloud))]
            public partial class P
            {
                [Rule(Level.None)] [Resources(ApiGroup.Core, "events")] public partial class Events;

            {{CalicoRule}}

                [Rule(Level.Metadata)]
                [Resources(ApiGroup.Core, "serviceaccounts")]
                public partial class ServiceAccountsAtMetadata;
            }
            """);

    [Fact]
    public Task With_Order_the_moved_rule_gets_an_Order_before_the_shadowing_rule()
        => CodeFixVerifier<MoveShadowedRuleCodeFixProvider>.VerifyAsync("""
            [AuditPolicy("p")]
            [MustMeet({|#1:typeof(CreatePods)|})]
            public partial class P
            {
                [Rule(Level.None, Order = 10)] [Resources(ApiGroup.Core, Resource.Core.Events)] public partial class Events;
                [{|#0:Rule(Level.Metadata, Order = 20)|}] [Resources(ApiGroup.Core)] public partial class CoreAtMetadata;
                [{|#2:Rule(Level.RequestResponse, Order = 30)|}] [Resources(ApiGroup.Core, Resource.Core.Pods)] public partial class Pods;
            }

            [RequirementSet("CreatePods")]
            [Requires(ApiGroup.Core, Resource.Core.Pods, Verbs = new[] { Verb.Create }, MinimumLevel = Level.RequestResponse)]
            public static class CreatePods { }
            """,
            [new DiagnosticResult("PAC0002", DiagnosticSeverity.Error).WithLocation(0).WithLocation(1)
                .WithArguments("create pods in any namespace by any user is logged at Metadata by rule 'CoreAtMetadata' (index 1); CreatePods needs RequestResponse; fix: move rule 'Pods' (index 2) before rule 'CoreAtMetadata' (index 1)"),
             new DiagnosticResult("PAC0007", DiagnosticSeverity.Warning).WithLocation(2)
                .WithArguments("rule 'Pods' (index 2) is never reached: every request it matches is decided earlier by rule 'CoreAtMetadata' (index 1); it would log them at RequestResponse, but they decide them differently; move it before them if that was the intent")],
            """
            [AuditPolicy("p")]
            [MustMeet(typeof(CreatePods))]
            public partial class P
            {
                [Rule(Level.None, Order = 10)] [Resources(ApiGroup.Core, Resource.Core.Events)] public partial class Events;
                [Rule(Level.Metadata, Order = 20)] [Resources(ApiGroup.Core)] public partial class CoreAtMetadata;
                [Rule(Level.RequestResponse, Order = 15)] [Resources(ApiGroup.Core, Resource.Core.Pods)] public partial class Pods;
            }

            [RequirementSet("CreatePods")]
            [Requires(ApiGroup.Core, Resource.Core.Pods, Verbs = new[] { Verb.Create }, MinimumLevel = Level.RequestResponse)]
            public static class CreatePods { }
            """);

    /// <summary>
    /// Moving <c>Pods</c> first would log create pods at RequestResponse but decide delete pods with ResponseComplete
    /// omitted, which the set also needs: the move is not offered.
    /// </summary>
    [Fact]
    public Task No_move_when_it_would_break_another_requirement()
    {
        const string Source = """
            [AuditPolicy("p")]
            [MustMeet({|#1:typeof(Set)|})]
            public partial class P
            {
                [{|#0:Rule(Level.Metadata)|}] [Resources(ApiGroup.Core)] public partial class CoreAtMetadata;
                [{|#2:Rule(Level.RequestResponse)|}] [Resources(ApiGroup.Core, Resource.Core.Pods)] [OmitStages(Stage.ResponseComplete)] public partial class Pods;
            }

            [RequirementSet("Set")]
            [Requires(ApiGroup.Core, Resource.Core.Pods, Verbs = new[] { Verb.Create }, MinimumLevel = Level.RequestResponse)]
            [Requires(ApiGroup.Core, Resource.Core.Pods, Verbs = new[] { Verb.Delete }, KeepStages = new[] { Stage.ResponseComplete })]
            public static class Set { }
            """;
        var gap = new DiagnosticResult("PAC0002", DiagnosticSeverity.Error).WithLocation(0).WithLocation(1)
            .WithArguments("create pods in any namespace by any user is logged at Metadata by rule 'CoreAtMetadata' (index 0); Set needs RequestResponse");
        var unreachable = new DiagnosticResult("PAC0007", DiagnosticSeverity.Warning).WithLocation(2)
            .WithArguments("rule 'Pods' (index 1) is never reached: every request it matches is decided earlier by rule 'CoreAtMetadata' (index 0); it would log them at RequestResponse omitting ResponseComplete, but they decide them differently; move it before them if that was the intent");
        return CodeFixVerifier<MoveShadowedRuleCodeFixProvider>.VerifyAsync(Source, [gap, unreachable], Source, [gap, unreachable]);
    }
}
