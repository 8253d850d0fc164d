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

/// <summary><c>validate FILE...</c>: what kube-apiserver does with each file, plus the analyzers' findings.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Policy files (YAML or JSON)." };
        var format = new Option<string>("--format") { Description = "Output format: text, json or sarif.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var version = new Option<string?>("--kubernetes-version") { Description = "Target kube-apiserver version (e.g. 1.31): version-dependent features are checked against it." };
        var require = new Option<string[]>("--require") { Description = "Requirement sets to check: a built-in name (CalicoCloud) or an assembly path with [RequirementSet] types; repeat the option for several." };
        var command = new Command("validate", "Load each file exactly as kube-apiserver would (accept, reject with its error, lenient-fallback warnings), then report values and names that never match, unreachable rules, credentials logged in bodies, removed APIs, version-dependent features and requirement gaps.")
        {
            files, format, version, require,
        };
        command.SetAction(parse => Run(parse.GetValue(files)!, parse.GetValue(format)!, parse.GetValue(version), parse.GetValue(require) ?? Array.Empty<string>(), stdout, stderr));
        return command;
    }

    internal sealed record FileReport(string File, PolicyLoadResult Result, List<Finding> Findings, bool InputError);

    internal sealed record Finding(string Id, string Severity, string Message, int Line, int Column, int RuleIndex);

    private static int Run(string[] files, string format, string? versionText, string[] requires, TextWriter stdout, TextWriter stderr)
    {
        (int, int)? version = null;
        if (versionText is not null)
        {
            if (!KubernetesVersions.TryParse(versionText, out var parsed))
            {
                stderr.WriteLine("error: --kubernetes-version must look like 1.31, not '" + versionText + "'");
                return ExitCodes.InputError;
            }

            version = parsed;
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

            sets.AddRange(loaded);
        }

        var reports = files.Select(f => Check(f, version, sets)).ToList();
        switch (format)
        {
            case "json":
                WriteJson(reports, stdout);
                break;
            case "sarif":
                WriteSarif(reports, stdout);
                break;
            default:
                WriteText(reports, stdout);
                break;
        }

        foreach (var report in reports.Where(r => r.InputError))
        {
            stderr.WriteLine("error: " + report.File + ": " + report.Result.Error);
        }

        return reports.Any(r => r.InputError) ? ExitCodes.InputError : reports.Any(r => !r.Result.Accepted || r.Findings.Count > 0) ? ExitCodes.Findings : ExitCodes.Clean;
    }

    internal static FileReport Check(string file, (int Major, int Minor)? version, IReadOnlyList<RequirementSet> sets)
    {
        var options = new PolicyLoadOptions { AllowGroupWildcard = KubernetesVersions.AllowsGroupWildcard(version) };
        var result = PolicyLoader.LoadFile(file, options);
        var findings = new List<Finding>();
        foreach (var f in result.Findings)
        {
            var id = f.Code == "strict" ? "PACY001" : "PAC0004";
            findings.Add(new Finding(id, f.Severity == FindingSeverity.Error ? "error" : "warning", f.Message, f.Line, f.Column, RuleIndexOf(f.Path)));
        }

        if (result.Accepted && result.Policy is { } policy)
        {
            foreach (var lint in PolicyLint.Check(policy, version))
            {
                var (line, column) = result.PositionOf(LintFindingPaths.PathOf(lint));
                findings.Add(new Finding(lint.Id, lint.Id == RuleCatalog.NeedsNewerKubernetes ? "error" : "warning", lint.Message, line, column, lint.RuleIndex));
            }

            foreach (var set in sets)
            {
                foreach (var gap in RequirementChecker.Check(policy, set, target: version))
                {
                    var id = gap.Requirement.Optional ? "PAC0010" : gap.Kind switch { GapKind.NotAudited => "PAC0001", GapKind.Shadowed => "PAC0002", _ => "PAC0003" };
                    var severity = gap.Requirement.Optional || gap.Kind == GapKind.PartiallyExempted ? "warning" : "error";
                    var (line, column) = gap.Decision.MatchedRule >= 0 ? result.PositionOf("rules[" + gap.Decision.MatchedRule.ToString(CultureInfo.InvariantCulture) + "]") : result.PositionOf("rules");
                    findings.Add(new Finding(id, severity, gap.Message, line, column, gap.Decision.MatchedRule));
                }
            }
        }

        var inputError = result.Error is { } error && (error.StartsWith("failed to read file path", StringComparison.Ordinal)
            || error.StartsWith("failed decoding: yaml:", StringComparison.Ordinal)
            || error.StartsWith("failed decoding: couldn't get version/kind; json parse error:", StringComparison.Ordinal)
            || error.StartsWith("the file is ", StringComparison.Ordinal));
        return new FileReport(file, result, findings, inputError);
    }

    private static int RuleIndexOf(string? path)
    {
        if (path is null || !path.StartsWith("rules[", StringComparison.Ordinal))
        {
            return -1;
        }

        var close = path.IndexOf(']');
        return int.TryParse(path.Substring(6, close - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1;
    }

    private static List<RequirementSet>? LoadRequirementSets(string name, out string? problem)
    {
        problem = null;
        if (RequirementSets.BuiltIn.TryGetValue(name, out var builtIn))
        {
            return new List<RequirementSet> { builtIn };
        }

        if (!File.Exists(name))
        {
            problem = "not a built-in requirement set (" + string.Join(", ", RequirementSets.BuiltIn.Keys) + ") and no such assembly file";
            return null;
        }

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
    }

    private static void WriteText(List<FileReport> reports, TextWriter stdout)
    {
        foreach (var report in reports)
        {
            foreach (var f in report.Findings)
            {
                stdout.WriteLine(f.Line > 0
                    ? report.File + ":" + f.Line.ToString(CultureInfo.InvariantCulture) + ":" + f.Column.ToString(CultureInfo.InvariantCulture) + ": " + f.Severity + " " + f.Id + ": " + f.Message
                    : report.File + ": " + f.Severity + " " + f.Id + ": " + f.Message);
            }

            stdout.WriteLine(report.Result.Accepted
                ? report.File + ": accepted by kube-apiserver (" + report.Result.Policy!.Rules.Count.ToString(CultureInfo.InvariantCulture) + (report.Result.Policy!.Rules.Count == 1 ? " rule)" : " rules)") + (report.Result.LenientFallback ? ", after the lenient-decoding fallback" : string.Empty)
                : report.File + ": rejected by kube-apiserver: " + report.Result.Error);
        }
    }

    private static void WriteJson(List<FileReport> reports, TextWriter stdout)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
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
                    json.WriteStartObject();
                    json.WriteString("id", f.Id);
                    json.WriteString("severity", f.Severity);
                    json.WriteString("message", f.Message);
                    json.WriteNumber("line", f.Line);
                    json.WriteNumber("column", f.Column);
                    json.WriteNumber("ruleIndex", f.RuleIndex);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteSarif(List<FileReport> reports, TextWriter stdout)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
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
            foreach (var id in reports.SelectMany(r => r.Findings).Select(f => f.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteString("helpUri", "https://github.com/policyascode/policyascode/blob/main/docs/rules/" + id + ".md");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var report in reports)
            {
                foreach (var f in report.Findings)
                {
                    json.WriteStartObject();
                    json.WriteString("ruleId", f.Id);
                    json.WriteString("level", f.Severity == "error" ? "error" : "warning");
                    json.WriteStartObject("message");
                    json.WriteString("text", f.Message);
                    json.WriteEndObject();
                    json.WriteStartArray("locations");
                    json.WriteStartObject();
                    json.WriteStartObject("physicalLocation");
                    json.WriteStartObject("artifactLocation");
                    json.WriteString("uri", report.File.Replace('\\', '/'));
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
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
