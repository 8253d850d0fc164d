using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>PAC0012: values another value of the same rule already matches, judged with the evaluator's matchers.</summary>
public sealed class RedundantValueLintTests
{
    private static readonly string[] UserNames = { "u1", "u2" };
    private static readonly string[] GroupNames = { "g1", "g2" };
    private static readonly string[] VerbNames = { "get", "delete" };
    private static readonly string[] NamespaceNames = { "n1", "" };
    private static readonly string[] ApiGroups = { "", "apps", "*" };
    private static readonly string[] Patterns = { "pods", "pods/*", "pods/log", "*/log", "*", "nodes", "*/*", "pods/status", "*/status" };
    private static readonly string[] ObjectNames = { "x", "y" };
    private static readonly string[] Urls = { "/healthz", "/healthz*", "/api*", "/api/v1", "/api/*", "/*", "*", "/api" };

    private static List<LintFinding> Redundant(string rules)
    {
        var result = PolicyLoader.Load("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n" + rules, new PolicyLoadOptions { AllowGroupWildcard = true });
        Assert.True(result.Accepted, result.Error);
        return PolicyLint.Check(result.Policy!).Where(f => f.Id == RuleCatalog.RedundantValue).ToList();
    }

    [Theory]
    [InlineData("verbs: [get, list, get]", "verbs", 2, "'get' is already in verbs (item 0); values are compared exactly, so removing it changes nothing", "rules[0].verbs[2]")]
    [InlineData("users: [a, b, b]", "users", 2, "'b' is already in users (item 1); values are compared exactly, so removing it changes nothing", "rules[0].users[2]")]
    [InlineData("userGroups: [a, a]", "userGroups", 1, "'a' is already in userGroups (item 0); values are compared exactly, so removing it changes nothing", "rules[0].userGroups[1]")]
    [InlineData("namespaces: ['', kube-system, '']", "namespaces", 2, "'' is already in namespaces (item 0); values are compared exactly, so removing it changes nothing", "rules[0].namespaces[2]")]
    [InlineData("nonResourceURLs: [/healthz, /healthz]", "nonResourceURLs", 1, "'/healthz' is already in nonResourceURLs (item 0), so removing it changes nothing", "rules[0].nonResourceURLs[1]")]
    [InlineData("nonResourceURLs: [/api/v1, /api/*]", "nonResourceURLs", 0, "'/api/v1' is already matched by '/api/*' (item 1): every path it matches, that one matches too, so removing it changes nothing", "rules[0].nonResourceURLs[0]")]
    [InlineData("nonResourceURLs: ['*', /healthz*]", "nonResourceURLs", 1, "'/healthz*' is already matched by '*' (item 0): every path it matches, that one matches too, so removing it changes nothing", "rules[0].nonResourceURLs[1]")]
    [InlineData("nonResourceURLs: [/api*, /api/v1*]", "nonResourceURLs", 1, "'/api/v1*' is already matched by '/api*' (item 0): every path it matches, that one matches too, so removing it changes nothing", "rules[0].nonResourceURLs[1]")]
    public void Repeated_and_covered_values_of_one_list(string field, string name, int item, string message, string path)
    {
        var finding = Assert.Single(Redundant("- level: None\n  " + field + "\n"));
        Assert.Equal(message, finding.Message);
        Assert.Equal(name, finding.Field);
        Assert.Equal(item, finding.ItemIndex);
        Assert.Equal(-1, finding.ResourceIndex);
        Assert.True(finding.Removable);
        Assert.Equal(path, finding.Path.PositionKey);
    }

