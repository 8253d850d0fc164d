using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using PolicyAsCode.Tests;

namespace PolicyAsCode.Benchmarks;

/// <summary>
/// <c>policyascode diff</c>'s exact comparison of two large generated policies (the tests' GeneratedPolicies): a
/// policy and its round trip through YAML (no difference), one rule's level changed, and one rule moved to the front.
/// The baseline is loading both policies from their YAML, which every diff run does first.
/// </summary>
[MemoryDiagnoser]
public class DiffBenchmarks
{
    private byte[] _yaml = System.Array.Empty<byte>();
    private Policy _policy = null!;
    private Policy _roundTrip = null!;
    private Policy _levelChanged = null!;
    private Policy _ruleMoved = null!;

    [Params(1000, 5000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _policy = GeneratedPolicies.Create(Smoke.Size(Rules, Rules / 10), seed: 7);
        _yaml = System.Text.Encoding.UTF8.GetBytes(PolicyYamlWriter.Write(_policy));
        _roundTrip = PolicyLoader.Load(_yaml).Policy!;
        var rules = _policy.Rules.ToList();
        var middle = rules.Count / 2;
        rules[middle] = rules[middle] with { Level = rules[middle].Level == AuditLevel.None ? AuditLevel.RequestResponse : AuditLevel.None };
        _levelChanged = _policy with { Rules = new EquatableArray<PolicyRule>(rules) };
        rules = _policy.Rules.ToList();
        var moved = rules[middle];
        rules.RemoveAt(middle);
        rules.Insert(0, moved);
        _ruleMoved = _policy with { Rules = new EquatableArray<PolicyRule>(rules) };
    }

    [Benchmark(Baseline = true)]
    public int LoadBothPolicies() => PolicyLoader.Load(_yaml).Policy!.Rules.Count + PolicyLoader.Load(_yaml).Policy!.Rules.Count;

    [Benchmark]
    public List<BehaviourDifference> DiffWithRoundTrip() => PolicyDiff.Compare(_policy, _roundTrip);

    [Benchmark]
    public List<BehaviourDifference> DiffOneLevelChanged() => PolicyDiff.Compare(_policy, _levelChanged);

    [Benchmark]
    public List<BehaviourDifference> DiffOneRuleMovedToTheFront() => PolicyDiff.Compare(_policy, _ruleMoved);
}
