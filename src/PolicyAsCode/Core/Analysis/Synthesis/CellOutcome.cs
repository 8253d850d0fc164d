using System.Collections.Generic;

namespace PolicyAsCode;

/// <summary>
/// What a rule records for the requests of one cell: the lowest level every requirement covering it accepts, the
/// stages none of them keeps omitted (none at level None, which emits nothing), and the highest level they all allow.
/// Two cells with equal <see cref="Level"/> and <see cref="Omit"/> can share a rule.
/// </summary>
internal readonly record struct CellOutcome(AuditLevel Level, StageSet Omit, AuditLevel Cap, StageSet Keep)
{
    private const StageSet AllStages = StageSet.RequestReceived | StageSet.ResponseStarted | StageSet.ResponseComplete | StageSet.Panic;

    /// <summary>The outcome of a cell for the requirements that cover it.</summary>
    public static CellOutcome Of(IEnumerable<Requirement> requirements, string verb, string subresource)
    {
        var level = AuditLevel.None;
        var cap = AuditLevel.RequestResponse;
        var keep = StageSet.Empty;
        foreach (var requirement in requirements)
        {
            var lowest = requirement.LowestFor(verb, subresource);
            if (!level.AtLeast(lowest))
            {
                level = lowest;
            }

            if (!requirement.MaximumLevel.AtLeast(cap))
            {
                cap = requirement.MaximumLevel;
            }

            keep |= requirement.StagesFor(verb, subresource);
        }

        // A level above None needs one event at least: omitting every stage the request produces writes nothing. With
        // no stage asked for, keep ResponseComplete, the event every request ends with (and the one with the response).
        if (level != AuditLevel.None && (keep & RequestDomain.StagesProduced(verb, subresource) & ~StageSet.Panic) == StageSet.Empty)
        {
            keep |= StageSet.ResponseComplete;
        }

        return new CellOutcome(level, level == AuditLevel.None ? StageSet.Empty : AllStages & ~keep, cap, keep);
    }

    /// <summary>
    /// Whether a rule recording at <paramref name="level"/> and omitting <paramref name="omit"/> gives the cell exactly
    /// what it needs: the same level, and the same omitted stages among those its requests produce; for a cell required
    /// at a maximum only, no more than allowed (those are "everything else", left to the default).
    /// </summary>
    public bool MetBy(AuditLevel level, StageSet omit, StageSet produced)
        => Level == AuditLevel.None
            ? Cap.AtLeast(level) && (level == AuditLevel.None || (omit & Keep) == StageSet.Empty)
            : Level == level && (Omit & produced) == (omit & produced);

    /// <summary>Whether two cells can share one rule.</summary>
    public bool SameRule(CellOutcome other) => Level == other.Level && Omit == other.Omit;

    /// <summary>The omitted stages as a list for a rule.</summary>
    public EquatableArray<AuditStage> OmitStages()
    {
        var stages = new List<AuditStage>();
        foreach (var stage in AuditStage.All)
        {
            if ((Omit & stage.Flag) != 0)
            {
                stages.Add(stage);
            }
        }

        return new EquatableArray<AuditStage>(stages);
    }
}
