namespace PolicyAsCode;

/// <summary>
/// An <c>audit.k8s.io/v1</c> <c>Policy</c>: what kube-apiserver holds after decoding the file
/// (<c>metadata</c> is decoded and then ignored by kube-apiserver, so the model does not keep it).
/// </summary>
/// <remarks>Immutable and structurally equatable; the generator's incremental pipeline depends on it.</remarks>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record Policy
{
    /// <summary>The rules, in order: the first matching rule decides.</summary>
    public EquatableArray<PolicyRule> Rules { get; init; }

    /// <summary>Stages never recorded for any request; added to every rule's own <c>omitStages</c>.</summary>
    public EquatableArray<AuditStage> OmitStages { get; init; }

    /// <summary>The default for dropping <c>metadata.managedFields</c> from logged bodies.</summary>
    public bool OmitManagedFields { get; init; }
}

/// <summary>One <c>PolicyRule</c>. Every non-empty selector must match; an empty list matches everything.</summary>
/// <remarks>Immutable and structurally equatable.</remarks>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record PolicyRule
{
    /// <summary>The level recorded when this rule matches (required).</summary>
    public AuditLevel Level { get; init; }

    /// <summary>Authenticated user names (exact). Never matches a request without a user.</summary>
    public EquatableArray<string> Users { get; init; }

    /// <summary>Matches if any of the user's groups is listed. Never matches a request without a user.</summary>
    public EquatableArray<string> UserGroups { get; init; }

    /// <summary>Request verbs (exact; <c>*</c> is not a wildcard).</summary>
    public EquatableArray<string> Verbs { get; init; }

    /// <summary>Resource selectors; restricts the rule to resource requests.</summary>
    public EquatableArray<GroupResources> Resources { get; init; }

    /// <summary>Namespaces (exact; <c>""</c> is cluster scope); restricts the rule to resource requests.</summary>
    public EquatableArray<string> Namespaces { get; init; }

    /// <summary>Non-resource URL patterns (a trailing <c>*</c> is a string prefix).</summary>
    public EquatableArray<string> NonResourceURLs { get; init; }

    /// <summary>Stages omitted when this rule matches (in addition to the policy's).</summary>
    public EquatableArray<AuditStage> OmitStages { get; init; }

    /// <summary>Overrides the policy's <c>omitManagedFields</c> when set; inherits it when null.</summary>
    public bool? OmitManagedFields { get; init; }
}

/// <summary>An entry of a rule's <c>resources</c>: one API group, its resource patterns and object names.</summary>
/// <remarks>Immutable and structurally equatable.</remarks>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record GroupResources
{
    /// <summary>The API group (exact). <c>""</c> is the core group; <c>*</c> any group (Kubernetes 1.36+).</summary>
    public string Group { get; init; } = string.Empty;

    /// <summary>Patterns <c>R</c>, <c>R/S</c>, <c>*</c>, <c>*/S</c>, <c>R/*</c>; empty means the whole group.</summary>
    public EquatableArray<string> Resources { get; init; }

    /// <summary>Object names (exact); empty means any name.</summary>
    public EquatableArray<string> ResourceNames { get; init; }
}
