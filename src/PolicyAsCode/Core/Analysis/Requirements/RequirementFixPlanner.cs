using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace PolicyAsCode;

/// <summary>
/// Finds, for a PAC0001 (not audited), PAC0002 (shadowed) or PAC0013 (above the maximum) gap, one edit of the policy
/// that removes it: the
/// analyzer hands it to the code fixes as diagnostic properties, the tool names it in the finding. Every proposal is verified on the model before it is
/// offered: the edit is applied to a copy of the <see cref="Policy"/> and the requirement checker runs again; the
/// gap must be gone and no gap of the requirement set may appear that was not there before. A fix is therefore
/// never a guess, and the code fixes never re-run the analysis.
/// </summary>
/// <remarks>
/// One planner serves one (policy, requirement set) pair. Several gaps usually want the same edit (adding
/// <c>delete</c> to one rule fixes every resource of that rule), so each distinct edit is checked once.
/// </remarks>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed class RequirementFixPlanner
{
    private readonly Policy _policy;
    private readonly RequirementSet _set;
    private readonly List<Requirement> _requirements;
    private readonly (int Major, int Minor)? _target;
    private readonly int[]? _orders;
    private readonly HashSet<Cell> _gapsBefore;
    private readonly Dictionary<string, HashSet<Cell>> _gapsAfter = new(StringComparer.Ordinal);

    /// <summary>
    /// How many candidate edits of one kind are checked for one gap: enough for any policy a person edits, and a bound
    /// on the work for a generated one with thousands of rules (a gap may then get no fix, never a wrong one).
    /// </summary>
    private const int MaxAttempts = 8;

    /// <summary>
    /// Policies with more rules get findings without a proposed fix. Every candidate edit is verified by re-checking the
    /// cells it affects, each over all rules that can decide them: for 80,000 per-user exemptions that was minutes of
    /// work per requirement set for a hint (PolicyAsCode's own bound, docs/limits.md).
    /// </summary>
    public const int MaxRules = 10_000;

    /// <param name="policy">The policy (valid, at least one rule).</param>
    /// <param name="set">The requirement set the gaps come from.</param>
    /// <param name="target">The target Kubernetes version the gaps were checked for (null: the current one).</param>
    /// <param name="gaps">The set's gaps in <paramref name="policy"/> (what the edit may not add to).</param>
    /// <param name="orders">The rules' <c>Order</c> values in rule order, or null when the rules use declaration order (YAML).</param>
    public RequirementFixPlanner(Policy policy, RequirementSet set, (int Major, int Minor)? target, IEnumerable<RequirementGap> gaps, int[]? orders = null)
    {
        _policy = policy;
        _set = set;
        _requirements = set.Requirements.ToList();
        _target = target;
        _orders = orders;
        _gapsBefore = new HashSet<Cell>(gaps.Select(CellOf));
    }

    /// <summary>The verified edit for <paramref name="gap"/>, or null when none is verified.</summary>
    public RequirementFix? Propose(RequirementGap gap, CancellationToken ct)
        => gap.Kind switch
        {
            GapKind.NotAudited => AddVerb(gap, ct) ?? AddResource(gap, ct) ?? InsertRule(gap, LowestLevel(gap), ct),
            GapKind.Shadowed => MoveRule(gap, ct),
            // Lower the level for exactly these requests: a rule at the highest level allowed, before the rule that logs too much.
            GapKind.AboveMaximum => InsertRule(gap, gap.Requirement.MaximumLevel, ct),
            _ => null,
        };

    /// <summary>An existing rule that covers the resource at a sufficient level, but not the verb.</summary>
    private RequirementFix? AddVerb(RequirementGap gap, CancellationToken ct)
    {
        var (_, _, resource, subresource) = gap.Cell;
        var attempts = 0;
        for (var i = 0; i < _policy.Rules.Count && attempts < MaxAttempts; i++)
        {
            var rule = _policy.Rules[i];
            if (rule.Verbs.IsEmpty || rule.Verbs.Contains(gap.Verb) || !Sufficient(rule, gap)
                || !RequirementChecker.CanMatchCell(rule with { Verbs = EquatableArray<string>.Empty }, gap.Verb, gap.Group, resource, subresource))
            {
                continue;
            }

            ct.ThrowIfCancellationRequested();
            attempts++;
            var edited = rule with { Verbs = new EquatableArray<string>(rule.Verbs.Concat(new[] { gap.Verb })) };
            if (Verified("verb|" + i.ToString(CultureInfo.InvariantCulture) + "|" + gap.Verb, () => Replace(i, edited), edited, gap))
            {
                return new RequirementFix(RequirementFixKind.AddVerb, i, gap);
            }
        }

        return null;
    }

    /// <summary>An existing rule with the verb and a [Resources] entry for the group (all object names) that lacks the resource.</summary>
    private RequirementFix? AddResource(RequirementGap gap, CancellationToken ct)
    {
        var attempts = 0;
        for (var i = 0; i < _policy.Rules.Count && attempts < MaxAttempts; i++)
        {
            var rule = _policy.Rules[i];
            if ((!rule.Verbs.IsEmpty && !rule.Verbs.Contains(gap.Verb)) || !Sufficient(rule, gap))
            {
                continue;
            }

            for (var j = 0; j < rule.Resources.Count; j++)
            {
                var entry = rule.Resources[j];
                if (entry.Group != gap.Group || entry.Resources.IsEmpty || !entry.ResourceNames.IsEmpty)
                {
                    continue;
                }

                ct.ThrowIfCancellationRequested();
                attempts++;
                var resources = rule.Resources.ToArray();
                resources[j] = entry with { Resources = new EquatableArray<string>(entry.Resources.Concat(new[] { gap.Resource })) };
                var edited = rule with { Resources = new EquatableArray<GroupResources>(resources) };
                if (Verified("resource|" + i.ToString(CultureInfo.InvariantCulture) + "|" + j.ToString(CultureInfo.InvariantCulture) + "|" + gap.Resource, () => Replace(i, edited), edited, gap))
                {
                    return new RequirementFix(RequirementFixKind.AddResource, i, gap) { ResourcesIndex = j };
                }

                // Every entry of the group without object names matches the same requests: one is enough.
                break;
            }
        }

        return null;
    }

    /// <summary>
    /// A new rule for exactly the gap's (verb, group, resource) at <paramref name="level"/>, at the latest position where
    /// it decides the required requests: last, or just before a rule that decides some of them as the gap does (too
    /// little for a missing request: an exemption; too much for one above the maximum). Between two such rules every
    /// position decides the cell alike. Latest first.
    /// </summary>
    private RequirementFix? InsertRule(RequirementGap gap, AuditLevel level, CancellationToken ct)
    {
        var above = gap.Kind == GapKind.AboveMaximum;
        if (!level.IsKnown || (level == AuditLevel.None && !above))
        {
            return null;
        }

        var rule = new PolicyRule
        {
            Level = level,
            Verbs = EquatableArray.Create(gap.Verb),
            Resources = EquatableArray.Create(new GroupResources { Group = gap.Group, Resources = EquatableArray.Create(gap.Resource) }),
        };
        var cell = gap.Cell;
        var count = _policy.Rules.Count;
        var positions = new SortedSet<int>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        if (!above)
        {
            positions.Add(count);
        }

        foreach (var (_, decision) in RequirementChecker.Outcomes(_policy, gap.Requirement, cell, d => d.MatchedRule >= 0 && (above ? gap.Requirement.IsAbove(d) : gap.Requirement.IsBelow(d, cell.Verb, cell.Subresource))))
        {
            positions.Add(decision.MatchedRule);
        }

        foreach (var position in positions.Take(MaxAttempts))
        {
            ct.ThrowIfCancellationRequested();
            int? order = null;
            if (_orders is not null)
            {
                order = OrderAt(position);
                if (order is null)
                {
                    continue;
                }
            }

            var at = position;
            if (Verified("insert|" + at.ToString(CultureInfo.InvariantCulture) + "|" + gap.Verb + "|" + gap.Group + "|" + gap.Resource + "|" + level.Value, () => Insert(at, rule), rule, gap))
            {
                return new RequirementFix(RequirementFixKind.InsertRule, position, gap) { Level = level, Order = order };
            }
        }

        return null;
    }

    /// <summary>The lowest level that meets the gap's cell (a new rule records no more than needed).</summary>
    private static AuditLevel LowestLevel(RequirementGap gap)
    {
        var cell = gap.Cell;
        return gap.Requirement.LowestFor(cell.Verb, cell.Subresource);
    }

    /// <summary>A later rule that would meet the requirement, moved just before the rule that shadows it.</summary>
    private RequirementFix? MoveRule(RequirementGap gap, CancellationToken ct)
    {
        var shadowing = gap.Decision.MatchedRule;
        if (shadowing < 0)
        {
            return null;
        }

        int? order = null;
        if (_orders is not null)
        {
            // With Order the moved rule's Order changes; there must be a free value before the shadowing rule.
            order = OrderAt(shadowing);
            if (order is null)
            {
                return null;
            }
        }

        var (_, _, resource, subresource) = gap.Cell;
        var attempts = 0;
        for (var i = shadowing + 1; i < _policy.Rules.Count && attempts < MaxAttempts; i++)
        {
            var rule = _policy.Rules[i];
            if (!Sufficient(rule, gap) || !RequirementChecker.CanMatchCell(rule, gap.Verb, gap.Group, resource, subresource))
            {
                continue;
            }

            ct.ThrowIfCancellationRequested();
            attempts++;
            var moved = i;
            if (Verified("move|" + moved.ToString(CultureInfo.InvariantCulture) + "|" + shadowing.ToString(CultureInfo.InvariantCulture), () => Move(moved, shadowing), rule, gap))
            {
                return new RequirementFix(RequirementFixKind.MoveRule, i, gap) { Before = shadowing, Order = order };
            }
        }

        return null;
    }

    /// <summary>Whether the rule, when it decides a request of the gap's cell, records it as required: level in range, no required stage omitted.</summary>
    private bool Sufficient(PolicyRule rule, RequirementGap gap)
    {
        var cell = gap.Cell;
        var decision = new AuditDecision(rule.Level, StageSets.Of(rule.OmitStages) | StageSets.Of(_policy.OmitStages), false, 0);
        return !gap.Requirement.IsBelow(decision, cell.Verb, cell.Subresource) && !gap.Requirement.IsAbove(decision);
    }

    /// <summary>
    /// Applies the edit (once per distinct edit) and checks the requirement set again: the gap's cell must be met,
    /// and every remaining gap must have been there before the edit.
    /// </summary>
    /// <remarks>
    /// Only the cells <paramref name="changed"/> can match are checked again. Adding a verb or a resource to a rule,
    /// inserting a rule or moving a rule earlier changes the first match only of requests that rule matches (the
    /// rule as edited); every other request meets the same rules in the same order, and a cell's representative
    /// requests come only from rules that can match it. So the other cells keep their result, and checking the
    /// affected ones is the same as checking the whole set, at a fraction of the cost (an insert tried at every
    /// position re-checks one cell per position, not every cell of the set).
    /// </remarks>
    private bool Verified(string editKey, Func<Policy> apply, PolicyRule changed, RequirementGap gap)
    {
        if (!_gapsAfter.TryGetValue(editKey, out var after))
        {
            var cells = new List<Cell>();
            var requirements = new List<Requirement>();
            for (var r = 0; r < _requirements.Count; r++)
            {
                var requirement = _requirements[r];
                foreach (var cell in RequirementCells.Of(requirement, _policy, _target))
                {
                    if (RequirementChecker.CanMatchCell(changed, cell.Verb, cell.Group, cell.Resource, cell.Subresource))
                    {
                        cells.Add(new Cell(r, cell, false));
                        requirements.Add(requirement with { Group = cell.Group, Resources = EquatableArray.Create(cell.ResourcePath), Verbs = EquatableArray.Create(cell.Verb) });
                    }
                }
            }

            // One requirement per affected cell, so each gap maps back to its cell by position.
            var reduced = _set with { Requirements = new EquatableArray<Requirement>(requirements) };
            after = new HashSet<Cell>();
            foreach (var remaining in RequirementChecker.Check(apply(), reduced, target: _target))
            {
                var index = requirements.IndexOf(remaining.Requirement);
                var above = remaining.Kind == GapKind.AboveMaximum;
                after.Add(index >= 0 ? cells[index] with { Above = above } : new Cell(-1, remaining.Cell, above));
            }

            _gapsAfter.Add(editKey, after);
        }

        return !after.Contains(CellOf(gap)) && after.IsSubsetOf(_gapsBefore);
    }

    private Policy Replace(int index, PolicyRule rule)
    {
        var rules = _policy.Rules.ToArray();
        rules[index] = rule;
        return _policy with { Rules = new EquatableArray<PolicyRule>(rules) };
    }

    private Policy Insert(int index, PolicyRule rule)
    {
        var rules = _policy.Rules.ToList();
        rules.Insert(index, rule);
        return _policy with { Rules = new EquatableArray<PolicyRule>(rules) };
    }

    private Policy Move(int from, int before)
    {
        var rules = _policy.Rules.ToList();
        var rule = rules[from];
        rules.RemoveAt(from);
        rules.Insert(before, rule);
        return _policy with { Rules = new EquatableArray<PolicyRule>(rules) };
    }

    /// <summary>
    /// A free <c>Order</c> for a rule placed at <paramref name="position"/> (before the rule now there, or after the
    /// last one), keeping the spacing the policy uses at the ends; null when the neighbours leave no free value.
    /// </summary>
    private int? OrderAt(int position)
    {
        var orders = _orders!;
        long value;
        if (position == orders.Length)
        {
            var step = orders.Length >= 2 ? Math.Max(1L, (long)orders[orders.Length - 1] - orders[orders.Length - 2]) : 1L;
            value = orders[orders.Length - 1] + step;
        }
        else if (position == 0)
        {
            var step = orders.Length >= 2 ? Math.Max(1L, (long)orders[1] - orders[0]) : 1L;
            value = orders[0] - step;
        }
        else
        {
            long low = orders[position - 1], high = orders[position];
            if (high - low < 2)
            {
                return null;
            }

            value = low + ((high - low) / 2);
        }

        return value is < int.MinValue or > int.MaxValue ? null : (int)value;
    }

    /// <summary>A gap's cell: the requirement's index in the set (structurally equal requirements share one), the cell, and its direction.</summary>
    private Cell CellOf(RequirementGap gap) => new(_requirements.IndexOf(gap.Requirement), gap.Cell, gap.Kind == GapKind.AboveMaximum);

    /// <summary>One required (requirement, cell) and whether the gap is of too little or too much: what a gap is about.</summary>
    private readonly record struct Cell(int Requirement, RequirementCell Of, bool Above);
}
