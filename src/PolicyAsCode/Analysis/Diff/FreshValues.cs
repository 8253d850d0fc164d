using System;
using System.Collections.Generic;

namespace PolicyAsCode;

/// <summary>
/// For each request attribute, one concrete value that no rule of either policy names, so it stands for every value
/// the rules do not name. Real-looking values come first (user <c>jane</c>, group <c>system:authenticated</c>,
/// namespace <c>team-a</c>, verb <c>get</c>): an example built from them is a request kube-apiserver could receive,
/// which <c>explain</c> reproduces, never a placeholder like "(any user)".
/// </summary>
internal sealed class FreshValues
{
    /// <summary>The path under a prefix that no longer URL pattern spells (see <see cref="RepresentativeValues.FreshPath"/>).</summary>
    public const string PathSuffix = "example";

    public FreshValues(Policy oldPolicy, Policy newPolicy)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in Rules(oldPolicy, newPolicy))
        {
            named.UnionWith(rule.Verbs);
        }

        ResourceVerb = Pick(named, "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");
        HttpVerb = Pick(named, "get", "post", "put", "patch", "delete", "head", "options");

        User = Pick(Named(oldPolicy, newPolicy, r => r.Users), "jane", "alice", "bob", "carol");
        Group = Pick(Named(oldPolicy, newPolicy, r => r.UserGroups), "system:authenticated", "developers", "team-a", "operators");
        Namespace = Pick(Named(oldPolicy, newPolicy, r => r.Namespaces), "team-a", "default", "team-b", "apps");

        var groups = new HashSet<string>(StringComparer.Ordinal);
        var resources = new HashSet<string>(StringComparer.Ordinal);
        var subresources = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in Rules(oldPolicy, newPolicy))
        {
            foreach (var entry in rule.Resources)
            {
                groups.Add(entry.Group);
                names.UnionWith(entry.ResourceNames);
                foreach (var pattern in entry.Resources)
                {
                    var slash = pattern.IndexOf('/');
                    resources.Add(slash < 0 ? pattern : pattern.Substring(0, slash));
                    if (slash >= 0)
                    {
                        subresources.Add(pattern.Substring(slash + 1));
                    }
                }
            }
        }

        // The core group ("") is the likeliest request, so it stands for the unnamed groups when no rule names it.
        ApiGroup = Pick(groups, string.Empty, "example.com", "apps.example.com");
        // A core resource in the core group, a custom resource's plural in any other.
        Resource = ApiGroup.Length == 0 ? Pick(resources, "configmaps", "widgets", "gadgets") : Pick(resources, "widgets", "gadgets", "configmaps");
        Subresource = Pick(subresources, "status", "scale", "example");

        // A group and a resource of unknown scope (no built-in has them): either scope can succeed, so an example
        // uses them when the realistic ones cannot.
        UnknownGroup = Pick(groups, "example.com", "apps.example.com");
        UnknownResource = Pick(resources, "widgets", "gadgets");
        Name = Pick(names, "example", "app", "web");
    }

    public string ResourceVerb { get; }

    public string HttpVerb { get; }

    public string User { get; }

    public string Group { get; }

    public string Namespace { get; }

    public string ApiGroup { get; }

    public string Resource { get; }

    public string Subresource { get; }

    public string Name { get; }

    public string UnknownGroup { get; }

    public string UnknownResource { get; }

    /// <summary>The first candidate no rule names; else the last one numbered until it is free.</summary>
    private static string Pick(HashSet<string> named, params string[] candidates) => RepresentativeValues.Fresh(named, candidates);

    private static HashSet<string> Named(Policy oldPolicy, Policy newPolicy, Func<PolicyRule, EquatableArray<string>> field)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in Rules(oldPolicy, newPolicy))
        {
            named.UnionWith(field(rule));
        }

        return named;
    }

    private static IEnumerable<PolicyRule> Rules(Policy oldPolicy, Policy newPolicy)
    {
        foreach (var rule in oldPolicy.Rules)
        {
            yield return rule;
        }

        foreach (var rule in newPolicy.Rules)
        {
            yield return rule;
        }
    }
}
