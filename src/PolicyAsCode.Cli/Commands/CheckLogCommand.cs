using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyAsCode.Cli.Replay;
using PolicyAsCode.Replay;

namespace PolicyAsCode.Cli.Commands;

/// <summary>
/// <c>check-log LOG... --require SET</c>: whether the live log records what a requirement set needs. Exit codes
/// follow <c>validate</c>: 0 nothing below the requirement, 1 findings, 2 usage or input errors.
/// </summary>
internal static class CheckLogCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var logs = new Argument<string[]>("logs") { Arity = ArgumentArity.OneOrMore, Description = "Audit logs (JSON lines): files, gzip files, directories of rotated files, or '-' for standard input." };
        var require = new Option<string[]>("--require") { Description = "Requirement sets: a built-in name (" + string.Join(", ", RequirementSets.BuiltInNames) + ") or an assembly path with [RequirementSet] types; repeat the option for several.", Required = true };
        var format = new Option<string>("--format") { Description = "Output format: text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var strict = new Option<bool>("--strict") { Description = "Fail (exit 2) on any line that is not an audit event." };
        var command = new Command("check-log", "Check that the audit log records every request a requirement set covers at the required level with the required stages: cells with events below it (with auditID, time and file:line), and cells never seen in the log (unknown).")
        {
            logs, require, format, strict,
        };
        command.SetAction(parse =>
        {
            var sets = new List<RequirementSet>();
            foreach (var name in parse.GetValue(require) ?? Array.Empty<string>())
            {
                var loaded = ValidateCommand.LoadRequirementSets(name, out var problem);
                if (loaded is null)
                {
                    stderr.WriteLine("error: --require " + name + ": " + problem);
                    return ExitCodes.InputError;
                }

                sets.AddRange(loaded);
            }

            if (!ReplayCommand.TryExpand(parse.GetValue(logs)!, stderr, out var inputs))
            {
                return ExitCodes.InputError;
            }

            var progress = new ScanProgress();
            LogCheckReport report;
            using (ProgressLine.Start(progress, stderr))
            {
                report = LogCheck.Run(sets, inputs, progress: progress);
            }

            if (parse.GetValue(strict) && report.NotEventCount > 0)
            {
                ReplayCommand.ReportNotEvents(report.NotEvents, report.NotEventCount, stderr, "error");
                return ExitCodes.InputError;
            }

            if (parse.GetValue(format) == "json")
            {
                WriteJson(report, stdout);
            }
            else
            {
                WriteText(report, stdout);
            }

            ReplayCommand.ReportNotEvents(report.NotEvents, report.NotEventCount, stderr, "warning");
            return report.Cells.Any(c => c.Below > 0) ? ExitCodes.Findings : ExitCodes.Clean;
        });
        return command;
    }

    private static void WriteText(LogCheckReport report, TextWriter o)
    {
        foreach (var cell in report.Cells.Where(c => c.Below > 0))
        {
            var severity = cell.Requirement.Optional ? "warning" : "error";
            o.WriteLine(severity + ": " + cell.SetName + ": " + cell.Name + ": " + Units.Count(cell.Below) + " of " + Units.Count(cell.Requests) + (cell.Requirement.HasMaximum ? " requests not recorded at " + cell.Requirement.LevelText : " requests recorded below " + cell.Requirement.MinimumLevel.Value)
                + (cell.Requirement.KeptStages.IsEmpty ? string.Empty : " with " + string.Join(", ", cell.Requirement.KeptStages.Select(s => s.Value))));
            foreach (var v in cell.Violations)
            {
                o.WriteLine("  " + v.File + ":" + v.Line.ToString(CultureInfo.InvariantCulture) + ": auditID " + v.AuditId + (v.Time is { } t ? " at " + Units.Time(t) : string.Empty) + ": " + v.Problem);
            }

            if (cell.Below > cell.Violations.Count)
            {
                o.WriteLine("  ... " + Units.Count(cell.Below - cell.Violations.Count) + " more");
            }
        }

        var met = report.Cells.Count(c => !c.Unseen && c.Below == 0);
        var unseen = report.Cells.Where(c => c.Unseen).ToList();
        if (unseen.Count > 0)
        {
            o.WriteLine("unknown (never seen in the log, so neither met nor failed): " + string.Join(", ", unseen.Select(c => c.SetName + " " + c.Name + (c.Requirement.Optional ? " (optional)" : string.Empty))));
        }

        o.WriteLine(Units.Count(report.Events) + " events: " + report.Cells.Count(c => c.Below > 0).ToString(CultureInfo.InvariantCulture) + " cells below the requirement, "
            + met.ToString(CultureInfo.InvariantCulture) + " met, " + unseen.Count.ToString(CultureInfo.InvariantCulture) + " never seen");
    }

    /// <summary>{"events","notEvents","cells":[{set,group,resource,verb,optional,minimumLevel,keptStages,status,requests,below,violations:[...]}]}.</summary>
    private static void WriteJson(LogCheckReport report, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("schema", "policyascode.check-log/v1");
            w.WriteNumber("events", report.Events);
            w.WriteNumber("notEvents", report.NotEventCount);
            w.WriteStartArray("cells");
            foreach (var cell in report.Cells)
            {
                w.WriteStartObject();
                w.WriteString("set", cell.SetName);
                w.WriteString("group", cell.Group);
                w.WriteString("resource", cell.Resource);
                w.WriteString("verb", cell.Verb);
                w.WriteBoolean("optional", cell.Requirement.Optional);
                w.WriteString("minimumLevel", cell.Requirement.MinimumLevel.Value);
                w.WriteString("maximumLevel", cell.Requirement.MaximumLevel.Value);
                w.WriteStartArray("keptStages");
                foreach (var stage in cell.Requirement.KeptStages)
                {
                    w.WriteStringValue(stage.Value);
                }

                w.WriteEndArray();
                w.WriteString("status", cell.Unseen ? "unknown" : cell.Below > 0 ? "below" : "met");
                w.WriteNumber("requests", cell.Requests);
                w.WriteNumber("below", cell.Below);
                w.WriteStartArray("violations");
                foreach (var v in cell.Violations)
                {
                    w.WriteStartObject();
                    w.WriteString("auditID", v.AuditId);
                    if (v.Time is { } t)
                    {
                        w.WriteString("time", t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        w.WriteNull("time");
                    }

                    w.WriteString("file", v.File);
                    w.WriteNumber("line", v.Line);
                    w.WriteString("level", v.Level);
                    w.WriteString("problem", v.Problem);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
