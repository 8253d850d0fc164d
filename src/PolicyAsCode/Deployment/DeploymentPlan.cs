using System.Collections.Generic;

namespace PolicyAsCode.Deployment;

/// <summary>One generated file: a path relative to the output folder (forward slashes) and its text (LF line ends).</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record DeploymentFile(string RelativePath, string Content);

/// <summary>What <see cref="DeploymentGenerator.Plan"/> produced: the files, what the user must know, and warnings.</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed class DeploymentPlan
{
    internal DeploymentPlan(IReadOnlyList<DeploymentFile> files, IReadOnlyList<string> notes, IReadOnlyList<string> warnings)
    {
        Files = files;
        Notes = notes;
        Warnings = warnings;
    }

    /// <summary>The files, in a fixed order.</summary>
    public IReadOnlyList<DeploymentFile> Files { get; }

    /// <summary>Facts the user must act on (a log path the target fixes, where a consumer must then look).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Choices that weaken the result (rotation below CIS, a log path the consumer does not read).</summary>
    public IReadOnlyList<string> Warnings { get; }
}

/// <summary>A request no target can honour (unknown target, unsupported version, a policy the version rejects, a bad path).</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed class DeploymentException : System.Exception
{
    /// <summary>Creates the error with its message.</summary>
    public DeploymentException(string message)
        : base(message)
    {
    }
}
