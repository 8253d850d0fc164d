using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PolicyAsCode.Replay;

/// <summary>One (group, resource, verb) cell of a requirement, and what the log shows for it.</summary>
public sealed class LogCell
{
    /// <summary>The requirement set's name.</summary>
    public string SetName { get; init; } = string.Empty;

    /// <summary>The requirement.</summary>
    public required Requirement Requirement { get; init; }

    /// <summary>The API group (<c>""</c>: core).</summary>
    public string Group { get; init; } = string.Empty;

    /// <summary><c>resource</c> or <c>resource/subresource</c>.</summary>
    public string Resource { get; init; } = string.Empty;

    /// <summary>The verb.</summary>
    public string Verb { get; init; } = string.Empty;

    /// <summary>Requests of this cell in the log.</summary>
    public long Requests { get; set; }

    /// <summary>Requests recorded below the requirement (level too low, or a kept stage missing).</summary>
    public long Below { get; set; }

    /// <summary>The first of those, with where they are.</summary>
    public List<LogViolation> Violations { get; } = new();

    /// <summary>Never seen in the log: unknown, not failed.</summary>
    public bool Unseen => Requests == 0;

    /// <summary><c>verb group/resource</c> as people write it (core: <c>verb resource</c>).</summary>
    public string Name => Verb + " " + (Group.Length == 0 ? string.Empty : Group + "/") + Resource;
}

/// <summary>A request recorded below the requirement.</summary>
/// <param name="AuditId">Its auditID.</param>
/// <param name="Time">Its stage time (null when the event has none).</param>
/// <param name="File">The input.</param>
/// <param name="Line">The 1-based line of the event.</param>
/// <param name="Level">The level it was recorded at.</param>
/// <param name="Problem">What is missing.</param>
public sealed record LogViolation(string AuditId, DateTime? Time, string File, long Line, string Level, string Problem);

/// <summary>The cells of the requirement sets and the log's lines that are not events.</summary>
public sealed class LogCheckReport
{
    /// <summary>Every cell, in requirement order.</summary>
    public List<LogCell> Cells { get; } = new();

    /// <summary>Events read.</summary>
    public long Events { get; set; }

    /// <summary>Lines that are not events.</summary>
    public long NotEventCount { get; set; }

    /// <summary>The first of them.</summary>
    public List<NotAnEvent> NotEvents { get; } = new();
}

/// <summary>
/// <c>check-log</c>: the evidence, from the live log, that requests a requirement covers are recorded as it
/// needs. An event belongs to a cell when its request is one the requirement covers (authenticated user, the
/// cell's group, resource and verb, within the requirement's users, groups and namespaces); it is below the
/// requirement when it was recorded at a lower level. A request is also below when no event of a stage the
/// requirement keeps (ResponseComplete for Calico Cloud) is in the log by its end. Inputs are read in order,
/// one at a time; memory holds the cells and the covered requests still waiting for a kept stage.
/// </summary>
public static class LogCheck
{
    /// <summary>How many violations each cell keeps with their location (all are counted).</summary>
    public const int KeptViolations = 20;

    /// <summary>Checks the inputs against the sets.</summary>
    public static LogCheckReport Run(IReadOnlyList<RequirementSet> sets, IReadOnlyList<string> inputs, Stream? standardInput = null, ScanProgress? progress = null)
    {
        var report = new LogCheckReport();
        var wildcards = new List<(string SetName, Requirement Requirement)>();
        foreach (var set in sets)
        {
            foreach (var requirement in set.Requirements)
            {
                // A wildcard requirement (every group, resource or verb) gets a cell for each one the log shows.
                if (RequirementCells.HasWildcard(requirement))
                {
                    wildcards.Add((set.Name, requirement));
                    continue;
                }

                foreach (var cell in RequirementCells.Of(requirement, null, null))
                {
                    report.Cells.Add(new LogCell { SetName = set.Name, Requirement = requirement, Group = cell.Group, Resource = cell.ResourcePath, Verb = cell.Verb });
                }
            }
        }

        var byKey = new CellIndex(report, wildcards);
        var state = new State();
        var parser = new AuditEventParser(readsName: false);
        foreach (var input in inputs)
        {
            try
            {
                using var stream = LogInputs.Open(input, standardInput);
                LogScanner.Scan(stream, parser, (e, line) => Check(e, input, line, byKey, state, report), (line, reason) =>
                {
                    report.NotEventCount++;
                    if (report.NotEvents.Count < ReplayTally.KeptNotEvents)
                    {
                        report.NotEvents.Add(new NotAnEvent(input, line, reason));
                    }
                }, progress);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                throw new IOException(input + ": " + ex.Message, ex);
            }
        }

        // Requests whose kept stage never came: the log ends without the event the requirement needs.
        foreach (var ((_, cell), p) in state.Pending.OrderBy(p => p.Value.Order))
        {
            Below(cell, p.Violation with { Problem = "no " + string.Join("/", p.Missing.ToSortedNames()) + " event in the log" });
        }

        return report;
    }

