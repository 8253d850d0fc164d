using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using PolicyAsCode.Tests;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace PolicyAsCode.Cli.Tests;

/// <summary><c>explain --requests</c> reproduces every evaluation vector.</summary>
public sealed class ExplainTests
{
    public static IEnumerable<object[]> Names => Vectors.Names("evaluation-vectors.yaml");

    [Theory]
    [MemberData(nameof(Names))]
    public void Requests_reproduce_the_vector(string name)
    {
        var vector = Vectors.Load("evaluation-vectors.yaml")[name];
        var policy = Tool.TempFile(Vectors.Scalar(vector, "policy")!);
        var requests = Tool.TempFile(RequestJson(Vectors.Mapping(vector, "request")!) + "\n", ".jsonl");
        try
        {
            var (code, stdout, stderr) = Tool.InProcess("explain", policy, "--requests", requests);
            Assert.True(code == 0, stderr);
            Assert.Equal(ExpectedLine(Vectors.Mapping(vector, "expect")!), stdout.TrimEnd('\n'));
        }
        finally
        {
            File.Delete(policy);
            File.Delete(requests);
        }
    }

    [Fact]
    public void The_real_tool_streams_standard_input()
    {
        var vectors = Vectors.Load("evaluation-vectors.yaml").Values.Where(v => Vectors.Scalar(v, "policy")!.Contains("- level: None\n  nonResourceURLs: [\"/healthz*\", \"/version\"]")).ToList();
        Assert.NotEmpty(vectors);
        var policy = Tool.TempFile(Vectors.Scalar(vectors[0], "policy")!);
        try
        {
            var input = string.Join("\n", vectors.Select(v => RequestJson(Vectors.Mapping(v, "request")!))) + "\n";
            var (code, stdout, stderr) = Tool.Process(input, "explain", policy, "--requests", "-");
            Assert.True(code == 0, stderr);
            Assert.Equal(vectors.Select(v => ExpectedLine(Vectors.Mapping(v, "expect")!)), stdout.TrimEnd('\n').Split('\n'));
        }
        finally
        {
            File.Delete(policy);
        }
    }

