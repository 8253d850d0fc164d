using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

using PolicyAsCode.Generators.Helpers;

namespace PolicyAsCode.CodeFixes.Syntax;

/// <summary>
/// Finds the policy, its rules and their attributes by symbol, and writes values as the library's constants
/// (<c>Verb.Delete</c>, <c>ApiGroup.Core</c>, <c>Resource.Core.Pods</c>) when one exists.
/// </summary>
internal static class PolicySymbols
{
    public const string AuditPolicyAttribute = KnownTypeNames.AuditPolicyAttribute;
    public const string RuleAttribute = KnownTypeNames.RuleAttribute;
    public const string VerbsAttribute = KnownTypeNames.VerbsAttribute;
    public const string ResourcesAttribute = KnownTypeNames.ResourcesAttribute;

    /// <summary>A constant as code: its type qualified only as far as the position needs, no type or value shown.</summary>
    private static readonly SymbolDisplayFormat MemberFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>The [AuditPolicy] type that declares <paramref name="node"/> (the policy itself or one of its rules).</summary>
    public static INamedTypeSymbol? EnclosingPolicy(SyntaxNode node, SemanticModel model, System.Threading.CancellationToken ct)
    {
        foreach (var declaration in node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>())
        {
            if (model.GetDeclaredSymbol(declaration, ct) is { } type && Attribute(type, AuditPolicyAttribute) is not null)
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>The name <see cref="IAssemblySymbol.GetTypeByMetadataName"/> takes (nesting with '+').</summary>
    public static string MetadataName(INamedTypeSymbol type)
    {
        if (type.ContainingType is { } outer)
        {
            return MetadataName(outer) + "+" + type.MetadataName;
        }

        return type.ContainingNamespace.IsGlobalNamespace ? type.MetadataName : type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName;
    }

    /// <summary>The nested rule type named <paramref name="name"/>.</summary>
    public static INamedTypeSymbol? Rule(INamedTypeSymbol policy, string? name)
        => name is null ? null : policy.GetTypeMembers(name).FirstOrDefault(t => Attribute(t, RuleAttribute) is not null);

    public static AttributeData? Attribute(ISymbol symbol, string metadataName) => KnownTypeNames.Find(symbol, metadataName);

    /// <summary>The symbol's attributes of one type, in the order the generator reads them (the generator's own test).</summary>
    public static IEnumerable<AttributeData> Attributes(ISymbol symbol, string metadataName) => KnownTypeNames.All(symbol, metadataName);

    /// <summary>The declaration that carries the rule's [Rule] attribute (a rule type may have several partial declarations).</summary>
    public static TypeDeclarationSyntax? RuleDeclaration(INamedTypeSymbol rule, System.Threading.CancellationToken ct)
        => Attribute(rule, RuleAttribute)?.ApplicationSyntaxReference?.GetSyntax(ct).FirstAncestorOrSelf<TypeDeclarationSyntax>();

    /// <summary>The rule's <c>Order</c>, or null when it has none.</summary>
    public static int? Order(INamedTypeSymbol rule)
        => Attribute(rule, RuleAttribute)?.NamedArguments.FirstOrDefault(n => n.Key == "Order").Value.Value as int?;

    /// <summary><c>Verb.X</c> for a verb the library names; a string literal otherwise.</summary>
    public static ExpressionSyntax Verb(SemanticModel model, int position, string verb)
        => Constant(model, position, model.Compilation.GetTypeByMetadataName("PolicyAsCode.Verb"), verb) ?? Literal(verb);

    /// <summary><c>ApiGroup.X</c> for a built-in group; a string literal otherwise.</summary>
    public static ExpressionSyntax Group(SemanticModel model, int position, string group)
        => Constant(model, position, model.Compilation.GetTypeByMetadataName("PolicyAsCode.ApiGroup"), group) ?? Literal(group);

    /// <summary><c>Resource.Group.X</c> for a built-in resource (the nested class is named like the group's <c>ApiGroup</c> constant); a string literal otherwise.</summary>
    public static ExpressionSyntax Resource(SemanticModel model, int position, string group, string resource)
    {
        var groupConstant = ConstantField(model.Compilation.GetTypeByMetadataName("PolicyAsCode.ApiGroup"), group);
        var resources = groupConstant is null ? null : model.Compilation.GetTypeByMetadataName("PolicyAsCode.Resource+" + groupConstant.Name);
        return Constant(model, position, resources, resource) ?? Literal(resource);
    }

    /// <summary><c>Level.X</c>, or null when the level is not a member of <c>PolicyAsCode.Level</c>.</summary>
    public static ExpressionSyntax? Level(SemanticModel model, int position, string level)
        => model.Compilation.GetTypeByMetadataName("PolicyAsCode.Level")?.GetMembers(level).OfType<IFieldSymbol>().FirstOrDefault() is { } field
            ? SyntaxFactory.ParseExpression(field.ToMinimalDisplayString(model, position, MemberFormat))
            : null;

    /// <summary>
    /// How an attribute of the library is written at <paramref name="position"/>: <c>Rule</c> for
    /// <c>PolicyAsCode.RuleAttribute</c> with <c>using PolicyAsCode;</c>, qualified when the usings do not reach it,
    /// and with the <c>Attribute</c> suffix when the short name means something else there (a rule named <c>Verbs</c>).
    /// </summary>
    public static string AttributeName(SemanticModel model, int position, string metadataName)
    {
        var type = model.Compilation.GetTypeByMetadataName(metadataName);
        if (type is null)
        {
            return "global::" + metadataName;
        }

        var name = type.ToMinimalDisplayString(model, position);
        const string Suffix = "Attribute";
        var shortName = name.EndsWith(Suffix, System.StringComparison.Ordinal) ? name.Substring(0, name.Length - Suffix.Length) : name;
        return shortName != name && (shortName.Contains(".") || model.LookupNamespacesAndTypes(position, name: shortName).IsEmpty) ? shortName : name;
    }

    public static LiteralExpressionSyntax Literal(string value)
        => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value));

    /// <remarks>
    /// The minimal name that binds at the position (<c>Verb.Delete</c> with <c>using PolicyAsCode;</c>). Not the
    /// simplifier: inside an attribute argument it reduced <c>global::PolicyAsCode.Verb.Delete</c> to <c>Delete</c>.
    /// </remarks>
    private static ExpressionSyntax? Constant(SemanticModel model, int position, INamedTypeSymbol? container, string value)
        => ConstantField(container, value) is { } field ? SyntaxFactory.ParseExpression(field.ToMinimalDisplayString(model, position, MemberFormat)) : null;

    private static IFieldSymbol? ConstantField(INamedTypeSymbol? container, string value)
        => container?.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.IsConst && f.DeclaredAccessibility == Accessibility.Public && f.ConstantValue is string s && s == value);
}
