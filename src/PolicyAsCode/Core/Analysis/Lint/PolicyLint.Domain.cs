using System;
using System.Collections.Generic;

namespace PolicyAsCode;

/// <summary>
/// Values that no request which can succeed carries (docs/request-domain.md, <see cref="RequestDomain.ShapeOf"/>):
/// object names on verbs that name no object, namespaces on cluster-scoped built-ins, and the empty namespace on
/// namespaced built-ins that a rule's verbs never request across namespaces. kube-apiserver still receives (and
/// audits) failing requests of those shapes, e.g. <c>POST /api/v1/namespaces/x/pods/name</c>, so the messages say
/// "can succeed".
/// </summary>
static partial class PolicyLint
{
    private static void CheckDomain(PolicyRule rule, int index, List<LintFinding> findings)
    {
        CheckNamesOnUnnamedVerbs(rule, index, findings);
        CheckNamespacesOfScope(rule, index, findings);
    }

    /// <summary><c>resourceNames</c> (other than <c>""</c>) where every verb of the rule names no object for the entry's resources.</summary>
    private static void CheckNamesOnUnnamedVerbs(PolicyRule rule, int index, List<LintFinding> findings)
    {
        if (rule.Verbs.IsEmpty)
        {
            return; // every verb, get among them
        }

        for (var k = 0; k < rule.Resources.Count; k++)
        {
            var entry = rule.Resources[k];
            var named = -1;
            for (var j = 0; j < entry.ResourceNames.Count && named < 0; j++)
            {
                named = entry.ResourceNames[j].Length > 0 ? j : -1;
            }

            if (named < 0 || entry.Resources.IsEmpty || AnyVerbNames(rule.Verbs, entry))
            {
                continue;
            }

            var reasons = new List<string>();
            if (PolicyEvaluator.Contains(rule.Verbs, "create"))
            {
                reasons.Add("create of a resource names no object (the name is in the body)");
            }

            if (PolicyEvaluator.Contains(rule.Verbs, "deletecollection"))
            {
                reasons.Add("deletecollection names none");
            }

            findings.Add(new LintFinding(RuleCatalog.NeverMatches,
                "resourceNames never match: " + string.Join(" and ", reasons) + ", so no request of this rule's verbs that can succeed carries a name; only \"\" matches them",
                index, "resourceNames", named, k));
        }
    }

    /// <summary>Whether some verb of the rule names an object of some resource of the entry, by the verb's cell shape.</summary>
    private static bool AnyVerbNames(EquatableArray<string> verbs, GroupResources entry)
    {
        foreach (var verb in verbs)
        {
            // A verb that is no operation on objects (proxy, a typo) is judged elsewhere; it may well carry a name.
            if (Array.IndexOf(RequestDomain.ObjectVerbs, verb) < 0)
            {
                return true;
            }

            foreach (var pattern in entry.Resources)
            {
                var (resource, subresources) = CellsOf(pattern);
                foreach (var sub in subresources)
                {
                    if (RequestDomain.ShapeOf(verb, entry.Group, resource, sub) is { Name: not NameForm.None })
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Namespaces other than <c>""</c> when no request of the rule's verbs and resources that can succeed carries one
    /// (cluster-scoped built-ins; namespace objects carry their own name), and <c>""</c> when none goes without one
    /// (namespaced built-ins, unless a list or watch of a resource goes across namespaces). Judged per (verb, resource
    /// pattern) by <see cref="RequestDomain.ShapeOf"/>; a pattern that spans unknown resources (<c>*</c>) may be either.
    /// </summary>
    private static void CheckNamespacesOfScope(PolicyRule rule, int index, List<LintFinding> findings)
    {
        if (rule.Namespaces.IsEmpty || rule.Resources.IsEmpty)
        {
            return;
        }

        var cluster = new List<string>();
        var namespaced = new List<string>();
        bool withNamespace = false, withoutNamespace = false;
        foreach (var entry in rule.Resources)
        {
            if (entry.Resources.IsEmpty)
            {
                return; // every resource of the group
            }

            foreach (var pattern in entry.Resources)
            {
                var (resource, subs) = CellsOf(pattern);
                if (resource == "*")
                {
                    return; // any resource: either
                }

                var shown = (entry.Group.Length > 0 ? entry.Group + "/" : string.Empty) + resource;
                AddOnce(RequestDomain.ScopeOf(entry.Group, resource) == ResourceScope.Namespaced ? namespaced : cluster, shown);
                foreach (var verb in rule.Verbs.IsEmpty ? EquatableArray.Create(RequestDomain.ObjectVerbs) : rule.Verbs)
                {
                    if (Array.IndexOf(RequestDomain.ObjectVerbs, verb) < 0)
                    {
                        return; // no operation on objects (judged elsewhere): no shape to judge by
                    }

                    foreach (var sub in subs)
                    {
                        if (RequestDomain.ShapeOf(verb, entry.Group, resource, sub) is not { } shape)
                        {
                            continue; // no request of this verb and pattern can succeed
                        }

                        withNamespace |= shape.Namespace is NamespaceForm.Required or NamespaceForm.Either || (shape.Namespace == NamespaceForm.OwnName && shape.Name != NameForm.None);
                        withoutNamespace |= shape.Namespace is NamespaceForm.None or NamespaceForm.Either || (shape.Namespace == NamespaceForm.OwnName && shape.Name != NameForm.Required);
                    }
                }
            }
        }

        for (var j = 0; j < rule.Namespaces.Count; j++)
        {
            var ns = rule.Namespaces[j];
            if (ns.Length > 0 && !withNamespace)
            {
                var why = namespaced.Count == 0 && !cluster.Contains("namespaces")
                    ? string.Join(", ", cluster) + (cluster.Count == 1 ? " is" : " are") + " cluster-scoped, so no request that can succeed carries a namespace"
                    : "no request of this rule's verbs and resources that can succeed carries a namespace";
                findings.Add(new LintFinding(RuleCatalog.NeverMatches, PolicyValidator.GoQuote(ns) + " never matches: " + why, index, "namespaces", j));
            }
            else if (ns.Length == 0 && !withoutNamespace)
            {
                var why = cluster.Count == 0
                    ? string.Join(", ", namespaced) + (namespaced.Count == 1 ? " is" : " are") + " namespaced and only list and watch of a resource go across namespaces, which this rule's verbs and resources never do"
                    : "every request of this rule's verbs and resources that can succeed carries a namespace";
                findings.Add(new LintFinding(RuleCatalog.NeverMatches, "\"\" never matches: " + why, index, "namespaces", j));
            }
        }
    }

    /// <summary>
    /// The resource of a pattern and the subresources that stand for the cells it spans, as far as a cell's shape tells
    /// them apart (only whether there is a subresource matters, so "status" stands for any): "pods" is pods itself,
    /// "pods/log" that subresource, "pods/*" and "*" both (kube-apiserver matches "pods/*" against pods itself too).
    /// </summary>
    private static (string Resource, string[] Subresources) CellsOf(string pattern)
    {
        var slash = pattern.IndexOf('/');
        if (slash < 0)
        {
            return (pattern, pattern == "*" ? new[] { string.Empty, "status" } : new[] { string.Empty });
        }

        var sub = pattern.Substring(slash + 1);
        return (pattern.Substring(0, slash), sub == "*" ? new[] { string.Empty, "status" } : new[] { sub });
    }

    private static void AddOnce(List<string> list, string value)
    {
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }
}
