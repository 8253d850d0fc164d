using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using PolicyAsCode.Replay;

namespace PolicyAsCode.Cli.Replay;

/// <summary>
/// <c>replay --html</c>: one self-contained page (inline CSS and SVG, no script, nothing fetched) with the per-rule
/// bars before and after, the volume over time, rates, retention and top talkers. Every number shown carries its
/// exact value in a <c>data-value</c> attribute, so a test (and a reader's tooling) can compare it with the JSON.
/// </summary>
internal static class ReplayHtml
{
    private const string BaselineColor = "#9aa5b1";
    private const string NewColor = "#1f6feb";
    private const string EstimateColor = "#8cb4f5";

    public static string Render(ReplayReport r)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>policyascode replay: ").Append(E(r.PolicyFile)).Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#1f2328;max-width:1100px}")
            .Append("h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse;font-size:13px}")
            .Append("td,th{padding:3px 8px;border-bottom:1px solid #d8dee4;text-align:left}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}")
            .Append(".cards{display:flex;gap:14px;flex-wrap:wrap}.card{border:1px solid #d8dee4;border-radius:6px;padding:10px 14px;min-width:170px}")
            .Append(".card .v{font-size:20px;font-weight:600}.card .l{font-size:12px;color:#59636e}.note{background:#fff8c5;border:1px solid #d4a72c;padding:8px 12px;border-radius:6px;font-size:13px}")
            .Append(".legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}svg text{font-size:11px;fill:#1f2328}")
            .Append("\n</style></head><body>\n");
        h.Append("<h1>Audit-log replay</h1>\n<p>Policy <b>").Append(E(r.PolicyFile)).Append("</b> against ")
            .Append(r.BaselineFile is null ? "the log as recorded" : "baseline <b>" + E(r.BaselineFile) + "</b>")
            .Append(": <span data-value=\"").Append(r.Events).Append("\" id=\"events\">").Append(Units.Count(r.Events)).Append("</span> events of <span data-value=\"")
            .Append(r.Requests).Append("\" id=\"requests\">").Append(Units.Count(r.Requests)).Append("</span> requests, ").Append(Units.Bytes(r.InputBytes)).Append(" in ")
            .Append(r.Inputs.Count).Append(" input(s)");
        if (r.From is { } from && r.To is { } to)
        {
            h.Append(", ").Append(Units.Time(from)).Append(" .. ").Append(Units.Time(to)).Append(" (").Append(Units.Span(r.SpanSeconds)).Append(')');
        }

        h.Append(".</p>\n");
        if (r.NotEventCount > 0)
        {
            h.Append("<p class=\"note\">").Append(Units.Count(r.NotEventCount)).Append(" lines are not audit events, e.g. ")
                .Append(E(r.NotEvents[0].File)).Append(':').Append(r.NotEvents[0].Line).Append(": ").Append(E(r.NotEvents[0].Reason)).Append("</p>\n");
        }

        h.Append("<div class=\"cards\">\n");
        Card(h, "bytes", Units.Bytes(r.After.Bytes + r.After.EstimatedBytes), r.After.Bytes + r.After.EstimatedBytes, "bytes written (baseline " + Units.Bytes(r.Before.Bytes + r.Before.EstimatedBytes) + ")");
        Card(h, "events-per-second", Units.Rate(r.EventsPerSecond(r.After)), r.EventsPerSecond(r.After), "events/s (baseline " + Units.Rate(r.EventsPerSecond(r.Before)) + ")");
        Card(h, "bytes-per-day", r.BytesPerDay(r.After) is { } perDay ? Units.Bytes(perDay) : "-", r.BytesPerDay(r.After), "per day (baseline " + (r.BytesPerDay(r.Before) is { } b ? Units.Bytes(b) : "-") + ")");
        Card(h, "retention-hours", Units.Hours(r.RetentionHours(r.After)), r.RetentionHours(r.After), "history in " + r.MaxBackup + " x " + r.MaxSizeMegabytes + " MB (baseline " + Units.Hours(r.RetentionHours(r.Before)) + ")");
        h.Append("</div>\n");
        if (r.After.RaisedEvents > 0)
        {
            h.Append("<p class=\"note\" id=\"raised\">Raised level: <b data-value=\"").Append(r.After.RaisedEvents).Append("\">").Append(Units.Count(r.After.RaisedEvents))
                .Append("</b> events would record bodies this log does not have. Their size is an <b>estimate</b> (~")
                .Append(Units.Bytes(r.After.EstimatedBytes)).Append(", light bars below) from events of the same resource and verb that carry one")
                .Append(r.After.UnestimatedEvents > 0 ? "; " + Units.Count(r.After.UnestimatedEvents) + " have nothing to estimate from" : string.Empty).Append(".</p>\n");
        }

        RuleBars(h, r);
        TimelineChart(h, r);
        Talkers(h, r);
        h.Append("<p style=\"font-size:12px;color:#59636e\">policyascode replay: kube-apiserver's first-match evaluation of each logged request; bytes as each event would be written (bodies by level, omitStages, omitManagedFields).</p>\n</body></html>\n");
        return h.ToString();
    }

    private static void Card(StringBuilder h, string id, string text, double? value, string label)
    {
        h.Append("<div class=\"card\"><div class=\"v\" id=\"").Append(id).Append("\" data-value=\"").Append(value is { } v ? Math.Round(v, 3).ToString(CultureInfo.InvariantCulture) : string.Empty)
            .Append("\">").Append(E(text)).Append("</div><div class=\"l\">").Append(E(label)).Append("</div></div>\n");
    }

    /// <summary>Two bars per rule: the baseline's bytes for the rule's requests, and the new policy's (estimate lighter).</summary>
    private static void RuleBars(StringBuilder h, ReplayReport r)
    {
        h.Append("<h2>Bytes per rule, before and after</h2>\n<div class=\"legend\"><span style=\"background:").Append(BaselineColor).Append("\"></span>baseline<span style=\"background:")
            .Append(NewColor).Append("\"></span>new policy<span style=\"background:").Append(EstimateColor).Append("\"></span>estimate (raised level)</div>\n");
        var max = Math.Max(1, r.Rules.Select(x => Math.Max(x.Bytes + x.EstimatedBytes, x.Baseline!.Bytes + x.Baseline.EstimatedBytes)).DefaultIfEmpty(1).Max());
        const int Label = 300, Width = 500, RowHeight = 34;
        h.Append("<svg id=\"rule-bars\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(Label + Width + 120).Append("\" height=\"").Append((r.Rules.Count * RowHeight) + 10).Append("\">\n");
        for (var i = 0; i < r.Rules.Count; i++)
        {
            var rule = r.Rules[i];
            var y = (i * RowHeight) + 4;
            var name = (rule.Index < 0 ? "no rule" : "rule " + rule.Index) + " " + rule.Level;
            h.Append("<text x=\"0\" y=\"").Append(y + 20).Append("\">").Append(E(name)).Append(": ").Append(E(Shorten(rule.Summary, 30))).Append("</text>\n");
            var before = rule.Baseline!.Bytes + rule.Baseline.EstimatedBytes;
            Bar(h, Label, y, Width * (double)before / max, 12, BaselineColor, "baseline", rule.Index, before);
            var measured = Width * (double)rule.Bytes / max;
            Bar(h, Label, y + 14, measured, 12, NewColor, "new", rule.Index, rule.Bytes);
            if (rule.EstimatedBytes > 0)
            {
                Bar(h, Label + measured, y + 14, Width * (double)rule.EstimatedBytes / max, 12, EstimateColor, "estimate", rule.Index, rule.EstimatedBytes);
            }

            h.Append("<text x=\"").Append(Label + Width + 6).Append("\" y=\"").Append(y + 24).Append("\">").Append(rule.RaisedEvents > 0 ? "~" : string.Empty)
                .Append(E(Units.Bytes(rule.Bytes + rule.EstimatedBytes))).Append("</text>\n");
        }

        h.Append("</svg>\n<table><tr><th>rule</th><th>level</th><th class=\"n\">requests</th><th class=\"n\">events</th><th class=\"n\">bytes</th><th class=\"n\">baseline</th><th>matches</th></tr>\n");
        foreach (var rule in r.Rules)
        {
            h.Append("<tr class=\"rule\" data-index=\"").Append(rule.Index).Append("\"><td>").Append(rule.Index < 0 ? "-" : rule.Index.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(rule.Level)
                .Append("</td><td class=\"n\" data-value=\"").Append(rule.Requests).Append("\">").Append(Units.Count(rule.Requests))
                .Append("</td><td class=\"n\" data-value=\"").Append(rule.Events).Append("\">").Append(Units.Count(rule.Events))
                .Append("</td><td class=\"n\" data-value=\"").Append(rule.Bytes + rule.EstimatedBytes).Append("\">").Append(rule.RaisedEvents > 0 ? "~" : string.Empty).Append(Units.Bytes(rule.Bytes + rule.EstimatedBytes))
                .Append("</td><td class=\"n\" data-value=\"").Append(rule.Baseline!.Bytes + rule.Baseline.EstimatedBytes).Append("\">").Append(Units.Bytes(rule.Baseline.Bytes + rule.Baseline.EstimatedBytes))
                .Append("</td><td>").Append(E(rule.Summary)).Append("</td></tr>\n");
        }

        h.Append("</table>\n");
    }

    private static void Bar(StringBuilder h, double x, double y, double width, double height, string color, string series, int rule, long value)
    {
        h.Append("<rect class=\"bar ").Append(series).Append("\" data-rule=\"").Append(rule).Append("\" data-value=\"").Append(value).Append("\" x=\"").Append(F(x)).Append("\" y=\"").Append(F(y))
            .Append("\" width=\"").Append(F(Math.Max(width, value > 0 ? 1 : 0))).Append("\" height=\"").Append(F(height)).Append("\" fill=\"").Append(color).Append("\"><title>")
            .Append(series).Append(": ").Append(value).Append(" bytes</title></rect>\n");
    }

    /// <summary>Bytes per time bucket, baseline and new side by side.</summary>
    private static void TimelineChart(StringBuilder h, ReplayReport r)
    {
        if (r.Timeline.Count == 0)
        {
            return;
        }

        const int Width = 900, Height = 180, Bottom = 20;
        var max = Math.Max(1, r.Timeline.Max(b => Math.Max(b.Bytes, b.BaselineBytes)));
        var step = (double)Width / r.Timeline.Count;
        h.Append("<h2>Volume over time</h2>\n<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(Width + 10).Append("\" height=\"").Append(Height + Bottom).Append("\">\n");
        for (var i = 0; i < r.Timeline.Count; i++)
        {
            var bucket = r.Timeline[i];
            var before = Height * (double)bucket.BaselineBytes / max;
            var after = Height * (double)bucket.Bytes / max;
            var w = Math.Max(step / 2 - 1, 0.5);
            Rect(h, i * step, Height - before, w, before, BaselineColor, Units.Time(bucket.Start) + " baseline " + bucket.BaselineBytes + " bytes");
            Rect(h, (i * step) + (step / 2), Height - after, w, after, NewColor, Units.Time(bucket.Start) + " new " + bucket.Bytes + " bytes");
        }

        h.Append("<text x=\"0\" y=\"").Append(Height + 15).Append("\">").Append(Units.Time(r.Timeline[0].Start)).Append("</text>")
            .Append("<text x=\"").Append(Width).Append("\" y=\"").Append(Height + 15).Append("\" text-anchor=\"end\">").Append(Units.Time(r.Timeline[^1].Start)).Append("</text>\n</svg>\n");
    }

    private static void Rect(StringBuilder h, double x, double y, double width, double height, string color, string title)
    {
        h.Append("<rect x=\"").Append(F(x)).Append("\" y=\"").Append(F(y)).Append("\" width=\"").Append(F(width)).Append("\" height=\"").Append(F(height)).Append("\" fill=\"").Append(color)
            .Append("\"><title>").Append(E(title)).Append("</title></rect>\n");
    }

    private static void Talkers(StringBuilder h, ReplayReport r)
    {
        if (r.TopTalkers.Count == 0)
        {
            return;
        }

        h.Append("<h2>Top talkers</h2>\n<table id=\"top-talkers\"><tr><th>user</th><th>verb</th><th>resource</th><th class=\"n\">events</th><th class=\"n\">bytes</th><th class=\"n\">baseline</th></tr>\n");
        foreach (var t in r.TopTalkers)
        {
            h.Append("<tr><td>").Append(E(t.User.Length == 0 ? "(no user)" : t.User)).Append("</td><td>").Append(E(t.Verb)).Append("</td><td>").Append(E(t.Resource))
                .Append("</td><td class=\"n\" data-value=\"").Append(t.Events).Append("\">").Append(Units.Count(t.Events))
                .Append("</td><td class=\"n\" data-value=\"").Append(t.Bytes).Append("\">").Append(Units.Bytes(t.Bytes))
                .Append("</td><td class=\"n\" data-value=\"").Append(t.BaselineBytes).Append("\">").Append(Units.Bytes(t.BaselineBytes)).Append("</td></tr>\n");
        }

        h.Append("</table>\n");
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text.Substring(0, length - 1) + "…";

    private static string F(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
