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

        var start = new ProcessStartInfo(Path.Combine(toolPath, "policyascode")) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("validate");
        start.ArgumentList.Add(Path.Combine(PolicyAsCode.Tests.SharedFiles.CorpusDirectory, "gke-configure-helper.yaml"));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("accepted by kube-apiserver (17 rules)", output);
    }
}
