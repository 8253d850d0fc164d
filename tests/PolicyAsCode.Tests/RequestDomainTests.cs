using System.Collections.Generic;
using System.Linq;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace PolicyAsCode.Tests;

/// <summary>RequestDomain: the receivable requests are exactly what RequestInfoFactory derives; the succeeding ones follow the scope and name rules.</summary>
public sealed class RequestDomainTests
{
    private static readonly string[] Segments = { "namespaces", "x", "watch", "proxy", "status", string.Empty };

    [Fact]
    public void Every_request_derived_from_a_url_is_receivable_and_its_example_derives_it_again()
    {
        // Brute force over URL shapes: every path of up to five segments of the alphabet (empty segments, the
        // words NewRequestInfo treats specially) under both prefixes, with each method and query.
        var derived = new HashSet<AuditRequest>(new AttributeComparer());
        var queries = new[] { string.Empty, "?watch=true", "?fieldSelector=metadata.name%3Dx" };
        foreach (var path in Paths(5))
        {
            foreach (var prefix in new[] { "/api/v1", "/apis/apps/v1" })
            {
                foreach (var method in new[] { "GET", "HEAD", "PUT", "PATCH", "DELETE", "POST", "OPTIONS" })
                {
                    foreach (var query in queries)
                    {
                        if (RequestInfoFactory.TryParse(method + " " + prefix + path + query, out var info, out _))
                        {
                            derived.Add(info!.ToAuditRequest("u", null));
                        }
                    }
                }
            }
        }

        Assert.True(derived.Count > 1000, derived.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var request in derived)
        {
            var example = RequestDomain.ExampleHttp(request);
            Assert.True(example is not null, Describe(request));
            Assert.True(RequestInfoFactory.TryParse(example!, out var again, out var error), error);
            Assert.Equal(request, again!.ToAuditRequest("u", null), new AttributeComparer());
        }
    }

    [Fact]
    public void Every_http_line_of_the_evaluation_vectors_is_receivable()
    {
        foreach (var vector in Vectors.Load("evaluation-vectors.yaml").Values)
        {
            var request = Vectors.Mapping(vector, "request")!;
            if (Vectors.Scalar(request, "http") is not null)
            {
                Assert.True(RequestDomain.CanReceive(EvaluationVectorTests.ToRequest(request)), Vectors.Scalar(vector, "name"));
            }
        }
    }

    [Theory]
    [InlineData("get", "", "pods", "", "", "default")]                  // get without a name is a list
    [InlineData("delete", "", "pods", "", "", "default")]               // delete without a name is a deletecollection
    [InlineData("deletecollection", "", "pods", "", "a", "default")]    // never named
    [InlineData("get", "", "pods", "", "a/b", "default")]               // '/' separates segments
    [InlineData("bind", "", "pods", "", "a", "default")]                // an authorization-only verb
    [InlineData("get", "", "status", "", "a", "default")]               // namespaces/default/status is the namespace's subresource
    [InlineData("list", "", "namespaces", "", "", "")]                  // receivable: the control case
    public void Unreceivable_requests(string verb, string group, string resource, string subresource, string name, string ns)
    {
        var request = Resource(verb, group, resource, subresource, name, ns);
        var receivable = verb == "list" && resource == "namespaces";
        Assert.Equal(receivable, RequestDomain.CanReceive(request));
    }

