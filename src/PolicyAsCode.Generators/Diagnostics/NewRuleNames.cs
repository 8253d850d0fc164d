using System.Text;

namespace PolicyAsCode.Generators.Diagnostics;

/// <summary>
/// Names of rules the code fixes insert, e.g. <c>AuditDeletePods</c>. The analyzer names the rule of one missing
/// request and Fix All names a rule that covers several; the code-fix assembly links this file so both agree.
/// </summary>
internal static class NewRuleNames
{
    /// <summary>
    /// "Audit" + the verb (when there is one) + the group and resource (when there is one), e.g.
    /// <c>AuditDeleteNetworkingK8sIoNetworkpolicies</c>, <c>AuditPods</c> for several verbs, <c>AuditDeleteRequiredRequests</c>
    /// for several resources. Not checked for uniqueness.
    /// </summary>
    public static string For(string? verb, string? group, string? resource)
    {
        var name = "Audit" + Pascal(verb) + (resource is null ? "RequiredRequests" : Pascal(group) + Pascal(resource));
        return Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(name) ? name : "AuditRequiredRequests";
    }

    /// <summary>"networking.k8s.io" to "NetworkingK8sIo", "pods/log" to "PodsLog" (the constants' naming).</summary>
    private static string Pascal(string? value)
    {
        var builder = new StringBuilder();
        var upper = true;
        foreach (var c in value ?? string.Empty)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9'))
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        return builder.ToString();
    }
}
