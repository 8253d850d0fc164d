using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace PolicyAsCode.Tests.Requirements;

/// <summary>
/// The built-in requirement sets (FalcoK8sAudit, ElasticKubernetes, Cis322, Cis322V2, DisaStig): a policy that meets
/// each, seeded policies that miss each kind of requirement it uses, Falco's own example policy, and the conflicts
/// between sets.
/// </summary>
public sealed class BuiltInSetTests
{
    private const string Head = "apiVersion: audit.k8s.io/v1\nkind: Policy\n";

    private static Policy Load(string yaml)
    {
        var result = PolicyLoader.Load(yaml);
        Assert.True(result.Accepted, result.Error);
        return result.Policy!;
    }

    /// <summary>The required (non-optional) gaps as "Kind verb group/resource", sorted.</summary>
    private static List<string> Cells(IEnumerable<RequirementGap> gaps, bool optional = false)
        => gaps.Where(g => g.Requirement.Optional == optional).Select(g => g.Kind + " " + g.Verb + " " + g.Group + "/" + g.Resource)
            .OrderBy(s => s, StringComparer.Ordinal).ToList();

    private static List<string> Sorted(params string[] cells) => cells.OrderBy(s => s, StringComparer.Ordinal).ToList();

    [Fact]
    public void BuiltIn_lists_every_set_under_its_own_name()
    {
        Assert.Equal(new[] { "CalicoCloud", "FalcoK8sAudit", "ElasticKubernetes", "Cis322", "Cis322V2", "DisaStig" }, RequirementSets.BuiltIn.Keys);
        foreach (var (name, set) in RequirementSets.BuiltIn)
        {
            Assert.Equal(name, set.Name);
            Assert.NotEmpty(set.Requirements);
        }

        Assert.Equal(RequirementSets.FalcoK8sAudit, RequirementSets.FromType(typeof(PolicyAsCode.Requirements.FalcoK8sAudit)));
        var exec = Assert.Single(RequirementSets.FalcoK8sAudit.Requirements, r => r.Resources.Contains("pods/exec"));
        Assert.Equal(new[] { AuditStage.ResponseStarted }, exec.EmittedStages);
        var disa = Assert.Single(RequirementSets.DisaStig.Requirements);
        Assert.Equal(("*", "*", true, AuditLevel.RequestResponse), (disa.Group, disa.Resources.Single(), disa.Verbs.IsEmpty, disa.MinimumLevel));
    }

    // ---- FalcoK8sAudit ----

    [Fact]
    public void Falco_is_met_by_request_bodies_for_everything_with_RequestReceived_omitted()
    {
        Assert.Empty(RequirementChecker.Check(Load(Head + "omitStages: [RequestReceived]\nrules:\n- level: Request\n"), RequirementSets.FalcoK8sAudit));
    }

    [Fact]
    public void Falco_gaps_for_a_missing_body_a_missing_rule_and_an_omitted_stage()
    {
        // Metadata first for roles and ingresses: the body rules see no requestObject (Shadowed).
        var metadata = Load(Head + "rules:\n- level: Metadata\n  resources:\n  - group: rbac.authorization.k8s.io\n    resources: [roles]\n  - group: networking.k8s.io\n    resources: [ingresses]\n- level: Request\n");
        Assert.Equal(Sorted("Shadowed create networking.k8s.io/ingresses", "Shadowed create rbac.authorization.k8s.io/roles"),
            Cells(RequirementChecker.Check(metadata, RequirementSets.FalcoK8sAudit)));

        // Only the core group audited: the rbac, apps and networking requests match no rule.
        var core = RequirementChecker.Check(Load(Head + "rules:\n- level: Request\n  resources:\n  - group: \"\"\n"), RequirementSets.FalcoK8sAudit);
        Assert.Contains("NotAudited create networking.k8s.io/ingresses", Cells(core));
        Assert.Contains("NotAudited delete apps/deployments", Cells(core));
        Assert.Contains("NotAudited create rbac.authorization.k8s.io/clusterrolebindings", Cells(core));
        Assert.DoesNotContain(core, g => !g.Requirement.Optional && g.Group.Length == 0);

        // ResponseStarted omitted: the exec and attach events Falco reads are never written; nothing else needs it.
        var started = RequirementChecker.Check(Load(Head + "omitStages: [ResponseStarted]\nrules:\n- level: Request\n"), RequirementSets.FalcoK8sAudit);
        Assert.Equal(Sorted("Shadowed create /pods/attach", "Shadowed create /pods/exec", "Shadowed get /pods/attach", "Shadowed get /pods/exec"), Cells(started));
        Assert.Empty(Cells(started, optional: true));
        Assert.Contains("ResponseStarted omitted", started[0].Message);

        // ResponseComplete omitted: every rule but exec/attach and port-forward loses its event.
        var complete = RequirementChecker.Check(Load(Head + "omitStages: [ResponseComplete]\nrules:\n- level: Request\n"), RequirementSets.FalcoK8sAudit);
        Assert.Contains("Shadowed create /pods", Cells(complete));
        Assert.Contains("Shadowed get /secrets", Cells(complete));
        Assert.DoesNotContain(complete, g => !g.Requirement.Optional && g.Resource is "pods/exec" or "pods/attach" or "pods/portforward");
    }

