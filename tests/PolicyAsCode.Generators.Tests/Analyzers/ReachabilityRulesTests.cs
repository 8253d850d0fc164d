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

    /// <summary>
    /// Rules that only requests kube-apiserver never receives reached: a get or delete of pods without a name (that is
    /// a list or a deletecollection), a non-resource path under /api/v1/ other than slashes (a resource request).
    /// </summary>
    [Fact]
    public Task PAC0007_a_rule_reached_only_by_requests_never_received()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.None)] [Verbs(Verb.Get, Verb.Delete)] [Resources(ApiGroup.Core, "pods", ResourceNames = new[] { "web" })] public partial class Web;
                [{|#0:Rule(Level.Metadata)|}] [Verbs(Verb.Get, Verb.Delete)] [Resources(ApiGroup.Core, "pods", ResourceNames = new[] { "", "web" })] public partial class WebOrUnnamed;
                [Rule(Level.None)] [NonResourceUrls("/api/v1/", "/api/v1//*")] public partial class ApiRoot;
                [{|#1:Rule(Level.Metadata)|}] [NonResourceUrls("/api/v1/*")] public partial class UnderApi;
                [Rule(Level.Metadata)] [Verbs(Verb.Get, Verb.List)] [Resources(ApiGroup.Core, "pods")] public partial class PodReads;
            }
            """,
            new DiagnosticResult("PAC0007", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("rule 'WebOrUnnamed' (index 1) is never reached: every request it matches is decided earlier by rule 'Web' (index 0); it would log them at Metadata, but they decide them differently; move it before them if that was the intent"),
            new DiagnosticResult("PAC0007", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("rule 'UnderApi' (index 3) is never reached: every request it matches is decided earlier by rule 'ApiRoot' (index 2); it would log them at Metadata, but they decide them differently; move it before them if that was the intent"));
}
