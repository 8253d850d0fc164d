using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyAsCode.Replay;

namespace PolicyAsCode.Cli.Replay;

/// <summary>
/// <c>replay --format json</c>: one object, properties always in the same order, schema
/// <c>policyascode.replay/v1</c> (documented in docs/replay.md; fields are only ever added).
/// </summary>
internal static class ReplayJson
{
    public const string Schema = "policyascode.replay/v1";

    public static void Write(ReplayReport r, TextWriter output)
    {
        output.Write(ToString(r));
        output.WriteLine();
    }

    public static string ToString(ReplayReport r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(r, w);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(ReplayReport r, Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WriteStartArray("inputs");
        foreach (var input in r.Inputs)
        {
            w.WriteStringValue(input);
        }

        w.WriteEndArray();
        w.WriteNumber("lines", r.Lines);
        w.WriteNumber("events", r.Events);
        w.WriteNumber("requests", r.Requests);
        w.WriteNumber("inputBytes", r.InputBytes);
        w.WriteStartObject("notEvents");
        w.WriteNumber("count", r.NotEventCount);
        w.WriteStartArray("first");
        foreach (var n in r.NotEvents)
        {
            w.WriteStartObject();
            w.WriteString("file", n.File);
            w.WriteNumber("line", n.Line);
            w.WriteString("reason", n.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        Time(w, "from", r.From);
        Time(w, "to", r.To);
        w.WriteNumber("spanSeconds", Math.Round(r.SpanSeconds, 6));
        w.WriteString("policy", r.PolicyFile);
        w.WriteString("baseline", r.BaselineFile);
        w.WriteStartArray("rules");
        var total = r.After.Bytes + r.After.EstimatedBytes;
        foreach (var rule in r.Rules)
        {
            Rule(w, rule, total);
        }

        w.WriteEndArray();
        w.WriteStartArray("baselineRules");
        var baselineTotal = r.Before.Bytes + r.Before.EstimatedBytes;
        foreach (var rule in r.BaselineRules)
        {
            Rule(w, rule, baselineTotal);
        }

        w.WriteEndArray();
        w.WritePropertyName("total");
        Volume(w, r.After, null);
        w.WritePropertyName("baselineTotal");
        Volume(w, r.Before, null);
        w.WriteStartObject("rates");
        Number(w, "eventsPerSecond", r.EventsPerSecond(r.After));
        Number(w, "bytesPerDay", r.BytesPerDay(r.After));
        Number(w, "baselineEventsPerSecond", r.EventsPerSecond(r.Before));
        Number(w, "baselineBytesPerDay", r.BytesPerDay(r.Before));
        w.WriteEndObject();
        w.WriteStartObject("retention");
        w.WriteNumber("maxSizeMB", r.MaxSizeMegabytes);
        w.WriteNumber("maxBackup", r.MaxBackup);
        w.WriteNumber("bytes", r.RetentionBytes);
        Number(w, "hours", r.RetentionHours(r.After));
        Number(w, "baselineHours", r.RetentionHours(r.Before));
        w.WriteEndObject();
        w.WriteStartArray("topTalkers");
        foreach (var t in r.TopTalkers)
        {
            w.WriteStartObject();
            w.WriteString("user", t.User);
            w.WriteString("verb", t.Verb);
            w.WriteString("resource", t.Resource);
            w.WriteNumber("events", t.Events);
            w.WriteNumber("bytes", t.Bytes);
            w.WriteNumber("baselineBytes", t.BaselineBytes);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("topTalkersError", r.TopTalkersError);
        w.WriteStartArray("timeline");
        foreach (var bucket in r.Timeline)
        {
            w.WriteStartObject();
            Time(w, "start", bucket.Start);
            w.WriteNumber("baselineBytes", bucket.BaselineBytes);
            w.WriteNumber("bytes", bucket.Bytes);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Rule(Utf8JsonWriter w, RuleVolume rule, long total)
    {
        w.WriteStartObject();
        w.WriteNumber("index", rule.Index);
        w.WriteString("level", rule.Level);
        w.WriteString("matches", rule.Summary);
        Fields(w, rule, total);
        if (rule.Baseline is { } baseline)
        {
            w.WritePropertyName("baseline");
            Volume(w, baseline, null);
        }

        w.WriteEndObject();
    }

    private static void Volume(Utf8JsonWriter w, Volume v, long? total)
    {
        w.WriteStartObject();
        Fields(w, v, total);
        w.WriteEndObject();
    }

    private static void Fields(Utf8JsonWriter w, Volume v, long? total)
    {
        w.WriteNumber("requests", v.Requests);
        w.WriteNumber("events", v.Events);
        w.WriteNumber("bytes", v.Bytes);
        w.WriteNumber("raisedEvents", v.RaisedEvents);
        w.WriteNumber("estimatedBytes", v.EstimatedBytes);
        w.WriteNumber("unestimatedEvents", v.UnestimatedEvents);
        if (total is { } t)
        {
            w.WriteNumber("share", t > 0 ? Math.Round((double)(v.Bytes + v.EstimatedBytes) / t, 6) : 0);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, Math.Round(v, 3));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Time(Utf8JsonWriter w, string name, DateTime? time)
    {
        if (time is { } t)
        {
            w.WriteString(name, t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
