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
using PolicyAsCode.Generators.Helpers;

namespace PolicyAsCode.CodeFixes.Redundancy;

/// <summary>
/// PAC0012: removes a value that another value of the same rule already matches (<see cref="DiagnosticProperties.RemoveValue"/>),
/// or a whole <c>[Resources]</c> entry other entries cover (<see cref="DiagnosticProperties.RemoveEntry"/>). The analyzer
/// names the value; the fix removes the argument only when it still stands for it, so a stale diagnostic changes nothing.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveRedundantValueCodeFixProvider)), Shared]
public sealed class RemoveRedundantValueCodeFixProvider : CodeFixProvider
{
    private static readonly SyntaxAnnotation Target = new("PolicyAsCode.RedundantValue");

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleCatalog.RedundantValue);

    /// <inheritdoc/>
    /// <remarks>
    /// Not the batch fixer: it keeps only the actions whose equivalence key is the one Fix All was started with, and a
    /// host that takes that key from the first diagnostic it finds (dotnet format) gets none when that diagnostic has
    /// no fix, so Fix All would stop there, depending on file order. This one removes every verified value of each
    /// document and skips the others, whatever the key. The analyzer never names a value that covers another reported
    /// one, so removing them all at once keeps every request's decision.
    /// </remarks>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var targets = diagnostics.Select(d => Removable(root, model, d, context.CancellationToken)).OfType<SyntaxNode>().Distinct().ToList();
        return targets.Count == 0 ? document : document.WithSyntaxRoot(RemoveAll(root.ReplaceNodes(targets, (_, node) => node.WithAdditionalAnnotations(Target))));
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
            if (Removable(root, model, diagnostic, context.CancellationToken) is not { } target)
            {
                continue;
            }

            var title = target is AttributeSyntax
                ? "Remove this [Resources] entry (other entries match all of its requests)"
                : "Remove '" + diagnostic.Properties[DiagnosticProperties.Value] + "' (another value of the rule already matches it)";
            context.RegisterCodeFix(
                CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(RemoveAll(root.ReplaceNode(target, target.WithAdditionalAnnotations(Target))))), EquivalenceKeys.RemoveRedundantValue),
                diagnostic);
        }
    }

    /// <summary>
    /// The value expression or <c>[Resources]</c> attribute the diagnostic offers to remove, or null: wrong id, no
    /// removal in its properties, or the argument at its location no longer holds the value it names.
    /// </summary>
    private static SyntaxNode? Removable(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken ct)
    {
        if (diagnostic.Id != RuleCatalog.RedundantValue || diagnostic.Location.SourceTree != root.SyntaxTree
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix))
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (fix == DiagnosticProperties.RemoveEntry)
        {
            var attribute = node as AttributeSyntax;
            return attribute is not null && model.GetTypeInfo(attribute, ct).Type is INamedTypeSymbol type
                && type.ToDisplayString() == KnownTypeNames.ResourcesAttribute ? attribute : null;
        }

        if (fix != DiagnosticProperties.RemoveValue || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Value, out var value) || value is null)
        {
            return null;
        }

        // The location is the attribute argument, or the element of an array written as one; the list keeps another value.
        var expression = node is AttributeArgumentSyntax argument ? argument.Expression : node as ExpressionSyntax;
        return expression is not null && AttributeValues.Value(expression, model, ct) == value && AttributeValues.Siblings(expression, model, ct) is { Count: > 1 }
            ? expression
            : null;
    }

    /// <summary>Removes the annotated nodes one at a time (several may share a list, which each removal rebuilds).</summary>
    private static SyntaxNode RemoveAll(SyntaxNode root)
    {
        while (root.GetAnnotatedNodes(Target).FirstOrDefault() is { } node)
        {
            var updated = node is AttributeSyntax attribute ? AttributeValues.RemoveAttribute(root, attribute)
                : node is ExpressionSyntax expression ? AttributeValues.Remove(root, expression)
                : root;
            if (updated == root)
            {
                // Not removable after all: drop the mark, so the loop ends.
                updated = root.ReplaceNode(node, node.WithoutAnnotations(Target));
            }

            root = updated;
        }

        return root;
    }
}
