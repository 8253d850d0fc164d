namespace PolicyAsCode.Generators.Helpers;

/// <summary>Metadata names of the attribute API.</summary>
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

    /// <summary>The prefix of the assembly metadata key that carries each policy's YAML.</summary>
    public const string ManifestPrefix = "PolicyAsCode:";
}
