using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CsCheck;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>
/// Generated documents for the loader cases of Vectors/loader-vectors.yaml: reserved indicators at the start of a
/// plain scalar anywhere in a list, and duplicate keys over lists of objects in JSON.
/// </summary>
public sealed class LoaderPropertyTests
{
    private const long Iterations = 1500;

    // A fixed seed keeps CI reproducible; CsCheck_Seed in the environment overrides it for exploration.
    private static readonly string? Seed = Environment.GetEnvironmentVariable("CsCheck_Seed") is { Length: > 0 } ? null : new PCG(11, 20261202).ToString();

    private static readonly Gen<string> Word = Gen.OneOf("a", "b", "get", "list", "pods", "apps", "kube-system", "system:nodes", "x1");

    private static readonly Gen<Value> Words = Word.Array[0, 3].Select(words => (Value)new Arr(words.Select(w => (Value)new Str(w)).ToList()));

    private static readonly Gen<Obj> ResourceEntry = Gen.Select(
        Gen.OneOf("", "apps", "batch").Select(g => (Value)new Str(g)), Words, Words, Gen.Int[0, 7],
        (group, resources, names, mask) => Members(mask, ("group", group), ("resources", resources), ("resourceNames", names)));

    /// <summary>A rule's members; with <paramref name="duplicates"/> some keys come twice.</summary>
    private static Gen<Obj> Rule(bool duplicates) => Gen.Select(
        Gen.OneOf("None", "Metadata", "Request", "RequestResponse").Select(l => (Value)new Str(l)),
        Words, Words, Words,
        ObjectList(ResourceEntry, 0, 3),
        Gen.Bool.Select(b => (Value)new Bool(b)),
        Gen.Int[0, 63],
        Gen.Select(ObjectList(ResourceEntry, 0, 3), Words, Gen.Int[0, 3]),
        (level, users, verbs, namespaces, resources, omit, mask, again) =>
        {
            var rule = Members(mask, ("level", level), ("users", users), ("verbs", verbs), ("namespaces", namespaces), ("resources", resources), ("omitManagedFields", omit));
            if (duplicates && (again.Item3 & 1) != 0)
            {
                rule.Members.Add(("resources", again.Item1));
            }

            if (duplicates && (again.Item3 & 2) != 0)
            {
                rule.Members.Add(("verbs", again.Item2));
            }

            return rule;
        });

