using Microsoft.CodeAnalysis;

namespace PolicyAsCode.Generators.Diagnostics;

/// <summary>The analyzer's diagnostics, each built from its <see cref="RuleCatalog"/> entry (id, title, severity, category, help link).</summary>
internal static class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor RequirementNotAudited = Create(RuleCatalog.RequirementNotAudited);

    public static readonly DiagnosticDescriptor RequirementShadowed = Create(RuleCatalog.RequirementShadowed);

    public static readonly DiagnosticDescriptor RequirementPartiallyExempted = Create(RuleCatalog.RequirementPartiallyExempted);

    public static readonly DiagnosticDescriptor RejectedByKubeApiServer = Create(RuleCatalog.RejectedByKubeApiServer);

    public static readonly DiagnosticDescriptor NeverMatches = Create(RuleCatalog.NeverMatches);

    public static readonly DiagnosticDescriptor NeedsNewerKubernetes = Create(RuleCatalog.NeedsNewerKubernetes);

    public static readonly DiagnosticDescriptor UnreachableRule = Create(RuleCatalog.UnreachableRule);

    public static readonly DiagnosticDescriptor SensitiveBodies = Create(RuleCatalog.SensitiveBodies);

    public static readonly DiagnosticDescriptor DeclarationProblem = Create(RuleCatalog.DeclarationProblem);

    public static readonly DiagnosticDescriptor OptionalRequirementNotMet = Create(RuleCatalog.OptionalRequirementNotMet);

    public static readonly DiagnosticDescriptor RemovedApi = Create(RuleCatalog.RemovedApi);

    public static readonly DiagnosticDescriptor RedundantValue = Create(RuleCatalog.RedundantValue);

    public static readonly DiagnosticDescriptor RequirementExceeded = Create(RuleCatalog.RequirementExceeded);

    public static readonly DiagnosticDescriptor RequirementConflict = Create(RuleCatalog.RequirementConflict);

    /// <summary>The descriptor of a lint finding's id (PAC0001-PAC0008, PAC0010-PAC0014).</summary>
    public static DiagnosticDescriptor ForId(string id) => id switch
    {
        RuleCatalog.NeverMatches => NeverMatches,
        RuleCatalog.NeedsNewerKubernetes => NeedsNewerKubernetes,
        RuleCatalog.UnreachableRule => UnreachableRule,
        RuleCatalog.SensitiveBodies => SensitiveBodies,
        RuleCatalog.RemovedApi => RemovedApi,
        RuleCatalog.RedundantValue => RedundantValue,
        RuleCatalog.RequirementNotAudited => RequirementNotAudited,
        RuleCatalog.RequirementShadowed => RequirementShadowed,
        RuleCatalog.RequirementPartiallyExempted => RequirementPartiallyExempted,
        RuleCatalog.OptionalRequirementNotMet => OptionalRequirementNotMet,
        RuleCatalog.RequirementExceeded => RequirementExceeded,
        RuleCatalog.RequirementConflict => RequirementConflict,
        RuleCatalog.RejectedByKubeApiServer => RejectedByKubeApiServer,
        _ => DeclarationProblem,
    };

    private static DiagnosticDescriptor Create(string id)
    {
        var rule = RuleCatalog.Get(id);
        return new(rule.Id, rule.Title, rule.MessageFormat, rule.Category,
            rule.DefaultSeverity == RuleSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
            isEnabledByDefault: true, helpLinkUri: rule.HelpUri);
    }
}
