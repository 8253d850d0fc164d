using System;
using System.IO;
using System.Linq;
using System.Reflection;
using PolicyAsCode;

namespace Samples.CalicoCloud;

/// <summary>
/// Which requirement sets a policy meets: the ones its type declares with [MustMeet] (the build already refuses a gap in
/// those) and the built-in ones, checked on the policy as written with the checker the analyzers use.
/// </summary>
public static class RequirementReport
{
    /// <summary>Writes one line per set (and up to five gaps of each [MustMeet] set); false when a [MustMeet] set is not met.</summary>
    public static bool Write(TextWriter output, Type policyType, Policy policy)
    {
        var declared = policyType.GetCustomAttributes<MustMeetAttribute>().Select(m => RequirementSets.FromType(m.RequirementSet)).ToList();
        var sets = declared.Concat(RequirementSets.BuiltIn.Values.Where(b => declared.All(d => d.Name != b.Name))).ToList();
        output.WriteLine("# Requirement sets:");
        var met = true;
        foreach (var set in sets)
        {
            var gaps = RequirementChecker.Check(policy, set);
            var required = gaps.Where(g => !g.Requirement.Optional).ToList();
            var optional = gaps.Count - required.Count;
            var mustMeet = declared.Contains(set);
            met &= !mustMeet || required.Count == 0;
            output.WriteLine("#   " + set.Name + (mustMeet ? " ([MustMeet])" : string.Empty) + ": "
                + (required.Count == 0 ? "met (every required request is audited at the level it needs)" : "NOT met (" + required.Count + " required requests are not audited at the level they need)")
                + (optional > 0 ? "; " + optional + " optional ones not met" : string.Empty));
            // The declared sets' gaps are the ones this policy answers for; the other built-in sets get their one line.
            foreach (var gap in required.Take(mustMeet ? 5 : 0))
            {
                output.WriteLine("#     " + gap.Message);
            }
        }

        return met;
    }
}
