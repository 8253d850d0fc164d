namespace PolicyAsCode;

/// <summary>
/// One validation error as kube-apiserver prints it: <c>&lt;path&gt;: &lt;body&gt;</c>, and <see cref="At"/>, the typed
/// position it belongs to (kube-apiserver's path names no <c>resources</c> entry; <see cref="At"/> does).
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record FieldError(string Path, string Body)
{
    /// <inheritdoc/>
    public override string ToString() => Path + ": " + Body;

    /// <summary>The rule, field, entry and item the error is about.</summary>
    public PolicyPath At { get; init; } = new(-1, string.Empty);
}