    [Theory]
    [InlineData("[pods, '*']", 0, "'pods' is already matched by '*' (item 1) of this entry: every resource and subresource it matches, that one matches too, so removing it changes nothing", 1)]
    [InlineData("[pods/*, pods/log]", 1, "'pods/log' is already matched by 'pods/*' (item 0) of this entry: every resource and subresource it matches, that one matches too, so removing it changes nothing", 0)]
    [InlineData("[pods, pods/*]", 0, "'pods' is already matched by 'pods/*' (item 1) of this entry: every resource and subresource it matches, that one matches too, so removing it changes nothing", 1)]
    [InlineData("[pods/status, '*/status']", 0, "'pods/status' is already matched by '*/status' (item 1) of this entry: every resource and subresource it matches, that one matches too, so removing it changes nothing", 1)]
    [InlineData("[pods, secrets, pods]", 2, "'pods' is already in this entry's resources (item 0), so removing it changes nothing", 0)]
    public void Covered_patterns_of_one_entry(string resources, int item, string message, int by)
    {
        var finding = Assert.Single(Redundant("- level: None\n  resources:\n  - group: \"\"\n    resources: " + resources + "\n"));
        Assert.Equal(message, finding.Message);
        Assert.Equal(("resources", item, 0), (finding.Field, finding.ItemIndex, finding.ResourceIndex));
        Assert.Equal(new PolicyPath(0, "resources", 0, by), finding.CoveredBy);
        Assert.Equal("rules[0].resources[0].resources[" + item + "]", finding.Path.PositionKey);
    }

    [Theory]
    [InlineData("[pods, '*/*']")] // "*/*" matches nothing: PAC0012 does not call it covered
    [InlineData("[pods, pods/log]")] // "pods" does not match pods/log
    [InlineData("['*/status', pods/*]")]
    [InlineData("[pods/*, '*/log']")]
    [InlineData("[pods/log, '*/logs']")]
    public void Overlapping_patterns_that_each_match_something_the_other_does_not_are_not_reported(string resources)
        => Assert.Empty(Redundant("- level: None\n  resources:\n  - group: \"\"\n    resources: " + resources + "\n"));

    [Fact]
    public void Paths_that_only_a_star_matches_keep_star_next_to_a_slash_prefix()
        => Assert.DoesNotContain(Redundant("- level: None\n  nonResourceURLs: [/*, '*']\n"), f => f.ItemIndex == 1);

    [Fact]
    public void Entries_covered_by_another_entry_are_reported_as_a_whole()
    {
        var findings = Redundant("""
            - level: None
              resources:
              - group: ""
                resources: [pods, secrets]
              - group: ""
                resources: [secrets, pods]
              - group: apps
                resources: [deployments]
                resourceNames: [a]
              - group: apps
              - group: "*"
                resources: [configmaps]
              - group: ""
                resources: [configmaps]
                resourceNames: [b, b]
            """);
        Assert.Equal(
            new[]
            {
                "rules[0].resources[1]: this resources entry repeats resources entry 0 (the core group: pods, secrets), so removing it changes nothing",
                "rules[0].resources[2]: this resources entry (group 'apps': deployments named 'a') matches only requests that resources entry 3 (every resource of group 'apps') matches too, so removing it changes nothing",
                "rules[0].resources[5]: this resources entry (the core group: configmaps named 'b') matches only requests that resources entry 4 (group '*': configmaps) matches too, so removing it changes nothing",
            },
            findings.Select(f => f.Path.PositionKey + ": " + f.Message));
        Assert.Equal(new PolicyPath(0, string.Empty, 0), findings[0].CoveredBy);
        Assert.All(findings, f => Assert.Equal(string.Empty, f.Field));
    }

    [Fact]
    public void Patterns_covered_by_another_entry_name_it()
    {
        var findings = Redundant("""
            - level: None
              resources:
              - group: ""
                resources: [pods, secrets]
                resourceNames: [a]
              - group: ""
                resources: [pods/*]
              - group: ""
                resources: [configmaps, secrets]
                resourceNames: [a]
            """);
        Assert.Equal(
            new[]
            {
                "rules[0].resources[0].resources[0]: 'pods' is already matched by 'pods/*' (item 0) of resources entry 1 (the core group: pods/*), so removing it changes nothing",
                "rules[0].resources[2].resources[1]: 'secrets' is already in resources entry 0 (the core group: pods, secrets named 'a'), which has the same group and names, so removing it changes nothing",
            },
            findings.Select(f => f.Path.PositionKey + ": " + f.Message));
        Assert.Equal(new PolicyPath(0, "resources", 1, 0), findings[0].CoveredBy);
    }

