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
    /// <summary>An invalid attribute argument is reported on that argument (exact span), not on [AuditPolicy].</summary>
    [Fact]
    public Task PAC0009_is_on_the_offending_argument()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")] [OmitStages(Stage.RequestReceived, {|#0:(Stage)42|})]
            public partial class P { [Rule(Level.None)] public partial class R; }

            [AuditPolicy("q")]
            public partial class Q { [Rule(Level.None)] [OmitStages({|#1:(Stage)7|})] public partial class R; }
            """,
            new DiagnosticResult("PAC0009", DiagnosticSeverity.Error).WithLocation(0).WithArguments("a policy-level attribute has an argument that is not a valid constant"),
            new DiagnosticResult("PAC0009", DiagnosticSeverity.Error).WithLocation(1).WithArguments("the rule 'R' has an argument that is not a valid constant"));

    /// <summary>
    /// A declaration problem does not hide what depends on one rule alone: the never-matching values and removed APIs of
    /// the rules that read are still reported, at their exact spans; the rule that does not read gets none.
    /// </summary>
    [Fact]
    public Task PAC0009_keeps_the_never_matching_values_of_the_readable_rules()
        => AnalyzerVerifier.VerifyAsync("""
            [AuditPolicy("p")] [OmitStages({|#0:(Stage)42|})]
            public partial class P
            {
                [Rule(Level.Metadata)] [Verbs({|#1:"GET"|}, "list")] [Resources(ApiGroup.Core, "pods")] public partial class Reads;
                [Rule(Level.None)] [Resources(ApiGroup.Core, {|#2:"pod"|})] public partial class Pods;
                [Rule(Level.None)] [Resources(ApiGroup.Extensions, {|#5:"networkpolicies"|})] public partial class Old;
                [Rule(Level.None)] [Verbs("list", {|#6:"list"|})] [Resources(ApiGroup.Apps)] public partial class Twice;
            }

            [AuditPolicy("q")]
            public partial class Q
            {
                [Rule(Level.None)] [Verbs({|#3:"DELETE"|})] public partial class Deletes;
                [Rule(Level.None)] [Verbs("GET")] [OmitStages({|#4:(Stage)9|})] public partial class Broken;
            }
            """,
            new DiagnosticResult("PAC0009", DiagnosticSeverity.Error).WithLocation(0).WithArguments("a policy-level attribute has an argument that is not a valid constant"),
            new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("verbs are compared exactly and request verbs are lower case; 'GET' never matches; use 'get'"),
            new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(2).WithArguments("'pod' is the singular name of 'pods'; rules compare the plural resource name exactly, so use 'pods'"),
            new DiagnosticResult("PAC0005", DiagnosticSeverity.Warning).WithLocation(3).WithArguments("verbs are compared exactly and request verbs are lower case; 'DELETE' never matches; use 'delete'"),
            new DiagnosticResult("PAC0012", DiagnosticSeverity.Warning).WithLocation(6).WithArguments("'list' is already in verbs (item 0); values are compared exactly, so removing it changes nothing"),
            new DiagnosticResult("PAC0011", DiagnosticSeverity.Warning).WithLocation(5).WithArguments("extensions/networkpolicies has not been served since Kubernetes 1.16; the same objects are served as networking.k8s.io/networkpolicies, so this entry never matches on current Kubernetes"),
            new DiagnosticResult("PAC0009", DiagnosticSeverity.Error).WithLocation(4).WithArguments("the rule 'Broken' has an argument that is not a valid constant"));
}
