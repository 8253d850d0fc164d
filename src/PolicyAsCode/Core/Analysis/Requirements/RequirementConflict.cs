using System;
using System.Collections.Generic;
using System.Linq;

namespace PolicyAsCode;

/// <summary>
/// One cell on which two requirements ask for levels no policy can give one request at once (PAC0014): one needs more
/// than the other allows (DISA STIG's RequestResponse for everything against CIS 3.2.2's Metadata for secrets). It
/// depends on the requirements only, not on a policy.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed record RequirementConflict
{
    /// <summary>The set that needs more (its lowest level for the cell is above the other's maximum).</summary>
    public string NeedsMoreSet { get; init; } = string.Empty;

    /// <summary>Its requirement.</summary>
    public Requirement NeedsMore { get; init; } = new();

    /// <summary>The set that allows less.</summary>
    public string AllowsLessSet { get; init; } = string.Empty;

    /// <summary>Its requirement.</summary>
    public Requirement AllowsLess { get; init; } = new();

    /// <summary>The verb of the cell.</summary>
    public string Verb { get; init; } = string.Empty;

    /// <summary>The API group of the cell.</summary>
    public string Group { get; init; } = string.Empty;

    /// <summary>The resource (or resource/subresource) of the cell.</summary>
    public string Resource { get; init; } = string.Empty;

    /// <summary>A request both requirements cover.</summary>
    public AuditRequest Example { get; init; } = new();

    /// <summary>The example as an HTTP request line (<c>explain --http</c>), or null when no URL spells it.</summary>
    public string? ExampleHttp { get; init; }

    /// <summary>
    /// "get secrets by jane: DisaStig needs RequestResponse, Cis322 needs exactly Metadata; no policy meets both (e.g. GET
    /// /api/v1/namespaces/team-a/secrets/example)".
    /// </summary>
    public string Message
    {
        get
        {
            var cell = RequirementCell.Of(Verb, Group, Resource);
            var scope = (NeedsMore.Users.IsEmpty && AllowsLess.Users.IsEmpty ? string.Empty : " by " + Example.User)
                + (NeedsMore.Namespaces.IsEmpty && AllowsLess.Namespaces.IsEmpty ? string.Empty : " in " + Example.Namespace);
            return cell.Display + scope + ": " + NeedsMoreSet + " needs " + NeedsMore.NeedsText + ", " + AllowsLessSet + " needs " + AllowsLess.NeedsText
                + "; no policy meets both" + (ExampleHttp is null ? string.Empty : " (e.g. " + ExampleHttp + ")");
        }
    }
}

