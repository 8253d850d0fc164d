using System.CommandLine;
using System.IO;
using System.Text;
using PolicyAsCode.Cli.Schema;

namespace PolicyAsCode.Cli.Commands;

/// <summary><c>schema</c>: the JSON Schema of audit.k8s.io/v1 Policy files, for editors (YAML language server).</summary>
internal static class SchemaCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var output = new Option<string?>("--output", "-o") { Description = "Write the schema to this file instead of standard output." };
        var command = new Command("schema", "Write a JSON Schema for audit.k8s.io/v1 Policy files: required fields, levels, stages, no unknown keys, and the built-in verbs, groups and resources as completions. Reference it from a YAML file with '# yaml-language-server: $schema=audit-policy.schema.json'.")
        {
            output,
        };
        command.SetAction(parse =>
        {
            var schema = AuditPolicySchema.Write() + "\n";
            var target = parse.GetValue(output);
            if (target is null)
            {
                stdout.Write(schema);
                return ExitCodes.Clean;
            }

            if (Directory.Exists(target))
            {
                stderr.WriteLine("error: " + target + ": is a directory");
                return ExitCodes.InputError;
            }

            // Written beside the target and moved, so an editor never reads half a schema.
            var temp = target + ".tmp";
            File.WriteAllText(temp, schema, new UTF8Encoding(false));
            File.Move(temp, target, overwrite: true);
            return ExitCodes.Clean;
        });
        return command;
    }
}
