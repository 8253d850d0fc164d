using System;
using System.Collections.Generic;
using System.Linq;

namespace PolicyAsCode;

/// <summary>
/// The exact search behind <see cref="PolicyDiff"/>. It splits the requests one attribute at a time (kind, verb, then
/// namespace, API group, resource, subresource and object name, or the path, then user and groups), keeping for each
/// policy only the rules that can still match, in order. Each policy ends with a catch-all standing for "no rule
/// matches". A branch ends when
/// <list type="bullet">
/// <item>the first remaining rule of each policy matches every request of the branch: those two rules decide all of
/// it (one case, reported when their outcomes differ);</item>
/// <item>every remaining rule of both policies has the same outcome, or both policies have the same remaining rules
/// in the same order: nothing in the branch can be decided differently.</item>
/// </list>
/// Each attribute branches only on the literals the remaining rules name plus one value none of them names (a
/// concrete one, which stands for all of them). Only requests kube-apiserver can receive are differences
/// (docs/request-domain.md): a branch that ends with a difference counts only when it holds a receivable request, and
/// its example is one, chosen among the branch's requests so that it can also succeed when any of them can (a fresh
/// value may be swapped for another value none of the rules there names, an unassigned one for any value).
/// Groups: a request with at most two named
/// groups (one reaching each policy's deciding rule) shows every difference a larger set shows, because a rule matches
/// when any group matches. The subject is split last, where few rules remain, because group sets grow quadratically.
/// The work is bounded: beyond <c>maxSteps</c> branches the search stops with <see cref="PolicyDiffTooLargeException"/>.
/// </summary>
internal sealed class DiffSearch
{
    private const int Kind = 0, Verb = 1, Namespace = 2, ApiGroup = 3, Resource = 4, Subresource = 5, Name = 6, Path = 7, User = 8, Groups = 9;

    // The attributes a kind of request has, in the order used when the rules give no better choice. Groups stay last.
    private static readonly int[] ResourceOrder = { Verb, Namespace, ApiGroup, Resource, Subresource, Name, User, Groups };
    private static readonly int[] NonResourceOrder = { Verb, Path, User, Groups };

    private readonly Side _old;
    private readonly Side _new;
    private readonly int[] _signatureOld;
    private readonly int[] _signatureNew;
    private readonly long _maxSteps;
    private readonly Action<AuditRequest, bool> _difference;
    private readonly FreshValues _fresh;
    private long _steps;

    // The partial request: a field is meaningful once its attribute's bit is set in the branch's mask.
    private bool _resource;
    private string _verb = string.Empty;
    private string _namespace = string.Empty;
    private string _apiGroup = string.Empty;
    private string _resourceName = string.Empty;
    private string _subresource = string.Empty;
    private string _name = string.Empty;
    private string _path = string.Empty;
    private string _user = string.Empty;
    private string[] _groups = Array.Empty<string>();

    // For an attribute holding its fresh value: the values branched on beside it (the class it stands for is every
    // value not among them), null when it holds a literal.
    private readonly List<string>?[] _classOf = new List<string>?[Groups + 1];

    /// <param name="oldPolicy">The old policy.</param>
    /// <param name="newPolicy">The new policy.</param>
    /// <param name="maxSteps">The most branches to visit.</param>
    /// <param name="difference">
    /// Receives one receivable request per case the two policies decide differently, and whether it can succeed (when
    /// false, no request of the case can).
    /// </param>
    public DiffSearch(Policy oldPolicy, Policy newPolicy, long maxSteps, Action<AuditRequest, bool> difference)
    {
        _old = new Side(oldPolicy);
        _new = new Side(newPolicy);
        _maxSteps = maxSteps;
        _difference = difference;
        _fresh = new FreshValues(oldPolicy, newPolicy);

        // Rules that match the same requests with the same effective outcome share a signature, across both policies.
        var signatures = new Dictionary<(PolicyRule, Outcome), int>();
        _signatureOld = Signatures(_old, signatures);
        _signatureNew = Signatures(_new, signatures);
    }

    /// <summary>The number of branches visited so far.</summary>
    public long Steps => _steps;

    public void Run() => Explore(0, All(_old), All(_new));

