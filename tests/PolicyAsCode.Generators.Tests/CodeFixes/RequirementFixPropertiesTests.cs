using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace PolicyAsCode.Generators.Tests.CodeFixes;

/// <summary>
/// The contract between the analyzer and the code fixes: what a PAC0001/PAC0002 diagnostic carries in its
/// properties (the verified edit), and that diagnostics without a verified edit carry nothing.
/// </summary>
public sealed class RequirementFixPropertiesTests
{
    private const string Set = """

        [RequirementSet("Set")]
        [Requires(ApiGroup.Core, Resource.Core.Pods, Verbs = new[] { Verb.Create, Verb.Delete }, MinimumLevel = Level.RequestResponse)]
        [Requires(ApiGroup.Apps, Resource.Apps.Deployments, Verbs = new[] { Verb.Delete })]
        public static class Set { }
        """;

    [Fact]
    public async Task Each_gap_carries_its_verified_edit()
    {
        var diagnostics = await AnalyzerVerifier.DiagnosticsAsync("""
            [AuditPolicy("p")]
            [MustMeet(typeof(Set))]
            public partial class P
            {
                [Rule(Level.Metadata, Order = 1)] [Verbs(Verb.Create)] [Resources(ApiGroup.Core)] public partial class CoreCreates;
                [Rule(Level.RequestResponse, Order = 2)] [Verbs(Verb.Create)] [Resources(ApiGroup.Core, Resource.Core.Pods)] public partial class PodCreates;
                [Rule(Level.RequestResponse, Order = 4)] [Verbs(Verb.Update)] [Resources(ApiGroup.Core, Resource.Core.Pods)] public partial class PodUpdates;
            }
            """ + Set);

        Assert.Equal(
            [
                "PAC0002 create pods: Fix=MoveRule, Before=CoreCreates, Order=0, Rule=PodCreates",
                "PAC0001 delete pods: Fix=AddVerb, Rule=PodCreates, Verb=delete",
                "PAC0001 delete apps/deployments: Fix=InsertRule, After=PodUpdates, Group=apps, Level=Metadata, Order=6, Resource=deployments, Rule=AuditDeleteAppsDeployments, Verb=delete",
            ],
            diagnostics.Where(d => d.Id is "PAC0001" or "PAC0002").Select(Describe));
    }

    [Fact]
    public async Task Gaps_without_a_verified_edit_carry_no_properties()
    {
        // The policy omits ResponseComplete everywhere, so no rule can keep it; PAC0003 never gets an edit.
        var diagnostics = await AnalyzerVerifier.DiagnosticsAsync("""
            [AuditPolicy("p")]
            [OmitStages(Stage.ResponseComplete)]
            [MustMeet(typeof(PolicyAsCode.Requirements.CalicoCloud))]
            public partial class P
            {
                [Rule(Level.None)] [Users("system:kube-proxy")] [Resources(ApiGroup.Core, Resource.Core.Endpoints)] public partial class KubeProxy;
            }
            """);

        Assert.NotEmpty(diagnostics.Where(d => d.Id == "PAC0001"));
        Assert.All(diagnostics.Where(d => d.Id is "PAC0001" or "PAC0002" or "PAC0003"), d => Assert.Empty(d.Properties));
    }

    private static string Describe(Microsoft.CodeAnalysis.Diagnostic diagnostic)
    {
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        var what = string.Join(" ", message.Split(' ').Take(2));
        return diagnostic.Id + " " + what + ": " + string.Join(", ", diagnostic.Properties.OrderBy(p => p.Key == "Fix" ? 0 : 1).ThenBy(p => p.Key, System.StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
    }
}
