using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PolicyAsCode.CodeFixes.Syntax;

/// <summary>
/// The values of one list of a policy attribute (a params argument list, or an array given to it or to a named
/// property such as <c>ResourceNames</c>) and their removal, keeping the list's layout.
/// </summary>
internal static class AttributeValues
{
    /// <summary>
    /// The elements of the list <paramref name="value"/> belongs to, itself included, in order; null when it is not an
    /// element of a list (the group argument of <c>[Resources]</c>, a whole array).
    /// </summary>
    public static IReadOnlyList<ExpressionSyntax>? Siblings(ExpressionSyntax value, SemanticModel model, CancellationToken ct)
    {
        switch (value.Parent)
        {
            case InitializerExpressionSyntax initializer when initializer.Parent is ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax:
                return initializer.Expressions;
            case ExpressionElementSyntax { Parent: CollectionExpressionSyntax collection }:
                return collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression).ToList();
            case AttributeArgumentSyntax { NameEquals: null, NameColon: null, Parent: AttributeArgumentListSyntax { Parent: AttributeSyntax attribute } list } argument:
                // The positional arguments from the params parameter on (for [Resources] the group comes first).
                if (model.GetSymbolInfo(attribute, ct).Symbol is not IMethodSymbol { Parameters: { Length: > 0 } parameters } || !parameters[parameters.Length - 1].IsParams)
                {
                    return null;
                }

                var positional = list.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
                var first = parameters.Length - 1;
                return positional.IndexOf(argument) < first ? null : positional.Skip(first).Select(a => a.Expression).ToList();
            default:
                return null;
        }
    }

    /// <summary>The constant string an element stands for (<c>"get"</c>, <c>Verb.Get</c>), or null.</summary>
    public static string? Value(ExpressionSyntax expression, SemanticModel model, CancellationToken ct)
        => model.GetConstantValue(expression, ct) is { HasValue: true, Value: string value } ? value : null;

    /// <summary>The root with the element removed from its list (separator and line included); the root itself when it is no list element.</summary>
    public static SyntaxNode Remove(SyntaxNode root, ExpressionSyntax value)
    {
        switch (value.Parent)
        {
            case InitializerExpressionSyntax initializer:
                return root.ReplaceNode(initializer, initializer.WithExpressions(SyntaxEditing.RemoveAt(initializer.Expressions, initializer.Expressions.IndexOf(value))));
            case ExpressionElementSyntax { Parent: CollectionExpressionSyntax collection } element:
                return root.ReplaceNode(collection, collection.WithElements(SyntaxEditing.RemoveAt(collection.Elements, collection.Elements.IndexOf(element))));
            case AttributeArgumentSyntax { Parent: AttributeArgumentListSyntax list } argument:
                return root.ReplaceNode(list, list.WithArguments(SyntaxEditing.RemoveAt(list.Arguments, list.Arguments.IndexOf(argument))));
            default:
                return root;
        }
    }

    /// <summary>
    /// The root without the attribute: out of its <c>[...]</c> list when that has others, otherwise the whole list,
    /// whose place on the line (indentation, comments before it) the next token takes.
    /// </summary>
    public static SyntaxNode RemoveAttribute(SyntaxNode root, AttributeSyntax attribute)
    {
        if (attribute.Parent is not AttributeListSyntax list)
        {
            return root;
        }

        if (list.Attributes.Count > 1)
        {
            return root.ReplaceNode(list, list.WithAttributes(SyntaxEditing.RemoveAt(list.Attributes, list.Attributes.IndexOf(attribute))));
        }

        var next = list.GetLastToken().GetNextToken();
        var tracked = root.TrackNodes(list);
        if (next.RawKind != 0)
        {
            tracked = tracked.ReplaceToken(next, next.WithLeadingTrivia(list.GetLeadingTrivia()));
        }

        return tracked.RemoveNode(tracked.GetCurrentNode(list)!, SyntaxRemoveOptions.KeepNoTrivia) ?? root;
    }
}
