using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PolicyAsCode.CodeFixes.Syntax;
using PolicyAsCode.Generators.Diagnostics;

namespace PolicyAsCode.CodeFixes.Requirements;

/// <summary>
/// One edit the analyzer verified for a PAC0001/PAC0002 gap, read from the diagnostic's properties. It names the
/// policy and rules, not text positions, so several edits apply one after another to a changing solution (Fix
/// All), and two diagnostics that want the same edit compare equal and are applied once.
/// </summary>
internal sealed class RequirementEdit : IEquatable<RequirementEdit>
{
    private static readonly string[] Keys =
    {
        DiagnosticProperties.Fix, DiagnosticProperties.Rule, DiagnosticProperties.Verb, DiagnosticProperties.Group,
        DiagnosticProperties.Resource, DiagnosticProperties.ResourcesIndex, DiagnosticProperties.Level,
        DiagnosticProperties.Before, DiagnosticProperties.After, DiagnosticProperties.Order,
    };

    private readonly ImmutableDictionary<string, string?> _properties;
    private readonly string _key;

    private RequirementEdit(ProjectId project, string policy, ImmutableDictionary<string, string?> properties)
    {
        Project = project;
        Policy = policy;
        _properties = properties;
        var key = new StringBuilder(policy);
        foreach (var name in Keys)
        {
            key.Append('\n').Append(name).Append('=').Append(Get(name));
        }

        _key = key.ToString();
    }

    /// <summary>The project that declares the policy.</summary>
    public ProjectId Project { get; }

    /// <summary>The policy type's metadata name.</summary>
    public string Policy { get; }

    /// <summary>The kind (<see cref="DiagnosticProperties.Fix"/>).</summary>
    public string Fix => Get(DiagnosticProperties.Fix) ?? string.Empty;

    /// <summary>What the edit does, for the light bulb.</summary>
    public string Title => Fix switch
    {
        DiagnosticProperties.AddVerb => "Add '" + Get(DiagnosticProperties.Verb) + "' to the verbs of rule '" + Get(DiagnosticProperties.Rule) + "'",
        DiagnosticProperties.AddResource => "Add '" + Get(DiagnosticProperties.Resource) + "' to the resources of rule '" + Get(DiagnosticProperties.Rule) + "'",
        DiagnosticProperties.InsertRule => "Add rule '" + Get(DiagnosticProperties.Rule) + "' (" + Get(DiagnosticProperties.Level) + " for " + Get(DiagnosticProperties.Verb) + " "
            + (string.IsNullOrEmpty(Get(DiagnosticProperties.Group)) ? string.Empty : Get(DiagnosticProperties.Group) + "/") + Get(DiagnosticProperties.Resource) + ")",
        DiagnosticProperties.MoveRule => "Move rule '" + Get(DiagnosticProperties.Rule) + "' before rule '" + Get(DiagnosticProperties.Before) + "'",
        _ => Fix,
    };

    /// <summary>
    /// The edits a diagnostic carries, one per distinct fix of its cells (empty when the analyzer verified none): edit k
    /// under the keys of <see cref="DiagnosticProperties.Of"/>.
    /// </summary>
    public static async Task<IReadOnlyList<RequirementEdit>> AllFromAsync(Document document, Diagnostic diagnostic, CancellationToken ct)
    {
        if (!diagnostic.Properties.ContainsKey(DiagnosticProperties.Fix) || !diagnostic.Location.IsInSource)
        {
            return Array.Empty<RequirementEdit>();
        }

        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return Array.Empty<RequirementEdit>();
        }

        // A requirement finding sits on the policy's [MustMeet] or on a rule's [Rule]: both are inside the policy type.
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var policy = PolicySymbols.EnclosingPolicy(node, model, ct);
        if (policy is null)
        {
            return Array.Empty<RequirementEdit>();
        }

        var edits = new List<RequirementEdit>();
        for (var k = 0; diagnostic.Properties.TryGetValue(DiagnosticProperties.Of(DiagnosticProperties.Fix, k), out var fix) && fix is not null; k++)
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
            foreach (var key in Keys)
            {
                if (diagnostic.Properties.TryGetValue(DiagnosticProperties.Of(key, k), out var value))
                {
                    properties.Add(key, value);
                }
            }

