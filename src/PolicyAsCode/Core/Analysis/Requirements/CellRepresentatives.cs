using System;
using System.Collections.Generic;

namespace PolicyAsCode;

/// <summary>Which attributes of an example stand for every value no rule names ("any user", "any namespace").</summary>
[Flags]
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
enum AnyValue
{
    /// <summary>Every value is one a rule names.</summary>
    None = 0,

    /// <summary>The user is one no rule names.</summary>
    User = 1,

    /// <summary>The namespace is one no rule names.</summary>
    Namespace = 2,

    /// <summary>The object name is one no rule names.</summary>
    Name = 4,
}

/// <summary>
/// The representative requests of one requirement cell (verb, API group, resource, subresource) that can succeed.
/// Rules compare attributes with literals only, so each attribute splits into the literals the rules that can match
/// the cell name, plus one concrete value none of them names (user <c>jane</c>, namespace <c>team-a</c>, name
/// <c>example</c>, numbered when a rule names it). Names and namespaces follow the cell's <see cref="CellShape"/>:
/// a <c>create</c> of pods names no object, an <c>update</c> always does, nodes never carry a namespace, a namespace
/// object carries its own name; every (namespace, name) pair is also checked with <see cref="RequestDomain.CanSucceed"/>,
/// so a literal that no URL can spell (a name with a <c>/</c>) is never evaluated.
/// </summary>
internal sealed class CellRepresentatives
{
    private readonly Requirement _requirement;
    private readonly RequirementCell _cell;
    private readonly List<string> _users = new();
    private readonly List<string?> _ruleGroups = new() { null };
    private readonly List<string?> _scopeGroups;
    private readonly List<(string Namespace, string Name)> _pairs = new();
    private readonly string _freshUser;
    private readonly string _freshNamespace;
    private readonly string _freshName;

    public CellRepresentatives(CellLiterals literals, Requirement requirement, RequirementCell cell)
    {
        _requirement = requirement;
        _cell = cell;
        var (verb, group, resource, subresource) = cell;
        var namespaces = literals.Namespaces;
        var names = new List<string>(literals.Names);
        _freshUser = literals.FreshUser;
        _freshNamespace = literals.FreshNamespace;

        // A namespace object's name is its namespace, so the namespaces the rules name are names of it too.
        var shape = RequestDomain.ShapeOf(verb, group, resource, subresource);
        var ownName = shape?.Namespace == NamespaceForm.OwnName;
        if (ownName)
        {
            names.AddRange(namespaces);
        }

        _freshName = ownName ? RepresentativeValues.Fresh(names, "team-a", "default", "team-b", "apps") : RepresentativeValues.Fresh(names, "example", "app", "web");

        _users.AddRange(requirement.Users.IsEmpty ? literals.UsersWithFresh : RepresentativeValues.Distinct(requirement.Users));
        _ruleGroups.AddRange(literals.DistinctGroups);

        // Group sets: nothing (or one group no rule names), or one named group; plus one scope group when the
        // requirement is limited to groups.
        _scopeGroups = requirement.UserGroups.IsEmpty ? new List<string?> { null } : new List<string?>(RepresentativeValues.Distinct(requirement.UserGroups));
        if (shape is not { } s)
        {
            return; // No request of the cell can succeed (list of a subresource, an authorization-only verb).
        }

        // The typical request first: a fresh name where the shape names one (lists and watches name none typically).
        var nameCandidates = s.Name switch
        {
            NameForm.None => new List<string> { string.Empty },
            NameForm.Required => Prepend(_freshName, names),
            _ => Prepend(string.Empty, Prepend(_freshName, names)),
        };
        var namespaceCandidates = requirement.Namespaces.IsEmpty
            ? s.Namespace switch
            {
                NamespaceForm.None => new List<string> { string.Empty },
                NamespaceForm.Required => literals.NamespacesWithFresh,
                NamespaceForm.OwnName => new List<string>(),
                _ => literals.NamespacesWithFreshAndNone,
            }
            : RepresentativeValues.Distinct(requirement.Namespaces);

        var probe = new AuditRequest { User = _freshUser, ResourceRequest = true, Verb = verb, ApiGroup = group, Resource = resource, Subresource = subresource };
        foreach (var name in nameCandidates)
        {
            if (!s.Admits(name.Length > 0))
            {
                continue;
            }

            // A namespace object's namespace is its name: within the requirement's namespaces when it has some.
            var candidates = s.Namespace == NamespaceForm.OwnName
                ? (requirement.Namespaces.IsEmpty || PolicyEvaluator.Contains(requirement.Namespaces, name) ? new List<string> { name } : new List<string>())
                : namespaceCandidates;
            foreach (var ns in candidates)
            {
                if (s.Admits(name, ns) && RequestDomain.CanSucceed(probe with { Namespace = ns, Name = name }))
                {
                    _pairs.Add((ns, name));
                }
            }
        }
    }