    [Theory]
    // Names: get/update/patch/delete always name an object; create names none, or the parent of a subresource.
    [InlineData("get", "pods", "", "web", "x", null)]
    [InlineData("update", "pods", "", "", "x", "update needs an object name")]
    [InlineData("patch", "pods", "", "", "x", "patch needs an object name")]
    [InlineData("create", "pods", "", "", "x", null)]
    [InlineData("create", "pods", "", "web", "x", "create of a resource names no object (the name is in the body)")]
    [InlineData("create", "pods", "eviction", "web", "x", null)]
    [InlineData("create", "serviceaccounts", "token", "default", "x", null)]
    [InlineData("create", "pods", "binding", "", "x", "create of a subresource names its parent object")]
    // list/watch name one only through a field selector; deletecollection none.
    [InlineData("list", "configmaps", "", "foo", "x", null)]
    [InlineData("watch", "configmaps", "", "", "", null)]
    [InlineData("deletecollection", "pods", "", "", "x", null)]
    [InlineData("list", "pods", "log", "", "x", "list has no subresource")]                  // GET .../pods//log: an empty name segment
    [InlineData("deletecollection", "pods", "status", "", "x", "deletecollection has no subresource")]
    [InlineData("proxy", "services", "", "web", "x", "the verb \"proxy\" is no operation on objects")]
    [InlineData("", "pods", "", "web", "x", "the verb \"\" is no operation on objects")]
    // Namespaced resources carry a namespace except cluster-wide list and watch.
    [InlineData("list", "pods", "", "", "", null)]
    [InlineData("create", "pods", "", "", "", "pods is namespaced: only list and watch go across namespaces")]
    [InlineData("get", "pods", "", "web", "", "pods is namespaced: only list and watch go across namespaces")]
    // Cluster-scoped built-ins never do.
    [InlineData("get", "nodes", "", "n1", "", null)]
    [InlineData("get", "nodes", "", "n1", "x", "nodes is cluster-scoped: no namespace")]
    [InlineData("list", "nodes", "", "", "x", "nodes is cluster-scoped: no namespace")]
    // namespaces objects carry their own name; create namespaces carries neither.
    [InlineData("update", "namespaces", "", "team-a", "team-a", null)]
    [InlineData("update", "namespaces", "finalize", "team-a", "team-a", null)]
    [InlineData("create", "namespaces", "", "", "", null)]
    [InlineData("list", "namespaces", "", "team-a", "", null)]
    [InlineData("delete", "namespaces", "", "team-a", "kube-system", "a namespace object carries its own name as namespace")]
    [InlineData("list", "namespaces", "", "", "kube-system", "namespaces are listed and watched without a namespace")]
    public void Succeeding_requests_in_the_core_group(string verb, string resource, string subresource, string name, string ns, string? why)
    {
        var request = Resource(verb, string.Empty, resource, subresource, name, ns);
        Assert.True(RequestDomain.CanReceive(request));
        Assert.Equal(why, RequestDomain.WhyNotSucceed(request));
        Assert.Equal(why is null, RequestDomain.CanSucceed(request));
    }

    [Theory]
    [InlineData("example.com", "widgets", "")]
    [InlineData("example.com", "widgets", "x")]
    [InlineData("metrics.k8s.io", "pods", "")]
    public void Resources_of_unknown_scope_may_be_either(string group, string resource, string ns)
    {
        Assert.Equal(ResourceScope.Unknown, RequestDomain.ScopeOf(group, resource));
        Assert.True(RequestDomain.CanSucceed(Resource("get", group, resource, string.Empty, "w1", ns)));
    }

    [Fact]
    public void Non_resource_requests_are_received_with_their_lower_case_method_and_path()
    {
        AuditRequest Url(string verb, string path) => new() { Verb = verb, Path = path };
        Assert.True(RequestDomain.CanSucceed(Url("get", "/healthz")));
        Assert.Equal("HEAD /healthz", RequestDomain.ExampleHttp(Url("head", "/healthz")));
        Assert.Equal("GET /a%20b", RequestDomain.ExampleHttp(Url("get", "/a b")));
        Assert.False(RequestDomain.CanReceive(Url("GET", "/healthz")));
        Assert.False(RequestDomain.CanReceive(Url("get", "/api/v1/pods")));
        Assert.False(RequestDomain.CanReceive(Url("", "/healthz")));
    }

    [Fact]
    public void The_cluster_scoped_rows_are_the_catalog_files_namespaced_false_entries()
    {
        var stream = new YamlStream();
        using (var reader = new System.IO.StreamReader(SharedFiles.Spec("builtin-resources.yaml")))
        {
            stream.Load(reader);
        }

        var expected = new List<string>();
        var scoped = 0;
        foreach (YamlMappingNode group in ((YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode)["groups"]).Children.Cast<YamlMappingNode>())
        {
            foreach (YamlMappingNode resource in ((YamlSequenceNode)group["resources"]).Children.Cast<YamlMappingNode>())
            {
                var name = ((YamlScalarNode)group["group"]).Value + "|" + ((YamlScalarNode)resource["resource"]).Value;
                var namespaced = bool.Parse(((YamlScalarNode)resource["namespaced"]).Value!);
                if (!namespaced)
                {
                    expected.Add(name);
                }

                var parts = name.Split('|');
                Assert.Equal(namespaced ? ResourceScope.Namespaced : ResourceScope.Cluster, RequestDomain.ScopeOf(parts[0], parts[1]));
                scoped++;
            }
        }

        Assert.Equal(expected.OrderBy(x => x, System.StringComparer.Ordinal), BuiltinCatalog.ClusterScopedResources.OrderBy(x => x, System.StringComparer.Ordinal));
        Assert.True(scoped > 70);
    }

