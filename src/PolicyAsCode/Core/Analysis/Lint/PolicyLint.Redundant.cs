using System;
using System.Collections.Generic;
using System.Globalization;

namespace PolicyAsCode;

/// <summary>
/// PAC0012: where the redundant item's value is already matched. Null for the other findings.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
sealed partial record LintFinding
{
    /// <summary>
    /// PAC0012: the item of the same rule that matches every request the reported item matches (a <c>resources</c>
    /// entry as a whole when <see cref="PolicyPath.Field"/> is empty). It is never reported itself, so removing every
    /// reported item at once keeps each of their coverers.
    /// </summary>
    public PolicyPath? CoveredBy { get; init; }
}

/// <summary>
/// Values a rule lists although another value of the same rule already matches every request they match: a value
/// listed twice, a resource next to a wildcard of its entry (<c>pods</c> next to <c>*</c>, <c>pods/log</c> next to
/// <c>pods/*</c>, <c>pods/status</c> next to <c>*/status</c>), a URL next to a prefix that covers it, a
/// <c>resources</c> entry another entry covers. kube-apiserver accepts them and matches as if they were not there, so
/// they only mislead the reader (and hide what the author meant to write). Coverage is judged with the evaluator's
/// own matchers on one representative per class of values the two items tell apart, so it is exact; an item is
/// reported only when a single other item covers it, never on a guess, and of two items that match the same
/// requests only the later one.
/// </summary>
static partial class PolicyLint
{
    private const string RemoveIt = "so removing it changes nothing";

    // Pairs of values compared for coverage in one list (patterns: pairs, entries: pairs of their patterns). Real
    // policies stay far below; past it only repetitions are reported (never a guess).
    private const int CoverageBudget = 200_000;

    private static void CheckRedundant(PolicyRule rule, int index, List<LintFinding> findings)
    {
        Repeated(rule.Users, "users", index, -1, findings);
        Repeated(rule.UserGroups, "userGroups", index, -1, findings);
        Repeated(rule.Verbs, "verbs", index, -1, findings);
        Repeated(rule.Namespaces, "namespaces", index, -1, findings);
        CoveredUrls(rule.NonResourceURLs, index, findings);
        CoveredResources(rule.Resources, index, findings);
    }

