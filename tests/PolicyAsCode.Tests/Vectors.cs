using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.RepresentationModel;

namespace PolicyAsCode.Tests;

/// <summary>Reads the shared vector files at test time (never copied into the repository), and the project's own.</summary>
internal static class Vectors
{
    private static readonly Dictionary<string, Dictionary<string, YamlMappingNode>> Cache = new();

    /// <summary>A vector file of ../shared/spec, or of this project's Vectors folder when the name starts with it.</summary>
    public static IReadOnlyDictionary<string, YamlMappingNode> Load(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var byName))
            {
                var stream = new YamlStream();
                var path = file.StartsWith("Vectors/", System.StringComparison.Ordinal)
                    ? Path.Combine(System.AppContext.BaseDirectory, file)
                    : SharedFiles.Spec(file);
                using (var reader = new StreamReader(path))
                {
                    stream.Load(reader);
                }

                byName = new Dictionary<string, YamlMappingNode>();
                foreach (YamlMappingNode item in ((YamlSequenceNode)stream.Documents[0].RootNode).Children.Cast<YamlMappingNode>())
                {
                    byName.Add(Scalar(item, "name")!, item);
                }

                Cache[file] = byName;
            }

            return byName;
        }
    }

    public static IEnumerable<object[]> Names(string file) => Load(file).Keys.Select(name => new object[] { name });

    /// <summary>The evaluation vectors whose request gives an `http` line.</summary>
    public static IEnumerable<object[]> NamesWithHttp() => Load("evaluation-vectors.yaml")
        .Where(v => Scalar(Mapping(v.Value, "request")!, "http") is not null)
        .Select(v => new object[] { v.Key });

    public static string? Scalar(YamlMappingNode node, string key)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            return null;
        }

        var scalar = (YamlScalarNode)value;
        return scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "null" or "~" or "" ? null : scalar.Value;
    }

    public static YamlMappingNode? Mapping(YamlMappingNode node, string key)
        => node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    public static List<string> List(YamlMappingNode node, string key)
        => node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode seq
            ? seq.Children.Select(c => ((YamlScalarNode)c).Value ?? string.Empty).ToList()
            : new List<string>();
}
