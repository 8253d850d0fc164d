using System;

namespace PolicyAsCode;

/// <summary>
/// kube-apiserver's first-match evaluation (spec §5, upstream <c>pkg/audit/policy/checker.go</c>).
/// AuditStage sets are unioned once per rule at construction, as upstream does at load time.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed class PolicyEvaluator
{
    private readonly PolicyRule[] _rules;
    private readonly StageSet[] _ruleStages;
    private readonly StageSet _policyStages;
    private readonly bool _policyOmitManagedFields;

    /// <summary>Prepares a validated policy for evaluation.</summary>
    public PolicyEvaluator(Policy policy)
    {
        _rules = policy.Rules.UnsafeArray;
        _policyStages = StageSets.Of(policy.OmitStages);
        _policyOmitManagedFields = policy.OmitManagedFields;
        _ruleStages = new StageSet[_rules.Length];
        for (var i = 0; i < _rules.Length; i++)
        {
            _ruleStages[i] = _policyStages | StageSets.Of(_rules[i].OmitStages);
        }
    }

    /// <summary>The decision of rule <paramref name="index"/> (-1: no rule matched, level None).</summary>
    internal AuditDecision Decide(int index)
        => index < 0
            ? new AuditDecision(AuditLevel.None, _policyStages, _policyOmitManagedFields, -1)
            : new AuditDecision(_rules[index].Level, _ruleStages[index], _rules[index].OmitManagedFields ?? _policyOmitManagedFields, index);

    /// <summary>Evaluates one request: the first matching rule decides; no match is level None.</summary>
    public AuditDecision Evaluate(AuditRequest request)
    {
        for (var i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i];
            if (RuleMatches(rule, request))
            {
                return new AuditDecision(rule.Level, _ruleStages[i], rule.OmitManagedFields ?? _policyOmitManagedFields, i);
            }
        }

        return new AuditDecision(AuditLevel.None, _policyStages, _policyOmitManagedFields, -1);
    }

    /// <summary>Whether one rule matches one request (upstream <c>ruleMatches</c>).</summary>
    public static bool RuleMatches(PolicyRule rule, AuditRequest request)
    {
        if (!rule.Users.IsEmpty && (request.User is null || !Contains(rule.Users, request.User)))
        {
            return false;
        }

        if (!rule.UserGroups.IsEmpty)
        {
            if (request.User is null)
            {
                return false;
            }

            var matched = false;
            foreach (var group in request.Groups)
            {
                if (Contains(rule.UserGroups, group))
                {
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                return false;
            }
        }

        if (!rule.Verbs.IsEmpty && !Contains(rule.Verbs, request.Verb))
        {
            return false;
        }

        if (!rule.Namespaces.IsEmpty || !rule.Resources.IsEmpty)
        {
            return MatchesResource(rule, request);
        }

        if (!rule.NonResourceURLs.IsEmpty)
        {
            return MatchesNonResource(rule, request);
        }

        return true;
    }

    private static bool MatchesResource(PolicyRule rule, AuditRequest request)
    {
        if (!request.ResourceRequest)
        {
            return false;
        }

        if (!rule.Namespaces.IsEmpty && !Contains(rule.Namespaces, request.Namespace))
        {
            return false;
        }

        if (rule.Resources.IsEmpty)
        {
            return true;
        }

        var resource = request.Resource;
        var subresource = request.Subresource;
        foreach (var gr in rule.Resources.UnsafeArray)
        {
            if (!string.Equals(gr.Group, request.ApiGroup, StringComparison.Ordinal) && gr.Group != "*")
            {
                continue;
            }

            if (gr.Resources.IsEmpty)
            {
                return true;
            }

            if (!gr.ResourceNames.IsEmpty && !Contains(gr.ResourceNames, request.Name))
            {
                continue;
            }

            foreach (var pattern in gr.Resources.UnsafeArray)
            {
                if (PatternMatches(pattern, resource, subresource))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// One <c>resources[]</c> pattern against <c>resource</c>/<c>subresource</c>, without building the
    /// combined string: exact combined match, <c>*</c>, <c>*/S</c> (needs a subresource), <c>R/*</c>.
    /// </summary>
    internal static bool PatternMatches(string pattern, string resource, string subresource)
    {
        if (subresource.Length == 0)
        {
            if (string.Equals(pattern, resource, StringComparison.Ordinal))
            {
                return true;
            }
        }
        else if (pattern.Length == resource.Length + 1 + subresource.Length
            && pattern[resource.Length] == '/'
            && string.CompareOrdinal(pattern, 0, resource, 0, resource.Length) == 0
            && string.CompareOrdinal(pattern, resource.Length + 1, subresource, 0, subresource.Length) == 0)
        {
            return true;
        }

        if (pattern == "*")
        {
            return true;
        }

        if (subresource.Length > 0 && pattern.Length >= 2 && pattern[0] == '*' && pattern[1] == '/'
            && pattern.Length - 2 == subresource.Length
            && string.CompareOrdinal(pattern, 2, subresource, 0, subresource.Length) == 0)
        {
            return true;
        }

        return pattern.Length >= 2 && pattern[pattern.Length - 1] == '*' && pattern[pattern.Length - 2] == '/'
            && pattern.Length - 2 == resource.Length
            && string.CompareOrdinal(pattern, 0, resource, 0, resource.Length) == 0;
    }

    /// <summary>
    /// Whether a <c>resources[]</c> entry covers a group/resource/subresource (its object names aside): the group is
    /// equal or <c>*</c>, and the entry lists no resources (the whole group) or a pattern that matches.
    /// </summary>
    internal static bool EntryMatchesCell(GroupResources entry, string group, string resource, string subresource)
    {
        if (!string.Equals(entry.Group, group, StringComparison.Ordinal) && entry.Group != "*")
        {
            return false;
        }

        if (entry.Resources.IsEmpty)
        {
            return true;
        }

        foreach (var pattern in entry.Resources.UnsafeArray)
        {
            if (PatternMatches(pattern, resource, subresource))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesNonResource(PolicyRule rule, AuditRequest request)
    {
        if (request.ResourceRequest)
        {
            return false;
        }

        foreach (var spec in rule.NonResourceURLs.UnsafeArray)
        {
            if (PathMatches(request.Path, spec))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Upstream <c>pathMatches</c>: <c>*</c>, exact, or a trailing-<c>*</c> string prefix.</summary>
    internal static bool PathMatches(string path, string spec)
    {
        if (spec == "*" || string.Equals(spec, path, StringComparison.Ordinal))
        {
            return true;
        }

        if (spec.Length > 0 && spec[spec.Length - 1] == '*')
        {
            var prefixLength = spec.Length;
            while (prefixLength > 0 && spec[prefixLength - 1] == '*')
            {
                prefixLength--;
            }

            return path.Length >= prefixLength && string.CompareOrdinal(path, 0, spec, 0, prefixLength) == 0;
        }

        return false;
    }

    /// <summary>Exact (ordinal) membership, as upstream compares users, groups, verbs, namespaces and names.</summary>
    internal static bool Contains(EquatableArray<string> list, string value)
    {
        foreach (var item in list.UnsafeArray)
        {
            if (string.Equals(item, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
