using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace PolicyAsCode.Tests.Requirements;

/// <summary>
/// The requirement kinds beyond a minimum level: a maximum, an exact level, stages that must be emitted, wildcard
/// groups and resources, and conflicts between sets. Each is checked with seeded policies that meet and miss it.
/// </summary>
public sealed class RequirementKindsTests
{
    private const string Header = "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n";

    private static Policy Load(string rules)
    {
        var result = PolicyLoader.Load(Header + rules);
        Assert.True(result.Accepted, result.Error);
        return result.Policy!;
    }

    private static RequirementSet Set(string name, params Requirement[] requirements) => new() { Name = name, Requirements = new EquatableArray<Requirement>(requirements) };

    private static readonly Requirement SecretsAtMostMetadata = new()
    {
        Group = string.Empty,
        Resources = EquatableArray.Create("secrets"),
        MinimumLevel = AuditLevel.None,
        MaximumLevel = AuditLevel.Metadata,
    };

    private static readonly Requirement ExecExactlyRequest = new()
    {
        Group = string.Empty,
        Resources = EquatableArray.Create("pods/exec"),
        Verbs = EquatableArray.Create("create", "get"),
        MinimumLevel = AuditLevel.Request,
        MaximumLevel = AuditLevel.Request,
    };

    [Fact]
    public void A_maximum_is_exceeded_by_a_catch_all_that_records_bodies_and_met_by_an_earlier_metadata_rule()
    {
        var set = Set("NoSecretBodies", SecretsAtMostMetadata);
        var gaps = RequirementChecker.Check(Load("- level: RequestResponse\n"), set);
        Assert.NotEmpty(gaps);
        Assert.All(gaps, g => Assert.Equal((GapKind.AboveMaximum, "secrets", 0), (g.Kind, g.Resource, g.Decision.MatchedRule)));
        // Every verb of secrets that can succeed is a cell: the wildcard of verbs is expanded.
        Assert.Contains(gaps, g => g.Verb == "get");
        Assert.Contains(gaps, g => g.Verb == "watch");
        Assert.Contains("NoSecretBodies needs at most Metadata", gaps[0].Message);

        Assert.Empty(RequirementChecker.Check(Load("- level: Metadata\n  resources: [{group: \"\", resources: [secrets]}]\n- level: RequestResponse\n"), set));
        // A maximum alone needs nothing recorded: None meets it.
        Assert.Empty(RequirementChecker.Check(Load("- level: None\n"), set));
        Assert.Empty(RequirementChecker.Check(Load("- level: Request\n  resources: [{group: \"\", resources: [configmaps]}]\n"), set));
    }

    [Fact]
    public void An_exact_level_is_missed_from_both_sides()
    {
        var set = Set("Exact", ExecExactlyRequest);
        Assert.Empty(RequirementChecker.Check(Load("- level: Request\n  resources: [{group: \"\", resources: [pods/exec]}]\n- level: None\n"), set));

        var above = RequirementChecker.Check(Load("- level: RequestResponse\n"), set);
        Assert.Equal(new[] { "create", "get" }, above.Select(g => g.Verb).OrderBy(v => v, System.StringComparer.Ordinal));
        Assert.All(above, g => Assert.Equal(GapKind.AboveMaximum, g.Kind));
        Assert.Contains("needs exactly Request", above[0].Message);

        var below = RequirementChecker.Check(Load("- level: Metadata\n"), set);
        Assert.Equal(2, below.Count);
        Assert.All(below, g => Assert.Equal(GapKind.Shadowed, g.Kind));
    }

    /// <summary>
    /// Fixes are proposed for policies of up to <see cref="RequirementFixPlanner.MaxRules"/> rules (each candidate is
    /// verified by re-checking the policy): beyond, the same gaps come without one (docs/limits.md).
    /// </summary>
    [Fact]
    public void Policies_above_the_fix_bound_get_the_same_findings_without_a_fix()
    {
        var set = Set("Exact", ExecExactlyRequest);
        // count exemptions and a catch-all: count + 1 rules.
        Policy Exemptions(int count) => Load(string.Concat(Enumerable.Range(0, count).Select(i => "- {level: None, users: [u" + i + "]}\n")) + "- level: RequestResponse\n");
        var small = RequirementFindings.Check(Exemptions(10), set);
        var large = RequirementFindings.Check(Exemptions(RequirementFixPlanner.MaxRules - 1), set);
        var above = RequirementFindings.Check(Exemptions(RequirementFixPlanner.MaxRules), set);
        Assert.Equal(small.Select(f => f.RuleId), large.Select(f => f.RuleId));
        Assert.Equal(small.Select(f => f.RuleId), above.Select(f => f.RuleId));
        var exceeded = small.Single(f => f.RuleId == RuleCatalog.RequirementExceeded);
        Assert.NotEmpty(exceeded.Fixes);
        Assert.NotEmpty(large.Single(f => f.RuleId == RuleCatalog.RequirementExceeded).Fixes);
        Assert.Empty(above.Single(f => f.RuleId == RuleCatalog.RequirementExceeded).Fixes);
        Assert.DoesNotContain("; fix: ", above.Single(f => f.RuleId == RuleCatalog.RequirementExceeded).Message(RequirementFixPlanner.MaxRules + 2, null));
    }

