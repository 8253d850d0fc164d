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

    /// <summary>The gaps, one per required (verb, resource) that is not audited as needed.</summary>
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
        foreach (var requirement in set.Requirements)
        {
            foreach (var resource in requirement.Resources)
            {
                var slash = resource.IndexOf('/');
                var name = slash < 0 ? resource : resource.Substring(0, slash);
                var sub = slash < 0 ? string.Empty : resource.Substring(slash + 1);
                if (NotServed(requirement.Group, name, resource, target))
                {
                    continue;
                }

                foreach (var verb in requirement.Verbs)
                {
                    var gap = CheckCell(policy, set.Name, requirement, verb, name, sub, ruleNames);
                    if (gap is not null)
                    {
                        gaps.Add(gap);
                    }
                }
            }
        }

        return gaps;
    }

    /// <summary>Whether the target no longer serves (group, resource or resource/subresource), so no request carries it.</summary>
    private static bool NotServed(string group, string resource, string pattern, (int Major, int Minor)? target)
    {
        // A removed subresource of a resource that is still served (apps deployments/rollback).
        if (pattern != resource && BuiltinCatalog.RemovalOf(group, pattern) is { } subresource)
        {
            return subresource.AppliesTo(target);
        }

        return (BuiltinCatalog.RemovalOf(group, resource) ?? BuiltinCatalog.RemovalOf(group, "*")) is { } removal
            && removal.AppliesTo(target)
            && !BuiltinCatalog.ResourcesOf(group).ContainsKey(resource);
    }

    /// <summary>Every rule that can decide a request of this cell, with the first example found for it.</summary>
    public static List<(AuditRequest Example, AuditDecision Decision)> Outcomes(Policy policy, Requirement requirement, string verb, string resource, string subresource)
    {
        var evaluator = new CellEvaluator(policy, requirement.Group, verb, resource, subresource);
        var outcomes = new List<(AuditRequest, AuditDecision)>();
        var seen = new HashSet<int>();
        foreach (var request in Representatives(policy, requirement, verb, resource, subresource).Requests())
        {
            var decision = evaluator.Evaluate(request);
            if (seen.Add(decision.MatchedRule))
            {
                outcomes.Add((request, decision));
            }
        }

        return outcomes;
    }

    private static RequirementGap? CheckCell(Policy policy, string setName, Requirement requirement, string verb, string resource, string subresource, IReadOnlyList<string>? ruleNames)
    {
        var evaluator = new CellEvaluator(policy, requirement.Group, verb, resource, subresource);
        var cell = Representatives(policy, requirement, verb, resource, subresource);
        var kept = StageSets.Of(requirement.KeptStages);
        (AuditRequest Request, AuditDecision Decision)? typical = null;
        (AuditRequest Request, AuditDecision Decision)? firstBad = null;
        var seen = new HashSet<int>();
        foreach (var request in cell.Requests())
        {
            var decision = evaluator.Evaluate(request);
            typical ??= (request, decision);
            if (!seen.Add(decision.MatchedRule))
            {
                continue;
            }

            var bad = !decision.Level.AtLeast(requirement.MinimumLevel) || (decision.OmitStages & kept) != 0;
            if (bad && firstBad is null)
            {
                firstBad = (request, decision);
            }
        }

        if (firstBad is null || typical is null)
        {
            return null;
        }

        var typicalBad = !typical.Value.Decision.Level.AtLeast(requirement.MinimumLevel) || (typical.Value.Decision.OmitStages & kept) != 0;
        var (example, result) = typicalBad ? typical.Value : firstBad.Value;
        var kind = !typicalBad ? GapKind.PartiallyExempted : result.MatchedRule < 0 ? GapKind.NotAudited : GapKind.Shadowed;

        // The example is a request kube-apiserver receives: its path is the one the HTTP example addresses.
        var http = RequestDomain.ExampleHttp(example);
        return new RequirementGap
        {
            SetName = setName,
            Requirement = requirement,
            Kind = kind,
            Verb = verb,
            Resource = subresource.Length == 0 ? resource : resource + "/" + subresource,
            Example = http is null ? example : example with { Path = PathOf(http) },
            ExampleHttp = http,
            StandsForAny = cell.StandsForAny(example),
            Decision = result,
            RuleName = result.MatchedRule >= 0 && ruleNames is not null && result.MatchedRule < ruleNames.Count ? ruleNames[result.MatchedRule] : null,
        };
    }

    /// <summary>The path of an HTTP request line (<c>METHOD /path?query</c>), percent-decoded as kube-apiserver reads it.</summary>
    private static string PathOf(string http)
        => RequestInfoFactory.TryParse(http, out var info, out _) ? info!.Path : string.Empty;

    /// <summary>
    /// The representative requests of one (verb, group, resource) cell that can succeed (<see cref="RequestDomain.ShapeOf"/>):
    /// the "typical" one first, with a user, namespace and name that no rule names (none where the shape has none).
    /// </summary>
    internal static CellRepresentatives Representatives(Policy policy, Requirement requirement, string verb, string resource, string subresource)
        => new(policy, requirement, verb, resource, subresource);

    /// <summary>
    /// First-match evaluation for the requests of one cell: a rule that cannot match any request of the cell can never
    /// be the first match of one, so only the others are evaluated (a large policy has few per cell). Decisions carry
    /// the original rule indices.
    /// </summary>
    private sealed class CellEvaluator
    {
        private readonly PolicyEvaluator _evaluator;
        private readonly SubjectIndex _subjects;
        private readonly int[] _indices;

        public CellEvaluator(Policy policy, string group, string verb, string resource, string subresource)
        {
            var rules = new List<PolicyRule>();
            var indices = new List<int>();
            for (var i = 0; i < policy.Rules.Count; i++)
            {
                if (CanMatchCell(policy.Rules[i], verb, group, resource, subresource))
                {
                    rules.Add(policy.Rules[i]);
                    indices.Add(i);
                }
            }

            var cellPolicy = policy with { Rules = new EquatableArray<PolicyRule>(rules) };
            _evaluator = new PolicyEvaluator(cellPolicy);
            _subjects = new SubjectIndex(cellPolicy.Rules);
            _indices = indices.ToArray();
        }

        public AuditDecision Evaluate(AuditRequest request)
        {
            // The representatives include every user and group the rules name, so the subject index keeps this
            // linear in the rules for policies made of per-user or per-group exemptions.
            var decision = _evaluator.Decide(_subjects.FirstMatch(request));
            return decision.MatchedRule < 0 ? decision : decision with { MatchedRule = _indices[decision.MatchedRule] };
        }
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
