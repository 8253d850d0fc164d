using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace PolicyAsCode.PackageTests;

/// <summary>Packs the package once, with a unique version, into a temporary local feed.</summary>
public sealed class PackedPackage : IDisposable
{
    /// <summary>
    /// xunit builds the test classes' fixtures in parallel; two packs of one project at once collide on its bin/obj
    /// files ("PolicyAsCode.deps.json ... being used by another process"), so the packs take turns.
    /// </summary>
    private static readonly object PackLock = new();

    public PackedPackage()
    {
        Root = Directory.CreateTempSubdirectory("policyascode-package-").FullName;
        Feed = Path.Combine(Root, "feed");
        Version = "0.1.0-ci." + Guid.NewGuid().ToString("N").Substring(0, 12);
        lock (PackLock)
        {
            var result = Dotnet.Run(RepoRoot, "pack", Path.Combine(RepoRoot, "src", "PolicyAsCode", "PolicyAsCode.csproj"), "-c", "Release", "-o", Feed, "-p:Version=" + Version);
            Assert.True(result.ExitCode == 0, "dotnet pack failed:\n" + result.Output);
            var tool = Dotnet.Run(RepoRoot, "pack", Path.Combine(RepoRoot, "src", "PolicyAsCode.Cli", "PolicyAsCode.Cli.csproj"), "-c", "Release", "-o", Feed, "-p:Version=" + Version);
            Assert.True(tool.ExitCode == 0, "dotnet pack of the tool failed:\n" + tool.Output);
        }
    }

    public string Root { get; }

    public string Feed { get; }

    public string Version { get; }

    public static string RepoRoot => RepositoryRoot.Path;

    /// <summary>A fresh consumer project that references the package only through PackageReference and a nuget.config.</summary>
    public string NewConsumer(string name, string extraProperties = "")
    {
        var dir = Path.Combine(Root, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PolicyAsCode" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);

        // Keep the repository's build files out of the consumer.
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"), "<Project />");
        return dir;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Runs the dotnet CLI the way a person would, with a bounded wait.</summary>
internal static class Dotnet
{
    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // MSBuild verbs only: `dotnet tool install` rejects MSBuild switches.
        if (args.Length > 0 && args[0] is "build" or "pack" or "publish" or "clean" or "restore" or "msbuild")
        {
            start.ArgumentList.Add("-nodeReuse:false");
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out: dotnet " + string.Join(" ", args));
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
