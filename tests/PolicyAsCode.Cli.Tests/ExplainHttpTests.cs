using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using PolicyAsCode.Tests;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace PolicyAsCode.Cli.Tests;

/// <summary><c>explain --http</c> and <c>http</c> request lines: every evaluation vector that gives an HTTP request.</summary>
public sealed class ExplainHttpTests
{
    public static IEnumerable<object[]> HttpVectors => Vectors.NamesWithHttp();

    [Theory]
    [MemberData(nameof(HttpVectors))]
    public void Http_option_prints_the_vectors_attributes_and_decision(string name)
    {
        var vector = Vectors.Load("evaluation-vectors.yaml")[name];
        var request = Vectors.Mapping(vector, "request")!;
        var policy = Tool.TempFile(Vectors.Scalar(vector, "policy")!);
        try
        {
            var args = new List<string> { "explain", policy, "--http", Vectors.Scalar(request, "http")! };
            var user = Vectors.Scalar(request, "user");
            if (user is not null)
            {
                args.AddRange(new[] { "--user", user });
            }

            foreach (var group in Vectors.List(request, "groups"))
            {
                args.AddRange(new[] { "--group", group });
            }

            var (code, stdout, stderr) = Tool.InProcess(args.ToArray());
            Assert.True(code == 0, stderr);
            var lines = stdout.TrimEnd('\n').Split('\n');
            Assert.Equal("request: " + ExplainTests.RequestJson(request), lines[0]);
            Assert.Equal(ExplainTests.ExpectedLine(Vectors.Mapping(vector, "expect")!), lines[^1]);
        }
        finally
        {
            File.Delete(policy);
        }
    }

    [Theory]
    [MemberData(nameof(HttpVectors))]
    public void Http_request_lines_reproduce_the_vector(string name)
    {
        var vector = Vectors.Load("evaluation-vectors.yaml")[name];
        var policy = Tool.TempFile(Vectors.Scalar(vector, "policy")!);
        var requests = Tool.TempFile(HttpJson(Vectors.Mapping(vector, "request")!) + "\n", ".jsonl");
        try
        {
            var (code, stdout, stderr) = Tool.InProcess("explain", policy, "--requests", requests);
            Assert.True(code == 0, stderr);
            Assert.Equal(ExplainTests.ExpectedLine(Vectors.Mapping(vector, "expect")!), stdout.TrimEnd('\n'));
        }
        finally
        {
            File.Delete(policy);
            File.Delete(requests);
        }
    }

    [Fact]
    public void Http_lines_and_attribute_lines_mix_in_one_batch()
    {
        var policy = Tool.TempFile("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  verbs: [\"watch\"]\n- level: Metadata\n  resources: [{group: \"apps\", resources: [\"deployments/scale\"]}]\n");
        var requests = Tool.TempFile(
            "{\"user\":\"a\",\"http\":\"GET /api/v1/pods?watch=1\"}\n"
            + "{\"user\":\"a\",\"resourceRequest\":true,\"verb\":\"get\",\"resource\":\"pods\"}\n"
            + "{\"user\":\"a\",\"groups\":[\"g\"],\"http\":\"PUT /apis/apps/v1/namespaces/x/deployments/y/scale\"}\n"
            + "{\"user\":\"a\",\"http\":\"GET /api/v1/pods?watch=1\"}\n",
            ".jsonl");
        try
        {
            var (code, stdout, stderr) = Tool.InProcess("explain", policy, "--requests", requests);
            Assert.True(code == 0, stderr);
            Assert.Equal(new[] { 0, -1, 1, 0 }, stdout.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement.GetProperty("matchedRule").GetInt32()));
        }
        finally
        {
            File.Delete(policy);
            File.Delete(requests);
        }
    }

    [Theory]
    [InlineData("{\"http\":\"GET /api/v1/pods\",\"verb\":\"list\"}", "invalid request: http derives the request attributes")]
    [InlineData("{\"http\":\"GET /api/v1/watch\"}", "invalid request: http: kube-apiserver answers 500 before auditing: failed to create RequestInfo: unable to determine kind and namespace from url, /api/v1/watch")]
    [InlineData("{\"http\":\"GET\"}", "invalid request: http: an HTTP request is written METHOD /path?query")]
    [InlineData("{\"http\":7}", "invalid request: http must be a string")]
    public void Bad_http_request_lines_are_input_errors(string line, string message)
    {
        var policy = Tool.TempFile("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n");
        var requests = Tool.TempFile(line + "\n", ".jsonl");
        try
        {
            var (code, _, stderr) = Tool.InProcess("explain", policy, "--requests", requests);
            Assert.Equal(2, code);
            Assert.StartsWith("error: " + requests + ":1: " + message, stderr);
        }
        finally
        {
            File.Delete(policy);
            File.Delete(requests);
        }
    }

    [Theory]
    [InlineData(new[] { "--http", "GET /api/v1/pods/%zz" }, "error: --http: Go's HTTP server refuses the request (400): invalid URL escape \"%zz\"")]
    [InlineData(new[] { "--http", "GET /api/v1/pods", "--verb", "list", "--namespace", "x" }, "error: --http derives the request attributes; do not combine it with --verb, --namespace")]
    public void Bad_http_options_are_usage_errors(string[] options, string message)
    {
        var policy = Tool.TempFile("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n");
        try
        {
            var (code, stdout, stderr) = Tool.InProcess(new[] { "explain", policy }.Concat(options).ToArray());
            Assert.Equal(2, code);
            Assert.Equal(string.Empty, stdout);
            Assert.Equal(message, stderr.TrimEnd('\n'));
        }
        finally
        {
            File.Delete(policy);
        }
    }

    [Fact]
    public void Http_option_prints_the_derived_request_and_why_rules_do_not_match()
    {
        var policy = Tool.TempFile("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  resources: [{group: \"apps\", resources: [\"deployments\"]}]\n- level: RequestResponse\n  resources: [{group: \"apps\", resources: [\"deployments/scale\"]}]\n");
        try
        {
            var (code, stdout, stderr) = Tool.InProcess("explain", policy, "--http", "PUT /apis/apps/v1/namespaces/x/deployments/y/scale", "--user", "alice", "--group", "dev");
            Assert.True(code == 0, stderr);
            var lines = stdout.TrimEnd('\n').Split('\n');
            Assert.Equal("request: {\"user\":\"alice\",\"groups\":[\"dev\"],\"resourceRequest\":true,\"verb\":\"update\",\"path\":\"/apis/apps/v1/namespaces/x/deployments/y/scale\",\"namespace\":\"x\",\"apiGroup\":\"apps\",\"apiVersion\":\"v1\",\"resource\":\"deployments\",\"subresource\":\"scale\",\"name\":\"y\"}", lines[0]);
            Assert.StartsWith("rule 0 (None) does not match: ", lines[1]);
            Assert.Equal("rule 1 matches: level RequestResponse", lines[2]);
        }
        finally
        {
            File.Delete(policy);
        }
    }

    private static string HttpJson(YamlMappingNode request) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["user"] = Vectors.Scalar(request, "user"),
        ["groups"] = Vectors.List(request, "groups"),
        ["http"] = Vectors.Scalar(request, "http"),
    });
}
