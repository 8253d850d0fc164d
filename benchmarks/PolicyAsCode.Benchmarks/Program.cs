using System;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Run: dotnet run -c Release --project benchmarks/PolicyAsCode.Benchmarks -- --filter '*' [--job short]
// The GKE policy is read from ../shared/corpus (override with POLICYASCODE_SHARED).
// The explain --requests input as a file: ... -- --write-requests 1000000 requests.jsonl
// CI's smoke run: ... -- --smoke [--filter ...]: every benchmark once, to prove they build and run (no figures).
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

var switcher = BenchmarkSwitcher.FromAssembly(typeof(PolicyAsCode.Benchmarks.CorePolicyBenchmarks).Assembly);
if (args.Length > 0 && args[0] == "--smoke")
{
    // One invocation per benchmark, no warmup or pilot, overriding the classes' own [SimpleJob]s; in process, because
    // BenchmarkDotNet's generated project recompiles every project (minutes on a busy 2-core machine). What broke that
    // project once (CS0433, the generator exporting the core's types) is guarded by AssemblyBoundaryTests instead.
    Environment.SetEnvironmentVariable(PolicyAsCode.Benchmarks.Smoke.Variable, "1");
    var smoke = Job.Dry.WithWarmupCount(0).WithIterationCount(1).WithInvocationCount(1).WithUnrollFactor(1)
        .WithStrategy(RunStrategy.ColdStart).WithToolchain(InProcessEmitToolchain.Instance);
    var config = ManualConfig.CreateMinimumViable().AddJob(smoke).WithUnionRule(ConfigUnionRule.AlwaysUseGlobal);
    // BuildOverheadBenchmarks is left out: each case packs the library and builds two projects (minutes), and CI's
    // PackageTests already build a consumer of the packed package.
    var rest = args.Skip(1).ToArray();
    var filters = rest.Length > 0 ? rest : new[] { "--filter" }.Concat(typeof(PolicyAsCode.Benchmarks.CorePolicyBenchmarks).Assembly.GetTypes()
        .Where(t => t.IsPublic && t != typeof(PolicyAsCode.Benchmarks.BuildOverheadBenchmarks) && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false)))
        .Select(t => "*" + t.Name + "*")).ToArray();
    var summaries = switcher.Run(filters, config).ToList();
    var failed = summaries.Count == 0 || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success) || s.Reports.Length == 0);
    Console.WriteLine(failed ? "benchmark smoke run failed" : "benchmark smoke run: " + summaries.Sum(s => s.Reports.Length).ToString(CultureInfo.InvariantCulture) + " benchmarks ran once");
    return failed ? 1 : 0;
}

// The generated project rebuilds every project; on a busy 2-core machine that can pass the default 2 minutes.
switcher.Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
return 0;
