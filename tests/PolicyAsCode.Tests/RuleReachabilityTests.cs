using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>PAC0007's exact reachability check against brute-force first-match evaluation.</summary>
public sealed class RuleReachabilityTests
{
    private static readonly string[] Users = { "u1", "u2" };
    private static readonly string[] Groups = { "g1", "g2" };
    private static readonly string[] Verbs = { "get", "delete" };
    private static readonly string[] Namespaces = { "n1", "" };
    private static readonly string[] ApiGroups = { "", "apps" };
    private static readonly string[] Patterns = { "pods", "pods/*", "pods/log", "*/log", "*", "nodes" };
    private static readonly string[] Names = { "x" };
    private static readonly string[] Urls = { "/healthz", "/healthz*", "/api*", "/*", "*" };

    /// <summary>
    /// Random policies over a small alphabet; every request over that alphabet plus one unnamed value per attribute
    /// (all group subsets, no user, resource and non-resource requests). A rule is reported unreachable exactly when
    /// no request's first match is that rule, and the covering rules are exactly the ones that decide its requests.
    /// </summary>
    [Fact]
    public void Agrees_with_brute_force_evaluation()
    {
        var random = new Random(2611);
        var requests = AllRequests().ToList();
        var reported = 0;
        for (var iteration = 0; iteration < 1500; iteration++)
        {
            var rules = Enumerable.Range(0, random.Next(2, 6)).Select(_ => RandomRule(random)).ToList();
            var policy = new Policy { Rules = new EquatableArray<PolicyRule>(rules) };
            if (PolicyValidator.Validate(policy).Count > 0)
            {
                continue;
            }

            var evaluator = new PolicyEvaluator(policy);
            var reached = new HashSet<int>();
            var coveredBy = rules.Select(_ => new SortedSet<int>()).ToArray();
            foreach (var request in requests)
            {
                reached.Add(evaluator.Evaluate(request).MatchedRule);
                for (var j = 0; j < rules.Count; j++)
                {
                    if (PolicyEvaluator.RuleMatches(rules[j], request))
                    {
                        var first = evaluator.Evaluate(request).MatchedRule;
                        if (first < j)
                        {
                            coveredBy[j].Add(first);
                        }
                    }
                }
            }

            var found = RuleReachability.Find(policy).ToDictionary(u => u.RuleIndex);
            reported += found.Count;
            for (var j = 1; j < rules.Count; j++)
            {
                // A rule nothing can match at all (e.g. resourceNames with a pattern nothing in the alphabet hits) is
                // matched by no request: brute force and the check agree that it is not "covered".
                var matchable = requests.Any(r => PolicyEvaluator.RuleMatches(rules[j], r));
                var unreachable = matchable && !reached.Contains(j);
                Assert.True(unreachable == found.ContainsKey(j), "rule " + j + " of\n" + PolicyYamlWriter.Write(policy));
                if (unreachable)
                {
                    Assert.True(coveredBy[j].SequenceEqual(found[j].CoveringRules), "covering rules of rule " + j + ": expected " + string.Join(",", coveredBy[j]) + ", found " + string.Join(",", found[j].CoveringRules) + " in\n" + PolicyYamlWriter.Write(policy));
                }
            }
        }

        Assert.True(reported > 100, "the generator produced too few unreachable rules to test: " + reported);
    }

    [Fact]
    public void Exceptions_before_general_rules_are_reachable()
    {
        var policy = PolicyLoader.Load("""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            rules:
            - level: None
              users: ["system:kube-proxy"]
              verbs: ["watch"]
              resources: [{group: "", resources: ["endpoints"]}]
            - level: None
              nonResourceURLs: ["/healthz*"]
            - level: Metadata
              resources: [{group: "", resources: ["secrets"]}]
            - level: RequestResponse
            """).Policy!;
        Assert.Empty(RuleReachability.Find(policy));
    }

    [Fact]
    public void A_star_url_rule_behind_a_slash_prefix_is_unreachable()
    {
        var policy = PolicyLoader.Load("""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            rules:
            - level: None
              nonResourceURLs: ["/*"]
            - level: Metadata
              nonResourceURLs: ["*"]
            """).Policy!;
        var found = Assert.Single(RuleReachability.Find(policy));
        Assert.Equal(1, found.RuleIndex);
        Assert.Equal(new[] { 0 }, found.CoveringRules);
        Assert.False(found.SameOutcome);
    }

    [Fact]
    public void A_rule_no_request_matches_is_not_reported_and_its_lint_does_not_throw()
    {
        // "*/*" matches nothing (spec 5.3): the search finds every request of the rule decided (there are none) by no
        // rule, which is no coverage to report; the message once failed to name an empty list of rules.
        var policy = PolicyLoader.Load("""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            rules:
            - level: None
              users: [u]
              resources:
              - group: ""
            - level: Metadata
              resources:
              - group: ""
                resources: ["*/*"]
            """).Policy!;
        Assert.Empty(RuleReachability.Find(policy));
        Assert.DoesNotContain(PolicyLint.Check(policy), f => f.Id == RuleCatalog.UnreachableRule);
    }

    [Fact]
    public void Generated_paths_never_collide_with_the_policys_own_patterns()
    {
        // "/xyz" reaches rule 1; the representative of "under /x, nothing longer" must not start with "/x(any".
        var policy = PolicyLoader.Load("""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            rules:
            - level: None
              nonResourceURLs: ["/x", "/x(any*", "/(any*"]
            - level: Metadata
              nonResourceURLs: ["/x*"]
            - level: Metadata
              nonResourceURLs: ["/*"]
            """).Policy!;
        Assert.Empty(RuleReachability.Find(policy));
    }