    [Fact]
    public void Duplicate_rules_lists_in_json_load_as_their_field_wise_merge()
    {
        // Two `rules` lists, no duplicates inside: the surviving rules are the element-wise merge of the two lists,
        // cut to the second one's length, which is what a single `rules` list with the merged objects loads as.
        Gen.Select(ObjectList(Rule(false), 0, 4), ObjectList(Rule(false), 0, 4)).Sample((first, second) =>
        {
            var duplicated = Document(("rules", first), ("rules", second));
            var merged = Document(("rules", Merge(Canonical(first), Canonical(second))));
            AssertLoadsAs(merged, duplicated, "strict decoding error: duplicate field \"rules\"");
        }, seed: Seed, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Duplicate_keys_inside_rules_in_json_load_as_their_field_wise_merge()
    {
        // One `rules` list whose rules repeat `resources` (a list of objects) or `verbs`.
        ObjectList(Rule(true), 1, 4).Sample(rules =>
        {
            var duplicated = Document(("rules", rules));
            var merged = Document(("rules", Canonical(rules)));
            var expected = DuplicatePaths(rules);
            AssertLoadsAs(merged, duplicated, expected.Count == 0 ? null : "strict decoding error: " + string.Join(", ", expected));
        }, seed: Seed, iter: Iterations, threads: 1);
    }

    [Fact]
    public void A_reserved_indicator_cannot_start_a_plain_scalar_in_any_list()
    {
        var items = Gen.Select(Word.Array[0, 3], Gen.OneOf('@', '`', '%'), Word, Word.Array[0, 3]);
        Gen.Select(items, Gen.OneOf("users", "verbs", "namespaces", "userGroups"), Gen.Bool).Sample((list, field, flow) =>
        {
            var (before, indicator, word, after) = list;
            var values = before.Concat(new[] { indicator + word }).Concat(after).ToArray();
            var yaml = new StringBuilder("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n");
            int line;
            int column;
            if (flow)
            {
                yaml.Append("  ").Append(field).Append(": [");
                line = 5;
                column = 2 + field.Length + 2 + 1 + before.Sum(b => b.Length + 2) + 1;
                yaml.Append(string.Join(", ", values)).Append("]\n");
            }
            else
            {
                yaml.Append("  ").Append(field).Append(":\n");
                foreach (var value in values)
                {
                    yaml.Append("  - ").Append(value).Append('\n');
                }

                line = 6 + before.Length;
                column = 5;
            }

            var result = PolicyLoader.Load(yaml.ToString());
            Assert.Equal("failed decoding: yaml: line " + line.ToString(CultureInfo.InvariantCulture) + ": found character that cannot start any token", result.Error);
            var finding = Assert.Single(result.Findings);
            Assert.Equal((line, column), (finding.Line, finding.Column));

            // Quoted, the same text is an ordinary value.
            var quoted = PolicyLoader.Load(yaml.ToString().Replace(indicator + word, "\"" + indicator + word + "\"", StringComparison.Ordinal));
            Assert.True(quoted.Accepted, quoted.Error);
        }, seed: Seed, iter: Iterations, threads: 1);
    }

    private static void AssertLoadsAs(string merged, string duplicated, string? strictErrors)
    {
        var expected = PolicyLoader.Load(merged);
        var actual = PolicyLoader.Load(duplicated);
        Assert.Equal(expected.Policy, actual.Policy);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(strictErrors, actual.StrictErrors);
    }

    private static Gen<Value> ObjectList(Gen<Obj> element, int min, int max)
        => element.Array[min, max].Select(objects => (Value)new Arr(objects.Cast<Value>().ToList()));

    private static Obj Members(int mask, params (string Key, Value Value)[] members)
        => new(members.Where((_, i) => (mask & (1 << i)) != 0).ToList());

    /// <summary>
    /// The merge the issue describes, written on JSON values: objects merge key by key, a list merges element by
    /// element and has the later list's length, anything else is replaced by the later value.
    /// </summary>
    private static Value Merge(Value? earlier, Value later)
    {
        switch (earlier, later)
        {
            case (Obj a, Obj b):
                var merged = new Obj(new List<(string, Value)>(a.Members));
                foreach (var (key, value) in b.Members)
                {
                    var at = merged.Members.FindIndex(m => m.Key == key);
                    if (at < 0)
                    {
                        merged.Members.Add((key, value));
                    }
                    else
                    {
                        merged.Members[at] = (key, Merge(merged.Members[at].Value, value));
                    }
                }

                return merged;
            case (Arr a, Arr b):
                return new Arr(b.Items.Select((item, i) => i < a.Items.Count ? Merge(a.Items[i], item) : item).ToList());
            default:
                return later;
        }
    }

    /// <summary>A generated value as plain JSON: each object's repeated keys folded with <see cref="Merge"/>.</summary>
    private static Value Canonical(Value value) => value switch
    {
        Obj obj => obj.Members.Aggregate(new Obj(new List<(string, Value)>()), (o, m) => (Obj)Merge(o, new Obj(new List<(string, Value)> { (m.Key, Canonical(m.Value)) }))),
        Arr array => new Arr(array.Items.Select(Canonical).ToList()),
        _ => value,
    };

    private static List<string> DuplicatePaths(Value rules)
    {
        var paths = new List<string>();
        var items = ((Arr)rules).Items;
        for (var i = 0; i < items.Count; i++)
        {
            var seen = new HashSet<string>();
            foreach (var (key, _) in ((Obj)items[i]).Members)
            {
                if (!seen.Add(key))
                {
                    paths.Add("duplicate field \"rules[" + i.ToString(CultureInfo.InvariantCulture) + "]." + key + "\"");
                }
            }
        }

        return paths;
    }

    private static string Document(params (string Key, Value Value)[] members)
    {
        var all = new List<(string, Value)> { ("apiVersion", new Str("audit.k8s.io/v1")), ("kind", new Str("Policy")) };
        all.AddRange(members);
        var sb = new StringBuilder();
        new Obj(all).Write(sb);
        return sb.ToString();
    }

    /// <summary>A JSON value; objects keep their members as written, repeated keys included.</summary>
    private abstract record Value
    {
        public abstract void Write(StringBuilder sb);
    }

    private sealed record Str(string Text) : Value
    {
        public override void Write(StringBuilder sb) => sb.Append('"').Append(Text).Append('"');
    }

    private sealed record Bool(bool Flag) : Value
    {
        public override void Write(StringBuilder sb) => sb.Append(Flag ? "true" : "false");
    }

    private sealed record Arr(List<Value> Items) : Value
    {
        public override void Write(StringBuilder sb)
        {
            sb.Append('[');
            for (var i = 0; i < Items.Count; i++)
            {
                sb.Append(i > 0 ? ", " : string.Empty);
                Items[i].Write(sb);
            }

            sb.Append(']');
        }
    }

    private sealed record Obj(List<(string Key, Value Value)> Members) : Value
    {
        public override void Write(StringBuilder sb)
        {
            sb.Append('{');
            for (var i = 0; i < Members.Count; i++)
            {
                sb.Append(i > 0 ? ", \"" : "\"").Append(Members[i].Key).Append("\": ");
                Members[i].Value.Write(sb);
            }

            sb.Append('}');
        }
    }
}
