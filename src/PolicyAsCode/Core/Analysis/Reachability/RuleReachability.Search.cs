using System;
using System.Collections.Generic;
using System.Threading;

namespace PolicyAsCode;

static partial class RuleReachability
{
    /// <summary>What a search of one rule's requests found.</summary>
    private enum SearchResult
    {
        /// <summary>A request reaches the rule (no earlier rule matches it).</summary>
        Reached,

        /// <summary>Every request of the rule is decided by an earlier rule.</summary>
        Covered,

        /// <summary>The work bound was hit; nothing is claimed.</summary>
        Unknown,
    }

    /// <summary>
    /// Splits the requests a rule matches one attribute at a time (kind, user, groups, verb, then namespace, group and
    /// resource, object name, or the path), keeping at each step only the earlier rules that still match. Each
    /// attribute branches only on the values the rule allows, or on the literals the remaining earlier rules name plus
    /// one fresh value. Only requests kube-apiserver can receive count (docs/request-domain.md): a branch whose
    /// assigned attributes admit no receivable request ends at once (RequestDomain checks each attribute as it is
    /// assigned, against the ones before it), and the verbs and paths branch on values refined by the domain
    /// (<see cref="DomainValues"/>), so each class's representative is receivable when any of its values is.
    /// A branch ends as soon as no earlier rule is left (the rule is reached), or an earlier rule matches every
    /// request of the branch: when proving coverage, any such rule ends it; when collecting the deciding rules, only
    /// the first remaining one, which then decides all of them, and it is named only when the branch holds a
    /// receivable request of the rule. So the work follows how much the earlier rules really overlap the rule, not the
    /// product of all literals; a bound stops pathological inputs.
    /// </summary>
    private sealed class Search
    {
        private const int Kind = 0, User = 1, Groups = 2, Verb = 3, Namespace = 4, Cell = 5, Name = 6, Path = 4;

        private static readonly List<int> NoRules = new();

        private readonly PolicyRule _rule;
        private readonly List<PolicyRule> _earlier;
        private readonly bool _collect;
        private readonly CancellationToken _ct;
        private readonly Action<int> _decided;
        private readonly int _budget;
        private int _nodes;

        // The partial request: fields are meaningful up to the current depth.
        private bool _resource;
        private string _user = string.Empty;
        private string? _ownGroup;
        private string? _extraGroup;
        private string _verb = string.Empty;
        private string _namespace = string.Empty;
        private string _apiGroup = string.Empty;
        private string _resourceName = string.Empty;
        private string _subresource = string.Empty;
        private string _name = string.Empty;
        private string _path = string.Empty;

        /// <param name="rule">The rule whose requests are searched.</param>
        /// <param name="earlier">The earlier rules that can share a request with it, in policy order.</param>
        /// <param name="collect">
        /// False: prove coverage (requests carry the rule's own group only, the hardest case for earlier rules).
        /// True: report every earlier rule that decides some request (requests may also carry an earlier rule's group).
        /// </param>
        /// <param name="decided">Receives the position in <paramref name="earlier"/> of each deciding rule (collect mode).</param>
        /// <param name="ct">Cancels the search.</param>
        /// <param name="budget">The most branches to visit before giving up (<see cref="SearchResult.Unknown"/>).</param>
        public Search(PolicyRule rule, List<PolicyRule> earlier, bool collect, Action<int> decided, int budget, CancellationToken ct)
        {
            _budget = budget;
            _rule = rule;
            _earlier = earlier;
            _collect = collect;
            _decided = decided;
            _ct = ct;
        }

        public SearchResult Run()
        {
            var live = new List<int>(_earlier.Count);
            for (var i = 0; i < _earlier.Count; i++)
            {
                live.Add(i);
            }

            try
            {
                return Explore(Kind, live) ? SearchResult.Reached : SearchResult.Covered;
            }
            catch (BudgetExceededException)
            {
                return SearchResult.Unknown;
            }
        }

