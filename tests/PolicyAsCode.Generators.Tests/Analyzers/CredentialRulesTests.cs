using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>PAC0008: credentials logged in bodies (LintRules).</summary>
public sealed class CredentialRulesTests
{
    [Fact]
    public Task PAC0008_secrets_at_request_level_through_a_catch_all()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")]
            public partial class P
            {
                [Rule(Level.Metadata)] [Resources(ApiGroup.Core, "secrets", "serviceaccounts/token")] [Resources(ApiGroup.AuthenticationK8sIo, "tokenreviews")] public partial class Sensitive;
                [{|PAC0008:Rule(Level.RequestResponse)|}] public partial class All;
            }
            """.Replace("[Rule(Level.Metadata)] [Resources(ApiGroup.Core, \"secrets\", \"serviceaccounts/token\")]", "[Rule(Level.Metadata)] [Resources(ApiGroup.Core, \"serviceaccounts/token\")]"));
}
