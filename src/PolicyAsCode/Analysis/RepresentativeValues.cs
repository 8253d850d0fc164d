using System;
using System.Collections.Generic;

namespace PolicyAsCode;

/// <summary>
/// The value classes of one request attribute, as the exact checks (requirements, reachability, diff) enumerate them:
/// rules compare attributes with literals only, so each literal is its own class and every other value behaves like
/// one fresh value, e.g. <c>(any user)</c>.
/// </summary>
internal static class RepresentativeValues
{
    /// <summary>One value no literal equals (first: the likeliest "typical" request), the extras no literal equals, then the literals.</summary>
    public static List<string> WithAny(IEnumerable<string> literals, string stem, params string[] extra)
    {
        var distinct = Distinct(literals);
        var used = new HashSet<string>(distinct, StringComparer.Ordinal);

        // "(any user)": parentheses and spaces never occur in real names; numbered if a rule names it anyway.
        var any = RequirementChecker.AnyPrefix + stem + ")";
        for (var i = 2; used.Contains(any); i++)
        {
            any = RequirementChecker.AnyPrefix + stem + " " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
        }

        var result = new List<string> { any };
        foreach (var value in extra)
        {
            if (!used.Contains(value))
            {
                result.Add(value);
            }
        }

        result.AddRange(distinct);
        return result;
    }

    /// <summary>The values in first-seen order, each once (ordinal).</summary>
    public static List<string> Distinct(IEnumerable<string> values)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var value in values)
        {
            if (seen.Add(value))
            {
                result.Add(value);
            }
        }

        return result;
    }
}