    /// <param name="assigned">A bit per assigned attribute (1 &lt;&lt; attribute).</param>
    /// <param name="oldLive">The old policy's rules that can still match, in order.</param>
    /// <param name="newLive">The new policy's rules that can still match, in order.</param>
    private void Explore(int assigned, List<int> oldLive, List<int> newLive)
    {
        if (++_steps > _maxSteps)
        {
            throw new PolicyDiffTooLargeException(_maxSteps);
        }

        var oldFirst = Truncate(_old, oldLive, assigned);
        var newFirst = Truncate(_new, newLive, assigned);
        if (oldFirst && newFirst)
        {
            if (_old.Outcomes[oldLive[0]] != _new.Outcomes[newLive[0]] && Example(assigned) is { } example)
            {
                _difference(example.Request, example.Succeeds);
            }

            return;
        }

        if (OneOutcome(oldLive, newLive))
        {
            return;
        }

        var attribute = Next(assigned, oldLive, newLive);
        if (attribute < 0)
        {
            return;
        }

        var candidates = Candidates(attribute, oldLive, newLive);
        var fresh = FreshOf(attribute);
        foreach (var value in candidates)
        {
            Assign(attribute, value);
            _classOf[attribute] = fresh is not null && value == fresh ? candidates : null;
            Explore(assigned | (1 << attribute), Filter(_old, oldLive, attribute), Filter(_new, newLive, attribute));
        }
    }

    /// <summary>
    /// The attribute to split next, or -1 when both policies have the same remaining rules (nothing can differ). The
    /// split serves the first rule where the two lists part: an attribute it constrains, so that rule is soon either
    /// excluded (and the lists may agree again) or decides. Splitting in a fixed order instead would branch on every
    /// namespace or user that unrelated rules name. Groups come last because their sets grow quadratically.
    /// </summary>
    private int Next(int assigned, List<int> oldLive, List<int> newLive)
    {
        if (!Assigned(Kind, assigned))
        {
            return Kind;
        }

        var p = 0;
        while (p < oldLive.Count && p < newLive.Count && _signatureOld[oldLive[p]] == _signatureNew[newLive[p]])
        {
            p++;
        }

        if (p == oldLive.Count && p == newLive.Count)
        {
            return -1;
        }

        // Of the two rules where the lists part, serve first the one that moved further (or has no counterpart): when a
        // rule moved to the front, the rules it jumped over are each only one place away, and serving them one after
        // another would branch over all their values.
        var order = _resource ? ResourceOrder : NonResourceOrder;
        var oldRule = p < oldLive.Count ? _old.Rules[oldLive[p]] : null;
        var newRule = p < newLive.Count ? _new.Rules[newLive[p]] : null;
        var oldMoved = p < oldLive.Count ? Distance(_signatureOld[oldLive[p]], _signatureNew, newLive, p) : -1;
        var newMoved = p < newLive.Count ? Distance(_signatureNew[newLive[p]], _signatureOld, oldLive, p) : -1;
        foreach (var rule in newMoved > oldMoved ? new[] { newRule, oldRule } : new[] { oldRule, newRule })
        {
            if (rule is null)
            {
                continue;
            }

            foreach (var attribute in order)
            {
                if (attribute != Groups && !Assigned(attribute, assigned) && Constrains(rule, attribute))
                {
                    return attribute;
                }
            }
        }

        foreach (var attribute in order)
        {
            if (!Assigned(attribute, assigned))
            {
                return attribute;
            }
        }

        throw new InvalidOperationException("diff: a fully assigned request is not decided by a rule");
    }

    /// <summary>How far after position <paramref name="p"/> the other list has a rule with this signature (int.MaxValue: none).</summary>
    private static int Distance(int signature, int[] otherSignatures, List<int> otherLive, int p)
    {
        for (var q = p; q < otherLive.Count; q++)
        {
            if (otherSignatures[otherLive[q]] == signature)
            {
                return q - p;
            }
        }

        return int.MaxValue;
    }

    /// <summary>Whether splitting this attribute next narrows what the rule matches (the cell's parts in order).</summary>
    private static bool Constrains(PolicyRule rule, int attribute) => attribute switch
    {
        Verb => !rule.Verbs.IsEmpty,
        Namespace => !rule.Namespaces.IsEmpty,
        ApiGroup => !rule.Resources.IsEmpty,
        Resource => !rule.Resources.IsEmpty,
        Subresource => !rule.Resources.IsEmpty,
        Name => HasNames(rule),
        Path => !rule.NonResourceURLs.IsEmpty,
        User => !rule.Users.IsEmpty,
        _ => !rule.UserGroups.IsEmpty,
    };