            var edit = new RequirementEdit(document.Project.Id, PolicySymbols.MetadataName(policy), properties.ToImmutable());
            if (!edits.Contains(edit))
            {
                edits.Add(edit);
            }
        }

        return edits;
    }

    /// <summary>
    /// Applies distinct edits one after another. Rules to insert at the same place at the same level become one rule
    /// (see <see cref="NewRule.Merge"/>), and rules inserted after the same rule keep the order of the edits.
    /// </summary>
    public static async Task<Solution> ApplyAllAsync(Solution solution, IReadOnlyList<RequirementEdit> edits, CancellationToken ct)
    {
        var lastInserted = new Dictionary<string, string>(StringComparer.Ordinal);
        var merged = NewRule.Merge(edits.Where(e => e.Fix == DiagnosticProperties.InsertRule));
        var done = new HashSet<NewRule>();

        // Orders must stay unique: when one place gets several merged rules (resources that need different verbs), each
        // was given the same free Order, so only the first is inserted; the others' diagnostics remain and their fix
        // then finds the next free Order.
        var orders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var edit in edits)
        {
            ct.ThrowIfCancellationRequested();
            if (edit.Fix != DiagnosticProperties.InsertRule)
            {
                solution = await edit.ApplyAsync(solution, lastInserted, ct).ConfigureAwait(false);
            }
            else if (merged.TryGetValue(edit, out var rule) && done.Add(rule) && (rule.Order is null || orders.Add(edit.Policy + "\n" + rule.Order))
                && solution.GetProject(edit.Project) is { } project
                && await project.GetCompilationAsync(ct).ConfigureAwait(false) is { } compilation
                && compilation.Assembly.GetTypeByMetadataName(edit.Policy) is { } policy)
            {
                solution = await rule.InsertAsync(solution, compilation, policy, lastInserted, ct).ConfigureAwait(false);
            }
        }

        return solution;
    }

    /// <summary>A property of the edit (null when absent).</summary>
    internal string? Get(string key) => _properties.TryGetValue(key, out var value) ? value : null;

    /// <inheritdoc/>
    public bool Equals(RequirementEdit? other) => other is not null && Project == other.Project && string.Equals(_key, other._key, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RequirementEdit);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_key);

    private async Task<Solution> ApplyAsync(Solution solution, Dictionary<string, string>? lastInserted, CancellationToken ct)
    {
        var compilation = solution.GetProject(Project) is { } project ? await project.GetCompilationAsync(ct).ConfigureAwait(false) : null;
        var policy = compilation?.Assembly.GetTypeByMetadataName(Policy);
        if (compilation is null || policy is null)
        {
            return solution;
        }

        return Fix switch
        {
            DiagnosticProperties.AddVerb => await AddVerbAsync(solution, compilation, policy, ct).ConfigureAwait(false),
            DiagnosticProperties.AddResource => await AddResourceAsync(solution, compilation, policy, ct).ConfigureAwait(false),
            DiagnosticProperties.InsertRule when NewRule.From(this) is { } rule => await rule.InsertAsync(solution, compilation, policy, lastInserted, ct).ConfigureAwait(false),
            DiagnosticProperties.MoveRule => await MoveRuleAsync(solution, compilation, policy, ct).ConfigureAwait(false),
            _ => solution,
        };
    }

    private async Task<Solution> AddVerbAsync(Solution solution, Compilation compilation, INamedTypeSymbol policy, CancellationToken ct)
    {
        var verb = Get(DiagnosticProperties.Verb);
        var rule = PolicySymbols.Rule(policy, Get(DiagnosticProperties.Rule));
        var attribute = rule is null ? null : PolicySymbols.Attribute(rule, PolicySymbols.VerbsAttribute);
        if (verb is null || attribute is null || Values(attribute, 0).Contains(verb))
        {
            // Already there: another edit of the same Fix All added it.
            return solution;
        }

        return await EditAttributeAsync(solution, compilation, attribute, (syntax, model) => SyntaxEditing.AppendToParams(syntax, PolicySymbols.Verb(model, syntax.SpanStart, verb)), ct).ConfigureAwait(false);
    }

    private async Task<Solution> AddResourceAsync(Solution solution, Compilation compilation, INamedTypeSymbol policy, CancellationToken ct)
    {
        var group = Get(DiagnosticProperties.Group);
        var resource = Get(DiagnosticProperties.Resource);
        var rule = PolicySymbols.Rule(policy, Get(DiagnosticProperties.Rule));
        if (group is null || resource is null || rule is null || !int.TryParse(Get(DiagnosticProperties.ResourcesIndex), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return solution;
        }

        var attribute = PolicySymbols.Attributes(rule, PolicySymbols.ResourcesAttribute).ElementAtOrDefault(index);
        if (attribute is null || attribute.ConstructorArguments.FirstOrDefault().Value as string != group || Values(attribute, 1).Contains(resource))
        {
            return solution;
        }

        return await EditAttributeAsync(solution, compilation, attribute, (syntax, model) => SyntaxEditing.AppendToParams(syntax, PolicySymbols.Resource(model, syntax.SpanStart, group, resource)), ct).ConfigureAwait(false);
    }

    private async Task<Solution> MoveRuleAsync(Solution solution, Compilation compilation, INamedTypeSymbol policy, CancellationToken ct)
    {
        var moved = PolicySymbols.Rule(policy, Get(DiagnosticProperties.Rule));
        var before = PolicySymbols.Rule(policy, Get(DiagnosticProperties.Before));
        if (moved is null || before is null)
        {
            return solution;
        }

        if (Get(DiagnosticProperties.Order) is { } orderText)
        {
            // With Order the declarations stay where they are; the moved rule's Order puts it before the other.
            var attribute = PolicySymbols.Attribute(moved, PolicySymbols.RuleAttribute);
            if (attribute is null || !int.TryParse(orderText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                || policy.GetTypeMembers().Where(t => !SymbolEqualityComparer.Default.Equals(t, moved)).Select(PolicySymbols.Order).Contains(value))
            {
                return solution;
            }

            return await EditAttributeAsync(solution, compilation, attribute, (syntax, _) => WithOrder(syntax, value), ct).ConfigureAwait(false);
        }

        var movedDeclaration = PolicySymbols.RuleDeclaration(moved, ct);
        var beforeDeclaration = PolicySymbols.RuleDeclaration(before, ct);
        var document = movedDeclaration is null ? null : solution.GetDocument(movedDeclaration.SyntaxTree);
        if (movedDeclaration is null || beforeDeclaration is null || document is null || movedDeclaration.SyntaxTree != beforeDeclaration.SyntaxTree)
        {
            return solution;
        }

        // The moved rule takes the blank lines that were before the other one, and the other one gets the moved
        // rule's: the spacing stays where it was, and each rule's comments move with the rule.
        var (movedBlank, movedRest) = SyntaxEditing.SplitLeading(movedDeclaration);
        var (beforeBlank, beforeRest) = SyntaxEditing.SplitLeading(beforeDeclaration);
        var root = await movedDeclaration.SyntaxTree.GetRootAsync(ct).ConfigureAwait(false);
        var tracked = root.TrackNodes(movedDeclaration, beforeDeclaration);
        tracked = tracked.RemoveNode(tracked.GetCurrentNode(movedDeclaration)!, SyntaxRemoveOptions.KeepNoTrivia)!;
        tracked = tracked.ReplaceNode(tracked.GetCurrentNode(beforeDeclaration)!, new SyntaxNode[]
        {
            movedDeclaration.WithLeadingTrivia(beforeBlank.AddRange(movedRest)),
            beforeDeclaration.WithLeadingTrivia(movedBlank.AddRange(beforeRest)),
        });
        return solution.WithDocumentSyntaxRoot(document.Id, tracked);
    }

    /// <summary>The attribute with <c>Order = value</c> (replacing the existing value).</summary>
    private static AttributeSyntax WithOrder(AttributeSyntax attribute, int value)
    {
        var literal = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value));
        var existing = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Order");
        return existing is null
            ? attribute
            : attribute.ReplaceNode(existing.Expression, literal.WithTriviaFrom(existing.Expression));
    }

    private static async Task<Solution> EditAttributeAsync(Solution solution, Compilation compilation, AttributeData attribute, Func<AttributeSyntax, SemanticModel, AttributeSyntax> edit, CancellationToken ct)
    {
        if (attribute.ApplicationSyntaxReference is null
            || await attribute.ApplicationSyntaxReference.GetSyntaxAsync(ct).ConfigureAwait(false) is not AttributeSyntax syntax
            || solution.GetDocument(syntax.SyntaxTree) is not { } document)
        {
            return solution;
        }

        var root = await syntax.SyntaxTree.GetRootAsync(ct).ConfigureAwait(false);
        return solution.WithDocumentSyntaxRoot(document.Id, root.ReplaceNode(syntax, edit(syntax, compilation.GetSemanticModel(syntax.SyntaxTree))));
    }

    /// <summary>The strings of a params argument.</summary>
    private static IEnumerable<string?> Values(AttributeData attribute, int index)
        => attribute.ConstructorArguments.Length > index && attribute.ConstructorArguments[index].Kind == TypedConstantKind.Array
            ? attribute.ConstructorArguments[index].Values.Select(v => v.Value as string)
            : Enumerable.Empty<string?>();
}
