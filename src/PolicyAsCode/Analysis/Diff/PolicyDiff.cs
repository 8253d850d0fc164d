using System;
using System.Collections.Generic;
using System.Linq;

namespace PolicyAsCode;

/// <summary>One behaviour difference between two policies: requests of one kind decided differently, with an example.</summary>
public sealed record BehaviourDifference(string What, AuditRequest Example, AuditDecision Old, AuditDecision New);

/// <summary>
/// Compares two policies by behaviour, not text. Every rule compares attributes with literals, so each
/// attribute splits into the literals either policy names plus one value neither names; for groups, a request
/// with at most two groups (one reaching each policy's deciding rule) shows every difference a larger group set
/// can show. Evaluating both policies over those representatives finds every difference in level, omitted
/// stages or omitManagedFields, each with a concrete request. Results are grouped per verb and resource (or
/// per verb and non-resource path), one example each.
/// </summary>
public static class PolicyDiff
{
    private static readonly string[] CommonResourceVerbs = { "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection" };
    private static readonly string[] CommonHttpVerbs = { "get", "head", "post", "put", "patch", "delete" };

    /// <summary>The differences, grouped by kind of request.</summary>
    public static List<BehaviourDifference> Compare(Policy oldPolicy, Policy newPolicy)
    {
        var differences = new List<BehaviourDifference>();
        var oldEvaluator = new PolicyEvaluator(oldPolicy);
        var newEvaluator = new PolicyEvaluator(newPolicy);
        var rules = oldPolicy.Rules.Concat(newPolicy.Rules).ToList();

        var users = RepresentativeValues.WithAny(rules.SelectMany(r => r.Users), "user").Cast<string?>().Append(null).ToList();
        var groupSets = GroupSets(rules.SelectMany(r => r.UserGroups));
        var namespaces = RepresentativeValues.WithAny(rules.SelectMany(r => r.Namespaces), "namespace", string.Empty);
        var names = RepresentativeValues.WithAny(rules.SelectMany(r => r.Resources).SelectMany(g => g.ResourceNames), "name", string.Empty);
        var resourceVerbs = RepresentativeValues.WithAny(rules.SelectMany(r => r.Verbs).Concat(CommonResourceVerbs), "verb");
        var httpVerbs = RepresentativeValues.WithAny(rules.SelectMany(r => r.Verbs).Concat(CommonHttpVerbs), "verb");

        // Resource cells: every group named (plus one unnamed), every resource and subresource named (plus unnamed ones).
        var groups = RepresentativeValues.WithAny(rules.SelectMany(r => r.Resources).Select(g => g.Group).Where(g => g != "*"), "group", string.Empty);
        var resourceNames = new List<string>();
        var subresourceNames = new List<string>();
        foreach (var pattern in rules.SelectMany(r => r.Resources).SelectMany(g => g.Resources))
        {
            var slash = pattern.IndexOf('/');
            var resource = slash < 0 ? pattern : pattern.Substring(0, slash);
            if (resource != "*")
            {
                resourceNames.Add(resource);
            }

            if (slash >= 0 && pattern.Substring(slash + 1) != "*")
            {
                subresourceNames.Add(pattern.Substring(slash + 1));
            }
        }

        var resources = RepresentativeValues.WithAny(resourceNames, "resource");
        var subresources = RepresentativeValues.WithAny(subresourceNames, "subresource", string.Empty);
        foreach (var verb in resourceVerbs)
        {
            foreach (var group in groups)
            {
                foreach (var resource in resources)
                {
                    foreach (var sub in subresources)
                    {
                        var cell = Readable(verb) + " " + (group.Length > 0 ? Readable(group) + "/" : string.Empty) + Readable(resource) + (sub.Length > 0 ? "/" + Readable(sub) : string.Empty);
                        var found = FirstDifference(oldEvaluator, newEvaluator, Requests(users, groupSets, namespaces, names, verb, group, resource, sub));
                        if (found is { } difference)
                        {
                            differences.Add(new BehaviourDifference(cell, difference.Request, difference.Old, difference.New));
                        }
                    }
                }
            }
        }

        // Non-resource cells: every URL pattern named, its prefix and a path under it, plus an unnamed path.
        var urls = rules.SelectMany(r => r.NonResourceURLs).ToList();
        var paths = new List<string> { RepresentativeValues.FreshPath("/", "path", urls) };
        foreach (var url in urls)
        {
            if (url == "*")
            {
                continue;
            }

            var prefix = url.TrimEnd('*');
            paths.Add(prefix);
            if (url.EndsWith("*", StringComparison.Ordinal))
            {
                paths.Add(RepresentativeValues.FreshPath(prefix, "suffix", urls));
            }
        }

        foreach (var verb in httpVerbs)
        {
            foreach (var path in paths.Distinct(StringComparer.Ordinal))
            {
                var requests = users.SelectMany(user => groupSets.Select(set => new AuditRequest { User = user, Groups = user is null ? Array.Empty<string>() : set, Verb = verb, Path = path }));
                var found = FirstDifference(oldEvaluator, newEvaluator, requests);
                if (found is { } difference)
                {
                    differences.Add(new BehaviourDifference(Readable(verb) + " " + Readable(path), difference.Request, difference.Old, difference.New));
                }
            }
        }

        return differences;
    }

