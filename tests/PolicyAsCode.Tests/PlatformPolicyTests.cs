using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>
/// The embedded platform policies (docs/platforms.md) are the upstream copies in the shared folder byte for byte after
/// their provenance header, so an edit or a refreshed upstream copy is caught; each loads and the OpenShift profiles are
/// the operator library's golden policies.
/// </summary>
public sealed class PlatformPolicyTests
{
    /// <summary>Each embedded file and the shared copy it was taken from.</summary>
    private static readonly Dictionary<string, string> Upstream = new(StringComparer.Ordinal)
    {
        ["talos-default.yaml"] = "corpus/talos-default.yaml",
        ["rke2-cis-default.yaml"] = "corpus/rke2-default.yaml",
        ["kind-default.yaml"] = "corpus/k3s-cis-hardening.yaml",
        ["minikube-default.yaml"] = "corpus/k8s-website-minimal-metadata.yaml",
        ["gke.yaml"] = "corpus/gke-configure-helper.yaml",
        ["openshift-base-policy.yaml"] = "fixed-policies/openshift/manifests/base-policy.yaml",
        ["openshift-default-rules.yaml"] = "fixed-policies/openshift/manifests/default-rules.yaml",
        ["openshift-writerequestbodies-rules.yaml"] = "fixed-policies/openshift/manifests/writerequestbodies-rules.yaml",
        ["openshift-allrequestbodies-rules.yaml"] = "fixed-policies/openshift/manifests/allrequestbodies-rules.yaml",
    };

    public static IEnumerable<object[]> Files => PlatformPolicies.ResourceFiles.Select(f => new object[] { f });

    public static IEnumerable<object[]> Names => PlatformPolicies.Names.Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Files))]
    public void The_embedded_text_is_the_upstream_copy_after_its_provenance_header(string file)
    {
        var shared = File.ReadAllText(Path.Combine(RepositoryRoot.Shared, Upstream[file]));
        Assert.Equal(shared, PlatformPolicies.Upstream(file));

        // The header names the source repository, a commit and the shared copy.
        var header = PlatformPolicies.Resource(file).Substring(0, PlatformPolicies.Resource(file).IndexOf(PlatformPolicies.HeaderEnd, StringComparison.Ordinal));
        Assert.Contains("Source: https://github.com/", header);
        Assert.Matches("commit [0-9a-f]{40}", header);
        Assert.Contains(Upstream[file], header);
        Assert.All(header.Split('\n').Where(l => l.Length > 0), l => Assert.StartsWith("#", l));
    }

    [Fact]
    public void Every_embedded_resource_is_listed_and_compared()
    {
        const string Prefix = "PolicyAsCode.Platforms.Policies.";
        var embedded = typeof(PlatformPolicies).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n.Substring(Prefix.Length)).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(PlatformPolicies.ResourceFiles.OrderBy(n => n, StringComparer.Ordinal), embedded);
        Assert.Equal(Upstream.Keys.OrderBy(n => n, StringComparer.Ordinal), embedded);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_platform_loads_cleanly_and_has_its_provenance(string name)
    {
        Assert.True(PlatformPolicies.TryGet(name, out var platform));
        Assert.Equal(name, platform.Name);
        Assert.Equal("platform:" + name, platform.FileName);
        Assert.NotEmpty(platform.Description);
        Assert.Matches("@ [0-9a-f]{40}", platform.Source);
        var result = platform.Load();
        Assert.True(result.Accepted, result.Error);
        Assert.False(result.LenientFallback, result.StrictErrors);
        Assert.Empty(result.Findings);
        Assert.NotNull(result.Policy);
    }

    [Theory]
    [InlineData("openshift-default", "default.yaml")]
    [InlineData("openshift-writerequestbodies", "writerequestbodies.yaml")]
    [InlineData("openshift-allrequestbodies", "allrequestbodies.yaml")]
    public void The_openshift_profiles_are_the_operator_librarys_golden_policies(string name, string golden)
    {
        // The golden files are what library-go's own test compares GetAuditPolicy with (decoded, non-strict); the corpus
        // holds the same bytes.
        Assert.True(PlatformPolicies.TryGet(name, out var platform));
        var assembled = platform.Load().Policy;
        foreach (var path in new[] { "fixed-policies/openshift/rendered-testdata/" + golden, "corpus/openshift-" + golden })
        {
            var expected = PolicyLoader.LoadFile(Path.Combine(RepositoryRoot.Shared, path));
            Assert.True(expected.Accepted, expected.Error);
            Assert.Equal(expected.Policy, assembled);
        }
    }

    [Fact]
    public void The_misspelt_resource_key_of_the_openshift_manifests_is_dropped_as_the_operator_drops_it()
    {
        // writerequestbodies/allrequestbodies say "resource:" for machineconfiguration.openshift.io: the entry keeps only
        // its group, so the Metadata rule covers the whole group.
        Assert.True(PlatformPolicies.TryGet("openshift-writerequestbodies", out var platform));
        Assert.DoesNotContain("resource:", platform.Text);
        var entry = platform.Load().Policy!.Rules[2].Resources.Single(r => r.Group == "machineconfiguration.openshift.io");
        Assert.True(entry.Resources.IsEmpty);
        Assert.Contains("metadata:\n  name: policy\n", platform.Text);
    }

    [Fact]
    public void Unknown_names_are_not_found()
    {
        Assert.False(PlatformPolicies.TryGet("Talos-Default", out _));
        Assert.False(PlatformPolicies.TryGet("openshift-none", out _));
        Assert.False(PlatformPolicies.TryGet(null!, out _));
    }
}
