using System.Collections.Generic;

namespace PolicyAsCode;

/// <summary>What kube-apiserver does with a policy file: accept or reject it, and what it warns about.</summary>
public sealed class PolicyLoadResult
{
    internal PolicyLoadResult(Policy? policy, string? error, string? strictErrors, IReadOnlyList<PolicyFinding> findings)
    {
        Policy = policy;
        Error = error;
        StrictErrors = strictErrors;
        Findings = findings;
    }

    /// <summary>True when kube-apiserver would start with this file.</summary>
    public bool Accepted => Error is null;

    /// <summary>The exact error <c>LoadPolicyFromBytes</c> returns, or null when accepted.</summary>
    public string? Error { get; }

    /// <summary>
    /// The policy as decoded (after the lenient fallback). Present whenever decoding succeeded, also when
    /// validation then rejected it; null when decoding itself failed.
    /// </summary>
    public Policy? Policy { get; }

    /// <summary>True when strict decoding found unknown or duplicate fields and kube-apiserver fell back to lenient decoding.</summary>
    public bool LenientFallback => StrictErrors is not null;

    /// <summary>The strict decoding error kube-apiserver logs in its warning (<c>strict decoding error: ...</c>).</summary>
    public string? StrictErrors { get; }

    /// <summary>Every error and warning, each with its source position.</summary>
    public IReadOnlyList<PolicyFinding> Findings { get; }

    /// <summary>The warning kube-apiserver logs when it falls back to lenient decoding.</summary>
    public string? Warning => StrictErrors is null ? null : "Audit policy contains errors, falling back to lenient decoding: " + StrictErrors;
}
