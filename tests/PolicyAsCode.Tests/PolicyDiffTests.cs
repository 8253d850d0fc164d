using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>Behaviour diff: exact against brute force, grouped by deciding rules, concrete examples, bounded work.</summary>
public sealed class PolicyDiffTests
{
    private static Policy Corpus(string file, bool asV1 = false)
    {
        var text = File.ReadAllText(Path.Combine(SharedFiles.CorpusDirectory, file));
        var result = PolicyLoader.Load(asV1 ? text.Replace("audit.k8s.io/v1beta1", "audit.k8s.io/v1") : text);
        Assert.True(result.Accepted, result.Error);
        return result.Policy!;
    }

    private static Policy Load(string yaml) => PolicyLoader.Load(yaml).Policy!;

    [Fact]
    public void Finds_the_EKS_Anywhere_v1beta1_to_v1_regression()
    {
        var differences = PolicyDiff.Compare(Corpus("eks-anywhere-v1beta1.yaml", asV1: true), Corpus("eks-anywhere-v1-rendered.yaml"));

        // FEATURES.md §5.6: the v1 policy dropped userGroups from the node-read exemption, so every user's
        // read of nodes is None under v1 (rule 3) while it was Request under v1beta1 (rule 14).
        var nodes = Assert.Single(differences);
        Assert.Equal((14, 3), (nodes.Old.MatchedRule, nodes.New.MatchedRule));
        Assert.Equal(("get", "nodes", AuditLevel.Request, AuditLevel.None), (nodes.Example.Verb, nodes.Example.Resource, nodes.Old.Level, nodes.New.Level));
        Assert.DoesNotContain("system:nodes", nodes.Example.Groups);
        Assert.Equal("Request omitting RequestReceived (rule 14) -> None (rule 3): 2 kinds of request, e.g. get nodes named example (cluster scope) by jane (groups system:authenticated) (GET /api/v1/nodes/example)", PolicyDiff.Describe(nodes));
    }

    [Fact]
    public void One_changed_level_is_one_group_with_a_concrete_example()
    {
        var differences = PolicyDiff.Compare(Corpus("openshift-default.yaml"), Corpus("openshift-writerequestbodies.yaml"));
        var group = Assert.Single(differences);
        Assert.Equal((3, 3), (group.Old.MatchedRule, group.New.MatchedRule));
        Assert.Equal((AuditLevel.Metadata, AuditLevel.RequestResponse), (group.Old.Level, group.New.Level));
        AssertConcrete(group.Example);
    }

    [Theory]
    [InlineData("gke-configure-helper.yaml")]
    [InlineData("openshift-default.yaml")]
    [InlineData("kubespray.yaml")]
    public void A_file_and_its_round_trip_do_not_differ(string file)
    {
        var policy = Corpus(file);
        var roundTrip = PolicyLoader.Load(PolicyYamlWriter.Write(policy)).Policy!;
        Assert.Empty(PolicyDiff.Compare(policy, roundTrip));
    }

    [Fact]
    public void Paths_under_a_prefix_are_represented_even_when_a_pattern_spells_the_generated_name()
    {
        // "/xyz" is Metadata before and None after; the path standing for "under /x" must not start with "/xexample".
        var before = Load("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  nonResourceURLs: [\"/x\", \"/xexample*\"]\n- level: Metadata\n");
        var after = Load("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  nonResourceURLs: [\"/x*\"]\n- level: Metadata\n");
        var differences = PolicyDiff.Compare(before, after);
        var group = Assert.Single(differences);
        Assert.False(group.Example.ResourceRequest);
        Assert.StartsWith("/x", group.Example.Path, StringComparison.Ordinal);
        Assert.False(group.Example.Path.StartsWith("/xexample", StringComparison.Ordinal), group.Example.Path);
        Assert.Equal((AuditLevel.Metadata, AuditLevel.None), (group.Old.Level, group.New.Level));
    }

