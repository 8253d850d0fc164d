using System;

namespace PolicyAsCode.Cli;

/// <summary>Entry point of the <c>policyascode</c> tool.</summary>
public static class Program
{
    /// <summary>Exit codes: 0 clean, 1 findings, 2 usage or input error.</summary>
    public static int Main(string[] args) => PolicyCli.Run(args, Console.Out, Console.Error);
}