    /// <summary>
    /// The structural predicate the searches use agrees with CanReceive (which builds and derives URLs) on every
    /// combination of values that NewRequestInfo or the URL syntax treats specially, and both views of success agree.
    /// </summary>
    [Fact]
    public void The_structural_predicate_is_CanReceive()
    {
        var verbs = new[] { "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "proxy", string.Empty, "bind", "GET", "(any verb)" };
        var namespaces = new[] { string.Empty, "x", "a/b" };
        var groups = new[] { string.Empty, "apps", "a/b" };
        var resources = new[] { "pods", "nodes", "status", "finalize", "watch", "proxy", "namespaces", string.Empty, "a/b" };
        var subresources = new[] { string.Empty, "status", "a/b" };
        var names = new[] { string.Empty, "x", ".", "..", "a%b", "a/b", "=,\\ +;&" };
        var checkedCount = 0;
        var receivable = 0;
        foreach (var verb in verbs)
        {
            foreach (var ns in namespaces)
            {
                foreach (var group in groups)
                {
                    foreach (var resource in resources)
                    {
                        foreach (var sub in subresources)
                        {
                            foreach (var name in names)
                            {
                                var request = Resource(verb, group, resource, sub, name, ns);
                                var expected = RequestDomain.CanReceive(request);
                                Assert.True(expected == RequestDomain.IsReceivable(request), Describe(request) + ": CanReceive " + expected);
                                Assert.True(RequestDomain.CanSucceed(request) == RequestDomain.Succeeds(request), Describe(request));
                                checkedCount++;
                                receivable += expected ? 1 : 0;
                            }
                        }
                    }
                }
            }
        }

        foreach (var verb in verbs.Concat(new[] { "head", "x-y", "a.b", "\u017f", "ſ" }))
        {
            foreach (var path in Paths(4).Select(p => p.Replace("namespaces", "api").Replace("watch", "apis")).Concat(new[] { "healthz", "/a b", "/a%2Fb", "/api//", "/apis/x/y//", "/api/v1/", "//api/v1" }))
            {
                var request = new AuditRequest { User = "u", Verb = verb, Path = path };
                var expected = RequestDomain.CanReceive(request);
                Assert.True(expected == RequestDomain.IsReceivable(request), verb + " " + path + ": CanReceive " + expected);
                checkedCount++;
                receivable += expected ? 1 : 0;
            }
        }

        Assert.True(checkedCount > 30_000 && receivable > 5_000, checkedCount + " checked, " + receivable + " receivable");
    }

    private static AuditRequest Resource(string verb, string group, string resource, string subresource, string name, string ns) => new()
    {
        User = "u",
        ResourceRequest = true,
        Verb = verb,
        ApiGroup = group,
        Resource = resource,
        Subresource = subresource,
        Name = name,
        Namespace = ns,
    };

    /// <summary>"" and every "/s1/s2..." of 1 to <paramref name="length"/> segments of the alphabet.</summary>
    private static IEnumerable<string> Paths(int length)
    {
        var paths = new List<string> { string.Empty };
        var previous = new List<string> { string.Empty };
        for (var i = 0; i < length; i++)
        {
            previous = previous.SelectMany(p => Segments.Select(s => p + "/" + s)).ToList();
            paths.AddRange(previous);
        }

        return paths;
    }

    private static string Describe(AuditRequest r)
        => string.Join(" ", r.Verb, r.ApiGroup, "ns=" + r.Namespace, r.Resource, "sub=" + r.Subresource, "name=" + r.Name);

    /// <summary>The attributes the policy reads of a resource request (the path is not one of them).</summary>
    private sealed class AttributeComparer : IEqualityComparer<AuditRequest>
    {
        public bool Equals(AuditRequest? x, AuditRequest? y)
            => x!.ResourceRequest == y!.ResourceRequest && x.Verb == y.Verb && x.ApiGroup == y.ApiGroup && x.Namespace == y.Namespace
                && x.Resource == y.Resource && x.Subresource == y.Subresource && x.Name == y.Name && (x.ResourceRequest || x.Path == y.Path);

        public int GetHashCode(AuditRequest obj) => System.HashCode.Combine(obj.Verb, obj.Namespace, obj.Resource, obj.Subresource, obj.Name, obj.ResourceRequest ? string.Empty : obj.Path);
    }
}
