using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PolicyAsCode.CodeFixes.Syntax;
using PolicyAsCode.Generators.Diagnostics;

namespace PolicyAsCode.CodeFixes.Requirements;

/// <summary>
/// A rule to insert: <c>[Rule(level)] [Verbs(...)] [Resources(group, ...)]...</c> before or after an existing rule.
/// One diagnostic's edit gives a rule for one request; Fix All merges the rules of one place and level.
/// </summary>
internal sealed class NewRule
{
    private NewRule(string name, string level, IReadOnlyList<string> verbs, IReadOnlyList<(string Group, List<string> Resources)> entries, string? before, string? after, string? order)
    {
        Name = name;
        Level = level;
        Verbs = verbs;
        Entries = entries;
        Before = before;
        After = after;
        Order = order;
    }

    public string Name { get; }

    public string Level { get; }

    public IReadOnlyList<string> Verbs { get; }

    /// <summary>One [Resources] per group, in the order the edits name them.</summary>
    public IReadOnlyList<(string Group, List<string> Resources)> Entries { get; }

    public string? Before { get; }

    public string? After { get; }

    public string? Order { get; }

    /// <summary>The rule of one InsertRule edit.</summary>
    public static NewRule? From(RequirementEdit edit)
    {
        string? name = edit.Get(DiagnosticProperties.Rule), level = edit.Get(DiagnosticProperties.Level), verb = edit.Get(DiagnosticProperties.Verb),
            group = edit.Get(DiagnosticProperties.Group), resource = edit.Get(DiagnosticProperties.Resource);
        return name is null || level is null || verb is null || group is null || resource is null
            ? null
            : new NewRule(name, level, new[] { verb }, new[] { (group, new List<string> { resource }) }, edit.Get(DiagnosticProperties.Before), edit.Get(DiagnosticProperties.After), edit.Get(DiagnosticProperties.Order));
    }

    /// <summary>
    /// Merges the InsertRule edits of one policy, place and level. Each edit was verified as a rule for exactly its
    /// (verb, resource); rules inserted side by side at one level decide exactly as one rule that matches their
    /// union, so a merged rule is verified too as long as it matches nothing more. That holds for the verbs of one
    /// resource, and for resources whose verbs are the same: the merged rule's verbs x resources is exactly the union.
    /// Returns the rule each edit went into.
    /// </summary>
    public static Dictionary<RequirementEdit, NewRule> Merge(IEnumerable<RequirementEdit> edits)
    {
        var result = new Dictionary<RequirementEdit, NewRule>();
        var places = edits.GroupBy(e => string.Join("\n", e.Project.Id.ToString(), e.Policy, e.Get(DiagnosticProperties.Level), e.Get(DiagnosticProperties.Before), e.Get(DiagnosticProperties.After), e.Get(DiagnosticProperties.Order)), StringComparer.Ordinal);
        foreach (var place in places)
        {
            // The verbs each (group, resource) needs, in the order of the edits.
            var cells = new List<(string Group, string Resource, List<string> Verbs, List<RequirementEdit> Edits)>();
            foreach (var edit in place)
            {
                string group = edit.Get(DiagnosticProperties.Group) ?? string.Empty, resource = edit.Get(DiagnosticProperties.Resource) ?? string.Empty, verb = edit.Get(DiagnosticProperties.Verb) ?? string.Empty;
                var index = cells.FindIndex(c => c.Group == group && c.Resource == resource);
                if (index < 0)
                {
                    cells.Add((group, resource, new List<string>(), new List<RequirementEdit>()));
                    index = cells.Count - 1;
                }

                if (!cells[index].Verbs.Contains(verb))
                {
                    cells[index].Verbs.Add(verb);
                }

                cells[index].Edits.Add(edit);
            }

            // Resources with the same verbs share a rule.
            foreach (var same in cells.GroupBy(c => string.Join("\n", c.Verbs.OrderBy(v => v, StringComparer.Ordinal)), StringComparer.Ordinal))
            {
                var members = same.ToList();
                var first = members[0].Edits[0];
                if (members.Count == 1 && members[0].Edits.Count == 1)
                {
                    result[first] = From(first)!;
                    continue;
                }

                var entries = new List<(string Group, List<string> Resources)>();
                foreach (var cell in members)
                {
                    var entry = entries.FindIndex(e => e.Group == cell.Group);
                    if (entry < 0)
                    {
                        entries.Add((cell.Group, new List<string>()));
                        entry = entries.Count - 1;
                    }

                    entries[entry].Resources.Add(cell.Resource);
                }

                // Sorted, so a merged rule reads the same whatever order the diagnostics came in.
                foreach (var entry in entries)
                {
                    entry.Resources.Sort(StringComparer.Ordinal);
                }

                entries.Sort((a, b) => string.CompareOrdinal(a.Group, b.Group));
                var verbs = members[0].Verbs.OrderBy(v => v, StringComparer.Ordinal).ToList();
                var name = NewRuleNames.For(verbs.Count == 1 ? verbs[0] : null, members.Count == 1 ? members[0].Group : null, members.Count == 1 ? members[0].Resource : null);
                var rule = new NewRule(name, first.Get(DiagnosticProperties.Level)!, verbs, entries, first.Get(DiagnosticProperties.Before), first.Get(DiagnosticProperties.After), first.Get(DiagnosticProperties.Order));
                foreach (var edit in members.SelectMany(m => m.Edits))
                {
                    result[edit] = rule;
                }
            }
        }

        return result;
    }

