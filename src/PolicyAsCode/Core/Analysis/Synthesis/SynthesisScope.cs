using System;
using System.Collections.Generic;
using System.Linq;

namespace PolicyAsCode;

/// <summary>
/// Whom and where a requirement applies to: its users, user groups and namespaces (each empty: any), as sorted
/// distinct lists. A synthesized rule for a scoped requirement carries the same restrictions.
/// </summary>
internal sealed record SynthesisScope(EquatableArray<string> Users, EquatableArray<string> UserGroups, EquatableArray<string> Namespaces)
{
    /// <summary>Every request.</summary>
    public static SynthesisScope Any { get; } = new(default, default, default);

    /// <summary>Whether the scope restricts nothing.</summary>
    public bool IsAny => Users.IsEmpty && UserGroups.IsEmpty && Namespaces.IsEmpty;

    /// <summary>How many attributes the scope restricts (more: more specific, so its rules come first).</summary>
    public int Restrictions => (Users.IsEmpty ? 0 : 1) + (UserGroups.IsEmpty ? 0 : 1) + (Namespaces.IsEmpty ? 0 : 1);

    /// <summary>A sort key: users, groups, namespaces, ordinal.</summary>
    public string Key => string.Join(",", Users) + "|" + string.Join(",", UserGroups) + "|" + string.Join(",", Namespaces);

    /// <summary>The scope of a requirement.</summary>
    public static SynthesisScope Of(Requirement requirement)
        => new(Sorted(requirement.Users), Sorted(requirement.UserGroups), Sorted(requirement.Namespaces));

    /// <summary>Whether some request is in both scopes (a user can be in a group of each list).</summary>
    public bool Intersects(SynthesisScope other)
        => Overlap(Users, other.Users) && Overlap(Namespaces, other.Namespaces);

    /// <summary>Whether every request in both this scope and <paramref name="other"/> is in <paramref name="outer"/>.</summary>
    public bool IntersectionWithin(SynthesisScope other, SynthesisScope outer)
        => Within(Intersect(Users, other.Users), outer.Users)
            && Within(Intersect(Namespaces, other.Namespaces), outer.Namespaces)
            && (outer.UserGroups.IsEmpty || (!UserGroups.IsEmpty && Within(UserGroups, outer.UserGroups)) || (!other.UserGroups.IsEmpty && Within(other.UserGroups, outer.UserGroups)));

    private static bool Overlap(EquatableArray<string> a, EquatableArray<string> b)
        => a.IsEmpty || b.IsEmpty || a.Any(v => PolicyEvaluator.Contains(b, v));

    /// <summary>The values both allow (empty: any).</summary>
    private static EquatableArray<string> Intersect(EquatableArray<string> a, EquatableArray<string> b)
        => a.IsEmpty ? b : b.IsEmpty ? a : new EquatableArray<string>(a.Where(v => PolicyEvaluator.Contains(b, v)));

    /// <summary>Whether the values <paramref name="inner"/> allows (empty: any) are all allowed by <paramref name="outer"/>.</summary>
    private static bool Within(EquatableArray<string> inner, EquatableArray<string> outer)
        => outer.IsEmpty || (!inner.IsEmpty && inner.All(v => PolicyEvaluator.Contains(outer, v)));

    private static EquatableArray<string> Sorted(EquatableArray<string> values)
    {
        var list = values.Distinct(StringComparer.Ordinal).ToList();
        list.Sort(StringComparer.Ordinal);
        return new EquatableArray<string>(list);
    }
}
