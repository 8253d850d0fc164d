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

    /// <summary>
    /// A concrete value none of the literals equals, so it stands for every value they do not name: the first candidate
    /// that is free, else the last one numbered (<c>carol-2</c>) until it is. Real-looking values make examples that
    /// kube-apiserver could receive and <c>explain</c> reproduces, never placeholders.
    /// </summary>
    public static string Fresh(IEnumerable<string> literals, params string[] candidates)
    {
        var named = new HashSet<string>(literals, StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            if (!named.Contains(candidate))
            {
                return candidate;
            }
        }

        var stem = candidates[candidates.Length - 1];
        for (var i = 2; ; i++)
        {
            var numbered = stem + "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!named.Contains(numbered))
            {
                return numbered;
            }
        }
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
    /// A path for every class the URL patterns tell apart: each exact URL, each prefix (upstream strips every trailing
    /// <c>*</c>) and a path under it that no longer pattern spells, and one path under "/" that no pattern spells.
    /// </summary>
    public static List<string> Paths(IReadOnlyList<string> urls, string rootStem, string suffixStem, bool concrete)
    {
        var paths = new List<string> { FreshPath("/", rootStem, urls, concrete) };
        foreach (var url in urls)
        {
            if (url.EndsWith("*", StringComparison.Ordinal))
            {
                var prefix = url.TrimEnd('*');
                if (prefix.Length > 0)
                {
                    paths.Add(FreshPath(prefix, suffixStem, urls, concrete));
                    paths.Add(prefix);
                }
            }
            else
            {
                paths.Add(url);
            }
        }

        return Distinct(paths);
    }

    /// <summary>
    /// <paramref name="prefix"/> plus a suffix such that no pattern longer than the prefix matches the path and no
    /// URL equals it: a path whose longest matching prefix is this one. The suffix starts with a character that no
    /// longer URL has at that position (normally the "(" of "(any path)"), so no longer URL can be its prefix.
    /// With <paramref name="concrete"/> the suffix is <paramref name="stem"/> itself (e.g. "example", for a request
    /// kube-apiserver could receive), its first letter changed to another letter when a longer URL starts with it.
    /// </summary>
    public static string FreshPath(string prefix, string stem, IReadOnlyList<string> urls, bool concrete = false)
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

        stem = concrete ? stem : RequirementChecker.AnyPrefix + stem + ")";
        var first = stem[0];
        for (var c = concrete ? 'a' : (char)0x21; taken.Contains(first); c++)
        {
            first = concrete && c > 'z' ? (char)(c - 'z' - 1 + 0x21) : c;
        }

        return prefix + first + stem.Substring(1);
    }
}
