namespace PolicyAsCode.Generators.Diagnostics;

/// <summary>Diagnostic ids; each has a page at docs/rules/{id}.md.</summary>
internal static class RuleIds
{
    public const string RequirementNotAudited = "PAC0001";
    public const string RequirementShadowed = "PAC0002";
    public const string RequirementPartiallyExempted = "PAC0003";
    public const string RejectedByKubeApiServer = "PAC0004";
    public const string NeverMatches = "PAC0005";
    public const string NeedsNewerKubernetes = "PAC0006";
    public const string UnreachableRule = "PAC0007";
    public const string SensitiveBodies = "PAC0008";
    public const string DeclarationProblem = "PAC0009";
    public const string OptionalRequirementNotMet = "PAC0010";
    public const string RemovedApi = "PAC0011";

    public static string HelpUri(string id) => "https://github.com/policyascode/policyascode/blob/main/docs/rules/" + id + ".md";
}
