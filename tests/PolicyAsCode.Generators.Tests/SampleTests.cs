using System;
using System.IO;
using System.Linq;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>The samples' policies, compiled with the generator, equal the corpus files they reproduce.</summary>
public sealed class SampleTests
{
    private static string RepoFile(params string[] parts) => Path.Combine(RepositoryRoot.Path, Path.Combine(parts));

    /// <summary>The main job's closing lines: which requirement sets the sample's policy meets, and what a gap looks like.</summary>
    [Fact]
    public void Calico_sample_says_which_requirement_sets_it_meets()
    {
        var policySource = File.ReadAllText(RepoFile("samples", "CalicoCloud", "CalicoCloudAuditPolicy.cs"));
        var reportSource = File.ReadAllText(RepoFile("samples", "CalicoCloud", "RequirementReport.cs"));
        var lines = Report(policySource, reportSource, out var met).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(met);
        Assert.Equal(new[] { "# Requirement sets:", "#   CalicoCloud ([MustMeet]): met (every required request is audited at the level it needs)" }, lines.Take(2));
        // Every other built-in set gets one line and no gap details: the policy does not answer for them.
        Assert.Equal(RequirementSets.BuiltIn.Keys.Where(k => k != "CalicoCloud").Select(k => "#   " + k + ": "), lines.Skip(2).Select(l => l[..(l.IndexOf(':') + 2)]));

        // Without Verb.Delete (the build's analyzer would refuse this; the generator alone compiles it).
        var withoutDelete = policySource.Replace("Verb.Update, Verb.Delete)", "Verb.Update)");
        Assert.NotEqual(policySource, withoutDelete);
        var report = Report(withoutDelete, reportSource, out met);
        Assert.False(met);
        Assert.True(report.StartsWith("# Requirement sets:\n#   CalicoCloud ([MustMeet]): NOT met (5 required requests are not audited at the level they need)\n#     delete pods in any namespace by any user matches no rule", StringComparison.Ordinal), report);
    }

    private static string Report(string policySource, string reportSource, out bool met)
    {
        var assembly = GeneratorHarness.CompileAndLoad(policySource, reportSource);
        var type = assembly.GetType("Samples.CalicoCloud.CalicoCloudAuditPolicy")!;
        var output = new StringWriter { NewLine = "\n" };
        met = (bool)assembly.GetType("Samples.CalicoCloud.RequirementReport")!.GetMethod("Write")!.Invoke(null, new object[] { output, type, GeneratorHarness.Get<Policy>(type, "Policy") })!;
        return output.ToString();
    }

    [Fact]
    public void Calico_sample_emits_v1_with_the_corpus_rules()
    {
        var type = GeneratorHarness.CompileAndLoad(File.ReadAllText(RepoFile("samples", "CalicoCloud", "CalicoCloudAuditPolicy.cs")))
            .GetType("Samples.CalicoCloud.CalicoCloudAuditPolicy")!;
        var yaml = GeneratorHarness.Get<string>(type, "Yaml");
        Assert.StartsWith("apiVersion: audit.k8s.io/v1\nkind: Policy\n", yaml);
        var generated = PolicyLoader.Load(yaml);
        Assert.True(generated.Accepted, generated.Error);

        // The corpus file is v1beta1, which kube-apiserver refuses; its rules, read as v1 and without the dead
        // extensions entry (PAC0011), are what the sample must equal.
        var corpusText = File.ReadAllText(Path.Combine(PolicyAsCode.Tests.SharedFiles.CorpusDirectory, "calico-cloud.yaml"));
        Assert.False(PolicyLoader.Load(corpusText).Accepted);
        var corpus = PolicyLoader.Load(corpusText.Replace("audit.k8s.io/v1beta1", "audit.k8s.io/v1")).Policy!;
        var rule = Assert.Single(corpus.Rules);
        var live = rule with { Resources = new EquatableArray<GroupResources>(rule.Resources.Where(r => r.Group != "extensions")) };
        Assert.Equal(rule.Resources.Count - 1, live.Resources.Count);
        Assert.Equal(corpus with { Rules = new EquatableArray<PolicyRule>(new[] { live }) }, generated.Policy);
        Assert.Equal("calico-cloud-audit.yaml", GeneratorHarness.Get<string>(type, "FileName"));
    }

    [Fact]
    public void Gke_sample_equals_the_corpus_policy()
    {
        var type = GeneratorHarness.CompileAndLoad(File.ReadAllText(RepoFile("samples", "Gke", "GkeAuditPolicy.cs"))).GetType("Samples.Gke.GkeAuditPolicy")!;
        var corpus = PolicyLoader.LoadFile(Path.Combine(PolicyAsCode.Tests.SharedFiles.CorpusDirectory, "gke-configure-helper.yaml"));
        Assert.Equal(corpus.Policy, PolicyLoader.Load(GeneratorHarness.Get<string>(type, "Yaml")).Policy);
        Assert.Equal(corpus.Policy, GeneratorHarness.Get<Policy>(type, "Policy"));
    }
}
