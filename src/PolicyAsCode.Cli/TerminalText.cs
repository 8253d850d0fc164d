using System;
using System.Text;

namespace PolicyAsCode.Cli;

/// <summary>
/// Text output goes to terminals: control characters from policy values (ESC starts terminal commands, BEL
/// rings) and bidirectional overrides (which reorder what a reader sees) are shown escaped, never sent raw.
/// JSON and SARIF output escape through their writers.
/// </summary>
internal static class TerminalText
{
    /// <summary>The line with every control character except newline and tab as <c>\u001B</c>.</summary>
    public static string Escape(string text)
    {
        // Almost every line is printable ASCII: one vectorised search finds the first character that might need escaping.
        var i = text.AsSpan().IndexOfAnyExceptInRange(' ', '~');
        if (i < 0)
        {
            return text;
        }

        while (i < text.Length && !NeedsEscape(text[i]))
        {
            i++;
        }

        if (i == text.Length)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (NeedsEscape(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Appends <paramref name="text"/> escaped as <see cref="Escape"/> does (per character, so a line can be appended in parts).</summary>
    public static StringBuilder Append(StringBuilder line, string text) => line.Append(Escape(text));

    private static bool NeedsEscape(char c)
        => (c < 0x20 && c is not '\n' and not '\t') || (c >= 0x7F && c <= 0x9F)
            || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
}
