namespace PolicyAsCode.Generators.Diagnostics;

/// <summary>
/// Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/>: what the analyzer tells the code fixes, so a
/// fix never has to repeat the analysis.
/// </summary>
internal static class DiagnosticProperties
{
    /// <summary>PAC0005: the value that replaces the literal at the diagnostic's location.</summary>
    public const string Replacement = "Replacement";
}
