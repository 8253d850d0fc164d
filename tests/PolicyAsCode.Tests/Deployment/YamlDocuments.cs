using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace PolicyAsCode.Tests.Deployment;

/// <summary>Reads generated YAML back with YamlDotNet (an independent reader) and converts it to JSON for schema checks.</summary>
internal static class YamlDocuments
{
    public static YamlMappingNode Read(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    public static YamlNode At(this YamlNode node, string key) => ((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    public static string Text(this YamlNode node) => ((YamlScalarNode)node).Value!;

    public static bool Has(this YamlNode node, string key) => ((YamlMappingNode)node).Children.ContainsKey(new YamlScalarNode(key));

    public static string[] Keys(this YamlNode node) => ((YamlMappingNode)node).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToArray();

    public static YamlNode[] Items(this YamlNode node) => ((YamlSequenceNode)node).Children.ToArray();

    /// <summary>Whether the scalar was written quoted (a string for every YAML reader) or plain.</summary>
    public static bool IsQuoted(this YamlNode node) => ((YamlScalarNode)node).Style is ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted;

    /// <summary>YAML to JSON: plain true/false are booleans, plain integers numbers, everything else a string.</summary>
    public static JsonNode? ToJson(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var child in mapping.Children)
                {
                    obj[((YamlScalarNode)child.Key).Value!] = ToJson(child.Value);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var child in sequence.Children)
                {
                    array.Add(ToJson(child));
                }

                return array;
            default:
                var scalar = (YamlScalarNode)node;
                if (scalar.Style == ScalarStyle.Plain)
                {
                    if (scalar.Value is "true" or "false")
                    {
                        return JsonValue.Create(scalar.Value == "true");
                    }

                    if (long.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                    {
                        return JsonValue.Create(number);
                    }
                }

                return JsonValue.Create(scalar.Value);
        }
    }
}
