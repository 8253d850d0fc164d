using System.Collections.Generic;

namespace PolicyAsCode;

/// <summary>
/// A mutable copy of one rule, for adjusting a declared policy in code (add users or namespaces, change the
/// level, ...). The generated builders expose one per declared rule under the rule's name.
/// </summary>
public sealed class PolicyRuleBuilder
{
    /// <summary>Starts from <paramref name="rule"/>.</summary>
    public PolicyRuleBuilder(PolicyRule rule, string? name = null)
    {
        Name = name;
        Level = rule.Level;
        Users = new List<string>(rule.Users);
        UserGroups = new List<string>(rule.UserGroups);
        Verbs = new List<string>(rule.Verbs);
        Resources = new List<GroupResources>(rule.Resources);
        Namespaces = new List<string>(rule.Namespaces);
        NonResourceURLs = new List<string>(rule.NonResourceURLs);
        OmitStages = new List<AuditStage>(rule.OmitStages);
        OmitManagedFields = rule.OmitManagedFields;
    }

    /// <summary>Starts an empty rule at <paramref name="level"/>.</summary>
    public PolicyRuleBuilder(AuditLevel level)
        : this(new PolicyRule { Level = level })
    {
    }

    /// <summary>The declared name (the nested type's name), or null for a rule added in code.</summary>
    public string? Name { get; }

    /// <summary>The level.</summary>
    public AuditLevel Level { get; set; }

    /// <summary>User names.</summary>
    public List<string> Users { get; }

    /// <summary>User groups.</summary>
    public List<string> UserGroups { get; }

    /// <summary>Verbs.</summary>
    public List<string> Verbs { get; }

    /// <summary>Resource entries.</summary>
    public List<GroupResources> Resources { get; }

    /// <summary>Namespaces.</summary>
    public List<string> Namespaces { get; }

    /// <summary>Non-resource URL patterns.</summary>
    public List<string> NonResourceURLs { get; }

    /// <summary>Stages omitted when this rule matches.</summary>
    public List<AuditStage> OmitStages { get; }

    /// <summary>Override of the policy's omitManagedFields (null inherits).</summary>
    public bool? OmitManagedFields { get; set; }

    /// <summary>The immutable rule.</summary>
    public PolicyRule Build() => new()
    {
        Level = Level,
        Users = new EquatableArray<string>(Users),
        UserGroups = new EquatableArray<string>(UserGroups),
        Verbs = new EquatableArray<string>(Verbs),
        Resources = new EquatableArray<GroupResources>(Resources),
        Namespaces = new EquatableArray<string>(Namespaces),
        NonResourceURLs = new EquatableArray<string>(NonResourceURLs),
        OmitStages = new EquatableArray<AuditStage>(OmitStages),
        OmitManagedFields = OmitManagedFields,
    };
}