    private static void Check(AuditEvent e, string file, long line, CellIndex cells, State state, LogCheckReport report)
    {
        report.Events++;
        var request = e.Request;
        if (!request.ResourceRequest || request.User is null)
        {
            return;
        }

        var resource = request.Subresource.Length == 0 ? request.Resource : request.Resource + "/" + request.Subresource;
        foreach (var cell in cells.Of(request.ApiGroup, request.Resource, request.Subresource, request.Verb))
        {
            var requirement = cell.Requirement;
            if (!InScope(requirement, request))
            {
                continue;
            }

            // A request already found below this cell's requirement is reported once (later stages are skipped).
            var key = (e.AuditId, cell);
            var reportedKey = e.AuditId + (UInt128)(uint)report.Cells.IndexOf(cell);
            if (state.Reported.Contains(reportedKey))
            {
                continue;
            }

            var violation = new LogViolation(e.AuditIdText, e.StageTicks > 0 ? new DateTime(e.StageTicks, DateTimeKind.Utc) : null, file, line, e.Level.Value, string.Empty);
            if (!state.Pending.TryGetValue(key, out var pending))
            {
                cell.Requests++;
                pending = new Pending(state.Order++, requirement.StagesFor(request.Verb, request.Subresource), violation);
            }

            if (!e.Level.AtLeast(requirement.LowestFor(request.Verb, request.Subresource)) || requirement.IsAbove(new AuditDecision(e.Level, StageSet.Empty, false, 0)))
            {
                Below(cell, violation with { Problem = "recorded at " + e.Level.Value + ", needs " + requirement.LevelText });
                state.Pending.Remove(key);
                state.Reported.IsNew(reportedKey);
                continue;
            }

            pending = pending with { Missing = pending.Missing & ~e.Stage };
            if (pending.Missing == 0)
            {
                state.Pending.Remove(key);
            }
            else
            {
                state.Pending[key] = pending;
            }
        }
    }

    private static bool InScope(Requirement requirement, AuditRequest request) =>
        (requirement.Namespaces.IsEmpty || requirement.Namespaces.Contains(request.Namespace))
        && (requirement.Users.IsEmpty || requirement.Users.Contains(request.User!))
        && (requirement.UserGroups.IsEmpty || request.Groups.Any(g => requirement.UserGroups.Contains(g)));

    private static void Below(LogCell cell, LogViolation violation)
    {
        cell.Below++;
        if (cell.Violations.Count < KeptViolations)
        {
            cell.Violations.Add(violation);
        }
    }

    /// <summary>The cells of each (group, resource, verb): the listed ones, and for wildcard requirements one made when the log first shows it.</summary>
    private sealed class CellIndex
    {
        private readonly LogCheckReport _report;
        private readonly List<(string SetName, Requirement Requirement)> _wildcards;
        private readonly Dictionary<(string, string, string), List<LogCell>> _cells = new();

        public CellIndex(LogCheckReport report, List<(string SetName, Requirement Requirement)> wildcards)
        {
            _report = report;
            _wildcards = wildcards;
            foreach (var cell in report.Cells)
            {
                Add((cell.Group, cell.Resource, cell.Verb), cell);
            }
        }

        public List<LogCell> Of(string group, string resource, string subresource, string verb)
        {
            var path = subresource.Length == 0 ? resource : resource + "/" + subresource;
            var key = (group, path, verb);
            if (_cells.TryGetValue(key, out var cells))
            {
                return cells;
            }

            cells = new List<LogCell>();
            _cells.Add(key, cells);
            var of = new RequirementCell(verb, group, resource, subresource);
            foreach (var (setName, requirement) in _wildcards)
            {
                if (RequirementCells.Covers(requirement, of))
                {
                    var cell = new LogCell { SetName = setName, Requirement = requirement, Group = group, Resource = path, Verb = verb };
                    _report.Cells.Add(cell);
                    cells.Add(cell);
                }
            }

            return cells;
        }

        private void Add((string, string, string) key, LogCell cell)
        {
            if (!_cells.TryGetValue(key, out var cells))
            {
                _cells.Add(key, cells = new List<LogCell>());
            }

            cells.Add(cell);
        }
    }

    /// <summary>A covered request: the kept stages not seen yet, and its first event (to quote if it stays below).</summary>
    private sealed record Pending(long Order, StageSet Missing, LogViolation Violation);

    /// <summary>Covered requests waiting for a kept stage, and (bounded) those already reported.</summary>
    private sealed class State
    {
        public Dictionary<(UInt128 Id, LogCell Cell), Pending> Pending { get; } = new();

        public RequestWindow Reported { get; } = new();

        public long Order { get; set; }
    }
}
