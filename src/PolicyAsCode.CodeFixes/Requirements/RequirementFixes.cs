using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace PolicyAsCode.CodeFixes.Requirements;

/// <summary>What the three requirement fix providers share: each offers the verified edits of its own kinds.</summary>
internal static class RequirementFixes
{
    public static async Task RegisterAsync(CodeFixContext context, ImmutableHashSet<string> kinds, string equivalenceKey)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var edit = await RequirementEdit.FromAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            if (edit is null || !kinds.Contains(edit.Fix))
            {
                continue;
            }

            var solution = context.Document.Project.Solution;
            context.RegisterCodeFix(CodeAction.Create(edit.Title, ct => edit.ApplyAsync(solution, ct), equivalenceKey), diagnostic);
        }
    }
}
