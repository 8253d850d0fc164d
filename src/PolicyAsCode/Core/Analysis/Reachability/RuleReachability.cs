using System;
using System.Collections.Generic;
using System.Threading;

namespace PolicyAsCode;

/// <summary>A rule that no request reaches: every request it matches is decided by <see cref="CoveringRules"/>.</summary>
/// <param name="RuleIndex">The unreachable rule.</param>
/// <param name="CoveringRules">The earlier rules that decide its requests, ascending.</param>
/// <param name="SameOutcome">Whether those rules decide every such request exactly as the rule itself would.</param>
/// <param name="Complete">
/// True when <see cref="CoveringRules"/> are all the deciding rules; false when there were too many to work out, and
/// they are the earlier rules that alone match every request of the rule (<see cref="SameOutcome"/> is then false).
/// </param>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record UnreachableRule(int RuleIndex, IReadOnlyList<int> CoveringRules, bool SameOutcome, bool Complete = true);

/// <summary>
/// Finds rules that first-match evaluation never reaches, exactly. A rule is reachable when some request
/// kube-apiserver can receive (<see cref="RequestDomain.CanReceive"/>) matches it and no earlier rule; a rule that
/// matches no such request at all is not reported here (it is never decided by earlier rules: it never matches). Only earlier rules that can share a request with it matter; their literals split every
/// attribute into finitely many classes (plus one "any other value"), and a request with a single group from the
/// rule's own groups (or none, when it names none) is the hardest for earlier rules to match, because matching on
/// groups only gets easier with more groups. So evaluating that finite set of representatives decides
/// reachability. Partial overlaps (exceptions before general rules) are normal and never reported.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static partial class RuleReachability
{
    private const string AnyPath = "/" + RequirementChecker.AnyPrefix + "path)";
    private const string AnySuffix = RequirementChecker.AnyPrefix + "suffix)";

    // Work bounds (branches visited) for one rule: proving coverage, and naming every deciding rule. Real policies
    // stay far below; past the bound a proof claims nothing (no finding) and the naming falls back.
    private const int ProofBudget = 100_000;
    private const int CollectBudget = 20_000;

    /// <summary>Every unreachable rule of a policy kube-apiserver accepts.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="cancellationToken">Cancels the search (the analyzers pass theirs).</param>
    public static List<UnreachableRule> Find(Policy policy, CancellationToken cancellationToken = default)
    {
        var result = new List<UnreachableRule>();
        var rules = policy.Rules;
        var subjects = new SubjectIndex(rules);
        var policyStages = StageSets.Of(policy.OmitStages);

        // A rule found unreachable never decides a request (the rules before it decide all of its requests), so
        // later rules are checked against the reachable rules only: the same answer, and linear instead of
        // quadratic for policies that repeat a rule (100,000 copies of "- level: None").
        var reachable = new List<int> { 0 };
        var namedVerbs = NamedVerbs(rules);

        // The last rule found unreachable (or matching no request), with the number of reachable rules it was checked
        // against. An equal rule checked against the same reachable rules gets the same answer: every step below
        // depends only on the rule's value and on those rules, and the fast path cannot prove it reachable (an earlier
        // rule matched the typical request of the equal rule, and precedes this one too). So 100,000 copies of one rule
        // are searched once, not 100,000 times.
        PolicyRule? lastRule = null;
        var lastReachable = -1;
        UnreachableRule? lastResult = null;
        for (var j = 1; j < rules.Count; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (lastRule is not null && reachable.Count == lastReachable && rules[j] == lastRule)
            {
                if (lastResult is not null)
                {
                    result.Add(lastResult with { RuleIndex = j });
                }

                continue;
            }

            // Most rules are reached by their most typical request (values no rule names wherever the rule
            // does not constrain): checking the earlier rules that could match its subject proves it, without
            // building the alphabet. It must be a request kube-apiserver can receive.
            if (Typical(rules[j], namedVerbs) is { } typical && RequestDomain.IsReceivable(typical) && PolicyEvaluator.RuleMatches(rules[j], typical) && subjects.FirstMatch(typical, before: j) < 0)
            {
                reachable.Add(j);
                continue;
            }

            var earlier = new List<PolicyRule>();
            var earlierIndex = new List<int>();
            foreach (var k in reachable)
            {
                if (Overlaps(rules[k], rules[j]))
                {
                    earlier.Add(rules[k]);
                    earlierIndex.Add(k);
                }
            }

            if (earlier.Count == 0 || new Search(rules[j], earlier, collect: false, _ => { }, ProofBudget, cancellationToken).Run() != SearchResult.Covered)
            {
                reachable.Add(j);
                continue;
            }

            // Covered, unless the rule matches no receivable request at all (verbs: [bind]; deletecollection of named
            // objects): then no earlier rule decides anything for it, it simply never matches (PAC0005's finding, not
            // this one). It never decides a request either, so later rules need not be checked against it.
            if (new Search(rules[j], new List<PolicyRule>(), collect: false, _ => { }, ProofBudget, cancellationToken).Run() != SearchResult.Reached)
            {
                (lastRule, lastReachable, lastResult) = (rules[j], reachable.Count, null);
                continue;
            }

            // Unreachable. Which earlier rules decide its requests: a request may also carry a group of an earlier
            // rule, and then that rule can decide it, so this search adds one such group to the requests.
            var covering = new SortedSet<int>();
            var sameOutcome = true;
            var rule = rules[j];
            var complete = new Search(rule, earlier, collect: true, i =>
            {
                covering.Add(earlierIndex[i]);
                sameOutcome &= SameOutcome(earlier[i], rule, policy, policyStages);
            }, CollectBudget, cancellationToken).Run() == SearchResult.Covered;
            if (!complete)
            {
                // Too many rules share the work (e.g. a rule after a catch-all, behind a thousand exemptions): name
                // the earlier rules that alone match every request of it, and claim nothing about the outcome.
                covering.Clear();
                sameOutcome = false;
                for (var i = 0; i < earlier.Count; i++)
                {
                    if (new Search(rule, new List<PolicyRule> { earlier[i] }, collect: false, _ => { }, ProofBudget, cancellationToken).Run() == SearchResult.Covered)
                    {
                        covering.Add(earlierIndex[i]);
                    }
                }
            }

            if (complete && covering.Count == 0)
            {
                // No request matches the rule at all (its only resources are "*/*"): no rule decides its requests
                // instead, so it is not "covered" (and there is no rule to name).
                reachable.Add(j);
                continue;
            }

            var unreachable = new UnreachableRule(j, new List<int>(covering), sameOutcome, complete);
            result.Add(unreachable);
            (lastRule, lastReachable, lastResult) = (rules[j], reachable.Count, unreachable);
        }

        return result;
    }

    /// <summary>
    /// The rule's first value wherever it constrains an attribute, a value no rule names elsewhere. Where the rule
    /// names no verb, a verb no rule names either (verbs are few, so any of them may be named somewhere): the first
    /// that suits the request's name, so the request stays receivable.
    /// </summary>
    private static AuditRequest? Typical(PolicyRule rule, HashSet<string> namedVerbs)
    {
        var user = rule.Users.IsEmpty ? RequirementChecker.AnyPrefix + "user)" : rule.Users[0];
        var groups = rule.UserGroups.IsEmpty ? Array.Empty<string>() : new[] { rule.UserGroups[0] };
        if (NonResourceOnly(rule))
        {
            var url = rule.NonResourceURLs[0];
            var path = url == "*" ? AnyPath : url.EndsWith("*", StringComparison.Ordinal) ? url.Substring(0, url.Length - 1) + AnySuffix : url;
            var httpVerb = rule.Verbs.IsEmpty ? DomainValues.NonResourceVerbs(namedVerbs, "verb")[0] : rule.Verbs[0];
            return new AuditRequest { User = user, Groups = groups, Verb = httpVerb, Path = path };
        }

        var group = RequirementChecker.AnyPrefix + "group)";
        var resource = RequirementChecker.AnyPrefix + "resource)";
        var sub = string.Empty;
        var name = RequirementChecker.AnyPrefix + "name)";
        if (!rule.Resources.IsEmpty)
        {
            var entry = rule.Resources[0];
            group = entry.Group == "*" ? group : entry.Group;
            if (!entry.ResourceNames.IsEmpty)
            {
                name = entry.ResourceNames[0];
            }

            if (!entry.Resources.IsEmpty)
            {
                var (b, sb) = Split(entry.Resources[0]);
                resource = b == "*" ? resource : b;
                sub = sb == "*" ? string.Empty : sb;
            }
        }

        var verb = rule.Verbs.IsEmpty ? null : rule.Verbs[0];
        if (verb is null)
        {
            // Unnamed verbs first, then any: the fast path only needs one receivable request no earlier rule decides.
            foreach (var unnamed in new[] { false, true })
            {
                foreach (var candidate in RequestDomain.ResourceVerbs)
                {
                    if (verb is null && namedVerbs.Contains(candidate) == unnamed && RequestDomain.NameFits(candidate, name) && RequestDomain.SubresourceFits(candidate, sub))
                    {
                        verb = candidate;
                    }
                }
            }
        }

        return new AuditRequest
        {
            User = user, Groups = groups, ResourceRequest = true, Verb = verb ?? string.Empty,
            Namespace = rule.Namespaces.IsEmpty ? RequirementChecker.AnyPrefix + "namespace)" : rule.Namespaces[0],
            ApiGroup = group, Resource = resource, Subresource = sub, Name = name,
        };
    }

    /// <summary>Every verb some rule names.</summary>
    private static HashSet<string> NamedVerbs(EquatableArray<PolicyRule> rules)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            named.UnionWith(rule.Verbs);
        }

        return named;
    }

    /// <summary>Same level, same effective stages (policy and rule) and the same effective managed-fields setting.</summary>
    private static bool SameOutcome(PolicyRule a, PolicyRule b, Policy policy, StageSet policyStages)
        => a.Level == b.Level
            && (policyStages | StageSets.Of(a.OmitStages)) == (policyStages | StageSets.Of(b.OmitStages))
            && (a.OmitManagedFields ?? policy.OmitManagedFields) == (b.OmitManagedFields ?? policy.OmitManagedFields);

    private static bool ResourceOnly(PolicyRule rule) => !rule.Resources.IsEmpty || !rule.Namespaces.IsEmpty;

    private static bool NonResourceOnly(PolicyRule rule) => !ResourceOnly(rule) && !rule.NonResourceURLs.IsEmpty;

    /// <summary>Whether some request could match both rules (false only when certainly not).</summary>
    internal static bool Overlaps(PolicyRule a, PolicyRule b)
    {
        if ((ResourceOnly(a) && NonResourceOnly(b)) || (NonResourceOnly(a) && ResourceOnly(b)))
        {
            return false;
        }

        if (Disjoint(a.Users, b.Users) || Disjoint(a.Verbs, b.Verbs) || Disjoint(a.Namespaces, b.Namespaces))
        {
            return false;
        }

        if (!a.Resources.IsEmpty && !b.Resources.IsEmpty && !EntriesOverlap(a.Resources, b.Resources))
        {
            return false;
        }

        return a.NonResourceURLs.IsEmpty || b.NonResourceURLs.IsEmpty || UrlsOverlap(a.NonResourceURLs, b.NonResourceURLs);
    }

    private static bool Disjoint(EquatableArray<string> a, EquatableArray<string> b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return false;
        }

        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if (string.Equals(x, y, StringComparison.Ordinal))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool EntriesOverlap(EquatableArray<GroupResources> a, EquatableArray<GroupResources> b)
    {
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if ((x.Group == y.Group || x.Group == "*" || y.Group == "*") && !Disjoint(x.ResourceNames, y.ResourceNames) && PatternsOverlap(x.Resources, y.Resources))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool PatternsOverlap(EquatableArray<string> a, EquatableArray<string> b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return true;
        }

        foreach (var p in a)
        {
            foreach (var q in b)
            {
                var (pBase, pSub) = Split(p);
                var (qBase, qSub) = Split(q);
                var bases = pBase == "*" || qBase == "*" || pBase == qBase;
                var subs = pSub == "*" || qSub == "*" || pSub == qSub;
                if (bases && subs)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A pattern as (resource or *, subresource or * or "" for none). <c>*</c> alone covers subresources too; <c>x/*</c> covers x itself.</summary>
    private static (string Base, string Sub) Split(string pattern)
    {
        if (pattern == "*")
        {
            return ("*", "*");
        }

        var slash = pattern.IndexOf('/');
        return slash < 0 ? (pattern, string.Empty) : (pattern.Substring(0, slash), pattern.Substring(slash + 1));
    }

    private static bool UrlsOverlap(EquatableArray<string> a, EquatableArray<string> b)
    {
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if (UrlOverlap(x, y))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool UrlOverlap(string x, string y)
    {
        if (x == "*" || y == "*")
        {
            return true;
        }

        var xPrefix = x.EndsWith("*", StringComparison.Ordinal);
        var yPrefix = y.EndsWith("*", StringComparison.Ordinal);
        var xs = xPrefix ? x.Substring(0, x.Length - 1) : x;
        var ys = yPrefix ? y.Substring(0, y.Length - 1) : y;
        return (xPrefix, yPrefix) switch
        {
            (true, true) => xs.StartsWith(ys, StringComparison.Ordinal) || ys.StartsWith(xs, StringComparison.Ordinal),
            (true, false) => ys.StartsWith(xs, StringComparison.Ordinal),
            (false, true) => xs.StartsWith(ys, StringComparison.Ordinal),
            _ => xs == ys,
        };
    }
}
