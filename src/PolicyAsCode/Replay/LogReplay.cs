using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace PolicyAsCode.Replay;

/// <summary>What to replay and how.</summary>
public sealed record ReplayOptions
{
    /// <summary>The candidate policy.</summary>
    public required Policy Policy { get; init; }

    /// <summary>Its file, for the report.</summary>
    public string PolicyFile { get; init; } = string.Empty;

    /// <summary>The baseline policy; null: the log as recorded is the baseline.</summary>
    public Policy? Baseline { get; init; }

    /// <summary>Its file, for the report.</summary>
    public string? BaselineFile { get; init; }

    /// <summary>The inputs in time order (see <see cref="LogInputs.Expand"/>).</summary>
    public IReadOnlyList<string> Inputs { get; init; } = Array.Empty<string>();

    /// <summary>What <c>-</c> reads (null: the process's standard input).</summary>
    public Stream? StandardInput { get; init; }

    /// <summary>Size of one log file before rotation, MiB (kube-apiserver <c>--audit-log-maxsize</c>).</summary>
    public long MaxSizeMegabytes { get; init; } = 100;

    /// <summary>Rotated files kept (kube-apiserver <c>--audit-log-maxbackup</c>).</summary>
    public int MaxBackup { get; init; } = 10;

    /// <summary>Inputs read at the same time (each on its own thread).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Progress counters to update while reading (optional).</summary>
    public ScanProgress? Progress { get; init; }

    /// <summary>How many top talkers to report.</summary>
    public int TopTalkers { get; init; } = 10;
}

