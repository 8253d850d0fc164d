using System.Collections.Generic;
using System.Globalization;

namespace PolicyAsCode;

/// <summary>How findings name a rule: <c>rule 'Changes' (index 1)</c> with the rule types' names, <c>rule 1</c> without.</summary>
internal static class RuleReference
{
    public static string Of(int index, IReadOnlyList<string>? ruleNames)
    {
        var number = index.ToString(CultureInfo.InvariantCulture);
        return ruleNames is not null && index >= 0 && index < ruleNames.Count ? "rule '" + ruleNames[index] + "' (index " + number + ")" : "rule " + number;
    }
}