    /// <summary>Drops the rules after the first one that matches every request of the branch; true if that is the first.</summary>
    private bool Truncate(Side side, List<int> live, int assigned)
    {
        for (var p = 0; p < live.Count; p++)
        {
            if (Settled(side.Rules[live[p]], assigned))
            {
                live.RemoveRange(p + 1, live.Count - p - 1);
                return p == 0;
            }
        }

        // Unreachable: the catch-all at the end is always settled.
        return false;
    }

    private bool OneOutcome(List<int> oldLive, List<int> newLive)
    {
        var outcome = _old.Outcomes[oldLive[0]];
        foreach (var i in oldLive)
        {
            if (_old.Outcomes[i] != outcome)
            {
                return false;
            }
        }

        foreach (var i in newLive)
        {
            if (_new.Outcomes[i] != outcome)
            {
                return false;
            }
        }

        return true;
    }

    private List<int> Filter(Side side, List<int> live, int attribute)
    {
        var next = new List<int>(live.Count);
        foreach (var i in live)
        {
            if (Consistent(side.Rules[i], attribute))
            {
                next.Add(i);
            }
        }

        return next;
    }

    private List<string> Candidates(int attribute, List<int> oldLive, List<int> newLive)
    {
        var literals = new List<string>();
        switch (attribute)
        {
            case Kind:
                return new List<string> { "resource", "non-resource" };
            case Verb:
                // A verb no request of the kind has (bind on a resource, GET as a lower-cased method) is no class of
                // requests; "" and proxy are. The fresh resource verb stays even when it is none: an example may
                // swap it for any verb the rules there do not name.
                var fresh = _resource ? _fresh.ResourceVerb : _fresh.HttpVerb;
                literals.Add(fresh);
                Collect(oldLive, newLive, (rule, into) => into.AddRange(rule.Verbs), literals);
                return RepresentativeValues.Distinct(literals.Where(v => v == fresh || (_resource ? RequestDomain.IsResourceVerb(v) : RequestDomain.IsNonResourceVerb(v))));
            case Namespace:
                literals.Add(_fresh.Namespace);
                Collect(oldLive, newLive, (rule, into) => into.AddRange(rule.Namespaces), literals);
                break;
            case ApiGroup:
                literals.Add(_fresh.ApiGroup);
                Collect(oldLive, newLive, (rule, into) =>
                {
                    foreach (var entry in rule.Resources)
                    {
                        if (entry.Group != "*")
                        {
                            into.Add(entry.Group);
                        }
                    }
                }, literals);
                break;
            case Resource:
                literals.Add(_fresh.Resource);
                Collect(oldLive, newLive, (rule, into) =>
                {
                    foreach (var entry in rule.Resources)
                    {
                        foreach (var pattern in entry.Resources)
                        {
                            var slash = pattern.IndexOf('/');
                            var resource = slash < 0 ? pattern : pattern.Substring(0, slash);
                            if (resource != "*")
                            {
                                into.Add(resource);
                            }
                        }
                    }
                }, literals);
                break;
            case Subresource:
                // No subresource is its own class (a plain "pods" matches only it), and the commonest request.
                literals.Add(string.Empty);
                literals.Add(_fresh.Subresource);
                Collect(oldLive, newLive, (rule, into) =>
                {
                    foreach (var entry in rule.Resources)
                    {
                        foreach (var pattern in entry.Resources)
                        {
                            var slash = pattern.IndexOf('/');
                            if (slash >= 0 && pattern.Length > slash + 1 && pattern.Substring(slash + 1) != "*")
                            {
                                into.Add(pattern.Substring(slash + 1));
                            }
                        }
                    }
                }, literals);
                break;
            case Name:
                literals.Add(_fresh.Name);
                Collect(oldLive, newLive, (rule, into) =>
                {
                    foreach (var entry in rule.Resources)
                    {
                        if (PolicyEvaluator.EntryMatchesCell(entry, _apiGroup, _resourceName, _subresource))
                        {
                            into.AddRange(entry.ResourceNames);
                        }
                    }
                }, literals);
                break;
            case Path:
                return Paths(oldLive, newLive);

            case User:
                literals.Add(_fresh.User);
                Collect(oldLive, newLive, (rule, into) => into.AddRange(rule.Users), literals);
                break;
            default:
                return GroupSets(oldLive, newLive);
        }

        return RepresentativeValues.Distinct(literals);
    }

    private void Collect(List<int> oldLive, List<int> newLive, Action<PolicyRule, List<string>> add, List<string> into)
    {
        foreach (var i in oldLive)
        {
            add(_old.Rules[i], into);
        }

        foreach (var i in newLive)
        {
            add(_new.Rules[i], into);
        }
    }

