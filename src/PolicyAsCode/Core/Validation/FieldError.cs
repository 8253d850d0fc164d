namespace PolicyAsCode;

/// <summary>One validation error as kube-apiserver prints it: <c>&lt;path&gt;: &lt;body&gt;</c>.</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record FieldError(string Path, string Body)
{
    /// <inheritdoc/>
    public override string ToString() => Path + ": " + Body;
}
