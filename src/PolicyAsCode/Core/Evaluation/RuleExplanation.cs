using System;
using System.Linq;

namespace PolicyAsCode;

/// <summary>Why a rule does or does not match a request, in kube-apiserver's order of checks (spec §5.2).</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static class RuleExplanation
{
    /// <summary>The first check the rule fails for the request, or null when it matches.</summary>
    public static string? WhyNot(PolicyRule rule, AuditRequest request)
    {
        if (!rule.Users.IsEmpty)
        {
            if (request.User is null)
            {
                return "users is set and the request has no user";
            }

            if (!rule.Users.Contains(request.User))
            {
                return "user " + Quote(request.User) + " is not in users " + List(rule.Users);
            }
        }

        if (!rule.UserGroups.IsEmpty)
        {
            if (request.User is null)
            {
                return "userGroups is set and the request has no user";
            }

            if (!request.Groups.Any(g => rule.UserGroups.Contains(g)))
            {
                return "none of the groups " + List(request.Groups) + " is in userGroups " + List(rule.UserGroups);
            }
        }

        if (!rule.Verbs.IsEmpty && !rule.Verbs.Contains(request.Verb))
        {
            return "verb " + Quote(request.Verb) + " is not in verbs " + List(rule.Verbs);
        }

        if (!rule.Namespaces.IsEmpty || !rule.Resources.IsEmpty)
        {
            if (!request.ResourceRequest)
            {
                return "the rule selects resources or namespaces and this is a non-resource request";
            }

            if (!rule.Namespaces.IsEmpty && !rule.Namespaces.Contains(request.Namespace))
            {
                return "namespace " + Quote(request.Namespace) + " is not in namespaces " + List(rule.Namespaces);
            }

            if (!rule.Resources.IsEmpty && !PolicyEvaluator.RuleMatches(rule with { Users = default, UserGroups = default, Verbs = default, Namespaces = default }, request))
            {
                var combined = request.Subresource.Length > 0 ? request.Resource + "/" + request.Subresource : request.Resource;
                return "group " + Quote(request.ApiGroup) + ", resource " + Quote(combined) + (request.Name.Length > 0 ? ", name " + Quote(request.Name) : string.Empty) + " matches no entry of resources";
            }

            return null;
        }

        if (!rule.NonResourceURLs.IsEmpty)
        {
            if (request.ResourceRequest)
            {
                return "the rule selects non-resource URLs and this is a resource request";
            }

            if (!rule.NonResourceURLs.Any(u => PolicyEvaluator.PathMatches(request.Path, u)))
            {
                return "path " + Quote(request.Path) + " matches none of nonResourceURLs " + List(rule.NonResourceURLs);
            }
        }

        return null;
    }

    private static string Quote(string value) => "\"" + value + "\"";

    private static string List(System.Collections.Generic.IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";
}