    [Fact]
    public void Needs_two_groups_to_see_some_differences()
    {
        var a = Load("apiVersion: audit.k8s.io/v1\nrules:\n- level: None\n  userGroups: [\"g1\"]\n- level: Metadata\n  userGroups: [\"g2\"]\n");
        var b = Load("apiVersion: audit.k8s.io/v1\nrules:\n- level: Metadata\n  userGroups: [\"g2\"]\n- level: None\n  userGroups: [\"g1\"]\n");
        var differences = PolicyDiff.Compare(a, b);
        var both = Assert.Single(differences);
        Assert.Contains("g1", both.Example.Groups);
        Assert.Contains("g2", both.Example.Groups);
        Assert.StartsWith("None (rule 0) -> Metadata (rule 0): ", PolicyDiff.Describe(both));
    }

    /// <summary>
    /// Random pairs of policies over a small alphabet (independent ones, and a policy with a few edits), against
    /// brute-force first-match evaluation of every request kube-apiserver derives from HTTP requests over that alphabet
    /// (<see cref="RuleReachabilityTests.AllRequests"/>): exactly the pairs of deciding rules with different outcomes
    /// are reported; every example is receivable, can succeed when some request of its group can, and is decided by
    /// the reported rules with the reported decisions, also when derived again from its HTTP request.
    /// </summary>
    [Fact]
    public void Agrees_with_brute_force_evaluation()
    {
        var random = new Random(1210);
        var requests = RuleReachabilityTests.AllRequests().ToList();
        var checkedPairs = 0;
        var differing = 0;
        for (var iteration = 0; iteration < 300; iteration++)
        {
            var oldPolicy = RandomPolicy(random);
            var newPolicy = iteration % 2 == 0 ? RandomPolicy(random) : Edited(oldPolicy, random);
            if (PolicyValidator.Validate(oldPolicy).Count > 0 || PolicyValidator.Validate(newPolicy).Count > 0)
            {
                continue;
            }

            checkedPairs++;
            var oldEvaluator = new PolicyEvaluator(oldPolicy);
            var newEvaluator = new PolicyEvaluator(newPolicy);
            var expected = new SortedSet<(int, int)>();
            var canSucceed = new HashSet<(int, int)>();
            foreach (var request in requests)
            {
                var before = oldEvaluator.Evaluate(request);
                var after = newEvaluator.Evaluate(request);
                if (!SameOutcome(before, after))
                {
                    expected.Add((before.MatchedRule, after.MatchedRule));
                    if (RequestDomain.Succeeds(request)) // CanSucceed, from the structure (RequestDomainTests prove them equal)
                    {
                        canSucceed.Add((before.MatchedRule, after.MatchedRule));
                    }
                }
            }

            var differences = PolicyDiff.Compare(oldPolicy, newPolicy);
            var found = new SortedSet<(int, int)>(differences.Select(d => (d.Old.MatchedRule, d.New.MatchedRule)));
            Assert.True(expected.SetEquals(found), "iteration " + iteration + ": expected " + string.Join(" ", expected) + ", found " + string.Join(" ", found) + "\n" + PolicyYamlWriter.Write(oldPolicy) + "---\n" + PolicyYamlWriter.Write(newPolicy));
            Assert.Equal(found.Count, differences.Count);
            foreach (var d in differences)
            {
                Assert.Equal(d.Old, oldEvaluator.Evaluate(d.Example));
                Assert.Equal(d.New, newEvaluator.Evaluate(d.Example));
                Assert.False(SameOutcome(d.Old, d.New));
                Assert.True(d.Cases >= 1);
                AssertConcrete(d.Example);
                var http = RequestDomain.ExampleHttp(d.Example);
                Assert.True(http is not null, "not receivable: " + PolicyDiff.Describe(d));
                Assert.True(!canSucceed.Contains((d.Old.MatchedRule, d.New.MatchedRule)) || RequestDomain.CanSucceed(d.Example), "an example that cannot succeed (" + RequestDomain.WhyNotSucceed(d.Example) + ") for a group with requests that can: " + PolicyDiff.Describe(d));
                Assert.True(RequestInfoFactory.TryParse(http!, out var info, out _));
                var derived = info!.ToAuditRequest(d.Example.User, d.Example.Groups);
                Assert.Equal(d.Old, oldEvaluator.Evaluate(derived));
                Assert.Equal(d.New, newEvaluator.Evaluate(derived));
            }

            differing += differences.Count > 0 ? 1 : 0;
        }

        Assert.True(checkedPairs > 180 && differing > 90, checkedPairs + " pairs, " + differing + " with differences");
    }