    /// <summary>Inserts the rule next to its anchor, in the anchor's layout.</summary>
    /// <param name="solution">The solution to change.</param>
    /// <param name="compilation">The policy's project compilation in <paramref name="solution"/>.</param>
    /// <param name="policy">The policy type in <paramref name="compilation"/>.</param>
    /// <param name="lastInserted">Per policy and anchor, the rule a Fix All last put after it (so the next one goes after that).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Solution> InsertAsync(Solution solution, Compilation compilation, INamedTypeSymbol policy, Dictionary<string, string>? lastInserted, CancellationToken ct)
    {
        if (!SyntaxFacts.IsValidIdentifier(Level))
        {
            return solution;
        }

        var chainKey = PolicySymbols.MetadataName(policy) + "\n" + After;
        var anchor = PolicySymbols.Rule(policy, Before ?? (After is not null && lastInserted is not null && lastInserted.TryGetValue(chainKey, out var last) ? last : After));
        var anchorDeclaration = anchor is null ? null : PolicySymbols.RuleDeclaration(anchor, ct);
        var document = anchorDeclaration is null ? null : solution.GetDocument(anchorDeclaration.SyntaxTree);
        if (anchorDeclaration?.Parent is not TypeDeclarationSyntax container || document is null)
        {
            return solution;
        }

        string? order = null;
        if (Order is not null)
        {
            if (!int.TryParse(Order, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return solution;
            }

            var taken = policy.GetTypeMembers().Select(PolicySymbols.Order).OfType<int>().ToList();
            if (taken.Contains(value))
            {
                // Only a Fix All gets here: an earlier edit took the value. A rule that goes last can go after it.
                if (Before is not null || taken.Max() == int.MaxValue)
                {
                    return solution;
                }

                value = taken.Max() + 1;
            }

            order = value.ToString(CultureInfo.InvariantCulture);
        }

        // Unique in the current solution (a Fix All may have inserted a rule with this name already).
        var name = Name;
        for (var i = 2; !policy.GetMembers(name).IsEmpty; i++)
        {
            name = Name + i.ToString(CultureInfo.InvariantCulture);
        }

        var root = await anchorDeclaration.SyntaxTree.GetRootAsync(ct).ConfigureAwait(false);
        var model = compilation.GetSemanticModel(anchorDeclaration.SyntaxTree);
        var position = anchorDeclaration.SpanStart;
        if (PolicySymbols.Level(model, position, Level) is not { } level)
        {
            return solution;
        }

        // Written as text in the anchor's indentation and line breaks, one attribute per line as the docs show.
        var eol = SyntaxEditing.EndOfLine(root).ToFullString();
        var indentation = SyntaxEditing.Indentation(anchorDeclaration);
        var indent = indentation.ToFullString();
        var text = indent + "[" + PolicySymbols.AttributeName(model, position, PolicySymbols.RuleAttribute) + "(" + level + (order is null ? string.Empty : ", Order = " + order) + ")]" + eol
            + indent + "[" + PolicySymbols.AttributeName(model, position, PolicySymbols.VerbsAttribute) + "(" + string.Join(", ", Verbs.Select(v => PolicySymbols.Verb(model, position, v).ToString())) + ")]" + eol;
        foreach (var (group, resources) in Entries)
        {
            text += indent + "[" + PolicySymbols.AttributeName(model, position, PolicySymbols.ResourcesAttribute) + "(" + PolicySymbols.Group(model, position, group)
                + string.Concat(resources.Select(r => ", " + PolicySymbols.Resource(model, position, group, r))) + ")]" + eol;
        }

        // The body as the anchor writes it: "class X;" (C# 12) or "class X { }".
        text += indent + "public partial class " + name + (anchorDeclaration.OpenBraceToken.IsKind(SyntaxKind.None) ? ";" : " { }") + eol;
        if (SyntaxFactory.ParseMemberDeclaration(text) is not { } member || member.ContainsDiagnostics)
        {
            return solution;
        }

        var separator = SyntaxEditing.MemberSeparator(container);
        SyntaxNode newRoot;
        if (Before is null)
        {
            newRoot = root.InsertNodesAfter(anchorDeclaration, new[] { member.WithLeadingTrivia(separator.AddRange(indentation)) });
            if (After is not null && lastInserted is not null)
            {
                lastInserted[chainKey] = name;
            }
        }
        else
        {
            // The new rule takes the anchor's place (and the blank lines before it); the anchor keeps its comments.
            var (blank, rest) = SyntaxEditing.SplitLeading(anchorDeclaration);
            newRoot = root.ReplaceNode(anchorDeclaration, new SyntaxNode[] { member.WithLeadingTrivia(blank.AddRange(indentation)), anchorDeclaration.WithLeadingTrivia(separator.AddRange(rest)) });
        }

        return solution.WithDocumentSyntaxRoot(document.Id, newRoot);
    }
}
