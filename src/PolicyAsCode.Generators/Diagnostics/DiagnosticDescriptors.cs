using Microsoft.CodeAnalysis;

namespace PolicyAsCode.Generators.Diagnostics;

/// <summary>Every diagnostic PolicyAsCode reports, declared once.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "PolicyAsCode";

    public static readonly DiagnosticDescriptor RequirementNotAudited = Create(RuleIds.RequirementNotAudited,
        "A required request is not audited", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor RequirementShadowed = Create(RuleIds.RequirementShadowed,
        "An earlier rule decides a required request below the required level", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor RequirementPartiallyExempted = Create(RuleIds.RequirementPartiallyExempted,
        "An earlier rule exempts some of the required requests", "{0}", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor RejectedByKubeApiServer = Create(RuleIds.RejectedByKubeApiServer,
        "kube-apiserver would refuse this policy", "kube-apiserver would refuse the policy: {0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NeverMatches = Create(RuleIds.NeverMatches,
        "This value can never match a request", "{0}", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor NeedsNewerKubernetes = Create(RuleIds.NeedsNewerKubernetes,
        "This needs a newer Kubernetes than the target version", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnreachableRule = Create(RuleIds.UnreachableRule,
        "Earlier rules decide every request this rule matches", "{0}", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor SensitiveBodies = Create(RuleIds.SensitiveBodies,
        "Sensitive request or response bodies are logged", "{0}", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DeclarationProblem = Create(RuleIds.DeclarationProblem,
        "The policy declaration cannot be generated", "The policy cannot be generated: {0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor OptionalRequirementNotMet = Create(RuleIds.OptionalRequirementNotMet,
        "An optional requirement is not met", "{0}", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor RemovedApi = Create(RuleIds.RemovedApi,
        "The target Kubernetes version no longer serves this API", "{0}", DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity)
        => new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: RuleIds.HelpUri(id));
}
