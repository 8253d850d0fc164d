using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;

namespace PolicyAsCode.Benchmarks;

/// <summary>
/// Load + validate the GKE corpus policy, and evaluate one request against it: the core's evaluator
/// against a straightforward first-match loop (LINQ, combined resource string) as the baseline.
/// </summary>
[MemoryDiagnoser]
public class CorePolicyBenchmarks
{
    private byte[] _gkeBytes = Array.Empty<byte>();
    private Policy _policy = null!;
    private PolicyEvaluator _evaluator = null!;
    private AuditRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _gkeBytes = File.ReadAllBytes(Path.Combine(SharedRoot(), "corpus", "gke-configure-helper.yaml"));
        _policy = PolicyLoader.Load(_gkeBytes).Policy!;
        _evaluator = new PolicyEvaluator(_policy);

        // A write by a service account to a deployment: it passes most of GKE's exemption rules before matching.
        _request = new AuditRequest
        {
            User = "system:serviceaccount:team-a:deployer",
            Groups = new[] { "system:serviceaccounts", "system:serviceaccounts:team-a", "system:authenticated" },
            ResourceRequest = true,
            Verb = "patch",
            Namespace = "team-a",
            ApiGroup = "apps",
            Resource = "deployments",
            Name = "web",
            Path = "/apis/apps/v1/namespaces/team-a/deployments/web",
        };
    }

    [Benchmark]
    public PolicyLoadResult LoadAndValidateGke() => PolicyLoader.Load(_gkeBytes);

    [Benchmark(Baseline = true)]
    public int EvaluateNaiveFirstMatch() => NaiveEvaluate(_policy, _request);

    [Benchmark]
    public AuditDecision EvaluateCore() => _evaluator.Evaluate(_request);

    /// <summary>The obvious implementation: LINQ over the lists and a concatenated resource string.</summary>
    private static int NaiveEvaluate(Policy policy, AuditRequest r)
    {
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            var rule = policy.Rules[i];
            if (rule.Users.Count > 0 && (r.User is null || !rule.Users.Contains(r.User)))
            {
                continue;
            }

            if (rule.UserGroups.Count > 0 && (r.User is null || !r.Groups.Any(g => rule.UserGroups.Contains(g))))
            {
                continue;
            }

            if (rule.Verbs.Count > 0 && !rule.Verbs.Contains(r.Verb))
            {
                continue;
            }

            if (rule.Namespaces.Count > 0 || rule.Resources.Count > 0)
            {
                if (!r.ResourceRequest || (rule.Namespaces.Count > 0 && !rule.Namespaces.Contains(r.Namespace)))
                {
                    continue;
                }

                var combined = r.Subresource.Length > 0 ? r.Resource + "/" + r.Subresource : r.Resource;
                if (rule.Resources.Count > 0 && !rule.Resources.Any(gr => (gr.Group == r.ApiGroup || gr.Group == "*")
                    && (gr.Resources.Count == 0 || ((gr.ResourceNames.Count == 0 || gr.ResourceNames.Contains(r.Name))
                        && gr.Resources.Any(p => p == combined || p == "*"
                            || (r.Subresource.Length > 0 && p.StartsWith("*/", StringComparison.Ordinal) && p.Substring(2) == r.Subresource)
                            || (p.EndsWith("/*", StringComparison.Ordinal) && p.Substring(0, p.Length - 2) == r.Resource))))))
                {
                    continue;
                }

                return i;
            }

            if (rule.NonResourceURLs.Count > 0 && (r.ResourceRequest || !rule.NonResourceURLs.Any(u => u == "*" || u == r.Path || (u.EndsWith("*", StringComparison.Ordinal) && r.Path.StartsWith(u.TrimEnd('*'), StringComparison.Ordinal)))))
            {
                continue;
            }

            return i;
        }

        return -1;
    }

    internal static string SharedRoot() => RepositoryRoot.Shared;
}
