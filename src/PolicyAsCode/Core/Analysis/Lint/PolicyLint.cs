using System;
using System.Collections.Generic;

namespace PolicyAsCode;

/// <summary>
/// Where a lint finding points: a rule, a field of it, an item of that field (or -1) and, for fields of a
/// <c>resources</c> entry, the entry (or -1). <see cref="Suggestion"/> is the value that should replace the item,
/// when there is exactly one (the code fix offers it). <see cref="Removable"/>: removing the rule changes nothing
/// (PAC0007 when the earlier rules decide all of its requests exactly as it would), or removing the item (PAC0012).
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed partial record LintFinding(string Id, string Message, int RuleIndex, string Field, int ItemIndex, int ResourceIndex = -1, string? Suggestion = null, bool Removable = false)
{
    /// <summary>
    /// The typed position, as validation errors carry it: the item, or the field of a <c>resources</c> entry; a
    /// finding about a whole rule field (<c>level</c> for PAC0007/PAC0008, a whole list) points at the rule.
    /// </summary>
    public PolicyPath Path => Field.Length > 0 && (ItemIndex >= 0 || ResourceIndex >= 0)
        ? new PolicyPath(RuleIndex, Field, ResourceIndex, ItemIndex)
        : new PolicyPath(RuleIndex, string.Empty, ResourceIndex);
}

