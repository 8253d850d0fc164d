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
    /// <summary>Every other position: the policy's own fields, rule fields other than the level, items, entries.</summary>
    private readonly Dictionary<PolicyPath, (int Line, int Column)> _other = new();

    /// <summary>Per rule: the rule and its level in fixed slots (all most rules have).</summary>
    private RuleSlot[] _rules = new RuleSlot[16];

    private struct RuleSlot
    {
        public (int Line, int Column) Rule;
        public (int Line, int Column) Level;
        public bool HasRule;
        public bool HasLevel;
    }

    /// <summary>Records a position; a later one for the same path replaces it (the last duplicate key decodes).</summary>
    public void Set(PolicyPath path, int line, int column)
    {
        if (path.RuleIndex < 0 || !(IsWholeRule(path) || IsLevel(path)))
        {
            _other[path] = (line, column);
            return;
        }

        if (path.RuleIndex >= _rules.Length)
        {
            System.Array.Resize(ref _rules, System.Math.Max(path.RuleIndex + 1, _rules.Length * 2));
        }

        ref var slot = ref _rules[path.RuleIndex];
        if (IsWholeRule(path))
        {
            slot.Rule = (line, column);
            slot.HasRule = true;
        }
        else
        {
            slot.Level = (line, column);
            slot.HasLevel = true;
        }
    }

    public bool TryGet(PolicyPath path, out (int Line, int Column) position)
    {
        if (path.RuleIndex < 0 || !(IsWholeRule(path) || IsLevel(path)))
        {
            return _other.TryGetValue(path, out position);
        }

        if (path.RuleIndex < _rules.Length)
        {
            var slot = _rules[path.RuleIndex];
            position = IsWholeRule(path) ? slot.Rule : slot.Level;
            return IsWholeRule(path) ? slot.HasRule : slot.HasLevel;
        }

        position = default;
        return false;
    }

    /// <summary>
    /// The position of <paramref name="path"/>, or of its nearest recorded ancestor: the item's list, the field's rule
    /// (or <c>resources</c> entry, then rule), then the policy's <c>rules</c>; (0, 0) when none is recorded. The same
    /// walk as cutting the text key (<see cref="PolicyPath.PositionKey"/>) at its last <c>.</c> or <c>[</c>.
    /// </summary>
    public (int Line, int Column) Find(PolicyPath path)
    {
        // Two spellings name the same place as another path, as their text keys show: item k of the policy's rules is
        // rule k, and item k of a rule's resources is its entry k.
        if (path.RuleIndex < 0 && path.Field == "rules" && path.EntryIndex < 0 && path.ItemIndex >= 0)
        {
            path = new PolicyPath(path.ItemIndex, string.Empty);
        }
        else if (path.RuleIndex >= 0 && path.Field == "resources" && path.EntryIndex < 0 && path.ItemIndex >= 0)
        {
            path = new PolicyPath(path.RuleIndex, string.Empty, path.ItemIndex);
        }

        while (true)
        {
            if (TryGet(path, out var position))
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
        var byKey = new Dictionary<string, (int Line, int Column)>(System.StringComparer.Ordinal);
        foreach (var entry in _other)
        {
            byKey[entry.Key.PositionKey] = entry.Value;
        }

        for (var i = 0; i < _rules.Length; i++)
        {
            var slot = _rules[i];
            if (slot.HasRule)
            {
                byKey[new PolicyPath(i, string.Empty).PositionKey] = slot.Rule;
            }

            if (slot.HasLevel)
            {
                byKey[new PolicyPath(i, "level").PositionKey] = slot.Level;
            }
        }

        return byKey;
    }

    private static bool IsWholeRule(PolicyPath path) => path.Field.Length == 0 && path.EntryIndex < 0 && path.ItemIndex < 0;

    private static bool IsLevel(PolicyPath path) => path.EntryIndex < 0 && path.ItemIndex < 0 && path.Field == "level";
}
