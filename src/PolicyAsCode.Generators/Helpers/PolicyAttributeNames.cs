using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace PolicyAsCode.Generators.Helpers;

/// <summary>
/// Metadata names of the attribute API and the one way to recognise them on a symbol, shared by the generator, the
/// analyzer and (linked) the code fixes, so all three see the same attributes in the same order.
/// </summary>
internal static class KnownTypeNames
{
    public const string AuditPolicyAttribute = "PolicyAsCode.AuditPolicyAttribute";
    public const string RuleAttribute = "PolicyAsCode.RuleAttribute";
    public const string OmitStagesAttribute = "PolicyAsCode.OmitStagesAttribute";
    public const string OmitManagedFieldsAttribute = "PolicyAsCode.OmitManagedFieldsAttribute";
    public const string UsersAttribute = "PolicyAsCode.UsersAttribute";
    public const string UserGroupsAttribute = "PolicyAsCode.UserGroupsAttribute";
    public const string VerbsAttribute = "PolicyAsCode.VerbsAttribute";
    public const string NamespacesAttribute = "PolicyAsCode.NamespacesAttribute";
    public const string NonResourceUrlsAttribute = "PolicyAsCode.NonResourceUrlsAttribute";
    public const string ResourcesAttribute = "PolicyAsCode.ResourcesAttribute";
    public const string MustMeetAttribute = "PolicyAsCode.MustMeetAttribute";
    public const string RequirementSetAttribute = "PolicyAsCode.RequirementSetAttribute";
    public const string RequiresAttribute = "PolicyAsCode.RequiresAttribute";

    /// <summary>The prefix of the assembly metadata key that carries each policy's YAML.</summary>
    public const string ManifestPrefix = "PolicyAsCode:";

    /// <summary>The prefix of the key that carries a required set's consumer log path (one entry per distinct path).</summary>
    public const string LogPathPrefix = "PolicyAsCode.LogPath:";

    /// <summary>The symbol's first attribute of the type <paramref name="metadataName"/>, or null.</summary>
    public static AttributeData? Find(ISymbol symbol, string metadataName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (Is(attribute.AttributeClass, metadataName))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>The symbol's attributes of the type <paramref name="metadataName"/>, in declaration order.</summary>
    public static IEnumerable<AttributeData> All(ISymbol symbol, string metadataName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (Is(attribute.AttributeClass, metadataName))
            {
                yield return attribute;
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="type"/> is <c>PolicyAsCode.{name}</c>, compared without building display strings (this
    /// runs for every attribute of every rule on each incremental pass).
    /// </summary>
    public static bool Is(INamedTypeSymbol? type, string metadataName)
    {
        const string Prefix = "PolicyAsCode.";
        return type is not null
            && metadataName.Length == Prefix.Length + type.Name.Length
            && string.CompareOrdinal(metadataName, Prefix.Length, type.Name, 0, type.Name.Length) == 0
            && type.ContainingType is null
            && type.ContainingNamespace is { Name: "PolicyAsCode" } ns
            && ns.ContainingNamespace is { IsGlobalNamespace: true };
    }
}
