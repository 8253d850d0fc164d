using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NJsonSchema;
using PolicyAsCode.Tests;
using Xunit;

namespace PolicyAsCode.Cli.Tests.Integrations;

/// <summary>
/// The composite action's shell steps (action.yml), run locally against corpus files; the SARIF must be valid
/// SARIF 2.1.0 (the OASIS schema, Integrations/Sarif) with a help link per rule. Checks tolerate additional SARIF
/// properties (richer rule metadata) on purpose.
/// </summary>
public sealed class ActionTests
{
    private static readonly JsonSchema SarifSchema = JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Integrations", "Sarif", "sarif-schema-2.1.0.json")).GetAwaiter().GetResult();

    [Fact]
    public void Installs_the_tool_from_its_checkout_and_reports_findings_as_valid_SARIF()
    {
        var workspace = Workspace("datadog-docs.yaml", "k8s-website-minimal-metadata.yaml");
        var runner = new ActionRunner(workspace);
        var steps = runner.Run(new Dictionary<string, string>
        {
            ["files"] = "policies/*.yaml",
            ["require"] = "CalicoCloud",
            ["kubernetes-version"] = "1.30",
        });

        Assert.Equal(2, steps.Count);
        Assert.True(steps[0].ExitCode == 0, steps[0].Stdout + steps[0].Stderr);
        Assert.True(File.Exists(Path.Combine(runner.RunnerTemp, "policyascode-tool", "policyascode")), "the install step put the dotnet tool into RUNNER_TEMP");
        var validate = steps[1];
        Assert.True(validate.ExitCode == 1, validate.Stdout + validate.Stderr); // findings
        Assert.Equal("policyascode.sarif", validate.Outputs["sarif-file"]);
        Assert.Equal("1", validate.Outputs["exit-code"]);

        using var sarif = ValidSarif(Path.Combine(workspace, "policyascode.sarif"));
        var run = sarif.RootElement.GetProperty("runs").EnumerateArray().Single();
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            Assert.True(rules.ContainsKey(result.GetProperty("ruleId").GetString()!), "every result's rule is described");
            var uri = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString();
            Assert.StartsWith("policies/", uri); // relative to the workspace, as code scanning needs
        }

        foreach (var rule in rules.Values)
        {
            Assert.True(Uri.TryCreate(rule.GetProperty("helpUri").GetString(), UriKind.Absolute, out var help) && help.Scheme == "https", rule.ToString());
        }

        // Datadog's misplaced verbs: key (dropped by the lenient fallback) and Calico Cloud's requirements.
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "PACY001"
            && r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == "policies/datadog-docs.yaml"
            && r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32() == 41);
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString()!.StartsWith("PAC000", StringComparison.Ordinal));
    }

    [Fact]
    public void Uses_the_native_executable_on_PATH_and_passes_a_clean_policy()
    {
        var workspace = Workspace("k8s-website-minimal-metadata.yaml");
        var runner = new ActionRunner(workspace);
        runner.PathPrefix.Add(Path.GetDirectoryName(NativeExecutable.Path)!);
        var steps = runner.Run(new Dictionary<string, string> { ["files"] = "policies/k8s-website-minimal-metadata.yaml", ["install"] = "path", ["sarif-file"] = "out/results.sarif" });
        Assert.All(steps, s => Assert.True(s.ExitCode == 0, s.Name + ": " + s.Stdout + s.Stderr));
        Assert.Equal("out/results.sarif", steps[1].Outputs["sarif-file"]);
        using var sarif = ValidSarif(Path.Combine(workspace, "out", "results.sarif"));
        Assert.Empty(sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
    }

    [Theory]
    [InlineData("fail-on", "sometimes", "fail-on must be error, warning or never")]
    [InlineData("files", "policies/*.yml", "matches no file")]
    [InlineData("install", "curl", "install must be checkout, nuget or path")]
    public void Bad_inputs_stop_with_a_clear_error(string input, string value, string message)
    {
        var workspace = Workspace("k8s-website-minimal-metadata.yaml");
        var runner = new ActionRunner(workspace);
        runner.PathPrefix.Add(Path.GetDirectoryName(NativeExecutable.Path)!);
        var inputs = new Dictionary<string, string> { ["files"] = "policies/*.yaml", ["install"] = "path", [input] = value };
        var last = runner.Run(inputs).Last();
        Assert.Equal(2, last.ExitCode);
        Assert.Contains("::error::", last.Stdout);
        Assert.Contains(message, last.Stdout);
    }

    /// <summary>A workspace with corpus files under policies/ (the action runs in it, with relative paths).</summary>
    private static string Workspace(params string[] corpusFiles)
    {
        var workspace = Directory.CreateTempSubdirectory("policyascode-workspace-").FullName;
        Directory.CreateDirectory(Path.Combine(workspace, "policies"));
        Directory.CreateDirectory(Path.Combine(workspace, "out"));
        foreach (var file in corpusFiles)
        {
            File.Copy(Path.Combine(SharedFiles.CorpusDirectory, file), Path.Combine(workspace, "policies", file));
        }

        return workspace;
    }

    private static JsonDocument ValidSarif(string path)
    {
        var text = File.ReadAllText(path);
        var errors = SchemaTests.Flatten(SarifSchema.Validate(text)).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.ToString())));
        var document = JsonDocument.Parse(text);
        Assert.Equal("2.1.0", document.RootElement.GetProperty("version").GetString());
        return document;
    }
}
