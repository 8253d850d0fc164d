namespace PolicyAsCode.Cli;

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Nothing to report.</summary>
    public const int Clean = 0;

    /// <summary>Findings: a rejected policy, warnings, requirement gaps, behaviour differences.</summary>
    public const int Findings = 1;

    /// <summary>Bad usage or unreadable input.</summary>
    public const int InputError = 2;
}