    [Fact]
    public void An_entry_whose_patterns_other_entries_cover_goes_as_a_whole()
    {
        // No single entry covers entry 0 (their names differ), but each of its patterns has one. Removing the patterns
        // one by one would leave an entry without resources, which matches the whole group: the entry goes instead.
        var findings = Redundant("""
            - level: None
              resources:
              - group: ""
                resources: [pods, secrets]
                resourceNames: [a]
              - group: ""
                resources: [pods]
              - group: ""
                resources: [secrets, configmaps]
            """);
        var finding = Assert.Single(findings);
        Assert.Equal("rules[0].resources[0]", finding.Path.PositionKey);
        Assert.Equal("this resources entry (the core group: pods, secrets named 'a') matches only requests that other entries match too: 'pods' by resources entry 1 (the core group: pods) and 'secrets' by resources entry 2 (the core group: secrets, configmaps), so removing it changes nothing", finding.Message);
        Assert.Null(finding.CoveredBy);
    }

    [Fact]
    public void Repeated_resource_names_are_reported_and_names_never_cover_by_wildcard()
    {
        var findings = Redundant("""
            - level: None
              resources:
              - group: ""
                resources: [pods]
                resourceNames: [a, "*", a, b]
            """);
        var finding = Assert.Single(findings);
        Assert.Equal("'a' is already in this entry's resourceNames (item 0); values are compared exactly, so removing it changes nothing", finding.Message);
        Assert.Equal("rules[0].resources[0].resourceNames[2]", finding.Path.PositionKey);
    }

    [Fact]
    public void A_value_repeated_under_a_wildcard_is_covered_by_the_wildcard()
    {
        // Both "pods" go; each message names what stays.
        var findings = Redundant("- level: None\n  resources:\n  - group: \"\"\n    resources: [pods, '*', pods]\n");
        Assert.Equal(new[] { 0, 2 }, findings.Select(f => f.ItemIndex));
        Assert.All(findings, f => Assert.Equal(new PolicyPath(0, "resources", 0, 1), f.CoveredBy));
    }

    [Fact]
    public void Huge_lists_are_checked_in_linear_time_for_repetitions()
    {
        var resources = string.Join(", ", Enumerable.Range(0, 5000).Select(i => "r" + i + "/*")) + ", r1/*";
        var findings = Redundant("- level: None\n  resources:\n  - group: \"\"\n    resources: [" + resources + "]\n");
        var finding = Assert.Single(findings);
        Assert.Equal(5000, finding.ItemIndex);
    }

    /// <summary>
    /// Random rules over a small alphabet, many with repeated or covered values: removing every reported item at once
    /// (whole entries, then items from the back) leaves the policy's decision unchanged for every request over that
    /// alphabet plus one unnamed value per attribute, and each item's coverer alone matches every request the item
    /// matches.
    /// </summary>
    [Fact]
    public void Removing_every_reported_value_changes_no_decision()
    {
        var random = new Random(1207);
        var requests = AllRequests().ToList();
        var reported = 0;
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        for (var iteration = 0; iteration < 800; iteration++)
        {
            var rules = Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomRule(random)).ToList();
            var policy = new Policy { Rules = new EquatableArray<PolicyRule>(rules) };
            if (PolicyValidator.Validate(policy).Count > 0)
            {
                continue;
            }

            List<LintFinding> findings;
            try
            {
                findings = PolicyLint.Check(policy).Where(f => f.Id == RuleCatalog.RedundantValue).ToList();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new InvalidOperationException(PolicyYamlWriter.Write(policy), e);
            }

            reported += findings.Count;
            foreach (var f in findings)
            {
                kinds.Add(f.Field);
                if (f.CoveredBy is null)
                {
                    // Only an entry that several others cover together.
                    Assert.Equal((string.Empty, -1), (f.Field, f.ItemIndex));
                    continue;
                }

                Assert.DoesNotContain(findings, g => g.RuleIndex == f.CoveredBy!.Value.RuleIndex && g.Field == f.CoveredBy.Value.Field && g.ResourceIndex == f.CoveredBy.Value.EntryIndex && g.ItemIndex == f.CoveredBy.Value.ItemIndex);
            }

            var stripped = Without(policy, findings);
            Assert.Empty(PolicyValidator.Validate(stripped));
            Assert.True(!PolicyLint.Check(stripped).Any(f => f.Id == RuleCatalog.RedundantValue), PolicyYamlWriter.Write(policy) + "\nstripped:\n" + PolicyYamlWriter.Write(stripped));
            var before = new PolicyEvaluator(policy);
            var after = new PolicyEvaluator(stripped);
            foreach (var request in requests)
            {
                Assert.True(before.Evaluate(request).Equals(after.Evaluate(request)), "request " + request + " of\n" + PolicyYamlWriter.Write(policy) + "\nafter removing\n" + string.Join("\n", findings.Select(f => f.Path.PositionKey)));
            }
        }

