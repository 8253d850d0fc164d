using System;
using System.Collections.Generic;

namespace PolicyAsCode;

/// <summary>The severity a rule has unless an <c>.editorconfig</c> or the tool's options change it.</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
enum RuleSeverity
{
    /// <summary>The policy does not do what it must (kube-apiserver refuses it, or a required request is not audited).</summary>
    Error,

    /// <summary>The policy probably does not mean what it says.</summary>
    Warning,
}

/// <summary>Who reports a rule: the analyzer in the compiler, the <c>policyascode</c> tool, the build task; several may.</summary>
[Flags]
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
enum RuleReporters
{
    /// <summary>Reported by nobody (never used for a catalog entry).</summary>
    None = 0,

    /// <summary>The Roslyn analyzer (a compiler diagnostic on the C# declaration).</summary>
    Analyzer = 1,

    /// <summary>The <c>policyascode validate</c> tool (on a YAML or JSON file).</summary>
    Tool = 2,

    /// <summary>The MSBuild task that writes the policy files.</summary>
    Build = 4,
}

/// <summary>
/// One rule of the catalog: its id, title (no final period), default severity, category and the message format the
/// analyzer uses (<c>{0}</c> is the finding's message). The help page is <see cref="RuleCatalog.HelpUri"/>.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record RuleDescriptor(string Id, string Title, RuleSeverity DefaultSeverity, string Category, RuleReporters ReportedBy, string MessageFormat = "{0}")
{
    /// <summary>The rule's page, <c>docs/rules/{Id}.md</c>.</summary>
    public string HelpUri => RuleCatalog.HelpUri(Id);
}

