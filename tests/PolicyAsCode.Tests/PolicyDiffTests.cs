using System.IO;
using System.Linq;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>Behaviour diff: the EKS Anywhere v1beta1 to v1 regression, and nothing between a file and its round trip.</summary>
public sealed class PolicyDiffTests
{
    private static Policy Corpus(string file, bool asV1 = false)
    {
        var text = File.ReadAllText(Path.Combine(SharedFiles.CorpusDirectory, file));
        var result = PolicyLoader.Load(asV1 ? text.Replace("audit.k8s.io/v1beta1", "audit.k8s.io/v1") : text);
        Assert.True(result.Accepted, result.Error);
        return result.Policy!;
    }

    [Fact]
    public void Finds_the_EKS_Anywhere_v1beta1_to_v1_regression()
    {
        var differences = PolicyDiff.Compare(Corpus("eks-anywhere-v1beta1.yaml", asV1: true), Corpus("eks-anywhere-v1-rendered.yaml"));
        Assert.NotEmpty(differences);

        // FEATURES.md §5.6: the v1 policy dropped userGroups from the node-read exemption, so every user's
        // `get` on nodes is None under v1 while it was Request under v1beta1.
        var nodes = Assert.Single(differences, d => d.Example.Resource == "nodes" && d.Example.Subresource == "");
        Assert.Equal(("get", AuditLevel.Request, AuditLevel.None), (nodes.Example.Verb, nodes.Old.Level, nodes.New.Level));
        Assert.DoesNotContain("system:nodes", nodes.Example.Groups);
        Assert.Equal("get nodes in any namespace by any user: Request omitting RequestReceived (rule 14) -> None (rule 3)", PolicyDiff.Describe(nodes));
    }

    [Theory]
    [InlineData("gke-configure-helper.yaml")]
    [InlineData("openshift-default.yaml")]
    [InlineData("kubespray.yaml")]
    public void A_file_and_its_round_trip_do_not_differ(string file)
    {
        var policy = Corpus(file);
        var roundTrip = PolicyLoader.Load(PolicyYamlWriter.Write(policy)).Policy!;
        Assert.Empty(PolicyDiff.Compare(policy, roundTrip));
    }

    [Fact]
    public void Paths_under_a_prefix_are_represented_even_when_a_pattern_spells_the_generated_name()
    {
        // "/xyz" is Metadata before and None after; the path standing for "under /x" must not start with "/x(any".
        var before = PolicyLoader.Load("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  nonResourceURLs: [\"/x\", \"/x(any*\"]\n- level: Metadata\n").Policy!;
        var after = PolicyLoader.Load("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  nonResourceURLs: [\"/x*\"]\n- level: Metadata\n").Policy!;
        var differences = PolicyDiff.Compare(before, after);
        Assert.Contains(differences, d => !d.Example.ResourceRequest && d.Example.Path.StartsWith("/x", System.StringComparison.Ordinal) && d.Old.Level == AuditLevel.Metadata && d.New.Level == AuditLevel.None);
    }

    [Fact]
    public void Needs_two_groups_to_see_some_differences()
    {
        var a = PolicyLoader.Load("apiVersion: audit.k8s.io/v1\nrules:\n- level: None\n  userGroups: [\"g1\"]\n- level: Metadata\n  userGroups: [\"g2\"]\n").Policy!;
        var b = PolicyLoader.Load("apiVersion: audit.k8s.io/v1\nrules:\n- level: Metadata\n  userGroups: [\"g2\"]\n- level: None\n  userGroups: [\"g1\"]\n").Policy!;
        var differences = PolicyDiff.Compare(a, b);
        Assert.NotEmpty(differences);
        Assert.All(differences, d => Assert.Equal(new[] { "g1", "g2" }, d.Example.Groups));
        Assert.Contains("None (rule 0) -> Metadata (rule 0)", PolicyDiff.Describe(differences[0]));
    }
}