    [Fact]
    public void The_fix_for_a_level_above_the_maximum_inserts_a_rule_at_the_maximum_before_the_rule_that_logs_too_much_and_is_verified()
    {
        var set = Set("Exact", ExecExactlyRequest);
        var policy = Load("- level: None\n  users: [system:kube-proxy]\n- level: RequestResponse\n");
        var findings = RequirementFindings.Check(policy, set);
        // The kube-proxy exemption is a partial gap of its own (PAC0003); everyone else is logged too high (PAC0013).
        Assert.Equal(new[] { RuleCatalog.RequirementPartiallyExempted, RuleCatalog.RequirementExceeded }, findings.Select(f => f.RuleId));
        var finding = findings[1];
        Assert.NotEmpty(finding.Fixes);
        var rules = policy.Rules.ToList();
        foreach (var fix in finding.Fixes.OrderByDescending(f => f.Rule))
        {
            Assert.Equal(RequirementFixKind.InsertRule, fix.Kind);
            Assert.Equal(AuditLevel.Request, fix.Level);
            Assert.Equal(1, fix.Rule);
            rules.Insert(fix.Rule, new PolicyRule
            {
                Level = fix.Level,
                Verbs = EquatableArray.Create(fix.Verb),
                Resources = EquatableArray.Create(new GroupResources { Group = fix.Group, Resources = EquatableArray.Create(fix.Resource) }),
            });
        }

        // Applied on the model, the fix removes every gap above the maximum and adds none.
        var after = RequirementChecker.Check(policy with { Rules = new EquatableArray<PolicyRule>(rules) }, set);
        Assert.Equal(RequirementChecker.Check(policy, set).Where(g => g.Kind != GapKind.AboveMaximum).Select(g => (g.Kind, g.Verb)), after.Select(g => (g.Kind, g.Verb)));
    }

    [Fact]
    public void A_stage_that_must_be_emitted_is_a_gap_when_omitted_or_when_the_request_is_not_recorded_at_all()
    {
        var set = Set("ExecStarted", new Requirement
        {
            Group = string.Empty,
            Resources = EquatableArray.Create("pods/exec", "pods/attach"),
            Verbs = EquatableArray.Create("create"),
            MinimumLevel = AuditLevel.None,
            EmittedStages = EquatableArray.Create(AuditStage.ResponseStarted),
        });
        Assert.Empty(RequirementChecker.Check(Load("- level: Metadata\n"), set));

        var omitted = RequirementChecker.Check(Load("- level: Metadata\n  omitStages: [ResponseStarted]\n"), set);
        Assert.Equal(new[] { "pods/attach", "pods/exec" }, omitted.Select(g => g.Resource).OrderBy(r => r, System.StringComparer.Ordinal));
        Assert.All(omitted, g => Assert.Contains("ResponseStarted", g.Message));

        // None emits no event: the lowest level that emits a stage is Metadata, so it is a gap though the minimum is None.
        var none = RequirementChecker.Check(Load("- level: None\n  resources: [{group: \"\", resources: [pods/exec]}]\n- level: Metadata\n"), set);
        Assert.Equal("pods/exec", Assert.Single(none).Resource);
    }

    [Fact]
    public void ResponseStarted_is_only_required_where_the_request_produces_it()
    {
        // get of pods is not long-running: it has no ResponseStarted stage to emit, so omitting it is no gap.
        var set = Set("Started", new Requirement
        {
            Group = string.Empty,
            Resources = EquatableArray.Create("pods"),
            Verbs = EquatableArray.Create("get", "watch"),
            EmittedStages = EquatableArray.Create(AuditStage.ResponseStarted),
        });
        var gaps = RequirementChecker.Check(Load("- level: Metadata\n  omitStages: [ResponseStarted]\n"), set);
        Assert.Equal("watch", Assert.Single(gaps).Verb);
    }

