using System;

namespace PolicyAsCode;

/// <summary>
/// Declares an audit policy. Put it on a <c>partial class</c>; its nested partial classes marked
/// <see cref="RuleAttribute"/> are the rules, in declaration order. The source generator emits the YAML
/// (<c>Yaml</c>, <c>FileName</c>), the model (<c>Policy</c>) and a typed builder (<c>CreateBuilder()</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AuditPolicyAttribute : Attribute
{
    /// <summary>Declares a policy written as <c>{name}.yaml</c>.</summary>
    public AuditPolicyAttribute(string name) => Name = name;

    /// <summary>The policy's name; the file is <c>{Name}.yaml</c>.</summary>
    public string Name { get; }
}

/// <summary>
/// Declares a rule: a nested partial class of an <see cref="AuditPolicyAttribute"/> policy. Rules are
/// ordered by declaration; set <see cref="Order"/> on every rule when they are spread over several files.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RuleAttribute : Attribute
{
    /// <summary>A rule that records <paramref name="level"/> for the requests it matches.</summary>
    public RuleAttribute(Level level) => Level = level;

    /// <summary>The level.</summary>
    public Level Level { get; }

    /// <summary>Explicit position (ascending); needed when the rules are declared in several files.</summary>
    public int Order { get; set; } = int.MinValue;
}

/// <summary>Stages to omit: on a policy for every request, on a rule when it matches.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class OmitStagesAttribute : Attribute
{
    /// <summary>The stages to omit.</summary>
    public OmitStagesAttribute(params Stage[] stages) => Stages = stages;

    /// <summary>The stages.</summary>
    public Stage[] Stages { get; }
}

/// <summary>
/// Drop <c>metadata.managedFields</c> from logged bodies: on a policy, the default; on a rule, an override of
/// the policy's value (a rule without the attribute inherits it).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class OmitManagedFieldsAttribute : Attribute
{
    /// <summary>Sets the value (true when omitted).</summary>
    public OmitManagedFieldsAttribute(bool value = true) => Value = value;

    /// <summary>The value.</summary>
    public bool Value { get; }
}

/// <summary>User names the rule applies to (exact; never matches a request without a user).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class UsersAttribute : Attribute
{
    /// <summary>The user names.</summary>
    public UsersAttribute(params string[] users) => Users = users;

    /// <summary>The user names.</summary>
    public string[] Users { get; }
}

/// <summary>Groups the rule applies to (any of the user's groups).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class UserGroupsAttribute : Attribute
{
    /// <summary>The groups.</summary>
    public UserGroupsAttribute(params string[] groups) => Groups = groups;

    /// <summary>The groups.</summary>
    public string[] Groups { get; }
}

/// <summary>Verbs the rule applies to (exact; see <see cref="Verb"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class VerbsAttribute : Attribute
{
    /// <summary>The verbs.</summary>
    public VerbsAttribute(params string[] verbs) => Verbs = verbs;

    /// <summary>The verbs.</summary>
    public string[] Verbs { get; }
}

/// <summary>Namespaces the rule applies to (exact; <c>""</c> is cluster scope and all-namespace lists).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NamespacesAttribute : Attribute
{
    /// <summary>The namespaces.</summary>
    public NamespacesAttribute(params string[] namespaces) => Namespaces = namespaces;

    /// <summary>The namespaces.</summary>
    public string[] Namespaces { get; }
}

/// <summary>Non-resource URL patterns (<c>/healthz*</c>: a trailing <c>*</c> is a string prefix).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NonResourceUrlsAttribute : Attribute
{
    /// <summary>The URL patterns.</summary>
    public NonResourceUrlsAttribute(params string[] urls) => Urls = urls;

    /// <summary>The URL patterns.</summary>
    public string[] Urls { get; }
}

/// <summary>
/// One <c>resources[]</c> entry: an API group (see <see cref="ApiGroup"/>) and its resource patterns
/// (<c>pods</c>, <c>pods/log</c>, <c>*</c>, <c>*/status</c>, <c>pods/*</c>; none means the whole group).
/// Repeat the attribute for more entries; their order is kept.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ResourcesAttribute : Attribute
{
    /// <summary>An entry for <paramref name="group"/>.</summary>
    public ResourcesAttribute(string group, params string[] resources)
    {
        Group = group;
        Resources = resources;
    }

    /// <summary>The API group.</summary>
    public string Group { get; }

    /// <summary>The resource patterns.</summary>
    public string[] Resources { get; }

    /// <summary>Object names (exact); needs at least one resource.</summary>
    public string[]? ResourceNames { get; set; }
}
