#!/usr/bin/env python3
"""Start-up of the policyascode command: the native executable against `dotnet PolicyAsCode.Cli.dll`.

A process benchmark (BenchmarkDotNet measures code inside one process; start-up is the whole process), so each
command is started as a real process, alternating between the two so both see the same machine load. Per run:
wall time (monotonic clock around fork/exec/wait) and peak resident memory (ru_maxrss of that child, from wait4).
Reported: median and minimum over the runs, and the ratio of the medians (baseline / native) from the same run.

Usage: python3 benchmarks/startup/startup.py NATIVE_EXE CLI_DLL POLICY_FILE [RUNS]
Example (docs/benchmarks.md):
  dotnet publish src/PolicyAsCode.Cli -c Release -r linux-x64 -p:PolicyAsCodeNative=true -o artifacts/native/linux-x64
  dotnet build src/PolicyAsCode.Cli -c Release
  python3 benchmarks/startup/startup.py artifacts/native/linux-x64/policyascode \
      src/PolicyAsCode.Cli/bin/Release/net8.0/PolicyAsCode.Cli.dll ../shared/corpus/k8s-website-minimal-metadata.yaml 30
"""
import os
import statistics
import subprocess
import sys
import time


def run_once(argv):
    """Wall seconds and peak RSS (KiB) of one process, output discarded, exit code checked."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code not in (0, 1):  # 1 = findings, still a complete run
        sys.exit(f"{' '.join(argv)} exited {code}")
    return elapsed, usage.ru_maxrss


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    native, dll, policy = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) == 5 else 30
    commands = {
        "dotnet PolicyAsCode.Cli.dll validate (baseline)": ["dotnet", dll, "validate", policy],
        "native policyascode validate": [native, "validate", policy],
    }
    for argv in commands.values():  # one warm-up each: file cache, not JIT (nothing persists between processes)
        run_once(argv)
    samples = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            samples[name].append(run_once(argv))

    print(f"runs: {runs} each, alternating; policy: {os.path.basename(policy)}")
    print("| Command | Median wall | Min wall | Median peak RSS | Ratio (baseline median / median) |")
    print("|---|---:|---:|---:|---:|")
    baseline = statistics.median(t for t, _ in samples["dotnet PolicyAsCode.Cli.dll validate (baseline)"])
    for name, values in samples.items():
        times = [t for t, _ in values]
        rss = statistics.median(m for _, m in values)
        median = statistics.median(times)
        print(f"| {name} | {median * 1000:.1f} ms | {min(times) * 1000:.1f} ms | {rss / 1024:.1f} MiB | {baseline / median:.1f} |")


if __name__ == "__main__":
    main()