/// <summary>Finds the cells on which declared requirement sets contradict each other.</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static class RequirementConflicts
{
    /// <summary>
    /// Every conflicting cell, once per (cell, pair of sets), in the sets' order: for each two requirements (of different
    /// sets or of one), the cells both cover (wildcards expanded over the catalog), where a request both cover exists
    /// and one's lowest level is above the other's maximum.
    /// </summary>
    /// <param name="sets">The declared sets.</param>
    /// <param name="target">The target Kubernetes version (null: the current one).</param>
    public static List<RequirementConflict> Find(IReadOnlyList<RequirementSet> sets, (int Major, int Minor)? target = null)
    {
        var all = new List<(string Set, Requirement Requirement)>();
        foreach (var set in sets)
        {
            foreach (var requirement in set.Requirements)
            {
                all.Add((set.Name, requirement));
            }
        }

        var conflicts = new List<RequirementConflict>();
        var seen = new HashSet<(RequirementCell, string, string)>();
        for (var a = 0; a < all.Count; a++)
        {
            for (var b = a + 1; b < all.Count; b++)
            {
                // Without a maximum below the other's possible minimum no cell can conflict: skip the expansion.
                if (!MayConflict(all[a].Requirement, all[b].Requirement) && !MayConflict(all[b].Requirement, all[a].Requirement))
                {
                    continue;
                }

                foreach (var cell in SharedCells(all[a].Requirement, all[b].Requirement, target))
                {
                    foreach (var (more, less) in new[] { (all[a], all[b]), (all[b], all[a]) })
                    {
                        if (!less.Requirement.MaximumLevel.AtLeast(more.Requirement.LowestFor(cell.Verb, cell.Subresource))
                            && ExampleOf(cell, more.Requirement, less.Requirement) is { } example
                            && seen.Add((cell, more.Set, less.Set)))
                        {
                            conflicts.Add(new RequirementConflict
                            {
                                NeedsMoreSet = more.Set,
                                NeedsMore = more.Requirement,
                                AllowsLessSet = less.Set,
                                AllowsLess = less.Requirement,
                                Verb = cell.Verb,
                                Group = cell.Group,
                                Resource = cell.ResourcePath,
                                Example = example,
                                ExampleHttp = RequestDomain.ExampleHttp(example),
                            });
                        }
                    }
                }
            }
        }

        return conflicts;
    }

    /// <summary>Whether <paramref name="more"/> can need more, somewhere, than <paramref name="less"/> allows.</summary>
    private static bool MayConflict(Requirement more, Requirement less)
        => !less.MaximumLevel.AtLeast(more.EmittedStages.IsEmpty || more.MinimumLevel.AtLeast(AuditLevel.Metadata) ? more.MinimumLevel : AuditLevel.Metadata);

    /// <summary>The cells both requirements cover: each one's cells the other covers (a wildcard meets the other's literals).</summary>
    private static IEnumerable<RequirementCell> SharedCells(Requirement first, Requirement second, (int Major, int Minor)? target)
    {
        var seen = new HashSet<RequirementCell>();
        foreach (var cell in RequirementCells.Of(first, null, target).Where(c => RequirementCells.Covers(second, c))
            .Concat(RequirementCells.Of(second, null, target).Where(c => RequirementCells.Covers(first, c))))
        {
            if (seen.Add(cell))
            {
                yield return cell;
            }
        }
    }

    /// <summary>
    /// A request of the cell that can succeed and is in both requirements' scopes (users, groups, namespaces), or null:
    /// a user and namespace both allow (a fresh one where neither names any), one group of each when they name groups.
    /// </summary>
    private static AuditRequest? ExampleOf(RequirementCell cell, Requirement first, Requirement second)
    {
        if (RequestDomain.ShapeOf(cell.Verb, cell.Group, cell.Resource, cell.Subresource) is not { } shape)
        {
            return null;
        }

        var users = Shared(first.Users, second.Users, "jane") ?? new List<string>();
        var namespaces = Shared(first.Namespaces, second.Namespaces, null);
        var groups = new[] { first.UserGroups.FirstOrDefault(), second.UserGroups.FirstOrDefault() }.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        if (users.Count == 0 || namespaces?.Count == 0)
        {
            return null;
        }

        // Unrestricted: the namespace forms of the shape, a fresh namespace first.
        var namespaceCandidates = namespaces ?? new List<string> { "team-a", string.Empty };
        var nameCandidates = shape.Name switch
        {
            NameForm.None => new[] { string.Empty },
            NameForm.Required => new[] { "example" },
            _ => new[] { string.Empty, "example" },
        };
        foreach (var ns in namespaceCandidates)
        {
            foreach (var name in shape.Namespace == NamespaceForm.OwnName ? new[] { ns } : nameCandidates)
            {
                var request = cell.Request(users[0], groups, ns, name);
                if (shape.Admits(name, ns) && RequestDomain.CanSucceed(request))
                {
                    return request;
                }
            }
        }

        return null;
    }

    /// <summary>The values both lists allow (an empty list allows every value): null when neither restricts and there is no fresh value.</summary>
    private static List<string>? Shared(EquatableArray<string> first, EquatableArray<string> second, string? fresh)
    {
        var shared = first.IsEmpty
            ? (second.IsEmpty ? null : second.ToList())
            : second.IsEmpty ? first.ToList() : first.Where(v => PolicyEvaluator.Contains(second, v)).ToList();
        return shared ?? (fresh is null ? null : new List<string> { fresh });
    }
}
