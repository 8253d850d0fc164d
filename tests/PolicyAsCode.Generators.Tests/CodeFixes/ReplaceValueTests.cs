using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PolicyAsCode.CodeFixes.Replacement;
using Xunit;

namespace PolicyAsCode.Generators.Tests.CodeFixes;

/// <summary>PAC0005: a value with a suggestion is replaced by it; values without one get no fix.</summary>
public sealed class ReplaceValueTests
{
    [Fact]
    public Task Upper_case_verbs_are_replaced_with_the_request_verbs()
        => CodeFixVerifier<ReplaceValueCodeFixProvider>.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.Metadata)] [Verbs({|#0:"GET"|}, "list", {|#1:"Watch"|})] [Resources(ApiGroup.Core, "pods")] public partial class Reads;
                [Rule(Level.None)] [Verbs(new string[] { {|#2:"DELETE"|} })] [Resources(ApiGroup.Core, "events")] public partial class Deletes;
            }
            """,
            [NeverMatches(0, "GET", "get"), NeverMatches(1, "Watch", "watch"), NeverMatches(2, "DELETE", "delete")],
            """
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.Metadata)] [Verbs("get", "list", "watch")] [Resources(ApiGroup.Core, "pods")] public partial class Reads;
                [Rule(Level.None)] [Verbs(new string[] { "delete" })] [Resources(ApiGroup.Core, "events")] public partial class Deletes;
            }
            """);

    [Fact]
    public Task Mistyped_resource_names_are_replaced_with_the_catalog_name()
        => CodeFixVerifier<ReplaceValueCodeFixProvider>.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.Metadata)] [Resources(ApiGroup.Core, {|#0:"pod"|}, "configmaps")] [Resources(ApiGroup.Apps, {|#1:"deploymnets"|})] public partial class Workloads;
            }
            """,
            [new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("'pod' is the singular name of 'pods'; rules compare the plural resource name exactly, so use 'pods'"),
             new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("there is no resource 'deploymnets' in group 'apps' (Kubernetes 1.36), so this entry never matches a built-in request; did you mean 'deployments'?")],
            """
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.Metadata)] [Resources(ApiGroup.Core, "pods", "configmaps")] [Resources(ApiGroup.Apps, "deployments")] public partial class Workloads;
            }
            """);

    [Fact]
    public Task Values_without_a_suggestion_get_no_fix()
    {
        const string Source = """
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.None)] [Verbs({|#0:"*"|}, {|#1:"impersonate"|})] [Resources(ApiGroup.Core, "pods")] public partial class Verbs;
            }
            """;
        DiagnosticResult[] diagnostics =
        [
            new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("'*' is not a wildcard in verbs; it matches only a request whose verb is literally '*', which never happens; leave verbs empty to match every verb"),
            new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(1)
                .WithArguments("'impersonate' exists only in authorization checks; no request is audited with it"),
        ];
        return CodeFixVerifier<ReplaceValueCodeFixProvider>.VerifyAsync(Source, diagnostics, Source, diagnostics);
    }

    private static DiagnosticResult NeverMatches(int location, string value, string lower)
        => new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(location)
            .WithArguments("verbs are compared exactly and request verbs are lower case; '" + value + "' never matches; use '" + lower + "'");
}
