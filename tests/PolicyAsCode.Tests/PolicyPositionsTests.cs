using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>
/// The loader's source positions, keyed by <see cref="PolicyPath"/> (numbers, no text key per field): each field, item
/// and entry is where the file has it, a later duplicate key's value wins, and a path without a position of its own
/// falls back exactly as cutting its text key (<c>rules[1].verbs[2]</c> to <c>rules[1].verbs</c> to <c>rules[1]</c> to
/// <c>rules</c>) does over the text-keyed table.
/// </summary>
public sealed class PolicyPositionsTests
{
    private const string Policy = """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitStages: [RequestReceived]
        rules:
        - level: Metadata
          users: [alice, bob]
          verbs: [get]
        - level: None
          level: Request
          resources:
          - group: ""
            resources: [pods, secrets]
          - group: apps
            resources: [deployments]
            resourceNames: [web]
          namespaces: [kube-system]
          omitStages: [ResponseStarted]
        - level: RequestResponse
          nonResourceURLs: ["/healthz*"]
        """;

    private static readonly string[] Fields = { string.Empty, "level", "users", "userGroups", "verbs", "namespaces", "nonResourceURLs", "omitStages", "resources", "group", "resourceNames", "rules" };

    [Fact]
    public void Each_field_item_and_entry_is_where_the_file_has_it()
    {
        var result = PolicyLoader.Load(Policy);
        Assert.True(result.Accepted, result.Error);
        Assert.Equal((5, 1), result.PositionOf(new PolicyPath(-1, "rules")));
        Assert.Equal((3, 14), result.PositionOf(new PolicyPath(-1, "omitStages", ItemIndex: 0)));
        Assert.Equal((5, 3), result.PositionOf(new PolicyPath(0, string.Empty)));
        Assert.Equal((5, 10), result.PositionOf(new PolicyPath(0, "level")));
        Assert.Equal((6, 10), result.PositionOf(new PolicyPath(0, "users")));
        Assert.Equal((6, 18), result.PositionOf(new PolicyPath(0, "users", ItemIndex: 1)));
        Assert.Equal((7, 11), result.PositionOf(new PolicyPath(0, "verbs", ItemIndex: 0)));

        // The second level key decodes last, so its value is the rule's level and its position.
        Assert.Equal((9, 10), result.PositionOf(new PolicyPath(1, "level")));
        Assert.Equal((11, 5), result.PositionOf(new PolicyPath(1, string.Empty, 0)));
        Assert.Equal((12, 23), result.PositionOf(new PolicyPath(1, "resources", 0, 1)));
        Assert.Equal((13, 12), result.PositionOf(new PolicyPath(1, "group", 1)));
        Assert.Equal((15, 21), result.PositionOf(new PolicyPath(1, "resourceNames", 1, 0)));
        Assert.Equal((16, 16), result.PositionOf(new PolicyPath(1, "namespaces", ItemIndex: 0)));
        Assert.Equal((17, 16), result.PositionOf(new PolicyPath(1, "omitStages", ItemIndex: 0)));
        Assert.Equal((19, 21), result.PositionOf(new PolicyPath(2, "nonResourceURLs", ItemIndex: 0)));
    }

    [Fact]
    public void A_path_without_a_position_falls_back_to_its_nearest_ancestor()
    {
        var result = PolicyLoader.Load(Policy);
        Assert.Equal((7, 10), result.PositionOf(new PolicyPath(0, "verbs", ItemIndex: 9)));
        Assert.Equal((5, 3), result.PositionOf(new PolicyPath(0, "namespaces", ItemIndex: 0)));
        Assert.Equal((11, 5), result.PositionOf(new PolicyPath(1, "resourceNames", 0, 0)));
        Assert.Equal((8, 3), result.PositionOf(new PolicyPath(1, "resources", 7, 0)));
        Assert.Equal((5, 1), result.PositionOf(new PolicyPath(42, "level")));
        Assert.Equal((0, 0), result.PositionOf(new PolicyPath(-1, "omitManagedFields")));
    }

    /// <summary>
    /// A list at the value limit keeps every item's position (one rule with 400,000 users: positions are a table, not a
    /// list scanned per item, which made this file quadratic).
    /// </summary>
    [Fact]
    public void Every_item_of_a_list_at_the_value_limit_has_its_position()
    {
        const int Users = 400_000;
        var result = PolicyLoader.Load("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  users: [" + string.Join(",", Enumerable.Repeat("a", Users)) + "]\n");
        Assert.True(result.Accepted, result.Error);
        Assert.Equal((5, 11), result.PositionOf(new PolicyPath(0, "users", ItemIndex: 0)));
        Assert.Equal((5, 11 + (2 * (Users - 1))), result.PositionOf(new PolicyPath(0, "users", ItemIndex: Users - 1)));
        Assert.Equal((5, 10), result.PositionOf(new PolicyPath(0, "users", ItemIndex: Users)));
    }

    /// <summary>
    /// Every path of a grid over the file's rules, fields, entries and items (most of them with no position of their
    /// own) finds what the text key finds in the text-keyed table, and every text key is a recorded path's.
    /// </summary>
    [Theory]
    [MemberData(nameof(CorpusTests.Files), MemberType = typeof(CorpusTests))]
    public void Typed_paths_find_what_their_text_keys_find(string file)
    {
        var result = PolicyLoader.LoadFile(Path.Combine(SharedFiles.CorpusDirectory, file));
        AssertTypedEqualsText(result);
    }

    [Fact]
    public void Typed_paths_find_what_their_text_keys_find_in_a_policy_with_every_field()
        => AssertTypedEqualsText(PolicyLoader.Load(Policy));

    private static void AssertTypedEqualsText(PolicyLoadResult result)
    {
        // Files kube-apiserver cannot decode (v1beta1) have no policy and no positions; the grid then checks the fallback.
        var rules = result.Policy?.Rules.Count ?? 2;
        var checkedPaths = 0;
        for (var rule = -1; rule <= rules; rule++)
        {
            foreach (var field in Fields)
            {
                for (var entry = -1; entry <= 3; entry++)
                {
                    for (var item = -1; item <= 4; item++)
                    {
                        var path = new PolicyPath(rule, field, entry, item);
                        Assert.True(result.PositionOf(path) == result.PositionOf(path.PositionKey), path + " " + path.PositionKey + ": " + result.PositionOf(path) + " vs " + result.PositionOf(path.PositionKey));
                        checkedPaths++;
                    }
                }
            }
        }

        Assert.True(checkedPaths > 0);
        foreach (var (key, position) in result.Positions)
        {
            Assert.Equal(position, result.PositionOf(key));
        }
    }
}