    [Fact]
    public async Task The_real_tool_answers_each_line_before_the_input_ends()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { typeof(PolicyCli).Assembly.Location, "explain", Path.Combine(SharedFiles.CorpusDirectory, "gke-configure-helper.yaml"), "--requests", "-" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            // The input stays open: the answer must come before the next line does (the timeout only stops a hang).
            process.StandardInput.Write("{\"user\":null,\"groups\":[],\"resourceRequest\":false,\"verb\":\"get\",\"path\":\"/healthz\"}\n");
            process.StandardInput.Flush();
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.Equal("{\"level\":\"None\",\"omitStages\":[],\"omitManagedFields\":false,\"matchedRule\":8}", first);

            process.StandardInput.Write("{\"user\":\"alice\",\"groups\":[\"system:authenticated\"],\"resourceRequest\":true,\"verb\":\"get\",\"namespace\":\"default\",\"resource\":\"secrets\"}\n");
            process.StandardInput.Close();
            var rest = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.Equal("{\"level\":\"Metadata\",\"omitStages\":[\"RequestReceived\"],\"omitManagedFields\":false,\"matchedRule\":13}", rest.TrimEnd('\n'));
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void Single_request_says_why()
    {
        var (code, stdout, _) = Tool.InProcess("explain", Path.Combine(SharedFiles.CorpusDirectory, "gke-configure-helper.yaml"),
            "--user", "alice", "--group", "system:authenticated", "--verb", "get", "--namespace", "default", "--resource", "secrets", "--name", "db");
        Assert.Equal(0, code);
        Assert.Contains("rule 0 (None) does not match: user \"alice\" is not in users [\"system:kube-proxy\"]", stdout);
        Assert.Contains("rule 13 matches: level Metadata", stdout);
    }

    [Fact]
    public void Invalid_json_lines_are_an_input_error_with_the_line()
    {
        var policy = Tool.TempFile("apiVersion: audit.k8s.io/v1\nrules:\n- level: Metadata\n");
        var requests = Tool.TempFile("{\"verb\":\"get\",\"resourceRequest\":true,\"resource\":\"pods\"}\n{\"verb\": get}\n", ".jsonl");
        try
        {
            var (code, stdout, stderr) = Tool.Process(null, "explain", policy, "--requests", requests);
            Assert.Equal(2, code);
            Assert.Contains(":2: invalid request:", stderr);
            Assert.Equal("{\"level\":\"Metadata\",\"omitStages\":[],\"omitManagedFields\":false,\"matchedRule\":0}", stdout.TrimEnd('\n'));
            Assert.DoesNotContain("   at ", stderr);
        }
        finally
        {
            File.Delete(policy);
            File.Delete(requests);
        }
    }

    [Theory]
    [InlineData("{\"verb\":\"get\",\"resourceRequest\":true,\"resource\":\"pods\"} garbage", "unexpected content after the request object")]
    [InlineData("{\"verb\":\"get\"}{\"verb\":\"list\"}", "unexpected content after the request object")]
    [InlineData("[1]", "a request is a JSON object on one line")]
    public void Lines_with_more_or_other_than_one_object_are_refused(string line, string message)
    {
        var policy = Tool.TempFile("apiVersion: audit.k8s.io/v1\nrules:\n- level: Metadata\n");
        var requests = Tool.TempFile(line + "\n", ".jsonl");
        try
        {
            var result = Tool.InProcess("explain", policy, "--requests", requests);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains(":1: invalid request: " + message, result.Stderr);
            Assert.Equal(string.Empty, result.Stdout);
        }
        finally
        {
            File.Delete(policy);
            File.Delete(requests);
        }
    }

    [Fact]
    public void Escaped_keys_a_byte_order_mark_and_white_space_lines_are_read_as_json_reads_them()
    {
        var policy = Tool.TempFile("apiVersion: audit.k8s.io/v1\nrules:\n- level: Request\n  users: [tim]\n");
        var requests = Tool.TempFile("\uFEFF{\"\\u0075ser\":\"tim\",\"resourceRequest\":true,\"verb\":\"get\",\"resource\":\"pods\"}\n \t \r\n{\"user\":\"tom\"}\n", ".jsonl");
        try
        {
            var result = Tool.InProcess("explain", policy, "--requests", requests);
            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.Equal(
                "{\"level\":\"Request\",\"omitStages\":[],\"omitManagedFields\":false,\"matchedRule\":0}\n{\"level\":\"None\",\"omitStages\":[],\"omitManagedFields\":false,\"matchedRule\":-1}\n",
                result.Stdout.Replace("\r\n", "\n"));
        }
        finally
        {
            File.Delete(policy);
            File.Delete(requests);
        }
    }

    [Fact]
    public void A_null_group_is_refused()
    {
        var policy = Tool.TempFile("apiVersion: audit.k8s.io/v1\nrules:\n- level: Metadata\n");
        var requests = Tool.TempFile("{\"user\":\"u\",\"groups\":[null,\"g\"]}\n", ".jsonl");
        try
        {
            var result = Tool.InProcess("explain", policy, "--requests", requests);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains(":1: invalid request: groups must be an array of strings", result.Stderr);
        }
        finally
        {
            File.Delete(policy);
            File.Delete(requests);
        }
    }

    [Fact]
    public void A_directory_of_requests_is_an_input_error()
    {
        var policy = Tool.TempFile("apiVersion: audit.k8s.io/v1\nrules:\n- level: Metadata\n");
        try
        {
            var result = Tool.InProcess("explain", policy, "--requests", Path.GetTempPath());
            Assert.Equal(2, result.ExitCode);
            Assert.Contains(": is a directory", result.Stderr);
        }
        finally
        {
            File.Delete(policy);
        }
    }

    internal static string RequestJson(YamlMappingNode request)
    {
        var fields = new Dictionary<string, object?>
        {
            ["user"] = Vectors.Scalar(request, "user"),
            ["groups"] = Vectors.List(request, "groups"),
            ["resourceRequest"] = bool.Parse(Vectors.Scalar(request, "resourceRequest")!),
        };
        foreach (var key in new[] { "verb", "path", "namespace", "apiGroup", "apiVersion", "resource", "subresource", "name" })
        {
            fields[key] = Vectors.Scalar(request, key) ?? string.Empty;
        }

        return JsonSerializer.Serialize(fields);
    }

    internal static string ExpectedLine(YamlMappingNode expect)
        => "{\"level\":\"" + Vectors.Scalar(expect, "level") + "\",\"omitStages\":[" + string.Join(",", Vectors.List(expect, "omitStages").OrderBy(s => s, System.StringComparer.Ordinal).Select(s => "\"" + s + "\""))
            + "],\"omitManagedFields\":" + Vectors.Scalar(expect, "omitManagedFields") + ",\"matchedRule\":" + Vectors.Scalar(expect, "matchedRule") + "}";
}
