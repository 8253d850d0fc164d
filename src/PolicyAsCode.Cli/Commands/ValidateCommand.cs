using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace PolicyAsCode.Cli.Commands;

/// <summary>
/// <c>validate FILE... [--platform NAME]...</c>: what kube-apiserver does with each file and each named platform policy
/// (docs/platforms.md; reported as the file <c>platform:NAME</c>), plus the analyzers' findings.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.ZeroOrMore, Description = "Policy files (YAML or JSON); optional when --platform is given." };

        // The files argument takes every token no option claims, so a mistyped option would be read as a file name.
        files.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-')
                {
                    result.AddError("unknown option '" + token.Value + "' (a file whose name starts with '-' can be given as ./" + token.Value + ")");
                }
            }
        });
        var format = new Option<string>("--format") { Description = "Output format: text, json or sarif.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var version = new Option<string?>("--kubernetes-version") { Description = "Target kube-apiserver version (e.g. 1.31): version-dependent features are checked against it." };
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 when a file has a finding of this severity or worse: error (default; a rejected file is an error), warning, or never.", DefaultValueFactory = _ => "error" };
        failOn.AcceptOnlyFromAmong("error", "warning", "never");
        var require = new Option<string[]>("--require") { Description = "Requirement sets to check: a built-in name (" + string.Join(", ", RequirementSets.BuiltInNames) + ") or an assembly path with [RequirementSet] types; repeat the option for several." };
        var platform = new Option<string[]>("--platform") { Description = "A read-only platform policy to validate like a file, reported as platform:NAME (" + string.Join(", ", PlatformPolicies.Names) + "; docs/platforms.md); repeat the option for several." };
        var command = new Command("validate", "Load each file exactly as kube-apiserver would (accept, reject with its error, lenient-fallback warnings), then report values and names that never match, unreachable rules, credentials logged in bodies, removed APIs, version-dependent features and requirement gaps.")
        {
            files, format, version, require, platform, failOn,
        };
        command.SetAction(parse => Run(parse.GetValue(files) ?? Array.Empty<string>(), parse.GetValue(platform) ?? Array.Empty<string>(), parse.GetValue(format)!, parse.GetValue(version), parse.GetValue(require) ?? Array.Empty<string>(), parse.GetValue(failOn)!, stdout, stderr));
        return command;
    }

    internal sealed record FileReport(string File, PolicyLoadResult Result, List<Finding> Findings, bool InputError);

    /// <summary>
    /// One finding of a file: its catalog rule, message, position and, when the check has any, its structured data
    /// (<see cref="FindingData"/>; written to JSON as <c>data</c> and to SARIF as <c>properties</c>).
    /// </summary>
    internal sealed record Finding(RuleDescriptor Rule, string Message, int Line, int Column, int RuleIndex, FindingData? Data = null)
    {
        public string Id => Rule.Id;

        public string Severity => Rule.DefaultSeverity == RuleSeverity.Error ? "error" : "warning";
    }

    private static int Run(string[] files, string[] platformNames, string format, string? versionText, string[] requires, string failOn, TextWriter stdout, TextWriter stderr)
    {
        if (files.Length == 0 && platformNames.Length == 0)
        {
            stderr.WriteLine("error: give one or more policy files, or --platform NAME (" + string.Join(", ", PlatformPolicies.Names) + ")");
            return ExitCodes.InputError;
        }

        if (!VersionText.TryParse("--kubernetes-version", versionText, out var version, stderr))
        {
            return ExitCodes.InputError;
        }

        var platforms = new List<PlatformPolicy>();
        foreach (var name in platformNames)
        {
            if (!PlatformPolicies.TryGet(name, out var platform))
            {
                stderr.WriteLine(TerminalText.Escape("error: --platform " + name + ": not a known platform policy (" + string.Join(", ", PlatformPolicies.Names) + ")"));
                return ExitCodes.InputError;
            }

            platforms.Add(platform);
        }

        var sets = new List<RequirementSet>();
        foreach (var name in requires)
        {
            var loaded = LoadRequirementSets(name, out var problem);
            if (loaded is null)
            {
                stderr.WriteLine("error: --require " + name + ": " + problem);
                return ExitCodes.InputError;
            }

            if (loaded.FirstOrDefault(set => set.Unmeetable is not null) is { Unmeetable: { } bad } badSet)
            {
                stderr.WriteLine("error: --require " + name + ": requirement set '" + badSet.Name + "': requirement for " + (bad.Group.Length == 0 ? "core" : bad.Group) + " " + string.Join(", ", bad.Resources) + ": " + bad.DeclarationProblem);
                return ExitCodes.InputError;
            }

            sets.AddRange(loaded);
        }

        // Sets that contradict each other do so whatever the policy says: reported once per run, before the files.
        var conflicts = RequirementConflicts.Find(sets, version)
            .Select(c => new Finding(RuleCatalog.Get(RuleCatalog.RequirementConflict), c.Message, 0, 0, -1, FindingData.Of(c)))
            .ToList();
        if (format == "text")
        {
            foreach (var conflict in conflicts)
            {
                stdout.WriteLine(TerminalText.Escape("--require: " + conflict.Severity + " " + conflict.Id + ": " + conflict.Message));
            }
        }

        // Text is written file by file, so a file's loaded policy is garbage before the next file is read
        // (memory stays that of the largest file); JSON and SARIF are one document over all files.
        var reports = new List<FileReport>();
        var anyInputError = false;
        var anyFailing = failOn != "never" && conflicts.Count > 0;
        // Files first, then the platform policies, each in the order given.
        var count = files.Length + platforms.Count;
        for (var i = 0; i < count; i++)
        {
            // The previous file's model is garbage now; collect it before reading the next one, so the peak is
            // that of the largest file rather than whatever the collector had not yet reclaimed (docs/limits.md).
            if (i > 0 && format == "text")
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            }

            var index = i;
            var (inputError, failing) = CheckOne(() => index < files.Length ? Check(files[index], version, sets) : Check(platforms[index - files.Length], version, sets), failOn, format == "text" ? null : reports, stdout, stderr);
            anyInputError |= inputError;
            anyFailing |= failing;
        }

        switch (format)
        {
            case "json":
                WriteJson(reports, conflicts, sets, stdout);
                break;
            case "sarif":
                WriteSarif(reports, conflicts, stdout);
                break;
        }

        return anyInputError ? ExitCodes.InputError : anyFailing ? ExitCodes.Findings : ExitCodes.Clean;
    }

    /// <summary>
    /// Checks one file (or platform policy) and writes its text, or keeps its report for a JSON or SARIF document. A
    /// method of its own so that nothing of the file outlives it in the caller's frame: the collection before the next
    /// file then frees all of it (a loop variable of a method compiled once keeps the last report alive).
    /// </summary>
    private static (bool InputError, bool Failing) CheckOne(Func<FileReport> check, string failOn, List<FileReport>? reports, TextWriter stdout, TextWriter stderr)
    {
        var report = check();
        if (report.InputError)
        {
            PolicyFiles.InputError(report.File, report.Result.Error!, stderr);
        }

        if (reports is null)
        {
            WriteText(new List<FileReport> { report }, stdout);
        }
        else
        {
            reports.Add(report);
        }

        return (report.InputError, Fails(report, failOn));
    }

    /// <summary>
    /// Exit 1 only for what the user asked to fail on: by default errors (a rejected file, or a finding of severity
    /// error), so warnings such as an unreachable rule do not break a pipeline; <c>warning</c> fails on any finding.
    /// </summary>
    private static bool Fails(FileReport report, string failOn) => failOn switch
    {
        "never" => false,
        "warning" => !report.Result.Accepted || report.Findings.Count > 0,
        _ => !report.Result.Accepted || report.Findings.Any(f => f.Severity == "error"),
    };

    internal static FileReport Check(string file, (int Major, int Minor)? version, IReadOnlyList<RequirementSet> sets)
        => Check(file, PolicyLoader.LoadFile(file, LoadOptions(version)), version, sets);

    /// <summary>A platform policy, loaded like a file with its text and reported as the file <c>platform:NAME</c>.</summary>
    internal static FileReport Check(PlatformPolicy platform, (int Major, int Minor)? version, IReadOnlyList<RequirementSet> sets)
        => Check(platform.FileName, platform.Load(LoadOptions(version)), version, sets);

    private static PolicyLoadOptions LoadOptions((int Major, int Minor)? version)
        => new() { AllowGroupWildcard = KubernetesVersions.AllowsGroupWildcard(version) };

    private static FileReport Check(string file, PolicyLoadResult result, (int Major, int Minor)? version, IReadOnlyList<RequirementSet> sets)
    {
        var findings = new List<Finding>();
        foreach (var f in result.Findings)
        {
            var rule = RuleCatalog.Get(f.Code == "strict" ? RuleCatalog.StrictDecodingFallback : RuleCatalog.RejectedByKubeApiServer);
            findings.Add(new Finding(rule, f.Message, f.Line, f.Column, f.RuleIndex));
        }

        if (result.Accepted && result.Policy is { } policy)
        {
            foreach (var lint in PolicyLint.Check(policy, version))
            {
                var (line, column) = result.PositionOf(lint.Path);
                findings.Add(new Finding(RuleCatalog.Get(lint.Id), lint.Message, line, column, lint.RuleIndex, FindingData.Of(lint)));
            }

            foreach (var set in sets)
            {
                // One finding per cause, at the rule where a person acts (the rule a fix edits, or the deciding rule).
                var count = policy.Rules.Count;
                foreach (var finding in RequirementFindings.Check(policy, set, target: version))
                {
                    var rule = finding.Optional ? finding.DecidingRule : finding.Rule(count);
                    var (line, column) = result.PositionOf(rule >= 0 ? new PolicyPath(rule, string.Empty) : new PolicyPath(-1, "rules"));
                    findings.Add(new Finding(RuleCatalog.Get(finding.RuleId), finding.Message(count, null), line, column, rule, FindingData.Of(finding, count)));
                }
            }
        }

        return new FileReport(file, result, findings, result.Unreadable);
    }

    internal static List<RequirementSet>? LoadRequirementSets(string name, out string? problem)
    {
        problem = null;
        if (RequirementSets.BuiltInNamed(name) is { } builtIn)
        {
            return new List<RequirementSet> { builtIn };
        }

        if (!File.Exists(name))
        {
            problem = "not a built-in requirement set (" + string.Join(", ", RequirementSets.BuiltInNames) + ") and no such assembly file";
            return null;
        }

#if POLICYASCODE_NATIVE
        problem = "the native executable has only the built-in requirement sets (" + string.Join(", ", RequirementSets.BuiltInNames) + "); run the .NET tool (dotnet tool install PolicyAsCode.Tool) to load them from an assembly";
        return null;
#else

        try
        {
            var sets = RequirementSets.FromAssembly(Assembly.LoadFrom(Path.GetFullPath(name))).ToList();
            if (sets.Count == 0)
            {
                problem = "the assembly has no [RequirementSet] types";
                return null;
            }

            return sets;
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or ReflectionTypeLoadException)
        {
            problem = "cannot load the assembly: " + ex.Message;
            return null;
        }
#endif
    }

    private static void WriteText(List<FileReport> reports, TextWriter stdout)
    {
        // Lines are gathered into chunks: the console writer flushes every write, and a large policy has a finding
        // per rule (100,000 lines would be 100,000 system calls).
        var chunk = new StringBuilder(TextChunk + 1024);
        foreach (var report in reports)
        {
            // Input that is not a policy at all has its one error line on standard error, nothing here.
            if (report.InputError)
            {
                continue;
            }

            // FILE:LINE:COLUMN: SEVERITY ID: MESSAGE, appended in parts (escaping is per character).
            foreach (var f in report.Findings)
            {
                TerminalText.Append(chunk, report.File);
                if (f.Line > 0)
                {
                    chunk.Append(':').Append(f.Line).Append(':').Append(f.Column);
                }

                chunk.Append(": ").Append(f.Severity).Append(' ').Append(f.Id).Append(": ");
                TerminalText.Append(chunk, f.Message).Append(stdout.NewLine);
                if (chunk.Length >= TextChunk)
                {
                    stdout.Write(chunk);
                    chunk.Clear();
                }
            }

            chunk.Append(TerminalText.Escape(report.Result.Accepted
                ? report.File + ": accepted by kube-apiserver (" + report.Result.Policy!.Rules.Count.ToString(CultureInfo.InvariantCulture) + (report.Result.Policy!.Rules.Count == 1 ? " rule)" : " rules)") + (report.Result.LenientFallback ? ", after the lenient-decoding fallback" : string.Empty)
                : report.File + ": rejected by kube-apiserver: " + report.Result.Error + V1beta1Hint.For(report.Result.Error, report.File))).Append(stdout.NewLine);
        }

        stdout.Write(chunk);
    }

    /// <summary>Characters of text output gathered before one write.</summary>
    private const int TextChunk = 32 * 1024;

    private static void WriteJson(List<FileReport> reports, List<Finding> conflicts, List<RequirementSet> sets, TextWriter stdout)
        => WriteDocument(stdout, json =>
        {
            json.WriteStartArray();
            // Conflicts between the sets belong to no file: one leading object, only when there are any (docs/findings-json.md).
            if (conflicts.Count > 0)
            {
                json.WriteStartObject();
                json.WriteStartArray("requirementSets");
                foreach (var set in sets)
                {
                    json.WriteStringValue(set.Name);
                }

                json.WriteEndArray();
                json.WriteStartArray("conflicts");
                foreach (var f in conflicts)
                {
                    WriteJsonFinding(json, f);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            foreach (var report in reports)
            {
                var result = report.Result;
                json.WriteStartObject();
                json.WriteString("file", report.File);
                json.WriteBoolean("accepted", result.Accepted);
                if (result.Error is null)
                {
                    json.WriteNull("error");
                }
                else
                {
                    json.WriteString("error", result.Error);
                }

                json.WriteBoolean("lenientFallback", result.LenientFallback);
                if (result.StrictErrors is null)
                {
                    json.WriteNull("strictErrors");
                }
                else
                {
                    json.WriteString("strictErrors", result.StrictErrors);
                }

                json.WritePropertyName("decoded");
                if (result.Policy is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteRawValue(PolicyJsonWriter.Rules(result.Policy), skipInputValidation: true);
                }

                json.WriteStartArray("findings");
                foreach (var f in report.Findings)
                {
                    WriteJsonFinding(json, f);
                    FlushSometimes(json);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });

    /// <summary>
    /// Writes one indented JSON document and a line break to standard output as it is produced, in chunks of about
    /// 64 KiB (<see cref="FlushSometimes"/>), instead of building the whole document in memory first: the output of a
    /// large policy's findings is tens of megabytes, and a buffer, its copy and a string of it were most of the peak.
    /// </summary>
    private static void WriteDocument(TextWriter stdout, Action<Utf8JsonWriter> write)
    {
        stdout.Flush();
        var toConsole = stdout == Console.Out;
        var output = toConsole ? Console.OpenStandardOutput() : new TextWriterStream(stdout);
        try
        {
            using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
            {
                write(json);
            }

            output.Write(Encoding.UTF8.GetBytes(Environment.NewLine));
            output.Flush();
        }
        finally
        {
            if (toConsole)
            {
                output.Dispose();
            }
        }
    }

    private static void FlushSometimes(Utf8JsonWriter json)
    {
        if (json.BytesPending >= 1 << 16)
        {
            json.Flush();
        }
    }

    private static void WriteJsonFinding(Utf8JsonWriter json, Finding f)
    {
        json.WriteStartObject();
        json.WriteString("id", f.Id);
        json.WriteString("severity", f.Severity);
        json.WriteString("message", f.Message);
        json.WriteNumber("line", f.Line);
        json.WriteNumber("column", f.Column);
        json.WriteNumber("ruleIndex", f.RuleIndex);
        json.WriteString("title", f.Rule.Title);
        json.WriteString("helpUri", f.Rule.HelpUri);
        if (f.Data is { } data)
        {
            json.WritePropertyName("data");
            data.Write(json);
        }

        json.WriteEndObject();
    }

    private static void WriteSarif(List<FileReport> reports, List<Finding> conflicts, TextWriter stdout)
        => WriteDocument(stdout, json =>
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "policyascode");
            json.WriteString("informationUri", "https://github.com/policyascode/policyascode");
            json.WriteStartArray("rules");
            // Only the rules this run reports, in id order; results point at them by ruleIndex.
            var rules = reports.SelectMany(r => r.Findings).Concat(conflicts).Select(f => f.Rule).Distinct().OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
            foreach (var rule in rules)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Id);
                json.WriteStartObject("shortDescription");
                json.WriteString("text", rule.Title);
                json.WriteEndObject();
                json.WriteString("helpUri", rule.HelpUri);
                json.WriteStartObject("defaultConfiguration");
                json.WriteString("level", rule.DefaultSeverity == RuleSeverity.Error ? "error" : "warning");
                json.WriteEndObject();
                json.WriteStartObject("properties");
                json.WriteString("category", rule.Category);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("results");
            // A conflict between requirement sets is in no file: a result without locations (SARIF 2.1.0 allows it).
            foreach (var f in conflicts)
            {
                WriteSarifResult(json, f, rules, file: null);
            }

            foreach (var report in reports)
            {
                foreach (var f in report.Findings)
                {
                    WriteSarifResult(json, f, rules, report.File);
                    FlushSometimes(json);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });

    private static void WriteSarifResult(Utf8JsonWriter json, Finding f, List<RuleDescriptor> rules, string? file)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", f.Id);
        json.WriteNumber("ruleIndex", rules.IndexOf(f.Rule));
        json.WriteString("level", f.Severity);
        json.WriteStartObject("message");
        json.WriteString("text", f.Message);
        json.WriteEndObject();
        if (file is not null)
        {
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", file.Replace('\\', '/'));
            json.WriteEndObject();
            if (f.Line > 0)
            {
                json.WriteStartObject("region");
                json.WriteNumber("startLine", f.Line);
                json.WriteNumber("startColumn", f.Column);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        if (f.Data is { } data)
        {
            json.WritePropertyName("properties");
            data.Write(json);
        }

        json.WriteEndObject();
    }
}