    /// <summary>A path for every class the remaining rules' URL patterns tell apart, each a concrete path.</summary>
    private List<string> Paths(List<int> oldLive, List<int> newLive)
    {
        var urls = new List<string>();
        Collect(oldLive, newLive, (rule, into) => into.AddRange(rule.NonResourceURLs), urls);
        return DomainValues.Paths(urls, FreshValues.PathSuffix, FreshValues.PathSuffix, concrete: true);
    }

    /// <summary>The unnamed group alone, and with one or two named groups (encoded one per line).</summary>
    private List<string> GroupSets(List<int> oldLive, List<int> newLive)
    {
        var named = new List<string>();
        Collect(oldLive, newLive, (rule, into) => into.AddRange(rule.UserGroups), named);
        named = RepresentativeValues.Distinct(named);
        var sets = new List<string> { _fresh.Group };
        for (var a = 0; a < named.Count; a++)
        {
            sets.Add(_fresh.Group + "\n" + named[a]);
            for (var b = a + 1; b < named.Count; b++)
            {
                sets.Add(_fresh.Group + "\n" + named[a] + "\n" + named[b]);
            }
        }

        return sets;
    }

    private void Assign(int attribute, string value)
    {
        switch (attribute)
        {
            case Kind: _resource = value == "resource"; break;
            case Verb: _verb = value; break;
            case Namespace: _namespace = value; break;
            case ApiGroup: _apiGroup = value; break;
            case Resource: _resourceName = value; break;
            case Subresource: _subresource = value; break;
            case Name: _name = value; break;
            case Path: _path = value; break;
            case User: _user = value; break;
            default: _groups = value.Split('\n'); break;
        }
    }

