using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>RequestInfoFactory against kube-apiserver's RequestInfo: every `http` line of the evaluation vectors, and the rules one by one.</summary>
public sealed class RequestInfoTests
{
    public static IEnumerable<object[]> HttpVectors => Vectors.NamesWithHttp();

    [Theory]
    [MemberData(nameof(HttpVectors))]
    public void Every_http_line_of_the_evaluation_vectors_derives_the_vectors_attributes(string name)
    {
        var vector = Vectors.Load("evaluation-vectors.yaml")[name];
        var request = Vectors.Mapping(vector, "request")!;
        Assert.True(RequestInfoFactory.TryParse(Vectors.Scalar(request, "http")!, out var info, out var error), error);

        var expected = EvaluationVectorTests.ToRequest(request);
        var derived = info!.ToAuditRequest(expected.User, expected.Groups);
        Assert.Equal(expected.Groups, derived.Groups);
        Assert.Equal(expected with { Groups = derived.Groups }, derived);
        Assert.Equal(Vectors.Scalar(request, "apiVersion") ?? string.Empty, info.ApiVersion);

        // And the policy decides the derived request as the vector says.
        var policy = PolicyLoader.Load(Vectors.Scalar(vector, "policy")!).Policy!;
        var expect = Vectors.Mapping(vector, "expect")!;
        Assert.Equal(Vectors.Scalar(expect, "matchedRule"), new PolicyEvaluator(policy).Evaluate(derived).MatchedRule.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    // Method to verb; a name in the path makes get/update/patch/delete act on one object.
    [InlineData("GET /api/v1/namespaces/default/pods/web", true, "get", "", "v1", "default", "pods", "", "web")]
    [InlineData("HEAD /api/v1/namespaces/default/pods/web", true, "get", "", "v1", "default", "pods", "", "web")]
    [InlineData("PUT /apis/apps/v1/namespaces/x/deployments/y/scale", true, "update", "apps", "v1", "x", "deployments", "scale", "y")]
    [InlineData("PATCH /apis/apps/v1/namespaces/x/deployments/y", true, "patch", "apps", "v1", "x", "deployments", "", "y")]
    [InlineData("DELETE /api/v1/namespaces/x/pods/y", true, "delete", "", "v1", "x", "pods", "", "y")]
    [InlineData("OPTIONS /api/v1/namespaces/x/pods", true, "", "", "v1", "x", "pods", "", "")]
    [InlineData("get /api/v1/namespaces/x/pods/y", true, "", "", "v1", "x", "pods", "", "y")]
    // create names none for a resource, the parent for a subresource.
    [InlineData("POST /api/v1/namespaces/x/pods", true, "create", "", "v1", "x", "pods", "", "")]
    [InlineData("POST /api/v1/namespaces/x/pods/y/eviction", true, "create", "", "v1", "x", "pods", "eviction", "y")]
    [InlineData("POST /api/v1/namespaces/x/serviceaccounts/default/token", true, "create", "", "v1", "x", "serviceaccounts", "token", "default")]
    // get without a name: list, or watch by ?watch (Convert_Slice_string_To_bool: only "0" and "false" in any case are false).
    [InlineData("GET /api/v1/pods", true, "list", "", "v1", "", "pods", "", "")]
    [InlineData("GET /api/v1/pods?watch=true", true, "watch", "", "v1", "", "pods", "", "")]
    [InlineData("GET /api/v1/pods?watch", true, "watch", "", "v1", "", "pods", "", "")]
    [InlineData("GET /api/v1/pods?watch=yes", true, "watch", "", "v1", "", "pods", "", "")]
    [InlineData("GET /api/v1/pods?watch=FALSE", true, "list", "", "v1", "", "pods", "", "")]
    [InlineData("GET /api/v1/pods?watch=0&watch=1", true, "list", "", "v1", "", "pods", "", "")]
    [InlineData("GET /api/v1/pods?watch=fal%C5%BFe", true, "list", "", "v1", "", "pods", "", "")]
    [InlineData("HEAD /api/v1/namespaces/x/pods?watch=1", true, "watch", "", "v1", "x", "pods", "", "")]
    // list/watch name an object only through fieldSelector=metadata.name=... (a valid path segment name).
    [InlineData("GET /api/v1/namespaces/x/configmaps?fieldSelector=metadata.name%3Dfoo", true, "list", "", "v1", "x", "configmaps", "", "foo")]
    [InlineData("GET /api/v1/namespaces/x/configmaps?fieldSelector=metadata.name%3D%3Dfoo&watch=true", true, "watch", "", "v1", "x", "configmaps", "", "foo")]
    [InlineData("GET /api/v1/namespaces/x/configmaps?fieldSelector=metadata.name!%3Dfoo", true, "list", "", "v1", "x", "configmaps", "", "")]
    [InlineData("GET /api/v1/namespaces/x/configmaps?fieldSelector=metadata.namespace%3Dx,metadata.name%3Da", true, "list", "", "v1", "x", "configmaps", "", "a")]
    [InlineData("GET /api/v1/namespaces/x/configmaps?fieldSelector=metadata.name%3D..", true, "list", "", "v1", "x", "configmaps", "", "")]
    [InlineData("GET /api/v1/namespaces/x/configmaps?fieldSelector=metadata.name%3Da%25b", true, "list", "", "v1", "x", "configmaps", "", "")]
    [InlineData("GET /api/v1/namespaces/x/configmaps?fieldSelector=metadata.name%3Da%5C%2Cb", true, "list", "", "v1", "x", "configmaps", "", "a,b")]
    // A field selector or a limit that does not parse drops every list option but watch.
    [InlineData("GET /api/v1/namespaces/x/configmaps?fieldSelector=metadata.name%3Da%3Db", true, "list", "", "v1", "x", "configmaps", "", "")]
    [InlineData("GET /api/v1/namespaces/x/configmaps?fieldSelector=metadata.name%3Da&limit=ten", true, "list", "", "v1", "x", "configmaps", "", "")]
    [InlineData("GET /api/v1/namespaces/x/configmaps?fieldSelector=metadata.name%3Da&limit=&watch=1", true, "watch", "", "v1", "x", "configmaps", "", "")]
    [InlineData("GET /api/v1/namespaces/x/configmaps?fieldSelector=metadata.name%3Da&timeoutSeconds=%2B30", true, "list", "", "v1", "x", "configmaps", "", "a")]
    [InlineData("GET /api/v1/namespaces/x/configmaps?fieldSelector=metadata.name%3Da&watch=fal%C5%BFe&limit=x", true, "watch", "", "v1", "x", "configmaps", "", "")]
    // deletecollection: a delete without a name (a field selector does not name it).
    [InlineData("DELETE /api/v1/namespaces/x/pods", true, "deletecollection", "", "v1", "x", "pods", "", "")]
    [InlineData("DELETE /api/v1/namespaces/x/pods?fieldSelector=metadata.name%3Dy", true, "deletecollection", "", "v1", "x", "pods", "", "")]
    // The deprecated verb-via-path forms.
    [InlineData("GET /api/v1/watch/namespaces/x/pods", true, "watch", "", "v1", "x", "pods", "", "")]
    [InlineData("GET /api/v1/watch/namespaces/x/pods/y", true, "watch", "", "v1", "x", "pods", "", "y")]
    [InlineData("GET /api/v1/watch/pods?watch=false", true, "watch", "", "v1", "", "pods", "", "")]
    [InlineData("GET /api/v1/proxy/nodes/n1/stats", true, "proxy", "", "v1", "", "nodes", "", "n1")]
    [InlineData("POST /api/v1/proxy/namespaces/x/services/s/path", true, "proxy", "", "v1", "x", "services", "", "s")]
    // Namespaces: their own name as namespace; status and finalize are their subresources.
    [InlineData("GET /api/v1/namespaces", true, "list", "", "v1", "", "namespaces", "", "")]
    [InlineData("POST /api/v1/namespaces", true, "create", "", "v1", "", "namespaces", "", "")]
    [InlineData("PUT /api/v1/namespaces/x", true, "update", "", "v1", "x", "namespaces", "", "x")]
    [InlineData("PUT /api/v1/namespaces/x/finalize", true, "update", "", "v1", "x", "namespaces", "finalize", "x")]
    [InlineData("GET /api/v1/namespaces/x/status", true, "get", "", "v1", "x", "namespaces", "status", "x")]
    [InlineData("GET /apis/apps/v1/namespaces/x/status", true, "get", "apps", "v1", "x", "namespaces", "status", "x")]
    // Cluster-scoped resources by URL shape; extra path parts beyond the subresource are ignored.
    [InlineData("GET /apis/rbac.authorization.k8s.io/v1/clusterroles/edit", true, "get", "rbac.authorization.k8s.io", "v1", "", "clusterroles", "", "edit")]
    [InlineData("GET /api/v1/nodes/n1/proxy/metrics", true, "get", "", "v1", "", "nodes", "proxy", "n1")]
    [InlineData("GET /api/v1/namespaces/x/pods/y/log/extra", true, "get", "", "v1", "x", "pods", "log", "y")]
    // Percent-decoded path; empty segments of "//" count; the trailing '/' does not.
    [InlineData("GET /api/v1/namespaces/a%20b/pods/", true, "list", "", "v1", "a b", "pods", "", "")]
    [InlineData("GET /api/v1/namespaces/x/pods%2Fy", true, "get", "", "v1", "x", "pods", "", "y")]
    [InlineData("GET /api//v1/pods", true, "get", "", "", "", "v1", "", "pods")]
    // Non-resource requests: too few parts, another prefix; the verb is the lower-cased method.
    [InlineData("GET /api/v1", false, "get", "", "", "", "", "", "")]
    [InlineData("GET /apis/apps/v1", false, "get", "", "", "", "", "", "")]
    [InlineData("HEAD /healthz", false, "head", "", "", "", "", "", "")]
    [InlineData("POST /foo/bar/baz/qux", false, "post", "", "", "", "", "", "")]
    [InlineData("GET /", false, "get", "", "", "", "", "", "")]
    [InlineData("PROPFIND /apis/x", false, "propfind", "", "", "", "", "", "")]
    public void Derives_verb_group_version_namespace_resource_subresource_and_name(
        string http, bool resourceRequest, string verb, string group, string version, string ns, string resource, string subresource, string name)
    {
        Assert.True(RequestInfoFactory.TryParse(http, out var info, out var error), error);
        Assert.Equal(
            (resourceRequest, verb, group, version, ns, resource, subresource, name),
            (info!.IsResourceRequest, info.Verb, info.ApiGroup, info.ApiVersion, info.Namespace, info.Resource, info.Subresource, info.Name));
    }

    [Theory]
    [InlineData("GET /api/v1/namespaces/a%2Fb/pods", "/api/v1/namespaces/a/b/pods")]
    [InlineData("GET /metrics?x=1", "/metrics")]
    [InlineData("GET /a+b", "/a+b")]
    public void Path_is_percent_decoded_without_the_query(string http, string path)
    {
        Assert.True(RequestInfoFactory.TryParse(http, out var info, out var error), error);
        Assert.Equal(path, info!.Path);
    }

    [Theory]
    [InlineData("GET", "an HTTP request is written METHOD /path?query")]
    [InlineData("GET /a b", "an HTTP request is written METHOD /path?query")]
    [InlineData("GET api/v1/pods", "Go's HTTP server refuses the request (400): invalid URI for request")]
    [InlineData("GET /api/v1/pods/%zz", "Go's HTTP server refuses the request (400): invalid URL escape \"%zz\"")]
    [InlineData("GET /api/v1/pods/%4", "Go's HTTP server refuses the request (400): invalid URL escape \"%4\"")]
    [InlineData("G(T /api/v1/pods", "Go's HTTP server refuses the request (400): invalid method \"G(T\"")]
    [InlineData("GET /api/v1/watch", "kube-apiserver answers 500 before auditing: failed to create RequestInfo: unable to determine kind and namespace from url, /api/v1/watch")]
    [InlineData("GET /apis/apps/v1/proxy", "kube-apiserver answers 500 before auditing: failed to create RequestInfo: unable to determine kind and namespace from url, /apis/apps/v1/proxy")]
    [InlineData("GET /api/v1/pods?fieldSelector=metadata.name%3Da&labelSelector=app%3Dweb", "a list or watch with both fieldSelector=metadata.name=... and a labelSelector is not supported")]
    public void Requests_that_are_never_audited_or_not_requests_are_errors(string http, string error)
    {
        Assert.False(RequestInfoFactory.TryParse(http, out var info, out var message));
        Assert.Null(info);
        Assert.StartsWith(error, message);
    }

    [Fact]
    public void A_label_selector_without_a_named_field_selector_is_fine()
    {
        Assert.True(RequestInfoFactory.TryParse("GET /api/v1/pods?labelSelector=app%3Dweb&fieldSelector=status.phase%3DRunning", out var info, out var error), error);
        Assert.Equal(("list", string.Empty), (info!.Verb, info.Name));
    }
}
