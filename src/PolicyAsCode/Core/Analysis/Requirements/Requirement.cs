namespace PolicyAsCode;

/// <summary>
/// What a consumer needs from the audit log: every request to these resources with these verbs is recorded at
/// <see cref="MinimumLevel"/> or more and <see cref="MaximumLevel"/> or less (both equal: exactly that level; a
/// minimum of None with a maximum: a counter-requirement such as "secrets at Metadata at most"), with
/// <see cref="KeptStages"/> not omitted and <see cref="EmittedStages"/> emitted.
/// By default it covers every authenticated user, every group, every namespace and every object name;
/// <see cref="Namespaces"/>, <see cref="Users"/> and <see cref="UserGroups"/> narrow it. <see cref="Group"/>
/// <c>*</c> stands for every API group, a resource <c>*</c> for every resource, <c>*/*</c> for every subresource,
/// <c>pods/*</c> for every subresource of pods (as in a rule), and empty <see cref="Verbs"/> for every verb.
/// </summary>
/// <remarks>Immutable and structurally equatable (analyzers cache it).</remarks>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record Requirement
{
    /// <summary>The API group (<c>""</c> is core, <c>*</c> every group).</summary>
    public string Group { get; init; } = string.Empty;

    /// <summary>Resources, each <c>resource</c> or <c>resource/subresource</c>.</summary>
    public EquatableArray<string> Resources { get; init; }

    /// <summary>The verbs that must be recorded (empty: every verb).</summary>
    public EquatableArray<string> Verbs { get; init; }

    /// <summary>The level the requests must be recorded at, at least.</summary>
    public AuditLevel MinimumLevel { get; init; } = AuditLevel.Metadata;

    /// <summary>
    /// The level the requests may be recorded at, at most (default RequestResponse: no maximum). A consumer that tests
    /// for an exact level (Elastic's rules) or a body that must stay out of the log (CIS 3.2.2 for secrets) sets it.
    /// </summary>
    public AuditLevel MaximumLevel { get; init; } = AuditLevel.RequestResponse;

    /// <summary>Stages that must not be omitted.</summary>
    public EquatableArray<AuditStage> KeptStages { get; init; }

    /// <summary>
    /// Stages that must be emitted: not omitted, at a level above None, and produced by the required requests at all
    /// (<c>ResponseStarted</c> only by long-running ones: watch, proxy, and the attach, exec, log, portforward and proxy
    /// subresources). Falco's exec rule reads the <c>ResponseStarted</c> event of <c>pods/exec</c>.
    /// </summary>
    public EquatableArray<AuditStage> EmittedStages { get; init; }

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
