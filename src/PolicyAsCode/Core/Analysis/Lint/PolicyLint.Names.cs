using System;
using System.Collections.Generic;
using System.Linq;

namespace PolicyAsCode;

/// <summary>
/// Resource names judged against the built-in catalog: rules compare group, resource and subresource exactly, so a
/// singular name, a kind, a short name, a typo, a resource of another group, a look-alike such as
/// <c>tokenrequests</c> or a removed API never matches a request. Groups outside the catalog (CRDs, aggregated
/// APIs) are not judged.
/// </summary>
static partial class PolicyLint
{
    private static void CheckNames(PolicyRule rule, int index, (int Major, int Minor)? target, List<LintFinding> findings)
    {
        for (var k = 0; k < rule.Resources.Count; k++)
        {
            var entry = rule.Resources[k];
            var group = entry.Group;
            if (group == "*")
            {
                continue;
            }

            if (!BuiltinCatalog.IsBuiltinGroup(group))
            {
                CheckUnservedGroup(entry, index, k, target, findings);
                continue;
            }

            for (var j = 0; j < entry.Resources.Count; j++)
            {
                var finding = CheckPattern(group, entry.Resources[j], target);
                if (finding is { } f)
                {
                    findings.Add(new LintFinding(f.Id, f.Message, index, "resources", j, k, f.Suggestion));
                }
            }
        }
    }

    /// <summary>A group that is removed or serves nothing: every entry of it is dead.</summary>
    private static void CheckUnservedGroup(GroupResources entry, int index, int k, (int Major, int Minor)? target, List<LintFinding> findings)
    {
        var group = entry.Group;
        var groupRemoval = BuiltinCatalog.RemovalOf(group, "*");
        var notServed = BuiltinCatalog.NotResourceOf(group, "*");
        if (groupRemoval is null && notServed is null)
        {
            return;
        }

        var perResource = false;
        for (var j = 0; j < entry.Resources.Count; j++)
        {
            var resource = Base(entry.Resources[j]);
            var removal = resource == "*" ? null : BuiltinCatalog.RemovalOf(group, resource);
            if (removal is not null && removal.AppliesTo(target))
            {
                findings.Add(new LintFinding(RuleCatalog.RemovedApi, RemovedMessage(removal, target), index, "resources", j, k));
                perResource = true;
            }
        }

        if (perResource)
        {
            return;
        }

        if (groupRemoval is not null && groupRemoval.AppliesTo(target))
        {
            findings.Add(new LintFinding(RuleCatalog.RemovedApi, RemovedMessage(groupRemoval, target), index, "group", -1, k));
        }
        else if (notServed is not null)
        {
            findings.Add(new LintFinding(RuleCatalog.NeverMatches, "kube-apiserver serves no " + Quote(group) + " API (its types are file or webhook formats), so this entry never matches", index, "group", -1, k));
        }
    }

    private static (string Id, string Message, string? Suggestion)? CheckPattern(string group, string pattern, (int Major, int Minor)? target)
    {
        if (pattern == "*")
        {
            return null;
        }

        var slash = pattern.IndexOf('/');
        var resource = slash < 0 ? pattern : pattern.Substring(0, slash);
        var sub = slash < 0 ? null : pattern.Substring(slash + 1);
        var resources = BuiltinCatalog.ResourcesOf(group);
        if (resource == "*")
        {
            if (sub is null || sub == "*" || resources.Values.Any(r => r.Subresources.Contains(sub, StringComparer.Ordinal)))
            {
                return null;
            }

            var all = resources.Values.SelectMany(r => r.Subresources).Distinct(StringComparer.Ordinal).ToList();
            var near = Closest(sub, all);
            return (RuleCatalog.NeverMatches, "no resource in " + GroupName(group) + " has a subresource " + Quote(sub) + ", so " + Quote(pattern) + " never matches" + (near is null ? string.Empty : "; did you mean " + Quote("*/" + near) + "?"), near is null ? null : "*/" + near);
        }

        if (!resources.TryGetValue(resource, out var info))
        {
            return UnknownResource(group, resource, sub, target);
        }

        if (sub is null || sub == "*" || info.Subresources.Contains(sub, StringComparer.Ordinal))
        {
            return null;
        }

        if (BuiltinCatalog.RemovalOf(group, pattern) is { } removal)
        {
            return removal.AppliesTo(target) ? (RuleCatalog.RemovedApi, RemovedMessage(removal, target), null) : null;
        }

        if (BuiltinCatalog.IsAuthorizationOnlyResource(group, pattern))
        {
            return (RuleCatalog.NeverMatches, Quote(pattern) + " exists only in authorization checks (the kubelet's or the apiserver's own); no request is audited with it", null);
        }

        if (info.Subresources.Length == 0)
        {
            return (RuleCatalog.NeverMatches, Quote(resource) + " has no subresources, so " + Quote(pattern) + " never matches", null);
        }

        var closest = Closest(sub, info.Subresources);
        return (RuleCatalog.NeverMatches, Quote(resource) + " has no subresource " + Quote(sub)
            + (closest is null ? " (it has " + string.Join(", ", info.Subresources) + "), so this entry never matches" : ", so this entry never matches; did you mean " + Quote(resource + "/" + closest) + "?"),
            closest is null ? null : resource + "/" + closest);
    }

