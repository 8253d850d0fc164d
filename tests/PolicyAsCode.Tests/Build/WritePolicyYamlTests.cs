using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Threading.Tasks;
using Microsoft.Build.Framework;
using PolicyAsCode.Build;
using Xunit;

namespace PolicyAsCode.Tests.Build;

/// <summary>
/// The build task's writes and deletions under faults and tampering (issue 12): it deletes only files it wrote
/// in its output folder, replaces files atomically so concurrent builds never fail, removes temporary files of
/// stopped builds, and validates hand-written manifest entries as the generator does.
/// </summary>
public sealed class WritePolicyYamlTests : IDisposable
{
    private const string Yaml = "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n";
    private readonly string _root = Directory.CreateTempSubdirectory("policyascode-task-").FullName;

    private string Output => Path.Combine(_root, "policies");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_tampered_file_list_deletes_nothing_outside_what_the_task_wrote()
    {
        var assembly = Assembly(("PolicyAsCode:a.yaml", Yaml));
        var list = Path.Combine(_root, "obj", "app.policyascode.files");
        Assert.True(Run(assembly, list).Success);

        var victim = Path.Combine(_root, "victim.txt");
        var sibling = Path.Combine(Output, "notes.txt");
        var nested = Path.Combine(Output, "sub", "b.yaml");
        File.WriteAllText(victim, "keep");
        File.WriteAllText(sibling, "keep");
        Directory.CreateDirectory(Path.GetDirectoryName(nested)!);
        File.WriteAllText(nested, "keep");
        File.AppendAllLines(list, new[] { victim, sibling, nested, Path.Combine(Output, "..", "victim.txt"), "victim.txt" });

        var run = Run(Assembly(("PolicyAsCode:b.yaml", Yaml)), list);
        Assert.True(run.Success, string.Join("\n", run.Errors));
        Assert.Equal("keep", File.ReadAllText(victim));
        Assert.Equal("keep", File.ReadAllText(sibling));
        Assert.Equal("keep", File.ReadAllText(nested));
        Assert.Equal(5, run.Warnings.Count(w => w.StartsWith("PACB005: The list of written policy files has an entry the task did not write", StringComparison.Ordinal)));

        // What the task did write and no policy writes any more still goes.
        Assert.False(File.Exists(Path.Combine(Output, "a.yaml")));
        Assert.True(File.Exists(Path.Combine(Output, "b.yaml")));
    }

    [Fact]
    public void Concurrent_builds_writing_the_same_file_both_succeed()
    {
        var first = Assembly(("PolicyAsCode:same.yaml", Yaml));
        var second = Assembly(("PolicyAsCode:same.yaml", Yaml.Replace("Metadata", "Request")));
        var failures = new List<string>();
        Parallel.For(0, 2, worker =>
        {
            for (var i = 0; i < 150; i++)
            {
                // Alternate the content so every run really replaces the file.
                var run = Run((i + worker) % 2 == 0 ? first : second, Path.Combine(_root, "obj" + worker, "app.policyascode.files"));
                if (!run.Success)
                {
                    lock (failures)
                    {
                        failures.AddRange(run.Errors);
                    }
                }
            }
        });

        Assert.Empty(failures);
        Assert.Equal(new[] { "same.yaml" }, Directory.GetFiles(Output).Select(Path.GetFileName));
        Assert.Contains(File.ReadAllText(Path.Combine(Output, "same.yaml")), new[] { Yaml, Yaml.Replace("Metadata", "Request") });
    }

    [Fact]
    public void Temporary_files_of_stopped_builds_are_removed_and_those_of_running_ones_kept()
    {
        Directory.CreateDirectory(Output);
        var hex = new string('a', 32);
        var dead = Path.Combine(Output, "x.yaml.2147483647-" + hex + ".tmp");
        var legacy = Path.Combine(Output, "x.yaml." + hex + ".tmp");
        var running = Path.Combine(Output, "x.yaml." + Environment.ProcessId + "-" + hex + ".tmp");
        var foreign = Path.Combine(Output, "mine.tmp");
        foreach (var file in new[] { dead, legacy, running, foreign })
        {
            File.WriteAllText(file, "half a policy");
        }

        File.SetLastWriteTimeUtc(legacy, DateTime.UtcNow.AddHours(-1));
        Assert.True(Run(Assembly(("PolicyAsCode:x.yaml", Yaml)), Path.Combine(_root, "obj", "list")).Success);
        Assert.False(File.Exists(dead));
        Assert.False(File.Exists(legacy));
        Assert.True(File.Exists(running));
        Assert.True(File.Exists(foreign));
    }

    [Theory]
    [InlineData("x.cs")]
    [InlineData("../x.yaml")]
    [InlineData(".hidden.yaml")]
    [InlineData("x")]
    public void Hand_written_manifest_entries_are_validated_as_the_generator_does(string name)
    {
        var run = Run(Assembly(("PolicyAsCode:" + name, Yaml)), Path.Combine(_root, "obj", "list"));
        Assert.False(run.Success);
        Assert.StartsWith("PACB002: The policy file name '" + name + "' is not one the generator writes", Assert.Single(run.Errors));
        Assert.False(Directory.Exists(Output) && Directory.EnumerateFileSystemEntries(Output).Any());
    }

    [Fact]
    public void An_overlong_hand_written_name_is_refused_too()
    {
        var name = new string('n', 201) + ".yaml";
        var run = Run(Assembly(("PolicyAsCode:" + name, Yaml)), Path.Combine(_root, "obj", "list"));
        Assert.False(run.Success);
        Assert.StartsWith("PACB002:", Assert.Single(run.Errors));
    }

    private (bool Success, List<string> Errors, List<string> Warnings) Run(string assembly, string list)
    {
        var engine = new RecordingEngine();
        var task = new WritePolicyYaml { BuildEngine = engine, AssemblyPath = assembly, OutputDirectory = Output, FileListPath = list };
        return (task.Execute(), engine.Errors, engine.Warnings);
    }

    /// <summary>An assembly whose only content is the given manifest entries, saved to disk.</summary>
    private string Assembly(params (string Key, string Value)[] entries)
    {
        var name = "Manifest" + Guid.NewGuid().ToString("N");
        var builder = new PersistedAssemblyBuilder(new AssemblyName(name), typeof(object).Assembly);
        var constructor = typeof(AssemblyMetadataAttribute).GetConstructor(new[] { typeof(string), typeof(string) })!;
        foreach (var (key, value) in entries)
        {
            builder.SetCustomAttribute(new CustomAttributeBuilder(constructor, new object[] { key, value }));
        }

        builder.DefineDynamicModule(name);
        var path = Path.Combine(_root, name + ".dll");
        builder.Save(path);
        return path;
    }

    private sealed class RecordingEngine : IBuildEngine
    {
        public List<string> Errors { get; } = new();

        public List<string> Warnings { get; } = new();

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => string.Empty;

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public void LogErrorEvent(BuildErrorEventArgs e)
        {
            lock (Errors)
            {
                Errors.Add(e.Code + ": " + e.Message);
            }
        }

        public void LogMessageEvent(BuildMessageEventArgs e)
        {
        }

        public void LogWarningEvent(BuildWarningEventArgs e)
        {
            lock (Warnings)
            {
                Warnings.Add(e.Code + ": " + e.Message);
            }
        }
    }
}
