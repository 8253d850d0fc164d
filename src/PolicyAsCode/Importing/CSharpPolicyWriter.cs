using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace PolicyAsCode;

/// <summary>
/// Turns a policy model into attributed C# (the <c>import</c> direction): a partial class per policy with one
/// nested rule type per rule, named from the rule's content, using <see cref="Verb"/> and <see cref="ApiGroup"/>
/// constants where they apply. Compiled with the generator, it yields a model equal to the input.
/// </summary>
public static class CSharpPolicyWriter
{
    private static readonly Dictionary<string, string> VerbNames = Constants(typeof(Verb));
    private static readonly Dictionary<string, string> GroupNames = Constants(typeof(ApiGroup));
    private static readonly Dictionary<string, Dictionary<string, string>> ResourceNamesByGroup = ResourceConstants();

    /// <summary>Writes a C# file declaring <paramref name="policy"/> as <paramref name="className"/>.</summary>
    public static string Write(Policy policy, string policyName, string className, string? @namespace)
        => Write(policy, policyName, className, @namespace, null, null);

    /// <summary>Writes a C# file, with comments above the policy and above each rule.</summary>
    public static string Write(Policy policy, string policyName, string className, string? @namespace, IReadOnlyList<string>? headerComments, IReadOnlyList<IReadOnlyList<string>>? ruleComments)
    {
        var sb = new StringBuilder();
        sb.Append("using PolicyAsCode;\n\n");
        var indent = string.Empty;
        if (!string.IsNullOrEmpty(@namespace))
        {
            sb.Append("namespace ").Append(@namespace).Append(";\n\n");
        }

        foreach (var comment in headerComments ?? Array.Empty<string>())
        {
            sb.Append(Comment(comment, string.Empty));
        }

        sb.Append("[AuditPolicy(").Append(Literal(policyName)).Append(")]\n");
        if (!policy.OmitStages.IsEmpty)
        {
            sb.Append("[OmitStages(").Append(Stages(policy.OmitStages)).Append(")]\n");
        }

        if (policy.OmitManagedFields)
        {
            sb.Append("[OmitManagedFields(true)]\n");
        }

        sb.Append("public partial class ").Append(className).Append("\n{\n");
        var names = RuleNames(policy);
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            var rule = policy.Rules[i];
            if (i > 0)
            {
                sb.Append('\n');
            }

            if (ruleComments is not null && i < ruleComments.Count)
            {
                foreach (var comment in ruleComments[i])
                {
                    sb.Append(Comment(comment, "    "));
                }
            }

            sb.Append("    [Rule(Level.").Append(rule.Level.Value).Append(")]\n");
            List(sb, "Users", rule.Users, null);
            List(sb, "UserGroups", rule.UserGroups, null);
            List(sb, "Verbs", rule.Verbs, VerbNames);
            foreach (var gr in rule.Resources)
            {
                sb.Append("    [Resources(").Append(Constant(gr.Group, GroupNames, "ApiGroup"));
                ResourceNamesByGroup.TryGetValue(gr.Group, out var known);
                foreach (var resource in gr.Resources)
                {
                    sb.Append(", ").Append(known is not null && known.TryGetValue(resource, out var constant) ? constant : Literal(resource));
                }

                if (!gr.ResourceNames.IsEmpty)
                {
                    sb.Append(", ResourceNames = new[] { ").Append(string.Join(", ", Map(gr.ResourceNames, Literal))).Append(" }");
                }

                sb.Append(")]\n");
            }

            List(sb, "Namespaces", rule.Namespaces, null);
            List(sb, "NonResourceUrls", rule.NonResourceURLs, null);
            if (!rule.OmitStages.IsEmpty)
            {
                sb.Append("    [OmitStages(").Append(Stages(rule.OmitStages)).Append(")]\n");
            }

            if (rule.OmitManagedFields is bool omit)
            {
                sb.Append("    [OmitManagedFields(").Append(omit ? "true" : "false").Append(")]\n");
            }

            sb.Append("    public partial class ").Append(names[i]).Append(";\n");
        }

