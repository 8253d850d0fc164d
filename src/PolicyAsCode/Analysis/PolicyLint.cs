using System;
using System.Collections.Generic;

namespace PolicyAsCode;

/// <summary>
/// Where a lint finding points: a rule, a field of it, an item of that field (or -1) and, for fields of a
/// <c>resources</c> entry, the entry (or -1). <see cref="Suggestion"/> is the value that should replace the item,
/// when there is exactly one (the code fix offers it).
/// </summary>
public sealed record LintFinding(string Id, string Message, int RuleIndex, string Field, int ItemIndex, int ResourceIndex = -1, string? Suggestion = null);

/// <summary>
/// The policy mistakes kube-apiserver accepts silently: values that can never match, features the target
/// Kubernetes version lacks, and credentials logged in bodies. Shared by the analyzers (which map findings
/// to attribute arguments) and the command-line tool (which maps them to file positions).
/// </summary>
public static class PolicyLint
{
    /// <summary>PAC0005: a value that can never match.</summary>
    public const string NeverMatches = "PAC0005";

    /// <summary>PAC0006: needs a newer Kubernetes.</summary>
    public const string NeedsNewerKubernetes = "PAC0006";

    /// <summary>PAC0008: sensitive bodies logged.</summary>
    public const string SensitiveBodies = "PAC0008";

    private static readonly HashSet<string> RequestVerbs = new(StringComparer.Ordinal) { "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "proxy", "" };
    private static readonly HashSet<string> HttpVerbs = new(StringComparer.Ordinal) { "get", "head", "post", "put", "patch", "delete", "options", "connect", "trace" };
    private static readonly HashSet<string> AuthorizationOnlyVerbs = new(StringComparer.Ordinal) { "impersonate", "bind", "escalate", "approve", "sign", "attest", "use" };

    /// <summary>Resources whose bodies carry credentials: (group, resource, subresource).</summary>
    private static readonly (string Group, string Resource, string Sub)[] Sensitive =
    {
        (string.Empty, "secrets", string.Empty),
        (string.Empty, "serviceaccounts", "token"),
        ("authentication.k8s.io", "tokenreviews", string.Empty),
    };

    /// <summary>All findings for a policy kube-apiserver accepts.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="target">The target Kubernetes version (major, minor), or null for no version checks.</param>
    public static List<LintFinding> Check(Policy policy, (int Major, int Minor)? target = null)
    {
        var findings = new List<LintFinding>();
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            CheckValues(policy.Rules[i], i, target, findings);
        }

        CheckSensitive(policy, findings);
        return findings;
    }

    private static void CheckValues(PolicyRule rule, int index, (int Major, int Minor)? target, List<LintFinding> findings)
    {
        var resourceOnly = !rule.Resources.IsEmpty || !rule.Namespaces.IsEmpty;
        var nonResourceOnly = !resourceOnly && !rule.NonResourceURLs.IsEmpty;
        for (var j = 0; j < rule.Verbs.Count; j++)
        {
            var verb = rule.Verbs[j];
            var lower = verb.ToLowerInvariant();
            var reason = verb == "*" ? "'*' is not a wildcard in verbs; it matches only a request whose verb is literally '*', which never happens; leave verbs empty to match every verb"
                : !string.Equals(verb, lower, StringComparison.Ordinal) ? "verbs are compared exactly and request verbs are lower case; '" + verb + "' never matches; use '" + lower + "'"
                : AuthorizationOnlyVerbs.Contains(verb) ? "'" + verb + "' exists only in authorization checks; no request is audited with it"
                : resourceOnly && !RequestVerbs.Contains(verb) ? "'" + verb + "' is not a verb of resource requests (get, list, watch, create, update, patch, delete, deletecollection, proxy)"
                : nonResourceOnly && !HttpVerbs.Contains(verb) ? "non-resource requests are audited with the lower-case HTTP method; '" + verb + "' never matches them"
                : null;
            if (reason is not null)
            {
                var suggestion = !string.Equals(verb, lower, StringComparison.Ordinal) && (RequestVerbs.Contains(lower) || HttpVerbs.Contains(lower)) ? lower : null;
                findings.Add(new LintFinding(NeverMatches, reason, index, "verbs", j, Suggestion: suggestion));
            }
        }

        Stars(rule.Users, "users", index, findings);
        Stars(rule.UserGroups, "userGroups", index, findings);
        Stars(rule.Namespaces, "namespaces", index, findings);
        for (var k = 0; k < rule.Resources.Count; k++)
        {
            var gr = rule.Resources[k];
            var star = IndexOf(gr.ResourceNames, "*");
            if (star >= 0)
            {
                findings.Add(new LintFinding(NeverMatches, "'*' is not a wildcard in resourceNames; it matches only an object literally named '*'", index, "resourceNames", star, k));
            }

            if (gr.Group == "*" && target is { } version && (version.Major < 1 || (version.Major == 1 && version.Minor < 36)))
            {
                findings.Add(new LintFinding(NeedsNewerKubernetes,
                    "group \"*\" is accepted from Kubernetes 1.36; kube-apiserver " + version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + version.Minor.ToString(System.Globalization.CultureInfo.InvariantCulture) + " refuses it as an invalid DNS subdomain",
                    index, "group", -1, k));
            }
        }
    }

    private static void Stars(EquatableArray<string> values, string field, int index, List<LintFinding> findings)
    {
        for (var j = 0; j < values.Count; j++)
        {
            if (values[j] == "*")
            {
                findings.Add(new LintFinding(NeverMatches, "'*' is not a wildcard in " + field + "; it matches only the literal value '*'", index, field, j));
            }
        }
    }

    private static void CheckSensitive(Policy policy, List<LintFinding> findings)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (group, resource, sub) in Sensitive)
        {
            var requirement = new Requirement { Group = group };
            foreach (var verb in new[] { "get", "list", "watch", "create", "update", "patch" })
            {
                foreach (var (_, decision) in RequirementChecker.Outcomes(policy, requirement, verb, resource, sub))
                {
                    var name = (group.Length > 0 ? group + "/" : string.Empty) + resource + (sub.Length > 0 ? "/" + sub : string.Empty);
                    if (decision.MatchedRule >= 0 && decision.Level.AtLeast(AuditLevel.Request) && reported.Add(decision.MatchedRule.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + name))
                    {
                        findings.Add(new LintFinding(SensitiveBodies,
                            verb + " " + name + " is logged at " + decision.Level.Value + " by this rule, so the audit log receives credentials in the request or response body; log " + name + " at Metadata in an earlier rule",
                            decision.MatchedRule, "level", -1));
                    }
                }
            }
        }
    }

    private static int IndexOf(EquatableArray<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
