using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PolicyAsCode.Tests;
using Xunit;

namespace PolicyAsCode.Cli.Tests.Integrations;

/// <summary>
/// The native executable behaves byte for byte like the tool run in-process: the same standard output, standard
/// error and exit code, on the vectors and corpus files the in-process tests already check.
/// </summary>
public sealed class NativeExecutableTests
{
    private static string Corpus(string name) => Path.Combine(SharedFiles.CorpusDirectory, name);

    private static string[] AllCorpusFiles => Directory.GetFiles(SharedFiles.CorpusDirectory, "*.yaml").OrderBy(f => f, StringComparer.Ordinal).ToArray();

    public static IEnumerable<object[]> CommandLines()
    {
        yield return new object[] { "validate text, every corpus file", new[] { "validate" }.Concat(AllCorpusFiles).ToArray() };
        yield return new object[] { "validate sarif, every corpus file", new[] { "validate", "--format", "sarif" }.Concat(AllCorpusFiles).ToArray() };
        yield return new object[] { "validate json, requirements, version", new[] { "validate", "--format", "json", "--require", "CalicoCloud", "--kubernetes-version", "1.30", Corpus("gke-configure-helper.yaml"), Corpus("calico-cloud.yaml"), Corpus("openshift-default.yaml") } };
        yield return new object[] { "validate every platform policy (embedded resources)", new[] { "validate", "--format", "json", "--require", "CalicoCloud" }.Concat(PlatformPolicies.Names.SelectMany(n => new[] { "--platform", n })).ToArray() };
        yield return new object[] { "unknown platform policy", new[] { "validate", "--platform", "talos" } };
        yield return new object[] { "explain one request", new[] { "explain", Corpus("gke-configure-helper.yaml"), "--user", "alice", "--group", "system:authenticated", "--verb", "get", "--namespace", "default", "--resource", "secrets", "--name", "db" } };
        yield return new object[] { "explain a path", new[] { "explain", Corpus("azure-defender-for-kubernetes.yaml"), "--verb", "get", "--path", "/healthz/etcd" } };
        yield return new object[] { "import with dropped keys", new[] { "import", Corpus("datadog-docs.yaml"), "--namespace", "Infra" } };
        yield return new object[] { "import typed names", new[] { "import", Corpus("gke-configure-helper.yaml") } };
        yield return new object[] { "import v1beta1", new[] { "import", Corpus("calico-cloud.yaml"), "--upgrade-v1beta1" } };
        yield return new object[] { "diff", new[] { "diff", Corpus("rke1-default.yaml"), Corpus("rke2-default.yaml") } };
        yield return new object[] { "diff json", new[] { "diff", "--format", "json", Corpus("k8s-website-audit-policy.yaml"), Corpus("kubespray.yaml") } };
        yield return new object[] { "schema", new[] { "schema" } };
        yield return new object[] { "help", new[] { "--help" } };
        yield return new object[] { "validate help", new[] { "validate", "--help" } };
        yield return new object[] { "missing file", new[] { "validate", "/nonexistent/policy.yaml" } };
        yield return new object[] { "unknown option", new[] { "validate", "--no-such-option", Corpus("talos-default.yaml") } };
        yield return new object[] { "bad version", new[] { "validate", "--kubernetes-version", "one", Corpus("talos-default.yaml") } };
        yield return new object[] { "unknown requirement set", new[] { "validate", "--require", "NoSuchSet", Corpus("talos-default.yaml") } };
    }

    [Theory]
    [MemberData(nameof(CommandLines))]
    public void Output_is_byte_identical_to_the_tool_in_process(string what, string[] args)
    {
        var expected = Tool.InProcess(args);
        var actual = NativeExecutable.Run(null, args);
        Assert.True(expected.Stdout.Length > 0 || expected.Stderr.Length > 0, what);
        Assert.Equal(expected.Stdout, actual.Stdout);
        Assert.Equal(expected.Stderr, actual.Stderr);
        Assert.Equal(expected.ExitCode, actual.ExitCode);
    }

    /// <summary>Every validation vector in one run (the same files the in-process vector tests load one by one).</summary>
    [Fact]
    public void Every_validation_vector_gives_the_same_json()
    {
        var files = Vectors.Load("validation-vectors.yaml").Select(v => Tool.TempFile(Vectors.Scalar(v.Value, "policy")!)).ToArray();
        try
        {
            var args = new[] { "validate", "--format", "json" }.Concat(files).ToArray();
            var expected = Tool.InProcess(args);
            var actual = NativeExecutable.Run(null, args);
            Assert.Equal(expected.Stdout, actual.Stdout);
            Assert.Equal(expected.Stderr, actual.Stderr);
            Assert.Equal(expected.ExitCode, actual.ExitCode);
        }
        finally
        {
            foreach (var file in files)
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>A sample of the evaluation vectors (every fifth) through <c>explain --requests</c>, from a file and from standard input.</summary>
    [Fact]
    public void Evaluation_vectors_give_the_same_answers()
    {
        var sample = Vectors.Load("evaluation-vectors.yaml").Values.Where((_, i) => i % 5 == 0).ToList();
        Assert.True(sample.Count >= 10);
        foreach (var vector in sample)
        {
            var policy = Tool.TempFile(Vectors.Scalar(vector, "policy")!);
            var line = ExplainTests.RequestJson(Vectors.Mapping(vector, "request")!) + "\n";
            var requests = Tool.TempFile(line, ".jsonl");
            try
            {
                var expected = Tool.InProcess("explain", policy, "--requests", requests);
                Assert.Equal(expected, NativeExecutable.Run(null, "explain", policy, "--requests", requests));
                Assert.Equal(expected.Stdout, NativeExecutable.Run(line, "explain", policy, "--requests", "-").Stdout);
            }
            finally
            {
                File.Delete(policy);
                File.Delete(requests);
            }
        }
    }

    /// <summary>In process, --version would name the test host; the dotnet tool is the reference here.</summary>
    [Fact]
    public void Version_is_the_dotnet_tool_s()
    {
        var expected = Tool.Process(null, "--version");
        Assert.StartsWith("0.1.0", expected.Stdout);
        var actual = NativeExecutable.Run(null, "--version");
        Assert.True(expected == actual, "the native executable says " + actual.Stdout + " and the tool " + expected.Stdout + " (the version carries the commit: republish after a commit)");
    }

    /// <summary>The one difference, and it is stated: the native executable cannot load an assembly at run time.</summary>
    [Fact]
    public void Requirement_sets_from_an_assembly_need_the_dotnet_tool()
    {
        var (code, stdout, stderr) = NativeExecutable.Run(null, "validate", "--require", typeof(NativeExecutableTests).Assembly.Location, Corpus("talos-default.yaml"));
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("the native executable has only the built-in requirement sets (CalicoCloud, FalcoK8sAudit, ElasticKubernetes, Cis322, Cis322V2, DisaStig)", stderr);
        Assert.Contains("dotnet tool install PolicyAsCode.Tool", stderr);
    }
}
