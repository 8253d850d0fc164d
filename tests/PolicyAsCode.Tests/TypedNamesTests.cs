using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace PolicyAsCode.Tests;

/// <summary>The typed names (ApiGroup, Resource) agree with the built-in resource catalog, both ways.</summary>
public sealed class TypedNamesTests
{
    [Fact]
    public void Resource_constants_are_exactly_the_catalog()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(SharedFiles.Spec("builtin-resources.yaml")))
        {
            stream.Load(reader);
        }

        var groups = (YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode)["groups"];
        var apiGroups = typeof(ApiGroup).GetFields(BindingFlags.Public | BindingFlags.Static).ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        var nested = typeof(Resource).GetNestedTypes().ToDictionary(t => t.Name);
        Assert.Equal(groups.Children.Count, nested.Count);
        foreach (YamlMappingNode group in groups.Children.Cast<YamlMappingNode>())
        {
            var name = ((YamlScalarNode)group["group"]).Value ?? string.Empty;
            var constant = apiGroups.Single(p => p.Value == name && nested.ContainsKey(p.Key)).Key;
            var expected = new List<string>();
            foreach (YamlMappingNode resource in ((YamlSequenceNode)group["resources"]).Children.Cast<YamlMappingNode>())
            {
                var plural = ((YamlScalarNode)resource["resource"]).Value!;
                expected.Add(plural);
                if (resource.Children.TryGetValue(new YamlScalarNode("subresources"), out var subs) && subs is YamlSequenceNode list)
                {
                    expected.AddRange(list.Children.Cast<YamlMappingNode>().Select(s => plural + "/" + ((YamlScalarNode)s["subresource"]).Value));
                }
            }

            var actual = nested[constant].GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);
            Assert.Equal(expected.OrderBy(x => x, System.StringComparer.Ordinal), actual.OrderBy(x => x, System.StringComparer.Ordinal));
        }
    }
}
