using System.Globalization;

namespace PolicyAsCode;

/// <summary>The kinds of verified edit that meet a requirement cell.</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
enum RequirementFixKind
{
    /// <summary>Add the verb to the verbs of <see cref="RequirementFix.Rule"/>.</summary>
    AddVerb,

    /// <summary>Add the resource to the <see cref="RequirementFix.ResourcesIndex"/>th resources entry of <see cref="RequirementFix.Rule"/>.</summary>
    AddResource,

    /// <summary>A new rule for the cell at the required level, before rule <see cref="RequirementFix.Rule"/> (the rule count: last).</summary>
    InsertRule,

    /// <summary>Move <see cref="RequirementFix.Rule"/> before rule <see cref="RequirementFix.Before"/>, which shadows it.</summary>
    MoveRule,
}

/// <summary>
/// One edit of the policy that <see cref="RequirementFixPlanner"/> verified on the model: after it, the gap's cell is
/// met and no other cell of the set breaks. Rules are named by index; the analyzer turns them into the rule types'
/// names for the code fixes, the tool into rule indices and lines.
/// </summary>
/// <param name="Kind">What the edit does.</param>
/// <param name="Rule">The rule it changes or moves, or the position a new rule takes.</param>
/// <param name="Gap">The gap it was verified for (verb, group and resource of the cell).</param>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record RequirementFix(RequirementFixKind Kind, int Rule, RequirementGap Gap)
{
    /// <summary>For <see cref="RequirementFixKind.AddResource"/>: the resources entry.</summary>
    public int ResourcesIndex { get; init; } = -1;

    /// <summary>For <see cref="RequirementFixKind.InsertRule"/>: the new rule's level.</summary>
    public AuditLevel Level { get; init; } = AuditLevel.None;

    /// <summary>For <see cref="RequirementFixKind.MoveRule"/>: the rule it moves before.</summary>
    public int Before { get; init; } = -1;

    /// <summary>The <c>Order</c> the new or moved rule takes when the policy orders its rules by <c>Order</c>.</summary>
    public int? Order { get; init; }

    /// <summary>The verb of the cell.</summary>
    public string Verb => Gap.Verb;

    /// <summary>The API group of the cell.</summary>
    public string Group => Gap.Group;

    /// <summary>The resource (or resource/subresource) of the cell.</summary>
    public string Resource => Gap.Resource;

    /// <summary>
    /// The rule a person edits: the rule that gains the verb or resource, the moved rule, or for a new rule the rule it
    /// goes before (the last rule when it goes last).
    /// </summary>
    public int EditedRule(int ruleCount) => Kind == RequirementFixKind.InsertRule && Rule >= ruleCount ? ruleCount - 1 : Rule;

    /// <summary>What the edit does, in words, e.g. "add 'update' to the verbs of rule 'Changes' (index 1)".</summary>
    public string Describe(int ruleCount, System.Func<int, string> ruleName)
    {
        var cell = Verb + " " + (Group.Length > 0 ? Group + "/" : string.Empty) + Resource;
        return Kind switch
        {
            RequirementFixKind.AddVerb => "add '" + Verb + "' to the verbs of " + ruleName(Rule),
            RequirementFixKind.AddResource => "add '" + Resource + "' to the resources of " + ruleName(Rule),
            RequirementFixKind.InsertRule => "add a rule for " + cell + " at " + Level.Value + (Rule >= ruleCount ? " after the last rule, " + ruleName(ruleCount - 1) : " before " + ruleName(Rule)),
            _ => "move " + ruleName(Rule) + " before " + ruleName(Before),
        };
    }

    /// <summary>
    /// The edits of one finding in words, folded where they are one edit to a person: verbs added to one rule ("add
    /// 'update' and 'delete' to the verbs of rule 'Changes' (index 0)"), resources to one entry, and new rules at one
    /// place and level (they are merged into one rule).
    /// </summary>
    /// <param name="fixes">The edits.</param>
    /// <param name="ruleCount">The number of rules (a new rule at that index goes last).</param>
    /// <param name="ruleName">How to name a rule.</param>
    /// <param name="cellCount">The finding's number of cells: a new rule for all of them is "a rule for them".</param>
    public static string DescribeAll(System.Collections.Generic.IReadOnlyList<RequirementFix> fixes, int ruleCount, System.Func<int, string> ruleName, int cellCount = -1)
    {
        var parts = new System.Collections.Generic.List<string>();
        var done = new System.Collections.Generic.HashSet<RequirementFix>();
        foreach (var fix in fixes)
        {
            if (done.Contains(fix))
            {
                continue;
            }

            var same = System.Linq.Enumerable.ToList(System.Linq.Enumerable.Where(fixes, f => f.Kind == fix.Kind && f.Rule == fix.Rule && f.ResourcesIndex == fix.ResourcesIndex && f.Level == fix.Level && f.Before == fix.Before));
            done.UnionWith(same);
            var text = same.Count == 1 ? fix.Describe(ruleCount, ruleName) : fix.Kind switch
            {
                RequirementFixKind.AddVerb => "add " + Quoted(same, f => f.Verb) + " to the verbs of " + ruleName(fix.Rule),
                RequirementFixKind.AddResource => "add " + Quoted(same, f => f.Resource) + " to the resources of " + ruleName(fix.Rule),
                RequirementFixKind.InsertRule => "add a rule for " + (same.Count == cellCount ? "them" : RequirementFinding.CellList(System.Linq.Enumerable.Select(same, f => f.Gap))) + " at " + fix.Level.Value
                    + (fix.Rule >= ruleCount ? " after the last rule, " + ruleName(ruleCount - 1) : " before " + ruleName(fix.Rule)),
                _ => fix.Describe(ruleCount, ruleName),
            };
            if (!parts.Contains(text))
            {
                parts.Add(text);
            }
        }

        return string.Join("; ", parts);
    }

    private static string Quoted(System.Collections.Generic.List<RequirementFix> fixes, System.Func<RequirementFix, string> value)
    {
        var values = new System.Collections.Generic.List<string>();
        foreach (var fix in fixes)
        {
            var quoted = "'" + value(fix) + "'";
            if (!values.Contains(quoted))
            {
                values.Add(quoted);
            }
        }

        return RequirementFinding.Join(values);
    }
}
