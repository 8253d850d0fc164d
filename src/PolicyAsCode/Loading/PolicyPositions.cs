using System.Collections.Generic;

namespace PolicyAsCode.Loading;

/// <summary>
/// Where each decoded field of a policy file is (1-based line and column), keyed by <see cref="PolicyPath"/>: the rule
/// (<c>rules[2]</c>), a field of it (<c>rules[2].level</c>), a list item (<c>rules[2].verbs[1]</c>), a <c>resources</c>
/// entry and its fields (<c>rules[2].resources[0].resources[1]</c>), and the policy's own <c>rules</c> and
/// <c>omitStages</c>. Numbers, not text: a 100,000-rule file records 200,000 positions, and building a string key
/// for each cost more than the checks that look up a few of them.
/// </summary>
internal sealed class PolicyPositions
{
    private readonly Dictionary<PolicyPath, (int Line, int Column)> _positions;

    public PolicyPositions(int capacity = 0) => _positions = new Dictionary<PolicyPath, (int Line, int Column)>(capacity);

    public int Count => _positions.Count;

    /// <summary>Records a position; a later one for the same path replaces it (the last duplicate key decodes).</summary>
    public void Set(PolicyPath path, int line, int column) => _positions[path] = (line, column);

    public bool TryGet(PolicyPath path, out (int Line, int Column) position) => _positions.TryGetValue(path, out position);

    /// <summary>
    /// The position of <paramref name="path"/>, or of its nearest recorded ancestor: the item's list, the field's rule
    /// (or <c>resources</c> entry, then rule), then the policy's <c>rules</c>; (0, 0) when none is recorded. The same
    /// walk as cutting the text key (<see cref="PolicyPath.PositionKey"/>) at its last <c>.</c> or <c>[</c>.
    /// </summary>
    public (int Line, int Column) Find(PolicyPath path)
    {
        while (true)
        {
            if (_positions.TryGetValue(path, out var position))
            {
                return position;
            }

            if (path.ItemIndex >= 0)
            {
                path = path with { ItemIndex = -1 };
            }
            else if (path.Field.Length > 0 && (path.RuleIndex >= 0 || path.EntryIndex >= 0))
            {
                path = path with { Field = string.Empty };
            }
            else if (path.EntryIndex >= 0)
            {
                // rules[2].resources[0] -> rules[2] (a rule's whole resources list has no position of its own).
                path = path with { EntryIndex = -1 };
            }
            else if (path.RuleIndex >= 0)
            {
                path = new PolicyPath(-1, "rules");
            }
            else
            {
                return (0, 0);
            }
        }
    }

    /// <summary>Every position by its text key (<c>rules[0].verbs[1]</c>): built on request, for callers that want text.</summary>
    public Dictionary<string, (int Line, int Column)> ByKey()
    {
        var byKey = new Dictionary<string, (int Line, int Column)>(_positions.Count, System.StringComparer.Ordinal);
        foreach (var entry in _positions)
        {
            byKey[entry.Key.PositionKey] = entry.Value;
        }

        return byKey;
    }
}
