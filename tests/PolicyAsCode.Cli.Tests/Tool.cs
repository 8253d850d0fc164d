using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using PolicyAsCode.Cli;

namespace PolicyAsCode.Cli.Tests;

/// <summary>Runs the tool in-process (fast, for every vector) or as a real process (as a user would).</summary>
internal static class Tool
{
    public static (int ExitCode, string Stdout, string Stderr) InProcess(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = PolicyCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The tool as <c>dotnet PolicyAsCode.Cli.dll</c>.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Process(string? stdin, params string[] args) =>
        Run("dotnet", new[] { typeof(PolicyCli).Assembly.Location }, stdin, args);

    /// <summary>Any program, its standard streams captured; a program still running after the timeout (default two minutes) is killed.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string program, IEnumerable<string> leadingArgs, string? stdin, string[] args, string? workingDirectory = null, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var arg in leadingArgs)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(program + " " + string.Join(" ", args));
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string TempFile(string content, string extension = ".yaml")
    {
        var path = Path.Combine(Path.GetTempPath(), "policyascode-cli-" + Guid.NewGuid().ToString("N") + extension);
        File.WriteAllText(path, content);
        return path;
    }
}