    /// <summary>
    /// Falco's example policy (FEATURES.md §5.3, research/requirement-sources.md): ingresses and namespaced roles stay at
    /// Metadata, and the controller-leader configmap is dropped. Its core-group deployments entry matches nothing, but
    /// Falco's deployment rules read only metadata, which the final Metadata rule gives them: no gap there.
    /// </summary>
    [Fact]
    public void Falco_example_policy_misses_exactly_its_known_defects()
    {
        var yaml = File.ReadAllText(Path.Combine(SharedFiles.CorpusDirectory, "falco-example.yaml")).Replace("audit.k8s.io/v1beta1", "audit.k8s.io/v1");
        var gaps = RequirementChecker.Check(Load(yaml), RequirementSets.FalcoK8sAudit);
        Assert.Equal(
            Sorted(
                "Shadowed create networking.k8s.io/ingresses",
                "Shadowed create rbac.authorization.k8s.io/roles",
                "PartiallyExempted update /configmaps",
                "PartiallyExempted patch /configmaps",
                "PartiallyExempted delete /configmaps"),
            Cells(gaps));
        Assert.All(gaps.Where(g => g.Resource == "configmaps"), g => Assert.Equal("controller-leader", g.Example.Name));
        Assert.All(gaps.Where(g => g.Resource is "ingresses" or "roles"), g => Assert.Equal((AuditLevel.Metadata, 9), (g.Decision.Level, g.Decision.MatchedRule)));

        // The optional every-request requirement ("Disallowed K8s User"): the same configmap and kube-proxy's watches.
        Assert.Equal(
            Sorted(
                "PartiallyExempted get /configmaps", "PartiallyExempted list /configmaps", "PartiallyExempted watch /configmaps",
                "PartiallyExempted update /configmaps", "PartiallyExempted patch /configmaps", "PartiallyExempted delete /configmaps",
                "PartiallyExempted watch /endpoints", "PartiallyExempted watch /services"),
            Cells(gaps, optional: true));
        Assert.DoesNotContain(gaps, g => g.Resource == "deployments");
    }

    // ---- ElasticKubernetes ----

    private const string ElasticPolicy = Head + """
        omitStages: [RequestReceived]
        rules:
        - level: Request
          resources:
          - group: ""
            resources: ["pods/exec", "pods", "services"]
        - level: RequestResponse
          resources:
          - group: rbac.authorization.k8s.io
            resources: ["rolebindings", "clusterrolebindings", "roles", "clusterroles"]
        - level: Metadata
        """;

    [Fact]
    public void Elastic_is_met_by_exec_at_Request_and_rbac_at_RequestResponse()
    {
        Assert.Empty(RequirementChecker.Check(Load(ElasticPolicy), RequirementSets.ElasticKubernetes));
    }

