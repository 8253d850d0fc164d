using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>PAC0004: kube-apiserver's validation at the offending argument (ValidationRules).</summary>
public sealed class ValidationRulesTests
{
    [Fact]
    public Task PAC0004_validation_errors_at_the_argument()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.None)] [Resources({|PAC0004:"Apps"|}, "deployments")] public partial class BadGroup;
                [Rule(Level.None)] [NonResourceUrls("/healthz*", {|PAC0004:"logs"|})] public partial class BadUrl;
                [Rule(Level.None)] [Namespaces("a")] [{|PAC0004:NonResourceUrls("/x")|}] public partial class Mixed;
                [Rule(Level.None)] [{|PAC0004:Resources(ApiGroup.Core, ResourceNames = new[] { "x" })|}] public partial class Names;
            }
            """);

    [Fact]
    public Task PAC0004_zero_rules()
        => AnalyzerVerifier.VerifyAsync("""
            [{|PAC0004:AuditPolicy("p")|}]
            public partial class P
            {
            }
            """);
}
