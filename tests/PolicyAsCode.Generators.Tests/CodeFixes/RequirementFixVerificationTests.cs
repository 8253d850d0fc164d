using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace PolicyAsCode.Generators.Tests.CodeFixes;

/// <summary>
/// A differential check of what the analyzer promises: for random policies, every edit a PAC0001/PAC0002 diagnostic
/// carries, applied to the policy model, removes that gap and adds none, by the full requirement check over the
/// whole set (the analyzer re-checks only the cells the edited rule can match).
/// </summary>
public sealed class RequirementFixVerificationTests
{
    private static readonly string[] Verbs = ["get", "create", "delete"];
    private static readonly (string Group, string Expression, string[] Resources)[] Groups =
        [("", "ApiGroup.Core", ["pods", "configmaps", "endpoints"]), ("apps", "ApiGroup.Apps", ["deployments"])];

    private static readonly Level[] Levels = [Level.None, Level.Metadata, Level.Request, Level.RequestResponse];

    [Fact]
    public async Task Every_offered_edit_removes_its_gap_and_adds_none()
    {
        var random = new Random(20261126);
        var offered = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var iteration = 0; iteration < 400; iteration++)
        {
            var (source, rules, orders, omitStages, set) = RandomPolicy(random);
            var names = rules.Select(r => r.Name).ToArray();
            var policy = Build(rules, omitStages);
            var before = RequirementChecker.Check(policy, set, names);
            var findings = RequirementFindings.Check(policy, set, names, orders: orders?.ToArray());
            foreach (var diagnostic in await AnalyzerVerifier.DiagnosticsAsync(source))
            {
                if (diagnostic.Id is not ("PAC0001" or "PAC0002") || !diagnostic.Properties.ContainsKey("Fix"))
                {
                    continue;
                }

                // The finding this diagnostic reports (grouped cells), and its edits: edit k under the keys "Key#k".
                var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
                var finding = findings.Single(f => f.Message(rules.Count, names) == message);
                var edits = Edits(diagnostic);
                Assert.Equal(finding.Fixes.Distinct().Count(), edits.Count);
                var context = "'" + message + "' in\n" + source;

                // Each edit alone meets the cell it was verified for and adds no gap.
                for (var k = 0; k < edits.Count; k++)
                {
                    var (editedRules, _) = Apply(edits[k], rules, orders);
                    var after = RequirementChecker.Check(Build(editedRules, omitStages), set);
                    Assert.DoesNotContain(after, g => Same(g, finding.Fixes.Distinct().ElementAt(k).Gap));
                    Assert.All(after, g => Assert.True(before.Any(b => Same(b, g)), "new gap '" + g.Message + "' after edit " + k + " of " + context));
                    offered[edits[k]["Fix"]!] = offered.TryGetValue(edits[k]["Fix"]!, out var n) ? n + 1 : 1;
                }

                // All of them, as the code fix applies them: every cell met, no gap added.
                // New rules of one place and level are merged into one rule per verb set, as NewRule.Merge does.
                var all = (rules, orders);
                foreach (var edit in edits.Where(e => e["Fix"] != "InsertRule"))
                {
                    all = Apply(edit, all.rules, all.orders);
                }

                var applied = edits.Where(e => e["Fix"] != "InsertRule").ToList();
                foreach (var (merged, members) in MergeInserts(edits.Where(e => e["Fix"] == "InsertRule")))
                {
                    all = Apply(merged, all.rules, all.orders);
                    applied.AddRange(members);
                }

                var afterAll = RequirementChecker.Check(Build(all.rules, omitStages), set);
                var appliedGaps = finding.Fixes.Distinct().Where((_, k) => applied.Contains(edits[k])).Select(f => f.Gap).ToList();
                Assert.NotEmpty(appliedGaps);
                Assert.All(appliedGaps, gap => Assert.DoesNotContain(afterAll, g => Same(g, gap)));
                Assert.All(afterAll, g => Assert.True(before.Any(b => Same(b, g)), "new gap '" + g.Message + "' after all edits of " + context));
            }
        }