    [Fact]
    public void Elastic_exact_levels_fail_above_and_below()
    {
        // Everything at RequestResponse: exec is above its exact level (the rule tests level == "Request").
        var all = RequirementChecker.Check(Load(Head + "rules:\n- level: RequestResponse\n"), RequirementSets.ElasticKubernetes);
        Assert.Equal(Sorted("AboveMaximum create /pods/exec", "AboveMaximum get /pods/exec"), Cells(all));
        Assert.Contains("ElasticKubernetes needs exactly Request", all[0].Message);

        // Exec at Metadata and bindings at Request: below the exact levels.
        var low = ElasticPolicy.Replace("resources: [\"pods/exec\", \"pods\", \"services\"]", "resources: [\"pods\", \"services\"]")
            .Replace("- level: RequestResponse\n  resources:\n  - group: rbac.authorization.k8s.io\n    resources: [\"rolebindings\", \"clusterrolebindings\", \"roles\", \"clusterroles\"]",
                "- level: Request\n  resources:\n  - group: rbac.authorization.k8s.io\n    resources: [\"rolebindings\", \"clusterrolebindings\"]\n- level: RequestResponse\n  resources:\n  - group: rbac.authorization.k8s.io\n    resources: [\"roles\", \"clusterroles\"]");
        Assert.NotEqual(ElasticPolicy, low);
        Assert.Equal(
            Sorted("Shadowed create /pods/exec", "Shadowed get /pods/exec",
                "Shadowed create rbac.authorization.k8s.io/rolebindings", "Shadowed create rbac.authorization.k8s.io/clusterrolebindings"),
            Cells(RequirementChecker.Check(Load(low), RequirementSets.ElasticKubernetes)));

        // Events dropped (many policies do): the events-deleted rule sees nothing.
        var events = RequirementChecker.Check(Load(ElasticPolicy.Replace("rules:\n", "rules:\n- level: None\n  resources:\n  - group: \"\"\n    resources: [\"events\"]\n")), RequirementSets.ElasticKubernetes);
        Assert.Equal(Sorted("Shadowed delete /events"), Cells(events));

        // ResponseComplete omitted for the role rules' events.
        var stage = RequirementChecker.Check(Load(ElasticPolicy.Replace("[RequestReceived]", "[RequestReceived, ResponseComplete]")), RequirementSets.ElasticKubernetes);
        Assert.Contains("Shadowed patch rbac.authorization.k8s.io/roles", Cells(stage));
        // With RequestReceived omitted too, a create of pods writes no event at all (it is not long-running): recorded at None.
        Assert.Contains(stage, g => g.Resource == "pods" && g.Verb == "create" && g.Message.Contains("with RequestReceived,ResponseComplete omitted", System.StringComparison.Ordinal));
    }

    // ---- Cis322 and Cis322V2 ----

    private const string CisPolicy = Head + """
        omitStages: [RequestReceived]
        rules:
        - level: Metadata
          resources:
          - group: ""
            resources: ["secrets", "configmaps", "serviceaccounts/token"]
          - group: authentication.k8s.io
            resources: ["tokenreviews"]
        - level: RequestResponse
        """;

    [Fact]
    public void Cis_sets_are_met_by_secrets_configmaps_tokens_at_Metadata_and_bodies_elsewhere()
    {
        Assert.Empty(RequirementChecker.Check(Load(CisPolicy), RequirementSets.Cis322));
        Assert.Empty(RequirementChecker.Check(Load(CisPolicy), RequirementSets.Cis322V2));
    }

