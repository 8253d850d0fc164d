using System.Linq;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>PAC0005 and PAC0011 for resource names, judged against the built-in catalog.</summary>
public sealed class ResourceNameLintTests
{
    /// <summary>The single finding for one resources entry, or null.</summary>
    private static LintFinding? Single(string group, string resource, (int, int)? target = null)
    {
        var yaml = "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  resources:\n  - group: \"" + group + "\"\n    resources: [\"" + resource + "\"]\n";
        var result = PolicyLoader.Load(yaml);
        Assert.True(result.Accepted, result.Error);
        var findings = PolicyLint.Check(result.Policy!, target);
        Assert.True(findings.Count <= 1, string.Join("\n", findings));
        return findings.SingleOrDefault();
    }

    [Theory]
    [InlineData("", "pod", "'pod' is the singular name of 'pods'; rules compare the plural resource name exactly, so use 'pods'", "pods")]
    [InlineData("", "Pod", "'Pod' is the kind of 'pods'; rules compare the plural resource name exactly, so use 'pods'", "pods")]
    [InlineData("", "po", "'po' is a short name of 'pods'; rules compare the plural resource name exactly, so use 'pods'", "pods")]
    [InlineData("", "Pods", "'Pods' is not the exact (case-sensitive) name of 'pods'; rules compare the plural resource name exactly, so use 'pods'", "pods")]
    [InlineData("", "pod/log", "'pod' is the singular name of 'pods'; rules compare the plural resource name exactly, so use 'pods/log'", "pods/log")]
    [InlineData("apps", "deploymnets", "there is no resource 'deploymnets' in group 'apps' (Kubernetes 1.36), so this entry never matches a built-in request; did you mean 'deployments'?", "deployments")]
    [InlineData("", "pods/logs", "'pods' has no subresource 'logs', so this entry never matches; did you mean 'pods/log'?", "pods/log")]
    [InlineData("", "*/statuss", "no resource in the core group has a subresource 'statuss', so '*/statuss' never matches; did you mean '*/status'?", "*/status")]
    public void Misspelled_names_come_with_the_right_name(string group, string resource, string message, string suggestion)
    {
        var finding = Single(group, resource);
        Assert.NotNull(finding);
        Assert.Equal(RuleCatalog.NeverMatches, finding!.Id);
        Assert.Equal(message, finding.Message);
        Assert.Equal(suggestion, finding.Suggestion);
        Assert.Equal("rules[0].resources[0].resources[0]", finding.Path.PositionKey);
    }

    [Theory]
    [InlineData("", "deployments", "there is no 'deployments' in the core group; it is served by group 'apps', so this entry never matches")]
    [InlineData("authentication.k8s.io", "tokenrequests", "'tokenrequests' is not a resource: kube-apiserver serves it only as 'serviceaccounts/token' in the core group, so this entry never matches")]
    [InlineData("autoscaling", "scales", "'scales' is not a resource: kube-apiserver serves it only as the subresource '*/scale' of its parent (in the parent's group), so this entry never matches")]
    [InlineData("", "users", "'users' exists only in authorization checks (impersonation, signers, the kubelet's API); no request is audited with it")]
    [InlineData("", "nodes/stats", "'nodes/stats' exists only in authorization checks (the kubelet's or the apiserver's own); no request is audited with it")]
    [InlineData("", "configmaps/data", "'configmaps' has no subresources, so 'configmaps/data' never matches")]
    [InlineData("", "pods/zzz", "'pods' has no subresource 'zzz' (it has attach, binding, ephemeralcontainers, eviction, exec, log, portforward, proxy, resize, status), so this entry never matches")]
    [InlineData("", "frobnicators", "there is no resource 'frobnicators' in the core group (Kubernetes 1.36), so this entry never matches a built-in request")]
    public void Names_that_never_match_say_why(string group, string resource, string message)
    {
        var finding = Single(group, resource);
        Assert.NotNull(finding);
        Assert.Equal(RuleCatalog.NeverMatches, finding!.Id);
        Assert.Equal(message, finding.Message);
        Assert.Null(finding.Suggestion);
    }

    [Theory]
    [InlineData("", "pods")]
    [InlineData("", "pods/log")]
    [InlineData("", "pods/*")]
    [InlineData("", "*/status")]
    [InlineData("", "*")]
    [InlineData("apps", "deployments/scale")]
    [InlineData("example.com", "widgets")]
    [InlineData("machineconfiguration.openshift.io", "machineconfig")]
    [InlineData("metrics.k8s.io", "pods")]
    [InlineData("*", "anything")]
    public void Served_names_and_unknown_groups_are_not_reported(string group, string resource)
        => Assert.Null(Single(group, resource));

    [Fact]
    public void Removed_apis_depend_on_the_target_version()
    {
        // extensions networkpolicies stopped in 1.16, extensions ingresses in 1.22 (with the whole group).
        Assert.Null(Single("extensions", "networkpolicies", (1, 15)));
        var moved = Single("extensions", "networkpolicies", (1, 16));
        Assert.Equal(RuleCatalog.RemovedApi, moved!.Id);
        Assert.Equal("extensions/networkpolicies has not been served since Kubernetes 1.16; the same objects are served as networking.k8s.io/networkpolicies, so this entry never matches on Kubernetes 1.16", moved.Message);
        Assert.Null(Single("extensions", "ingresses", (1, 21)));
        Assert.Equal(RuleCatalog.RemovedApi, Single("extensions", "ingresses", (1, 22))!.Id);

        // Without a target version, the catalog's current Kubernetes.
        Assert.Equal("policy/podsecuritypolicies has not been served since Kubernetes 1.25, so this entry never matches on current Kubernetes", Single("policy", "podsecuritypolicies")!.Message);
        Assert.Equal("apps/deployments/rollback has not been served since Kubernetes 1.16, so this entry never matches on current Kubernetes", Single("apps", "deployments/rollback")!.Message);
    }

    [Fact]
    public void A_removed_group_without_resources_is_reported_at_the_group()
    {
        var result = PolicyLoader.Load("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  resources:\n  - group: \"\"\n  - group: settings.k8s.io\n");
        var finding = Assert.Single(PolicyLint.Check(result.Policy!));
        Assert.Equal(RuleCatalog.RemovedApi, finding.Id);
        Assert.Equal("group 'settings.k8s.io' has not been served since Kubernetes 1.20, so this entry never matches on current Kubernetes", finding.Message);
        Assert.Equal("rules[0].resources[1].group", finding.Path.PositionKey);
        Assert.Equal((7, 12), result.PositionOf(finding.Path.PositionKey));
        Assert.Empty(PolicyLint.Check(result.Policy!, (1, 19)));
    }

    [Fact]
    public void A_group_that_serves_nothing_is_reported()
    {
        var finding = Single("admission.k8s.io", "admissionreviews");
        Assert.Equal("kube-apiserver serves no 'admission.k8s.io' API (its types are file or webhook formats), so this entry never matches", finding!.Message);
    }
}
