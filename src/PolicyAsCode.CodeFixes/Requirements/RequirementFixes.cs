using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace PolicyAsCode.CodeFixes.Requirements;

/// <summary>What the three requirement fix providers share: each offers the verified edits of its own kinds.</summary>
internal static class RequirementFixes
{
    /// <summary>One code action per diagnostic: all of its edits of these kinds (a grouped finding has one per distinct fix).</summary>
    public static async Task RegisterAsync(CodeFixContext context, ImmutableHashSet<string> kinds, string equivalenceKey)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var edits = (await RequirementEdit.AllFromAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false))
                .Where(e => kinds.Contains(e.Fix))
                .ToList();
            if (edits.Count == 0)
            {
                continue;
            }

            var solution = context.Document.Project.Solution;
            var title = edits.Count == 1 ? edits[0].Title : edits[0].Title + " and " + (edits.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more edits";
            context.RegisterCodeFix(CodeAction.Create(title, ct => RequirementEdit.ApplyAllAsync(solution, edits, ct), equivalenceKey), diagnostic);
        }
    }
}
