using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>PAC0007: unreachable rules (LintRules).</summary>
public sealed class ReachabilityRulesTests
{
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
}
