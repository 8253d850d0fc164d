using System;
using System.IO;
using System.Text;
using BenchmarkDotNet.Attributes;
using PolicyAsCode.Cli.Commands;

namespace PolicyAsCode.Benchmarks;

/// <summary>
/// <c>policyascode validate</c> of a large generated policy (issue 12: 10,000 trivial rules took 1.6 s and 100,000
/// took 299 s, quadratic in the credential check's requests). <see cref="Validate"/> runs the command's own check
/// of one file (load, lint, reachability, credential check); the baseline is loading the same file only, so the
/// ratio is what the checks add to reading.
/// </summary>
[MemoryDiagnoser]
public class ValidateLargePolicyBenchmarks
{
    private string _file = string.Empty;

    /// <summary>Rules in the policy, each naming its own user (the per-user exemption shape of large policies) up to
    /// 50,000 (six values a rule, under the 500,000-value limit); above, the trivial rule <c>- level: None</c>
    /// (100,000 of them: the file of the target "100,000 rules under 2 s", 300,000 values).</summary>
    [Params(10_000, 100_000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rules = Smoke.Size(Rules, Rules / 100);
        _file = Path.Combine(Path.GetTempPath(), "policyascode-bench-" + rules + ".yaml");
        var text = new StringBuilder("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n");
        for (var i = 0; i < rules; i++)
        {
            if (Rules <= 50_000)
            {
                text.Append("- {level: Metadata, users: [u").Append(i).Append("]}\n");
            }
            else
            {
                text.Append("- level: None\n");
            }
        }

        File.WriteAllText(_file, text.ToString());
        if (!ValidateCommand.Check(_file, null, Array.Empty<RequirementSet>()).Result.Accepted)
        {
            throw new InvalidOperationException("the generated policy must load");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_file);

    [Benchmark(Baseline = true)]
    public PolicyLoadResult LoadOnly() => PolicyLoader.LoadFile(_file);

    [Benchmark]
    public int Validate() => ValidateCommand.Check(_file, null, Array.Empty<RequirementSet>()).Findings.Count;
}
