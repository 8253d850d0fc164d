using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PolicyAsCode.CodeFixes.Syntax;

/// <summary>Small syntax edits that keep the user's layout: arguments appended in place, members moved with their comments.</summary>
internal static class SyntaxEditing
{
    /// <summary>
    /// Appends <paramref name="value"/> to the attribute's params list: into the array when the list is written as
    /// one (<c>new[] { ... }</c> or <c>[ ... ]</c>), otherwise as a new positional argument before any named one.
    /// </summary>
    public static AttributeSyntax AppendToParams(AttributeSyntax attribute, ExpressionSyntax value)
    {
        var list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        var arguments = list.Arguments;
        var lastPositional = -1;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].NameEquals is null && arguments[i].NameColon is null)
            {
                lastPositional = i;
            }
        }

        if (lastPositional >= 0)
        {
            var last = arguments[lastPositional];
            InitializerExpressionSyntax? initializer = last.Expression switch
            {
                ArrayCreationExpressionSyntax array => array.Initializer,
                ImplicitArrayCreationExpressionSyntax array => array.Initializer,
                _ => null,
            };
            if (initializer is not null)
            {
                var expressions = Append(initializer.Expressions, value);
                return attribute.ReplaceNode(initializer, initializer.WithExpressions(expressions));
            }

            if (last.Expression is CollectionExpressionSyntax collection)
            {
                var elements = Append(collection.Elements, (CollectionElementSyntax)SyntaxFactory.ExpressionElement(value));
                return attribute.ReplaceNode(collection, collection.WithElements(elements));
            }
        }

        var updated = Insert(arguments, lastPositional + 1, SyntaxFactory.AttributeArgument(value));
        return attribute.WithArgumentList(list.WithArguments(updated));
    }

    /// <summary>The list with <paramref name="item"/> at the end, separated like the list's first separator (", " when it has none).</summary>
    public static SeparatedSyntaxList<T> Append<T>(SeparatedSyntaxList<T> list, T item)
        where T : SyntaxNode
        => Insert(list, list.Count, item);

    private static SeparatedSyntaxList<T> Insert<T>(SeparatedSyntaxList<T> list, int index, T item)
        where T : SyntaxNode
    {
        var separator = list.SeparatorCount > 0
            ? SyntaxFactory.Token(list.GetSeparator(0).LeadingTrivia, SyntaxKind.CommaToken, list.GetSeparator(0).TrailingTrivia)
            : SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
        var nodes = list.ToList();
        if (index == nodes.Count && nodes.Count > 0)
        {
            // The item goes after the last one; that one's trailing trivia (a line break before ')') stays last.
            var previous = nodes[nodes.Count - 1];
            item = item.WithTrailingTrivia(previous.GetTrailingTrivia());
            nodes[nodes.Count - 1] = previous.WithTrailingTrivia(SyntaxTriviaList.Empty);
        }

        nodes.Insert(index, item);
        var separators = list.GetSeparators().ToList();
        if (nodes.Count > 1)
        {
            // The new separator sits between the new item and its left neighbour (its right one when it goes first).
            separators.Insert(index == 0 ? 0 : index - 1, separator);
        }

        return SyntaxFactory.SeparatedList(nodes, separators);
    }

    /// <summary>
    /// The list without item <paramref name="index"/> and one separator: the one after it (which carries the item's
    /// own trailing comment), or before it for the last item, whose trailing trivia (a line break before ')') then
    /// stays last. The next item takes the removed one's leading trivia, i.e. its place on the line.
    /// </summary>
    public static SeparatedSyntaxList<T> RemoveAt<T>(SeparatedSyntaxList<T> list, int index)
        where T : SyntaxNode
    {
        var nodes = list.ToList();
        var separators = list.GetSeparators().ToList();
        if (index < 0 || index >= nodes.Count)
        {
            return list;
        }

        if (index < nodes.Count - 1)
        {
            nodes[index + 1] = nodes[index + 1].WithLeadingTrivia(nodes[index].GetLeadingTrivia());
            separators.RemoveAt(index);
        }
        else if (index > 0)
        {
            nodes[index - 1] = nodes[index - 1].WithTrailingTrivia(nodes[index].GetTrailingTrivia());
            separators.RemoveAt(index - 1);
        }

        nodes.RemoveAt(index);
        return SyntaxFactory.SeparatedList(nodes, separators);
    }

    /// <summary>
    /// Splits a member's leading trivia into the blank lines that separate it from the previous member and the
    /// rest (comments, directives, indentation), which belongs to the member and moves with it.
    /// </summary>
    public static (SyntaxTriviaList Blank, SyntaxTriviaList Remainder) SplitLeading(SyntaxNode member)
    {
        var leading = member.GetLeadingTrivia();
        var blankEnd = 0;
        var i = 0;
        while (i < leading.Count)
        {
            var j = i;
            while (j < leading.Count && leading[j].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                j++;
            }

            if (j < leading.Count && leading[j].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                i = j + 1;
                blankEnd = i;
            }
            else
            {
                break;
            }
        }

        return (SyntaxFactory.TriviaList(leading.Take(blankEnd)), SyntaxFactory.TriviaList(leading.Skip(blankEnd)));
    }

    /// <summary>The whitespace before the member's first token on its line.</summary>
    public static SyntaxTriviaList Indentation(SyntaxNode member)
    {
        var leading = member.GetLeadingTrivia();
        return leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxTriviaList.Empty;
    }

    /// <summary>The blank lines the type puts between its members (taken from the first member after the first).</summary>
    public static SyntaxTriviaList MemberSeparator(TypeDeclarationSyntax type)
        => type.Members.Count > 1 ? SplitLeading(type.Members[1]).Blank : SyntaxTriviaList.Empty;

    /// <summary>The document's line break (the first one it uses), LF when it has none.</summary>
    public static SyntaxTrivia EndOfLine(SyntaxNode root)
        => root.DescendantTrivia(descendIntoTrivia: false).FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { } eol && eol.IsKind(SyntaxKind.EndOfLineTrivia)
            ? eol
            : SyntaxFactory.LineFeed;
}
