using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PolicyAsCode.CodeFixes.Syntax;
using PolicyAsCode.Generators.Diagnostics;

namespace PolicyAsCode.CodeFixes.Replacement;

/// <summary>
/// PAC0005: replaces a value that can never match (an upper-case verb, a mistyped resource name) with the value the
/// analyzer suggests in <see cref="DiagnosticProperties.Replacement"/>. Values without a suggestion (<c>"*"</c>, an
/// authorization-only verb) get no fix: there is nothing they could have meant.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceValueCodeFixProvider)), Shared]
public sealed class ReplaceValueCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleCatalog.NeverMatches);

    /// <inheritdoc/>
    /// <remarks>
    /// Not the batch fixer: it keeps only the actions whose equivalence key is the one Fix All was started with, and a
    /// host that takes that key from the first diagnostic it finds (dotnet format) gets none when that diagnostic has
    /// no fix (<c>"*"</c>), so Fix All stopped there, depending on file order. This one replaces every value that has
    /// a suggestion in each document and skips the others, whatever the key.
    /// </remarks>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // Each fix replaces its own argument, so they never overlap; the first suggestion wins for a repeated location.
        var replacements = new Dictionary<ExpressionSyntax, string>();
        foreach (var diagnostic in diagnostics)
        {
            if (Replaceable(root, diagnostic) is { } fix && !replacements.ContainsKey(fix.Expression))
            {
                replacements.Add(fix.Expression, fix.Replacement);
            }
        }

        return replacements.Count == 0 ? document
            : document.WithSyntaxRoot(root.ReplaceNodes(replacements.Keys, (original, _) => PolicySymbols.Literal(replacements[original]).WithTriviaFrom(original)));
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
            if (Replaceable(root, diagnostic) is not { } fix)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Replace with '" + fix.Replacement + "'", ct => ReplaceAsync(context.Document, fix.Expression, fix.Replacement, ct), EquivalenceKeys.ReplaceValue),
                diagnostic);
        }
    }

    /// <summary>The value the diagnostic offers to replace and its replacement, or null when it offers none.</summary>
    private static (ExpressionSyntax Expression, string Replacement)? Replaceable(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.Id != RuleCatalog.NeverMatches
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Replacement, out var replacement) || replacement is null
            || diagnostic.Location.SourceTree != root.SyntaxTree)
        {
            return null;
        }

        // The location is the attribute argument, or the element of a params array written as one.
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        // A params list written as one array is reported as a whole only when the analyzer cannot point at the
        // element; replacing the whole array would drop the other values, so that gets no fix.
        var expression = node is AttributeArgumentSyntax argument ? argument.Expression : node as ExpressionSyntax;
        return expression is null or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax
            ? null
            : (expression, replacement);
    }

    private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax expression, string replacement, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(expression, PolicySymbols.Literal(replacement).WithTriviaFrom(expression)));
    }
}
