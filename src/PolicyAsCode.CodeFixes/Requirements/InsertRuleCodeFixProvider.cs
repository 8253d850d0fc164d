using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using PolicyAsCode.Generators.Diagnostics;

namespace PolicyAsCode.CodeFixes.Requirements;

/// <summary>
/// PAC0001: inserts a rule for exactly the missing request (<c>[Rule(level)] [Verbs(verb)] [Resources(group, resource)]</c>)
/// where it decides it, when no existing rule can take the verb or resource and the analyzer verified the new rule
/// meets the requirement. PAC0013: the same rule at the highest level the requirement allows, just before the rule that
/// logs the request too high.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertRuleCodeFixProvider)), Shared]
public sealed class InsertRuleCodeFixProvider : CodeFixProvider
{
    private static readonly ImmutableHashSet<string> Kinds = ImmutableHashSet.Create(DiagnosticProperties.InsertRule);

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleCatalog.RequirementNotAudited, RuleCatalog.RequirementExceeded);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => new RequirementFixAllProvider("Add rules for the requests that are not audited", Kinds);

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => RequirementFixes.RegisterAsync(context, Kinds, EquivalenceKeys.InsertRule);
}
