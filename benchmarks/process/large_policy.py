#!/usr/bin/env python3
"""`policyascode validate` of a 100,000-rule policy as a real process (issue 12: "100,000 rules under 2 s").

Writes the policy (`apiVersion`, `kind`, `rules:` and 100,000 lines of `- level: None`) to a temporary folder, then starts
`dotnet CLI_DLL validate [ARGS] FILE` RUNS times per build given, alternating the builds so each sees the same machine
load (this 2-core machine swings by 1.7x within minutes). Reported per build: minimum and median wall time and the median
peak resident memory, measured as benchmarks/startup/startup.py measures them (its run_once).

Usage: python3 benchmarks/process/large_policy.py CLI_DLL [OTHER_CLI_DLL ...] [--runs N] [-- VALIDATE_ARGS...]
Example (docs/benchmarks.md):
  dotnet build src/PolicyAsCode.Cli -c Release
  python3 benchmarks/process/large_policy.py src/PolicyAsCode.Cli/bin/Release/net8.0/PolicyAsCode.Cli.dll --runs 5
  python3 benchmarks/process/large_policy.py src/PolicyAsCode.Cli/bin/Release/net8.0/PolicyAsCode.Cli.dll --runs 5 -- --format json
"""
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "startup"))
from startup import run_once  # noqa: E402  (the same measurement as the start-up harness)

RULES = 100_000


def main():
    args = sys.argv[1:]
    extra = []
    if "--" in args:
        extra = args[args.index("--") + 1:]
        args = args[:args.index("--")]
    runs = 5
    if "--runs" in args:
        at = args.index("--runs")
        runs = int(args[at + 1])
        del args[at:at + 2]
    if not args:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory(prefix="policyascode-large-") as folder:
        policy = os.path.join(folder, "r100k.yaml")
        with open(policy, "w", encoding="utf-8") as f:
            f.write("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n" + "- level: None\n" * RULES)
        results = {dll: [] for dll in args}
        for _ in range(runs):
            for dll in args:
                results[dll].append(run_once(["dotnet", dll, "validate", *extra, policy]))
        for dll in args:
            walls = [w for w, _ in results[dll]]
            rss = statistics.median(r for _, r in results[dll]) / 1024
            print(f"{dll} validate {' '.join(extra)} ({RULES:,} rules, {runs} runs): "
                  f"min {min(walls):.2f} s, median {statistics.median(walls):.2f} s, peak RSS {rss:.0f} MiB")


if __name__ == "__main__":
    main()
