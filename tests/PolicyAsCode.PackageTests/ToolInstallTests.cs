using System.Diagnostics;
using System.IO;
using Xunit;

namespace PolicyAsCode.PackageTests;

/// <summary>The tool installs from the packed .nupkg with dotnet tool install --add-source, and runs.</summary>
public sealed class ToolInstallTests : IClassFixture<PackedPackage>
{
    private readonly PackedPackage _package;

    public ToolInstallTests(PackedPackage package) => _package = package;

    [Fact]
    public void Installs_and_validates_a_corpus_file()
    {
        var toolPath = Path.Combine(_package.Root, "tools");
        var install = Dotnet.Run(_package.Root, "tool", "install", "PolicyAsCode.Tool", "--tool-path", toolPath, "--add-source", _package.Feed, "--version", _package.Version);
        Assert.True(install.ExitCode == 0, install.Output);

        // A clean file: exit 0. GKE's policy: accepted, with its dead extensions entries reported as warnings (exit 0 by
        // default, 1 with --fail-on warning).
        var clean = Run(toolPath, "validate", Path.Combine(PolicyAsCode.Tests.SharedFiles.CorpusDirectory, "k8s-website-minimal-metadata.yaml"));
        Assert.True(clean.ExitCode == 0, clean.Output);
        Assert.Contains("accepted by kube-apiserver (1 rule)", clean.Output);
        var gke = Run(toolPath, "validate", Path.Combine(PolicyAsCode.Tests.SharedFiles.CorpusDirectory, "gke-configure-helper.yaml"));
        Assert.True(gke.ExitCode == 0, gke.Output);
        Assert.Contains("accepted by kube-apiserver (17 rules)", gke.Output);
        Assert.Contains("warning PAC0011: group 'extensions' has not been served since Kubernetes 1.22", gke.Output);
        var strict = Run(toolPath, "validate", "--fail-on", "warning", Path.Combine(PolicyAsCode.Tests.SharedFiles.CorpusDirectory, "gke-configure-helper.yaml"));
        Assert.True(strict.ExitCode == 1, strict.Output);
    }

    private static (int ExitCode, string Output) Run(string toolPath, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(toolPath, "policyascode")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
