using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace PolicyAsCode;

/// <summary>
/// The gaps of one requirement set that have one cause, reported as one finding: the same kind, the same deciding rule
/// and outcome, the same exempted subject or scope (user, groups, namespace, name of the example) and, for gaps with a
/// verified fix, the same rule to edit. A <c>None</c> rule for group <c>system:serviceaccounts</c> before the Calico rule
/// is one PAC0003 listing the verbs and resources it exempts, a missing <c>update</c> one PAC0001 listing the resources;
/// <see cref="Gaps"/> keeps every cell, so the code fixes and the structured output still see each one.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record RequirementFinding
{
    /// <summary>The cells, in the checker's order (requirement, resource, verb); the first is the example.</summary>
    public IReadOnlyList<RequirementGap> Gaps { get; init; } = Array.Empty<RequirementGap>();

    /// <summary>The distinct verified edits that meet the cells, in the cells' order (empty: none verified).</summary>
    public IReadOnlyList<RequirementFix> Fixes { get; init; } = Array.Empty<RequirementFix>();

    /// <summary>The first cell: its example request stands for all (same deciding rule, same subject).</summary>
    public RequirementGap Example => Gaps[0];

    /// <summary>The rule id (one per kind; see <see cref="RequirementGap.RuleId"/>).</summary>
    public string RuleId => Example.RuleId;

    /// <summary>The set's name.</summary>
    public string SetName => Example.SetName;

    /// <summary>The kind of every cell.</summary>
    public GapKind Kind => Example.Kind;

    /// <summary>Whether the cells' requirement is optional (PAC0010).</summary>
    public bool Optional => Example.Requirement.Optional;

    /// <summary>The rule that decides the cells (-1: none matches).</summary>
    public int DecidingRule => Example.Decision.MatchedRule;

    /// <summary>
    /// The rule where a person acts: for a gap no rule decides, the rule its fix edits (-1 when a new rule is needed
    /// and nothing tells where, or no fix was verified); otherwise the deciding rule.
    /// </summary>
    public int Rule(int ruleCount) => Kind == GapKind.NotAudited ? (Fixes.Count > 0 ? Fixes[0].EditedRule(ruleCount) : -1) : DecidingRule;

    /// <summary>
    /// The message: the cells (one: as <see cref="RequirementGap.Message"/>; several: the verbs and resources), the
    /// subject, the decision, what the set needs and, when one was verified, the fix.
    /// </summary>
    public string Message(int ruleCount, IReadOnlyList<string>? ruleNames)
    {
        var message = Gaps.Count == 1 ? Example.Message : Example.MessageFor(CellList(Gaps), plural: true);
        if (Fixes.Count == 0)
        {
            return message;
        }

        return message + "; fix: " + RequirementFix.DescribeAll(Fixes, ruleCount, i => RuleReference.Of(i, ruleNames), Gaps.Count);
    }

    /// <summary>"update of pods, namespaces and endpoints", or per verb "create of pods; delete of pods and endpoints".</summary>
    internal static string CellList(IEnumerable<RequirementGap> gaps)
    {
        var byVerb = new List<(string Verb, List<string> Resources)>();
        foreach (var gap in gaps)
        {
            var resource = (gap.Group.Length > 0 ? gap.Group + "/" : string.Empty) + gap.Resource;
            var index = byVerb.FindIndex(v => v.Verb == gap.Verb);
            if (index < 0)
            {
                byVerb.Add((gap.Verb, new List<string> { resource }));
            }
            else if (!byVerb[index].Resources.Contains(resource))
            {
                byVerb[index].Resources.Add(resource);
            }
        }

        // One resource list for all verbs reads as "create and delete of pods and endpoints".
        if (byVerb.All(v => v.Resources.SequenceEqual(byVerb[0].Resources)))
        {
            return Join(byVerb.Select(v => v.Verb).ToList()) + " of " + Join(byVerb[0].Resources);
        }

        return string.Join("; ", byVerb.Select(v => v.Verb + " of " + Join(v.Resources)));
    }

    internal static string Join(List<string> items)
        => items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[items.Count - 1];
}

/// <summary>The requirement check as findings: the checker's gaps, their verified fixes, grouped by cause.</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static class RequirementFindings
{
    /// <summary>The findings of one set for a policy kube-apiserver accepts.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="set">The requirements.</param>
    /// <param name="ruleNames">The rules' names, for messages (null: indices).</param>
    /// <param name="target">The target Kubernetes version (null: the current one).</param>
    /// <param name="orders">The rules' <c>Order</c> values when the policy orders rules by them (C#), else null.</param>
    /// <param name="cancellationToken">Cancels the fix search (the analyzers pass theirs).</param>
    public static List<RequirementFinding> Check(Policy policy, RequirementSet set, IReadOnlyList<string>? ruleNames = null, (int Major, int Minor)? target = null, int[]? orders = null, CancellationToken cancellationToken = default)
    {
        var gaps = RequirementChecker.Check(policy, set, ruleNames, target);
        RequirementFixPlanner? planner = null;
        var groups = new List<(string Key, List<RequirementGap> Gaps, List<RequirementFix> Fixes)>();
        foreach (var gap in gaps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fix = !gap.Requirement.Optional && gap.Kind is GapKind.NotAudited or GapKind.Shadowed or GapKind.AboveMaximum && policy.Rules.Count <= RequirementFixPlanner.MaxRules
                ? (planner ??= new RequirementFixPlanner(policy, set, target, gaps, orders)).Propose(gap, cancellationToken)
                : null;
            var key = KeyOf(gap, fix, policy.Rules.Count);
            var index = groups.FindIndex(g => g.Key == key);
            if (index < 0)
            {
                groups.Add((key, new List<RequirementGap>(), new List<RequirementFix>()));
                index = groups.Count - 1;
            }

            groups[index].Gaps.Add(gap);
            if (fix is not null)
            {
                groups[index].Fixes.Add(fix);
            }
        }

        return groups.Select(g => new RequirementFinding { Gaps = g.Gaps, Fixes = g.Fixes }).ToList();
    }

    /// <summary>
    /// What makes two gaps one finding: id, deciding rule and its outcome, what the requirement needs, the subject and
    /// scope of the example where it is not a value no rule names, and the rule a fix edits.
    /// </summary>
    private static string KeyOf(RequirementGap gap, RequirementFix? fix, int ruleCount)
    {
        var e = gap.Example;
        var any = gap.StandsForAny;
        var parts = new[]
        {
            gap.RuleId,
            gap.Requirement.NeedsText,
            gap.Decision.MatchedRule.ToString(CultureInfo.InvariantCulture),
            gap.Decision.Level.Value,
            gap.Kind == GapKind.AboveMaximum ? string.Empty : string.Join(",", (gap.Decision.OmitStages & gap.Requirement.StagesFor(gap.Verb, gap.Cell.Subresource)).ToSortedNames()),
            (any & AnyValue.User) != 0 ? "*" : e.User ?? "(none)",
            string.Join(",", e.Groups),
            // No namespace (cluster-scoped resources) and a namespace object's own name tell no cause apart.
            (any & AnyValue.Namespace) != 0 || e.Namespace.Length == 0 || e.Namespace == e.Name ? "*" : e.Namespace,
            (any & AnyValue.Name) != 0 || e.Name.Length == 0 ? "*" : e.Name,
            // One kind of edit per finding, so one code fix meets all of its cells.
            fix is null ? "-" : fix.Kind + "@" + fix.EditedRule(ruleCount).ToString(CultureInfo.InvariantCulture),
        };
        return string.Join("\u0001", parts);
    }
}
