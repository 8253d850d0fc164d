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

    /// <summary>The cells (verb, resource), kinds, deciding rules and HTTP examples of the non-optional gaps, sorted.</summary>
    private static List<string> Summary(string yaml)
        => RequirementChecker.Check(Load(yaml), RequirementSets.CalicoCloud)
            .Where(g => !g.Requirement.Optional)
            .Select(g => g.Verb + " " + g.Resource + " " + g.Kind + " " + g.Decision.MatchedRule + " " + g.ExampleHttp)
            .OrderBy(x => x, StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void An_empty_resource_name_exempts_exactly_the_creates_and_all_of_them()
    {
        // resourceNames [""] only matches requests without a name: of create/patch/update/delete pods, only create
        // (POST to the collection), and every create. So: one total gap, no partial ones for the named verbs.
        var yaml = Calico.Replace("rules:\n", "rules:\n- level: None\n  resources:\n  - group: \"\"\n    resources: [\"pods\"]\n    resourceNames: [\"\"]\n");
        Assert.Equal(new[] { "create pods Shadowed 0 POST /api/v1/namespaces/team-a/pods" }, Summary(yaml));
    }

    [Fact]
    public void A_rule_restricted_to_the_empty_name_audits_every_create()
    {
        var yaml = Calico.Replace("resources: [\"pods\", \"namespaces\", \"serviceaccounts\", \"endpoints\"]", "resources: [\"namespaces\", \"serviceaccounts\", \"endpoints\"]")
            + "\n  - group: \"\"\n    resources: [\"pods\"]\n    resourceNames: [\"\"]\n";
        Assert.Equal(
            new[]
            {
                "delete pods NotAudited -1 DELETE /api/v1/namespaces/team-a/pods/example",
                "patch pods NotAudited -1 PATCH /api/v1/namespaces/team-a/pods/example",
                "update pods NotAudited -1 PUT /api/v1/namespaces/team-a/pods/example",
            },
            Summary(yaml));
    }

    [Fact]
    public void A_namespace_restriction_never_decides_creating_a_namespace_but_decides_that_namespace_object()
    {
        // POST /api/v1/namespaces carries no namespace; PUT /api/v1/namespaces/kube-system carries its own name.
        var yaml = Calico.Replace("rules:\n", "rules:\n- level: None\n  namespaces: [\"kube-system\"]\n");
        var gaps = RequirementChecker.Check(Load(yaml), RequirementSets.CalicoCloud).Where(g => !g.Requirement.Optional).ToList();
        Assert.DoesNotContain(gaps, g => g.Verb == "create" && g.Resource == "namespaces");
        Assert.All(gaps, g => Assert.Equal((GapKind.PartiallyExempted, 0, "kube-system"), (g.Kind, g.Decision.MatchedRule, g.Example.Namespace)));
        var update = gaps.Single(g => g.Verb == "update" && g.Resource == "namespaces");
        Assert.Equal("PUT /api/v1/namespaces/kube-system", update.ExampleHttp);
        Assert.Equal("update namespaces named kube-system by any user is logged at None by rule 0; CalicoCloud needs RequestResponse with ResponseComplete kept", update.Message);
        Assert.Equal(19, gaps.Count); // 5 resources x 4 verbs, less create namespaces
    }

    [Fact]
    public void Cluster_scoped_resources_never_carry_the_namespaces_a_rule_names()
    {
        var set = new RequirementSet { Name = "T", Requirements = EquatableArray.Create(new Requirement { Resources = EquatableArray.Create("nodes"), Verbs = EquatableArray.Create("delete"), MinimumLevel = AuditLevel.Metadata }) };
        var policy = Load("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  namespaces: [\"kube-system\"]\n- level: Metadata\n");
        Assert.Empty(RequirementChecker.Check(policy, set));
        var gap = Assert.Single(RequirementChecker.Check(Load("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  namespaces: [\"\"]\n- level: Metadata\n"), set));
        Assert.Equal((GapKind.Shadowed, "DELETE /api/v1/nodes/example"), (gap.Kind, gap.ExampleHttp));
    }

    [Fact]
    public void Lists_name_an_object_only_through_a_field_selector_and_subresource_creates_name_their_parent()
    {
        var set = new RequirementSet
        {
            Name = "T",
            Requirements = EquatableArray.Create(new Requirement { Resources = EquatableArray.Create("configmaps", "pods/eviction"), Verbs = EquatableArray.Create("list", "create"), MinimumLevel = AuditLevel.Metadata }),
        };
        var policy = Load("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  resources:\n  - group: \"\"\n    resources: [\"configmaps\", \"pods/eviction\"]\n    resourceNames: [\"kube-root-ca.crt\", \"\"]\n- level: Metadata\n");
        var gaps = RequirementChecker.Check(policy, set).OrderBy(g => g.Verb + g.Resource, StringComparer.Ordinal).ToList();

        // create configmaps names nothing: all of them exempted; a list names kube-root-ca.crt only through the field
        // selector: partial, and so are evictions of the pod of that name; unnamed lists are exempted too, the typical list.
        Assert.Equal(
            new[]
            {
                "create configmaps Shadowed POST /api/v1/namespaces/team-a/configmaps",
                "create pods/eviction PartiallyExempted POST /api/v1/namespaces/team-a/pods/kube-root-ca.crt/eviction",
                "list configmaps Shadowed GET /api/v1/namespaces/team-a/configmaps",
            },
            gaps.Select(g => g.Verb + " " + g.Resource + " " + g.Kind + " " + g.ExampleHttp));
        Assert.DoesNotContain(gaps, g => g.Resource == "pods/eviction" && g.Verb == "list"); // no list of a subresource

        var named = Load("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  resources:\n  - group: \"\"\n    resources: [\"configmaps\", \"pods\"]\n    resourceNames: [\"kube-root-ca.crt\"]\n- level: Metadata\n");
        var list = RequirementChecker.Check(named, set).Single(g => g.Verb == "list");
        Assert.Equal((GapKind.PartiallyExempted, "GET /api/v1/namespaces/team-a/configmaps?fieldSelector=metadata.name%3Dkube-root-ca.crt"), (list.Kind, list.ExampleHttp));
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
    /// Differential test over the requests kube-apiserver can receive and that can succeed: the brute force derives its
    /// requests from real HTTP request lines (methods and URL shapes over a small alphabet, RequestInfoFactory), not
    /// from free attributes, keeps those RequestDomain.CanSucceed admits, and evaluates each with every user and group
    /// subset. Random policies over the same alphabet; per required cell the checker reports a gap exactly when some
    /// such request is recorded too low, classifies it by the typical request as brute force does (a user, namespace
    /// and name no rule names, where the cell's requests carry one; lists name none), and its example is one of them.
    /// </summary>
    [Fact]
    public void Agrees_with_brute_force_evaluation_over_requests_from_real_urls()
    {
        var random = new Random(1125);
        string[] users = { "u1", "u2" }, groups = { "g1", "g2" }, namespaces = { "n1", "", "x" }, names = { "x", "", "n1" };
        string[] verbs = { "get", "delete", "create", "list", "update" };
        string[] patterns = { "pods", "pods/*", "namespaces", "*", "nodes" };
        var requirement = new Requirement
        {
            Group = "",
            Resources = EquatableArray.Create("pods", "pods/eviction", "namespaces", "nodes"),
            Verbs = EquatableArray.Create("create", "delete", "list", "update"),
            MinimumLevel = AuditLevel.Request,
            KeptStages = EquatableArray.Create<AuditStage>(Stage.ResponseComplete),
        };
        var set = new RequirementSet { Name = "T", Requirements = EquatableArray.Create(requirement) };
        var cells = requirement.Resources.SelectMany(r => requirement.Verbs.Select(v => (Verb: v, Resource: r))).ToList();
        var requests = RequestsFromUrls(new[] { "n1", "x", "other" }, new[] { "x", "n1", "other" })
            .Where(r => cells.Contains((r.Verb, Cell(r))) && RequestDomain.CanSucceed(r))
            .ToList();
        Assert.Contains(requests, r => r.Verb == "list" && r.Name == "x");                                  // a field selector
        Assert.Contains(requests, r => r.Resource == "namespaces" && r.Verb == "update" && r.Namespace == "x");  // its own name
        Assert.DoesNotContain(requests, r => r.Verb == "create" && r.Subresource.Length == 0 && r.Name.Length > 0);

        var checkedGaps = 0;
        for (var iteration = 0; iteration < 1500; iteration++)
        {
            var rules = new List<PolicyRule>();
            var count = random.Next(1, 5);
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
                        Group = random.Next(5) == 0 ? "apps" : "",
                        Resources = random.Next(4) == 0 ? EquatableArray<string>.Empty : Pick(random, patterns),
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
            var badCells = new HashSet<(string, string)>();
            foreach (var template in requests)
            {
                foreach (var user in users.Append("other"))
                {
                    foreach (var groupSet in Subsets(groups.Append("other").ToArray()))
                    {
                        if (Bad(evaluator.Evaluate(template with { User = user, Groups = groupSet })))
                        {
                            badCells.Add((template.Verb, Cell(template)));
                        }
                    }
                }
            }

            var gaps = RequirementChecker.Check(policy, set);
            Assert.Equal(badCells.OrderBy(c => c).ToList(), gaps.Select(g => (g.Verb, g.Resource)).OrderBy(c => c).ToList());
            foreach (var gap in gaps)
            {
                var typical = evaluator.Evaluate(Typical(gap.Verb, gap.Resource));
                Assert.Equal(Bad(typical) ? (typical.MatchedRule < 0 ? GapKind.NotAudited : GapKind.Shadowed) : GapKind.PartiallyExempted, gap.Kind);
                Assert.True(Bad(evaluator.Evaluate(gap.Example)));
                Assert.Equal(gap.Decision, evaluator.Evaluate(gap.Example));
                Assert.True(RequestDomain.CanSucceed(gap.Example), gap.Message);

                // The example is a request kube-apiserver receives: its HTTP line derives it again, path included.
                Assert.True(RequestInfoFactory.TryParse(gap.ExampleHttp!, out var info, out var error), error);
                Assert.Equal(gap.Example with { User = null, Groups = Array.Empty<string>() }, info!.ToAuditRequest(null, null));
                checkedGaps++;
            }
        }

        Assert.True(checkedGaps > 1000, checkedGaps.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The cell of a request: resource, or resource/subresource.</summary>
    private static string Cell(AuditRequest r) => r.Subresource.Length == 0 ? r.Resource : r.Resource + "/" + r.Subresource;

    /// <summary>
    /// The typical request of a cell: a user, namespace and name no rule names where the cell's requests carry them
    /// (lists name none; nodes carry no namespace; a namespace object's namespace is its name; creates name only the
    /// parent of a subresource).
    /// </summary>
    private static AuditRequest Typical(string verb, string cell)
    {
        var slash = cell.IndexOf('/');
        var resource = slash < 0 ? cell : cell.Substring(0, slash);
        var subresource = slash < 0 ? string.Empty : cell.Substring(slash + 1);
        var named = verb is "update" or "delete" || (verb == "create" && subresource.Length > 0);
        var name = named ? "other" : string.Empty;
        var ns = resource switch
        {
            "nodes" => string.Empty,
            "namespaces" => verb == "list" ? string.Empty : name,
            _ => "other",
        };
        return new AuditRequest { User = "other", ResourceRequest = true, Verb = verb, Namespace = ns, Resource = resource, Subresource = subresource, Name = name };
    }

    /// <summary>
    /// Resource requests derived by kube-apiserver's RequestInfo from HTTP request lines over the alphabet: each method,
    /// collection and object URLs with and without a namespace, subresources, namespace objects, watch and field-selector
    /// queries.
    /// </summary>
    internal static List<AuditRequest> RequestsFromUrls(string[] namespaces, string[] names)
    {
        var paths = new List<string>();
        foreach (var resource in new[] { "pods", "namespaces", "nodes" })
        {
            foreach (var scope in namespaces.Select(ns => "/namespaces/" + ns).Prepend(string.Empty))
            {
                paths.Add(scope + "/" + resource);
                foreach (var name in names)
                {
                    paths.Add(scope + "/" + resource + "/" + name);
                    foreach (var sub in new[] { "eviction", "log", "status" })
                    {
                        paths.Add(scope + "/" + resource + "/" + name + "/" + sub);
                    }
                }
            }
        }

        var queries = names.Select(n => "?fieldSelector=" + Uri.EscapeDataString("metadata.name=" + n)).Prepend("?watch=true").Prepend(string.Empty).ToArray();
        var result = new HashSet<AuditRequest>();
        foreach (var method in new[] { "GET", "PUT", "PATCH", "DELETE", "POST" })
        {
            foreach (var path in paths)
            {
                foreach (var query in queries)
                {
                    if (RequestInfoFactory.TryParse(method + " /api/v1" + path + query, out var info, out _))
                    {
                        result.Add(info!.ToAuditRequest(null, null) with { Path = string.Empty });
                    }
                }
            }
        }

        return result.ToList();
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
