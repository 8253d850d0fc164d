namespace PolicyAsCode;

/// <summary>
/// What an organisation needs from the audit log: every request to these resources with these verbs is
/// recorded at <see cref="MinimumLevel"/> or more, with <see cref="KeptStages"/> not omitted.
/// By default it covers every authenticated user, every group, every namespace and every object name;
/// <see cref="Namespaces"/>, <see cref="Users"/> and <see cref="UserGroups"/> narrow it.
/// </summary>
/// <remarks>Immutable and structurally equatable (analyzers cache it).</remarks>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record Requirement
{
    /// <summary>The API group (<c>""</c> is core).</summary>
    public string Group { get; init; } = string.Empty;

    /// <summary>Resources, each <c>resource</c> or <c>resource/subresource</c>.</summary>
    public EquatableArray<string> Resources { get; init; }

    /// <summary>The verbs that must be recorded.</summary>
    public EquatableArray<string> Verbs { get; init; }

    /// <summary>The level the requests must be recorded at, at least.</summary>
    public AuditLevel MinimumLevel { get; init; } = AuditLevel.Metadata;

    /// <summary>Stages that must not be omitted.</summary>
    public EquatableArray<AuditStage> KeptStages { get; init; }

    /// <summary>Only these namespaces (empty: all).</summary>
    public EquatableArray<string> Namespaces { get; init; }

    /// <summary>Only these users (empty: every authenticated user).</summary>
    public EquatableArray<string> Users { get; init; }

    /// <summary>Only users in one of these groups (empty: any).</summary>
    public EquatableArray<string> UserGroups { get; init; }

    /// <summary>An optional requirement is reported as a warning at most (e.g. a group that is no longer served).</summary>
    public bool Optional { get; init; }
}

/// <summary>A named set of requirements (for example <c>CalicoCloud</c>).</summary>
/// <remarks>Immutable and structurally equatable.</remarks>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record RequirementSet
{
    /// <summary>The set's name, used in messages.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The requirements.</summary>
    public EquatableArray<Requirement> Requirements { get; init; }

    /// <summary>Where the set's consumer reads the audit log (<see cref="RequirementSetAttribute.LogPath"/>), or null.</summary>
    public string? LogPath { get; init; }
}
