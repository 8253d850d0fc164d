using System;
using System.Collections.Generic;

namespace PolicyAsCode;

/// <summary>
/// Checks a policy against requirements exactly, with kube-apiserver's first-match evaluation, over every
/// request a requirement covers. Rules compare request attributes with literal values only, so each attribute
/// splits into the literals some rule names plus one "any other value" representative; for groups, a request
/// with one group from the deciding rule (and one from the requirement's scope) is the smallest that reaches
/// it. Evaluating that finite set of representatives with <see cref="PolicyEvaluator"/> finds every rule that
/// can decide a required request, and so every gap, with a concrete example.
/// Requests without a user (failed authentication) change nothing and are outside every requirement.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static class RequirementChecker
{
    /// <summary>The prefix of representative values that no rule names, e.g. <c>(any user)</c>.</summary>
    public const string AnyPrefix = "(any ";

    /// <summary>
    /// The gaps: for each required cell (verb, group, resource) at most one gap of requests recorded too little (below
    /// the minimum level, a required stage omitted) and one of requests recorded above the maximum level.
    /// </summary>
    /// <param name="policy">A policy kube-apiserver accepts.</param>
    /// <param name="set">The requirements.</param>
    /// <param name="ruleNames">Optional names of the rules, for messages.</param>
    /// <param name="target">
    /// The target Kubernetes version (null: the current one). A required resource that version no longer serves
    /// (e.g. <c>extensions</c> <c>networkpolicies</c>, removed in 1.16) has no requests, so it cannot be a gap.
    /// </param>
    public static List<RequirementGap> Check(Policy policy, RequirementSet set, IReadOnlyList<string>? ruleNames = null, (int Major, int Minor)? target = null)
    {
        var gaps = new List<RequirementGap>();
        var evaluators = new CellEvaluators(policy);
        foreach (var requirement in set.Requirements)
        {
            foreach (var cell in RequirementCells.Of(requirement, policy, target))
            {
                CheckCell(evaluators, set.Name, requirement, cell, ruleNames, gaps);
            }
        }

        return gaps;
    }

    /// <summary>Every rule that can decide a request of this cell, with the first example found for it.</summary>
    public static List<(AuditRequest Example, AuditDecision Decision)> Outcomes(Policy policy, Requirement requirement, string verb, string resource, string subresource)
        => Outcomes(policy, requirement, new RequirementCell(verb, requirement.Group, resource, subresource));

    /// <summary>
    /// Every rule that can decide a request of this cell, with the first example found for it; with <paramref name="of"/>,
    /// only the decisions it accepts, and no enumeration at all when no possible decision of the cell is one of them.
    /// </summary>
    internal static List<(AuditRequest Example, AuditDecision Decision)> Outcomes(Policy policy, Requirement requirement, RequirementCell cell, Func<AuditDecision, bool>? of = null)
    {
        var (evaluator, everyRequestMatches) = new CellEvaluators(policy).For(cell);
        var outcomes = new List<(AuditRequest, AuditDecision)>();
        if (of is not null && !evaluator.CanDecide(of, everyRequestMatches))
        {
            return outcomes;
        }

        var seen = new HashSet<int>();
        foreach (var request in evaluator.Representatives(requirement, cell).Requests())
        {
            var decision = evaluator.Evaluate(request);
            if (seen.Add(decision.MatchedRule) && (of is null || of(decision)))
            {
                outcomes.Add((request, decision));
            }
        }

        return outcomes;
    }

    private static void CheckCell(CellEvaluators evaluators, string setName, Requirement requirement, RequirementCell cell, IReadOnlyList<string>? ruleNames, List<RequirementGap> gaps)
    {
        var (evaluator, everyRequestMatches) = evaluators.For(cell);

        // When no possible decision is below or above the requirement, no request of the cell is, and there is no gap.
        // Nothing is above a requirement without a maximum.
        var canBeBelow = evaluator.CanDecide(d => requirement.IsBelow(d, cell.Verb, cell.Subresource), everyRequestMatches);
        var canBeAbove = requirement.HasMaximum && evaluator.CanDecide(requirement.IsAbove, everyRequestMatches);
        if (!canBeBelow && !canBeAbove)
        {
            return;
        }

        var representatives = evaluator.Representatives(requirement, cell);
        (AuditRequest Request, AuditDecision Decision)? typical = null;
        (AuditRequest Request, AuditDecision Decision)? firstBelow = null;
        (AuditRequest Request, AuditDecision Decision)? firstAbove = null;
        var seen = new HashSet<int>();
        foreach (var request in representatives.Requests())
        {
            var decision = evaluator.Evaluate(request);
            typical ??= (request, decision);

            // The first request below and the first above are all a gap reports: once both are known (or cannot exist),
            // later requests change nothing. A policy of 80,000 per-user exemptions has 80,000 users to try per cell.
            if ((firstBelow is not null || !canBeBelow) && (firstAbove is not null || !canBeAbove))
            {
                break;
            }

            // A rule decides every request it matches alike, so one request per deciding rule tells its outcome.
            if (!seen.Add(decision.MatchedRule))
            {
                continue;
            }

            if (firstBelow is null && requirement.IsBelow(decision, cell.Verb, cell.Subresource))
            {
                firstBelow = (request, decision);
            }

            if (firstAbove is null && requirement.IsAbove(decision))
            {
                firstAbove = (request, decision);
            }
        }

        if (typical is not { } t)
        {
            return; // No request of the cell can succeed.
        }

        if (firstBelow is { } below)
        {
            var typicalBelow = requirement.IsBelow(t.Decision, cell.Verb, cell.Subresource);
            var (example, result) = typicalBelow ? t : below;
            var kind = !typicalBelow ? GapKind.PartiallyExempted : result.MatchedRule < 0 ? GapKind.NotAudited : GapKind.Shadowed;
            gaps.Add(Gap(setName, requirement, cell, kind, example, result, representatives, ruleNames));
        }

        if (firstAbove is { } above)
        {
            var (example, result) = requirement.IsAbove(t.Decision) ? t : above;
            gaps.Add(Gap(setName, requirement, cell, GapKind.AboveMaximum, example, result, representatives, ruleNames));
        }
    }

    private static RequirementGap Gap(string setName, Requirement requirement, RequirementCell cell, GapKind kind, AuditRequest example, AuditDecision result, CellRepresentatives representatives, IReadOnlyList<string>? ruleNames)
    {
        // The example is a request kube-apiserver receives: its path is the one the HTTP example addresses.
        var http = RequestDomain.ExampleHttp(example);
        return new RequirementGap
        {
            SetName = setName,
            Requirement = requirement,
            Kind = kind,
            Verb = cell.Verb,
            Group = cell.Group,
            Resource = cell.ResourcePath,
            Example = http is null ? example : example with { Path = PathOf(http) },
            ExampleHttp = http,
            StandsForAny = representatives.StandsForAny(example),
            Decision = result,
            RuleName = result.MatchedRule >= 0 && ruleNames is not null && result.MatchedRule < ruleNames.Count ? ruleNames[result.MatchedRule] : null,
        };
    }

    /// <summary>The path of an HTTP request line (<c>METHOD /path?query</c>), percent-decoded as kube-apiserver reads it.</summary>
    private static string PathOf(string http)
        => RequestInfoFactory.TryParse(http, out var info, out _) ? info!.Path : string.Empty;

    /// <summary>
    /// The cell evaluators of one check: cells whose requests the same rules can decide (every cell, in a policy of
    /// per-user exemptions without resources) share one evaluator, its index and its literals.
    /// </summary>
    private sealed class CellEvaluators
    {
        private readonly Policy _policy;
        private readonly Dictionary<EquatableArray<int>, CellEvaluator> _byRules = new();

        public CellEvaluators(Policy policy) => _policy = policy;

        /// <summary>
        /// The evaluator of the rules that can decide a request of the cell: every rule that can match one of its
        /// requests, up to the first that matches all of them (no later rule decides one; then every request matches).
        /// </summary>
        public (CellEvaluator Evaluator, bool EveryRequestMatches) For(RequirementCell cell)
        {
            var indices = new List<int>();
            var everyRequestMatches = false;
            for (var i = 0; i < _policy.Rules.Count; i++)
            {
                var rule = _policy.Rules[i];
                if (CanMatchCell(rule, cell.Verb, cell.Group, cell.Resource, cell.Subresource))
                {
                    indices.Add(i);
                    if (MatchesWholeCell(rule, cell.Group, cell.Resource, cell.Subresource))
                    {
                        everyRequestMatches = true;
                        break;
                    }
                }
            }

            var key = EquatableArray<int>.TakeOwnership(indices.ToArray());
            if (!_byRules.TryGetValue(key, out var evaluator))
            {
                _byRules.Add(key, evaluator = new CellEvaluator(_policy, key.UnsafeArray));
            }

            return (evaluator, everyRequestMatches);
        }
    }

    /// <summary>
    /// First-match evaluation over the rules that can decide a cell's requests (a large policy has few per cell):
    /// a rule that cannot match any request of the cell can never be the first match of one, nor can a rule after one
    /// that matches all of them. Decisions carry the original rule indices.
    /// </summary>
    private sealed class CellEvaluator
    {
        private readonly PolicyEvaluator _evaluator;
        private readonly int[] _indices;
        private readonly Policy _cellPolicy;
        private CellLiterals? _literals;

        /// <summary>Built on the first evaluation: a cell whose decisions settle it (<see cref="CanDecide"/>) needs none.</summary>
        private SubjectIndex? _subjects;

        public CellEvaluator(Policy policy, int[] indices)
        {
            var rules = new PolicyRule[indices.Length];
            for (var k = 0; k < rules.Length; k++)
            {
                rules[k] = policy.Rules[indices[k]];
            }

            _cellPolicy = policy with { Rules = EquatableArray<PolicyRule>.TakeOwnership(rules) };
            _evaluator = new PolicyEvaluator(_cellPolicy);
            _indices = indices;
        }

        /// <summary>
        /// Whether some request of the cell can get a decision <paramref name="of"/> accepts: each request is decided by
        /// one of the cell's rules, or by none unless the last of them matches every request of the cell.
        /// </summary>
        public bool CanDecide(Func<AuditDecision, bool> of, bool everyRequestMatches)
        {
            if (!everyRequestMatches && of(Decide(-1)))
            {
                return true;
            }

            for (var k = 0; k < _indices.Length; k++)
            {
                if (of(Decide(k)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The representative requests of the cell that can succeed (<see cref="RequestDomain.ShapeOf"/>): the "typical"
        /// one first, with a user, namespace and name that none of the cell's rules names (none where the shape has none).
        /// </summary>
        public CellRepresentatives Representatives(Requirement requirement, RequirementCell cell)
            => new(_literals ??= new CellLiterals(_cellPolicy.Rules), requirement, cell);

        /// <summary>The decision when the cell's rule <paramref name="k"/> (or, for -1, none) is the first match.</summary>
        public AuditDecision Decide(int k)
        {
            var decision = _evaluator.Decide(k);
            return k < 0 ? decision : decision with { MatchedRule = _indices[k] };
        }

        // The representatives include every user and group the rules name, so the subject index keeps this
        // linear in the rules for policies made of per-user or per-group exemptions.
        public AuditDecision Evaluate(AuditRequest request) => Decide((_subjects ??= new SubjectIndex(_cellPolicy.Rules)).FirstMatch(request));
    }

    /// <summary>
    /// Whether a rule that can match some request of the cell (<see cref="CanMatchCell"/>) matches every one: it names
    /// no user, group or namespace, and has no <c>resources</c> or an entry for the cell that lists no object names.
    /// </summary>
    private static bool MatchesWholeCell(PolicyRule rule, string group, string resource, string subresource)
    {
        if (!rule.Users.IsEmpty || !rule.UserGroups.IsEmpty || !rule.Namespaces.IsEmpty)
        {
            return false;
        }

        if (rule.Resources.IsEmpty)
        {
            return true;
        }

        foreach (var gr in rule.Resources)
        {
            if (gr.ResourceNames.IsEmpty && PolicyEvaluator.EntryMatchesCell(gr, group, resource, subresource))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a rule can match some request of the cell (ignoring users, groups, namespaces and names).</summary>
    internal static bool CanMatchCell(PolicyRule rule, string verb, string group, string resource, string subresource)
    {
        if (!rule.Verbs.IsEmpty && !PolicyEvaluator.Contains(rule.Verbs, verb))
        {
            return false;
        }

        if (rule.Resources.IsEmpty)
        {
            return rule.Namespaces.IsEmpty ? rule.NonResourceURLs.IsEmpty : true;
        }

        foreach (var gr in rule.Resources)
        {
            if (PolicyEvaluator.EntryMatchesCell(gr, group, resource, subresource))
            {
                return true;
            }
        }

        return false;
    }
}
