using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using PolicyAsCode.Tests;
using YamlDotNet.RepresentationModel;

namespace PolicyAsCode.Cli.Tests.Integrations;

/// <summary>
/// Runs the steps of the repository's composite action (action.yml) the way a GitHub runner does: each step's
/// <c>run</c> with <c>bash --noprofile --norc -eo pipefail</c>, its <c>env</c> with <c>${{ inputs.* }}</c> and
/// <c>${{ github.action_path }}</c> substituted, RUNNER_TEMP/GITHUB_OUTPUT/GITHUB_PATH files, GITHUB_PATH lines
/// prepended to PATH for later steps, and no further step after one fails.
/// </summary>
internal sealed class ActionRunner
{
    private static readonly Regex Expression = new(@"\$\{\{\s*([^}]*?)\s*\}\}", RegexOptions.CultureInvariant);

    public ActionRunner(string workspace)
    {
        Workspace = workspace;
        ActionPath = CheckOut();
    }

    public string Workspace { get; }

    /// <summary>
    /// The action's own checkout, as a runner lays it out: a copy of the repository's sources without build
    /// outputs, so the install step builds from scratch and never races the test run's own builds of src/.
    /// </summary>
    public string ActionPath { get; }

    public string RunnerTemp { get; } = Directory.CreateTempSubdirectory("policyascode-runner-").FullName;

    /// <summary>Extra PATH entries before the machine's (e.g. the native executable's folder for install: path).</summary>
    public List<string> PathPrefix { get; } = new();

    public sealed record StepResult(string Name, int ExitCode, string Stdout, string Stderr, Dictionary<string, string> Outputs);

    public List<StepResult> Run(IReadOnlyDictionary<string, string> inputs)
    {
        var action = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(ActionPath, "action.yml")))
        {
            action.Load(reader);
        }

        var root = (YamlMappingNode)action.Documents[0].RootNode;
        var declared = (YamlMappingNode)root["inputs"];
        foreach (var name in inputs.Keys)
        {
            if (!declared.Children.ContainsKey(new YamlScalarNode(name)))
            {
                throw new ArgumentException("action.yml declares no input " + name);
            }
        }

        var runs = (YamlMappingNode)root["runs"];
        if (((YamlScalarNode)runs["using"]).Value != "composite")
        {
            throw new InvalidOperationException("action.yml is not a composite action");
        }

        var githubPath = Path.Combine(RunnerTemp, "github_path");
        var results = new List<StepResult>();
        foreach (YamlMappingNode step in (YamlSequenceNode)runs["steps"])
        {
            var name = ((YamlScalarNode)step["name"]).Value!;
            if (((YamlScalarNode)step["shell"]).Value != "bash")
            {
                throw new InvalidOperationException(name + ": only bash steps are run here");
            }

            var script = Path.Combine(RunnerTemp, "step-" + results.Count + ".sh");
            File.WriteAllText(script, Substitute(((YamlScalarNode)step["run"]).Value!, declared, inputs));
            var output = Path.Combine(RunnerTemp, "github_output-" + results.Count);
            File.WriteAllText(output, string.Empty);
            var added = File.Exists(githubPath) ? File.ReadAllLines(githubPath).Reverse() : Enumerable.Empty<string>();
            var environment = new Dictionary<string, string>
            {
                ["RUNNER_TEMP"] = RunnerTemp,
                ["GITHUB_OUTPUT"] = output,
                ["GITHUB_PATH"] = githubPath,
                ["GITHUB_WORKSPACE"] = Workspace,
                ["GITHUB_ACTIONS"] = "true",
                ["PATH"] = string.Join(":", added.Concat(PathPrefix).Append(Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")),
            };
            if (step.Children.TryGetValue(new YamlScalarNode("env"), out var env))
            {
                foreach (var (key, value) in (YamlMappingNode)env)
                {
                    environment[((YamlScalarNode)key).Value!] = Substitute(((YamlScalarNode)value).Value ?? string.Empty, declared, inputs);
                }
            }

            var (code, stdout, stderr) = Tool.Run("bash", new[] { "--noprofile", "--norc", "-eo", "pipefail", script }, null, Array.Empty<string>(), Workspace, environment, TimeSpan.FromMinutes(10));
            var outputs = File.ReadAllLines(output).Where(l => l.Contains('=')).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
            results.Add(new StepResult(name, code, stdout, stderr, outputs));
            if (code != 0)
            {
                break;
            }
        }

        return results;
    }

    private string CheckOut()
    {
        var root = RepositoryRoot.Path;
        var target = Path.Combine(RunnerTemp, "_actions", "policyascode");
        foreach (var file in new[] { "action.yml", ".editorconfig", "Directory.Build.props", "Directory.Packages.props", "global.json", "README.md" })
        {
            Copy(Path.Combine(root, file), Path.Combine(target, file));
        }

        foreach (var folder in new[] { "src", "tools" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file);
                if (!relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".build"))
                {
                    Copy(file, Path.Combine(target, relative));
                }
            }
        }

        return target;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }

    private string Substitute(string text, YamlMappingNode declared, IReadOnlyDictionary<string, string> inputs) =>
        Expression.Replace(text, match =>
        {
            var expression = match.Groups[1].Value;
            if (expression == "github.action_path")
            {
                return ActionPath;
            }

            if (expression.StartsWith("inputs.", StringComparison.Ordinal))
            {
                var name = expression["inputs.".Length..];
                if (inputs.TryGetValue(name, out var given))
                {
                    return given;
                }

                var input = (YamlMappingNode)declared[name];
                return input.Children.TryGetValue(new YamlScalarNode("default"), out var fallback) ? ((YamlScalarNode)fallback).Value ?? string.Empty : string.Empty;
            }

            throw new InvalidOperationException("action.yml uses an expression this runner does not know: " + expression);
        });
}
