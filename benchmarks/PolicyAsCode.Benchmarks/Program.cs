using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project benchmarks/PolicyAsCode.Benchmarks -- --filter '*' [--job short]
// The GKE policy is read from ../shared/corpus (override with POLICYASCODE_SHARED).
BenchmarkSwitcher.FromAssembly(typeof(PolicyAsCode.Benchmarks.CorePolicyBenchmarks).Assembly).Run(args);