    [Fact]
    public void Cis_maximum_and_minimum_levels_are_checked()
    {
        // Secrets and configmaps with bodies: above the maximum; v1.10 does not mention TokenRequest, v2 does.
        var bodies = Load(CisPolicy.Replace("\"secrets\", \"configmaps\", \"serviceaccounts/token\"", "\"pods/exec\""));
        var v1 = Cells(RequirementChecker.Check(bodies, RequirementSets.Cis322));
        Assert.Contains("AboveMaximum get /secrets", v1);
        Assert.Contains("AboveMaximum update /configmaps", v1);
        Assert.DoesNotContain(v1, c => c.Contains("serviceaccounts/token", StringComparison.Ordinal));
        Assert.Equal(16, v1.Count); // 8 verbs each of secrets and configmaps
        Assert.All(v1, c => Assert.StartsWith("AboveMaximum ", c));
        var v2 = Cells(RequirementChecker.Check(bodies, RequirementSets.Cis322V2));
        Assert.Equal(v1.Append("AboveMaximum create /serviceaccounts/token").OrderBy(s => s, StringComparer.Ordinal), v2);

        // Secrets dropped: Cis322 needs exactly Metadata, so None is below it; configmaps at None are allowed.
        var dropped = Load(Head + "rules:\n- level: None\n  resources:\n  - group: \"\"\n    resources: [\"secrets\", \"configmaps\"]\n- level: Metadata\n");
        var gaps = Cells(RequirementChecker.Check(dropped, RequirementSets.Cis322));
        Assert.Equal(8, gaps.Count);
        Assert.All(gaps, c => Assert.Matches("^Shadowed [a-z]+ /secrets$", c));

        // Only secrets and tokenreviews audited: pods, deployments and the exec/proxy subresources are not audited.
        var narrow = Cells(RequirementChecker.Check(Load(Head + "rules:\n- level: Metadata\n  resources:\n  - group: \"\"\n    resources: [\"secrets\"]\n"), RequirementSets.Cis322));
        Assert.Contains("NotAudited create /pods/exec", narrow);
        Assert.Contains("NotAudited get /services/proxy", narrow);
        Assert.Contains("NotAudited patch apps/deployments", narrow);
        Assert.Contains("NotAudited deletecollection /pods", narrow);
        Assert.DoesNotContain(narrow, c => c.EndsWith("/configmaps", StringComparison.Ordinal) || c.EndsWith("/tokenreviews", StringComparison.Ordinal) || c.EndsWith("/secrets", StringComparison.Ordinal));

        // v2: certificate signing requests must be audited.
        var csr = Cells(RequirementChecker.Check(Load(CisPolicy.Replace("- level: RequestResponse", "- level: None\n  resources:\n  - group: certificates.k8s.io\n- level: RequestResponse")), RequirementSets.Cis322V2));
        Assert.Contains("Shadowed create certificates.k8s.io/certificatesigningrequests", csr);
        Assert.Contains("Shadowed update certificates.k8s.io/certificatesigningrequests/approval", csr);
        Assert.All(csr, c => Assert.Contains("certificates.k8s.io/certificatesigningrequests", c));
        Assert.Empty(RequirementChecker.Check(Load(CisPolicy.Replace("- level: RequestResponse", "- level: None\n  resources:\n  - group: certificates.k8s.io\n- level: RequestResponse")), RequirementSets.Cis322));
    }

    // ---- DisaStig ----

    [Fact]
    public void Disa_needs_RequestResponse_for_every_request()
    {
        Assert.Empty(RequirementChecker.Check(Load(Head + "rules:\n- level: RequestResponse\n"), RequirementSets.DisaStig));

        // Events dropped, secrets at Metadata: exactly those cells fall short.
        var policy = Load(Head + "rules:\n- level: None\n  resources:\n  - group: \"\"\n    resources: [\"events\"]\n- level: Metadata\n  resources:\n  - group: \"\"\n    resources: [\"secrets\"]\n- level: RequestResponse\n");
        var gaps = RequirementChecker.Check(policy, RequirementSets.DisaStig);
        Assert.Equal(16, gaps.Count);
        Assert.All(gaps, g => Assert.Equal(GapKind.Shadowed, g.Kind));
        Assert.Equal(new[] { "events", "secrets" }, gaps.Select(g => g.Resource).Distinct().OrderBy(r => r, StringComparer.Ordinal));

        // Only the core group audited: every other group (a custom one too) is not audited.
        var core = RequirementChecker.Check(Load(Head + "rules:\n- level: RequestResponse\n  resources:\n  - group: \"\"\n"), RequirementSets.DisaStig);
        Assert.Contains(core, g => g.Kind == GapKind.NotAudited && g.Group == "apps" && g.Resource == "deployments" && g.Verb == "create");
        Assert.Contains(core, g => g.Kind == GapKind.NotAudited && g.Group == "example.com");
        Assert.DoesNotContain(core, g => g.Group.Length == 0);
    }

