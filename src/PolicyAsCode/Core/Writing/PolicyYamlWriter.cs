using System;
using System.Text;

namespace PolicyAsCode;

/// <summary>
/// The canonical YAML form of a policy: fixed key order (upstream struct order, policy settings first),
/// two-space block indentation, string lists in flow style, LF line ends, no BOM.
/// </summary>
/// <remarks>
/// Why it is safe for every string: every string scalar is double-quoted, and inside double quotes only
/// <c>"</c>, <c>\</c> and the characters YAML does not allow raw (C0/C1 controls, DEL, NEL, LS, PS, BOM,
/// U+FFFE/U+FFFF) are escaped, with escapes that YAML 1.1 and YAML 1.2 define identically. A double-quoted
/// scalar is never resolved to a boolean, number or null, so kube-apiserver (YAML 1.1) and YAML 1.2 readers
/// read back the same string. The only unquoted scalars are the fixed keys, the eight known level and stage
/// names (plain strings in both YAML versions), and <c>true</c>/<c>false</c>. This file has no dependencies
/// so the source generator compiles the same code and emits byte-identical output.
/// </remarks>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static class PolicyYamlWriter
{
    /// <summary>Renders the policy. Throws <see cref="ArgumentException"/> for a string with an unpaired surrogate, which no YAML file can hold.</summary>
    public static string Write(Policy policy)
    {
        var sb = new StringBuilder(256);
        sb.Append("apiVersion: audit.k8s.io/v1\n");
        sb.Append("kind: Policy\n");
        if (!policy.OmitStages.IsEmpty)
        {
            sb.Append("omitStages: ");
            StageList(sb, policy.OmitStages);
            sb.Append('\n');
        }

        if (policy.OmitManagedFields)
        {
            sb.Append("omitManagedFields: true\n");
        }

        if (policy.Rules.IsEmpty)
        {
            sb.Append("rules: []\n");
            return sb.ToString();
        }

        sb.Append("rules:\n");
        foreach (var rule in policy.Rules)
        {
            sb.Append("  - level: ");
            Token(sb, rule.Level.Value, rule.Level.IsKnown);
            sb.Append('\n');
            StringList(sb, "    users: ", rule.Users);
            StringList(sb, "    userGroups: ", rule.UserGroups);
            StringList(sb, "    verbs: ", rule.Verbs);
            if (!rule.Resources.IsEmpty)
            {
                sb.Append("    resources:\n");
                foreach (var gr in rule.Resources)
                {
                    sb.Append("      - group: ");
                    Quoted(sb, gr.Group);
                    sb.Append('\n');
                    StringList(sb, "        resources: ", gr.Resources);
                    StringList(sb, "        resourceNames: ", gr.ResourceNames);
                }
            }

            StringList(sb, "    namespaces: ", rule.Namespaces);
            StringList(sb, "    nonResourceURLs: ", rule.NonResourceURLs);
            if (!rule.OmitStages.IsEmpty)
            {
                sb.Append("    omitStages: ");
                StageList(sb, rule.OmitStages);
                sb.Append('\n');
            }

            if (rule.OmitManagedFields is bool omit)
            {
                sb.Append("    omitManagedFields: ").Append(omit ? "true" : "false").Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>Renders the policy as UTF-8 bytes without a BOM.</summary>
    public static byte[] WriteUtf8(Policy policy) => new UTF8Encoding(false).GetBytes(Write(policy));

    private static void StringList(StringBuilder sb, string prefix, EquatableArray<string> items)
    {
        if (items.IsEmpty)
        {
            return;
        }

        sb.Append(prefix).Append('[');
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            Quoted(sb, items[i]);
        }

        sb.Append("]\n");
    }

    private static void StageList(StringBuilder sb, EquatableArray<AuditStage> stages)
    {
        sb.Append('[');
        for (var i = 0; i < stages.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            Token(sb, stages[i].Value, stages[i].IsKnown);
        }

        sb.Append(']');
    }

    private static void Token(StringBuilder sb, string value, bool known)
    {
        if (known)
        {
            sb.Append(value);
        }
        else
        {
            Quoted(sb, value);
        }
    }

    /// <summary>Appends <paramref name="value"/> as a YAML double-quoted scalar.</summary>
    public static void Quoted(StringBuilder sb, string value)
    {
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\0': sb.Append("\\0"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\v': sb.Append("\\v"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                case '\u001b': sb.Append("\\e"); break;
                case '\u0085': sb.Append("\\N"); break;
                case '\u2028': sb.Append("\\L"); break;
                case '\u2029': sb.Append("\\P"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        sb.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        throw new ArgumentException("The string contains an unpaired UTF-16 surrogate at index " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "; it cannot be written as UTF-8 YAML.", nameof(value));
                    }
                    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
                    {
                        sb.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else if (c == '\uFEFF' || c == '\uFFFE' || c == '\uFFFF')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
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
