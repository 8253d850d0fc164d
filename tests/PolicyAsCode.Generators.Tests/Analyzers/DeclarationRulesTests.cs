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

    [Fact]
    public Task PAC0009_struct_record_struct_and_interface_policies_at_the_type_name()
        => AnalyzerVerifier.VerifyAsync(
            """
            [{|#0:AuditPolicy|}("s")]
            public partial struct {|#1:S|} { [Rule(Level.None)] class R { } }

            [{|#2:AuditPolicy|}("rs")]
            public partial record struct {|#3:RS|}(int X) { [Rule(Level.None)] class R { } }

            [{|#4:AuditPolicy|}("i")]
            public partial interface {|#5:I|} { [Rule(Level.None)] class R { } }

            [AuditPolicy("rc")]
            public partial record class RC(int X) { [Rule(Level.None)] public record R; }
            """,
            // The attribute targets classes only: the compiler's own error stays, PAC0009 adds what to do instead.
            DiagnosticResult.CompilerError("CS0592").WithLocation(0).WithArguments("AuditPolicy", "class"),
            new DiagnosticResult("PAC0009", DiagnosticSeverity.Error).WithLocation(1)
                .WithMessage("The policy cannot be generated: the policy type 'S' is a struct; declare it as a partial class or partial record"),
            DiagnosticResult.CompilerError("CS0592").WithLocation(2).WithArguments("AuditPolicy", "class"),
            new DiagnosticResult("PAC0009", DiagnosticSeverity.Error).WithLocation(3)
                .WithMessage("The policy cannot be generated: the policy type 'RS' is a record struct; declare it as a partial class or partial record"),
            DiagnosticResult.CompilerError("CS0592").WithLocation(4).WithArguments("AuditPolicy", "class"),
            new DiagnosticResult("PAC0009", DiagnosticSeverity.Error).WithLocation(5)
                .WithMessage("The policy cannot be generated: the policy type 'I' is an interface; declare it as a partial class or partial record"));
}
