using System;
using System.Globalization;

namespace PolicyAsCode;

/// <summary>
/// The comparison needed more branches than its work bound allows (<see cref="PolicyDiff.DefaultMaxSteps"/> unless
/// chosen). Nothing is claimed about the policies then: a partial answer could hide differences.
/// </summary>
public sealed class PolicyDiffTooLargeException : Exception
{
    /// <summary>Creates the exception for the bound that was exceeded.</summary>
    public PolicyDiffTooLargeException(long maxSteps)
        : base("comparing these policies needs more than " + maxSteps.ToString("N0", CultureInfo.InvariantCulture) + " steps (the work bound); nothing is reported, because a partial answer could hide differences. The rules name many values that combine (e.g. many groups in rules that overlap); compare smaller parts of the policies, or raise the bound")
    {
        MaxSteps = maxSteps;
    }

    /// <summary>The bound that was exceeded.</summary>
    public long MaxSteps { get; }
}
