using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using PolicyAsCode.Replay;

namespace PolicyAsCode.Cli.Replay;

/// <summary>The terminal table of a replay: per rule, totals, rates, retention, raised levels, top talkers.</summary>
internal static class ReplayText
{
    public static void Write(ReplayReport r, TextWriter o)
    {
        o.WriteLine("log: " + Units.Count(r.Events) + " events of " + Units.Count(r.Requests) + " requests in " + Units.Count(r.Lines) + " lines (" + Units.Bytes(r.InputBytes) + ") from " + r.Inputs.Count.ToString(CultureInfo.InvariantCulture) + " input" + (r.Inputs.Count == 1 ? string.Empty : "s")
            + (r.NotEventCount > 0 ? "; " + Units.Count(r.NotEventCount) + " lines are not events" : string.Empty));
        if (r.From is { } from && r.To is { } to)
        {
            o.WriteLine("time: " + Units.Time(from) + " .. " + Units.Time(to) + " (" + Units.Span(r.SpanSeconds) + ")");
        }

        o.WriteLine("policy: " + r.PolicyFile + "; baseline: " + (r.BaselineFile ?? "the log as recorded"));
        o.WriteLine();
        var rows = new List<string[]> { new[] { "rule", "level", "requests", "events", "bytes", "share", "baseline", "change", "matches" } };
        var total = r.After.Bytes + r.After.EstimatedBytes;
        var quiet = new List<int>();
        foreach (var rule in r.Rules)
        {
            // Rules no request of this log reaches would only fill the table: they are listed on one line.
            if (rule.Requests == 0)
            {
                quiet.Add(rule.Index);
                continue;
            }

            rows.Add(Row(rule.Index < 0 ? "-" : rule.Index.ToString(CultureInfo.InvariantCulture), rule.Level, rule, rule.Baseline!, total, rule.Summary));
        }

        rows.Add(Row("total", string.Empty, r.After, r.Before, total, string.Empty));
        Table(rows, o, 2, 3, 4, 5, 6, 7);
        if (quiet.Count > 0)
        {
            o.WriteLine("no requests in this log: rule" + (quiet.Count == 1 ? " " : "s ") + string.Join(", ", quiet.Select(i => i.ToString(CultureInfo.InvariantCulture))));
        }
        if (r.BaselineRules.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("baseline " + r.BaselineFile + " per rule:");
            var baselineRows = new List<string[]> { new[] { "rule", "level", "requests", "events", "bytes", "share", "matches" } };
            var baselineTotal = r.Before.Bytes + r.Before.EstimatedBytes;
            foreach (var rule in r.BaselineRules.Where(rule => rule.Requests > 0))
            {
                baselineRows.Add(new[] { rule.Index < 0 ? "-" : rule.Index.ToString(CultureInfo.InvariantCulture), rule.Level, Units.Count(rule.Requests), Units.Count(rule.Events), BytesText(rule), Units.Percent(rule.Bytes + rule.EstimatedBytes, baselineTotal), rule.Summary });
            }

            Table(baselineRows, o, 2, 3, 4, 5);
        }

        o.WriteLine();
        o.WriteLine("rate: " + Units.Rate(r.EventsPerSecond(r.After)) + " events/s, " + PerDay(r.BytesPerDay(r.After)) + " (baseline " + Units.Rate(r.EventsPerSecond(r.Before)) + " events/s, " + PerDay(r.BytesPerDay(r.Before)) + ")");
        o.WriteLine("retention: " + r.MaxBackup.ToString(CultureInfo.InvariantCulture) + " rotated files x " + r.MaxSizeMegabytes.ToString(CultureInfo.InvariantCulture) + " MB = " + Units.Bytes(r.RetentionBytes) + " hold " + Units.Hours(r.RetentionHours(r.After)) + " of history (baseline " + Units.Hours(r.RetentionHours(r.Before)) + ")");
        if (r.After.RaisedEvents > 0 || r.Before.RaisedEvents > 0)
        {
            o.WriteLine("raised level: " + Units.Count(r.After.RaisedEvents) + " events would record bodies this log does not have; their bytes are an estimate (~" + Units.Bytes(r.After.EstimatedBytes) + ", marked ~ above)"
                + (r.After.UnestimatedEvents > 0 ? "; " + Units.Count(r.After.UnestimatedEvents) + " of them have no body of the same resource and verb in the log to estimate from" : string.Empty)
                + (r.Before.RaisedEvents > 0 ? "; baseline: " + Units.Count(r.Before.RaisedEvents) + " events, ~" + Units.Bytes(r.Before.EstimatedBytes) : string.Empty));
        }

        if (r.TopTalkers.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("top talkers (bytes under the new policy):");
            var talkers = new List<string[]> { new[] { "user", "verb", "resource", "events", "bytes", "baseline" } };
            foreach (var t in r.TopTalkers)
            {
                talkers.Add(new[] { t.User.Length == 0 ? "(no user)" : t.User, t.Verb, t.Resource, Units.Count(t.Events), Units.Bytes(t.Bytes), Units.Bytes(t.BaselineBytes) });
            }

            Table(talkers, o, 3, 4, 5);
        }
    }

    private static string[] Row(string index, string level, Volume after, Volume before, long total, string summary) => new[]
    {
        index, level, Units.Count(after.Requests), Units.Count(after.Events), BytesText(after), Units.Percent(after.Bytes + after.EstimatedBytes, total),
        BytesText(before), Units.SignedBytes((after.Bytes + after.EstimatedBytes) - (before.Bytes + before.EstimatedBytes)), summary,
    };

    /// <summary>Measured bytes, with "~" when part is an estimate for a raised level.</summary>
    private static string BytesText(Volume v) => v.RaisedEvents > 0 ? "~" + Units.Bytes(v.Bytes + v.EstimatedBytes) : Units.Bytes(v.Bytes);

    private static string PerDay(double? bytes) => bytes is { } b ? Units.Bytes(b) + "/day" : "- /day";

    /// <summary>Columns padded to their widest cell; <paramref name="numeric"/> columns align right.</summary>
    private static void Table(List<string[]> rows, TextWriter o, params int[] numeric)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) => numeric.Contains(c) ? cell.PadLeft(widths[c]) : c == row.Length - 1 ? cell : cell.PadRight(widths[c]));
            o.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
