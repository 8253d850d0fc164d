using System.Globalization;

namespace PolicyAsCode;

/// <summary>
/// Where in a policy a finding is, as numbers rather than text: the rule (-1: the policy itself), the field of the rule
/// (or of a <c>resources</c> entry), the <c>resources</c> entry (-1: none) and the item of the field's list (-1: the
/// whole field). The analyzer maps it to an attribute argument, the tool to a line and column.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
readonly record struct PolicyPath(int RuleIndex, string Field, int EntryIndex = -1, int ItemIndex = -1)
{
    /// <summary>
    /// The key of the loader's position table, e.g. <c>rules[2].resources[0].resources[1]</c>, <c>rules[0].level</c> or
    /// <c>omitStages[1]</c> (a policy-level field when <see cref="RuleIndex"/> is -1).
    /// </summary>
    public string PositionKey
    {
        get
        {
            var path = RuleIndex >= 0 ? "rules[" + RuleIndex.ToString(CultureInfo.InvariantCulture) + "]" : string.Empty;
            if (EntryIndex >= 0)
            {
                path += ".resources[" + EntryIndex.ToString(CultureInfo.InvariantCulture) + "]";
            }

            if (Field.Length > 0)
            {
                path += (path.Length > 0 ? "." : string.Empty) + Field;
                if (ItemIndex >= 0)
                {
                    path += "[" + ItemIndex.ToString(CultureInfo.InvariantCulture) + "]";
                }
            }

            return path;
        }
    }
}
