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
    /// <remarks>Each fix replaces its own argument, so the batch fixer's merged text changes never overlap.</remarks>
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
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Replacement, out var replacement) || replacement is null)
            {
                continue;
            }

            // The location is the attribute argument, or the element of a params array written as one.
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            // A params list written as one array is reported as a whole only when the analyzer cannot point at the
            // element; replacing the whole array would drop the other values, so that gets no fix.
            var expression = node is AttributeArgumentSyntax argument ? argument.Expression : node as ExpressionSyntax;
            if (expression is null or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Replace with '" + replacement + "'", ct => ReplaceAsync(context.Document, expression, replacement, ct), EquivalenceKeys.ReplaceValue),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax expression, string replacement, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(expression, PolicySymbols.Literal(replacement).WithTriviaFrom(expression)));
    }
}
