using System;

namespace PolicyAsCode;

/// <summary>
/// The authorizer attributes kube-apiserver evaluates a policy against (spec §6). <see cref="User"/> is null
/// for a request that failed authentication.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record AuditRequest
{
    /// <summary>Authenticated user name, or null when there is no user.</summary>
    public string? User { get; init; }

    /// <summary>The user's groups.</summary>
    public string[] Groups { get; init; } = Array.Empty<string>();

    /// <summary>True for API resource requests.</summary>
    public bool ResourceRequest { get; init; }

    /// <summary>Kubernetes verb, or the lower-cased HTTP method for non-resource requests.</summary>
    public string Verb { get; init; } = string.Empty;

    /// <summary>URL path without the query.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>Namespace (<c>""</c> for cluster scope).</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>API group (<c>""</c> for core).</summary>
    public string ApiGroup { get; init; } = string.Empty;

    /// <summary>Resource.</summary>
    public string Resource { get; init; } = string.Empty;

    /// <summary>Subresource.</summary>
    public string Subresource { get; init; } = string.Empty;

    /// <summary>Object name.</summary>
    public string Name { get; init; } = string.Empty;
}

/// <summary>What the policy decides for one request.</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
readonly record struct AuditDecision(AuditLevel Level, StageSet OmitStages, bool OmitManagedFields, int MatchedRule);
