using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>
/// Every accepted v1 corpus policy, imported to attributed C# and compiled with the generator: the generated
/// YAML is byte-identical to the core writer's output and loads to a model equal to the corpus file's.
/// </summary>
public sealed class CorpusImportTests
{
    public static IEnumerable<object[]> Files => Directory.GetFiles(PolicyAsCode.Tests.SharedFiles.CorpusDirectory, "*.yaml")
        .Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).Select(n => new object[] { n! });

    [Theory]
    [MemberData(nameof(Files))]
    public void Imported_policy_generates_the_same_policy(string file)
    {
        var loaded = PolicyLoader.LoadFile(Path.Combine(PolicyAsCode.Tests.SharedFiles.CorpusDirectory, file));
        if (!loaded.Accepted)
        {
            Assert.Contains("v1beta1", loaded.Error);
            return;
        }

        var name = Path.GetFileNameWithoutExtension(file);
        // The import the command-line tool does: comments carried over, dropped keys noted.
        var imported = PolicyImporter.Import(File.ReadAllText(Path.Combine(PolicyAsCode.Tests.SharedFiles.CorpusDirectory, file)), name, "ImportedPolicy", "Imported.Policies");
        Assert.Null(imported.Error);
        Assert.Equal(loaded.Findings.Count, imported.Warnings.Count);
        var source = imported.Source!;
        var assembly = GeneratorHarness.CompileAndLoad(source);
        var type = assembly.GetType("Imported.Policies.ImportedPolicy")!;

        var yaml = GeneratorHarness.Get<string>(type, "Yaml");
        Assert.Equal(PolicyYamlWriter.Write(loaded.Policy!), yaml);
        Assert.Equal(name + ".yaml", GeneratorHarness.Get<string>(type, "FileName"));
        var reloaded = PolicyLoader.Load(yaml);
        Assert.True(reloaded.Accepted, reloaded.Error);
        Assert.Equal(loaded.Policy, reloaded.Policy);
        Assert.Equal(loaded.Policy, GeneratorHarness.Get<Policy>(type, "Policy"));

        var builder = GeneratorHarness.CreateBuilder(type);
        Assert.Equal(loaded.Policy, builder.Build());
        Assert.Equal(yaml, builder.ToYaml());

        var manifest = assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PolicyAsCode:" + name + ".yaml");
        Assert.Equal(yaml, manifest.Value);
    }
}
