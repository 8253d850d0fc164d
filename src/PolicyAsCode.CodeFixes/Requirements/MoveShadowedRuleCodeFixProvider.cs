using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using PolicyAsCode.Generators.Diagnostics;

namespace PolicyAsCode.CodeFixes.Requirements;

/// <summary>
/// PAC0002: moves the later rule that would audit the request as required to just before the rule that shadows it
/// (or, when the rules set <c>Order</c>, gives it an Order before that rule), when the analyzer verified the move
/// removes the gap and breaks no other requirement of the set.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveShadowedRuleCodeFixProvider)), Shared]
public sealed class MoveShadowedRuleCodeFixProvider : CodeFixProvider
{
    private static readonly ImmutableHashSet<string> Kinds = ImmutableHashSet.Create(DiagnosticProperties.MoveRule);

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleCatalog.RequirementShadowed);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => new RequirementFixAllProvider("Move the shadowed rules before the rules that shadow them", Kinds);

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => RequirementFixes.RegisterAsync(context, Kinds, EquivalenceKeys.MoveShadowedRule);
}