    [Fact]
    public void The_same_outcome_counts_what_rules_inherit_from_the_policy()
    {
        var policy = PolicyLoader.Load("""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            omitStages: ["RequestReceived"]
            rules:
            - level: Metadata
              omitStages: ["RequestReceived"]
            - level: Metadata
              omitManagedFields: false
            """).Policy!;
        var found = Assert.Single(RuleReachability.Find(policy));
        Assert.True(found.SameOutcome);
        Assert.True(found.Complete);
    }

    /// <summary>
    /// A rule after a catch-all, behind a thousand exemptions (every one of which decides some of its requests): the
    /// search stays bounded, reports the rule, and names the catch-all that alone matches all of its requests.
    /// </summary>
    [Fact]
    public void A_rule_after_a_catch_all_behind_many_exemptions_is_reported_without_blowing_up()
    {
        var rules = new List<PolicyRule>();
        for (var i = 0; i < 1000; i++)
        {
            rules.Add(new PolicyRule
            {
                Level = AuditLevel.None,
                Users = i % 2 == 0 ? EquatableArray.Create("user-" + i) : EquatableArray<string>.Empty,
                UserGroups = i % 2 == 1 ? EquatableArray.Create("team-" + i) : EquatableArray<string>.Empty,
                Verbs = EquatableArray.Create(i % 3 == 0 ? "get" : "watch"),
                Namespaces = i % 5 == 0 ? EquatableArray.Create("ns-" + i) : EquatableArray<string>.Empty,
                Resources = EquatableArray.Create(new GroupResources { Group = i % 4 == 0 ? "apps" : string.Empty, Resources = EquatableArray.Create("pods", "deployments") }),
            });
        }

        rules.Add(new PolicyRule { Level = AuditLevel.Metadata });
        rules.Add(new PolicyRule { Level = AuditLevel.Request });
        var found = Assert.Single(RuleReachability.Find(new Policy { Rules = new EquatableArray<PolicyRule>(rules) }));
        Assert.Equal(1001, found.RuleIndex);
        Assert.Contains(1000, found.CoveringRules);
        Assert.False(found.SameOutcome);
        var message = Assert.Single(PolicyLint.Check(new Policy { Rules = new EquatableArray<PolicyRule>(rules) }), f => f.Id == RuleCatalog.UnreachableRule).Message;
        Assert.StartsWith("rule 1001 is never reached: every request it matches is decided earlier", message);
    }

    internal static PolicyRule RandomRule(Random random)
    {
        var kind = random.Next(3);
        var rule = new PolicyRule
        {
            Level = AuditLevel.All[random.Next(4)],
            Users = Pick(random, Users),
            UserGroups = Pick(random, Groups),
            Verbs = Pick(random, Verbs),
        };
        if (kind == 0)
        {
            var entries = Enumerable.Range(0, random.Next(1, 3)).Select(_ =>
            {
                var resources = random.Next(4) == 0 ? EquatableArray<string>.Empty : Pick(random, Patterns, allowEmpty: false);
                return new GroupResources
                {
                    Group = random.Next(5) == 0 ? "*" : ApiGroups[random.Next(ApiGroups.Length)],
                    Resources = resources,
                    ResourceNames = resources.IsEmpty ? EquatableArray<string>.Empty : Pick(random, Names),
                };
            });
            return rule with { Resources = new EquatableArray<GroupResources>(entries), Namespaces = Pick(random, Namespaces) };
        }

        return kind == 1 ? rule with { NonResourceURLs = Pick(random, Urls, allowEmpty: false) } : rule;
    }

    internal static IEnumerable<AuditRequest> AllRequests()
    {
        var users = Users.Cast<string?>().Append("other").Append(null).ToArray();
        var groupSets = Subsets(Groups.Append("other").ToArray()).ToArray();
        var verbs = Verbs.Append("list").ToArray();
        foreach (var user in users)
        {
            foreach (var groups in user is null ? new[] { Array.Empty<string>() } : groupSets)
            {
                foreach (var verb in verbs)
                {
                    foreach (var ns in Namespaces.Append("other"))
                    {
                        foreach (var apiGroup in ApiGroups.Append("other"))
                        {
                            foreach (var (resource, sub) in new[] { ("pods", ""), ("pods", "log"), ("pods", "other"), ("nodes", ""), ("nodes", "log"), ("other", ""), ("other", "log") })
                            {
                                foreach (var name in Names.Append("other").Append(""))
                                {
                                    yield return new AuditRequest { User = user, Groups = groups, ResourceRequest = true, Verb = verb, Namespace = ns, ApiGroup = apiGroup, Resource = resource, Subresource = sub, Name = name };
                                }
                            }
                        }
                    }

                    foreach (var path in new[] { "/healthz", "/healthz/etcd", "/api", "/apis/x", "/other" })
                    {
                        yield return new AuditRequest { User = user, Groups = groups, Verb = verb, Path = path };
                    }
                }
            }
        }
    }

    private static EquatableArray<string> Pick(Random random, string[] values, bool allowEmpty = true)
        => allowEmpty && random.Next(2) == 0 ? EquatableArray<string>.Empty : new EquatableArray<string>(values.Where(_ => random.Next(3) == 0).DefaultIfEmpty(values[random.Next(values.Length)]));

    private static IEnumerable<string[]> Subsets(string[] values)
    {
        for (var mask = 0; mask < 1 << values.Length; mask++)
        {
            yield return values.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
        }
    }
}