        /// <summary>Returns true when a request reaches the rule.</summary>
        private bool Explore(int depth, List<int> live)
        {
            if (++_nodes > _budget)
            {
                throw new BudgetExceededException();
            }

            if ((_nodes & 1023) == 0)
            {
                _ct.ThrowIfCancellationRequested();
            }

            if (depth > Kind)
            {
                if (_collect)
                {
                    // A rule that matches every request of the branch decides whatever the rules before it leave;
                    // the rules after it never decide anything here.
                    for (var p = 0; p < live.Count; p++)
                    {
                        if (Settled(_earlier[live[p]], depth))
                        {
                            if (p == 0)
                            {
                                // Whether the branch holds a request at all: its attributes so far may admit only
                                // completions kube-apiserver never receives, or none the rule matches.
                                if (Completes(depth))
                                {
                                    _decided(live[0]);
                                }

                                return false;
                            }

                            live = live.GetRange(0, p + 1);
                            break;
                        }
                    }
                }
                else
                {
                    foreach (var i in live)
                    {
                        if (Settled(_earlier[i], depth))
                        {
                            return false;
                        }
                    }
                }
            }

            var last = _resource ? Name : Path;
            if (depth > Kind && depth > last)
            {
                return Leaf(live);
            }

            foreach (var value in Candidates(depth, live))
            {
                // Only requests the rule itself matches count (the candidates may include other values, e.g. paths).
                Assign(depth, value);
                if (!Consistent(_rule, depth) || !Receivable(depth))
                {
                    continue;
                }

                var next = new List<int>(live.Count);
                foreach (var i in live)
                {
                    if (Consistent(_earlier[i], depth))
                    {
                        next.Add(i);
                    }
                }

                if (Explore(depth + 1, next))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether some receivable request the rule matches completes the branch (every attribute up to
        /// <paramref name="depth"/> assigned): the same descent with no earlier rule left, which stops at the first one.
        /// </summary>
        private bool Completes(int depth)
        {
            if (++_nodes > _budget)
            {
                throw new BudgetExceededException();
            }

            if (depth > (_resource ? Name : Path))
            {
                var request = Request();
                return RequestDomain.IsReceivable(request) && PolicyEvaluator.RuleMatches(_rule, request);
            }

            foreach (var value in Candidates(depth, NoRules))
            {
                Assign(depth, value);
                if (Consistent(_rule, depth) && Receivable(depth) && Completes(depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        private bool Leaf(List<int> live)
        {
            var request = Request();
            if (!RequestDomain.IsReceivable(request) || !PolicyEvaluator.RuleMatches(_rule, request))
            {
                return false;
            }

            foreach (var i in live)
            {
                if (PolicyEvaluator.RuleMatches(_earlier[i], request))
                {
                    if (_collect)
                    {
                        _decided(i);
                    }

                    return false;
                }
            }

            return !_collect;
        }

        private AuditRequest Request()
        {
            var groups = _ownGroup is null
                ? (_extraGroup is null ? Array.Empty<string>() : new[] { _extraGroup })
                : (_extraGroup is null || _extraGroup == _ownGroup ? new[] { _ownGroup } : new[] { _ownGroup, _extraGroup });
            return _resource
                ? new AuditRequest
                {
                    User = _user, Groups = groups, ResourceRequest = true, Verb = _verb, Namespace = _namespace,
                    ApiGroup = _apiGroup, Resource = _resourceName, Subresource = _subresource, Name = _name,
                }
                : new AuditRequest { User = _user, Groups = groups, Verb = _verb, Path = _path };
        }

        /// <summary>The values to branch on at this depth. Cells are encoded as "group\nresource\nsubresource".</summary>
        private List<string> Candidates(int depth, List<int> live)
        {
            switch (depth)
            {
                case Kind:
                    var kinds = new List<string>(2);
                    if (!NonResourceOnly(_rule))
                    {
                        kinds.Add("resource");
                    }

                    if (!ResourceOnly(_rule))
                    {
                        kinds.Add("non-resource");
                    }

                    return kinds;
                case User:
                    return _rule.Users.IsEmpty ? RepresentativeValues.WithAny(Literals(live, r => r.Users), "user") : RepresentativeValues.Distinct(_rule.Users);
                case Groups:
                    return GroupChoices(live);
                case Verb:
                    if (!_rule.Verbs.IsEmpty)
                    {
                        return RepresentativeValues.Distinct(_rule.Verbs);
                    }

                    var verbs = Literals(live, r => r.Verbs);
                    return _resource ? DomainValues.ResourceVerbs(verbs) : DomainValues.NonResourceVerbs(verbs, "verb");
            }

            if (!_resource)
            {
                return Paths(live);
            }

            return depth switch
            {
                Namespace => _rule.Namespaces.IsEmpty ? RepresentativeValues.WithAny(Literals(live, r => r.Namespaces), "namespace", string.Empty) : RepresentativeValues.Distinct(_rule.Namespaces),
                Cell => Cells(live),
                _ => Names(live),
            };
        }

        /// <summary>Own group (one of the rule's, or none) and, when collecting, none or one group an earlier rule names.</summary>
        private List<string> GroupChoices(List<int> live)
        {
            var own = _rule.UserGroups.IsEmpty ? new List<string> { string.Empty } : Prefixed(RepresentativeValues.Distinct(_rule.UserGroups));
            var extra = new List<string> { string.Empty };
            if (_collect)
            {
                extra.AddRange(Prefixed(RepresentativeValues.Distinct(Literals(live, r => r.UserGroups))));
            }

            // "own\textra", each part "" for none or "=" + the group (a group may itself be "").
            var choices = new List<string>(own.Count * extra.Count);
            foreach (var o in own)
            {
                foreach (var e in extra)
                {
                    choices.Add(o + "\t" + e);
                }
            }

            return choices;
        }

        private static List<string> Prefixed(List<string> groups)
        {
            for (var i = 0; i < groups.Count; i++)
            {
                groups[i] = "=" + groups[i];
            }

            return groups;
        }

        private List<string> Cells(List<int> live)
        {
            var groups = new List<string>();
            var resources = new List<string>();
            var subs = new List<string>();
            foreach (var i in live)
            {
                foreach (var entry in _earlier[i].Resources)
                {
                    if (entry.Group != "*")
                    {
                        groups.Add(entry.Group);
                    }

                    foreach (var pattern in entry.Resources)
                    {
                        var (b, s) = Split(pattern);
                        if (b != "*")
                        {
                            resources.Add(b);
                        }

                        if (s.Length > 0 && s != "*")
                        {
                            subs.Add(s);
                        }
                    }
                }
            }

            var anyGroups = RepresentativeValues.WithAny(groups, "group", string.Empty);
            var anyResources = RepresentativeValues.WithAny(resources, "resource");
            var anySubs = RepresentativeValues.WithAny(subs, "subresource", string.Empty);
            var cells = new List<string>();
            if (_rule.Resources.IsEmpty)
            {
                foreach (var group in anyGroups)
                {
                    AddCells(cells, group, "*", anyResources, anySubs);
                }
            }
            else
            {
                foreach (var entry in _rule.Resources)
                {
                    foreach (var group in entry.Group == "*" ? anyGroups : new List<string> { entry.Group })
                    {
                        if (entry.Resources.IsEmpty)
                        {
                            AddCells(cells, group, "*", anyResources, anySubs);
                        }
                        else
                        {
                            foreach (var pattern in entry.Resources)
                            {
                                AddCells(cells, group, pattern, anyResources, anySubs);
                            }
                        }
                    }
                }
            }

            return RepresentativeValues.Distinct(cells);
        }

        private static void AddCells(List<string> cells, string group, string pattern, List<string> resources, List<string> subs)
        {
            var (b, s) = Split(pattern);
            foreach (var resource in b == "*" ? resources : new List<string> { b })
            {
                foreach (var sub in s == "*" ? subs : new List<string> { s })
                {
                    cells.Add(group + "\n" + resource + "\n" + sub);
                }
            }
        }

        /// <summary>The rule's names when every entry of it that matches the cell names objects; else the remaining rules' names, "" and a fresh one.</summary>
        private List<string> Names(List<int> live)
        {
            var own = new List<string>();
            var constrained = true;
            foreach (var entry in _rule.Resources)
            {
                if (EntryMatchesCell(entry))
                {
                    constrained &= !entry.ResourceNames.IsEmpty;
                    own.AddRange(entry.ResourceNames);
                }
            }

            if (constrained && own.Count > 0)
            {
                return RepresentativeValues.Distinct(own);
            }

            var names = new List<string>();
            foreach (var i in live)
            {
                foreach (var entry in _earlier[i].Resources)
                {
                    if (EntryMatchesCell(entry))
                    {
                        names.AddRange(entry.ResourceNames);
                    }
                }
            }

            return RepresentativeValues.WithAny(names, "name", string.Empty);
        }

        /// <summary>A path for every class the URL patterns of the rule and the remaining earlier rules tell apart.</summary>
        private List<string> Paths(List<int> live)
        {
            var urls = new List<string>(_rule.NonResourceURLs);
            foreach (var i in live)
            {
                urls.AddRange(_earlier[i].NonResourceURLs);
            }

            return DomainValues.Paths(urls, "path", "suffix", concrete: false);
        }

        private void Assign(int depth, string value)
        {
            switch (depth)
            {
                case Kind:
                    _resource = value == "resource";
                    return;
                case User:
                    _user = value;
                    return;
                case Groups:
                    var tab = value.IndexOf('\t');
                    _ownGroup = tab == 0 ? null : value.Substring(1, tab - 1);
                    _extraGroup = tab == value.Length - 1 ? null : value.Substring(tab + 2);
                    return;
                case Verb:
                    _verb = value;
                    return;
            }

            if (!_resource)
            {
                _path = value;
                return;
            }

            switch (depth)
            {
                case Namespace:
                    _namespace = value;
                    return;
                case Cell:
                    var parts = value.Split('\n');
                    (_apiGroup, _resourceName, _subresource) = (parts[0], parts[1], parts[2]);
                    return;
                default:
                    _name = value;
                    return;
            }
        }

        /// <summary>
        /// Whether the attributes assigned so far admit a receivable request, given the value just assigned at this
        /// depth (the domain's constraints each involve this attribute and earlier ones only: the verb comes before
        /// the cell and the name, the namespace before the resource).
        /// </summary>
        private bool Receivable(int depth)
        {
            switch (depth)
            {
                case Verb:
                    return _resource ? RequestDomain.IsResourceVerb(_verb) : RequestDomain.IsNonResourceVerb(_verb);
                case Kind or User or Groups:
                    return true;
            }

            if (!_resource)
            {
                return RequestDomain.IsNonResourcePath(_path);
            }

            return depth switch
            {
                Namespace => RequestDomain.IsSegment(_namespace),
                Cell => RequestDomain.IsSegment(_apiGroup) && RequestDomain.IsSegment(_resourceName) && RequestDomain.IsSegment(_subresource)
                    && RequestDomain.ResourceFits(_namespace, _resourceName) && RequestDomain.SubresourceFits(_verb, _subresource),
                _ => RequestDomain.IsSegment(_name) && RequestDomain.NameFits(_verb, _name),
            };
        }

        /// <summary>Whether an earlier rule can still match, given the value just assigned at this depth.</summary>
        private bool Consistent(PolicyRule k, int depth)
        {
            switch (depth)
            {
                case Kind:
                    return _resource ? !NonResourceOnly(k) : !ResourceOnly(k);
                case User:
                    return k.Users.IsEmpty || PolicyEvaluator.Contains(k.Users, _user);
                case Groups:
                    return k.UserGroups.IsEmpty || (_ownGroup is not null && PolicyEvaluator.Contains(k.UserGroups, _ownGroup)) || (_extraGroup is not null && PolicyEvaluator.Contains(k.UserGroups, _extraGroup));
                case Verb:
                    return k.Verbs.IsEmpty || PolicyEvaluator.Contains(k.Verbs, _verb);
            }

            if (!_resource)
            {
                return k.NonResourceURLs.IsEmpty || UrlsMatch(k.NonResourceURLs, _path);
            }

            switch (depth)
            {
                case Namespace:
                    return k.Namespaces.IsEmpty || PolicyEvaluator.Contains(k.Namespaces, _namespace);
                case Cell:
                    if (k.Resources.IsEmpty)
                    {
                        return true;
                    }

                    foreach (var entry in k.Resources)
                    {
                        if (EntryMatchesCell(entry))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    if (k.Resources.IsEmpty)
                    {
                        return true;
                    }

                    foreach (var entry in k.Resources)
                    {
                        if (EntryMatchesCell(entry) && (entry.ResourceNames.IsEmpty || PolicyEvaluator.Contains(entry.ResourceNames, _name)))
                        {
                            return true;
                        }
                    }

                    return false;
            }
        }

        /// <summary>Whether a rule that is consistent so far matches every completion of the partial request.</summary>
        private bool Settled(PolicyRule k, int depth)
        {
            if (depth <= Kind && (ResourceOnly(k) || NonResourceOnly(k)))
            {
                return false;
            }

            if ((depth <= User && !k.Users.IsEmpty) || (depth <= Groups && !k.UserGroups.IsEmpty) || (depth <= Verb && !EveryVerb(k)))
            {
                return false;
            }

            if (!_resource)
            {
                return depth > Path || k.NonResourceURLs.IsEmpty;
            }

            if ((depth <= Namespace && !k.Namespaces.IsEmpty) || (depth <= Cell && !k.Resources.IsEmpty))
            {
                return false;
            }

            if (depth <= Name && !k.Resources.IsEmpty)
            {
                // The cell is assigned: some entry matching it must accept every name.
                // A deletecollection names nothing, so an entry naming "" accepts the only name it can have.
                foreach (var entry in k.Resources)
                {
                    if (EntryMatchesCell(entry) && (entry.ResourceNames.IsEmpty || (_verb == "deletecollection" && PolicyEvaluator.Contains(entry.ResourceNames, string.Empty))))
                    {
                        return true;
                    }
                }

                return false;
            }

            return true;
        }

        /// <summary>Whether the rule accepts every verb the branch's requests can have (past the kind: every resource verb, for resource requests).</summary>
        private bool EveryVerb(PolicyRule k)
        {
            if (k.Verbs.IsEmpty)
            {
                return true;
            }

            if (!_resource)
            {
                return false;
            }

            foreach (var verb in RequestDomain.ResourceVerbs)
            {
                if (!PolicyEvaluator.Contains(k.Verbs, verb))
                {
                    return false;
                }
            }

            return true;
        }

        private bool EntryMatchesCell(GroupResources entry) => PolicyEvaluator.EntryMatchesCell(entry, _apiGroup, _resourceName, _subresource);

        private List<string> Literals(List<int> live, Func<PolicyRule, EquatableArray<string>> field)
        {
            var values = new List<string>();
            foreach (var i in live)
            {
                values.AddRange(field(_earlier[i]));
            }

            return values;
        }

        private static bool UrlsMatch(EquatableArray<string> urls, string path)
        {
            foreach (var url in urls)
            {
                if (PolicyEvaluator.PathMatches(path, url))
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class BudgetExceededException : Exception
        {
        }
    }
}
