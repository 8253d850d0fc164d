using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PolicyAsCode.CodeFixes.Reachability;
using Xunit;

namespace PolicyAsCode.Generators.Tests.CodeFixes;

/// <summary>PAC0007: a rule that earlier rules decide exactly as it would is removed; one that would decide differently is not.</summary>
public sealed class RemoveUnreachableRuleTests
{
    [Fact]
    public Task A_rule_whose_requests_are_decided_the_same_way_is_removed_with_its_comment()
        => CodeFixVerifier<RemoveUnreachableRuleCodeFixProvider>.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.None)] [Users("aksService")] [Verbs(Verb.Get, Verb.List)]
                public partial class AksServiceReads;

                // aksService's metrics reads: already dropped above.
                [{|#0:Rule(Level.None)|}] [Users("aksService")] [Verbs(Verb.Get, Verb.List)] [Resources("metrics.k8s.io")]
                public partial class AksServiceMetrics;

                [Rule(Level.Metadata)]
                public partial class Everything;
            }
            """,
            [new DiagnosticResult("PAC0007", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("rule 'AksServiceMetrics' (index 1) is never reached: every request it matches is decided earlier by rule 'AksServiceReads' (index 0); they decide those requests exactly as it would, so removing it changes nothing")],
            """
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.None)] [Users("aksService")] [Verbs(Verb.Get, Verb.List)]
                public partial class AksServiceReads;

                [Rule(Level.Metadata)]
                public partial class Everything;
            }
            """);

    [Fact]
    public Task A_covered_rule_that_would_decide_differently_gets_no_fix()
    {
        const string Source = """
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.Metadata)] public partial class Everything;
                [{|#0:Rule(Level.Request)|}] [Resources(ApiGroup.Core, "pods")] public partial class Pods;
            }
            """;
        return CodeFixVerifier<RemoveUnreachableRuleCodeFixProvider>.VerifyAsync(Source,
            [new DiagnosticResult("PAC0007", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("rule 'Pods' (index 1) is never reached: every request it matches is decided earlier by rule 'Everything' (index 0); it would log them at Request, but they decide them differently; move it before them if that was the intent")],
            Source,
            [new DiagnosticResult("PAC0007", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("rule 'Pods' (index 1) is never reached: every request it matches is decided earlier by rule 'Everything' (index 0); it would log them at Request, but they decide them differently; move it before them if that was the intent")]);
    }
}
