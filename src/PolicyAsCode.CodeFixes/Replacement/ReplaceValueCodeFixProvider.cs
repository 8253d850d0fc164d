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
/// analyzer suggests in <see cref="DiagnosticProperties.Replacement"/>, or removes it when its list already has that
/// value (no repetition, PAC0012). Values without a suggestion (<c>"*"</c>, an authorization-only verb) get no fix:
/// there is nothing they could have meant.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceValueCodeFixProvider)), Shared]
public sealed class ReplaceValueCodeFixProvider : CodeFixProvider
{
    private static readonly SyntaxAnnotation Removal = new("PolicyAsCode.ReplacedByExisting");

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
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
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

        // In list order, a replacement whose value the list already has, or an earlier replacement gave it, removes
        // the value instead: "pod" next to "pods", or "GET" and "Get" both becoming "get", leave one "pods", one "get".
        var removals = new HashSet<ExpressionSyntax>();
        foreach (var list in replacements.Keys.Select(e => AttributeValues.Siblings(e, model, context.CancellationToken)).OfType<IReadOnlyList<ExpressionSyntax>>().Distinct(new FirstElement()))
        {
            var values = list.Select(e => AttributeValues.Value(e, model, context.CancellationToken)).ToList();
            for (var i = 0; i < list.Count; i++)
            {
                if (!replacements.TryGetValue(list[i], out var replacement))
                {
                    continue;
                }

                if (Enumerable.Range(0, list.Count).Any(k => k != i && !removals.Contains(list[k]) && values[k] == replacement))
                {
                    removals.Add(list[i]);
                    replacements.Remove(list[i]);
                }
                else
                {
                    values[i] = replacement;
                }
            }
        }

        if (replacements.Count == 0 && removals.Count == 0)
        {
            return document;
        }

        var marked = root.ReplaceNodes(replacements.Keys.Concat(removals), (original, _) => removals.Contains(original)
            ? original.WithAdditionalAnnotations(Removal)
            : PolicySymbols.Literal(replacements[original]).WithTriviaFrom(original));
        return document.WithSyntaxRoot(RemoveMarked(marked));
    });

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Replaceable(root, diagnostic) is not { } fix)
            {
                continue;
            }

            // The list already has the replacement: replacing would list it twice (PAC0012), so the value goes.
            var siblings = AttributeValues.Siblings(fix.Expression, model, context.CancellationToken);
            if (siblings is not null && siblings.Any(e => e != fix.Expression && AttributeValues.Value(e, model, context.CancellationToken) == fix.Replacement))
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Remove it ('" + fix.Replacement + "' is already listed)", _ => Task.FromResult(context.Document.WithSyntaxRoot(AttributeValues.Remove(root, fix.Expression))), EquivalenceKeys.ReplaceValue),
                    diagnostic);
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

    /// <summary>Removes the values marked for removal one at a time (several may share a list, which each removal rebuilds).</summary>
    private static SyntaxNode RemoveMarked(SyntaxNode root)
    {
        while (root.GetAnnotatedNodes(Removal).OfType<ExpressionSyntax>().FirstOrDefault() is { } node)
        {
            var updated = AttributeValues.Remove(root, node);
            root = updated == root ? root.ReplaceNode(node, node.WithoutAnnotations(Removal)) : updated;
        }

        return root;
    }

    private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax expression, string replacement, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(expression, PolicySymbols.Literal(replacement).WithTriviaFrom(expression)));
    }

    /// <summary>Lists compare by their first element (the same list, whichever element it was found from).</summary>
    private sealed class FirstElement : IEqualityComparer<IReadOnlyList<ExpressionSyntax>>
    {
        public bool Equals(IReadOnlyList<ExpressionSyntax>? x, IReadOnlyList<ExpressionSyntax>? y) => x is not null && y is not null && x.Count > 0 && y.Count > 0 && x[0] == y[0];

        public int GetHashCode(IReadOnlyList<ExpressionSyntax> list) => list.Count == 0 ? 0 : list[0].GetHashCode();
    }
}
