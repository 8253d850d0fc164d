using System;
using System.Collections.Generic;

namespace PolicyAsCode;

/// <summary>
/// The rules by the users and groups they name, so that finding the first rule that matches a request looks only
/// at rules that do not constrain the subject or name the request's user or one of its groups. In large policies
/// most rules are exemptions for one user or group, so this turns "every request against every rule" (quadratic in
/// the rules when the requests come from the rules' own users) into a few rules per request.
/// </summary>
internal sealed class SubjectIndex
{
    private readonly EquatableArray<PolicyRule> _rules;
    private readonly List<int> _anySubject = new();
    private readonly Dictionary<string, List<int>> _byUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byGroup = new(StringComparer.Ordinal);

    public SubjectIndex(EquatableArray<PolicyRule> rules)
    {
        _rules = rules;
        for (var k = 0; k < rules.Count; k++)
        {
            // A rule naming users is found through its users (it needs one of them), otherwise through its groups.
            if (!rules[k].Users.IsEmpty)
            {
                Add(_byUser, rules[k].Users, k);
            }
            else if (!rules[k].UserGroups.IsEmpty)
            {
                Add(_byGroup, rules[k].UserGroups, k);
            }
            else
            {
                _anySubject.Add(k);
            }
        }
    }

    /// <summary>The index of the first rule (below <paramref name="before"/>) that matches the request, or -1.</summary>
    public int FirstMatch(AuditRequest request, int before = int.MaxValue)
    {
        var best = First(_anySubject, before, request);
        if (request.User is { } user && _byUser.TryGetValue(user, out var byUser))
        {
            best = First(byUser, best, request);
        }

        foreach (var group in request.Groups)
        {
            if (_byGroup.TryGetValue(group, out var byGroup))
            {
                best = First(byGroup, best, request);
            }
        }

        return best < before ? best : -1;
    }

    /// <summary>The first candidate below <paramref name="best"/> that matches, else <paramref name="best"/>.</summary>
    private int First(List<int> candidates, int best, AuditRequest request)
    {
        foreach (var k in candidates)
        {
            if (k >= best)
            {
                break;
            }

            if (PolicyEvaluator.RuleMatches(_rules[k], request))
            {
                return k;
            }
        }

        return best;
    }

    private static void Add(Dictionary<string, List<int>> index, EquatableArray<string> keys, int k)
    {
        foreach (var key in keys)
        {
            if (!index.TryGetValue(key, out var list))
            {
                index.Add(key, list = new List<int>());
            }

            if (list.Count == 0 || list[list.Count - 1] != k)
            {
                list.Add(k);
            }
        }
    }
}
