using System;
using System.Collections.Generic;
using System.Text;

namespace PolicyAsCode;

/// <summary>
/// The one question RequestInfo asks of a field selector: k8s.io/apimachinery pkg/fields/selector.go
/// <c>ParseSelector</c> followed by <c>RequiresExactMatch("metadata.name")</c>.
/// </summary>
internal static class FieldSelector
{
    private static readonly string[] Operators = { "!=", "==", "=" };

    /// <summary>
    /// Parses the selector as fields.ParseSelector does and returns the value an <c>=</c> or <c>==</c> term on
    /// <paramref name="field"/> requires (null when none does). Returns false with upstream's error text when the
    /// selector does not parse.
    /// </summary>
    public static bool TryRequiredValue(string selector, string field, out string? value, out string? error)
    {
        value = null;
        error = null;

        // parseSelector: the terms are sorted (Go byte order) before they are parsed, and the first exact-match
        // term on the field in that order is the answer (andTerm.RequiresExactMatch).
        var terms = SplitTerms(selector);
        terms.Sort(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            if (term.Length == 0)
            {
                continue;
            }

            if (!SplitTerm(term, out var lhs, out var op, out var rhs))
            {
                error = "invalid selector: '" + selector + "'; can't understand '" + term + "'";
                return false;
            }

            if (!TryUnescapeValue(rhs, out var unescaped, out error))
            {
                return false;
            }

            if (value is null && op != "!=" && lhs == field)
            {
                value = unescaped;
            }
        }

        return true;
    }

    /// <summary>splitTerms: commas separate terms unless a backslash escapes them.</summary>
    private static List<string> SplitTerms(string selector)
    {
        var terms = new List<string>();
        if (selector.Length == 0)
        {
            return terms;
        }

        var start = 0;
        var inSlash = false;
        for (var i = 0; i < selector.Length; i++)
        {
            var c = selector[i];
            if (inSlash)
            {
                inSlash = false;
            }
            else if (c == '\\')
            {
                inSlash = true;
            }
            else if (c == ',')
            {
                terms.Add(selector.Substring(start, i - start));
                start = i + 1;
            }
        }

        terms.Add(selector.Substring(start));
        return terms;
    }

    /// <summary>splitTerm: the first operator from the left, trying "!=", "==" then "=" at each position.</summary>
    private static bool SplitTerm(string term, out string lhs, out string op, out string rhs)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var candidate in Operators)
            {
                if (string.CompareOrdinal(term, i, candidate, 0, candidate.Length) == 0)
                {
                    lhs = term.Substring(0, i);
                    op = candidate;
                    rhs = term.Substring(i + candidate.Length);
                    return true;
                }
            }
        }

        lhs = op = rhs = string.Empty;
        return false;
    }

    /// <summary>UnescapeValue: only \\, \, and \= are escapes; an unescaped ',' or '=' is an error.</summary>
    private static bool TryUnescapeValue(string s, out string value, out string? error)
    {
        value = s;
        error = null;
        if (s.IndexOfAny(new[] { '\\', ',', '=' }) < 0)
        {
            return true;
        }

        var sb = new StringBuilder(s.Length);
        var inSlash = false;
        foreach (var c in s)
        {
            if (inSlash)
            {
                if (c is not ('\\' or ',' or '='))
                {
                    error = "invalid field selector: invalid escape sequence: \\" + c;
                    return false;
                }

                sb.Append(c);
                inSlash = false;
            }
            else if (c == '\\')
            {
                inSlash = true;
            }
            else if (c is ',' or '=')
            {
                // UnescapedRune.Error formats the rune with %v, i.e. as its number.
                error = "invalid field selector: unescaped character in value: " + ((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return false;
            }
            else
            {
                sb.Append(c);
            }
        }

        if (inSlash)
        {
            error = "invalid field selector: invalid escape sequence: \\";
            return false;
        }

        value = sb.ToString();
        return true;
    }
}
