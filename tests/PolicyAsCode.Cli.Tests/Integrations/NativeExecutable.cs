using System;
using System.IO;
using PolicyAsCode.Tests;

namespace PolicyAsCode.Cli.Tests.Integrations;

/// <summary>
/// The native (Native AOT, linux-x64) <c>policyascode</c>, published once per test run. CI publishes it before the
/// tests and passes its path in <c>POLICYASCODE_NATIVE</c>, so the heavy AOT compile happens once; without the
/// variable the first test that needs it publishes into artifacts/native/linux-x64 (a few minutes).
/// </summary>
internal static class NativeExecutable
{
    private static readonly Lazy<string> Published = new(Find);

    /// <summary>The path of the executable.</summary>
    public static string Path => Published.Value;

    private static string Find()
    {
        var given = Environment.GetEnvironmentVariable("POLICYASCODE_NATIVE");
        if (!string.IsNullOrEmpty(given))
        {
            return File.Exists(given) ? given : throw new FileNotFoundException("POLICYASCODE_NATIVE names no file", given);
        }

        var output = System.IO.Path.Combine(RepositoryRoot.Path, "artifacts", "native", "linux-x64");
        var (code, stdout, stderr) = Tool.Run("dotnet", Array.Empty<string>(), null, new[]
        {
            "publish", System.IO.Path.Combine(RepositoryRoot.Path, "src", "PolicyAsCode.Cli"), "-c", "Release", "-r", "linux-x64", "-p:PolicyAsCodeNative=true", "-o", output,
        }, timeout: TimeSpan.FromMinutes(15));
        if (code != 0)
        {
            throw new InvalidOperationException("dotnet publish of the native executable failed:\n" + stdout + stderr);
        }

        return System.IO.Path.Combine(output, "policyascode");
    }

    /// <summary>Runs the native executable.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string? stdin, params string[] args) =>
        Tool.Run(Path, Array.Empty<string>(), stdin, args);
}
