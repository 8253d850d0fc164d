using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>The exact requirement check: gaps with examples, and agreement with brute-force evaluation.</summary>
public sealed class RequirementCheckerTests
{
    private const string Calico = """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitStages: ["RequestReceived"]
        rules:
        - level: RequestResponse
          verbs: ["create", "patch", "update", "delete"]
          resources:
          - group: networking.k8s.io
            resources: ["networkpolicies"]
          - group: ""
            resources: ["pods", "namespaces", "serviceaccounts", "endpoints"]
        """;

    private static Policy Load(string yaml)
    {
        var result = PolicyLoader.Load(yaml);
        Assert.True(result.Accepted, result.Error);
        return result.Policy!;
    }

    [Fact]
    public void A_removed_subresource_of_a_served_resource_is_no_gap_from_its_removal()
    {
        var set = new RequirementSet { Name = "T", Requirements = EquatableArray.Create(new Requirement { Group = "apps", Resources = EquatableArray.Create("deployments/rollback"), Verbs = EquatableArray.Create("create") }) };
        var policy = Load("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n");
        Assert.Empty(RequirementChecker.Check(policy, set));
        Assert.Single(RequirementChecker.Check(policy, set, target: (1, 15)));
    }

    [Fact]
    public void Calico_sample_policy_meets_CalicoCloud_and_the_optional_extensions_group_only_matters_before_1_16()
    {
        Assert.Empty(RequirementChecker.Check(Load(Calico), RequirementSets.CalicoCloud));
        Assert.Empty(RequirementChecker.Check(Load(Calico), RequirementSets.CalicoCloud, target: (1, 16)));
        var gaps = RequirementChecker.Check(Load(Calico), RequirementSets.CalicoCloud, target: (1, 15));
        Assert.All(gaps, g => Assert.True(g.Requirement.Optional, g.Message));
        Assert.Equal(4, gaps.Count);
        Assert.All(gaps, g => Assert.Equal(GapKind.NotAudited, g.Kind));
        Assert.All(gaps, g => Assert.Equal("extensions", g.Requirement.Group));
    }

    [Fact]
    public void A_missing_verb_is_not_audited()
    {
        var gaps = RequirementChecker.Check(Load(Calico.Replace("\"update\", \"delete\"", "\"update\"")), RequirementSets.CalicoCloud).Where(g => !g.Requirement.Optional).ToList();
        Assert.Equal(5, gaps.Count);
        Assert.All(gaps, g => Assert.Equal(("delete", GapKind.NotAudited), (g.Verb, g.Kind)));
        Assert.Contains("matches no rule, so it is not audited (None); CalicoCloud needs RequestResponse with ResponseComplete kept", gaps[0].Message);
    }

    [Fact]
    public void An_earlier_exemption_is_partial_and_names_who()
    {
        var yaml = Calico.Replace("rules:\n", "rules:\n- level: None\n  users: [\"system:kube-proxy\"]\n  resources:\n  - group: \"\"\n    resources: [\"endpoints\"]\n");
        var gaps = RequirementChecker.Check(Load(yaml), RequirementSets.CalicoCloud, new[] { "KubeProxy", "Changes" }).Where(g => !g.Requirement.Optional).ToList();
        Assert.Equal(4, gaps.Count);
        Assert.All(gaps, g => Assert.Equal(GapKind.PartiallyExempted, g.Kind));
        Assert.Equal("delete endpoints in any namespace by system:kube-proxy is logged at None by rule 'KubeProxy' (index 0); CalicoCloud needs RequestResponse with ResponseComplete kept",
            gaps.Single(g => g.Verb == "delete").Message);
    }

    [Fact]
    public void A_broad_earlier_rule_shadows_and_omitted_stages_count()
    {
        var shadowed = Calico.Replace("rules:\n", "rules:\n- level: Metadata\n  resources:\n  - group: \"\"\n");
        var gaps = RequirementChecker.Check(Load(shadowed), RequirementSets.CalicoCloud).Where(g => !g.Requirement.Optional).ToList();
        Assert.Equal(16, gaps.Count);
        Assert.All(gaps, g => Assert.Equal((GapKind.Shadowed, 0), (g.Kind, g.Decision.MatchedRule)));

        var omitted = Calico.Replace("omitStages: [\"RequestReceived\"]", "omitStages: [\"RequestReceived\", \"ResponseComplete\"]");
        Assert.Equal(20, RequirementChecker.Check(Load(omitted), RequirementSets.CalicoCloud).Count(g => !g.Requirement.Optional));
    }

    [Fact]
    public void GKE_corpus_policy_meets_CalicoCloud_except_known_exemptions()
    {
        var gke = PolicyLoader.LoadFile(Path.Combine(SharedFiles.CorpusDirectory, "gke-configure-helper.yaml")).Policy!;
        var gaps = RequirementChecker.Check(gke, RequirementSets.CalicoCloud).Where(g => !g.Requirement.Optional).ToList();

        // GKE drops endpoint updates by the controllers in kube-system and some namespace reads: partial exemptions.
        Assert.Contains(gaps, g => g.Kind == GapKind.PartiallyExempted && g.Resource == "endpoints" && g.Verb == "update" && g.Example.User == "system:kube-controller-manager");
        Assert.DoesNotContain(gaps, g => g.Kind != GapKind.PartiallyExempted);
    }

