namespace PolicyAsCode;

/// <summary>How serious a finding is.</summary>
public enum FindingSeverity
{
    /// <summary>kube-apiserver refuses the file.</summary>
    Error,

    /// <summary>kube-apiserver loads the file but logs a warning, or the file probably does not mean what it says.</summary>
    Warning,
}

/// <summary>
/// One thing the loader found, with the source position it refers to (1-based line and column; 0 when the
/// finding is about the whole file).
/// </summary>
/// <param name="Code">Stable code: <c>decode</c>, <c>strict</c>, <c>validation</c> or <c>no-rules</c>.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">The text kube-apiserver prints for it.</param>
/// <param name="Path">The field path (<c>rules[0].level</c>), when there is one.</param>
/// <param name="Line">1-based line, or 0.</param>
/// <param name="Column">1-based column, or 0.</param>
public sealed record PolicyFinding(string Code, FindingSeverity Severity, string Message, string? Path, int Line, int Column)
{
    /// <summary>The rule the finding is about (from the validator's typed path), or -1.</summary>
    public int RuleIndex { get; init; } = -1;

    /// <inheritdoc/>
    public override string ToString() => Line > 0
        ? Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + Column.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + Severity.ToString().ToLowerInvariant() + ": " + Message
        : Severity.ToString().ToLowerInvariant() + ": " + Message;
}
