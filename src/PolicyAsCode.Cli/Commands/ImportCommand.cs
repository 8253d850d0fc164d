using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text;

namespace PolicyAsCode.Cli.Commands;

/// <summary><c>import FILE.yaml</c>: attributed C# that generates a policy equal in meaning to the file.</summary>
internal static class ImportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "The YAML (or JSON) policy to import." };
        var ns = new Option<string?>("--namespace") { Description = "C# namespace of the generated class." };
        var className = new Option<string?>("--class") { Description = "Class name (default: from the file name, e.g. GkeAuditPolicy)." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the C# to this file instead of standard output." };
        var upgrade = new Option<bool>("--upgrade-v1beta1") { Description = "Read an audit.k8s.io/v1beta1 file as v1 (kube-apiserver 1.24+ refuses v1beta1; the rules are the same format)." };
        var command = new Command("import", "Turn a YAML policy into attributed C# for the PolicyAsCode generator. Comments are carried over; keys kube-apiserver drops are reported, not silently lost.")
        {
            file, ns, className, output, upgrade,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;

            // The same bounded reader and the same input errors as every command; the text (with its comments)
            // is taken only from bytes the loader can read, so invalid UTF-8 is never imported as U+FFFD.
            var data = PolicyFiles.Read(path, stderr);
            if (data is null)
            {
                return ExitCodes.InputError;
            }

            var load = PolicyLoader.Load(data);
            if (load.Unreadable)
            {
                PolicyFiles.InputError(path, load.Error!, stderr);
                return ExitCodes.InputError;
            }

            var text = new UTF8Encoding(false).GetString(data);
            if (parse.GetValue(upgrade) && text.Contains("audit.k8s.io/v1beta1"))
            {
                text = text.Replace("audit.k8s.io/v1beta1", "audit.k8s.io/v1");
                stderr.WriteLine(TerminalText.Escape("warning: " + path + ": read as audit.k8s.io/v1 (the file says v1beta1, which kube-apiserver 1.24+ refuses)"));
            }

            var baseName = Path.GetFileNameWithoutExtension(path);
            var policyName = Sanitize(baseName);
            var result = PolicyImporter.Import(text, policyName, parse.GetValue(className) ?? ClassName(baseName), parse.GetValue(ns));
            if (result.Source is null)
            {
                stderr.WriteLine(TerminalText.Escape("error: " + path + ": kube-apiserver would not load this policy, so it cannot be imported: " + result.Error
                    + (V1beta1Hint.Applies(result.Error) ? " (use --upgrade-v1beta1 to read it as v1)" : string.Empty)));
                return ExitCodes.InputError;
            }

            foreach (var warning in result.Warnings)
            {
                stderr.WriteLine(TerminalText.Escape(path + ":" + warning.Line.ToString(CultureInfo.InvariantCulture) + ":" + warning.Column.ToString(CultureInfo.InvariantCulture) + ": warning: " + warning.Message + " (kube-apiserver drops it; the import follows kube-apiserver)"));
            }

            var target = parse.GetValue(output);
            if (target is null)
            {
                stdout.Write(result.Source);
            }
            else
            {
                var problem = OutputFile.Write(target, result.Source);
                if (problem is not null)
                {
                    stderr.WriteLine(TerminalText.Escape("error: " + target + ": " + problem));
                    return ExitCodes.InputError;
                }
            }

            return result.Warnings.Count > 0 ? ExitCodes.Findings : ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>A policy (file) name: letters, digits, '.', '-', '_'.</summary>
    private static string Sanitize(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name)
        {
            sb.Append((c < 128 && char.IsLetterOrDigit(c)) || c is '-' or '_' or '.' ? c : '-');
        }

        return sb.Length == 0 || sb[0] == '.' ? "policy" + sb : sb.ToString();
    }

    /// <summary>The class name for a file: its words as an identifier, ending in "Policy".</summary>
    private static string ClassName(string fileName)
    {
        var name = CSharpPolicyWriter.Identifier(fileName, "Imported");
        return name.EndsWith("Policy", StringComparison.Ordinal) ? name : name + "Policy";
    }
}
