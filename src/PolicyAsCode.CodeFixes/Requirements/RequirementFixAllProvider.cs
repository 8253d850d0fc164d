using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace PolicyAsCode.CodeFixes.Requirements;

/// <summary>
/// Fix All for the requirement fixes: the diagnostics of the scope usually want the same few edits (adding
/// <c>delete</c> to one rule fixes every resource of that rule), so each distinct edit is applied once, in the
/// order of the diagnostics. A batch fixer would merge the same text change several times, and the edit for a
/// PAC0001 on the policy's [MustMeet] may be in another file (a rule of a partial policy).
/// It selects edits by this provider's kinds, never by <see cref="FixAllContext.CodeActionEquivalenceKey"/>: a host
/// that takes the key from the first diagnostic it finds (dotnet format) passes none when that diagnostic has no fix,
/// and the diagnostics without an edit are skipped rather than ending the run.
/// </summary>
internal sealed class RequirementFixAllProvider : FixAllProvider
{
    private readonly string _title;
    private readonly ImmutableHashSet<string> _kinds;

    public RequirementFixAllProvider(string title, ImmutableHashSet<string> kinds)
    {
        _title = title;
        _kinds = kinds;
    }

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
        => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var ct = fixAllContext.CancellationToken;
        var diagnostics = new List<Diagnostic>();
        switch (fixAllContext.Scope)
        {
            case FixAllScope.Document when fixAllContext.Document is { } document:
                diagnostics.AddRange(await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false));
                break;
            case FixAllScope.Project:
                diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(fixAllContext.Project).ConfigureAwait(false));
                break;
            case FixAllScope.Solution:
                foreach (var project in fixAllContext.Solution.Projects)
                {
                    diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                }

                break;
        }

        var edits = new List<RequirementEdit>();
        var seen = new HashSet<RequirementEdit>();
        // A fixed order whatever order the host lists the diagnostics in, so the result is the same everywhere.
        var ordered = diagnostics
            .OrderBy(d => d.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, System.StringComparer.Ordinal)
            .ThenBy(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparer.Ordinal);
        foreach (var diagnostic in ordered)
        {
            if (fixAllContext.Solution.GetDocument(diagnostic.Location.SourceTree) is not { } document)
            {
                continue;
            }

            foreach (var edit in await RequirementEdit.AllFromAsync(document, diagnostic, ct).ConfigureAwait(false))
            {
                if (_kinds.Contains(edit.Fix) && seen.Add(edit))
                {
                    edits.Add(edit);
                }
            }
        }

        if (edits.Count == 0)
        {
            return null;
        }

        var solution = fixAllContext.Solution;
        return CodeAction.Create(_title, token => RequirementEdit.ApplyAllAsync(solution, edits, token), fixAllContext.CodeActionEquivalenceKey);
    }
}
