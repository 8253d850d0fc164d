using System.Collections.Generic;
using System.Text;

namespace PolicyAsCode;

/// <summary>
/// kube-apiserver's policy validation (spec §4, upstream <c>pkg/apis/audit/validation/validation.go</c>):
/// every rule checked in upstream order, identical messages dropped after the first, texts exact.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static class PolicyValidator
{
    internal const string Levels = "supported values: \"None\", \"Metadata\", \"Request\", \"RequestResponse\"";
    internal const string Stages = "allowed stages are RequestReceived,ResponseStarted,ResponseComplete,Panic";
    internal const string Dns = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    /// <summary>Validates a decoded policy; the result is empty when kube-apiserver accepts it.</summary>
    /// <param name="policy">The decoded policy.</param>
    /// <param name="allowGroupWildcard">True for Kubernetes 1.36 and later, where <c>group: "*"</c> is valid.</param>
    public static IReadOnlyList<FieldError> Validate(Policy policy, bool allowGroupWildcard = true)
    {
        var errors = new List<FieldError>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        void Add(string path, string body, PolicyPath at)
        {
            var error = new FieldError(path, body) { At = at };
            if (seen.Add(error.ToString()))
            {
                errors.Add(error);
            }
        }

        ValidateStages(policy.OmitStages, "omitStages", -1, Add);
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            var rule = policy.Rules[i];
            // The text of the rule's path only for an error: most rules have none.
            var path = new RulePath(i);
            if (rule.Level.Value.Length == 0)
            {
                Add(path + ".level", "Required value", new PolicyPath(i, "level"));
            }
            else if (!rule.Level.IsKnown)
            {
                Add(path + ".level", "Unsupported value: " + GoQuote(rule.Level.Value) + ": " + Levels, new PolicyPath(i, "level"));
            }

            for (var j = 0; j < rule.NonResourceURLs.Count; j++)
            {
                var url = rule.NonResourceURLs[j];
                if (url == "*")
                {
                    continue;
                }

                var urlPath = path + ".nonResourceURLs[" + j.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
                if (url.Length == 0 || url[0] != '/')
                {
                    Add(urlPath, "Invalid value: " + GoQuote(url) + ": non-resource URL rules must begin with a '/' character", new PolicyPath(i, "nonResourceURLs", ItemIndex: j));
                }

                if (url.Length > 0 && url.IndexOf('*') >= 0 && url.IndexOf('*') < url.Length - 1)
                {
                    Add(urlPath, "Invalid value: " + GoQuote(url) + ": non-resource URL wildcards '*' must be the final character of the rule", new PolicyPath(i, "nonResourceURLs", ItemIndex: j));
                }
            }

            for (var k = 0; k < rule.Resources.Count; k++)
            {
                var gr = rule.Resources[k];
                if (gr.Group.Length > 0 && !(allowGroupWildcard && gr.Group == "*"))
                {
                    var messages = new List<string>(2);
                    if (Encoding.UTF8.GetByteCount(gr.Group) > 253)
                    {
                        messages.Add("must be no more than 253 characters");
                    }

                    if (!IsDnsSubdomainShape(gr.Group))
                    {
                        messages.Add(Dns);
                    }

                    if (messages.Count > 0)
                    {
                        Add(path + ".resources.group", "Invalid value: " + GoQuote(gr.Group) + ": " + string.Join(",", messages), new PolicyPath(i, "group", k));
                    }
                }

                if (!gr.ResourceNames.IsEmpty && gr.Resources.IsEmpty)
                {
                    Add(path + ".resources.resourceNames", "Invalid value: " + JsonList(gr.ResourceNames) + ": using resourceNames requires at least one resource", new PolicyPath(i, "resourceNames", k));
                }
            }

            if (!rule.OmitStages.IsEmpty)
            {
                ValidateStages(rule.OmitStages, path + ".omitStages", i, Add);
            }
            if (!rule.NonResourceURLs.IsEmpty && (!rule.Resources.IsEmpty || !rule.Namespaces.IsEmpty))
            {
                Add(path + ".nonResourceURLs", "Invalid value: " + JsonList(rule.NonResourceURLs) + ": rules cannot apply to both regular resources and non-resource URLs", new PolicyPath(i, "nonResourceURLs"));
            }
        }

        return errors;
    }

    /// <summary>Joins field errors the way kube-apiserver's aggregate prints them.</summary>
    public static string Format(IReadOnlyList<FieldError> errors)
    {
        if (errors.Count == 1)
        {
            return errors[0].ToString();
        }

        var parts = new string[errors.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = errors[i].ToString();
        }

        return "[" + string.Join(", ", parts) + "]";
    }

    /// <summary><c>rules[i]</c>, as text only when an error is added (<c>path + ".level"</c>).</summary>
    private readonly struct RulePath
    {
        private readonly int _index;

        public RulePath(int index) => _index = index;

        public static string operator +(RulePath path, string rest) => "rules[" + path._index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]" + rest;
    }

    private static void ValidateStages(EquatableArray<AuditStage> stages, string path, int ruleIndex, System.Action<string, string, PolicyPath> add)
    {
        for (var j = 0; j < stages.Count; j++)
        {
            if (!stages[j].IsKnown)
            {
                add(path + "[" + j.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", "Invalid value: " + GoQuote(stages[j].Value) + ": " + Stages, new PolicyPath(ruleIndex, "omitStages", ItemIndex: j));
            }
        }
    }

    /// <summary>
    /// <c>^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$</c> with Go's end-of-text <c>$</c>:
    /// dot-separated labels of [a-z0-9-] that start and end alphanumeric. No per-label length limit.
    /// </summary>
    internal static bool IsDnsSubdomainShape(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        var labelStart = true;
        char previous = '.';
        foreach (var c in value)
        {
            var alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (c == '.')
            {
                if (labelStart || previous == '-')
                {
                    return false;
                }

                labelStart = true;
            }
            else if (c == '-')
            {
                if (labelStart)
                {
                    return false;
                }
            }
            else if (alnum)
            {
                labelStart = false;
            }
            else
            {
                return false;
            }

            previous = c;
        }

        return previous != '.' && previous != '-';
    }

    /// <summary>Go's <c>%q</c> for a string (strconv.Quote): printable runes kept, others escaped.</summary>
    internal static string GoQuote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        sb.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        sb.Append("\\ufffd");
                    }
                    else if (c < 0x20 || c == 0x7f)
                    {
                        sb.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else if ((c >= 0x80 && c < 0xa0) || c == '\u00ad' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator or System.Globalization.UnicodeCategory.OtherNotAssigned)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Compact JSON array of strings, as Go's encoding/json renders a []string.</summary>
    internal static string JsonList(EquatableArray<string> values)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            JsonString(sb, values[i]);
        }

        return sb.Append(']').ToString();
    }

    /// <summary>Go encoding/json string escaping (HTML-safe, as json.Marshal does).</summary>
    internal static void JsonString(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<': sb.Append("\\u003c"); break;
                case '>': sb.Append("\\u003e"); break;
                case '&': sb.Append("\\u0026"); break;
                case '\u2028': sb.Append("\\u2028"); break;
                case '\u2029': sb.Append("\\u2029"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u00").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
