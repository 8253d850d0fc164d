using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace PolicyAsCode.Tests;

/// <summary>The compiled-in catalog (BuiltinCatalog.Data.cs) is exactly ../shared/spec/builtin-resources.yaml, entry for entry.</summary>
public sealed class BuiltinCatalogTests
{
    private static readonly YamlMappingNode Root = Load();

    [Fact]
    public void Version_and_request_verbs_agree()
    {
        var version = Scalar(Root, "kubernetesVersion");
        Assert.Equal(version, BuiltinCatalog.KubernetesVersion.ToString());
        Assert.Equal(Strings(Root, "requestVerbs"), BuiltinCatalog.RequestVerbs);
    }

    [Fact]
    public void Every_served_resource_agrees_both_ways()
    {
        var expected = new List<string>();
        foreach (var group in Items(Root, "groups"))
        {
            foreach (var resource in Items(group, "resources"))
            {
                var subs = resource.Children.ContainsKey("subresources") ? Items(resource, "subresources").Select(s => Scalar(s, "subresource")) : Enumerable.Empty<string>();
                expected.Add(string.Join("|", Scalar(group, "group"), Scalar(resource, "resource"), Scalar(resource, "singular"), Scalar(resource, "kind"), string.Join(",", Strings(resource, "shortNames")), string.Join(",", subs)));
            }
        }

        var actual = BuiltinCatalog.Groups.Values.SelectMany(g => g.Values)
            .Select(r => string.Join("|", r.Group, r.Plural, r.Singular, r.Kind, string.Join(",", r.ShortNames), string.Join(",", r.Subresources)));
        Assert.Equal(expected.OrderBy(x => x, System.StringComparer.Ordinal), actual.OrderBy(x => x, System.StringComparer.Ordinal));
    }

    [Fact]
    public void Every_removal_that_matters_for_audit_agrees_both_ways()
    {
        var expected = Items(Root, "removed").Where(r => Scalar(r, "mattersForAudit") == "true").Select(r =>
        {
            var replaced = r.Children.TryGetValue(new YamlScalarNode("replacedBy"), out var node) && node is YamlMappingNode m ? Scalar(m, "group") + "/" + Scalar(m, "resource") : "/";
            return string.Join("|", Scalar(r, "group"), Scalar(r, "resource"), Scalar(r, "removedIn"), replaced);
        });
        var actual = BuiltinCatalog.Removals.Select(r => string.Join("|", r.Group, r.Resource, r.RemovedInText, r.ReplacedByGroup + "/" + r.ReplacedByResource));
        Assert.Equal(expected.OrderBy(x => x, System.StringComparer.Ordinal), actual.OrderBy(x => x, System.StringComparer.Ordinal));

        // Entries that only drop a version never change what a rule matches, so none of them is compiled in.
        Assert.All(Items(Root, "removed").Where(r => Scalar(r, "mattersForAudit") == "false"), r => Assert.Equal("versionOnly", Scalar(r, "effect")));
    }

    [Fact]
    public void Look_alikes_and_authorization_only_names_agree_both_ways()
    {
        var expected = Items(Root, "notResources").Select(r =>
        {
            if (!r.Children.TryGetValue(new YamlScalarNode("use"), out var node) || node is not YamlMappingNode use)
            {
                return Scalar(r, "group") + "|" + Scalar(r, "resource") + "|-";
            }

            var group = use.Children.ContainsKey("group") ? Scalar(use, "group") : "*";
            return string.Join("|", Scalar(r, "group"), Scalar(r, "resource"), group, Scalar(use, "resource"));
        });
        var actual = BuiltinCatalog.NotResources.Select(n => n.UseResource is null ? n.Group + "|" + n.Resource + "|-" : string.Join("|", n.Group, n.Resource, n.UseGroup, n.UseResource));
        Assert.Equal(expected.OrderBy(x => x, System.StringComparer.Ordinal), actual.OrderBy(x => x, System.StringComparer.Ordinal));

        var authorization = (YamlMappingNode)Root["authorizationOnly"];
        Assert.Equal(Items(authorization, "verbs").Select(v => Scalar(v, "verb")).Distinct(), BuiltinCatalog.AuthorizationOnlyVerbs);
        Assert.Equal(
            Items(authorization, "resources").Select(r => Scalar(r, "group") + "|" + Scalar(r, "resource")).OrderBy(x => x, System.StringComparer.Ordinal),
            BuiltinCatalog.AuthorizationOnlyResources.OrderBy(x => x, System.StringComparer.Ordinal));
        Assert.Equal(Items(Root, "addOnGroups").Select(g => Scalar(g, "group")), BuiltinCatalog.AddOnGroups);
    }

    [Theory]
    [InlineData("impersonate", true)]
    [InlineData("associated-node:get", true)]
    [InlineData("impersonate-on:user-info:list", true)]
    [InlineData("impersonate:user-info", true)]
    [InlineData("get", false)]
    [InlineData("associated-node:", false)]
    public void Authorization_only_verb_patterns_match_by_prefix(string verb, bool expected)
        => Assert.Equal(expected, BuiltinCatalog.IsAuthorizationOnlyVerb(verb));

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(SharedFiles.Spec("builtin-resources.yaml")))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<YamlMappingNode> Items(YamlMappingNode node, string key)
        => ((YamlSequenceNode)node[key]).Children.Cast<YamlMappingNode>();

    private static string Scalar(YamlMappingNode node, string key)
        => node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value ?? string.Empty : string.Empty;

    private static IEnumerable<string> Strings(YamlMappingNode node, string key)
        => node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlSequenceNode)value).Children.Select(c => ((YamlScalarNode)c).Value ?? string.Empty) : Enumerable.Empty<string>();
}
