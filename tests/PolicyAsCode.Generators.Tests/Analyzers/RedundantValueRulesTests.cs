using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>PAC0012: values another value of the same rule already matches, at the exact argument (LintRules).</summary>
public sealed class RedundantValueRulesTests
{
    [Fact]
    public Task PAC0012_at_the_repeated_or_covered_argument_of_every_list()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.None)] [Users("a", {|#0:"a"|})] [UserGroups("g", {|#1:"g"|})] [Verbs(Verb.Get, {|#2:"get"|})] [Namespaces("kube-system", {|#3:"kube-system"|})]
                [Resources(ApiGroup.Core, {|#4:"pods"|}, "pods/*", {|#5:"pods/log"|}, ResourceNames = new[] { "x", {|#6:"x"|} })]
                public partial class Lists;

                [Rule(Level.None)] [NonResourceUrls("/api/*", {|#7:"/api/v1"|})] public partial class Urls;

                [Rule(Level.None)] [Resources(ApiGroup.Core, new[] { {|#8:"pods/status"|}, "*/status" })] [Resources(ApiGroup.Apps, ["*", {|#9:"deployments"|}])] public partial class Arrays;

                [Rule(Level.Metadata)] [Resources(ApiGroup.Core, "pods", "secrets")] [{|#10:Resources(ApiGroup.Core, "secrets")|}] public partial class Entries;

                [Rule(Level.Metadata)] public partial class All;
            }
            """,
            Redundant(0, "'a' is already in users (item 0); values are compared exactly, so removing it changes nothing"),
            Redundant(1, "'g' is already in userGroups (item 0); values are compared exactly, so removing it changes nothing"),
            Redundant(2, "'get' is already in verbs (item 0); values are compared exactly, so removing it changes nothing"),
            Redundant(3, "'kube-system' is already in namespaces (item 0); values are compared exactly, so removing it changes nothing"),
            Redundant(4, "'pods' is already matched by 'pods/*' (item 1) of this entry: every resource and subresource it matches, that one matches too, so removing it changes nothing"),
            Redundant(5, "'pods/log' is already matched by 'pods/*' (item 1) of this entry: every resource and subresource it matches, that one matches too, so removing it changes nothing"),
            Redundant(6, "'x' is already in this entry's resourceNames (item 0); values are compared exactly, so removing it changes nothing"),
            Redundant(7, "'/api/v1' is already matched by '/api/*' (item 0): every path it matches, that one matches too, so removing it changes nothing"),
            Redundant(8, "'pods/status' is already matched by '*/status' (item 1) of this entry: every resource and subresource it matches, that one matches too, so removing it changes nothing"),
            Redundant(9, "'deployments' is already matched by '*' (item 0) of this entry: every resource and subresource it matches, that one matches too, so removing it changes nothing"),
            Redundant(10, "this resources entry (the core group: secrets) matches only requests that resources entry 0 (the core group: pods, secrets) matches too, so removing it changes nothing"));

    [Fact]
    public async Task PAC0012_carries_what_the_fix_removes()
    {
        var diagnostics = await AnalyzerVerifier.DiagnosticsAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.Metadata)] [Verbs("get", Verb.Get)] [Resources(ApiGroup.Core, "pods")] [Resources(ApiGroup.Core, "pods")] public partial class Names;
            }
            """);
        Assert.Equal(
            new[] { "Verb.Get -> RemoveValue get", "Resources(ApiGroup.Core, \"pods\") -> RemoveEntry (none)" },
            diagnostics.Where(d => d.Id == "PAC0012").OrderBy(d => d.Location.SourceSpan.Start)
                .Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).Trim() + " -> " + d.Properties["Fix"] + " " + (d.Properties.TryGetValue("Value", out var v) ? v : "(none)")));
    }

    private static DiagnosticResult Redundant(int location, string message)
        => new DiagnosticResult("PAC0012", DiagnosticSeverity.Warning).WithLocation(location).WithArguments(message);
}
