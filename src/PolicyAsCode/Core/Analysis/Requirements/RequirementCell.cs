using System;
using System.Collections.Generic;
using System.Linq;

namespace PolicyAsCode;

/// <summary>One (verb, API group, resource, subresource) a requirement covers: the unit the checker judges.</summary>
internal readonly record struct RequirementCell(string Verb, string Group, string Resource, string Subresource)
{
    /// <summary><c>resource</c> or <c>resource/subresource</c>, as a rule names it.</summary>
    public string ResourcePath => Subresource.Length == 0 ? Resource : Resource + "/" + Subresource;

    /// <summary>"create pods/exec", "patch apps/deployments": the cell in messages.</summary>
    public string Display => Verb + " " + (Group.Length > 0 ? Group + "/" : string.Empty) + ResourcePath;

    /// <summary>The cell of a verb, group and <c>resource</c> or <c>resource/subresource</c>.</summary>
    public static RequirementCell Of(string verb, string group, string resourcePath)
    {
        var (resource, subresource) = Split(resourcePath);
        return new RequirementCell(verb, group, resource, subresource);
    }

    /// <summary>A resource request of the cell by a user and groups, in a namespace (<c>""</c>: none), for a name (<c>""</c>: none).</summary>
    public AuditRequest Request(string user, string[] groups, string ns, string name) => new()
    {
        User = user,
        Groups = groups,
        ResourceRequest = true,
        Verb = Verb,
        Namespace = ns,
        ApiGroup = Group,
        Resource = Resource,
        Subresource = Subresource,
        Name = name,
    };

    /// <summary>The cell as (resource, subresource) of <c>resource/subresource</c>.</summary>
    public static (string Resource, string Subresource) Split(string resourcePath)
    {
        var slash = resourcePath.IndexOf('/');
        return slash < 0 ? (resourcePath, string.Empty) : (resourcePath.Substring(0, slash), resourcePath.Substring(slash + 1));
    }
}

/// <summary>
/// The cells of a requirement. A requirement that names its group, resources and verbs has exactly those cells (minus
/// the resources the target version no longer serves). Wildcards (group <c>*</c>, resource <c>*</c> or
/// <c>resource/*</c>, no verbs) stand for every request, and rules compare with literals only, so they expand into the
/// finitely many cells that can be told apart: every built-in group and resource of the catalog (a built-in group
/// serves nothing else), every group, resource and subresource a rule of the policy names, and one group, resource and
/// subresource no rule names (a custom resource: <c>widgets.example.com</c>), each with the verbs that operate on objects.
/// </summary>
internal static class RequirementCells
{
    /// <summary>The subresources a custom resource can have (CustomResourceDefinition: status and scale).</summary>
    private static readonly string[] CustomSubresources = { "status", "scale" };

    /// <summary>The cells of <paramref name="requirement"/>, in declaration order (resources, then verbs).</summary>
    /// <param name="requirement">The requirement.</param>
    /// <param name="policy">The policy whose literals the wildcards must tell apart (null: the catalog and one custom resource).</param>
    /// <param name="target">The target Kubernetes version (null: the current one).</param>
    public static List<RequirementCell> Of(Requirement requirement, Policy? policy, (int Major, int Minor)? target)
    {
        var verbs = requirement.Verbs.IsEmpty ? (IReadOnlyList<string>)RequestDomain.ObjectVerbs : requirement.Verbs.ToArray();
        var names = new NamedValues(policy);
        var cells = new List<RequirementCell>();
        var seen = new HashSet<RequirementCell>();
        foreach (var group in requirement.Group == "*" ? names.Groups() : new List<string> { requirement.Group })
        {
            foreach (var pattern in requirement.Resources)
            {
                foreach (var (resource, subresource) in Expand(group, pattern, names))
                {
                    if (NotServed(group, resource, subresource, target))
                    {
                        continue;
                    }

                    foreach (var verb in verbs)
                    {
                        var cell = new RequirementCell(verb, group, resource, subresource);
                        if (seen.Add(cell))
                        {
                            cells.Add(cell);
                        }
                    }
                }
            }
        }

        return cells;
    }

    /// <summary>Whether the requirement covers the cell (the wildcards as a rule reads them).</summary>
    public static bool Covers(Requirement requirement, RequirementCell cell)
    {
        if ((requirement.Group != "*" && requirement.Group != cell.Group) || (!requirement.Verbs.IsEmpty && !PolicyEvaluator.Contains(requirement.Verbs, cell.Verb)))
        {
            return false;
        }

        var entry = new GroupResources { Group = cell.Group, Resources = requirement.Resources };
        return !requirement.Resources.IsEmpty && PolicyEvaluator.EntryMatchesCell(entry, cell.Group, cell.Resource, cell.Subresource);
    }

