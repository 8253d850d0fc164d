using System;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace PolicyAsCode.Loading;

/// <summary>What a YAML scalar resolves to under go-yaml v2's YAML 1.1 rules (spec §3.1).</summary>
internal enum ScalarKind
{
    String,
    Null,
    Bool,
    Int,
    Float,
}

/// <summary>go-yaml v2's <c>resolve()</c> for plain scalars and explicit standard tags.</summary>
internal static class Yaml11Scalars
{
    internal const string TagPrefix = "tag:yaml.org,2002:";
    private static readonly Regex YamlStyleFloat = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant);
    private static readonly Regex DotFloat = new(@"^\.[0-9]+([eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant);

    /// <summary>Resolves a plain, untagged scalar. <paramref name="number"/> holds a float's value.</summary>
    public static ScalarKind ResolvePlain(string value, out bool boolean, out double number)
    {
        boolean = false;
        number = 0;
        switch (value)
        {
            case "":
            case "~":
            case "null":
            case "Null":
            case "NULL":
                return ScalarKind.Null;
            case "y":
            case "Y":
            case "yes":
            case "Yes":
            case "YES":
            case "on":
            case "On":
            case "ON":
            case "true":
            case "True":
            case "TRUE":
                boolean = true;
                return ScalarKind.Bool;
            case "n":
            case "N":
            case "no":
            case "No":
            case "NO":
            case "off":
            case "Off":
            case "OFF":
            case "false":
            case "False":
            case "FALSE":
                return ScalarKind.Bool;
            case ".inf":
            case ".Inf":
            case ".INF":
            case "+.inf":
            case "+.Inf":
            case "+.INF":
                number = double.PositiveInfinity;
                return ScalarKind.Float;
            case "-.inf":
            case "-.Inf":
            case "-.INF":
                number = double.NegativeInfinity;
                return ScalarKind.Float;
            case ".nan":
            case ".NaN":
            case ".NAN":
                number = double.NaN;
                return ScalarKind.Float;
        }

        var first = value[0];
        if (first == '.')
        {
            return DotFloat.IsMatch(value) && TryFiniteDouble(value, out number) ? ScalarKind.Float : ScalarKind.String;
        }

        if (first != '+' && first != '-' && (first < '0' || first > '9'))
        {
            return ScalarKind.String;
        }

        // Timestamps (four digits and '-') stay strings when decoding into an untyped value; they can never
        // parse as numbers either, so they fall out as strings below.
        var plain = value.Replace("_", string.Empty);
        if (IsGoInteger(plain))
        {
            return ScalarKind.Int;
        }

        if (YamlStyleFloat.IsMatch(plain) && TryFiniteDouble(plain, out number))
        {
            return ScalarKind.Float;
        }

        return ScalarKind.String;
    }

    private static bool TryFiniteDouble(string text, out double value)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsInfinity(value) && !double.IsNaN(value);

    /// <summary>
    /// strconv.ParseInt(s, 0, 64) or, failing that, strconv.ParseUint(s, 0, 64): an optional sign (ParseInt
    /// only), a base prefix (0x, 0o, 0b, or a leading 0 for octal) and a value in range.
    /// </summary>
    internal static bool IsGoInteger(string s)
    {
        var i = 0;
        var negative = false;
        var signed = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            signed = true;
            i = 1;
        }

        var radix = 10;
        if (s.Length - i >= 2 && s[i] == '0')
        {
            var p = char.ToLowerInvariant(s[i + 1]);
            if (p == 'x')
            {
                radix = 16;
                i += 2;
            }
            else if (p == 'o')
            {
                radix = 8;
                i += 2;
            }
            else if (p == 'b')
            {
                radix = 2;
                i += 2;
            }
            else
            {
                radix = 8;
                i += 1;
            }
        }

        if (i >= s.Length)
        {
            return false;
        }

        var magnitude = BigInteger.Zero;
        for (; i < s.Length; i++)
        {
            var c = char.ToLowerInvariant(s[i]);
            var digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : 99;
            if (digit >= radix)
            {
                return false;
            }

            magnitude = (magnitude * radix) + digit;
        }

        if (negative)
        {
            return magnitude <= new BigInteger(long.MaxValue) + 1;
        }

        return signed ? magnitude <= long.MaxValue : magnitude <= ulong.MaxValue;
    }

    /// <summary>go-yaml v2's short form of a standard tag (<c>!!int</c>).</summary>
    public static string ShortTag(string tag) => tag.StartsWith(TagPrefix, StringComparison.Ordinal) ? "!!" + tag.Substring(TagPrefix.Length) : tag;

    /// <summary>The tag a plain value resolves to, for go-yaml's "cannot decode" message.</summary>
    public static string ResolvedTag(ScalarKind kind) => kind switch
    {
        ScalarKind.Null => "!!null",
        ScalarKind.Bool => "!!bool",
        ScalarKind.Int => "!!int",
        ScalarKind.Float => "!!float",
        _ => "!!str",
    };
}
