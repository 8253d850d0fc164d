using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>PAC0011 (and PAC0006): what the target Kubernetes version serves (LintRules).</summary>
public sealed class VersionRulesTests
{
    [Fact]
    public Task PAC0011_removed_apis_at_the_offending_argument()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.Metadata)]
                [Resources(ApiGroup.Extensions, {|#0:"networkpolicies"|})]
                [Resources({|#1:"settings.k8s.io"|})]
                public partial class Old;
            }
            """,
            new DiagnosticResult("PAC0011", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("extensions/networkpolicies has not been served since Kubernetes 1.16; the same objects are served as networking.k8s.io/networkpolicies, so this entry never matches on current Kubernetes"),
            new DiagnosticResult("PAC0011", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("group 'settings.k8s.io' has not been served since Kubernetes 1.20, so this entry never matches on current Kubernetes"));

    [Fact]
    public Task PAC0011_follows_the_target_version()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.Metadata)] [Resources(ApiGroup.Extensions, "networkpolicies", {|#0:"thirdpartyresources"|})] public partial class Old;
            }
            """,
            "1.15",
            new DiagnosticResult("PAC0011", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("extensions/thirdpartyresources has not been served since Kubernetes 1.8; the same objects are served as apiextensions.k8s.io/customresourcedefinitions, so this entry never matches on Kubernetes 1.15"));
}
