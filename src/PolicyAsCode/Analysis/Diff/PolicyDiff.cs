using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PolicyAsCode;

/// <summary>
/// A group of requests two policies decide differently: every request in it is decided by the same rule of the old
/// policy and the same rule of the new policy (<see cref="AuditDecision.MatchedRule"/>, -1 for no rule).
/// </summary>
/// <param name="Example">
/// One concrete request of the group, one kube-apiserver can receive (<see cref="RequestDomain.CanReceive"/>), and one
/// that can succeed (<see cref="RequestDomain.CanSucceed"/>) when any request of the group can;
/// <see cref="RequestDomain.ExampleHttp"/> gives it as an HTTP request.
/// </param>
/// <param name="Old">The old policy's decision for every request of the group.</param>
/// <param name="New">The new policy's decision for every request of the group.</param>
/// <param name="Cases">How many kinds of request the group spans: classes of requests the comparison tells apart by the values the rules name.</param>
public sealed record BehaviourDifference(AuditRequest Example, AuditDecision Old, AuditDecision New, int Cases);

/// <summary>
/// Compares two policies by behaviour, not text: every request that gets a different level, omitted stages or
/// omitManagedFields, grouped by the rules that decide it before and after, each group with one concrete example
/// request. Exact (see <see cref="DiffSearch"/>): every difference is found, none is invented.
/// </summary>
public static class PolicyDiff
{
    /// <summary>The default work bound (branches of the search); two 5,000-rule policies need far fewer.</summary>
    public const long DefaultMaxSteps = 20_000_000;

    /// <summary>The differences, one per pair of deciding rules, ordered by the old rule, then the new rule (no rule last).</summary>
    /// <exception cref="PolicyDiffTooLargeException">The comparison needs more than <paramref name="maxSteps"/> branches.</exception>
    public static List<BehaviourDifference> Compare(Policy oldPolicy, Policy newPolicy, long maxSteps = DefaultMaxSteps)
    {
        var oldEvaluator = new PolicyEvaluator(oldPolicy);
        var newEvaluator = new PolicyEvaluator(newPolicy);
        var groups = new Dictionary<(int Old, int New), BehaviourDifference>();
        var succeeding = new HashSet<(int Old, int New)>();
        new DiffSearch(oldPolicy, newPolicy, maxSteps, (request, succeeds) =>
        {
            var before = oldEvaluator.Evaluate(request);
            var after = newEvaluator.Evaluate(request);
            var key = (before.MatchedRule, after.MatchedRule);
            if (!groups.TryGetValue(key, out var known))
            {
                groups[key] = new BehaviourDifference(request, before, after, 1);
            }
            else if (succeeds && !succeeding.Contains(key))
            {
                // The first example that can succeed replaces one that cannot (a PUT to a collection, a proxy).
                groups[key] = known with { Example = request, Cases = known.Cases + 1 };
            }
            else
            {
                groups[key] = known with { Cases = known.Cases + 1 };
            }

            if (succeeds)
            {
                succeeding.Add(key);
            }
        }).Run();
        return groups.OrderBy(g => Order(g.Key.Old)).ThenBy(g => Order(g.Key.New)).Select(g => g.Value).ToList();
    }

    /// <summary>One line: both decisions, how many kinds of request, and the example, in words and as an HTTP request (<c>explain --http</c> reads it).</summary>
    public static string Describe(BehaviourDifference difference)
        => Decision(difference.Old) + " -> " + Decision(difference.New) + ": "
            + difference.Cases.ToString(CultureInfo.InvariantCulture) + (difference.Cases == 1 ? " kind of request" : " kinds of request")
            + ", e.g. " + DescribeRequest(difference.Example)
            + (RequestDomain.ExampleHttp(difference.Example) is { } http ? " (" + http + ")" : string.Empty);

    /// <summary>The closing line of a diff.</summary>
    public static string Summary(IReadOnlyCollection<BehaviourDifference> differences)
    {
        if (differences.Count == 0)
        {
            return "no difference in behaviour";
        }

        var cases = differences.Sum(d => d.Cases);
        return cases.ToString(CultureInfo.InvariantCulture) + (cases == 1 ? " kind of request is" : " kinds of request are") + " decided differently, in "
            + differences.Count.ToString(CultureInfo.InvariantCulture) + (differences.Count == 1 ? " group" : " groups") + " by deciding rules";
    }

    /// <summary>A request in words: "create secrets named example in namespace team-a by jane (groups system:authenticated)".</summary>
    public static string DescribeRequest(AuditRequest e)
    {
        var who = " by " + (e.User is null ? "an unauthenticated request" : e.User) + (e.Groups.Length > 0 ? " (groups " + string.Join(", ", e.Groups) + ")" : string.Empty);
        if (!e.ResourceRequest)
        {
            return e.Verb + " " + e.Path + who;
        }

        var what = (e.ApiGroup.Length > 0 ? e.ApiGroup + "/" : string.Empty) + e.Resource + (e.Subresource.Length > 0 ? "/" + e.Subresource : string.Empty);
        var named = e.Name.Length > 0 ? " named " + e.Name : string.Empty;
        var where = e.Namespace.Length > 0 ? " in namespace " + e.Namespace : " (cluster scope)";
        return e.Verb + " " + what + named + where + who;
    }

    private static int Order(int rule) => rule < 0 ? int.MaxValue : rule;

    private static string Decision(AuditDecision d)
        => d.Level.Value + (d.OmitStages != StageSet.Empty ? " omitting " + string.Join(",", d.OmitStages.ToSortedNames()) : string.Empty)
            + (d.OmitManagedFields ? " without managedFields" : string.Empty)
            + (d.MatchedRule < 0 ? " (no rule)" : " (rule " + d.MatchedRule.ToString(CultureInfo.InvariantCulture) + ")");
}