/// <summary>
/// Replays audit logs against a policy: every event is turned into the request kube-apiserver evaluated, decided
/// by <see cref="PolicyEvaluator"/> under the new policy (and the baseline), and counted per rule as it would be
/// written. Inputs are read in parallel, each into its own <see cref="ReplayTally"/>, merged in input order.
/// </summary>
public static class LogReplay
{
    /// <summary>Runs the replay. I/O errors propagate with the input's name.</summary>
    public static ReplayReport Run(ReplayOptions options)
    {
        var readsNames = AuditEventParser.ReadsNames(options.Policy, options.Baseline);
        var tallies = new ReplayTally[options.Inputs.Count];
        Parallel.For(0, options.Inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) }, i =>
        {
            var input = options.Inputs[i];
            var tally = new ReplayTally(new PolicyEvaluator(options.Policy), options.Policy.Rules.Count, options.Baseline is null ? null : new PolicyEvaluator(options.Baseline), options.Baseline?.Rules.Count ?? 0);
            try
            {
                using var stream = LogInputs.Open(input, options.StandardInput);
                (tally.Lines, tally.InputBytes) = LogScanner.Scan(stream, new AuditEventParser(readsNames), (e, _) => tally.Add(e), (line, reason) => tally.NotEvent(input, line, reason), options.Progress);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                throw new IOException(input + ": " + ex.Message, ex);
            }

            tally.Complete();
            tallies[i] = tally;
        });

        var total = tallies.Length > 0 ? tallies[0] : new ReplayTally(new PolicyEvaluator(options.Policy), options.Policy.Rules.Count, options.Baseline is null ? null : new PolicyEvaluator(options.Baseline), options.Baseline?.Rules.Count ?? 0);
        for (var i = 1; i < tallies.Length; i++)
        {
            total.Merge(tallies[i]);
        }

        return Report(options, total);
    }

    private static ReplayReport Report(ReplayOptions options, ReplayTally tally)
    {
        var report = new ReplayReport
        {
            Lines = tally.Lines,
            Events = tally.Events,
            InputBytes = tally.InputBytes,
            NotEventCount = tally.NotEventCount,
            PolicyFile = options.PolicyFile,
            BaselineFile = options.BaselineFile,
            MaxSizeMegabytes = options.MaxSizeMegabytes,
            MaxBackup = options.MaxBackup,
            TopTalkersError = tally.Talkers.DroppedBytes,
        };
        report.Inputs.AddRange(options.Inputs);
        report.NotEvents.AddRange(tally.NotEvents);
        if (tally.FirstTicks <= tally.LastTicks)
        {
            report.From = new DateTime(tally.FirstTicks, DateTimeKind.Utc);
            report.To = new DateTime(tally.LastTicks, DateTimeKind.Utc);
        }

        var estimates = Estimates(tally);
        report.After = Rows(report.Rules, options.Policy, tally.New, ReplayTally.Target.New, estimates, tally.BaselineOfNew);
        report.Requests = report.After.Requests;
        report.Before = Sum(report.Rules.Select(r => r.Baseline!));
        if (options.Baseline is not null)
        {
            Rows(report.BaselineRules, options.Baseline, tally.Old!, ReplayTally.Target.Old, estimates, null);
        }

        foreach (var (key, count) in tally.Talkers.Counts
            .OrderByDescending(p => p.Value.Bytes).ThenByDescending(p => p.Value.BaselineBytes)
            .ThenBy(p => p.Key.User, StringComparer.Ordinal).ThenBy(p => p.Key.Verb, StringComparer.Ordinal).ThenBy(p => p.Key.ResourceText, StringComparer.Ordinal)
            .Take(options.TopTalkers))
        {
            report.TopTalkers.Add(new Talker(key.User, key.Verb, key.ResourceText, count.Events, count.Bytes, count.BaselineBytes));
        }

        Timeline(report, tally);
        return report;
    }

    /// <summary>
    /// The estimated bytes per (table, rule): each raised event adds the average size of the missing body among
    /// the log's events of the same (group, resource, subresource, verb) that carry one, less its managedFields
    /// when the rule omits them; a missing response body of a write with no response sample is estimated from the
    /// request bodies of the same kind. Kinds with no such body in the log cannot be estimated and are counted apart.
    /// </summary>
    private const int ResponseKeyExtra = 1; // "responseObject" is one byte longer than "requestObject"

    private static Dictionary<(ReplayTally.Target, int), (double Bytes, long Unestimated)> Estimates(ReplayTally tally)
    {
        var result = new Dictionary<(ReplayTally.Target, int), (double, long)>();
        foreach (var (key, count) in tally.Raised)
        {
            tally.Bodies.TryGetValue(key.Body, out var sizes);
            double bytes = 0;
            var unestimated = false;
            if (key.RequestBody)
            {
                if (sizes is { RequestCount: > 0 })
                {
                    bytes += (double)(sizes.RequestBytes - (key.OmitManagedFields ? sizes.RequestManagedFieldsBytes : 0)) / sizes.RequestCount;
                }
                else
                {
                    unestimated = true;
                }
            }

            if (key.ResponseBody)
            {
                if (sizes is { ResponseCount: > 0 })
                {
                    bytes += (double)(sizes.ResponseBytes - (key.OmitManagedFields ? sizes.ResponseManagedFieldsBytes : 0)) / sizes.ResponseCount;
                }
                else if (sizes is { RequestCount: > 0 } && key.Body.Verb is "create" or "update" or "patch")
                {
                    // A write answers with the object it stored: the request bodies of the same kind are the
                    // nearest measure when the log holds no response body (less the key's length difference).
                    bytes += ((double)(sizes.RequestBytes - (key.OmitManagedFields ? sizes.RequestManagedFieldsBytes : 0)) / sizes.RequestCount) + ResponseKeyExtra;
                }
                else
                {
                    unestimated = true;
                }
            }

            result.TryGetValue((key.Target, key.Rule), out var sum);
            result[(key.Target, key.Rule)] = (sum.Item1 + (bytes * count), sum.Item2 + (unestimated ? count : 0));
        }

        return result;
    }

    private static Volume Rows(List<RuleVolume> rows, Policy policy, ReplayTally.Counters counters, ReplayTally.Target target, Dictionary<(ReplayTally.Target, int), (double Bytes, long Unestimated)> estimates, ReplayTally.Counters? baseline)
    {
        for (var i = 0; i <= policy.Rules.Count; i++)
        {
            // Row i+1 of the counters is rule i; row 0 (no rule matched) is listed last.
            var slot = i < policy.Rules.Count ? i + 1 : 0;
            var row = new RuleVolume
            {
                Index = slot - 1,
                Level = slot == 0 ? AuditLevel.None.Value : policy.Rules[i].Level.Value,
                Summary = slot == 0 ? "(no rule matches)" : Summary(policy.Rules[i]),
            };
            Fill(row, counters, slot, estimates, target);
            if (baseline is not null)
            {
                row.Baseline = new Volume();
                Fill(row.Baseline, baseline, slot, estimates, ReplayTally.Target.BaselineOfNew);
            }

            if (slot == 0 && row.Requests == 0)
            {
                continue;
            }

            rows.Add(row);
        }

        return Sum(rows);
    }

    private static void Fill(Volume volume, ReplayTally.Counters counters, int slot, Dictionary<(ReplayTally.Target, int), (double Bytes, long Unestimated)> estimates, ReplayTally.Target target)
    {
        volume.Requests = counters.Requests[slot];
        volume.Events = counters.Events[slot];
        volume.Bytes = counters.Bytes[slot];
        volume.RaisedEvents = counters.RaisedEvents[slot];
        if (estimates.TryGetValue((target, slot), out var estimate))
        {
            volume.EstimatedBytes = (long)Math.Round(estimate.Bytes);
            volume.UnestimatedEvents = estimate.Unestimated;
        }
    }

    private static Volume Sum(IEnumerable<Volume> volumes)
    {
        var sum = new Volume();
        foreach (var v in volumes)
        {
            sum.Requests += v.Requests;
            sum.Events += v.Events;
            sum.Bytes += v.Bytes;
            sum.RaisedEvents += v.RaisedEvents;
            sum.EstimatedBytes += v.EstimatedBytes;
            sum.UnestimatedEvents += v.UnestimatedEvents;
        }

        return sum;
    }

    /// <summary>Up to 120 equal buckets over the log's span, whole minutes each.</summary>
    private static void Timeline(ReplayReport report, ReplayTally tally)
    {
        if (tally.Minutes.Count == 0)
        {
            return;
        }

        var first = tally.Minutes.Keys.Min();
        var last = tally.Minutes.Keys.Max();
        var width = Math.Max(1, ((last - first) / 120) + 1);
        var buckets = new SortedDictionary<long, (long Baseline, long New)>();
        foreach (var (minute, bytes) in tally.Minutes)
        {
            var bucket = first + ((minute - first) / width * width);
            buckets.TryGetValue(bucket, out var sum);
            buckets[bucket] = (sum.Baseline + bytes.Baseline, sum.New + bytes.New);
        }

        for (var bucket = first; bucket <= last; bucket += width)
        {
            buckets.TryGetValue(bucket, out var bytes);
            report.Timeline.Add(new TimeBucket(new DateTime(bucket * TimeSpan.TicksPerMinute, DateTimeKind.Utc), bytes.Baseline, bytes.New));
        }
    }

    /// <summary>What a rule matches, briefly: its non-empty fields.</summary>
    public static string Summary(PolicyRule rule)
    {
        var parts = new List<string>();
        void Add(string name, IEnumerable<string> values)
        {
            var list = values.ToList();
            if (list.Count > 0)
            {
                parts.Add(name + "=" + (list.Count > 3 ? string.Join(",", list.Take(3)) + ",+" + (list.Count - 3) : string.Join(",", list)));
            }
        }

        Add("users", rule.Users);
        Add("groups", rule.UserGroups);
        Add("verbs", rule.Verbs);
        Add("namespaces", rule.Namespaces);
        Add("resources", rule.Resources.SelectMany(gr => gr.Resources.IsEmpty ? new[] { (gr.Group.Length == 0 ? "core" : gr.Group) + "/*" } : gr.Resources.Select(r => (gr.Group.Length == 0 ? string.Empty : gr.Group + "/") + r)));
        Add("nonResourceURLs", rule.NonResourceURLs);
        return parts.Count == 0 ? "(everything)" : string.Join(" ", parts);
    }
}