/// <summary>
/// The policy mistakes kube-apiserver accepts silently: values that can never match, features the target
/// Kubernetes version lacks, and credentials logged in bodies. Shared by the analyzers (which map findings
/// to attribute arguments) and the command-line tool (which maps them to file positions).
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static partial class PolicyLint
{
    private static readonly HashSet<string> RequestVerbs = new(BuiltinCatalog.RequestVerbs, StringComparer.Ordinal);
    private static readonly HashSet<string> HttpVerbs = new(StringComparer.Ordinal) { "get", "head", "post", "put", "patch", "delete", "options", "connect", "trace" };

    /// <summary>
    /// Requests whose bodies carry credentials, and the lowest level that logs them: a Secret's data travels in the
    /// request of create/update/patch (logged from Request) and in the response of reads and writes (logged at
    /// RequestResponse; deletecollection answers with the deleted objects); a TokenRequest's new token only in the
    /// response; a TokenReview's token in the request.
    /// </summary>
    private static readonly (string Group, string Resource, string Sub, string Verb, string Level, string Where)[] Sensitive =
    {
        (string.Empty, "secrets", string.Empty, "create", "Request", "request body"),
        (string.Empty, "secrets", string.Empty, "update", "Request", "request body"),
        (string.Empty, "secrets", string.Empty, "patch", "Request", "request body"),
        (string.Empty, "secrets", string.Empty, "get", "RequestResponse", "response body"),
        (string.Empty, "secrets", string.Empty, "list", "RequestResponse", "response body"),
        (string.Empty, "secrets", string.Empty, "watch", "RequestResponse", "response body"),
        (string.Empty, "secrets", string.Empty, "deletecollection", "RequestResponse", "response body: the deleted objects"),
        (string.Empty, "serviceaccounts", "token", "create", "RequestResponse", "response body: a new bearer token"),
        ("authentication.k8s.io", "tokenreviews", string.Empty, "create", "Request", "request body: the token under review"),
    };

    /// <summary>All findings for a policy kube-apiserver accepts.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="target">The target Kubernetes version (major, minor), or null for the current one (no check of features newer versions added).</param>
    /// <param name="ruleNames">Optional names of the rules, for messages.</param>
    /// <param name="cancellationToken">Cancels the check (the analyzers pass theirs).</param>
    public static List<LintFinding> Check(Policy policy, (int Major, int Minor)? target = null, IReadOnlyList<string>? ruleNames = null, System.Threading.CancellationToken cancellationToken = default)
    {
        var findings = new List<LintFinding>();
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            CheckValues(policy.Rules[i], i, target, findings);
        }

        // Copies of one rule behind the same rules share one reason (and its covering list): its text is built once.
        UnreachableRule? last = null;
        var lastReason = string.Empty;
        foreach (var unreachable in RuleReachability.Find(policy, cancellationToken))
        {
            if (last is null || !SameReason(policy, last, unreachable))
            {
                lastReason = UnreachableReason(policy, unreachable, ruleNames);
            }

            last = unreachable;
            findings.Add(new LintFinding(RuleCatalog.UnreachableRule, RuleName(unreachable.RuleIndex, ruleNames) + lastReason, unreachable.RuleIndex, "level", -1, Removable: unreachable.Complete && unreachable.SameOutcome));
        }

        CheckSensitive(policy, findings);
        return findings;
    }

    /// <summary>Whether two findings' reasons read the same: the same covering rules (one list), outcome and level.</summary>
    private static bool SameReason(Policy policy, UnreachableRule a, UnreachableRule b)
        => ReferenceEquals(a.CoveringRules, b.CoveringRules) && a.Complete == b.Complete && a.SameOutcome == b.SameOutcome
            && policy.Rules[a.RuleIndex].Level == policy.Rules[b.RuleIndex].Level && policy.Rules[a.RuleIndex].OmitStages == policy.Rules[b.RuleIndex].OmitStages;

    /// <summary>The PAC0007 message after the rule's name (<c> is never reached: ...</c>).</summary>
    private static string UnreachableReason(Policy policy, UnreachableRule unreachable, IReadOnlyList<string>? ruleNames)
    {
        // Name at most five rules: a rule behind a catch-all can be covered by hundreds of exemptions.
        var by = new List<string>();
        foreach (var k in unreachable.CoveringRules)
        {
            if (by.Count == 5)
            {
                by.Add((unreachable.CoveringRules.Count - 5).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more");
                break;
            }

            by.Add(RuleName(k, ruleNames));
        }

        var rule = policy.Rules[unreachable.RuleIndex];
        var level = rule.Level.Value + (rule.OmitStages.IsEmpty ? string.Empty : " omitting " + string.Join(",", rule.OmitStages));
        if (!unreachable.Complete)
        {
            return " is never reached: every request it matches is decided earlier"
                + (by.Count > 0 ? "; " + JoinList(by) + (unreachable.CoveringRules.Count == 1 ? " alone matches" : " each alone match") + " all of them" : string.Empty)
                + "; it would log them at " + level + "; remove it, or move it before the rules that decide them if that was the intent";
        }

        var consequence = unreachable.SameOutcome
            ? "they decide those requests exactly as it would, so removing it changes nothing"
            : "it would log them at " + level + ", but they decide them differently; move it before them if that was the intent";
        return " is never reached: every request it matches is decided earlier by " + JoinList(by) + "; " + consequence;
    }

    private static string JoinList(List<string> items)
        => items.Count == 1 ? items[0] : string.Join(", ", items.GetRange(0, items.Count - 1)) + " and " + items[items.Count - 1];

    private static string RuleName(int index, IReadOnlyList<string>? ruleNames) => RuleReference.Of(index, ruleNames);

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
                : BuiltinCatalog.IsAuthorizationOnlyVerb(verb) ? "'" + verb + "' exists only in authorization checks; no request is audited with it"
                : resourceOnly && !RequestVerbs.Contains(verb) ? "'" + verb + "' is not a verb of resource requests (get, list, watch, create, update, patch, delete, deletecollection, proxy)"
                : nonResourceOnly && !HttpVerbs.Contains(verb) ? "non-resource requests are audited with the lower-case HTTP method; '" + verb + "' never matches them"
                : null;
            if (reason is not null)
            {
                var suggestion = !string.Equals(verb, lower, StringComparison.Ordinal) && (RequestVerbs.Contains(lower) || HttpVerbs.Contains(lower)) ? lower : null;
                findings.Add(new LintFinding(RuleCatalog.NeverMatches, reason, index, "verbs", j, Suggestion: suggestion));
            }
        }

        CheckNames(rule, index, target, findings);
        CheckDomain(rule, index, findings);
        Stars(rule.Users, "users", index, findings);
        Stars(rule.UserGroups, "userGroups", index, findings);
        Stars(rule.Namespaces, "namespaces", index, findings);
        for (var k = 0; k < rule.Resources.Count; k++)
        {
            var gr = rule.Resources[k];
            var star = IndexOf(gr.ResourceNames, "*");
            if (star >= 0)
            {
                findings.Add(new LintFinding(RuleCatalog.NeverMatches, "'*' is not a wildcard in resourceNames; it matches only an object literally named '*'", index, "resourceNames", star, k));
            }

            if (gr.Group == "*" && target is { } version && !KubernetesVersions.AllowsGroupWildcard(version))
            {
                findings.Add(new LintFinding(RuleCatalog.NeedsNewerKubernetes,
                    "group \"*\" is accepted from Kubernetes " + KubernetesVersions.Text(KubernetesVersions.GroupWildcardSince) + "; kube-apiserver " + KubernetesVersions.Text(version) + " refuses it as an invalid DNS subdomain",
                    index, "group", -1, k));
            }
        }

        CheckRedundant(rule, index, findings);
    }

    private static void Stars(EquatableArray<string> values, string field, int index, List<LintFinding> findings)
    {
        for (var j = 0; j < values.Count; j++)
        {
            if (values[j] == "*")
            {
                findings.Add(new LintFinding(RuleCatalog.NeverMatches, "'*' is not a wildcard in " + field + "; it matches only the literal value '*'", index, field, j));
            }
        }
    }

    /// <summary>One finding per rule that logs credentials, naming each kind of request it logs them for.</summary>
    private static void CheckSensitive(Policy policy, List<LintFinding> findings)
    {
        var leaks = new SortedDictionary<int, List<string>>();
        foreach (var (group, resource, sub, verb, level, where) in Sensitive)
        {
            // Only a rule that logs at the level leaks; a cell where none can decide a request is not enumerated at all.
            var leaking = new AuditLevel(level);
            var cell = new RequirementCell(verb, group, resource, sub);
            foreach (var (_, decision) in RequirementChecker.Outcomes(policy, new Requirement { Group = group }, cell, d => d.MatchedRule >= 0 && d.Level.AtLeast(leaking)))
            {
                var name = (group.Length > 0 ? group + "/" : string.Empty) + resource + (sub.Length > 0 ? "/" + sub : string.Empty);
                if (!leaks.TryGetValue(decision.MatchedRule, out var list))
                {
                    leaks.Add(decision.MatchedRule, list = new List<string>());
                }

                var item = verb + " " + name + " (" + where + ")";
                if (!list.Contains(item))
                {
                    list.Add(item);
                }
            }
        }

        foreach (var leak in leaks)
        {
            findings.Add(new LintFinding(RuleCatalog.SensitiveBodies,
                "this rule logs credentials at " + policy.Rules[leak.Key].Level.Value + ": " + string.Join(", ", leak.Value) + "; decide these requests at Metadata in an earlier rule",
                leak.Key, "level", -1));
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
