using System;

namespace PolicyAsCode.Benchmarks;

/// <summary>
/// The smoke run (<c>-- --smoke</c>, used by CI): every benchmark runs once to prove it builds and runs, so setups use
/// small inputs. Figures from a smoke run mean nothing.
/// </summary>
internal static class Smoke
{
    /// <summary>Set to 1 in the benchmark processes of a smoke run.</summary>
    public const string Variable = "POLICYASCODE_BENCHMARK_SMOKE";

    /// <summary>True in a smoke run.</summary>
    public static bool Active => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary><paramref name="full"/>, or <paramref name="small"/> in a smoke run.</summary>
    public static int Size(int full, int small) => Active ? small : full;
}
