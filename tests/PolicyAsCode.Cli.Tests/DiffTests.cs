using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using PolicyAsCode.Tests;
using Xunit;

namespace PolicyAsCode.Cli.Tests;

/// <summary>diff through the tool: readable groups, examples that explain reproduces, stable JSON, the work bound.</summary>
public sealed class DiffTests
{
    private static readonly string OpenShiftDefault = Path.Combine(SharedFiles.CorpusDirectory, "openshift-default.yaml");
    private static readonly string OpenShiftWrites = Path.Combine(SharedFiles.CorpusDirectory, "openshift-writerequestbodies.yaml");

    [Fact]
    public void OpenShift_write_bodies_diff_is_short_and_concrete()
    {
        var (code, stdout, stderr) = Tool.InProcess("diff", OpenShiftDefault, OpenShiftWrites);
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stderr);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length < 40, lines.Length + " lines:\n" + stdout);
        Assert.StartsWith("Metadata omitting RequestReceived without managedFields (rule 3) -> RequestResponse omitting RequestReceived without managedFields (rule 3): ", lines[0]);
        Assert.Matches("^[0-9]+ kinds? of request (is|are) decided differently, in [0-9]+ groups? by deciding rules$", lines[^1]);
        foreach (var placeholder in new[] { "(any", "any group", "any user", "any suffix", "any namespace" })
        {
            Assert.DoesNotContain(placeholder, stdout);
        }
    }

    /// <summary>
    /// Each example of the JSON output, given to explain as options and as its HTTP request (<c>explain --http</c>
    /// with the line of <see cref="RequestDomain.ExampleHttp"/>, which the output's <c>http</c> field and text line
    /// carry), gets the reported decisions from both files.
    /// </summary>
    [Theory]
    [InlineData("openshift-default.yaml", "openshift-writerequestbodies.yaml")]
    [InlineData("openshift-default.yaml", "openshift-allrequestbodies.yaml")]
    [InlineData("rke1-default.yaml", "rke2-default.yaml")]
    [InlineData("k8s-website-audit-policy.yaml", "gke-configure-helper.yaml")]
    [InlineData("kubespray.yaml", "talos-default.yaml")]
    public void Every_example_reproduces_with_explain(string oldFile, string newFile)
    {
        var before = Path.Combine(SharedFiles.CorpusDirectory, oldFile);
        var after = Path.Combine(SharedFiles.CorpusDirectory, newFile);
        var (code, stdout, _) = Tool.InProcess("diff", "--format", "json", before, after);
        Assert.Equal(1, code);
        var groups = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(groups);
        var text = Tool.InProcess("diff", before, after).Stdout;
        foreach (var group in groups)
        {
            Assert.Contains(group.GetProperty("description").GetString()!, text);
            Assert.True(group.GetProperty("cases").GetInt32() >= 1);
            var example = group.GetProperty("example");
            var args = ExplainArguments(example);
            var http = RequestDomain.ExampleHttp(ToRequest(example));
            Assert.NotNull(http);
            Assert.Equal(http, group.GetProperty("http").GetString());
            Assert.EndsWith(" (" + http + ")", group.GetProperty("description").GetString()!, StringComparison.Ordinal);
            var httpArgs = new List<string> { "--http", http!, "--user", example.GetProperty("user").GetString()! };
            foreach (var g in example.GetProperty("groups").EnumerateArray())
            {
                httpArgs.Add("--group");
                httpArgs.Add(g.GetString()!);
            }
            foreach (var (file, side, rule) in new[] { (before, "old", "oldRule"), (after, "new", "newRule") })
            {
                foreach (var options in new[] { args, httpArgs })
                {
                    var explained = Tool.InProcess(new[] { "explain", file }.Concat(options).ToArray());
                    Assert.True(explained.ExitCode == 0, string.Join(" ", options) + "\n" + explained.Stderr);
                    var decision = explained.Stdout.TrimEnd('\n').Split('\n')[^1];
                    Assert.Equal(group.GetProperty(side).GetRawText(), decision);
                }

                Assert.Equal(group.GetProperty(rule).GetInt32(), group.GetProperty(side).GetProperty("matchedRule").GetInt32());
            }
        }
    }

    [Fact]
    public void Json_is_stable_and_has_no_placeholders()
    {
        var first = Tool.InProcess("diff", "--format", "json", OpenShiftDefault, OpenShiftWrites).Stdout;
        Assert.Equal(first, Tool.InProcess("diff", "--format", "json", OpenShiftDefault, OpenShiftWrites).Stdout);
        var group = Assert.Single(JsonDocument.Parse(first).RootElement.EnumerateArray());
        Assert.Equal(new[] { "oldRule", "newRule", "cases", "description", "http", "example", "old", "new" }, group.EnumerateObject().Select(p => p.Name));
        var example = group.GetProperty("example");
        Assert.Equal(new[] { "user", "groups", "resourceRequest", "verb", "namespace", "apiGroup", "resource", "subresource", "name" }, example.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.String, example.GetProperty("user").ValueKind);
        Assert.NotEqual(0, example.GetProperty("groups").GetArrayLength());
        Assert.DoesNotContain("(any", first);
        Assert.Equal("Metadata", group.GetProperty("old").GetProperty("level").GetString());
        Assert.Equal("RequestResponse", group.GetProperty("new").GetProperty("level").GetString());
    }

    [Fact]
    public void Beyond_the_work_bound_it_says_so_and_exits_2()
    {
        var gke = Path.Combine(SharedFiles.CorpusDirectory, "gke-configure-helper.yaml");
        var (code, stdout, stderr) = Tool.InProcess("diff", "--max-steps", "10", OpenShiftDefault, gke);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal("error: comparing these policies needs more than 10 steps (the work bound); nothing is reported, because a partial answer could hide differences. The rules name many values that combine (e.g. many groups in rules that overlap); compare smaller parts of the policies, or raise the bound (--max-steps)\n", stderr.Replace("\r", string.Empty));
        Assert.Equal(1, Tool.InProcess("diff", OpenShiftDefault, gke).ExitCode);
        Assert.Equal(2, Tool.InProcess("diff", "--max-steps", "0", OpenShiftDefault, gke).ExitCode);
    }

    /// <summary>The request of the JSON output.</summary>
    private static AuditRequest ToRequest(JsonElement example)
    {
        string Field(string name) => example.GetProperty(name).GetString()!;
        var request = new AuditRequest
        {
            User = Field("user"),
            Groups = example.GetProperty("groups").EnumerateArray().Select(g => g.GetString()!).ToArray(),
            ResourceRequest = example.GetProperty("resourceRequest").GetBoolean(),
            Verb = Field("verb"),
        };
        return request.ResourceRequest
            ? request with { Namespace = Field("namespace"), ApiGroup = Field("apiGroup"), Resource = Field("resource"), Subresource = Field("subresource"), Name = Field("name") }
            : request with { Path = Field("path") };
    }

    /// <summary>The explain options for a request of the JSON output (every field given, empty ones too).</summary>
    private static List<string> ExplainArguments(JsonElement example)
    {
        var args = new List<string> { "--user", example.GetProperty("user").GetString()!, "--verb", example.GetProperty("verb").GetString()! };
        foreach (var group in example.GetProperty("groups").EnumerateArray())
        {
            args.Add("--group");
            args.Add(group.GetString()!);
        }

        if (!example.GetProperty("resourceRequest").GetBoolean())
        {
            args.Add("--path");
            args.Add(example.GetProperty("path").GetString()!);
            return args;
        }

        foreach (var (field, option) in new[] { ("namespace", "--namespace"), ("apiGroup", "--api-group"), ("resource", "--resource"), ("subresource", "--subresource"), ("name", "--name") })
        {
            args.Add(option);
            args.Add(example.GetProperty(field).GetString()!);
        }

        return args;
    }
}
