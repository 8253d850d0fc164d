using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace PolicyAsCode.Tests.Synthesis;

/// <summary><see cref="PolicySynthesizer"/>: no gap, minimal per rule, deterministic, conflicts instead of a policy.</summary>
public sealed class PolicySynthesizerTests
{
    private readonly ITestOutputHelper _output;

    public PolicySynthesizerTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Each_set_alone()
    {
        foreach (var set in SynthesisSets.Compatible)
        {
            var policy = Synthesized(new[] { set }, AuditLevel.Metadata);
            _output.WriteLine(set.Name + ":\n" + PolicyYamlWriter.Write(policy));
            SynthesisAssert.MeetsAndIsMinimal(policy, new[] { set });
        }
    }

    [Theory]
    [InlineData("None")]
    [InlineData("Metadata")]
    public void Every_combination_of_compatible_sets_has_no_gap_and_is_minimal_per_rule(string level)
    {
        var sets = SynthesisSets.Compatible;
        for (var mask = 1; mask < 1 << sets.Count; mask++)
        {
            var chosen = sets.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            SynthesisAssert.MeetsAndIsMinimal(Synthesized(chosen, level), chosen);
        }
    }

    [Fact]
    public void An_older_target_leaves_out_what_it_does_not_serve_and_still_meets_the_sets()
    {
        var sets = new[] { RequirementSets.CalicoCloud, SynthesisSets.Wildcards };
        foreach (var target in new (int, int)?[] { (1, 15), (1, 24) })
        {
            SynthesisAssert.MeetsAndIsMinimal(Synthesized(sets, AuditLevel.Metadata, target), sets, target);
        }
    }

    [Fact]
    public void CalicoCloud_is_one_rule_and_the_default()
    {
        Assert.Equal(
            """
            apiVersion: audit.k8s.io/v1
            kind: Policy
            rules:
              - level: RequestResponse
                verbs: ["create", "delete", "patch", "update"]
                resources:
                  - group: ""
                    resources: ["endpoints", "namespaces", "pods", "serviceaccounts"]
                  - group: "networking.k8s.io"
                    resources: ["networkpolicies"]
                omitStages: [RequestReceived, ResponseStarted, Panic]
              - level: Metadata
                omitStages: [RequestReceived]

            """.Replace("\r\n", "\n"),
            PolicyYamlWriter.Write(Synthesized(new[] { RequirementSets.CalicoCloud }, AuditLevel.Metadata)));
    }

    [Fact]
    public void Default_None_has_no_final_rule_but_a_policy_has_one_rule_at_least()
    {
        var policy = Synthesized(new[] { SynthesisSets.SecretsAtMost }, AuditLevel.None);
        Assert.Equal("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: None\n", PolicyYamlWriter.Write(policy));
        var calico = Synthesized(new[] { RequirementSets.CalicoCloud }, AuditLevel.None);
        Assert.Single(calico.Rules);
    }

    [Fact]
    public void A_maximum_of_None_gets_its_own_rule_before_the_Metadata_default()
    {
        var quiet = new RequirementSet { Name = "Quiet", Requirements = EquatableArray.Create(new Requirement { Resources = EquatableArray.Create("events"), MinimumLevel = AuditLevel.None, MaximumLevel = AuditLevel.None }) };
        var sets = new[] { quiet, RequirementSets.CalicoCloud };
        var policy = Synthesized(sets, AuditLevel.Metadata);
        SynthesisAssert.MeetsAndIsMinimal(policy, sets);
        var none = Assert.Single(policy.Rules, r => r.Level == AuditLevel.None);
        Assert.Equal("events", Assert.Single(Assert.Single(none.Resources).Resources));
        Assert.True(none.OmitStages.IsEmpty);
        Assert.Equal(AuditLevel.Metadata, policy.Rules[policy.Rules.Count - 1].Level);

        // With None as the default the maximum needs no rule.
        Assert.DoesNotContain(Synthesized(sets, AuditLevel.None).Rules, r => r.Level == AuditLevel.None);
    }

