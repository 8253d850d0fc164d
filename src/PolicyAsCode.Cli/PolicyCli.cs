using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.IO;
using System.Linq;
using PolicyAsCode.Cli.Commands;

namespace PolicyAsCode.Cli;

/// <summary>The command tree. <see cref="Run"/> is what Main calls; tests call it in-process with their own writers.</summary>
public static class PolicyCli
{
    /// <summary>Parses and runs a command line.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // A plain command named like the installed tool (RootCommand would take the name of the entry assembly,
        // PolicyAsCode.Cli, in help and usage lines), with the options RootCommand adds.
        var root = new Command("policyascode", "policyascode: Kubernetes audit policies (audit.k8s.io/v1) checked exactly as kube-apiserver loads and evaluates them.")
        {
            ValidateCommand.Create(stdout, stderr),
            ExplainCommand.Create(stdout, stderr),
            ImportCommand.Create(stdout, stderr),
            DiffCommand.Create(stdout, stderr),
            SynthesizeCommand.Create(stdout, stderr),
            DeployCommand.Create(stdout, stderr),
            ReplayCommand.Create(stdout, stderr),
            CheckLogCommand.Create(stdout, stderr),
            SchemaCommand.Create(stdout, stderr),
        };
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());

        var parse = root.Parse(args);
        var wantsHelp = args.Any(a => a is "--help" or "-h" or "-?" or "--version");
        if (parse.Errors.Count > 0 && !wantsHelp)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine("error: " + error.Message);
            }

            stderr.WriteLine("Run 'policyascode --help' for usage.");
            return ExitCodes.InputError;
        }

        // The commands turn their own input problems into one error line; what is left here is the output
        // failing (a full disk, a closed pipe, /dev/full). System.CommandLine's default handler would print a
        // stack trace and exit 1, so it is off and the failure is one line with exit 2.
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                stderr.WriteLine(TerminalText.Escape("error: cannot write the output: " + ex.Message));
            }
            catch (IOException)
            {
                // Standard error is gone too; the exit code still says what happened.
            }

            return ExitCodes.InputError;
        }
    }
}
