using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using PolicyAsCode.Generators.Diagnostics;

namespace PolicyAsCode.CodeFixes.Requirements;

/// <summary>
/// PAC0001: adds the missing verb to the [Verbs] of the rule that covers the resource, or the missing resource to a
/// [Resources] entry of the rule that has the verb, when the analyzer verified that the rule then audits the
/// request as required and no other requirement of the set breaks.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddMissingVerbOrResourceCodeFixProvider)), Shared]
public sealed class AddMissingVerbOrResourceCodeFixProvider : CodeFixProvider
{
    private static readonly ImmutableHashSet<string> Kinds = ImmutableHashSet.Create(DiagnosticProperties.AddVerb, DiagnosticProperties.AddResource);

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleCatalog.RequirementNotAudited);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => new RequirementFixAllProvider("Add the missing verbs and resources to the rules", Kinds);

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => RequirementFixes.RegisterAsync(context, Kinds, EquivalenceKeys.AddMissingVerbOrResource);
}