    [Fact]
    public void Large_policies_are_compared_exactly()
    {
        var policy = GeneratedPolicies.Create(1000, seed: 7);
        Assert.Empty(PolicyDiff.Compare(policy, policy));

        // Rule 500 changes its level: exactly the requests it decides change, in one group (500 -> 500).
        var rules = policy.Rules.ToArray();
        rules[500] = rules[500] with { Level = rules[500].Level == AuditLevel.None ? AuditLevel.RequestResponse : AuditLevel.None };
        var changed = policy with { Rules = new EquatableArray<PolicyRule>(rules) };
        var group = Assert.Single(PolicyDiff.Compare(policy, changed));
        Assert.Equal((500, 500), (group.Old.MatchedRule, group.New.MatchedRule));
        Assert.Equal(group.New, new PolicyEvaluator(changed).Evaluate(group.Example));
    }

    [Fact]
    public void Stops_at_the_work_bound_with_a_clear_message()
    {
        var a = GeneratedPolicies.Create(200, seed: 3);
        var b = a with { Rules = new EquatableArray<PolicyRule>(a.Rules.Reverse()) };
        var error = Assert.Throws<PolicyDiffTooLargeException>(() => PolicyDiff.Compare(a, b, maxSteps: 1000));
        Assert.Equal(1000, error.MaxSteps);
        Assert.StartsWith("comparing these policies needs more than 1,000 steps (the work bound); nothing is reported", error.Message);
        Assert.NotEmpty(PolicyDiff.Compare(a, b));
    }

    private static Policy RandomPolicy(Random random)
        => new()
        {
            Rules = new EquatableArray<PolicyRule>(Enumerable.Range(0, random.Next(1, 6)).Select(_ => RuleReachabilityTests.RandomRule(random))),
            OmitManagedFields = random.Next(4) == 0,
        };

    /// <summary>The policy with one or two edits: a level changed, a rule dropped, two rules swapped or a rule added.</summary>
    private static Policy Edited(Policy policy, Random random)
    {
        var rules = policy.Rules.ToList();
        for (var edits = random.Next(1, 3); edits > 0; edits--)
        {
            var at = random.Next(rules.Count);
            switch (random.Next(4))
            {
                case 0: rules[at] = rules[at] with { Level = AuditLevel.All[random.Next(4)] }; break;
                case 1 when rules.Count > 1: rules.RemoveAt(at); break;
                case 2: (rules[at], rules[0]) = (rules[0], rules[at]); break;
                default: rules.Insert(at, RuleReachabilityTests.RandomRule(random)); break;
            }
        }

        return policy with { Rules = new EquatableArray<PolicyRule>(rules) };
    }

    private static bool SameOutcome(AuditDecision a, AuditDecision b) => a.Level == b.Level && a.OmitStages == b.OmitStages && a.OmitManagedFields == b.OmitManagedFields;

    private static void AssertConcrete(AuditRequest request)
    {
        Assert.NotNull(request.User);
        Assert.NotEmpty(request.Groups);
        foreach (var value in new[] { request.User!, request.Verb, request.Path, request.Namespace, request.ApiGroup, request.Resource, request.Subresource, request.Name }.Concat(request.Groups))
        {
            Assert.DoesNotContain("(any", value, StringComparison.Ordinal);
        }
    }
}