    [Fact]
    public void Scoped_rules_come_before_the_unscoped_rules_of_the_same_cells()
    {
        var sets = new[] { RequirementSets.CalicoCloud, SynthesisSets.Scoped };
        var policy = Synthesized(sets, AuditLevel.Metadata);
        SynthesisAssert.MeetsAndIsMinimal(policy, sets);
        var admin = policy.Rules.ToList().FindIndex(r => r.Users.Contains("admin"));
        var pods = policy.Rules.ToList().FindIndex(r => r.Users.IsEmpty && r.Resources.Any(e => e.Resources.Contains("pods")));
        Assert.InRange(admin, 0, pods - 1);

        // The admin's pod changes keep RequestReceived too; everyone else's only what Calico keeps.
        Assert.DoesNotContain(AuditStage.RequestReceived, policy.Rules[admin].OmitStages);
        Assert.Contains(AuditStage.RequestReceived, policy.Rules[pods].OmitStages);
    }

    [Fact]
    public void Conflicting_sets_give_the_conflicts_and_no_policy()
    {
        var result = PolicySynthesizer.Synthesize(new[] { SynthesisSets.SecretsAtMost, SynthesisSets.SecretBodies }, AuditLevel.Metadata);
        Assert.Null(result.Policy);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(("SecretBodies", "SecretsAtMost", "get", "secrets"), (conflict.NeedsMoreSet, conflict.AllowsLessSet, conflict.Verb, conflict.Resource));
        Assert.Contains("no policy meets both", conflict.Message);
    }

    [Fact]
    public void Only_None_and_Metadata_are_defaults()
    {
        Assert.Throws<ArgumentException>(() => PolicySynthesizer.Synthesize(new[] { RequirementSets.CalicoCloud }, AuditLevel.Request));
    }

    [Fact]
    public void The_output_is_deterministic_in_any_culture_and_any_set_order()
    {
        var sets = SynthesisSets.Compatible;
        var first = PolicyYamlWriter.Write(Synthesized(sets, AuditLevel.Metadata));
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("tr-TR");
            Assert.Equal(first, PolicyYamlWriter.Write(Synthesized(sets, AuditLevel.Metadata)));
            Assert.Equal(first, PolicyYamlWriter.Write(Synthesized(sets.Reverse().ToList(), AuditLevel.Metadata)));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }

        Assert.Equal(first, PolicyYamlWriter.Write(Synthesized(sets, AuditLevel.Metadata)));
    }

    private static Policy Synthesized(IReadOnlyList<RequirementSet> sets, AuditLevel level, (int Major, int Minor)? target = null)
    {
        var result = PolicySynthesizer.Synthesize(sets, level, target);
        Assert.Empty(result.Conflicts);
        return result.Policy!;
    }
}

/// <summary>The properties every synthesized policy has, for any sets (the built-in-set combination test uses them too).</summary>
internal static class SynthesisAssert
{
    /// <summary>No gap for any set, kube-apiserver accepts it, no lint finding, and no rule can be lowered or omit one more stage.</summary>
    public static void MeetsAndIsMinimal(Policy policy, IReadOnlyList<RequirementSet> sets, (int Major, int Minor)? target = null)
    {
        var yaml = PolicyYamlWriter.Write(policy);
        var loaded = PolicyLoader.Load(yaml);
        Assert.True(loaded.Accepted, loaded.Error + "\n" + yaml);
        Assert.Equal(policy, loaded.Policy);
        foreach (var set in sets)
        {
            var gaps = RequirementChecker.Check(policy, set, target: target);
            Assert.True(gaps.Count == 0, string.Join(Environment.NewLine, gaps.Select(g => g.Message)) + "\n" + yaml);
        }

        // No lint finding either (unreachable rules, values that never match, credentials in bodies, ...), except
        // credentials in bodies where a set asks for those bodies (DISA STIG: everything at RequestResponse).
        var bodiesRequired = sets.SelectMany(set => set.Requirements)
            .Where(r => r.MinimumLevel.AtLeast(AuditLevel.Request))
            .SelectMany(r => RequirementCells.Of(r, policy, target))
            .Any(c => (c.Group, c.Resource, c.Subresource) is ("", "secrets", "") or ("", "serviceaccounts", "token") or ("authentication.k8s.io", "tokenreviews", ""));
        var lints = PolicyLint.Check(policy, target).Where(l => !(bodiesRequired && l.Id == RuleCatalog.SensitiveBodies)).ToList();
        Assert.True(lints.Count == 0, string.Join(Environment.NewLine, lints.Select(l => l.Id + ": " + l.Message)) + "\n" + yaml);

        var violations = PolicySynthesizer.MinimalityViolations(policy, sets, target);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations) + "\n" + yaml);
    }
}
