using System.Collections.Generic;
using PolicyAsCode.Loading;

namespace PolicyAsCode;

/// <summary>What kube-apiserver does with a policy file: accept or reject it, and what it warns about.</summary>
public sealed class PolicyLoadResult
{
    private readonly PolicyPositions _positions;
    private IReadOnlyDictionary<string, (int Line, int Column)>? _positionsByKey;

    internal PolicyLoadResult(Policy? policy, string? error, string? strictErrors, IReadOnlyList<PolicyFinding> findings, PolicyPositions? positions = null)
    {
        _positions = positions ?? new PolicyPositions();
        Policy = policy;
        Error = error;
        StrictErrors = strictErrors;
        Findings = findings;
    }

    /// <summary>
    /// True when there is no policy to judge: the file cannot be read, exceeds PolicyAsCode's limits, or is not
    /// YAML or JSON at all. Tools report this as an input error rather than as a finding.
    /// </summary>
    public bool Unreadable { get; internal init; }

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

    /// <summary>
    /// Source positions of the decoded fields by path: <c>rules[0]</c>, <c>rules[0].level</c>, <c>rules[0].verbs[1]</c>, ...
    /// (list items carry their index; <c>resources</c> entries are keyed per rule).
    /// </summary>
    /// <remarks>Built on first use; <see cref="PositionOf(PolicyPath)"/> answers without building it.</remarks>
    public IReadOnlyDictionary<string, (int Line, int Column)> Positions => _positionsByKey ??= _positions.ByKey();

    /// <summary>The position of a typed path, or of its nearest ancestor with one; (0, 0) when none.</summary>
    public (int Line, int Column) PositionOf(PolicyPath path) => _positions.Find(path);

    /// <summary>The position of a path, or of its nearest ancestor with one; (0, 0) when none.</summary>
    public (int Line, int Column) PositionOf(string path)
    {
        while (path.Length > 0)
        {
            if (Positions.TryGetValue(path, out var position))
            {
                return position;
            }

            var cut = System.Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut > 0 ? path.Substring(0, cut) : string.Empty;
        }

        return (0, 0);
    }

    /// <summary>The warning kube-apiserver logs when it falls back to lenient decoding.</summary>
    public string? Warning => StrictErrors is null ? null : "Audit policy contains errors, falling back to lenient decoding: " + StrictErrors;
}
