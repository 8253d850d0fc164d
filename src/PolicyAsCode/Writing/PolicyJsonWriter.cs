using System.Text;

namespace PolicyAsCode;

/// <summary>
/// Compact JSON of a policy's rules in <c>audit.k8s.io/v1</c> form, as Go's encoding/json renders the
/// decoded structs (struct field order, omitempty fields dropped). This is the <c>decoded</c> form the
/// validation vectors and the command-line tool use.
/// </summary>
public static class PolicyJsonWriter
{
    /// <summary>Renders <c>policy.rules</c>.</summary>
    public static string Rules(Policy policy)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            Rule(sb, policy.Rules[i]);
        }

        return sb.Append(']').ToString();
    }

    private static void Rule(StringBuilder sb, PolicyRule rule)
    {
        sb.Append("{\"level\":");
        PolicyValidator.JsonString(sb, rule.Level.Value);
        List(sb, "users", rule.Users);
        List(sb, "userGroups", rule.UserGroups);
        List(sb, "verbs", rule.Verbs);
        if (!rule.Resources.IsEmpty)
        {
            sb.Append(",\"resources\":[");
            for (var i = 0; i < rule.Resources.Count; i++)
            {
                var gr = rule.Resources[i];
                sb.Append(i > 0 ? ",{" : "{");
                var first = true;
                if (gr.Group.Length > 0)
                {
                    sb.Append("\"group\":");
                    PolicyValidator.JsonString(sb, gr.Group);
                    first = false;
                }

                if (!gr.Resources.IsEmpty)
                {
                    sb.Append(first ? "\"resources\":" : ",\"resources\":").Append(PolicyValidator.JsonList(gr.Resources));
                    first = false;
                }

                if (!gr.ResourceNames.IsEmpty)
                {
                    sb.Append(first ? "\"resourceNames\":" : ",\"resourceNames\":").Append(PolicyValidator.JsonList(gr.ResourceNames));
                }

                sb.Append('}');
            }

            sb.Append(']');
        }

        List(sb, "namespaces", rule.Namespaces);
        List(sb, "nonResourceURLs", rule.NonResourceURLs);
        if (!rule.OmitStages.IsEmpty)
        {
            var names = new string[rule.OmitStages.Count];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = rule.OmitStages[i].Value;
            }

            List(sb, "omitStages", new EquatableArray<string>(names));
        }

        if (rule.OmitManagedFields is bool omit)
        {
            sb.Append(",\"omitManagedFields\":").Append(omit ? "true" : "false");
        }

        sb.Append('}');
    }

    private static void List(StringBuilder sb, string key, EquatableArray<string> values)
    {
        if (!values.IsEmpty)
        {
            sb.Append(",\"").Append(key).Append("\":").Append(PolicyValidator.JsonList(values));
        }
    }
}
