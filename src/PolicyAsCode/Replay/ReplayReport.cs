using System;
using System.Collections.Generic;

namespace PolicyAsCode.Replay;

/// <summary>What a replay found: the log, the volume per rule before and after, rates, retention, top talkers.</summary>
public sealed class ReplayReport
{
    /// <summary>The inputs read, in order.</summary>
    public List<string> Inputs { get; } = new();

    /// <summary>Lines read (blank lines included).</summary>
    public long Lines { get; set; }

    /// <summary>Audit events read.</summary>
    public long Events { get; set; }

    /// <summary>Distinct requests (auditIDs) among them.</summary>
    public long Requests { get; set; }

    /// <summary>Bytes read (decompressed).</summary>
    public long InputBytes { get; set; }

    /// <summary>Lines that are not events.</summary>
    public long NotEventCount { get; set; }

    /// <summary>The first of them, with file and line.</summary>
    public List<NotAnEvent> NotEvents { get; } = new();

    /// <summary>Earliest <c>stageTimestamp</c> (null when no event had one).</summary>
    public DateTime? From { get; set; }

    /// <summary>Latest <c>stageTimestamp</c>.</summary>
    public DateTime? To { get; set; }

    /// <summary>The span between them in seconds (rates are per this span; 0 when it is empty).</summary>
    public double SpanSeconds => From is { } from && To is { } to ? (to - from).TotalSeconds : 0;

    /// <summary>The new policy's file.</summary>
    public string PolicyFile { get; set; } = string.Empty;

    /// <summary>The baseline policy's file, or null when the baseline is the log as recorded.</summary>
    public string? BaselineFile { get; set; }

    /// <summary>Per rule of the new policy, in rule order, then the "no rule matched" row (index -1).</summary>
    public List<RuleVolume> Rules { get; } = new();

    /// <summary>Per rule of the baseline policy (empty without <c>--baseline</c>).</summary>
    public List<RuleVolume> BaselineRules { get; } = new();

    /// <summary>The new policy in total.</summary>
    public Volume After { get; set; } = new();

    /// <summary>The baseline in total.</summary>
    public Volume Before { get; set; } = new();

    /// <summary><c>--max-size</c> in MB (MiB, as kube-apiserver's rotation counts).</summary>
    public long MaxSizeMegabytes { get; set; }

    /// <summary><c>--max-backup</c>: rotated files kept.</summary>
    public int MaxBackup { get; set; }

    /// <summary>The heaviest (user, verb, resource) tuples by new bytes, then by baseline bytes.</summary>
    public List<Talker> TopTalkers { get; } = new();

    /// <summary>Most bytes a tuple dropped from the bounded top-talker table had (0: the table is exact).</summary>
    public long TopTalkersError { get; set; }

    /// <summary>Bytes over time in equal buckets (at most 120).</summary>
    public List<TimeBucket> Timeline { get; } = new();

    /// <summary>Bytes the retention holds: <c>--max-size</c> × <c>--max-backup</c> (the rotated files; the live file adds up to one more).</summary>
    public long RetentionBytes => MaxSizeMegabytes * 1024 * 1024 * MaxBackup;

    /// <summary>Hours of history the rotated files hold at a volume's rate (null when the rate is 0 or unknown).</summary>
    public double? RetentionHours(Volume volume)
    {
        var perDay = BytesPerDay(volume);
        return perDay is > 0 ? RetentionBytes / perDay.Value * 24 : null;
    }

    /// <summary>Events per second over the log's span (null when the span is empty).</summary>
    public double? EventsPerSecond(Volume volume) => SpanSeconds > 0 ? volume.Events / SpanSeconds : null;

    /// <summary>Bytes per day over the log's span, estimates included (null when the span is empty).</summary>
    public double? BytesPerDay(Volume volume) => SpanSeconds > 0 ? (volume.Bytes + volume.EstimatedBytes) / SpanSeconds * 86400 : null;
}

/// <summary>Requests, events and bytes.</summary>
public class Volume
{
    /// <summary>Requests decided (whether or not they write anything).</summary>
    public long Requests { get; set; }

    /// <summary>Events written.</summary>
    public long Events { get; set; }

    /// <summary>Bytes written, measured from the logged events.</summary>
    public long Bytes { get; set; }

    /// <summary>Events that would carry a body the log does not have (a raised level): they cannot be replayed exactly.</summary>
    public long RaisedEvents { get; set; }

    /// <summary>The estimated bytes of those missing bodies (from events of the same resource and verb that carry one).</summary>
    public long EstimatedBytes { get; set; }

    /// <summary>Raised events for which the log has no body of the same resource and verb to estimate from.</summary>
    public long UnestimatedEvents { get; set; }
}

/// <summary>One rule's volume after, and the baseline's volume for the same requests.</summary>
public sealed class RuleVolume : Volume
{
    /// <summary>The rule's index (-1: no rule matched).</summary>
    public int Index { get; set; }

    /// <summary>The rule's level.</summary>
    public string Level { get; set; } = string.Empty;

    /// <summary>A short description of what the rule matches.</summary>
    public string Summary { get; set; } = string.Empty;

    /// <summary>For rules of the new policy: the baseline's volume of the requests this rule decides.</summary>
    public Volume? Baseline { get; set; }
}

/// <summary>A (user, verb, resource) tuple's bytes.</summary>
/// <param name="User">The user.</param>
/// <param name="Verb">The verb.</param>
/// <param name="Resource"><c>group/resource/subresource</c> or the non-resource path.</param>
/// <param name="Events">Events under the new policy.</param>
/// <param name="Bytes">Bytes under the new policy (without estimates).</param>
/// <param name="BaselineBytes">Bytes under the baseline.</param>
public sealed record Talker(string User, string Verb, string Resource, long Events, long Bytes, long BaselineBytes);

/// <summary>Bytes written in one span of time.</summary>
/// <param name="Start">The bucket's start (UTC).</param>
/// <param name="BaselineBytes">Under the baseline.</param>
/// <param name="Bytes">Under the new policy (without estimates).</param>
public sealed record TimeBucket(DateTime Start, long BaselineBytes, long Bytes);
