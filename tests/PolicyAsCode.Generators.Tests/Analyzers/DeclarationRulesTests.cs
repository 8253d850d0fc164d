using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>PAC0009: declarations the generator cannot turn into a policy, and nothing on code without policies.</summary>
public sealed class DeclarationRulesTests
{
    [Fact]
    public Task Empty_source_and_no_attribute_report_nothing()
        => AnalyzerVerifier.VerifyAsync("public partial class NotAPolicy { [Rule(Level.None)] class R { } }");

    [Fact]
    public Task PAC0009_declaration_problems()
        => AnalyzerVerifier.VerifyAsync("""
            [{|PAC0009:AuditPolicy("p")|}]
            public class NotPartial { [Rule(Level.None)] class R { } }

            [{|PAC0009:AuditPolicy("q")|}]
            public partial class HalfOrdered { [Rule(Level.None, Order = 1)] class A { } [Rule(Level.None)] class B { } }

            [{|PAC0009:AuditPolicy("same")|}] public partial class A1 { [Rule(Level.None)] class R { } }
            [{|PAC0009:AuditPolicy("same")|}] public partial class A2 { [Rule(Level.None)] class R { } }
            """);
}