    /// <summary>The representatives, the typical request (fresh user, no group, fresh namespace and name) first.</summary>
    public IEnumerable<AuditRequest> Requests()
    {
        foreach (var user in _users)
        {
            foreach (var scopeGroup in _scopeGroups)
            {
                foreach (var ruleGroup in _ruleGroups)
                {
                    var set = new List<string>(2);
                    if (scopeGroup is not null)
                    {
                        set.Add(scopeGroup);
                    }

                    if (ruleGroup is not null && ruleGroup != scopeGroup)
                    {
                        set.Add(ruleGroup);
                    }

                    var groups = set.ToArray();
                    foreach (var (ns, name) in _pairs)
                    {
                        yield return _cell.Request(user, groups, ns, name);
                    }
                }
            }
        }
    }

    /// <summary>Which of the example's values are the fresh ones, standing for every value no rule names.</summary>
    public AnyValue StandsForAny(AuditRequest example)
    {
        var any = AnyValue.None;
        if (_requirement.Users.IsEmpty && example.User == _freshUser)
        {
            any |= AnyValue.User;
        }

        if (_requirement.Namespaces.IsEmpty && example.Namespace.Length > 0 && example.Namespace == _freshNamespace)
        {
            any |= AnyValue.Namespace;
        }

        if (example.Name.Length > 0 && example.Name == _freshName)
        {
            any |= AnyValue.Name;
        }

        return any;
    }

    internal static List<string> Prepend(string first, List<string> rest)
    {
        var all = new List<string>(rest.Count + 1) { first };
        all.AddRange(rest);
        return RepresentativeValues.Distinct(all);
    }
}

/// <summary>
/// The literals the rules that can decide a cell's requests name (users, groups, namespaces, object names), with the
/// fresh values none of them names and the candidate lists built from them. They depend only on the rules, so cells
/// decided by the same rules share them: built once, not per cell (a policy of 80,000 per-user exemptions names
/// 80,000 users in every cell).
/// </summary>
internal sealed class CellLiterals
{
    private List<string>? _usersWithFresh;
    private List<string>? _distinctGroups;
    private List<string>? _namespacesWithFresh;
    private List<string>? _namespacesWithFreshAndNone;

    public CellLiterals(EquatableArray<PolicyRule> rules)
    {
        foreach (var rule in rules)
        {
            AddAll(Users, rule.Users);
            AddAll(Groups, rule.UserGroups);
            AddAll(Namespaces, rule.Namespaces);
            foreach (var gr in rule.Resources)
            {
                AddAll(Names, gr.ResourceNames);
            }
        }

        FreshUser = RepresentativeValues.Fresh(Users, "jane", "alice", "bob", "carol");
        FreshNamespace = RepresentativeValues.Fresh(Namespaces, "team-a", "default", "team-b", "apps");
    }

    public List<string> Users { get; } = new();

    public List<string> Groups { get; } = new();

    public List<string> Namespaces { get; } = new();

    public List<string> Names { get; } = new();

    public string FreshUser { get; }

    public string FreshNamespace { get; }

    /// <summary>The fresh user first, then each named user once.</summary>
    public List<string> UsersWithFresh => _usersWithFresh ??= CellRepresentatives.Prepend(FreshUser, Users);

    public List<string> DistinctGroups => _distinctGroups ??= RepresentativeValues.Distinct(Groups);

    /// <summary>The fresh namespace first, then each named namespace once.</summary>
    public List<string> NamespacesWithFresh => _namespacesWithFresh ??= CellRepresentatives.Prepend(FreshNamespace, Namespaces);

    /// <summary>The fresh namespace, no namespace (a cluster-wide request), then each named namespace once.</summary>
    public List<string> NamespacesWithFreshAndNone => _namespacesWithFreshAndNone ??= CellRepresentatives.Prepend(FreshNamespace, CellRepresentatives.Prepend(string.Empty, Namespaces));

    /// <summary><c>List.AddRange</c> without boxing the list or allocating an enumerator (a call per rule).</summary>
    private static void AddAll(List<string> list, EquatableArray<string> values)
    {
        foreach (var value in values)
        {
            list.Add(value);
        }
    }
}
