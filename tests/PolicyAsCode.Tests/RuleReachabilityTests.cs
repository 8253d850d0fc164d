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

    // Verbs that name objects (get, delete), that never do (deletecollection), that name them only through a field
    // selector (list), that take no subresource (proxy), and one no resource request has (bind, which a non-resource
    // request has: BIND /healthz). "" as a name, "status" as a resource (after namespaces/{ns}/ it is the namespace's
    // subresource) and a URL prefix whose paths are mostly resource requests exercise the received domain.
    private static readonly string[] Verbs = { "get", "delete", "list", "deletecollection", "proxy", "bind" };
    private static readonly string[] Namespaces = { "n1", "" };
    private static readonly string[] ApiGroups = { "", "apps" };
    private static readonly string[] Patterns = { "pods", "pods/*", "pods/log", "*/log", "*", "nodes", "status" };
    private static readonly string[] Names = { "x", "" };
    private static readonly string[] Urls = { "/healthz", "/healthz*", "/api*", "/*", "*", "/api/v1/*" };

    /// <summary>
    /// Random policies over a small alphabet; every request kube-apiserver derives from HTTP requests over that
    /// alphabet plus one unnamed value per attribute (<see cref="AllRequests"/>). A rule is reported unreachable
    /// exactly when some such request matches it and none has it as its first match, and the covering rules are
    /// exactly the ones that decide its requests.
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
            var matchable = new bool[rules.Count];
            var coveredBy = rules.Select(_ => new SortedSet<int>()).ToArray();
            foreach (var request in requests)
            {
                var first = evaluator.Evaluate(request).MatchedRule;
                reached.Add(first);
                for (var j = first < 0 ? rules.Count : first; j < rules.Count; j++)
                {
                    if (PolicyEvaluator.RuleMatches(rules[j], request))
                    {
                        matchable[j] = true;
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
                // A rule no received request matches (verbs [bind] on resources, deletecollection of named objects)
                // is not "covered": brute force and the check agree that earlier rules decide nothing for it.
                var unreachable = matchable[j] && !reached.Contains(j);
                Assert.True(unreachable == found.ContainsKey(j), "rule " + j + " of\n" + PolicyYamlWriter.Write(policy));
                if (unreachable)
                {
                    Assert.True(coveredBy[j].SequenceEqual(found[j].CoveringRules), "covering rules of rule " + j + ": expected " + string.Join(",", coveredBy[j]) + ", found " + string.Join(",", found[j].CoveringRules) + " in\n" + PolicyYamlWriter.Write(policy));
                }
            }
        }

        Assert.True(reported > 100, "the generator produced too few unreachable rules to test: " + reported);
    }

    /// <summary>
    /// Rules that looked reachable only through requests kube-apiserver never receives: a get or delete without a
    /// name (that is a list, a deletecollection), a named deletecollection, a resource "status" in a namespace (that
    /// is the namespace's subresource), a non-resource path of resource shape (that is a resource request).
    /// </summary>
    [Theory]
    [InlineData("""
        - level: None
          verbs: ["get", "delete"]
          resources: [{group: "", resources: ["pods"], resourceNames: ["x"]}]
        - level: Metadata
          verbs: ["get", "delete"]
          resources: [{group: "", resources: ["pods"], resourceNames: ["", "x"]}]
        """)]
    [InlineData("""
        - level: None
          verbs: ["delete"]
          resources: [{group: "", resources: ["pods"]}]
        - level: Metadata
          verbs: ["delete", "deletecollection"]
          resources: [{group: "", resources: ["pods"], resourceNames: ["x"]}]
        """)]
    [InlineData("""
        - level: None
          namespaces: [""]
        - level: Metadata
          resources: [{group: "", resources: ["status"]}]
        """)]
    [InlineData("""
        - level: None
          nonResourceURLs: ["/api/v1/", "/api/v1//*"]
        - level: Metadata
          nonResourceURLs: ["/api/v1/*"]
        """)]
    [InlineData("""
        - level: None
          verbs: ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "proxy", ""]
          resources: [{group: "", resources: ["pods"]}]
        - level: Metadata
          resources: [{group: "", resources: ["pods"]}]
        """)]
    public void Rules_reached_only_by_requests_never_received_are_unreachable(string rules)
    {
        var policy = PolicyLoader.Load("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n" + rules).Policy!;
        var found = Assert.Single(RuleReachability.Find(policy));
        Assert.Equal(1, found.RuleIndex);
        Assert.Equal(new[] { 0 }, found.CoveringRules);
        Assert.True(found.Complete);
        Assert.False(found.SameOutcome);
    }

    /// <summary>
    /// The received requests a prefix of resource shape holds are those that add only slashes: GET /api/v1// is a
    /// non-resource request under /api/v1/*, and it reaches the rule.
    /// </summary>
    [Fact]
    public void A_path_of_only_slashes_under_a_resource_prefix_reaches_the_rule()
    {
        var policy = PolicyLoader.Load("""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            rules:
            - level: None
              nonResourceURLs: ["/api/v1/"]
            - level: Metadata
              nonResourceURLs: ["/api/v1/*"]
            """).Policy!;
        Assert.Empty(RuleReachability.Find(policy));
        Assert.True(RequestInfoFactory.TryParse("GET /api/v1//", out var info, out _));
        Assert.Equal(1, new PolicyEvaluator(policy).Evaluate(info!.ToAuditRequest("u", null)).MatchedRule);
    }

    /// <summary>
    /// A rule that no received request matches at all is not "decided earlier" (PAC0005 names the values that never
    /// match), even behind a catch-all; nor is a covering rule named for the requests it cannot have.
    /// </summary>
    [Fact]
    public void Rules_no_received_request_matches_are_not_reported_as_covered()
    {
        var policy = PolicyLoader.Load("""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            rules:
            - level: None
              verbs: ["deletecollection"]
            - level: None
              verbs: ["get"]
              resources: [{group: "", resources: ["pods"], resourceNames: ["x"]}]
            - level: Metadata
            - level: Request
              verbs: ["bind"]
              resources: [{group: "", resources: ["pods"]}]
            - level: Request
              verbs: ["deletecollection"]
              resources: [{group: "", resources: ["pods"], resourceNames: ["x"]}]
            - level: Request
              verbs: ["get", "deletecollection"]
              resources: [{group: "", resources: ["pods"], resourceNames: ["x"]}]
            """).Policy!;
        var found = RuleReachability.Find(policy);
        Assert.Equal(new[] { 5 }, found.Select(u => u.RuleIndex));

        // Only get pods x is a request of rule 5 (a deletecollection names nothing): rule 1 decides it, not rule 0.
        Assert.Equal(new[] { 1 }, found[0].CoveringRules);
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

    /// <summary>
    /// Every request kube-apiserver derives (RequestInfoFactory) from an HTTP request over the alphabet plus one
    /// unnamed value per attribute ("other"): methods (GET, PUT, DELETE, POST, OPTIONS, and the rules' verbs as
    /// methods, which non-resource requests have) times URL shapes (core and named groups, the proxy path verb,
    /// namespaces/{ns}/ with a named, an unnamed and an empty namespace, resource/name/subresource with empty segments,
    /// a field selector naming the object, non-resource paths), for every subject: each user, none, and every subset
    /// of the rules' groups (an unnamed group changes no rule's match, so it is left out). Methods that give the same
    /// verb as others (PATCH as PUT; an unnamed verb's profile, docs/request-domain.md) add no class, so they stay out.
    /// </summary>
    internal static IEnumerable<AuditRequest> AllRequests()
    {
        var attributes = new HashSet<AuditRequest>();
        foreach (var line in HttpLines())
        {
            if (RequestInfoFactory.TryParse(line, out var info, out var error))
            {
                attributes.Add(info!.ToAuditRequest("u", null) with { Path = info.IsResourceRequest ? string.Empty : info.Path });
            }
            else
            {
                Assert.Fail(line + ": " + error);
            }
        }

        var subjects = new List<(string? User, string[] Groups)> { (null, Array.Empty<string>()) };
        foreach (var user in Users.Append("other"))
        {
            subjects.AddRange(Subsets(Groups).Select(g => ((string?)user, g)));
        }

        foreach (var (user, groups) in subjects)
        {
            foreach (var request in attributes.OrderBy(r => r.ToString(), StringComparer.Ordinal))
            {
                yield return request with { User = user, Groups = groups };
            }
        }
    }

    private static IEnumerable<string> HttpLines()
    {
        var methods = new[] { "GET", "PUT", "DELETE", "POST", "OPTIONS" }.Concat(Verbs.Select(v => v.ToUpperInvariant())).Distinct().ToArray();
        var tails = new List<string> { string.Empty };
        foreach (var resource in new[] { "pods", "nodes", "status", "other" })
        {
            foreach (var name in Names.Append("other"))
            {
                foreach (var sub in new[] { string.Empty, "log", "other" })
                {
                    tails.Add("/" + resource + (name.Length > 0 || sub.Length > 0 ? "/" + name : string.Empty) + (sub.Length > 0 ? "/" + sub : string.Empty));
                }
            }
        }

        foreach (var method in methods)
        {
            foreach (var prefix in new[] { "/api/v1", "/apis/apps/v1", "/apis/other/v1" })
            {
                foreach (var verbPath in new[] { string.Empty, "/proxy" })
                {
                    foreach (var ns in new[] { string.Empty, "/namespaces/n1", "/namespaces/other", "/namespaces/" })
                    {
                        foreach (var tail in tails)
                        {
                            if (verbPath.Length + ns.Length + tail.Length == 0 || (verbPath.Length > 0 && ns.Length + tail.Length == 0))
                            {
                                continue; // /api/v1 is a non-resource path (below); /api/v1/proxy alone is a 500, never audited.
                            }

                            foreach (var query in new[] { string.Empty, "?fieldSelector=metadata.name%3Dx", "?fieldSelector=metadata.name%3Dother" })
                            {
                                yield return method + " " + prefix + verbPath + ns + tail + query;
                            }
                        }
                    }
                }
            }

            foreach (var path in new[] { "/healthz", "/healthz/etcd", "/api", "/api/v1", "/api/v1/", "/api/v1//", "/apis/x", "/other" })
            {
                yield return method + " " + path;
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