    private static (string Id, string Message, string? Suggestion)? UnknownResource(string group, string resource, string? sub, (int Major, int Minor)? target)
    {
        var tail = sub is null ? string.Empty : "/" + sub;
        var pattern = resource + tail;
        if (BuiltinCatalog.RemovalOf(group, resource) is { } removal)
        {
            return removal.AppliesTo(target) ? (RuleCatalog.RemovedApi, RemovedMessage(removal, target), null) : null;
        }

        if (BuiltinCatalog.IsAuthorizationOnlyResource(group, resource) || BuiltinCatalog.IsAuthorizationOnlyResource(group, pattern))
        {
            return (RuleCatalog.NeverMatches, Quote(pattern) + " exists only in authorization checks (impersonation, signers, the kubelet's API); no request is audited with it", null);
        }

        if (BuiltinCatalog.NotResourceOf(group, resource) is { UseResource: { } use } look)
        {
            var where = look.UseGroup == "*" ? "the subresource " + Quote(use) + " of its parent (in the parent's group)" : Quote(use) + " in " + GroupName(look.UseGroup ?? string.Empty);
            var suggestion = look.UseGroup == group && sub is null ? use : null;
            return (RuleCatalog.NeverMatches, Quote(resource) + " is not a resource: kube-apiserver serves it only as " + where + ", so this entry never matches", suggestion);
        }

        // A singular name, kind or short name of a resource of this group: suggest the plural.
        foreach (var info in BuiltinCatalog.ResourcesOf(group).Values)
        {
            var what = string.Equals(info.Singular, resource, StringComparison.Ordinal) ? "the singular name"
                : string.Equals(info.Kind, resource, StringComparison.Ordinal) ? "the kind"
                : info.ShortNames.Contains(resource, StringComparer.Ordinal) ? "a short name"
                : string.Equals(info.Plural, resource, StringComparison.OrdinalIgnoreCase) || string.Equals(info.Singular, resource, StringComparison.OrdinalIgnoreCase) ? "not the exact (case-sensitive) name"
                : null;
            if (what is not null)
            {
                return (RuleCatalog.NeverMatches, Quote(resource) + " is " + what + " of " + Quote(info.Plural) + "; rules compare the plural resource name exactly, so use " + Quote(info.Plural + tail), info.Plural + tail);
            }
        }

        // The resource of another built-in group.
        var elsewhere = BuiltinCatalog.Groups.Where(g => g.Key != group && g.Value.ContainsKey(resource)).Select(g => g.Key).ToList();
        if (elsewhere.Count > 0)
        {
            return (RuleCatalog.NeverMatches, "there is no " + Quote(resource) + " in " + GroupName(group) + "; it is served by " + string.Join(" and ", elsewhere.Select(GroupName)) + ", so this entry never matches", null);
        }

        var closest = Closest(resource, BuiltinCatalog.ResourcesOf(group).Keys.ToList());
        return (RuleCatalog.NeverMatches, "there is no resource " + Quote(resource) + " in " + GroupName(group) + " (Kubernetes " + BuiltinCatalog.KubernetesVersion + "), so this entry never matches a built-in request"
            + (closest is null ? string.Empty : "; did you mean " + Quote(closest + tail) + "?"), closest is null ? null : closest + tail);
    }

    private static string RemovedMessage(BuiltinCatalog.Removal removal, (int Major, int Minor)? target)
    {
        var what = removal.Resource == "*" ? "group " + Quote(removal.Group) : (removal.Group.Length > 0 ? removal.Group + "/" : "core ") + removal.Resource;
        var since = " has not been served since Kubernetes " + removal.RemovedInText;
        var replaced = removal.ReplacedByResource.Length > 0 ? "; the same objects are served as " + (removal.ReplacedByGroup.Length > 0 ? removal.ReplacedByGroup + "/" : "core ") + removal.ReplacedByResource : string.Empty;
        var version = target is { } t ? "Kubernetes " + KubernetesVersions.Text(t) : "current Kubernetes";
        return what + since + replaced + ", so this entry never matches on " + version;
    }

    private static string Base(string pattern)
    {
        var slash = pattern.IndexOf('/');
        return slash < 0 ? pattern : pattern.Substring(0, slash);
    }

    private static string GroupName(string group) => group.Length == 0 ? "the core group" : "group " + Quote(group);

    private static string Quote(string value) => "'" + value + "'";

    /// <summary>The one candidate within edit distance 2 (ties or short names give no suggestion).</summary>
    private static string? Closest(string value, IReadOnlyCollection<string> candidates)
    {
        if (value.Length < 3)
        {
            return null;
        }

        string? best = null;
        var bestDistance = 3;
        var tie = false;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(value, candidate, 3);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
                tie = false;
            }
            else if (distance == bestDistance && distance < 3)
            {
                tie = true;
            }
        }

        return tie ? null : best;
    }

    /// <summary>Optimal string alignment distance (transpositions count once), capped at <paramref name="limit"/>.</summary>
    private static int EditDistance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) >= limit)
        {
            return limit;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                }

                d[i, j] = value;
            }
        }

        return Math.Min(d[a.Length, b.Length], limit);
    }
}