    /// <summary>Whether the requirement names something only as a wildcard (its cells depend on the policy's literals).</summary>
    public static bool HasWildcard(Requirement requirement)
        => requirement.Group == "*" || requirement.Verbs.IsEmpty || requirement.Resources.Any(r => r == "*" || r.StartsWith("*/", StringComparison.Ordinal) || r.EndsWith("/*", StringComparison.Ordinal));

    /// <summary>The (resource, subresource) pairs of one pattern in one group. <c>*</c> is every resource and subresource, as in a rule.</summary>
    private static IEnumerable<(string Resource, string Subresource)> Expand(string group, string pattern, NamedValues names)
    {
        var (resource, subresource) = RequirementCell.Split(pattern);
        if (pattern == "*")
        {
            foreach (var r in names.Resources(group))
            {
                yield return (r, string.Empty);
                foreach (var s in names.Subresources(group, r))
                {
                    yield return (r, s);
                }
            }
        }
        else if (resource == "*")
        {
            foreach (var r in names.Resources(group))
            {
                foreach (var s in subresource == "*" ? names.Subresources(group, r) : names.Subresources(group, r).Where(s => s == subresource))
                {
                    yield return (r, s);
                }
            }
        }
        else if (subresource == "*")
        {
            foreach (var s in names.Subresources(group, resource))
            {
                yield return (resource, s);
            }
        }
        else
        {
            yield return (resource, subresource);
        }
    }

    /// <summary>Whether the target no longer serves (group, resource or resource/subresource), so no request carries it.</summary>
    private static bool NotServed(string group, string resource, string subresource, (int Major, int Minor)? target)
    {
        // A removed subresource of a resource that is still served (apps deployments/rollback).
        if (subresource.Length > 0 && BuiltinCatalog.RemovalOf(group, resource + "/" + subresource) is { } removedSubresource)
        {
            return removedSubresource.AppliesTo(target);
        }

        return (BuiltinCatalog.RemovalOf(group, resource) ?? BuiltinCatalog.RemovalOf(group, "*")) is { } removal
            && removal.AppliesTo(target)
            && !BuiltinCatalog.ResourcesOf(group).ContainsKey(resource);
    }

    /// <summary>The groups, resources and subresources that wildcards expand into: the catalog's, the rules', and fresh ones.</summary>
    private sealed class NamedValues
    {
        private readonly List<(string Group, string Resource, string Subresource)> _named = new();

        public NamedValues(Policy? policy)
        {
            if (policy is null)
            {
                return;
            }

            foreach (var rule in policy.Rules)
            {
                foreach (var entry in rule.Resources)
                {
                    foreach (var pattern in entry.Resources)
                    {
                        var (resource, subresource) = RequirementCell.Split(pattern);
                        _named.Add((entry.Group, resource, subresource));
                    }

                    if (entry.Resources.IsEmpty)
                    {
                        _named.Add((entry.Group, "*", string.Empty));
                    }
                }
            }
        }

        /// <summary>Every built-in group, every group a rule names, and one no rule names.</summary>
        public List<string> Groups()
        {
            var groups = BuiltinCatalog.Groups.Keys.Concat(_named.Select(n => n.Group)).Where(g => g != "*").ToList();
            groups.Add(RepresentativeValues.Fresh(groups, "example.com", "example.org", "example.net"));
            return Sorted(groups);
        }

        /// <summary>A built-in group's resources (it serves no others); for any other group the named ones and one more.</summary>
        public List<string> Resources(string group)
        {
            if (BuiltinCatalog.IsBuiltinGroup(group))
            {
                return Sorted(BuiltinCatalog.ResourcesOf(group).Keys);
            }

            var resources = _named.Where(n => (n.Group == group || n.Group == "*") && n.Resource != "*").Select(n => n.Resource).ToList();
            resources.Add(RepresentativeValues.Fresh(resources, "widgets", "gadgets", "gizmos"));
            return Sorted(resources);
        }

        /// <summary>A built-in resource's subresources; for a custom one status, scale and the named ones.</summary>
        public List<string> Subresources(string group, string resource)
        {
            if (BuiltinCatalog.IsBuiltinGroup(group))
            {
                return BuiltinCatalog.ResourcesOf(group).TryGetValue(resource, out var info) ? Sorted(info.Subresources) : new List<string>();
            }

            var subresources = _named.Where(n => (n.Group == group || n.Group == "*") && (n.Resource == resource || n.Resource == "*") && n.Subresource.Length > 0 && n.Subresource != "*")
                .Select(n => n.Subresource).Concat(CustomSubresources).ToList();
            return Sorted(subresources);
        }

        private static List<string> Sorted(IEnumerable<string> values)
        {
            var list = values.Distinct(StringComparer.Ordinal).ToList();
            list.Sort(StringComparer.Ordinal);
            return list;
        }
    }
}