    /// <summary>A readable description of a difference.</summary>
    public static string Describe(BehaviourDifference difference)
    {
        var e = difference.Example;
        var who = e.User is null ? "an unauthenticated request" : Readable(e.User) + (e.Groups.Length > 0 ? " (groups " + string.Join(", ", e.Groups.Select(Readable)) + ")" : string.Empty);
        var where = e.ResourceRequest && e.Namespace.Length > 0 ? " in " + Readable(e.Namespace) : string.Empty;
        var named = e.ResourceRequest && e.Name.Length > 0 && !e.Name.StartsWith(RequirementChecker.AnyPrefix, StringComparison.Ordinal) ? " named " + e.Name : string.Empty;
        return difference.What + where + named + " by " + who + ": " + Decision(difference.Old) + " -> " + Decision(difference.New);
    }

    private static string Decision(AuditDecision d)
        => d.Level.Value + (d.OmitStages != StageSet.Empty ? " omitting " + string.Join(",", d.OmitStages.ToSortedNames()) : string.Empty)
            + (d.OmitManagedFields ? " without managedFields" : string.Empty)
            + (d.MatchedRule < 0 ? " (no rule)" : " (rule " + d.MatchedRule.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");

    /// <summary>"(any user)" reads as "any user"; other values are kept as they are.</summary>
    private static string Readable(string value)
    {
        var start = value.IndexOf(RequirementChecker.AnyPrefix, StringComparison.Ordinal);
        var end = start < 0 ? -1 : value.IndexOf(')', start);
        return start < 0 || end < 0 ? value : value.Substring(0, start) + value.Substring(start + 1, end - start - 1) + value.Substring(end + 1);
    }

    private static (AuditRequest Request, AuditDecision Old, AuditDecision New)? FirstDifference(PolicyEvaluator oldEvaluator, PolicyEvaluator newEvaluator, IEnumerable<AuditRequest> requests)
    {
        foreach (var request in requests)
        {
            var before = oldEvaluator.Evaluate(request);
            var after = newEvaluator.Evaluate(request);
            if (before.Level != after.Level || before.OmitStages != after.OmitStages || before.OmitManagedFields != after.OmitManagedFields)
            {
                return (request, before, after);
            }
        }

        return null;
    }

    private static IEnumerable<AuditRequest> Requests(List<string?> users, List<string[]> groupSets, List<string> namespaces, List<string> names, string verb, string group, string resource, string sub)
    {
        foreach (var user in users)
        {
            foreach (var set in user is null ? new List<string[]> { Array.Empty<string>() } : groupSets)
            {
                foreach (var ns in namespaces)
                {
                    foreach (var name in names)
                    {
                        yield return new AuditRequest { User = user, Groups = set, ResourceRequest = true, Verb = verb, Namespace = ns, ApiGroup = group, Resource = resource, Subresource = sub, Name = name };
                    }
                }
            }
        }
    }

    /// <summary>No group, each named group, and each pair of named groups.</summary>
    private static List<string[]> GroupSets(IEnumerable<string> groups)
    {
        var distinct = groups.Distinct(StringComparer.Ordinal).ToList();
        var sets = new List<string[]> { Array.Empty<string>() };
        for (var i = 0; i < distinct.Count; i++)
        {
            sets.Add(new[] { distinct[i] });
            for (var j = i + 1; j < distinct.Count; j++)
            {
                sets.Add(new[] { distinct[i], distinct[j] });
            }
        }

        return sets;
    }
}
