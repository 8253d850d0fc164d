using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;

namespace PolicyAsCode.Cli.Commands;

/// <summary><c>synthesize --require SET...</c>: the smallest policy that meets every set, or the conflicts that make it impossible.</summary>
internal static class SynthesizeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var require = new Option<string[]>("--require") { Description = "Requirement sets to meet: a built-in name (CalicoCloud) or an assembly path with [RequirementSet] types; repeat the option for several.", Required = true };
        var defaultLevel = new Option<string>("--default") { Description = "The level of every request no set requires: Metadata (default; a final catch-all omitting RequestReceived) or None.", DefaultValueFactory = _ => "Metadata" };
        defaultLevel.AcceptOnlyFromAmong("None", "Metadata");
        var format = new Option<string>("--format") { Description = "Output format: yaml (the policy file, as the generator writes it) or csharp (attributed C# for the generator).", DefaultValueFactory = _ => "yaml" };
        format.AcceptOnlyFromAmong("yaml", "csharp");
        var version = new Option<string?>("--kubernetes-version") { Description = "Target kube-apiserver version (e.g. 1.31): resources it no longer serves need no rule." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the policy to this file instead of standard output." };
        var ns = new Option<string?>("--namespace") { Description = "C# namespace of the generated class (--format csharp)." };
        var className = new Option<string?>("--class") { Description = "Class name (--format csharp; default SynthesizedAuditPolicy)." };
        var command = new Command("synthesize", "Write the smallest policy that meets every given requirement set: each required request at the lowest level and with the fewest stages all sets accept, everything else at --default, cells with equal outcome merged into few rules. Conflicting sets are reported (PAC0014, exit 1) instead.")
        {
            require, defaultLevel, format, version, output, ns, className,
        };
        command.SetAction(parse => Run(
            parse.GetValue(require) ?? Array.Empty<string>(),
            parse.GetValue(defaultLevel)!,
            parse.GetValue(format)!,
            parse.GetValue(version),
            parse.GetValue(output),
            parse.GetValue(ns),
            parse.GetValue(className) ?? "SynthesizedAuditPolicy",
            stdout,
            stderr));
        return command;
    }

    private static int Run(string[] requires, string defaultLevel, string format, string? versionText, string? output, string? @namespace, string className, TextWriter stdout, TextWriter stderr)
    {
        if (!VersionText.TryParse("--kubernetes-version", versionText, out var version, stderr))
        {
            return ExitCodes.InputError;
        }

        if (CSharpPolicyWriter.Identifier(className, "Synthesized") != className)
        {
            stderr.WriteLine(TerminalText.Escape("error: --class must be a C# identifier, not '" + className + "'"));
            return ExitCodes.InputError;
        }

        var sets = new List<RequirementSet>();
        foreach (var name in requires)
        {
            var loaded = ValidateCommand.LoadRequirementSets(name, out var problem);
            if (loaded is null)
            {
                stderr.WriteLine(TerminalText.Escape("error: --require " + name + ": " + problem));
                return ExitCodes.InputError;
            }

            sets.AddRange(loaded);
        }

        var result = PolicySynthesizer.Synthesize(sets, new AuditLevel(defaultLevel), version);
        if (result.Policy is not { } policy)
        {
            foreach (var conflict in result.Conflicts)
            {
                stderr.WriteLine(TerminalText.Escape("error " + RuleCatalog.RequirementConflict + ": " + conflict.Message));
            }

            return ExitCodes.Findings;
        }

        var text = format == "csharp"
            ? CSharpPolicyWriter.WriteSynthesized(policy, sets, defaultLevel, className, @namespace)
            : PolicyYamlWriter.Write(policy);
        if (output is null)
        {
            stdout.Write(text);
            return ExitCodes.Clean;
        }

        var failure = OutputFile.Write(output, text);
        if (failure is not null)
        {
            stderr.WriteLine(TerminalText.Escape("error: " + output + ": " + failure));
            return ExitCodes.InputError;
        }

        return ExitCodes.Clean;
    }
}
