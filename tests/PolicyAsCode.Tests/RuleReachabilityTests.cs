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
    private static readonly string[] Urls = { "/healthz", "/healthz*", "/api*", "*" };

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
                    Assert.Equal(coveredBy[j], found[j].CoveringRules);
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

    private static PolicyRule RandomRule(Random random)
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

    private static IEnumerable<AuditRequest> AllRequests()
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
