using System.IO;
using Xunit;

namespace PolicyAsCode.Cli.Tests;

/// <summary>Counter-requirement for the conflict test: secrets at Metadata at most (CIS 3.2.2-like).</summary>
[RequirementSet("SecretsAtMostMetadata")]
[Requires(ApiGroup.Core, Resource.Core.Secrets, MinimumLevel = Level.None, MaximumLevel = Level.Metadata)]
public static class SecretsAtMostMetadata
{
}

/// <summary>Secret reads with bodies: conflicts with <see cref="SecretsAtMostMetadata"/>.</summary>
[RequirementSet("SecretBodies")]
[Requires(ApiGroup.Core, Resource.Core.Secrets, Verbs = new[] { Verb.Get }, MinimumLevel = Level.RequestResponse)]
public static class SecretBodies
{
}

/// <summary><c>synthesize</c> through the tool: output, validation of the output, C#, conflicts and exit codes.</summary>
public sealed class SynthesizeTests
{
    [Theory]
    [InlineData("Metadata")]
    [InlineData("None")]
    public void Yaml_output_loads_and_validates_against_the_set_without_findings(string level)
    {
        var (code, stdout, stderr) = Tool.InProcess("synthesize", "--require", "CalicoCloud", "--default", level);
        Assert.Equal((0, string.Empty), (code, stderr));
        var loaded = PolicyLoader.Load(stdout);
        Assert.True(loaded.Accepted, loaded.Error);
        Assert.Equal(PolicyYamlWriter.Write(loaded.Policy!), stdout);
        Assert.Equal(PolicySynthesizer.Synthesize(new[] { RequirementSets.CalicoCloud }, new AuditLevel(level)).Policy, loaded.Policy);

        var file = Tool.TempFile(stdout);
        try
        {
            var validate = Tool.InProcess("validate", file, "--require", "CalicoCloud", "--fail-on", "warning");
            Assert.Equal(0, validate.ExitCode);
            var count = loaded.Policy!.Rules.Count;
            Assert.Equal(file + ": accepted by kube-apiserver (" + count + (count == 1 ? " rule)\n" : " rules)\n"), validate.Stdout.Replace("\r\n", "\n"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Output_file_is_written_and_the_same_as_standard_output()
    {
        var output = Path.Combine(Path.GetTempPath(), "policyascode-synthesize-" + System.Guid.NewGuid().ToString("N") + ".yaml");
        try
        {
            var (code, stdout, stderr) = Tool.Process(null, "synthesize", "--require", "CalicoCloud", "-o", output);
            Assert.Equal((0, string.Empty, string.Empty), (code, stdout, stderr));
            Assert.Equal(Tool.InProcess("synthesize", "--require", "CalicoCloud").Stdout, File.ReadAllText(output));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void CSharp_output_is_the_writer_s_source_for_the_synthesized_policy()
    {
        // The generator tests compile this source and compare its YAML with the yaml output (SynthesizedSourceTests).
        var (code, stdout, stderr) = Tool.InProcess("synthesize", "--require", "CalicoCloud", "--format", "csharp", "--namespace", "Infra.Audit", "--class", "ClusterAudit");
        Assert.Equal((0, string.Empty), (code, stderr));
        var sets = new[] { RequirementSets.CalicoCloud };
        Assert.Equal(CSharpPolicyWriter.WriteSynthesized(PolicySynthesizer.Synthesize(sets, AuditLevel.Metadata).Policy!, sets, "Metadata", "ClusterAudit", "Infra.Audit"), stdout);
        Assert.Contains("[AuditPolicy(\"audit-policy\")]", stdout);
        Assert.Contains("public partial class ClusterAudit", stdout);
        Assert.Contains("// The smallest policy that meets CalicoCloud (everything else at Metadata).", stdout);
    }

    [Fact]
    public void The_output_is_byte_identical_between_runs()
    {
        var first = Tool.Process(null, "synthesize", "--require", "CalicoCloud", "--require", typeof(SecretsAtMostMetadata).Assembly.Location, "--format", "csharp");
        var second = Tool.InProcess("synthesize", "--require", "CalicoCloud", "--require", typeof(SecretsAtMostMetadata).Assembly.Location, "--format", "csharp");
        Assert.Equal(1, first.ExitCode); // the test assembly's two sets conflict
        Assert.Equal(first.Stderr, second.Stderr);
        var third = Tool.Process(null, "synthesize", "--require", "CalicoCloud", "--default", "None");
        Assert.Equal(third.Stdout, Tool.InProcess("synthesize", "--require", "CalicoCloud", "--default", "None").Stdout);
    }

    [Fact]
    public void Conflicting_sets_are_one_PAC0014_line_each_exit_1_and_no_policy()
    {
        var (code, stdout, stderr) = Tool.InProcess("synthesize", "--require", typeof(SecretsAtMostMetadata).Assembly.Location);
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(
            "error PAC0014: get secrets: SecretBodies needs RequestResponse, SecretsAtMostMetadata needs at most Metadata; no policy meets both (e.g. GET /api/v1/namespaces/team-a/secrets/example)\n",
            stderr.Replace("\r\n", "\n"));
    }

    [Theory]
    [InlineData("synthesize")]
    [InlineData("synthesize", "--require", "NoSuchSet")]
    [InlineData("synthesize", "--require", "CalicoCloud", "--default", "Request")]
    [InlineData("synthesize", "--require", "CalicoCloud", "--format", "json")]
    [InlineData("synthesize", "--require", "CalicoCloud", "--kubernetes-version", "latest")]
    [InlineData("synthesize", "--require", "CalicoCloud", "--format", "csharp", "--class", "not an identifier")]
    [InlineData("synthesize", "--require", "CalicoCloud", "-o", "/nonexistent-folder/policy.yaml")]
    public void Bad_arguments_are_one_error_line_and_exit_2(params string[] args)
    {
        var (code, stdout, stderr) = Tool.InProcess(args);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("error: ", stderr);
    }
}