    /// <summary>
    /// Differential test: random policies over a small alphabet, every request over that alphabet (all group
    /// subsets), first-match evaluation; the checker reports a gap exactly when some request is recorded too low,
    /// and classifies it by the typical request as brute force does.
    /// </summary>
    [Fact]
    public void Agrees_with_brute_force_evaluation()
    {
        var random = new Random(1125);
        string[] users = { "u1", "u2" }, groups = { "g1", "g2" }, namespaces = { "n1", "" }, names = { "x", "" };
        string[] verbs = { "get", "delete" };
        var requirement = new Requirement { Group = "", Resources = EquatableArray.Create("pods"), Verbs = EquatableArray.Create("delete"), MinimumLevel = AuditLevel.Request, KeptStages = EquatableArray.Create<AuditStage>(Stage.ResponseComplete) };
        var set = new RequirementSet { Name = "T", Requirements = EquatableArray.Create(requirement) };
        for (var iteration = 0; iteration < 3000; iteration++)
        {
            var rules = new List<PolicyRule>();
            var count = random.Next(1, 6);
            for (var i = 0; i < count; i++)
            {
                rules.Add(new PolicyRule
                {
                    Level = AuditLevel.All[random.Next(4)],
                    Users = Pick(random, users),
                    UserGroups = Pick(random, groups),
                    Verbs = Pick(random, verbs),
                    Namespaces = Pick(random, namespaces),
                    Resources = random.Next(3) == 0 ? EquatableArray<GroupResources>.Empty : EquatableArray.Create(new GroupResources
                    {
                        Group = random.Next(4) == 0 ? "apps" : "",
                        Resources = random.Next(3) == 0 ? EquatableArray<string>.Empty : EquatableArray.Create(random.Next(2) == 0 ? "pods" : "pods/*"),
                        ResourceNames = Pick(random, names),
                    }),
                    OmitStages = random.Next(4) == 0 ? EquatableArray.Create<AuditStage>(Stage.ResponseComplete) : EquatableArray<AuditStage>.Empty,
                });
            }

            var policy = new Policy { Rules = new EquatableArray<PolicyRule>(rules.Select(Fix)) };
            if (PolicyValidator.Validate(policy).Count > 0)
            {
                continue;
            }

            var evaluator = new PolicyEvaluator(policy);
            bool Bad(AuditDecision d) => !d.Level.AtLeast(requirement.MinimumLevel) || (d.OmitStages & StageSet.ResponseComplete) != 0;
            var anyBad = false;
            foreach (var user in users.Append("other"))
            {
                foreach (var groupSet in Subsets(groups.Append("other").ToArray()))
                {
                    foreach (var ns in namespaces.Append("other"))
                    {
                        foreach (var name in names.Append("other"))
                        {
                            var request = new AuditRequest { User = user, Groups = groupSet, ResourceRequest = true, Verb = "delete", Namespace = ns, Resource = "pods", Name = name };
                            anyBad |= Bad(evaluator.Evaluate(request));
                        }
                    }
                }
            }

            var typical = evaluator.Evaluate(new AuditRequest { User = "other", ResourceRequest = true, Verb = "delete", Namespace = "other", Resource = "pods", Name = "other" });
            var gaps = RequirementChecker.Check(policy, set);
            Assert.Equal(anyBad, gaps.Count == 1);
            if (anyBad)
            {
                var gap = gaps[0];
                Assert.Equal(Bad(typical) ? (typical.MatchedRule < 0 ? GapKind.NotAudited : GapKind.Shadowed) : GapKind.PartiallyExempted, gap.Kind);
                Assert.True(Bad(evaluator.Evaluate(gap.Example)));
                Assert.Equal(gap.Decision, evaluator.Evaluate(gap.Example));
            }
        }
    }

    private static PolicyRule Fix(PolicyRule rule)
        => rule.Resources.Any(gr => gr.Resources.IsEmpty && !gr.ResourceNames.IsEmpty)
            ? rule with { Resources = new EquatableArray<GroupResources>(rule.Resources.Select(gr => gr with { ResourceNames = EquatableArray<string>.Empty })) }
            : rule;

    private static EquatableArray<string> Pick(Random random, string[] values)
        => random.Next(2) == 0 ? EquatableArray<string>.Empty : new EquatableArray<string>(values.Where(_ => random.Next(2) == 0).DefaultIfEmpty(values[0]));

    private static IEnumerable<string[]> Subsets(string[] values)
    {
        for (var mask = 0; mask < 1 << values.Length; mask++)
        {
            yield return values.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
        }
    }
}
