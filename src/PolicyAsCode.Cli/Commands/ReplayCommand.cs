using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using PolicyAsCode.Cli.Replay;
using PolicyAsCode.Replay;

namespace PolicyAsCode.Cli.Commands;

/// <summary><c>replay LOG... --policy NEW.yaml [--baseline OLD.yaml]</c>: what a policy would log, measured on a real audit log.</summary>
internal static class ReplayCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var logs = new Argument<string[]>("logs") { Arity = ArgumentArity.OneOrMore, Description = "Audit logs (JSON lines, as kube-apiserver writes them): files, gzip files, directories of rotated files, or '-' for standard input." };
        var policy = new Option<string>("--policy") { Description = "The candidate policy file.", Required = true };
        var baseline = new Option<string?>("--baseline") { Description = "The policy to compare with (default: the log as it was recorded)." };
        var format = new Option<string>("--format") { Description = "Output format: text or json (schema: docs/replay.md).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report to this file." };
        var maxSize = new Option<long>("--max-size") { Description = "MB per log file before rotation (kube-apiserver --audit-log-maxsize).", DefaultValueFactory = _ => 100 };
        var maxBackup = new Option<int>("--max-backup") { Description = "Rotated log files kept (kube-apiserver --audit-log-maxbackup).", DefaultValueFactory = _ => 10 };
        var strict = new Option<bool>("--strict") { Description = "Fail (exit 2) on any line that is not an audit event." };
        var jobs = new Option<int>("--jobs") { Description = "Files read in parallel (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var top = new Option<int>("--top") { Description = "Top talkers to list.", DefaultValueFactory = _ => 10 };
        var command = new Command("replay", "Replay audit logs against a policy with kube-apiserver's first-match semantics: requests, events and bytes per rule as the new policy would write them, against the baseline; events/s, bytes/day, retention and top talkers.")
        {
            logs, policy, baseline, format, html, maxSize, maxBackup, strict, jobs, top,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(maxSize) <= 0 || parse.GetValue(maxBackup) <= 0 || parse.GetValue(jobs) <= 0 || parse.GetValue(top) < 0)
            {
                stderr.WriteLine("error: --max-size, --max-backup and --jobs must be positive, --top not negative");
                return ExitCodes.InputError;
            }

            var newPolicy = LoadPolicy(parse.GetValue(policy)!, "--policy", stderr);
            var oldPolicy = parse.GetValue(baseline) is { } baselineFile ? LoadPolicy(baselineFile, "--baseline", stderr) : null;
            if (newPolicy is null || (parse.GetValue(baseline) is not null && oldPolicy is null))
            {
                return ExitCodes.InputError;
            }

            if (!TryExpand(parse.GetValue(logs)!, stderr, out var inputs))
            {
                return ExitCodes.InputError;
            }

            var options = new ReplayOptions
            {
                Policy = newPolicy,
                PolicyFile = parse.GetValue(policy)!,
                Baseline = oldPolicy,
                BaselineFile = parse.GetValue(baseline),
                Inputs = inputs,
                MaxSizeMegabytes = parse.GetValue(maxSize),
                MaxBackup = parse.GetValue(maxBackup),
                Parallelism = parse.GetValue(jobs),
                TopTalkers = parse.GetValue(top),
                Progress = new ScanProgress(),
            };
            ReplayReport report;
            using (ProgressLine.Start(options.Progress, stderr))
            {
                report = LogReplay.Run(options);
            }

            if (parse.GetValue(strict) && report.NotEventCount > 0)
            {
                ReportNotEvents(report.NotEvents, report.NotEventCount, stderr, "error");
                return ExitCodes.InputError;
            }

            if (parse.GetValue(format) == "json")
            {
                ReplayJson.Write(report, stdout);
            }
            else
            {
                ReplayText.Write(report, stdout);
            }

            if (parse.GetValue(html) is { } htmlFile)
            {
                File.WriteAllText(htmlFile, ReplayHtml.Render(report));
            }

            ReportNotEvents(report.NotEvents, report.NotEventCount, stderr, "warning");
            return ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>Loads a policy kube-apiserver would accept; otherwise says why (exit 2).</summary>
    internal static Policy? LoadPolicy(string file, string option, TextWriter stderr)
    {
        if (!File.Exists(file) && !Directory.Exists(file))
        {
            stderr.WriteLine("error: " + option + " " + file + ": no such file");
            return null;
        }

        // The same bounded loader, and the same words for input that is not a policy, as every other command.
        return PolicyFiles.LoadAccepted(file, stderr);
    }

    /// <summary>The LOG arguments as files in time order; a missing path is reported (exit 2).</summary>
    internal static bool TryExpand(string[] arguments, TextWriter stderr, out List<string> inputs)
    {
        try
        {
            inputs = LogInputs.Expand(arguments);
        }
        catch (FileNotFoundException ex)
        {
            stderr.WriteLine("error: " + ex.Message);
            inputs = new List<string>();
            return false;
        }

        if (inputs.Count == 0)
        {
            stderr.WriteLine("error: no log files in " + string.Join(", ", arguments));
            return false;
        }

        return true;
    }

    /// <summary>Non-event lines, each as file:line: reason, on standard error.</summary>
    internal static void ReportNotEvents(IReadOnlyList<NotAnEvent> kept, long count, TextWriter stderr, string severity)
    {
        const int Shown = 10;
        var shown = 0;
        foreach (var line in kept.Take(Shown))
        {
            shown++;
            stderr.WriteLine(severity + ": " + line.File + ":" + line.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": not an audit event: " + line.Reason);
        }

        if (count > shown)
        {
            stderr.WriteLine(severity + ": " + (count - shown).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more lines that are not audit events");
        }
    }
}
