using System;
using System.Diagnostics;
using System.IO;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace PolicyAsCode.Benchmarks;

/// <summary>
/// What the package costs a real build: `dotnet build` of the Calico Cloud sample policy as a consumer of the
/// packed package, against the same project without the package (and without the policy), alternating in one
/// process. Warm = no change since the last build; cold = bin/obj deleted (packages already in the cache).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 6)]
public class BuildOverheadBenchmarks
{
    private string _root = string.Empty;
    private string _withPackage = string.Empty;
    private string _without = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("policyascode-build-bench-").FullName;
        var repo = RepoRoot();
        var feed = Path.Combine(_root, "feed");
        var version = "0.1.0-bench." + Guid.NewGuid().ToString("N").Substring(0, 8);
        Run(repo, "pack", Path.Combine(repo, "src", "PolicyAsCode", "PolicyAsCode.csproj"), "-c", "Release", "-o", feed, "-p:Version=" + version);
        var policy = File.ReadAllText(Path.Combine(repo, "samples", "CalicoCloud", "CalicoCloudAuditPolicy.cs"));
        _withPackage = Project("WithPackage", feed, $"<ItemGroup><PackageReference Include=\"PolicyAsCode\" Version=\"{version}\" /></ItemGroup>", policy);
        _without = Project("Without", feed, string.Empty, null);
        Run(_withPackage, "build");
        Run(_without, "build");
    }

    [Benchmark(Baseline = true)]
    public void WarmWithoutPackage() => Run(_without, "build", "--no-restore");

    [Benchmark]
    public void WarmWithPackage() => Run(_withPackage, "build", "--no-restore");

    [Benchmark]
    public void ColdWithoutPackage() => Cold(_without);

    [Benchmark]
    public void ColdWithPackage() => Cold(_withPackage);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    private static void Cold(string dir)
    {
        Directory.Delete(Path.Combine(dir, "bin"), recursive: true);
        Directory.Delete(Path.Combine(dir, "obj"), recursive: true);
        Run(dir, "build");
    }

    private string Project(string name, string feed, string items, string? policy)
    {
        var dir = Path.Combine(_root, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"<configuration><packageSources><add key=\"local\" value=\"{feed}\" /></packageSources></configuration>");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>{items}</Project>");
        File.WriteAllText(Path.Combine(dir, "Program.cs"), "System.Console.WriteLine(\"hello\");\n");
        if (policy is not null)
        {
            File.WriteAllText(Path.Combine(dir, "Policy.cs"), policy);
        }

        return dir;
    }

    private static void Run(string dir, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet " + string.Join(" ", args) + " failed:\n" + output);
        }
    }

    private static string RepoRoot() => RepositoryRoot.Path;
}
