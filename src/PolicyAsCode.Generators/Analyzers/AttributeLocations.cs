using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PolicyAsCode.Generators.Diagnostics;
using PolicyAsCode.Generators.Helpers;

namespace PolicyAsCode.Generators.Analyzers;

/// <summary>
/// Where a finding lands in source: the attribute, or the argument or array element of it, that a policy path (rule,
/// field, entry, item) names. Locations are nodes of the analyzed tree, so spans are exact.
/// </summary>
internal static class AttributeLocations
{
    internal static Location? Where(AttributeData? attribute, CancellationToken ct)
        => attribute?.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation();

    /// <summary>The location of positional argument <paramref name="index"/> (params arrays counted element by element).</summary>
    internal static Location? ArgumentLocation(AttributeData? attribute, int index, CancellationToken ct)
    {
        if (attribute?.ApplicationSyntaxReference?.GetSyntax(ct) is not AttributeSyntax syntax)
        {
            return null;
        }

        var positional = syntax.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
        if (positional is null || positional.Count == 0)
        {
            return syntax.GetLocation();
        }

        // A single array expression for the params argument (new[] { ... }, new string[] { ... }, [ ... ]): point inside it.
        if (positional.Count == 1 && ArrayElements(positional[0].Expression) is { } elements && index < elements.Count)
        {
            return elements[index].GetLocation();
        }

        return index < positional.Count ? positional[index].GetLocation() : syntax.GetLocation();
    }

    /// <summary>Element <paramref name="index"/> of the params array that follows the first positional argument.</summary>
    internal static Location? ParamsElementLocation(AttributeData attribute, int index, CancellationToken ct)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(ct) is not AttributeSyntax syntax)
        {
            return null;
        }

        var positional = syntax.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
        if (positional is null || positional.Count < 2)
        {
            return syntax.GetLocation();
        }

        if (positional.Count == 2 && ArrayElements(positional[1].Expression) is { } elements)
        {
            return index < elements.Count ? elements[index].GetLocation() : positional[1].GetLocation();
        }

        return index + 1 < positional.Count ? positional[index + 1].GetLocation() : syntax.GetLocation();
    }

    /// <summary>Element <paramref name="index"/> of an array given to a named property, e.g. <c>ResourceNames = new[] { ... }</c>.</summary>
    internal static Location? NamedElementLocation(AttributeData attribute, string property, int index, CancellationToken ct)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(ct) is not AttributeSyntax syntax)
        {
            return null;
        }

        var named = syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property);
        if (named is null)
        {
            return syntax.GetLocation();
        }

        return ArrayElements(named.Expression) is { } elements && index < elements.Count ? elements[index].GetLocation() : named.GetLocation();
    }

    /// <summary>The element expressions of an array argument, as nodes of the analyzed tree (so their locations are real).</summary>
    internal static IReadOnlyList<ExpressionSyntax>? ArrayElements(ExpressionSyntax expression) => expression switch
    {
        ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
        ImplicitArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
        CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression).ToList(),
        _ => null,
    };
}
