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

    /// <summary>
    /// <paramref name="prefix"/> plus a suffix such that no pattern longer than the prefix matches the path and no
    /// URL equals it: a path whose longest matching prefix is this one. The suffix starts with a character that no
    /// longer URL has at that position (normally the "(" of "(any path)"), so no longer URL can be its prefix.
    /// </summary>
    public static string FreshPath(string prefix, string stem, IReadOnlyList<string> urls)
    {
        var taken = new HashSet<char>();
        foreach (var url in urls)
        {
            var literal = url.EndsWith("*", StringComparison.Ordinal) ? url.Substring(0, url.Length - 1) : url;
            if (literal.Length > prefix.Length && literal.StartsWith(prefix, StringComparison.Ordinal))
            {
                taken.Add(literal[prefix.Length]);
            }
        }

        stem = RequirementChecker.AnyPrefix + stem;
        var first = stem[0];
        for (var c = 0x21; taken.Contains(first); c++)
        {
            first = (char)c;
        }

        return prefix + first + stem.Substring(1) + ")";
    }
}
