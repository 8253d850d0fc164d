using System;
using System.Collections.Generic;
using System.Linq;

namespace PolicyAsCode;

/// <summary>
/// Writes the smallest policy that meets every given requirement set (<c>policyascode synthesize</c>), or returns the
/// conflicts that make one impossible. Every required cell (verb, group, resource, subresource) is recorded at the
/// lowest level all sets accept and with every stage no set keeps or emits omitted; everything else at the default.
/// Cells with equal outcome share a rule (exact verb × resource products); wildcard requirements become wildcard
/// rules after the literal exceptions they contain; scoped requirements (users, groups, namespaces) become rules with
/// those restrictions before the unscoped ones; the default is the last rule. See docs/synthesize.md.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static class PolicySynthesizer
{
    /// <summary>The stages a catch-all at Metadata omits: RequestReceived (a second event per request), as is common practice.</summary>
    private const StageSet DefaultOmit = StageSet.RequestReceived;

    /// <summary>Synthesizes the policy for <paramref name="sets"/>.</summary>
    /// <param name="sets">The requirement sets to meet (optional requirements too).</param>
    /// <param name="defaultLevel">
    /// The level for every request no set requires: None (no final rule, as a request no rule matches is not audited;
    /// a lone <c>- level: None</c> when nothing else needs a rule, since kube-apiserver refuses a policy without rules)
    /// or Metadata (a final catch-all omitting RequestReceived).
    /// </param>
    /// <param name="target">The target Kubernetes version (null: the current one).</param>
    public static SynthesisResult Synthesize(IReadOnlyList<RequirementSet> sets, AuditLevel defaultLevel, (int Major, int Minor)? target = null)
    {
        if (defaultLevel != AuditLevel.None && defaultLevel != AuditLevel.Metadata)
        {
            throw new ArgumentException("The default level must be None or Metadata, not '" + defaultLevel.Value + "'.", nameof(defaultLevel));
        }

        var conflicts = RequirementConflicts.Find(sets, target);
        if (conflicts.Count > 0)
        {
            return new SynthesisResult { Conflicts = conflicts };
        }

        var all = new List<Requirement>();
        foreach (var set in sets)
        {
            foreach (var requirement in set.Requirements)
            {
                if (!all.Contains(requirement))
                {
                    all.Add(requirement);
                }
            }
        }

        var names = new LiteralNames(all);
        var catchAll = defaultLevel == AuditLevel.Metadata ? (Level: AuditLevel.Metadata, Omit: DefaultOmit) : (Level: AuditLevel.None, Omit: StageSet.Empty);
        var unscopedRequirements = all.Where(r => SynthesisScope.Of(r).IsAny).ToList();
        var unscoped = new Layer(SynthesisScope.Any, unscopedRequirements, unscopedRequirements, names, target, _ => catchAll);

        var scopes = all.Select(SynthesisScope.Of).Where(s => !s.IsAny).Distinct()
            .OrderByDescending(s => s.Restrictions).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();
        var rules = new List<PolicyRule>();
        for (var k = 0; k < scopes.Count; k++)
        {
            var scope = scopes[k];
            var owned = all.Where(r => SynthesisScope.Of(r) == scope).ToList();
            var contributors = all.Where(r =>
            {
                var other = SynthesisScope.Of(r);
                return other.IsAny || other == scope || (other.Intersects(scope) && !scopes.Take(k).Any(earlier => scope.IntersectionWithin(other, earlier)));
            }).ToList();
            var later = all.Where(r => !SynthesisScope.Of(r).IsAny && scopes.IndexOf(SynthesisScope.Of(r)) > k && SynthesisScope.Of(r).Intersects(scope)).ToList();
            var layer = new Layer(scope, owned, contributors, names, target, cell =>
                later.Any(r => RequirementCells.Covers(r, cell)) ? null : unscoped.Decide(cell) ?? catchAll);
            rules.AddRange(layer.Rules);
        }

        rules.AddRange(unscoped.Rules);
        if (catchAll.Level != AuditLevel.None && !rules.Any(MatchesEverything))
        {
            rules.Add(new PolicyRule { Level = catchAll.Level, OmitStages = new CellOutcome(catchAll.Level, catchAll.Omit, AuditLevel.RequestResponse, StageSet.Empty).OmitStages() });
        }

        // kube-apiserver refuses a policy without rules: with nothing required, the default None is spelled out.
        if (rules.Count == 0)
        {
            rules.Add(new PolicyRule { Level = AuditLevel.None });
        }

        return new SynthesisResult { Policy = new Policy { Rules = new EquatableArray<PolicyRule>(rules) } };
    }

    /// <summary>
    /// The rules of <paramref name="policy"/> that are more than <paramref name="sets"/> need: for each rule above None
    /// (a final rule without selectors, the default, aside), lowering its level one step, or omitting one more stage it
    /// keeps, that still leaves no gap for any set (optional requirements included). Empty for a minimal policy.
    /// </summary>
    /// <param name="policy">A synthesized policy.</param>
    /// <param name="sets">The sets it was synthesized for.</param>
    /// <param name="target">The target Kubernetes version (null: the current one).</param>
    public static List<string> MinimalityViolations(Policy policy, IReadOnlyList<RequirementSet> sets, (int Major, int Minor)? target = null)
    {
        var violations = new List<string>();
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            var rule = policy.Rules[i];
            if (rule.Level == AuditLevel.None || (i == policy.Rules.Count - 1 && MatchesEverything(rule)))
            {
                continue;
            }

            var lower = AuditLevel.All[rule.Level.Ordinal - 1];
            if (Meets(With(policy, i, rule with { Level = lower }), sets, target))
            {
                violations.Add("rule " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + lower.Value + " instead of " + rule.Level.Value + " meets every set");
            }

            foreach (var stage in AuditStage.All)
            {
                if (rule.OmitStages.Contains(stage))
                {
                    continue;
                }

                var omitted = rule with { OmitStages = new EquatableArray<AuditStage>(AuditStage.All.Where(s => s == stage || rule.OmitStages.Contains(s))) };
                if (Meets(With(policy, i, omitted), sets, target))
                {
                    violations.Add("rule " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": omitting " + stage.Value + " too meets every set");
                }
            }
        }

        return violations;
    }

    /// <summary>Whether the policy leaves no gap (optional requirements included) for any of the sets.</summary>
    public static bool Meets(Policy policy, IReadOnlyList<RequirementSet> sets, (int Major, int Minor)? target = null)
        => sets.All(set => RequirementChecker.Check(policy, set, target: target).Count == 0);

    private static Policy With(Policy policy, int index, PolicyRule rule)
    {
        var rules = policy.Rules.ToArray();
        rules[index] = rule;
        return policy with { Rules = new EquatableArray<PolicyRule>(rules) };
    }

    private static bool MatchesEverything(PolicyRule rule)
        => rule.Users.IsEmpty && rule.UserGroups.IsEmpty && rule.Verbs.IsEmpty && rule.Resources.IsEmpty && rule.Namespaces.IsEmpty && rule.NonResourceURLs.IsEmpty;

    /// <summary>
    /// The rules of one scope: literal rules for the cells that differ from what would decide them otherwise, then one
    /// rule per wildcard requirement (specific before general).
    /// </summary>
    private sealed class Layer
    {
        private readonly Dictionary<RequirementCell, CellOutcome> _literal = new();
        private readonly List<(Requirement Pattern, CellOutcome Outcome)> _wildcards = new();
        private readonly Func<RequirementCell, (AuditLevel Level, StageSet Omit)?> _next;

        public Layer(SynthesisScope scope, List<Requirement> owned, List<Requirement> contributors, LiteralNames names, (int Major, int Minor)? target, Func<RequirementCell, (AuditLevel Level, StageSet Omit)?> next)
        {
            _next = next;
            CellOutcome OutcomeOf(RequirementCell cell) => CellOutcome.Of(contributors.Where(r => RequirementCells.Covers(r, cell)), cell.Verb, cell.Subresource);

            // Wildcard requirements, one rule per distinct pattern, most specific first.
            var patterns = owned.Where(RequirementCells.HasWildcard)
                .Select(r => new Requirement { Group = r.Group, Resources = new EquatableArray<string>(r.Resources.Distinct(StringComparer.Ordinal).OrderBy(x => x, StringComparer.Ordinal)), Verbs = new EquatableArray<string>(r.Verbs.Distinct(StringComparer.Ordinal).OrderBy(x => x, StringComparer.Ordinal)) })
                .Distinct()
                .OrderBy(Generality)
                .ThenBy(p => p.Group + "|" + string.Join(",", p.Resources) + "|" + string.Join(",", p.Verbs), StringComparer.Ordinal)
                .ToList();
            foreach (var pattern in patterns)
            {
                var cells = Possible(RequirementCells.Of(pattern, null, target)).ToList();
                if (cells.Count == 0)
                {
                    continue;
                }

                // What every request of the pattern needs: the requirements that cover all of its cells.
                var covering = contributors.Where(r => cells.All(c => RequirementCells.Covers(r, c))).ToList();
                var level = AuditLevel.None;
                var cap = AuditLevel.RequestResponse;
                var keep = StageSet.Empty;
                foreach (var cell in cells)
                {
                    var o = CellOutcome.Of(covering, cell.Verb, cell.Subresource);
                    level = level.AtLeast(o.Level) ? level : o.Level;
                    cap = o.Cap.AtLeast(cap) ? cap : o.Cap;
                    keep |= o.Keep;
                }

                var outcome = CellOutcome.Of(Array.Empty<Requirement>(), string.Empty, string.Empty) with { Level = level, Cap = cap, Keep = keep, Omit = level == AuditLevel.None ? StageSet.Empty : All & ~keep };

                // A pattern required at a maximum only needs no rule where what follows stays within it.
                if (level == AuditLevel.None && next(cells[0]) is { } after && outcome.MetBy(after.Level, after.Omit, All))
                {
                    continue;
                }

                _wildcards.Add((pattern, outcome));
            }

            foreach (var requirement in owned)
            {
                foreach (var cell in Possible(RequirementCells.Of(requirement, null, target)))
                {
                    if (_literal.ContainsKey(cell) || names.IsFresh(cell))
                    {
                        continue;
                    }

                    var outcome = OutcomeOf(cell);
                    var decider = WildcardFor(cell) ?? next(cell);
                    if (decider is { } d && outcome.MetBy(d.Level, d.Omit, RequestDomain.StagesProduced(cell.Verb, cell.Subresource)))
                    {
                        continue;
                    }

                    _literal[cell] = outcome;
                }
            }

            Rules = Merge(scope).Concat(_wildcards.Select(w => WildcardRule(scope, w.Pattern, w.Outcome))).ToList();
        }

        private const StageSet All = StageSet.RequestReceived | StageSet.ResponseStarted | StageSet.ResponseComplete | StageSet.Panic;

        /// <summary>The layer's rules, in order.</summary>
        public List<PolicyRule> Rules { get; }

        /// <summary>What the layer decides for a request of the cell in its scope, or what follows it.</summary>
        public (AuditLevel Level, StageSet Omit)? Decide(RequirementCell cell)
            => _literal.TryGetValue(cell, out var outcome) ? (outcome.Level, outcome.Omit) : WildcardFor(cell) ?? _next(cell);

        private (AuditLevel Level, StageSet Omit)? WildcardFor(RequirementCell cell)
        {
            foreach (var (pattern, outcome) in _wildcards)
            {
                if (RequirementCells.Covers(pattern, cell))
                {
                    return (outcome.Level, outcome.Omit);
                }
            }

            return null;
        }

        private static IEnumerable<RequirementCell> Possible(IEnumerable<RequirementCell> cells)
            => cells.Where(c => RequestDomain.ShapeOf(c.Verb, c.Group, c.Resource, c.Subresource) is not null);

        /// <summary>0 for the most specific pattern: a wildcard group, all resources and all verbs each make it more general.</summary>
        private static int Generality(Requirement pattern)
            => (pattern.Group == "*" ? 4 : 0) + (pattern.Resources.Any(r => r == "*") ? 2 : pattern.Resources.Any(r => r.Contains("*")) ? 1 : 0) + (pattern.Verbs.IsEmpty ? 1 : 0);

        /// <summary>The literal cells as rules: cells of one outcome, resources with one verb set, grouped by API group.</summary>
        private IEnumerable<PolicyRule> Merge(SynthesisScope scope)
        {
            var byResource = new Dictionary<(CellOutcome Outcome, string Group, string Resource), SortedSet<string>>();
            foreach (var pair in _literal)
            {
                var key = (Normalized(pair.Value), pair.Key.Group, pair.Key.ResourcePath);
                if (!byResource.TryGetValue(key, out var verbs))
                {
                    byResource[key] = verbs = new SortedSet<string>(StringComparer.Ordinal);
                }

                verbs.Add(pair.Key.Verb);
            }

            var byRule = new Dictionary<(CellOutcome Outcome, string Verbs), List<(string Group, string Resource)>>();
            foreach (var pair in byResource)
            {
                var key = (pair.Key.Outcome, string.Join(",", pair.Value));
                if (!byRule.TryGetValue(key, out var resources))
                {
                    byRule[key] = resources = new List<(string, string)>();
                }

                resources.Add((pair.Key.Group, pair.Key.Resource));
            }

            var rules = new List<(string Key, PolicyRule Rule)>();
            foreach (var pair in byRule)
            {
                var entries = pair.Value.GroupBy(r => r.Group)
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new GroupResources { Group = g.Key, Resources = new EquatableArray<string>(g.Select(r => r.Resource).OrderBy(r => r, StringComparer.Ordinal)) })
                    .ToList();
                var verbs = pair.Key.Verbs.Split(',');
                var rule = ScopedRule(scope, pair.Key.Outcome) with
                {
                    Verbs = new EquatableArray<string>(verbs),
                    Resources = new EquatableArray<GroupResources>(entries),
                };
                var sortKey = (3 - pair.Key.Outcome.Level.Ordinal).ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + entries[0].Group + "|" + entries[0].Resources[0] + "|" + pair.Key.Verbs + "|" + ((int)pair.Key.Outcome.Omit).ToString(System.Globalization.CultureInfo.InvariantCulture);
                rules.Add((sortKey, rule));
            }

            return rules.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Rule);
        }

        /// <summary>The outcome as a rule writes it (level and omitted stages only).</summary>
        private static CellOutcome Normalized(CellOutcome outcome) => new(outcome.Level, outcome.Omit, AuditLevel.RequestResponse, StageSet.Empty);

        private static PolicyRule ScopedRule(SynthesisScope scope, CellOutcome outcome)
            => new()
            {
                Level = outcome.Level,
                Users = scope.Users,
                UserGroups = scope.UserGroups,
                Namespaces = scope.Namespaces,
                OmitStages = outcome.OmitStages(),
            };

        /// <summary>A rule selecting what the wildcard requirement names: a group <c>*</c> with every resource is a rule without resources.</summary>
        private static PolicyRule WildcardRule(SynthesisScope scope, Requirement pattern, CellOutcome outcome)
        {
            var rule = ScopedRule(scope, outcome) with { Verbs = pattern.Verbs };
            return pattern.Group == "*" && pattern.Resources.Any(r => r == "*")
                ? rule
                : rule with { Resources = EquatableArray.Create(new GroupResources { Group = pattern.Group, Resources = pattern.Resources }) };
        }
    }

    /// <summary>
    /// The groups and resources the requirements name literally. A cell of a group outside the catalog that they do not
    /// name (the representative custom resource a wildcard expands into) stands for every such request: the wildcard's
    /// rule selects it, never a literal one.
    /// </summary>
    private sealed class LiteralNames
    {
        private readonly HashSet<string> _groups = new(StringComparer.Ordinal);
        private readonly HashSet<(string Group, string Resource)> _resources = new();

        public LiteralNames(IEnumerable<Requirement> requirements)
        {
            foreach (var requirement in requirements)
            {
                _groups.Add(requirement.Group);
                foreach (var pattern in requirement.Resources)
                {
                    var resource = RequirementCell.Split(pattern).Resource;
                    if (resource != "*")
                    {
                        _resources.Add((requirement.Group, resource));
                    }
                }
            }
        }

        public bool IsFresh(RequirementCell cell)
            => !BuiltinCatalog.IsBuiltinGroup(cell.Group)
                && (!_groups.Contains(cell.Group) || !(_resources.Contains((cell.Group, cell.Resource)) || _resources.Contains(("*", cell.Resource))));
    }
}