    // ---- Conflicts ----

    [Fact]
    public void Disa_and_Cis_conflict_on_secrets_configmaps_and_token_reviews()
    {
        var conflicts = RequirementConflicts.Find(new[] { RequirementSets.DisaStig, RequirementSets.Cis322 });
        Assert.NotEmpty(conflicts);
        Assert.All(conflicts, c => Assert.Equal(("DisaStig", "Cis322"), (c.NeedsMoreSet, c.AllowsLessSet)));
        Assert.Equal(new[] { "authentication.k8s.io/tokenreviews", "configmaps", "secrets" },
            conflicts.Select(c => (c.Group.Length > 0 ? c.Group + "/" : string.Empty) + c.Resource).Distinct().OrderBy(r => r, StringComparer.Ordinal));
        var get = Assert.Single(conflicts, c => c.Resource == "secrets" && c.Verb == "get");
        Assert.Equal("get secrets: DisaStig needs RequestResponse, Cis322 needs exactly Metadata; no policy meets both (e.g. GET /api/v1/namespaces/team-a/secrets/example)", get.Message);
        Assert.Equal(17, conflicts.Count); // 8 verbs of secrets and configmaps, create of tokenreviews

        // v2 adds TokenRequest at exactly Metadata; Elastic's exact Request for exec contradicts DISA's bodies too.
        var v2 = RequirementConflicts.Find(new[] { RequirementSets.DisaStig, RequirementSets.Cis322V2 });
        Assert.Equal(18, v2.Count);
        Assert.Contains(v2, c => c.Verb == "create" && c.Resource == "serviceaccounts/token");
        Assert.Equal(new[] { "create pods/exec", "get pods/exec" },
            RequirementConflicts.Find(new[] { RequirementSets.DisaStig, RequirementSets.ElasticKubernetes }).Select(c => c.Verb + " " + c.Resource).OrderBy(s => s, StringComparer.Ordinal));
    }

    [Fact]
    public void Elastic_conflicts_with_a_set_that_needs_exec_bodies()
    {
        var bodies = new RequirementSet
        {
            Name = "ExecBodies",
            Requirements = EquatableArray.Create(new Requirement { Group = "", Resources = EquatableArray.Create("pods/exec"), Verbs = EquatableArray.Create("create"), MinimumLevel = AuditLevel.RequestResponse }),
        };
        var conflict = Assert.Single(RequirementConflicts.Find(new[] { RequirementSets.ElasticKubernetes, bodies }));
        Assert.Equal(("ExecBodies", "ElasticKubernetes", "create", "pods/exec"), (conflict.NeedsMoreSet, conflict.AllowsLessSet, conflict.Verb, conflict.Resource));
        Assert.Contains("ElasticKubernetes needs exactly Request with ResponseComplete kept", conflict.Message);
    }

    [Fact]
    public void Falco_conflicts_with_Cis_on_configmap_bodies_but_not_with_Calico_or_Elastic()
    {
        Assert.Empty(RequirementConflicts.Find(new[] { RequirementSets.CalicoCloud, RequirementSets.FalcoK8sAudit }));
        Assert.Empty(RequirementConflicts.Find(new[] { RequirementSets.FalcoK8sAudit, RequirementSets.ElasticKubernetes }));

        // Falco's "Create/Modify Configmap With Private Credentials" reads the body CIS 3.2.2 keeps out of the log.
        var cis = RequirementConflicts.Find(new[] { RequirementSets.FalcoK8sAudit, RequirementSets.Cis322 });
        Assert.Equal(new[] { "create configmaps", "patch configmaps", "update configmaps" },
            cis.Select(c => c.Verb + " " + c.Resource).OrderBy(s => s, StringComparer.Ordinal));
        Assert.All(cis, c => Assert.Equal(("FalcoK8sAudit", "Cis322"), (c.NeedsMoreSet, c.AllowsLessSet)));
    }
}