    /// <summary>Whether a rule can still match, given the value just assigned to this attribute (and the ones before).</summary>
    private bool Consistent(PolicyRule rule, int attribute)
    {
        switch (attribute)
        {
            case Kind:
                return _resource ? !NonResourceOnly(rule) : !ResourceOnly(rule);
            case Verb:
                return rule.Verbs.IsEmpty || PolicyEvaluator.Contains(rule.Verbs, _verb);
            case Namespace:
                return rule.Namespaces.IsEmpty || PolicyEvaluator.Contains(rule.Namespaces, _namespace);
            case Path:
                if (rule.NonResourceURLs.IsEmpty)
                {
                    return true;
                }

                foreach (var url in rule.NonResourceURLs)
                {
                    if (PolicyEvaluator.PathMatches(_path, url))
                    {
                        return true;
                    }
                }

                return false;
            case User:
                return rule.Users.IsEmpty || PolicyEvaluator.Contains(rule.Users, _user);
            case Groups:
                if (rule.UserGroups.IsEmpty)
                {
                    return true;
                }

                foreach (var group in _groups)
                {
                    if (PolicyEvaluator.Contains(rule.UserGroups, group))
                    {
                        return true;
                    }
                }

                return false;
        }

        if (rule.Resources.IsEmpty)
        {
            return true;
        }

        foreach (var entry in rule.Resources)
        {
            if (entry.Group != "*" && !string.Equals(entry.Group, _apiGroup, StringComparison.Ordinal))
            {
                continue;
            }

            var matches = attribute switch
            {
                ApiGroup => true,
                Resource => entry.Resources.IsEmpty || SomePatternAllows(entry.Resources, _resourceName),
                Subresource => PolicyEvaluator.EntryMatchesCell(entry, _apiGroup, _resourceName, _subresource),
                _ => PolicyEvaluator.EntryMatchesCell(entry, _apiGroup, _resourceName, _subresource) && (entry.ResourceNames.IsEmpty || PolicyEvaluator.Contains(entry.ResourceNames, _name)),
            };
            if (matches)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether some pattern can match the resource with some subresource: <c>*</c>, <c>*/S</c>, <c>R</c>, <c>R/S</c>, <c>R/*</c>.</summary>
    private static bool SomePatternAllows(EquatableArray<string> patterns, string resource)
    {
        foreach (var pattern in patterns)
        {
            if (pattern == "*" || pattern.StartsWith("*/", StringComparison.Ordinal)
                || (pattern.StartsWith(resource, StringComparison.Ordinal) && (pattern.Length == resource.Length || pattern[resource.Length] == '/')))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a rule that is consistent so far matches every request of the branch (all it constrains is assigned).</summary>
    private bool Settled(PolicyRule rule, int assigned)
    {
        if (assigned == 0)
        {
            return !ResourceOnly(rule) && !NonResourceOnly(rule) && rule.Verbs.IsEmpty && rule.Users.IsEmpty && rule.UserGroups.IsEmpty;
        }

        if ((!rule.Verbs.IsEmpty && !Assigned(Verb, assigned)) || (!rule.Users.IsEmpty && !Assigned(User, assigned)) || (!rule.UserGroups.IsEmpty && !Assigned(Groups, assigned)))
        {
            return false;
        }

        if (!_resource)
        {
            return rule.NonResourceURLs.IsEmpty || Assigned(Path, assigned);
        }

        if (!rule.Namespaces.IsEmpty && !Assigned(Namespace, assigned))
        {
            return false;
        }

        if (rule.Resources.IsEmpty || Assigned(Name, assigned))
        {
            return true;
        }

        if (!Assigned(Subresource, assigned))
        {
            return false;
        }

        // The cell is assigned: some entry matching it must accept every name.
        foreach (var entry in rule.Resources)
        {
            if (entry.ResourceNames.IsEmpty && PolicyEvaluator.EntryMatchesCell(entry, _apiGroup, _resourceName, _subresource))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Assigned(int attribute, int assigned) => (assigned & (1 << attribute)) != 0;

    private static bool HasNames(PolicyRule rule)
    {
        foreach (var entry in rule.Resources)
        {
            if (!entry.ResourceNames.IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The fresh value of an attribute whose class an example may take another value of (null: none).</summary>
    private string? FreshOf(int attribute) => attribute switch
    {
        Verb => _resource ? _fresh.ResourceVerb : null,
        Namespace => _fresh.Namespace,
        ApiGroup => _fresh.ApiGroup,
        Resource => _fresh.Resource,
        Subresource => _fresh.Subresource,
        Name => _fresh.Name,
        _ => null,
    };

    /// <summary>
    /// A receivable request of the branch (null when it holds none), one that can succeed when some request of it
    /// can. The deciding rules match any value of an unassigned attribute, and any value of an assigned fresh one's
    /// class, so the example picks among those: the realistic fresh values first, then the values the domain treats
    /// apart (every resource verb, no namespace or name, the namespace as the name, a resource and a group of unknown
    /// scope), which are enough: RequestDomain's conditions compare an attribute only with these.
    /// </summary>
    private (AuditRequest Request, bool Succeeds)? Example(int assigned)
    {
        var resource = !Assigned(Kind, assigned) || _resource;
        var user = Assigned(User, assigned) ? _user : _fresh.User;
        var groups = Assigned(Groups, assigned) ? _groups : new[] { _fresh.Group };
        if (!resource)
        {
            var request = new AuditRequest
            {
                User = user, Groups = groups, Verb = Assigned(Verb, assigned) ? _verb : _fresh.HttpVerb,
                Path = Assigned(Path, assigned) ? _path : RepresentativeValues.FreshPath("/", FreshValues.PathSuffix, Array.Empty<string>(), concrete: true),
            };
            return RequestDomain.IsReceivable(request) ? (request, true) : null;
        }

        var verbs = Options(Verb, assigned, _verb, new[] { _fresh.ResourceVerb }.Concat(RequestDomain.ResourceVerbs));
        var namespaces = Options(Namespace, assigned, _namespace, new[] { _fresh.Namespace, string.Empty });
        var apiGroups = Options(ApiGroup, assigned, _apiGroup, new[] { _fresh.ApiGroup, _fresh.UnknownGroup });
        var resources = Options(Resource, assigned, _resourceName, new[] { _fresh.Resource, _fresh.UnknownResource });
        var subresources = Options(Subresource, assigned, _subresource, new[] { string.Empty, _fresh.Subresource });
        var names = Options(Name, assigned, _name, new[] { _fresh.Name, string.Empty });

        // A namespaces object carries its own name as namespace: the name may also be the namespace, when the name's
        // class holds that value.
        var nameIsFree = !Assigned(Name, assigned) || _classOf[Name] is not null;
        var nameClass = Assigned(Name, assigned) ? _classOf[Name] : null;
        AuditRequest? receivable = null;
        foreach (var verb in verbs)
        {
            foreach (var ns in namespaces)
            {
                foreach (var apiGroup in apiGroups)
                {
                    foreach (var resourceName in resources)
                    {
                        foreach (var sub in subresources)
                        {
                            foreach (var name in nameIsFree && ns.Length > 0 && (nameClass is null || !nameClass.Contains(ns)) ? names.Append(ns) : names)
                            {
                                var request = new AuditRequest
                                {
                                    User = user, Groups = groups, ResourceRequest = true, Verb = verb, Namespace = ns,
                                    ApiGroup = apiGroup, Resource = resourceName, Subresource = sub, Name = name,
                                };
                                if (!RequestDomain.IsReceivable(request))
                                {
                                    continue;
                                }

                                if (RequestDomain.Succeeds(request))
                                {
                                    return (request, true);
                                }

                                receivable ??= request;
                            }
                        }
                    }
                }
            }
        }

        return receivable is null ? null : (receivable, false);
    }

    /// <summary>The values an example may give an attribute: its literal; else the alternatives its class (or, unassigned, anything) allows.</summary>
    private List<string> Options(int attribute, int assigned, string value, IEnumerable<string> alternatives)
    {
        if (Assigned(attribute, assigned) && _classOf[attribute] is null)
        {
            return new List<string> { value };
        }

        var excluded = Assigned(attribute, assigned) ? _classOf[attribute] : null;
        var options = new List<string>();
        if (Assigned(attribute, assigned))
        {
            options.Add(value);
        }

        foreach (var alternative in alternatives)
        {
            if (excluded is null || !excluded.Contains(alternative))
            {
                options.Add(alternative);
            }
        }

        return RepresentativeValues.Distinct(options);
    }

    /// <summary>Namespaces or resources make a rule resource-only (upstream checks them first).</summary>
    private static bool ResourceOnly(PolicyRule rule) => !rule.Namespaces.IsEmpty || !rule.Resources.IsEmpty;

    private static bool NonResourceOnly(PolicyRule rule) => !ResourceOnly(rule) && !rule.NonResourceURLs.IsEmpty;

    private static List<int> All(Side side)
    {
        var live = new List<int>(side.Rules.Length);
        for (var i = 0; i < side.Rules.Length; i++)
        {
            live.Add(i);
        }

        return live;
    }

    private static int[] Signatures(Side side, Dictionary<(PolicyRule, Outcome), int> signatures)
    {
        var result = new int[side.Rules.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var matcher = side.Rules[i] with { Level = AuditLevel.None, OmitStages = EquatableArray<AuditStage>.Empty, OmitManagedFields = null };
            var key = (matcher, side.OutcomeOf[i]);
            if (!signatures.TryGetValue(key, out var id))
            {
                id = signatures.Count;
                signatures.Add(key, id);
            }

            result[i] = id;
        }

        return result;
    }

    /// <summary>What a rule decides: level, effective omitted stages, effective omitManagedFields.</summary>
    private readonly record struct Outcome(AuditLevel Level, StageSet Stages, bool OmitManagedFields);

    /// <summary>One policy's rules followed by a catch-all standing for "no rule matches" (level None, the policy's defaults).</summary>
    private sealed class Side
    {
        public Side(Policy policy)
        {
            var policyStages = StageSets.Of(policy.OmitStages);
            Rules = new PolicyRule[policy.Rules.Count + 1];
            OutcomeOf = new Outcome[Rules.Length];
            Outcomes = new int[Rules.Length];
            for (var i = 0; i < policy.Rules.Count; i++)
            {
                var rule = policy.Rules[i];
                Rules[i] = rule;
                OutcomeOf[i] = new Outcome(rule.Level, policyStages | StageSets.Of(rule.OmitStages), rule.OmitManagedFields ?? policy.OmitManagedFields);
            }

            Rules[policy.Rules.Count] = new PolicyRule { Level = AuditLevel.None };
            OutcomeOf[policy.Rules.Count] = new Outcome(AuditLevel.None, policyStages, policy.OmitManagedFields);
            for (var i = 0; i < Rules.Length; i++)
            {
                Outcomes[i] = OutcomeIds.Of(OutcomeOf[i]);
            }
        }

        public PolicyRule[] Rules { get; }

        public Outcome[] OutcomeOf { get; }

        /// <summary>A number per distinct outcome, equal across both policies.</summary>
        public int[] Outcomes { get; }
    }

    /// <summary>Outcome numbers shared by both sides: level, stage bits and managed fields packed into one int.</summary>
    private static class OutcomeIds
    {
        public static int Of(Outcome outcome) => ((outcome.Level.Ordinal + 1) << 16) | ((int)outcome.Stages << 1) | (outcome.OmitManagedFields ? 1 : 0);
    }
}
