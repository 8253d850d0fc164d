using System;

namespace PolicyAsCode;

/// <summary>
/// What kube-apiserver derives from an HTTP request before it authorizes and audits it: k8s.io/apiserver
/// pkg/endpoints/request/requestinfo.go <c>RequestInfo</c>, as <see cref="RequestInfoFactory"/> fills it in.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record RequestInfo
{
    /// <summary>True for API resource requests (<c>/api/v1/...</c>, <c>/apis/group/version/...</c>).</summary>
    public bool IsResourceRequest { get; init; }

    /// <summary>The URL path, percent-decoded, without the query.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>The Kubernetes verb of a resource request, the lower-cased HTTP method of any other.</summary>
    public string Verb { get; init; } = string.Empty;

    /// <summary><c>api</c> or <c>apis</c>; empty for non-resource requests.</summary>
    public string ApiPrefix { get; init; } = string.Empty;

    /// <summary>The API group (empty for the core group and for non-resource requests).</summary>
    public string ApiGroup { get; init; } = string.Empty;

    /// <summary>The API version.</summary>
    public string ApiVersion { get; init; } = string.Empty;

    /// <summary>The namespace from the URL (<c>namespaces/{namespace}/...</c>).</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>The resource.</summary>
    public string Resource { get; init; } = string.Empty;

    /// <summary>The subresource.</summary>
    public string Subresource { get; init; } = string.Empty;

    /// <summary>The object name from the URL, or from a <c>metadata.name</c> field selector of a list or watch.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The attributes the policy is evaluated against, for this user (null: a request without a user).</summary>
    public AuditRequest ToAuditRequest(string? user, string[]? groups) => new()
    {
        User = user,
        Groups = groups ?? Array.Empty<string>(),
        ResourceRequest = IsResourceRequest,
        Verb = Verb,
        Path = Path,
        Namespace = Namespace,
        ApiGroup = ApiGroup,
        Resource = Resource,
        Subresource = Subresource,
        Name = Name,
    };
}
