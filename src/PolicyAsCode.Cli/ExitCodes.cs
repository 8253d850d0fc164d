namespace PolicyAsCode.Cli;

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Nothing to report.</summary>
    public const int Clean = 0;

    /// <summary>Findings: for validate what --fail-on fails on (by default a rejected policy or an error finding), dropped keys on import, behaviour differences.</summary>
    public const int Findings = 1;

    /// <summary>Bad usage or unreadable input.</summary>
    public const int InputError = 2;
}
