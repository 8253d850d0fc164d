using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>
/// PAC0005 for values no request that can succeed carries: names on verbs that name no object, namespaces on
/// cluster-scoped built-ins, the empty namespace where no verb goes across namespaces. Checked both ways against
/// brute force over requests derived from real URLs.
/// </summary>
public sealed class DomainLintTests
{
    private static List<LintFinding> Lint(string rules)
    {
        var result = PolicyLoader.Load("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n" + rules);
        Assert.True(result.Accepted, result.Error);
        return PolicyLint.Check(result.Policy!).Where(f => f.Id == RuleCatalog.NeverMatches).ToList();
    }

    [Fact]
    public void Names_on_creates_and_deletecollections_of_resources_never_match()
    {
        var finding = Assert.Single(Lint("- level: None\n  verbs: [create, deletecollection]\n  resources:\n  - group: \"\"\n    resources: [pods, configmaps]\n    resourceNames: [\"\", kube-root-ca.crt]\n"));
        Assert.Equal(("resourceNames", 1, 0), (finding.Field, finding.ItemIndex, finding.ResourceIndex));
        Assert.Equal("resourceNames never match: create of a resource names no object (the name is in the body) and deletecollection names none, so no request of this rule's verbs that can succeed carries a name; only \"\" matches them", finding.Message);

        // create of a subresource names its parent, and a list names one through a field selector: nothing to report.
        Assert.Empty(Lint("- level: None\n  verbs: [create]\n  resources:\n  - group: \"\"\n    resources: [pods/eviction]\n    resourceNames: [web]\n"));
        Assert.Empty(Lint("- level: None\n  verbs: [create, list]\n  resources:\n  - group: \"\"\n    resources: [configmaps]\n    resourceNames: [web]\n"));
        Assert.Empty(Lint("- level: None\n  verbs: [create]\n  resources:\n  - group: \"\"\n    resources: [\"*\"]\n    resourceNames: [web]\n"));
    }

    [Fact]
    public void Namespaces_on_cluster_scoped_built_ins_never_match_but_namespace_objects_carry_their_own_name()
    {
        var findings = Lint("- level: None\n  namespaces: [\"\", kube-system]\n  resources:\n  - group: \"\"\n    resources: [nodes, persistentvolumes]\n  - group: rbac.authorization.k8s.io\n    resources: [clusterroles]\n");
        var finding = Assert.Single(findings);
        Assert.Equal(("namespaces", 1), (finding.Field, finding.ItemIndex));
        Assert.Equal("\"kube-system\" never matches: nodes, persistentvolumes, rbac.authorization.k8s.io/clusterroles are cluster-scoped, so no request that can succeed carries a namespace", finding.Message);
        Assert.Empty(Lint("- level: None\n  namespaces: [kube-system]\n  resources:\n  - group: \"\"\n    resources: [namespaces]\n"));
        Assert.Empty(Lint("- level: None\n  namespaces: [kube-system]\n  resources:\n  - group: example.com\n    resources: [widgets]\n"));
    }

    [Fact]
    public void The_empty_namespace_on_namespaced_built_ins_never_matches_without_list_or_watch()
    {
        var finding = Assert.Single(Lint("- level: None\n  verbs: [create, update]\n  namespaces: [\"\", kube-system]\n  resources:\n  - group: \"\"\n    resources: [pods, secrets]\n"));
        Assert.Equal(("namespaces", 0), (finding.Field, finding.ItemIndex));
        Assert.Equal("\"\" never matches: pods, secrets are namespaced and only list and watch of a resource go across namespaces, which this rule's verbs and resources never do", finding.Message);
        Assert.Empty(Lint("- level: None\n  verbs: [create, list]\n  namespaces: [\"\"]\n  resources:\n  - group: \"\"\n    resources: [pods]\n"));

        // Every verb, but only subresources: no list of a subresource, so never across namespaces.
        Assert.Single(Lint("- level: None\n  namespaces: [\"\"]\n  resources:\n  - group: \"\"\n    resources: [pods/log, pods/exec]\n"));
    }

