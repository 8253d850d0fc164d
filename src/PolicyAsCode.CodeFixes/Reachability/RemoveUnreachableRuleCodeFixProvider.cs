using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PolicyAsCode.Generators.Diagnostics;

namespace PolicyAsCode.CodeFixes.Reachability;

/// <summary>
/// PAC0007: removes a rule that no request reaches, when the analyzer found that the earlier rules decide every one of
/// its requests exactly as it would (<see cref="DiagnosticProperties.RemoveRule"/>), so the policy's behaviour is
/// unchanged. A covered rule that would decide differently gets no fix: the author meant something, and only they know
/// whether to delete it or move it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveUnreachableRuleCodeFixProvider)), Shared]
public sealed class RemoveUnreachableRuleCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleCatalog.UnreachableRule);

    /// <inheritdoc/>
    /// <remarks>Each fix removes its own rule declaration, so the batch fixer's merged changes never overlap.</remarks>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix) || fix != DiagnosticProperties.RemoveRule
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Rule, out var name) || name is null)
            {
                continue;
            }

            // The diagnostic is on the rule's [Rule] attribute; the rule is the type declaration that carries it.
            var declaration = root.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<TypeDeclarationSyntax>()
                .FirstOrDefault(t => t.Identifier.ValueText == name);
            if (declaration is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Remove rule '" + name + "' (earlier rules decide its requests the same way)", ct => RemoveAsync(context.Document, declaration, ct), EquivalenceKeys.RemoveUnreachableRule),
                diagnostic);
        }
    }

    private static async Task<Document> RemoveAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);

        // Its comments go with it: they describe the rule, not its neighbours.
        return root?.RemoveNode(declaration, SyntaxRemoveOptions.KeepNoTrivia) is { } updated ? document.WithSyntaxRoot(updated) : document;
    }
}
