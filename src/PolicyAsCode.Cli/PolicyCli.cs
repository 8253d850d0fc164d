using System;
using System.CommandLine;
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
        var root = new RootCommand("policyascode: Kubernetes audit policies (audit.k8s.io/v1) checked exactly as kube-apiserver loads and evaluates them.")
        {
            ValidateCommand.Create(stdout, stderr),
            ExplainCommand.Create(stdout, stderr),
            ImportCommand.Create(stdout, stderr),
            DiffCommand.Create(stdout, stderr),
        };

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

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        }
        catch (IOException ex)
        {
            stderr.WriteLine("error: " + ex.Message);
            return ExitCodes.InputError;
        }
    }
}
