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
    /// <remarks>
    /// Not the batch fixer: it keeps only the actions whose equivalence key is the one Fix All was started with, and a
    /// host that takes that key from the first diagnostic it finds (dotnet format) gets none when that diagnostic has
    /// no fix (a covered rule that would decide differently), so Fix All stopped there, depending on file order. This
    /// one removes every removable rule of each document and skips the others, whatever the key.
    /// </remarks>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // Each fix removes its own rule declaration, so they never overlap.
        var declarations = diagnostics.Select(d => Removable(root, d)).OfType<TypeDeclarationSyntax>().Distinct().ToList();
        return declarations.Count == 0 ? document
            : root.RemoveNodes(declarations, SyntaxRemoveOptions.KeepNoTrivia) is { } updated ? document.WithSyntaxRoot(updated) : document;
    });

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
            if (Removable(root, diagnostic) is not { } declaration)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Remove rule '" + declaration.Identifier.ValueText + "' (earlier rules decide its requests the same way)", ct => RemoveAsync(context.Document, declaration, ct), EquivalenceKeys.RemoveUnreachableRule),
                diagnostic);
        }
    }

    /// <summary>The rule declaration the diagnostic offers to remove, or null when it offers no removal.</summary>
    private static TypeDeclarationSyntax? Removable(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.Id != RuleCatalog.UnreachableRule
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix) || fix != DiagnosticProperties.RemoveRule
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Rule, out var name) || name is null
            || diagnostic.Location.SourceTree != root.SyntaxTree)
        {
            return null;
        }

        // The diagnostic is on the rule's [Rule] attribute; the rule is the type declaration that carries it.
        return root.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<TypeDeclarationSyntax>()
            .FirstOrDefault(t => t.Identifier.ValueText == name);
    }

    private static async Task<Document> RemoveAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);

        // Its comments go with it: they describe the rule, not its neighbours.
        return root?.RemoveNode(declaration, SyntaxRemoveOptions.KeepNoTrivia) is { } updated ? document.WithSyntaxRoot(updated) : document;
    }
}