        Assert.True(reported > 500, "the generator produced too few redundant values to test: " + reported);
        Assert.Equal(new[] { string.Empty, "namespaces", "nonResourceURLs", "resourceNames", "resources", "userGroups", "users", "verbs" }, kinds.OrderBy(k => k, StringComparer.Ordinal));
    }

    /// <summary>The corpus policies with their redundant values removed decide every evaluation vector's request and FEATURES.md's requests as before.</summary>
    [Fact]
    public void Removing_the_corpus_redundant_values_changes_no_decision_of_the_vector_requests()
    {
        var requests = Vectors.Load("evaluation-vectors.yaml").Values.Select(v => EvaluationVectorTests.ToRequest(Vectors.Mapping(v, "request")!)).ToList();
        var files = 0;
        foreach (var file in Directory.GetFiles(SharedFiles.CorpusDirectory, "*.yaml"))
        {
            var result = PolicyLoader.LoadFile(file);
            if (!result.Accepted)
            {
                continue;
            }

            var findings = PolicyLint.Check(result.Policy!).Where(f => f.Id == RuleCatalog.RedundantValue).ToList();
            if (findings.Count == 0)
            {
                continue;
            }

            files++;
            var stripped = Without(result.Policy!, findings);
            var policyRequests = requests.Concat(AllRequests(result.Policy!)).ToList();
            var before = new PolicyEvaluator(result.Policy!);
            var after = new PolicyEvaluator(stripped);
            Assert.All(policyRequests, r => Assert.Equal(before.Evaluate(r), after.Evaluate(r)));
        }

        Assert.Equal(5, files);
    }

    /// <summary>The policy without the reported items: each list keeps the items not reported, then the entries not reported go.</summary>
    private static Policy Without(Policy policy, List<LintFinding> findings)
    {
        var rules = policy.Rules.ToList();
        foreach (var byRule in findings.GroupBy(f => f.RuleIndex))
        {
            var rule = rules[byRule.Key];
            var entries = rule.Resources.Select((e, k) => e with
            {
                Resources = Keep(rule.Resources[k].Resources, byRule.Where(f => f.ResourceIndex == k && f.Field == "resources").Select(f => f.ItemIndex)),
                ResourceNames = Keep(rule.Resources[k].ResourceNames, byRule.Where(f => f.ResourceIndex == k && f.Field == "resourceNames").Select(f => f.ItemIndex)),
            }).ToList();
            var gone = byRule.Where(f => f.ResourceIndex >= 0 && f.Field == string.Empty).Select(f => f.ResourceIndex).ToHashSet();
            rules[byRule.Key] = rule with
            {
                Verbs = Keep(rule.Verbs, Items(byRule, "verbs")),
                Users = Keep(rule.Users, Items(byRule, "users")),
                UserGroups = Keep(rule.UserGroups, Items(byRule, "userGroups")),
                Namespaces = Keep(rule.Namespaces, Items(byRule, "namespaces")),
                NonResourceURLs = Keep(rule.NonResourceURLs, Items(byRule, "nonResourceURLs")),
                Resources = new EquatableArray<GroupResources>(entries.Where((_, k) => !gone.Contains(k))),
            };
        }

        return policy with { Rules = new EquatableArray<PolicyRule>(rules) };
    }

    private static IEnumerable<int> Items(IEnumerable<LintFinding> findings, string field) => findings.Where(f => f.Field == field && f.ResourceIndex < 0).Select(f => f.ItemIndex);

    private static EquatableArray<string> Keep(EquatableArray<string> values, IEnumerable<int> removed)
    {
        var gone = removed.ToHashSet();
        return new EquatableArray<string>(values.Where((_, i) => !gone.Contains(i)));
    }

    private static PolicyRule RandomRule(Random random)
    {
        string[] Pick(string[] from, int max) => Enumerable.Range(0, random.Next(0, max + 1)).Select(_ => from[random.Next(from.Length)]).ToArray();

        var rule = new PolicyRule
        {
            Level = random.Next(2) == 0 ? AuditLevel.None : AuditLevel.Metadata,
            Users = new EquatableArray<string>(random.Next(3) == 0 ? Pick(UserNames, 3) : Array.Empty<string>()),
            UserGroups = new EquatableArray<string>(random.Next(4) == 0 ? Pick(GroupNames, 3) : Array.Empty<string>()),
            Verbs = new EquatableArray<string>(random.Next(2) == 0 ? Pick(VerbNames, 3) : Array.Empty<string>()),
        };
        if (random.Next(4) == 0)
        {
            return rule with { NonResourceURLs = new EquatableArray<string>(Pick(Urls, 4)) };
        }

        var entries = Enumerable.Range(0, random.Next(0, 4)).Select(_ =>
        {
            var patterns = random.Next(5) == 0 ? Array.Empty<string>() : Pick(Patterns, 4);
            return new GroupResources
            {
                Group = ApiGroups[random.Next(ApiGroups.Length)],
                Resources = new EquatableArray<string>(patterns),
                ResourceNames = new EquatableArray<string>(patterns.Length > 0 && random.Next(3) == 0 ? Pick(ObjectNames, 3) : Array.Empty<string>()),
            };
        }).ToArray();
        return rule with
        {
            Resources = new EquatableArray<GroupResources>(entries),
            Namespaces = new EquatableArray<string>(random.Next(4) == 0 ? Pick(NamespaceNames, 3) : Array.Empty<string>()),
        };
    }

    /// <summary>Every request over the alphabet plus one unnamed value per attribute (and the paths each URL tells apart).</summary>
    private static IEnumerable<AuditRequest> AllRequests()
    {
        var subjects = new (string? User, string[] Groups)[] { (null, Array.Empty<string>()), ("u1", new[] { "g1" }), ("u2", new[] { "g2", "g1" }), ("other", new[] { "other" }) };
        var paths = new[] { "/healthz", "/healthz/x", "/healthzx", "/api", "/api/", "/api/v1", "/api/v2", "/apis", "/other", "/", "*", "x" };
        foreach (var (user, groups) in subjects)
        {
            foreach (var verb in VerbNames.Append("list"))
            {
                foreach (var path in paths)
                {
                    yield return new AuditRequest { User = user, Groups = groups, Verb = verb, Path = path };
                }

                foreach (var ns in NamespaceNames.Append("other"))
                {
                    foreach (var group in new[] { "", "apps", "other" })
                    {
                        foreach (var resource in new[] { "pods", "nodes", "other" })
                        {
                            foreach (var sub in new[] { "", "log", "status", "other" })
                            {
                                foreach (var name in ObjectNames.Append(string.Empty))
                                {
                                    yield return new AuditRequest { User = user, Groups = groups, Verb = verb, ResourceRequest = true, Namespace = ns, ApiGroup = group, Resource = resource, Subresource = sub, Name = name };
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>For a corpus policy: one request per resource, subresource and path its rules name, for its users, verbs and namespaces.</summary>
    private static IEnumerable<AuditRequest> AllRequests(Policy policy)
    {
        var rules = policy.Rules.ToList();
        var users = rules.SelectMany(r => r.Users).Append("other").Distinct();
        var verbs = rules.SelectMany(r => r.Verbs).Append("get").Distinct().ToList();
        var namespaces = rules.SelectMany(r => r.Namespaces).Append("other").Distinct().ToList();
        var cells = rules.SelectMany(r => r.Resources).SelectMany(e => e.Resources.Select(p => (e.Group, p))).Distinct().ToList();
        foreach (var user in users)
        {
            foreach (var verb in verbs)
            {
                foreach (var ns in namespaces)
                {
                    foreach (var (group, pattern) in cells)
                    {
                        var slash = pattern.IndexOf('/');
                        var resource = slash < 0 ? pattern : pattern.Substring(0, slash);
                        var sub = slash < 0 ? string.Empty : pattern.Substring(slash + 1);
                        foreach (var s in new[] { sub, string.Empty, "other" })
                        {
                            yield return new AuditRequest { User = user, Groups = new[] { "system:authenticated" }, Verb = verb, ResourceRequest = true, Namespace = ns, ApiGroup = group == "*" ? "other" : group, Resource = resource == "*" ? "other" : resource, Subresource = s == "*" ? "other" : s };
                        }
                    }
                }
            }
        }
    }
}
