using System;
using System.Globalization;
using System.IO;
using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project benchmarks/PolicyAsCode.Benchmarks -- --filter '*' [--job short]
// The GKE policy is read from ../shared/corpus (override with POLICYASCODE_SHARED).
// The explain --requests input as a file: ... -- --write-requests 1000000 requests.jsonl
if (args.Length == 3 && args[0] == "--write-requests")
{
    using var file = File.Create(args[2]);
    PolicyAsCode.Benchmarks.RequestLines.Write(file, int.Parse(args[1], CultureInfo.InvariantCulture));
    return 0;
}

// A generated audit log for replay (about 1 KB an event): ... -- --write-audit-log SIZE_MB audit.log
if (args.Length == 3 && args[0] == "--write-audit-log")
{
    using var file = File.Create(args[2]);
    PolicyAsCode.Benchmarks.AuditLogGenerator.Write(file, long.Parse(args[1], CultureInfo.InvariantCulture) * 1024 * 1024);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(PolicyAsCode.Benchmarks.CorePolicyBenchmarks).Assembly).Run(args);
return 0;
