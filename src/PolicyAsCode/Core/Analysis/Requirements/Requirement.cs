namespace PolicyAsCode;

/// <summary>
/// What a consumer needs from the audit log: every request to these resources with these verbs is recorded at
/// <see cref="MinimumLevel"/> or more and <see cref="MaximumLevel"/> or less (both equal: exactly that level; a
/// minimum of None with a maximum: a counter-requirement such as "secrets at Metadata at most"), with
/// <see cref="KeptStages"/> not omitted and <see cref="EmittedStages"/> emitted.
/// By default it covers every authenticated user, every group, every namespace and every object name;
/// <see cref="Namespaces"/>, <see cref="Users"/> and <see cref="UserGroups"/> narrow it. <see cref="Group"/>
/// <c>*</c> stands for every API group, a resource <c>*</c> for every resource and subresource, <c>*/*</c> for every
/// subresource, <c>pods/*</c> for every subresource of pods (as in a rule), and empty <see cref="Verbs"/> for every verb.
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

    /// <summary>Whether the requirement asks for exactly one level (RequestResponse is also a minimum).</summary>
    public bool IsExact => MinimumLevel == MaximumLevel;

    /// <summary>Whether the requirement caps the level (a maximum below RequestResponse).</summary>
    public bool HasMaximum => !MaximumLevel.AtLeast(AuditLevel.RequestResponse);

    /// <summary>
    /// The stages that must not be omitted for the requests of a cell: the kept ones, and the emitted ones that the cell's
    /// requests produce (<see cref="RequestDomain.StagesProduced"/>).
    /// </summary>
    public StageSet StagesFor(string verb, string subresource)
        => StageSets.Of(KeptStages) | (StageSets.Of(EmittedStages) & RequestDomain.StagesProduced(verb, subresource));

    /// <summary>
    /// The lowest level that meets the requirement for a cell: its minimum, and Metadata when it must emit a stage there
    /// (a request at None emits no event at all).
    /// </summary>
    public AuditLevel LowestFor(string verb, string subresource)
        => (StageSets.Of(EmittedStages) & RequestDomain.StagesProduced(verb, subresource)) != StageSet.Empty && !MinimumLevel.AtLeast(AuditLevel.Metadata)
            ? AuditLevel.Metadata
            : MinimumLevel;

    /// <summary>
    /// Whether a decision records a request of the cell too little: below the lowest level, a required stage omitted, or,
    /// for a requirement above None, every stage a normal request produces omitted (no event reaches the log, which is
    /// recording it at None whatever the rule's level says; Panic does not count, a normal request has none).
    /// </summary>
    public bool IsBelow(AuditDecision decision, string verb, string subresource)
        => !decision.Level.AtLeast(LowestFor(verb, subresource))
            || (decision.OmitStages & StagesFor(verb, subresource)) != StageSet.Empty
            || (LowestFor(verb, subresource) != AuditLevel.None && EmitsNoEvent(decision, verb, subresource));

    /// <summary>Whether a decision omits every stage a normal request of the cell produces (so it writes no event).</summary>
    public static bool EmitsNoEvent(AuditDecision decision, string verb, string subresource)
        => (RequestDomain.StagesProduced(verb, subresource) & ~StageSet.Panic & ~decision.OmitStages) == StageSet.Empty;

    /// <summary>Whether a decision records a request above the maximum level.</summary>
    public bool IsAbove(AuditDecision decision) => !MaximumLevel.AtLeast(decision.Level);

    /// <summary>What the requirement asks of the level: "RequestResponse", "exactly Request", "at most Metadata", "Metadata to Request".</summary>
    public string LevelText
        => !HasMaximum ? MinimumLevel.Value // exactly RequestResponse is the same as at least RequestResponse
            : IsExact ? "exactly " + MinimumLevel.Value
            : MinimumLevel == AuditLevel.None ? "at most " + MaximumLevel.Value
            : MinimumLevel.Value + " to " + MaximumLevel.Value;

    /// <summary>
    /// Why no policy can meet the requirement as declared, or null: a minimum above the maximum; stages to emit with a
    /// maximum of None (None emits no event); <c>ResponseStarted</c> to emit where none of the named verbs and
    /// resources is long-running (only watch, proxy and the attach, exec, log, portforward and proxy subresources
    /// produce it, so the requirement would silently ask nothing).
    /// </summary>
    public string? DeclarationProblem
    {
        get
        {
            if (!MaximumLevel.AtLeast(MinimumLevel))
            {
                return "the minimum level " + MinimumLevel.Value + " is above the maximum level " + MaximumLevel.Value + ": no level meets it";
            }

            if (!EmittedStages.IsEmpty && MaximumLevel == AuditLevel.None)
            {
                return "stages to emit need Metadata at least, but the maximum level is None (a request at None emits no event)";
            }

            if (System.Linq.Enumerable.Contains(EmittedStages, AuditStage.ResponseStarted) && !Verbs.IsEmpty)
            {
                var anyLongRunning = false;
                foreach (var resource in Resources)
                {
                    var (name, subresource) = RequirementCell.Split(resource);
                    anyLongRunning |= name == "*" || subresource == "*" || System.Linq.Enumerable.Any(Verbs, v => RequestDomain.IsLongRunning(v, subresource));
                }

                if (!anyLongRunning)
                {
                    return "ResponseStarted is emitted only by long-running requests (watch, proxy, or the attach, exec, log, portforward and proxy subresources), and none of these verbs and resources is one";
                }
            }

            return null;
        }
    }

    /// <summary>What the requirement asks: its <see cref="LevelText"/> and stages ("RequestResponse with ResponseComplete kept").</summary>
    public string NeedsText
    {
        get
        {
            var text = LevelText;
            if (!KeptStages.IsEmpty)
            {
                text += " with " + string.Join(",", System.Linq.Enumerable.Select(KeptStages, s => s.Value)) + " kept";
            }

            if (!EmittedStages.IsEmpty)
            {
                text += (KeptStages.IsEmpty ? " with " : " and ") + string.Join(",", System.Linq.Enumerable.Select(EmittedStages, s => s.Value)) + " emitted";
            }

            return text;
        }
    }
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

    /// <summary>The first requirement no policy can meet (<see cref="Requirement.DeclarationProblem"/>), or null.</summary>
    public Requirement? Unmeetable => System.Linq.Enumerable.FirstOrDefault(Requirements, r => r.DeclarationProblem is not null);
}
