using System.Collections.Generic;
using PolicyAsCode.Tests.Synthesis;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>
/// <c>synthesize --format csharp</c> compiles with the generator, and the policy it generates is the synthesized one,
/// its YAML byte-identical to <c>synthesize --format yaml</c>.
/// </summary>
public sealed class SynthesizedSourceTests
{
    public static IEnumerable<object?[]> Cases => new[]
    {
        new object?[] { "CalicoCloud", "Metadata", null },
        new object?[] { "CalicoCloud", "None", "Infra.Audit" },
        new object?[] { "All", "Metadata", "Infra.Audit" },
        new object?[] { "All", "None", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Synthesized_CSharp_generates_the_synthesized_policy(string which, string level, string? @namespace)
    {
        var sets = which == "All" ? SynthesisSets.Compatible : new[] { RequirementSets.CalicoCloud };
        var policy = PolicySynthesizer.Synthesize(sets, new AuditLevel(level)).Policy!;
        var source = CSharpPolicyWriter.WriteSynthesized(policy, sets, level, "SynthesizedAuditPolicy", @namespace);
        var assembly = GeneratorHarness.CompileAndLoad(source);
        var type = assembly.GetType(@namespace is null ? "SynthesizedAuditPolicy" : @namespace + ".SynthesizedAuditPolicy")!;
        Assert.Equal(PolicyYamlWriter.Write(policy), GeneratorHarness.Get<string>(type, "Yaml"));
        Assert.Equal(policy, GeneratorHarness.Get<Policy>(type, "Policy"));
        Assert.Equal("audit-policy.yaml", GeneratorHarness.Get<string>(type, "FileName"));
    }
}