    /// <summary>Lists without wildcards (users, groups, verbs, namespaces, resourceNames): only a repetition is redundant.</summary>
    private static void Repeated(EquatableArray<string> values, string field, int index, int entry, List<LintFinding> findings)
    {
        if (values.Count < 2)
        {
            return; // nothing to repeat (most lists; no dictionary for them)
        }

        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < values.Count; j++)
        {
            if (first.TryGetValue(values[j], out var earlier))
            {
                var where = entry >= 0 ? "this entry's " + field : field;
                findings.Add(new LintFinding(RuleCatalog.RedundantValue, Quote(values[j]) + " is already in " + where + " (item " + Number(earlier) + "); values are compared exactly, " + RemoveIt,
                    index, field, j, entry, Removable: true) { CoveredBy = new PolicyPath(index, field, entry, earlier) });
            }
            else
            {
                first.Add(values[j], j);
            }
        }
    }

    private static void CoveredUrls(EquatableArray<string> urls, int index, List<LintFinding> findings)
    {
        if (urls.Count < 2)
        {
            return; // no other URL to cover it
        }

        // Only "*" or a trailing-"*" prefix matches a path it does not spell; an exact URL covers only itself.
        var wildcards = new List<int>();
        var keys = new List<string>();
        for (var j = 0; j < urls.Count; j++)
        {
            keys.Add(urls[j]);
            if (urls[j].EndsWith("*", StringComparison.Ordinal))
            {
                wildcards.Add(j);
            }
        }

        foreach (var (j, by) in Redundant(keys, _ => wildcards, (a, b) => UrlCovers(urls[b], urls[a]), (long)urls.Count * wildcards.Count))
        {
            var message = urls[j] == urls[by]
                ? Quote(urls[j]) + " is already in nonResourceURLs (item " + Number(by) + "), " + RemoveIt
                : Quote(urls[j]) + " is already matched by " + Quote(urls[by]) + " (item " + Number(by) + "): every path it matches, that one matches too, " + RemoveIt;
            findings.Add(new LintFinding(RuleCatalog.RedundantValue, message, index, "nonResourceURLs", j, Removable: true) { CoveredBy = new PolicyPath(index, "nonResourceURLs", ItemIndex: by) });
        }
    }

    /// <summary>
    /// Whole entries another entry covers first; then, in the entries that stay, each resource pattern another
    /// pattern covers (of the same entry, or of an entry whose group and names include this one's), and repeated
    /// resourceNames.
    /// </summary>
    private static void CoveredResources(EquatableArray<GroupResources> entries, int index, List<LintFinding> findings)
    {
        if (entries.Count == 0)
        {
            return;
        }

        // Entries: an entry can only be covered by one of its own group or of group "*".
        var entryKeys = new List<string>();
        var buckets = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var k = 0; k < entries.Count; k++)
        {
            entryKeys.Add(EntryKey(entries[k]));
            if (!buckets.TryGetValue(entries[k].Group, out var bucket))
            {
                buckets.Add(entries[k].Group, bucket = new List<int>());
            }

            bucket.Add(k);
        }

        var anyGroup = buckets.TryGetValue("*", out var stars) ? stars : new List<int>();
        var entryCandidates = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        long entryWork = 0;
        foreach (var bucket in buckets)
        {
            var candidates = bucket.Key == "*" ? bucket.Value : Merge(bucket.Value, anyGroup);
            entryCandidates.Add(bucket.Key, candidates);
            entryWork += Size(entries, bucket.Value) * Size(entries, candidates);
        }

        var removedEntries = new HashSet<int>();
        foreach (var (k, by) in Redundant(entryKeys, k => entryCandidates[entries[k].Group], (a, b) => EntryCovers(entries[b], entries[a]), entryWork))
        {
            removedEntries.Add(k);
            var message = entryKeys[k] == entryKeys[by]
                ? "this resources entry repeats resources entry " + Number(by) + " (" + Describe(entries[by]) + "), " + RemoveIt
                : "this resources entry (" + Describe(entries[k]) + ") matches only requests that resources entry " + Number(by) + " (" + Describe(entries[by]) + ") matches too, " + RemoveIt;
            findings.Add(new LintFinding(RuleCatalog.RedundantValue, message, index, string.Empty, -1, k, Removable: true) { CoveredBy = new PolicyPath(index, string.Empty, by) });
        }

        // The items of the entries that stay: (entry, pattern), or (entry, -1) for an entry of a whole group.
        var items = new List<(int Entry, int Item)>();
        var keys = new List<string>();
        var coverers = new List<int>();
        for (var k = 0; k < entries.Count; k++)
        {
            if (removedEntries.Contains(k))
            {
                continue;
            }

            var entryPart = entries[k].Group + "\n" + string.Join("\n", Sorted(entries[k].ResourceNames)) + "\n\n";
            if (entries[k].Resources.IsEmpty)
            {
                // Never equal to another item's key: two whole-group entries of one group are a repeated entry.
                coverers.Add(items.Count);
                items.Add((k, -1));
                keys.Add("\n" + Number(k));
            }

            for (var j = 0; j < entries[k].Resources.Count; j++)
            {
                if (entries[k].Resources[j].IndexOf('*') >= 0)
                {
                    // Only a pattern with a wildcard matches a resource or subresource it does not spell.
                    coverers.Add(items.Count);
                }

                items.Add((k, j));
                keys.Add(entryPart + entries[k].Resources[j]);
            }
        }

        // A pattern without a wildcard covers only the same pattern (of an entry with more names or group "*").
        var sameText = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var text = items[i].Item < 0 ? string.Empty : entries[items[i].Entry].Resources[items[i].Item];
            if (!sameText.TryGetValue(text, out var same))
            {
                sameText.Add(text, same = new List<int>());
            }

            same.Add(i);
        }

        long patternWork = 0;
        var patternCandidates = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var same in sameText)
        {
            patternCandidates.Add(same.Key, Merge(same.Value, coverers));
            patternWork += (long)same.Value.Count * (same.Value.Count + coverers.Count);
        }

        var patterns = Redundant(keys, i => patternCandidates[items[i].Item < 0 ? string.Empty : entries[items[i].Entry].Resources[items[i].Item]], (a, b) => ItemCovers(entries, items[a], items[b]), patternWork);

        // An entry whose every pattern other entries cover goes as a whole (an entry without resources would match its
        // whole group): the entries that cover its patterns stay, so together they still match all of its requests.
        var reportedOf = new Dictionary<int, List<(int Item, int By)>>();
        foreach (var (i, by) in patterns)
        {
            if (!reportedOf.TryGetValue(items[i].Entry, out var list))
            {
                reportedOf.Add(items[i].Entry, list = new List<(int, int)>());
            }

            list.Add((i, by));
        }

        foreach (var entry in reportedOf)
        {
            var k = entry.Key;
            if (entry.Value.Count == entries[k].Resources.Count)
            {
                removedEntries.Add(k);
                var by = new List<string>();
                foreach (var (i, c) in entry.Value)
                {
                    by.Add(Quote(entries[k].Resources[items[i].Item]) + " by resources entry " + Number(items[c].Entry) + " (" + Describe(entries[items[c].Entry]) + ")");
                }

                findings.Add(new LintFinding(RuleCatalog.RedundantValue,
                    "this resources entry (" + Describe(entries[k]) + ") matches only requests that other entries match too: " + JoinList(by) + ", " + RemoveIt,
                    index, string.Empty, -1, k, Removable: true));
                continue;
            }

            foreach (var (i, c) in entry.Value)
            {
                findings.Add(PatternFinding(entries, index, items, keys, i, c));
            }
        }

        for (var k = 0; k < entries.Count; k++)
        {
            if (!removedEntries.Contains(k))
            {
                Repeated(entries[k].ResourceNames, "resourceNames", index, k, findings);
            }
        }
    }

    private static LintFinding PatternFinding(EquatableArray<GroupResources> entries, int index, List<(int Entry, int Item)> items, List<string> keys, int i, int by)
    {
        var (k, j) = items[i];
        var (ck, cj) = items[by];
        var value = entries[k].Resources[j];
        string message;
        if (ck == k)
        {
            message = value == entries[k].Resources[cj]
                ? Quote(value) + " is already in this entry's resources (item " + Number(cj) + "), " + RemoveIt
                : Quote(value) + " is already matched by " + Quote(entries[k].Resources[cj]) + " (item " + Number(cj) + ") of this entry: every resource and subresource it matches, that one matches too, " + RemoveIt;
        }
        else if (keys[i] == keys[by])
        {
            message = Quote(value) + " is already in resources entry " + Number(ck) + " (" + Describe(entries[ck]) + "), which has the same group and names, " + RemoveIt;
        }
        else if (cj < 0)
        {
            message = Quote(value) + " is already matched by resources entry " + Number(ck) + ", which matches " + Describe(entries[ck]) + ", " + RemoveIt;
        }
        else
        {
            message = Quote(value) + " is already matched by " + Quote(entries[ck].Resources[cj]) + " (item " + Number(cj) + ") of resources entry " + Number(ck) + " (" + Describe(entries[ck]) + "), " + RemoveIt;
        }

        return new LintFinding(RuleCatalog.RedundantValue, message, index, "resources", j, k, Removable: true)
        {
            CoveredBy = cj < 0 ? new PolicyPath(index, string.Empty, ck) : new PolicyPath(index, "resources", ck, cj),
        };
    }

    /// <summary>
    /// The redundant items of one list and, for each, an item that covers it and is not redundant itself, so all of
    /// them can go at once. <paramref name="covers"/>(a, b): b matches every request a matches (and a matches some).
    /// Items with equal keys match the same requests: all but the first are redundant. Of the first occurrences, an
    /// item is redundant when a candidate covers it and it does not cover that candidate back, or that candidate comes
    /// first; the candidates must include every item that covers an item it is not equal to. Coverage is skipped
    /// (only repetitions are reported) when <paramref name="work"/> exceeds the budget.
    /// </summary>
    private static List<(int Item, int By)> Redundant(List<string> keys, Func<int, List<int>> candidates, Func<int, int, bool> covers, long work)
    {
        var n = keys.Count;
        var first = new int[n];
        var firstByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var reported = new bool[n];
        for (var i = 0; i < n; i++)
        {
            if (firstByKey.TryGetValue(keys[i], out var f))
            {
                first[i] = f;
                reported[i] = true;
            }
            else
            {
                firstByKey.Add(keys[i], i);
                first[i] = i;
            }
        }

        var coverage = work <= CoverageBudget;
        if (coverage)
        {
            for (var i = 0; i < n; i++)
            {
                if (first[i] != i)
                {
                    continue;
                }

                foreach (var j in candidates(i))
                {
                    if (first[j] == j && j != i && covers(i, j) && (j < i || !covers(j, i)))
                    {
                        reported[i] = true;
                        break;
                    }
                }
            }
        }

        // A covering item that stays: one exists (coverage is transitive and a first occurrence that covers it
        // without being covered back, or the first of those that cover each other, is never redundant), and an item
        // that found none stays (defensively; only ever un-reporting keeps the earlier choices valid).
        var by = new int[n];
        for (var i = 0; i < n; i++)
        {
            by[i] = -1;
            if (!reported[i] || first[i] != i)
            {
                continue;
            }

            foreach (var j in candidates(i))
            {
                if (first[j] == j && j != i && !reported[j] && covers(i, j))
                {
                    by[i] = j;
                    break;
                }
            }

            reported[i] = by[i] >= 0;
        }

        var result = new List<(int Item, int By)>();
        for (var i = 0; i < n; i++)
        {
            if (!reported[i])
            {
                continue;
            }

            // A repetition: covered by its first occurrence, or by what covers that one when it goes too.
            var coverer = first[i] == i ? by[i] : reported[first[i]] ? by[first[i]] : first[i];
            if (coverer >= 0)
            {
                result.Add((i, coverer));
            }
        }

        return result;
    }

    /// <summary>Whether <paramref name="outer"/> matches every request <paramref name="inner"/> matches, and <paramref name="inner"/> matches some.</summary>
    private static bool EntryCovers(GroupResources outer, GroupResources inner)
    {
        if (outer.Group != inner.Group && outer.Group != "*")
        {
            return false;
        }

        // An entry without resources matches its whole group, whatever the names (validation forbids names there).
        var innerPatterns = inner.Resources.IsEmpty ? new EquatableArray<string>(new[] { "*" }) : inner.Resources;
        if (outer.Resources.IsEmpty)
        {
            return Matches(innerPatterns);
        }

        if (!NamesCover(outer.ResourceNames, inner.Resources.IsEmpty ? EquatableArray<string>.Empty : inner.ResourceNames))
        {
            return false;
        }

        // Pattern by pattern: every request pattern p matches has its resource and subresource, so one pattern of
        // the other entry must match it; a pattern that matches nothing needs none.
        var any = false;
        foreach (var p in innerPatterns)
        {
            if (!Matches(p))
            {
                continue;
            }

            any = true;
            var covered = false;
            foreach (var q in outer.Resources)
            {
                if (PatternCovers(q, p))
                {
                    covered = true;
                    break;
                }
            }

            if (!covered)
            {
                return false;
            }
        }

        return any;
    }

    /// <summary>Whether item <paramref name="outer"/> (a pattern, or a whole-group entry) matches every request pattern <paramref name="inner"/> matches.</summary>
    private static bool ItemCovers(EquatableArray<GroupResources> entries, (int Entry, int Item) inner, (int Entry, int Item) outer)
    {
        if (inner.Item < 0)
        {
            return false;
        }

        var innerEntry = entries[inner.Entry];
        var outerEntry = entries[outer.Entry];
        var pattern = innerEntry.Resources[inner.Item];
        if (outerEntry.Group != innerEntry.Group && outerEntry.Group != "*")
        {
            return false;
        }

        if (outer.Item < 0)
        {
            return Matches(pattern);
        }

        return (inner.Entry == outer.Entry || NamesCover(outerEntry.ResourceNames, innerEntry.ResourceNames))
            && PatternCovers(outerEntry.Resources[outer.Item], pattern);
    }

    /// <summary>No names (any name), or every name of the inner list (which then has some).</summary>
    private static bool NamesCover(EquatableArray<string> outer, EquatableArray<string> inner)
    {
        if (outer.IsEmpty)
        {
            return true;
        }

        if (inner.IsEmpty)
        {
            return false;
        }

        foreach (var name in inner)
        {
            if (IndexOf(outer, name) < 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Matches(EquatableArray<string> patterns)
    {
        foreach (var p in patterns)
        {
            if (Matches(p))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the pattern matches some resource request (<c>*/*</c> matches none).</summary>
    private static bool Matches(string pattern)
    {
        foreach (var (resource, subresource) in Cells(pattern, pattern))
        {
            if (PolicyEvaluator.PatternMatches(pattern, resource, subresource))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="outer"/> matches every resource/subresource that <paramref name="inner"/> matches, and there is one.</summary>
    private static bool PatternCovers(string outer, string inner)
    {
        var any = false;
        foreach (var (resource, subresource) in Cells(inner, outer))
        {
            if (PolicyEvaluator.PatternMatches(inner, resource, subresource))
            {
                any = true;
                if (!PolicyEvaluator.PatternMatches(outer, resource, subresource))
                {
                    return false;
                }
            }
        }

        return any;
    }

    /// <summary>
    /// One resource/subresource pair per class the two patterns tell apart. The matcher compares the resource, the
    /// subresource and "resource/subresource" with the patterns' text, so the classes are every part of a pattern
    /// before or after one of its slashes, the whole pattern, "" and a value none of them spells (those without a slash).
    /// </summary>
    private static List<(string Resource, string Subresource)> Cells(string a, string b)
    {
        var resources = new List<string> { string.Empty, a, b };
        var subresources = new List<string> { string.Empty };
        foreach (var pattern in new[] { a, b })
        {
            for (var i = pattern.IndexOf('/'); i >= 0; i = pattern.IndexOf('/', i + 1))
            {
                resources.Add(pattern.Substring(0, i));
                subresources.Add(pattern.Substring(i + 1));
            }
        }

        // Requests take both from one URL path segment each, so neither ever contains a slash: "pods/log" is never a
        // resource, and "pods/*" covers "pods/log".
        resources.RemoveAll(r => r.IndexOf('/') >= 0);
        subresources.RemoveAll(s => s.IndexOf('/') >= 0);
        var cells = new List<(string, string)>();
        foreach (var resource in RepresentativeValues.WithAny(resources, "resource"))
        {
            foreach (var subresource in RepresentativeValues.WithAny(subresources, "subresource"))
            {
                cells.Add((resource, subresource));
            }
        }

        return cells;
    }

    /// <summary>
    /// Whether URL pattern <paramref name="outer"/> matches every path <paramref name="inner"/> matches: checked on one
    /// path per class the two tell apart (each URL, each prefix and a path under it no longer URL spells, a path under
    /// "/" and one that does not start with "/" at all, which only "*" matches).
    /// </summary>
    private static bool UrlCovers(string outer, string inner)
    {
        var urls = new[] { inner, outer };
        var paths = RepresentativeValues.Paths(urls, "path", "suffix", concrete: false);
        paths.Add(RequirementChecker.AnyPrefix + "path)");
        paths.Add(string.Empty);
        var any = false;
        foreach (var path in paths)
        {
            if (PolicyEvaluator.PathMatches(path, inner))
            {
                any = true;
                if (!PolicyEvaluator.PathMatches(path, outer))
                {
                    return false;
                }
            }
        }

        return any;
    }

    /// <summary>Group, names (as a set) and patterns (as a set): entries with the same key match the same requests.</summary>
    private static string EntryKey(GroupResources entry)
        => entry.Group + "\n" + string.Join("\n", Sorted(entry.ResourceNames)) + "\n\n" + string.Join("\n", Sorted(entry.Resources));

    private static List<string> Sorted(EquatableArray<string> values)
    {
        var list = RepresentativeValues.Distinct(values);
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    /// <summary>The pattern pairs two lists of entries compare at most (an entry without resources counts as one).</summary>
    private static long Size(EquatableArray<GroupResources> entries, List<int> indexes)
    {
        long size = 0;
        foreach (var k in indexes)
        {
            size += Math.Max(1, entries[k].Resources.Count);
        }

        return size;
    }

    private static List<int> Merge(List<int> a, List<int> b)
    {
        var merged = new List<int>(a);
        merged.AddRange(b);
        merged.Sort();
        return merged;
    }

    private static string Describe(GroupResources entry)
    {
        if (entry.Resources.IsEmpty)
        {
            return "every resource of " + GroupName(entry.Group);
        }

        var names = entry.ResourceNames.IsEmpty ? string.Empty : " named " + string.Join(", ", RepresentativeValues.Distinct(entry.ResourceNames).ConvertAll(Quote));
        return GroupName(entry.Group) + ": " + string.Join(", ", entry.Resources) + names;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