        sb.Append("}\n");
        return indent + sb.ToString();
    }

    /// <summary>
    /// Writes a synthesized policy (<c>policyascode synthesize --format csharp</c>) as <paramref name="className"/>, policy
    /// name <c>audit-policy</c> (file <c>audit-policy.yaml</c>), with a comment naming the sets it meets.
    /// </summary>
    public static string WriteSynthesized(Policy policy, IReadOnlyList<RequirementSet> sets, string defaultLevel, string className, string? @namespace)
    {
        var names = new List<string>();
        foreach (var set in sets)
        {
            names.Add(set.Name);
        }

        var header = new[]
        {
            "The smallest policy that meets " + string.Join(", ", names) + " (everything else at " + defaultLevel + ").",
            "Written by policyascode synthesize; see docs/synthesize.md.",
        };
        return Write(policy, "audit-policy", className, @namespace, header, null);
    }

    private static string Comment(string text, string indent)
        => text.Length == 0 ? indent + "//\n" : indent + "// " + text.Replace("\r", string.Empty).Replace("\n", " ") + "\n";

    /// <summary>Names for the rules, from their content: level, then what they select; unique within the policy.</summary>
    public static string[] RuleNames(Policy policy)
    {
        var used = new HashSet<string>(StringComparer.Ordinal) { "Yaml", "FileName", "Policy", "Builder", "CreateBuilder", "RuleNames" };
        var names = new string[policy.Rules.Count];
        for (var i = 0; i < names.Length; i++)
        {
            var rule = policy.Rules[i];
            var subject = !rule.Resources.IsEmpty ? FirstResource(rule.Resources[0])
                : !rule.NonResourceURLs.IsEmpty ? "Url" + Pascal(rule.NonResourceURLs[0])
                : !rule.Namespaces.IsEmpty ? "Namespace" + Pascal(rule.Namespaces[0])
                : "All";
            var who = !rule.Users.IsEmpty ? "For" + Pascal(LastSegment(rule.Users[0]))
                : !rule.UserGroups.IsEmpty ? "ForGroup" + Pascal(LastSegment(rule.UserGroups[0]))
                : string.Empty;
            var verbs = rule.Verbs.IsEmpty ? string.Empty : Pascal(rule.Verbs[0]);
            var baseName = Pascal(rule.Level.Value.Length == 0 ? "Rule" : rule.Level.Value) + verbs + subject + who;
            if (baseName.Length > 60)
            {
                baseName = baseName.Substring(0, 60);
            }

            var name = baseName;
            for (var n = 2; !used.Add(name); n++)
            {
                name = baseName + n.ToString(CultureInfo.InvariantCulture);
            }

            names[i] = name;
        }

        return names;
    }

    private static string FirstResource(GroupResources gr)
        => gr.Resources.IsEmpty ? "Group" + Pascal(gr.Group.Length == 0 ? "core" : gr.Group) : Pascal(gr.Resources[0]);

    private static string LastSegment(string value)
    {
        var colon = value.LastIndexOf(':');
        return colon >= 0 && colon + 1 < value.Length ? value.Substring(colon + 1) : value;
    }

    private static string Pascal(string text) => Identifier(text, "X");

    /// <summary>
    /// A C# identifier from arbitrary text (a rule's content, a file name): ASCII letters and digits kept, word starts
    /// upper-cased, <paramref name="prefix"/> in front when nothing is left or it would start with a digit.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="prefix">What makes it an identifier when it is empty or starts with a digit.</param>
    public static string Identifier(string text, string prefix)
    {
        var sb = new StringBuilder();
        var upper = true;
        foreach (var c in text)
        {
            if (c < 128 && char.IsLetterOrDigit(c))
            {
                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        if (sb.Length == 0 || char.IsDigit(sb[0]))
        {
            sb.Insert(0, prefix);
        }

        return sb.ToString();
    }

    private static void List(StringBuilder sb, string attribute, EquatableArray<string> values, Dictionary<string, string>? constants)
    {
        if (values.IsEmpty)
        {
            return;
        }

        sb.Append("    [").Append(attribute).Append('(');
        var first = true;
        foreach (var value in values)
        {
            sb.Append(first ? string.Empty : ", ").Append(constants is null ? Literal(value) : Constant(value, constants, "Verb"));
            first = false;
        }

        sb.Append(")]\n");
    }

    private static string Stages(EquatableArray<AuditStage> stages) => string.Join(", ", Map(stages, s => "Stage." + s.Value));

    private static string Constant(string value, Dictionary<string, string> constants, string type)
        => constants.TryGetValue(value, out var name) ? type + "." + name : Literal(value);

    private static IEnumerable<string> Map<T>(EquatableArray<T> values, Func<T, string> map)
    {
        foreach (var value in values)
        {
            yield return map(value);
        }
    }

    /// <summary>(group value, resource value) to <c>Resource.Group.Name</c>, from the typed-name classes.</summary>
    /// <remarks>
    /// One <c>typeof</c> per group instead of <c>typeof(Resource).GetNestedTypes()</c>: each call then tells the
    /// trimmer which constants to keep, so the native executable imports with the same names.
    /// <c>CSharpPolicyWriterTests</c> checks that every nested class of <see cref="Resource"/> is listed.
    /// </remarks>
    internal static Dictionary<string, Dictionary<string, string>> ResourceConstants() => new(StringComparer.Ordinal)
    {
        [ApiGroup.Core] = Constants(typeof(Resource.Core), nameof(Resource.Core)),
        [ApiGroup.AdmissionRegistrationK8sIo] = Constants(typeof(Resource.AdmissionRegistrationK8sIo), nameof(Resource.AdmissionRegistrationK8sIo)),
        [ApiGroup.ApiExtensionsK8sIo] = Constants(typeof(Resource.ApiExtensionsK8sIo), nameof(Resource.ApiExtensionsK8sIo)),
        [ApiGroup.ApiRegistrationK8sIo] = Constants(typeof(Resource.ApiRegistrationK8sIo), nameof(Resource.ApiRegistrationK8sIo)),
        [ApiGroup.Apps] = Constants(typeof(Resource.Apps), nameof(Resource.Apps)),
        [ApiGroup.AuthenticationK8sIo] = Constants(typeof(Resource.AuthenticationK8sIo), nameof(Resource.AuthenticationK8sIo)),
        [ApiGroup.AuthorizationK8sIo] = Constants(typeof(Resource.AuthorizationK8sIo), nameof(Resource.AuthorizationK8sIo)),
        [ApiGroup.Autoscaling] = Constants(typeof(Resource.Autoscaling), nameof(Resource.Autoscaling)),
        [ApiGroup.Batch] = Constants(typeof(Resource.Batch), nameof(Resource.Batch)),
        [ApiGroup.CertificatesK8sIo] = Constants(typeof(Resource.CertificatesK8sIo), nameof(Resource.CertificatesK8sIo)),
        [ApiGroup.CoordinationK8sIo] = Constants(typeof(Resource.CoordinationK8sIo), nameof(Resource.CoordinationK8sIo)),
        [ApiGroup.DiscoveryK8sIo] = Constants(typeof(Resource.DiscoveryK8sIo), nameof(Resource.DiscoveryK8sIo)),
        [ApiGroup.EventsK8sIo] = Constants(typeof(Resource.EventsK8sIo), nameof(Resource.EventsK8sIo)),
        [ApiGroup.FlowControlApiServerK8sIo] = Constants(typeof(Resource.FlowControlApiServerK8sIo), nameof(Resource.FlowControlApiServerK8sIo)),
        [ApiGroup.InternalApiserverK8sIo] = Constants(typeof(Resource.InternalApiserverK8sIo), nameof(Resource.InternalApiserverK8sIo)),
        [ApiGroup.NetworkingK8sIo] = Constants(typeof(Resource.NetworkingK8sIo), nameof(Resource.NetworkingK8sIo)),
        [ApiGroup.NodeK8sIo] = Constants(typeof(Resource.NodeK8sIo), nameof(Resource.NodeK8sIo)),
        [ApiGroup.Policy] = Constants(typeof(Resource.Policy), nameof(Resource.Policy)),
        [ApiGroup.RbacAuthorizationK8sIo] = Constants(typeof(Resource.RbacAuthorizationK8sIo), nameof(Resource.RbacAuthorizationK8sIo)),
        [ApiGroup.ResourceK8sIo] = Constants(typeof(Resource.ResourceK8sIo), nameof(Resource.ResourceK8sIo)),
        [ApiGroup.SchedulingK8sIo] = Constants(typeof(Resource.SchedulingK8sIo), nameof(Resource.SchedulingK8sIo)),
        [ApiGroup.StorageK8sIo] = Constants(typeof(Resource.StorageK8sIo), nameof(Resource.StorageK8sIo)),
        [ApiGroup.StoragemigrationK8sIo] = Constants(typeof(Resource.StoragemigrationK8sIo), nameof(Resource.StoragemigrationK8sIo)),
    };

    private static Dictionary<string, string> Constants([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] Type type, string groupName)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Constants(type))
        {
            map[pair.Key] = "Resource." + groupName + "." + pair.Value;
        }

        return map;
    }

    // Annotated so the trimmer keeps the constants the import names (the native executable is trimmed).
    private static Dictionary<string, string> Constants([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] Type type)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.IsLiteral && field.GetRawConstantValue() is string value && !map.ContainsKey(value))
            {
                map[value] = field.Name;
            }
        }

        return map;
    }

    /// <summary>A C# regular string literal for any string (non-ASCII and controls escaped).</summary>
    public static string Literal(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (c < 0x20 || c >= 0x7f)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
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
}