        // Not vacuous: every kind of edit was offered and checked.
        Assert.True(offered.Keys.OrderBy(k => k, StringComparer.Ordinal).SequenceEqual(["AddResource", "AddVerb", "InsertRule", "MoveRule"]), string.Join(", ", offered));
    }

    /// <summary>The edits of a diagnostic, each with the plain keys (edit k is stored under "Key#k", k &gt;= 1).</summary>
    private static List<IReadOnlyDictionary<string, string?>> Edits(Diagnostic diagnostic)
    {
        var edits = new List<IReadOnlyDictionary<string, string?>>();
        for (var k = 0; diagnostic.Properties.ContainsKey(k == 0 ? "Fix" : "Fix#" + k.ToString(CultureInfo.InvariantCulture)); k++)
        {
            var suffix = k == 0 ? string.Empty : "#" + k.ToString(CultureInfo.InvariantCulture);
            edits.Add(diagnostic.Properties.Where(p => k == 0 ? !p.Key.Contains('#') : p.Key.EndsWith(suffix, StringComparison.Ordinal))
                .ToDictionary(p => k == 0 ? p.Key : p.Key.Substring(0, p.Key.Length - suffix.Length), p => p.Value, StringComparer.Ordinal));
        }

        return edits;
    }

    /// <summary>
    /// The model of NewRule.Merge and ApplyAllAsync: one insert per (place, level, Order) and verb set, its resources
    /// joined by ','; with an Order, only the first merged rule of a place (Orders stay unique). Each with the edits it applies.
    /// </summary>
    private static IEnumerable<(IReadOnlyDictionary<string, string?> Merged, List<IReadOnlyDictionary<string, string?>> Members)> MergeInserts(IEnumerable<IReadOnlyDictionary<string, string?>> inserts)
    {
        string? Get(IReadOnlyDictionary<string, string?> e, string key) => e.TryGetValue(key, out var v) ? v : null;
        foreach (var place in inserts.GroupBy(e => Get(e, "Level") + "|" + Get(e, "Before") + "|" + Get(e, "After") + "|" + Get(e, "Order"), StringComparer.Ordinal))
        {
            var cells = place.GroupBy(e => Get(e, "Group") + "|" + Get(e, "Resource"), StringComparer.Ordinal)
                .Select(c => (First: c.First(), All: c.ToList(), Verbs: string.Join(",", c.Select(e => Get(e, "Verb")).Distinct().OrderBy(v => v, StringComparer.Ordinal))));
            foreach (var same in cells.GroupBy(c => c.Verbs, StringComparer.Ordinal))
            {
                var first = same.First().First.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
                first["Verb"] = same.Key;
                first["Resource"] = string.Join(",", same.Select(c => Get(c.First, "Group") + "/" + Get(c.First, "Resource")));
                first["Group"] = "(merged)";
                yield return (first, same.SelectMany(c => c.All).ToList());
                if (Get(first, "Order") is not null)
                {
                    break;
                }
            }
        }
    }

    private static bool Same(RequirementGap a, RequirementGap b) => a.Requirement == b.Requirement && a.Verb == b.Verb && a.Resource == b.Resource;

    private static (string Source, List<(string Name, PolicyRule Rule)> Rules, List<int>? Orders, bool OmitStages, RequirementSet Set) RandomPolicy(Random random)
    {
        var useOrder = random.Next(3) == 0;
        var omitStages = random.Next(6) == 0;
        var count = 1 + random.Next(5);
        var rules = new List<(string, PolicyRule)>();
        var orders = useOrder ? new List<int>() : null;
        var source = new StringBuilder("[AuditPolicy(\"p\")]\n" + (omitStages ? "[OmitStages(Stage.ResponseComplete)]\n" : string.Empty) + "[MustMeet(typeof(Set))]\npublic partial class P\n{\n");
        for (var i = 0; i < count; i++)
        {
            var level = Levels[random.Next(Levels.Length)];
            var verbs = Verbs.Where(_ => random.Next(3) == 0).ToArray();
            var entries = new List<GroupResources>();
            var attributes = new StringBuilder();
            foreach (var (group, expression, resources) in Groups)
            {
                if (random.Next(2) == 0)
                {
                    continue;
                }

                string[] chosen = random.Next(4) == 0 ? [] : resources.Where(_ => random.Next(2) == 0).DefaultIfEmpty(resources[0]).ToArray();
                entries.Add(new GroupResources { Group = group, Resources = chosen });
                attributes.Append(" [Resources(" + expression + string.Concat(chosen.Select(r => ", \"" + r + "\"")) + ")]");
            }

            string[] users = random.Next(4) == 0 ? ["alice"] : [];
            AuditStage[] omit = random.Next(5) == 0 ? [AuditStage.ResponseComplete] : [];
            var rule = new PolicyRule { Level = level, Verbs = verbs, Resources = new EquatableArray<GroupResources>(entries), Users = users, OmitStages = omit };
            var order = useOrder ? 10 * (i + 1) : 0;
            orders?.Add(order);
            source.Append("    [Rule(Level." + level + (useOrder ? ", Order = " + order.ToString(CultureInfo.InvariantCulture) : string.Empty) + ")]")
                .Append(verbs.Length > 0 ? " [Verbs(" + string.Join(", ", verbs.Select(v => "\"" + v + "\"")) + ")]" : string.Empty)
                .Append(attributes)
                .Append(users.Length > 0 ? " [Users(\"alice\")]" : string.Empty)
                .Append(omit.Length > 0 ? " [OmitStages(Stage.ResponseComplete)]" : string.Empty)
                .Append(" public partial class R" + i.ToString(CultureInfo.InvariantCulture) + ";\n");
            rules.Add(("R" + i.ToString(CultureInfo.InvariantCulture), rule));
        }

        var minimum = Levels[1 + random.Next(3)];
        var keep = random.Next(3) == 0;
        source.Append("}\n\n[RequirementSet(\"Set\")]\n")
            .Append("[Requires(ApiGroup.Core, \"pods\", \"configmaps\", Verbs = new[] { \"create\", \"delete\" }, MinimumLevel = Level." + minimum + (keep ? ", KeepStages = new[] { Stage.ResponseComplete }" : string.Empty) + ")]\n")
            .Append("[Requires(ApiGroup.Apps, \"deployments\", Verbs = new[] { \"delete\" })]\n")
            .Append("public static class Set { }\n");
        var set = new RequirementSet
        {
            Name = "Set",
            Requirements = new[]
            {
                new Requirement { Group = "", Resources = new[] { "pods", "configmaps" }, Verbs = new[] { "create", "delete" }, MinimumLevel = minimum, KeptStages = keep ? new[] { AuditStage.ResponseComplete } : null },
                new Requirement { Group = "apps", Resources = new[] { "deployments" }, Verbs = new[] { "delete" } },
            },
        };
        return (source.ToString(), rules, orders, omitStages, set);
    }

    /// <summary>The edit as the code fix makes it, on the model: by rule name, position or Order.</summary>
    private static (List<(string Name, PolicyRule Rule)> rules, List<int>? orders) Apply(IReadOnlyDictionary<string, string?> properties, List<(string Name, PolicyRule Rule)> rules, List<int>? orders)
    {
        var edited = rules.ToList();
        var editedOrders = orders?.ToList();
        string Get(string key) => properties[key]!;
        int IndexOf(string name) => edited.FindIndex(r => r.Name == name);
        switch (Get("Fix"))
        {
            case "AddVerb":
            {
                var i = IndexOf(Get("Rule"));
                edited[i] = (edited[i].Name, edited[i].Rule with { Verbs = edited[i].Rule.Verbs.Append(Get("Verb")).ToArray() });
                break;
            }

            case "AddResource":
            {
                var i = IndexOf(Get("Rule"));
                var entries = edited[i].Rule.Resources.ToArray();
                var j = int.Parse(Get("ResourcesIndex"), CultureInfo.InvariantCulture);
                Assert.Equal(Get("Group"), entries[j].Group);
                entries[j] = entries[j] with { Resources = entries[j].Resources.Append(Get("Resource")).ToArray() };
                edited[i] = (edited[i].Name, edited[i].Rule with { Resources = entries });
                break;
            }

            case "InsertRule":
            {
                // A merged insert (MergeInserts) names several verbs and group/resource pairs.
                var rule = Get("Group") == "(merged)"
                    ? new PolicyRule
                    {
                        Level = new AuditLevel(Get("Level")),
                        Verbs = Get("Verb").Split(','),
                        Resources = Get("Resource").Split(',').Select(gr => gr.Split('/', 2)).GroupBy(gr => gr[0])
                            .Select(g => new GroupResources { Group = g.Key, Resources = g.Select(gr => gr[1]).ToArray() }).ToArray(),
                    }
                    : new PolicyRule
                    {
                        Level = new AuditLevel(Get("Level")),
                        Verbs = new[] { Get("Verb") },
                        Resources = new[] { new GroupResources { Group = Get("Group"), Resources = new[] { Get("Resource") } } },
                    };
                var at = properties.ContainsKey("Before") ? IndexOf(Get("Before")) : IndexOf(Get("After")) + 1;
                edited.Insert(at, (Get("Rule"), rule));
                editedOrders?.Insert(at, int.Parse(Get("Order"), CultureInfo.InvariantCulture));
                break;
            }

            case "MoveRule":
            {
                var from = IndexOf(Get("Rule"));
                var moved = edited[from];
                edited.RemoveAt(from);
                edited.Insert(IndexOf(Get("Before")), moved);
                if (editedOrders is not null)
                {
                    editedOrders.RemoveAt(from);
                    editedOrders.Insert(IndexOf(Get("Rule")), int.Parse(Get("Order"), CultureInfo.InvariantCulture));
                }

                break;
            }

            default:
                throw new InvalidOperationException(Get("Fix"));
        }

        // With Order, the Order decides: the edited list must already be in ascending, distinct Order.
        if (editedOrders is not null)
        {
            Assert.True(editedOrders.Zip(editedOrders.Skip(1)).All(p => p.First < p.Second), string.Join(", ", editedOrders));
        }

        return (edited, editedOrders);
    }

    private static Policy Build(List<(string Name, PolicyRule Rule)> rules, bool omitStages)
        => new() { Rules = rules.Select(r => r.Rule).ToArray(), OmitStages = omitStages ? new[] { AuditStage.ResponseComplete } : null };
}
