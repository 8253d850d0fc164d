using System;
using System.Collections.Generic;
using System.Text;

namespace PolicyAsCode;

/// <summary>
/// The parts of Go's net/url that decide what kube-apiserver sees of a request target: the percent-decoded path
/// (<c>url.ParseRequestURI</c>, <c>unescape</c> in path mode) and the query (<c>url.ParseQuery</c>).
/// </summary>
internal static class GoUrl
{
    /// <summary>
    /// Splits a request target (origin form, <c>/path?query</c>) into the decoded path and the raw query, or
    /// returns the error Go's HTTP server answers 400 Bad Request for (the request never reaches kube-apiserver).
    /// </summary>
    public static string? SplitTarget(string target, out string path, out string rawQuery)
    {
        path = rawQuery = string.Empty;
        foreach (var c in target)
        {
            // url.parse: stringContainsCTLByte.
            if (c < 0x20 || c == 0x7F)
            {
                return "net/url: invalid control character in URL";
            }
        }

        // url.parse with viaRequest: the target must be a path (absolute-form URLs are not accepted here).
        if (!target.StartsWith("/", StringComparison.Ordinal))
        {
            return "invalid URI for request";
        }

        var question = target.IndexOf('?');
        var rawPath = question < 0 ? target : target.Substring(0, question);
        rawQuery = question < 0 ? string.Empty : target.Substring(question + 1);
        return Unescape(rawPath, query: false, out path);
    }

    /// <summary>
    /// url.ParseQuery: pairs separated by '&amp;'; a pair with ';' or a bad escape is dropped (Query() ignores the
    /// error); key and value are query-unescaped ('+' is a space). Values keep their order per key.
    /// </summary>
    public static Dictionary<string, List<string>> ParseQuery(string rawQuery)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in rawQuery.Split('&'))
        {
            if (pair.Length == 0 || pair.IndexOf(';') >= 0)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            var rawKey = equals < 0 ? pair : pair.Substring(0, equals);
            var rawValue = equals < 0 ? string.Empty : pair.Substring(equals + 1);
            if (Unescape(rawKey, query: true, out var key) is not null || Unescape(rawValue, query: true, out var value) is not null)
            {
                continue;
            }

            if (!values.TryGetValue(key, out var list))
            {
                values[key] = list = new List<string>(1);
            }

            list.Add(value);
        }

        return values;
    }

    /// <summary>
    /// net/url unescape: "%XX" with two hex digits is the byte XX, '+' is a space only in a query component.
    /// Returns Go's error for a bad escape. The bytes are read as UTF-8; invalid UTF-8 is refused here, since
    /// Go would compare the raw bytes and a .NET string cannot carry them.
    /// </summary>
    private static string? Unescape(string s, bool query, out string result)
    {
        result = s;
        if (s.IndexOf('%') < 0 && !(query && s.IndexOf('+') >= 0))
        {
            return null;
        }

        var bytes = new List<byte>(s.Length);
        var run = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c != '%' && !(c == '+' && query))
            {
                continue;
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(s.Substring(run, i - run)));
            if (c == '+')
            {
                bytes.Add((byte)' ');
                run = i + 1;
                continue;
            }

            if (i + 2 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2]))
            {
                var bad = s.Substring(i, Math.Min(3, s.Length - i));
                return "invalid URL escape " + PolicyValidator.GoQuote(bad);
            }

            bytes.Add((byte)((HexValue(s[i + 1]) << 4) | HexValue(s[i + 2])));
            i += 2;
            run = i + 1;
        }

        bytes.AddRange(Encoding.UTF8.GetBytes(s.Substring(run)));
        try
        {
            result = new UTF8Encoding(false, true).GetString(bytes.ToArray());
        }
        catch (ArgumentException)
        {
            return "the escapes in " + PolicyValidator.GoQuote(s) + " are not UTF-8 text";
        }

        return null;
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
