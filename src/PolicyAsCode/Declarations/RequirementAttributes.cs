using System;

namespace PolicyAsCode;

/// <summary>
/// Declares a requirement set: a class whose <see cref="RequiresAttribute"/>s say what the audit log must
/// record. Sets can live in any assembly (a platform team's package); the analyzers read them from metadata.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RequirementSetAttribute : Attribute
{
    /// <summary>A set named <paramref name="name"/> (used in diagnostics).</summary>
    public RequirementSetAttribute(string name) => Name = name;

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>
    /// The file the set's consumer reads the audit log from (for example Calico's log collector:
    /// <c>/var/log/calico/audit/kube-audit.log</c>), or null. <c>policyascode deploy</c> and the build's deployment
    /// files use it as <c>--audit-log-path</c> unless told otherwise.
    /// </summary>
    public string? LogPath { get; set; }
}

/// <summary>
/// One requirement: these resources of <c>group</c>, with <see cref="Verbs"/>, must be recorded at
/// <see cref="MinimumLevel"/> or more and <see cref="MaximumLevel"/> or less (<see cref="ExactLevel"/> sets both),
/// with <see cref="KeepStages"/> not omitted and <see cref="EmitStages"/> emitted, for every authenticated user,
/// group, namespace and object name unless <see cref="Namespaces"/>, <see cref="Users"/> or
/// <see cref="UserGroups"/> narrow it. Group <c>*</c> is every group; resource <c>*</c> every resource, <c>*/*</c>
/// every subresource; no verbs is every verb.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RequiresAttribute : Attribute
{
    /// <summary>A requirement on <paramref name="resources"/> (<c>resource</c> or <c>resource/subresource</c>) of <paramref name="group"/>.</summary>
    public RequiresAttribute(string group, params string[] resources)
    {
        Group = group;
        Resources = resources;
    }

    /// <summary>The API group.</summary>
    public string Group { get; }

    /// <summary>The resources.</summary>
    public string[] Resources { get; }

    /// <summary>The verbs that must be recorded (none: every verb).</summary>
    public string[] Verbs { get; set; } = Array.Empty<string>();

    /// <summary>The minimum level (default Metadata; None with a <see cref="MaximumLevel"/>: a counter-requirement).</summary>
    public Level MinimumLevel { get; set; } = Level.Metadata;

    /// <summary>The maximum level (default RequestResponse: none).</summary>
    public Level MaximumLevel { get; set; } = Level.RequestResponse;

    /// <summary>Exactly this level: sets <see cref="MinimumLevel"/> and <see cref="MaximumLevel"/>.</summary>
    public Level ExactLevel
    {
        get => MinimumLevel;
        set
        {
            MinimumLevel = value;
            MaximumLevel = value;
        }
    }

    /// <summary>Stages that must not be omitted.</summary>
    public Stage[] KeepStages { get; set; } = Array.Empty<Stage>();

    /// <summary>Stages that must be emitted (not omitted, and produced by the requests: <c>ResponseStarted</c> only by long-running ones).</summary>
    public Stage[] EmitStages { get; set; } = Array.Empty<Stage>();

    /// <summary>Only these namespaces.</summary>
    public string[] Namespaces { get; set; } = Array.Empty<string>();

    /// <summary>Only these users.</summary>
    public string[] Users { get; set; } = Array.Empty<string>();

    /// <summary>Only users in one of these groups.</summary>
    public string[] UserGroups { get; set; } = Array.Empty<string>();

    /// <summary>Report a gap as a warning only.</summary>
    public bool Optional { get; set; }
}

/// <summary>Declares that a policy must meet a requirement set (a type marked <see cref="RequirementSetAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MustMeetAttribute : Attribute
{
    /// <summary>The requirement set type.</summary>
    public MustMeetAttribute(Type requirementSet) => RequirementSet = requirementSet;

    /// <summary>The requirement set type.</summary>
    public Type RequirementSet { get; }
}
