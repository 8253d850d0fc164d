using System.Collections.Generic;

namespace PolicyAsCode;

/// <summary>What <see cref="PolicySynthesizer.Synthesize"/> found: the smallest policy, or the conflicts that make one impossible.</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record SynthesisResult
{
    /// <summary>The policy that meets every set (null when <see cref="Conflicts"/> is not empty).</summary>
    public Policy? Policy { get; init; }

    /// <summary>The cells on which the sets contradict each other (PAC0014); empty when <see cref="Policy"/> is set.</summary>
    public IReadOnlyList<RequirementConflict> Conflicts { get; init; } = new List<RequirementConflict>();
}
