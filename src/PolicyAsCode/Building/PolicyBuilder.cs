using System;
using System.Collections.Generic;

namespace PolicyAsCode;

/// <summary>
/// Composes a policy in code, starting from a declared one. Rules keep their order; <see cref="InsertBefore"/>
/// puts an exemption in front of a named rule (first match wins, so exemptions go first). The generated
/// <c>CreateBuilder()</c> returns a subclass with one typed property per declared rule.
/// </summary>
public class PolicyBuilder
{
    private readonly List<PolicyRuleBuilder> _rules = new();

    /// <summary>Starts from <paramref name="policy"/>; <paramref name="ruleNames"/> names its rules in order.</summary>
    public PolicyBuilder(Policy policy, IReadOnlyList<string>? ruleNames = null)
    {
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            _rules.Add(new PolicyRuleBuilder(policy.Rules[i], ruleNames is not null && i < ruleNames.Count ? ruleNames[i] : null));
        }

        OmitStages = new List<AuditStage>(policy.OmitStages);
        OmitManagedFields = policy.OmitManagedFields;
    }

    /// <summary>Policy-level stages to omit.</summary>
    public List<AuditStage> OmitStages { get; }

    /// <summary>Policy-level omitManagedFields.</summary>
    public bool OmitManagedFields { get; set; }

    /// <summary>The rules, in evaluation order.</summary>
    public IReadOnlyList<PolicyRuleBuilder> Rules => _rules;

    /// <summary>The declared rule named <paramref name="name"/>.</summary>
    public PolicyRuleBuilder Rule(string name)
        => _rules.Find(r => r.Name == name) ?? throw new ArgumentException("The policy has no rule named '" + name + "'.", nameof(name));

    /// <summary>Inserts <paramref name="rule"/> immediately before <paramref name="before"/>.</summary>
    public PolicyRuleBuilder InsertBefore(PolicyRuleBuilder before, PolicyRuleBuilder rule)
    {
        var index = _rules.IndexOf(before);
        if (index < 0)
        {
            throw new ArgumentException("The rule is not part of this builder.", nameof(before));
        }

        _rules.Insert(index, rule);
        return rule;
    }

    /// <summary>Inserts <paramref name="rule"/> immediately after <paramref name="after"/>.</summary>
    public PolicyRuleBuilder InsertAfter(PolicyRuleBuilder after, PolicyRuleBuilder rule)
    {
        var index = _rules.IndexOf(after);
        if (index < 0)
        {
            throw new ArgumentException("The rule is not part of this builder.", nameof(after));
        }

        _rules.Insert(index + 1, rule);
        return rule;
    }

    /// <summary>Appends <paramref name="rule"/> as the last rule.</summary>
    public PolicyRuleBuilder Append(PolicyRuleBuilder rule)
    {
        _rules.Add(rule);
        return rule;
    }

    /// <summary>Removes <paramref name="rule"/>.</summary>
    public void Remove(PolicyRuleBuilder rule) => _rules.Remove(rule);

    /// <summary>The immutable policy.</summary>
    public Policy Build()
    {
        var rules = new PolicyRule[_rules.Count];
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i] = _rules[i].Build();
        }

        return new Policy
        {
            Rules = EquatableArray<PolicyRule>.TakeOwnership(rules),
            OmitStages = new EquatableArray<AuditStage>(OmitStages),
            OmitManagedFields = OmitManagedFields,
        };
    }

    /// <summary>The canonical YAML of <see cref="Build"/>.</summary>
    public string ToYaml() => PolicyYamlWriter.Write(Build());
}