/// <summary>
/// Every rule id PolicyAsCode reports (PAC* from the analyzer and the tool, PACY* from the tool's loader, PACB* from the
/// build task), declared once. The analyzer's descriptors, the tool's text/JSON/SARIF output, AnalyzerReleases and
/// docs/rules are derived from or checked against this list, so an id, title or severity cannot drift apart.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static class RuleCatalog
{
    /// <summary>PAC0001: a required request is not audited.</summary>
    public const string RequirementNotAudited = "PAC0001";

    /// <summary>PAC0002: an earlier rule decides a required request below the required level.</summary>
    public const string RequirementShadowed = "PAC0002";

    /// <summary>PAC0003: an earlier rule exempts some of the required requests.</summary>
    public const string RequirementPartiallyExempted = "PAC0003";

    /// <summary>PAC0004: kube-apiserver refuses the policy.</summary>
    public const string RejectedByKubeApiServer = "PAC0004";

    /// <summary>PAC0005: a value that can never match.</summary>
    public const string NeverMatches = "PAC0005";

    /// <summary>PAC0006: needs a newer Kubernetes than the target version.</summary>
    public const string NeedsNewerKubernetes = "PAC0006";

    /// <summary>PAC0007: a rule no request reaches.</summary>
    public const string UnreachableRule = "PAC0007";

    /// <summary>PAC0008: credentials logged in bodies.</summary>
    public const string SensitiveBodies = "PAC0008";

    /// <summary>PAC0009: a declaration the generator cannot turn into a policy.</summary>
    public const string DeclarationProblem = "PAC0009";

    /// <summary>PAC0010: an optional requirement is not met.</summary>
    public const string OptionalRequirementNotMet = "PAC0010";

    /// <summary>PAC0011: an API the target Kubernetes version no longer serves.</summary>
    public const string RemovedApi = "PAC0011";

    /// <summary>PAC0012: a value another value of the same rule already matches (a repetition, or one a wildcard covers).</summary>
    public const string RedundantValue = "PAC0012";

    /// <summary>PAC0013: a required request is logged above the level its requirement set allows.</summary>
    public const string RequirementExceeded = "PAC0013";

    /// <summary>PAC0014: two declared requirement sets ask for levels no policy can give one request at once.</summary>
    public const string RequirementConflict = "PAC0014";

    /// <summary>PACY001: kube-apiserver's strict decoding fails and it falls back to lenient decoding (a warning it logs).</summary>
    public const string StrictDecodingFallback = "PACY001";

    /// <summary>PACB001: two policies are written to the same file.</summary>
    public const string DuplicateFileName = "PACB001";

    /// <summary>PACB002: a policy file name that is not a plain file name.</summary>
    public const string InvalidFileName = "PACB002";

    /// <summary>PACB003: the policy manifest cannot be read from the built assembly.</summary>
    public const string ManifestUnreadable = "PACB003";

    /// <summary>PACB004: the policy files cannot be written.</summary>
    public const string OutputUnwritable = "PACB004";

    private const RuleReporters Both = RuleReporters.Analyzer | RuleReporters.Tool;

    /// <summary>Every rule, ordered by id.</summary>
    public static IReadOnlyList<RuleDescriptor> All { get; } = new[]
    {
        new RuleDescriptor(RequirementNotAudited, "A required request is not audited", RuleSeverity.Error, "Requirements", Both),
        new RuleDescriptor(RequirementShadowed, "An earlier rule decides a required request below the required level", RuleSeverity.Error, "Requirements", Both),
        new RuleDescriptor(RequirementPartiallyExempted, "An earlier rule exempts some of the required requests", RuleSeverity.Warning, "Requirements", Both),
        new RuleDescriptor(RejectedByKubeApiServer, "kube-apiserver would refuse this policy", RuleSeverity.Error, "Validation", Both, "kube-apiserver would refuse the policy: {0}"),
        new RuleDescriptor(NeverMatches, "This value can never match a request", RuleSeverity.Warning, "Names", Both),
        new RuleDescriptor(NeedsNewerKubernetes, "This needs a newer Kubernetes than the target version", RuleSeverity.Error, "Versions", Both),
        new RuleDescriptor(UnreachableRule, "Earlier rules decide every request this rule matches", RuleSeverity.Warning, "Reachability", Both),
        new RuleDescriptor(SensitiveBodies, "Sensitive request or response bodies are logged", RuleSeverity.Warning, "Credentials", Both),
        new RuleDescriptor(DeclarationProblem, "The policy declaration cannot be generated", RuleSeverity.Error, "Declaration", RuleReporters.Analyzer, "The policy cannot be generated: {0}"),
        new RuleDescriptor(OptionalRequirementNotMet, "An optional requirement is not met", RuleSeverity.Warning, "Requirements", Both),
        new RuleDescriptor(RemovedApi, "The target Kubernetes version no longer serves this API", RuleSeverity.Warning, "Versions", Both),
        new RuleDescriptor(RedundantValue, "Another value of the rule already matches every request this one matches", RuleSeverity.Warning, "Redundancy", Both),
        new RuleDescriptor(RequirementExceeded, "A required request is logged above the level the requirement allows", RuleSeverity.Error, "Requirements", Both),
        new RuleDescriptor(RequirementConflict, "Two requirement sets ask for levels no policy can meet together", RuleSeverity.Error, "Requirements", Both),
        new RuleDescriptor(StrictDecodingFallback, "kube-apiserver decodes this file only leniently", RuleSeverity.Warning, "Loading", RuleReporters.Tool),
        new RuleDescriptor(DuplicateFileName, "Two policies are written to the same file", RuleSeverity.Error, "Build", RuleReporters.Build),
        new RuleDescriptor(InvalidFileName, "The policy file name is not a plain file name", RuleSeverity.Error, "Build", RuleReporters.Build),
        new RuleDescriptor(ManifestUnreadable, "The policy manifest cannot be read", RuleSeverity.Error, "Build", RuleReporters.Build),
        new RuleDescriptor(OutputUnwritable, "The policy files cannot be written", RuleSeverity.Error, "Build", RuleReporters.Build),
    };

    /// <summary>The rule with this id.</summary>
    /// <exception cref="ArgumentException">No rule has this id (a programming error: every reported id is in <see cref="All"/>).</exception>
    public static RuleDescriptor Get(string id)
    {
        foreach (var rule in All)
        {
            if (string.Equals(rule.Id, id, StringComparison.Ordinal))
            {
                return rule;
            }
        }

        throw new ArgumentException("no rule " + id, nameof(id));
    }

    /// <summary>The help page of a rule id.</summary>
    public static string HelpUri(string id) => "https://github.com/policyascode/policyascode/blob/main/docs/rules/" + id + ".md";
}