    [Fact]
    public void A_rule_that_omits_every_stage_a_request_produces_records_it_at_None_whatever_its_level()
    {
        var set = Set("Pods", new Requirement { Group = string.Empty, Resources = EquatableArray.Create("pods"), Verbs = EquatableArray.Create("create", "watch") });
        // create is not long-running: RequestReceived and ResponseComplete are its only events.
        var gap = Assert.Single(RequirementChecker.Check(Load("- level: RequestResponse\n  omitStages: [RequestReceived, ResponseComplete]\n"), set));
        Assert.Equal(("create", GapKind.Shadowed), (gap.Verb, gap.Kind));
        Assert.Contains("is logged at RequestResponse with RequestReceived,ResponseComplete omitted by rule 0", gap.Message);
        // A watch still writes its ResponseStarted event; with that omitted too, neither writes one.
        Assert.Equal(2, RequirementChecker.Check(Load("- level: Metadata\n  omitStages: [RequestReceived, ResponseStarted, ResponseComplete]\n"), set).Count);
        Assert.Empty(RequirementChecker.Check(Load("- level: Metadata\n  omitStages: [RequestReceived]\n"), set));
    }

    [Fact]
    public void A_wildcard_requirement_is_checked_cell_by_cell_over_the_catalog()
    {
        var everything = Set("Everything", new Requirement { Group = "*", Resources = EquatableArray.Create("*"), MinimumLevel = AuditLevel.RequestResponse });
        Assert.Empty(RequirementChecker.Check(Load("- level: RequestResponse\n"), everything));

        var gaps = RequirementChecker.Check(Load("- level: Metadata\n  resources: [{group: \"\", resources: [secrets]}]\n- level: RequestResponse\n"), everything);
        Assert.NotEmpty(gaps);
        Assert.All(gaps, g => Assert.Equal(("", "secrets", GapKind.Shadowed), (g.Group, g.Resource, g.Kind)));

        var apps = RequirementChecker.Check(Load("- level: RequestResponse\n  resources: [{group: \"\"}]\n"), everything);
        Assert.Contains(apps, g => g.Group == "apps" && g.Resource == "deployments" && g.Kind == GapKind.NotAudited);
        Assert.DoesNotContain(apps, g => g.Group == string.Empty);
    }

    [Fact]
    public void Two_sets_conflict_where_a_minimum_is_above_the_other_sets_maximum_and_only_there()
    {
        var stig = Set("Stig", new Requirement { Group = "*", Resources = EquatableArray.Create("*"), MinimumLevel = AuditLevel.RequestResponse });
        var cis = Set("Cis", SecretsAtMostMetadata);
        var conflicts = RequirementConflicts.Find(new[] { stig, cis });
        Assert.NotEmpty(conflicts);
        Assert.All(conflicts, c => Assert.Equal(("Stig", "Cis", "", "secrets"), (c.NeedsMoreSet, c.AllowsLessSet, c.Group, c.Resource)));
        var get = Assert.Single(conflicts, c => c.Verb == "get");
        Assert.Equal("get secrets: Stig needs RequestResponse, Cis needs at most Metadata; no policy meets both (e.g. GET /api/v1/namespaces/team-a/secrets/example)", get.Message);
        // Each conflicting cell once, whatever the order of the sets.
        Assert.Equal(conflicts.Count, conflicts.Select(c => (c.Verb, c.Group, c.Resource)).Distinct().Count());
        Assert.Equal(conflicts.Count, RequirementConflicts.Find(new[] { cis, stig }).Count);

        var exec = Set("Exec", ExecExactlyRequest);
        var bodies = Set("ExecBodies", new Requirement { Group = string.Empty, Resources = EquatableArray.Create("pods/exec"), Verbs = EquatableArray.Create("create"), MinimumLevel = AuditLevel.RequestResponse });
        var execConflict = Assert.Single(RequirementConflicts.Find(new[] { exec, bodies }));
        Assert.Equal(("ExecBodies", "Exec", "create", "pods/exec"), (execConflict.NeedsMoreSet, execConflict.AllowsLessSet, execConflict.Verb, execConflict.Resource));

        Assert.Empty(RequirementConflicts.Find(new[] { RequirementSets.CalicoCloud, cis, exec }));
    }

    [Fact]
    public void Scopes_that_share_no_request_do_not_conflict()
    {
        var admins = Set("Admins", new Requirement { Group = string.Empty, Resources = EquatableArray.Create("secrets"), Users = EquatableArray.Create("admin"), MinimumLevel = AuditLevel.RequestResponse });
        var others = Set("Others", SecretsAtMostMetadata with { Users = EquatableArray.Create("jane") });
        Assert.Empty(RequirementConflicts.Find(new[] { admins, others }));
        var conflict = RequirementConflicts.Find(new[] { admins, Set("All", SecretsAtMostMetadata) });
        Assert.NotEmpty(conflict);
        Assert.All(conflict, c => Assert.Equal("admin", c.Example.User));
    }
}
