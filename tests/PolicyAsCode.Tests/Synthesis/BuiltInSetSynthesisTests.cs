using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace PolicyAsCode.Tests.Synthesis;

/// <summary>
/// The synthesizer over every combination of the built-in sets: a combination without conflicts yields a policy that
/// meets each set and is minimal per rule; one with conflicts yields exactly the conflicts and no policy.
/// </summary>
public sealed class BuiltInSetSynthesisTests
{
    public static IEnumerable<object[]> Combinations()
    {
        var names = RequirementSets.BuiltIn.Keys.OrderBy(k => k, System.StringComparer.Ordinal).ToArray();
        for (var mask = 1; mask < 1 << names.Length; mask++)
        {
            var chosen = names.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
            yield return new object[] { string.Join("+", chosen) };
        }
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Every_combination_is_met_minimally_or_reports_its_conflicts(string combination)
    {
        var sets = combination.Split('+').Select(n => RequirementSets.BuiltIn[n]).ToList();
        var conflicts = RequirementConflicts.Find(sets);
        foreach (var level in new[] { AuditLevel.Metadata, AuditLevel.None })
        {
            var result = PolicySynthesizer.Synthesize(sets, level);
            if (conflicts.Count > 0)
            {
                Assert.Null(result.Policy);
                Assert.Equal(conflicts.Select(c => c.Message), result.Conflicts.Select(c => c.Message));
                continue;
            }

            Assert.Empty(result.Conflicts);
            SynthesisAssert.MeetsAndIsMinimal(result.Policy!, sets);
        }
    }

    [Fact]
    public void CalicoCloud_and_Falco_combine_and_DisaStig_with_Cis322_does_not()
    {
        Assert.NotNull(PolicySynthesizer.Synthesize(new[] { RequirementSets.BuiltIn["CalicoCloud"], RequirementSets.BuiltIn["FalcoK8sAudit"] }, AuditLevel.Metadata).Policy);
        var stigCis = PolicySynthesizer.Synthesize(new[] { RequirementSets.BuiltIn["DisaStig"], RequirementSets.BuiltIn["Cis322"] }, AuditLevel.Metadata);
        Assert.Null(stigCis.Policy);
        Assert.Contains(stigCis.Conflicts, c => c.Verb == "get" && c.Resource == "secrets");
    }
}