    /// <summary>
    /// Random rules over built-in resources; a value is reported exactly when no request that can succeed, derived from
    /// real URLs (RequestInfoFactory over methods, paths and queries), matches the rule through that value.
    /// </summary>
    [Fact]
    public void Agrees_with_brute_force_over_requests_from_real_urls()
    {
        var requests = RequirementCheckerTests.RequestsFromUrls(new[] { "n1", "x", "other" }, new[] { "x", "n1", "other" })
            .Where(RequestDomain.CanSucceed)
            .Select(r => r with { User = "u" })
            .ToList();
        string[] verbs = { "create", "deletecollection", "get", "list", "delete", "update" };
        string[] patterns = { "pods", "nodes", "namespaces", "pods/log", "nodes/status", "pods/*", "*", "pods/eviction" };
        string[] namespaces = { "", "x" };
        string[] names = { "", "x" };
        var random = new Random(20261203);
        var reported = 0;
        for (var iteration = 0; iteration < 3000; iteration++)
        {
            var rule = new PolicyRule
            {
                Level = AuditLevel.None,
                Verbs = Pick(random, verbs),
                Namespaces = Pick(random, namespaces),
                Resources = EquatableArray.Create(new GroupResources { Resources = Pick(random, patterns, empty: false), ResourceNames = Pick(random, names) }),
            };
            var policy = new Policy { Rules = EquatableArray.Create(rule) };
            if (PolicyValidator.Validate(policy).Count > 0)
            {
                continue;
            }

            var findings = PolicyLint.Check(policy).Where(f => f.Id == RuleCatalog.NeverMatches && f.Field is "namespaces" or "resourceNames").ToList();
            reported += findings.Count;

            // Namespaces: each value alone, the rest of the rule as it is, names aside.
            for (var j = 0; j < rule.Namespaces.Count; j++)
            {
                var alone = rule with { Namespaces = EquatableArray.Create(rule.Namespaces[j]), Resources = new EquatableArray<GroupResources>(rule.Resources.Select(e => e with { ResourceNames = EquatableArray<string>.Empty })) };
                var matched = requests.Any(r => PolicyEvaluator.RuleMatches(alone, r));
                Assert.True(matched != findings.Any(f => f.Field == "namespaces" && f.ItemIndex == j), Describe(rule) + " namespaces[" + j + "] matched " + matched + ": " + requests.FirstOrDefault(r => PolicyEvaluator.RuleMatches(alone, r)) + " " + string.Join("; ", findings.Select(f => f.Message)));
            }

            // Names: the entry's non-empty names, the namespaces aside (an entry is reported once, at its first name).
            var entry = rule.Resources[0];
            var nonEmpty = entry.ResourceNames.Where(n => n.Length > 0).ToArray();
            if (nonEmpty.Length > 0)
            {
                var alone = rule with { Namespaces = EquatableArray<string>.Empty, Resources = EquatableArray.Create(entry with { ResourceNames = new EquatableArray<string>(nonEmpty) }) };
                var matched = requests.Any(r => PolicyEvaluator.RuleMatches(alone, r));
                Assert.True(matched != findings.Any(f => f.Field == "resourceNames"), Describe(rule) + " resourceNames");
            }
        }

        Assert.True(reported > 200, reported.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Describe(PolicyRule rule)
        => "verbs " + string.Join(",", rule.Verbs) + " namespaces [" + string.Join(",", rule.Namespaces.Select(n => "'" + n + "'")) + "] resources "
            + string.Join(",", rule.Resources[0].Resources) + " names [" + string.Join(",", rule.Resources[0].ResourceNames.Select(n => "'" + n + "'")) + "]";

    private static EquatableArray<string> Pick(Random random, string[] values, bool empty = true)
        => empty && random.Next(3) == 0 ? EquatableArray<string>.Empty : new EquatableArray<string>(values.Where(_ => random.Next(3) == 0).DefaultIfEmpty(values[random.Next(values.Length)]));
}
