using System.Globalization;

namespace PolicyAsCode;

/// <summary>The kind of shortfall.</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
enum GapKind
{
    /// <summary>No rule matches the required requests: they are not audited at all.</summary>
    NotAudited,

    /// <summary>An earlier rule decides the required requests at a lower level or with a required stage omitted.</summary>
    Shadowed,

    /// <summary>Some of the required requests (some users, groups, namespaces or names) are exempted by an earlier rule.</summary>
    PartiallyExempted,

    /// <summary>Some of the required requests are recorded above the requirement's maximum (or exact) level.</summary>
    AboveMaximum,
}

/// <summary>
/// A required (verb, group, resource) the policy does not audit as needed (too little, or above the maximum level),
/// with a concrete example request and the rule that decides it.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record RequirementGap
{
    /// <summary>The requirement set's name.</summary>
    public string SetName { get; init; } = string.Empty;

    /// <summary>The requirement.</summary>
    public Requirement Requirement { get; init; } = new();

    /// <summary>The kind.</summary>
    public GapKind Kind { get; init; }

    /// <summary>The verb of the example.</summary>
    public string Verb { get; init; } = string.Empty;

    /// <summary>The API group of the example (the requirement's, or one its <c>*</c> stands for).</summary>
    public string Group { get; init; } = string.Empty;

    /// <summary>The resource (or resource/subresource) of the example.</summary>
    public string Resource { get; init; } = string.Empty;

    /// <summary>An example request that is recorded as it should not be.</summary>
    public AuditRequest Example { get; init; } = new();

    /// <summary>
    /// The example as kube-apiserver receives it (<c>METHOD /path?query</c>, see <see cref="RequestDomain.ExampleHttp"/>),
    /// for <c>explain --http</c>; null only for an example no URL spells (never from <see cref="RequirementChecker"/>).
    /// </summary>
    public string? ExampleHttp { get; init; }

    /// <summary>Which of the example's values stand for every value no rule names (the message says "any user").</summary>
    public AnyValue StandsForAny { get; init; }

    /// <summary>What the policy decides for the example.</summary>
    public AuditDecision Decision { get; init; }

    /// <summary>
    /// The rule id of this gap, the one place that maps a gap to an id: an optional requirement is PAC0010 whatever the
    /// kind; otherwise not audited is PAC0001, shadowed PAC0002, partially exempted PAC0003, above the maximum PAC0013.
    /// </summary>
    public string RuleId => Requirement.Optional
        ? RuleCatalog.OptionalRequirementNotMet
        : Kind switch
        {
            GapKind.NotAudited => RuleCatalog.RequirementNotAudited,
            GapKind.Shadowed => RuleCatalog.RequirementShadowed,
            GapKind.AboveMaximum => RuleCatalog.RequirementExceeded,
            _ => RuleCatalog.RequirementPartiallyExempted,
        };

    /// <summary>The name of the deciding rule (for messages), or null when no rule matched.</summary>
    public string? RuleName { get; init; }

    /// <summary>A one-line explanation, e.g. "delete endpoints in kube-system by system:kube-proxy is logged at None by rule 'KubeProxyWatches' (index 2); CalicoCloud needs RequestResponse".</summary>
    public string Message => MessageFor(Cell.Display, plural: false);

    /// <summary>The cell of the gap.</summary>
    internal RequirementCell Cell => RequirementCell.Of(Verb, Group, Resource);

    /// <summary>
    /// The explanation for <paramref name="cells"/> (this gap's cell, or the cells of a grouped finding, which share this
    /// example's deciding rule and subject). For several cells, a namespace or name that stands for any value is left
    /// out: it may differ between the cells (namespace objects carry their own name).
    /// </summary>
    internal string MessageFor(string cells, bool plural)
    {
        var who = Example.User is null ? "an unauthenticated request" : (StandsForAny & AnyValue.User) != 0 ? "any user" : Example.User;
        if (Example.Groups.Length > 0)
        {
            who += " (group " + string.Join(", ", Example.Groups) + ")";
        }

        // A namespace object's namespace is its own name: "update namespaces named kube-system", not "in kube-system".
        var anyNamespace = (StandsForAny & AnyValue.Namespace) != 0;
        var where = Example.Namespace.Length == 0 || (Group.Length == 0 && Example.Resource == "namespaces" && Example.Namespace == Example.Name)
            ? (!plural && Example.Verb is "list" or "watch" && RequestDomain.ScopeOf(Group, Example.Resource) != ResourceScope.Cluster ? " across namespaces" : string.Empty)
            : anyNamespace ? (plural ? string.Empty : " in any namespace") : " in " + Example.Namespace;
        var named = Example.Name.Length == 0 || (StandsForAny & AnyValue.Name) != 0 ? string.Empty : " named " + Example.Name;
        var what = cells + where + named + " by " + who;
        // The omitted stages that matter: the required ones, or all of them when the rule writes no event at all.
        var omitted = Kind == GapKind.AboveMaximum ? StageSet.Empty
            : Decision.Level != AuditLevel.None && Requirement.EmitsNoEvent(Decision, Example.Verb, Example.Subresource) ? Decision.OmitStages
            : Decision.OmitStages & Requirement.StagesFor(Example.Verb, Example.Subresource);
        var decided = Decision.MatchedRule < 0
            ? (plural ? "match no rule, so they are not audited (None)" : "matches no rule, so it is not audited (None)")
            : (plural ? "are" : "is") + " logged at " + Decision.Level.Value + (omitted != StageSet.Empty ? " with " + string.Join(",", omitted.ToSortedNames()) + " omitted" : string.Empty)
                + (RuleName is null
                    ? " by rule " + Decision.MatchedRule.ToString(CultureInfo.InvariantCulture)
                    : " by rule '" + RuleName + "' (index " + Decision.MatchedRule.ToString(CultureInfo.InvariantCulture) + ")");
        return what + " " + decided + "; " + SetName + " needs " + Requirement.NeedsText;
    }
}
