using System;
using System.Collections.Generic;
using System.Globalization;

namespace PolicyAsCode;

/// <summary>
/// Value classes refined by the received domain (docs/request-domain.md), for the exact searches that consider only
/// requests kube-apiserver can receive. <see cref="RepresentativeValues"/> splits values by the literals the rules
/// name; a class's representative must then also be receivable whenever some value of its class is, together with
/// the other attributes. Fresh values ("(any name)", "(any resource)") already are; verbs and paths need more.
/// </summary>
internal static class DomainValues
{
    // Resource verbs grouped by what they require of the other attributes (RequestDomain.NameFits and SubresourceFits):
    // the verbs of one group admit exactly the same completions, so one unnamed verb stands for the unnamed rest.
    private static readonly string[][] VerbProfiles =
    {
        new[] { "create", "update", "patch", "watch", string.Empty },
        new[] { "get", "delete" },
        new[] { "list" },
        new[] { "deletecollection" },
        new[] { "proxy" },
    };

    /// <summary>
    /// The verbs to branch on for a resource request whose rule names none: one unnamed verb per profile (first: one
    /// that constrains nothing else), then the named ones a resource request can have. A verb NewRequestInfo never
    /// produces (<c>bind</c>, <c>(any verb)</c>) is no request at all, so it is not a class.
    /// </summary>
    public static List<string> ResourceVerbs(IEnumerable<string> literals)
    {
        var distinct = RepresentativeValues.Distinct(literals);
        var named = new HashSet<string>(distinct, StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var profile in VerbProfiles)
        {
            foreach (var verb in profile)
            {
                if (!named.Contains(verb))
                {
                    result.Add(verb);
                    break;
                }
            }
        }

        foreach (var verb in distinct)
        {
            if (RequestDomain.IsResourceVerb(verb))
            {
                result.Add(verb);
            }
        }

        return result;
    }

    /// <summary>
    /// The verbs to branch on for a non-resource request whose rule names none: a lower-case method no literal equals
    /// (a real token: "(any verb)" is no method), then the named ones a non-resource request can have.
    /// </summary>
    public static List<string> NonResourceVerbs(IEnumerable<string> literals, string stem)
    {
        var distinct = RepresentativeValues.Distinct(literals);
        var named = new HashSet<string>(distinct, StringComparer.Ordinal);
        var fresh = "any-" + stem;
        for (var i = 2; named.Contains(fresh); i++)
        {
            fresh = "any-" + stem + "-" + i.ToString(CultureInfo.InvariantCulture);
        }

        var result = new List<string> { fresh };
        foreach (var verb in distinct)
        {
            if (RequestDomain.IsNonResourceVerb(verb))
            {
                result.Add(verb);
            }
        }

        return result;
    }

    /// <summary>
    /// <see cref="RepresentativeValues.Paths"/>, plus what the received domain needs: under a prefix such as
    /// <c>/api/v1/</c> the representative path (<c>/api/v1/(any suffix)</c>) is a resource request's URL, yet the
    /// class also holds non-resource paths, those that add only slashes (<c>/api/v1//</c> trims to two segments). Adding
    /// only slashes keeps a path non-resource or not, and nothing else under the prefix is non-resource when the
    /// representative is not (it has at least the representative's segments), so one path per run of slashes the
    /// patterns tell apart keeps the classes exact.
    /// </summary>
    public static List<string> Paths(IReadOnlyList<string> urls, string rootStem, string suffixStem, bool concrete)
    {
        var paths = RepresentativeValues.Paths(urls, rootStem, suffixStem, concrete);
        foreach (var url in urls)
        {
            if (!url.EndsWith("*", StringComparison.Ordinal))
            {
                continue;
            }

            var prefix = url.TrimEnd('*');
            if (prefix.Length == 0 || RequestDomain.IsNonResourcePath(RepresentativeValues.FreshPath(prefix, suffixStem, urls, concrete)))
            {
                continue;
            }

            // The patterns tell runs of slashes apart only up to the longest run one of them spells after the prefix.
            var longest = 0;
            foreach (var other in urls)
            {
                var literal = other.TrimEnd('*');
                if (literal.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var run = 0;
                    while (prefix.Length + run < literal.Length && literal[prefix.Length + run] == '/')
                    {
                        run++;
                    }

                    longest = Math.Max(longest, run);
                }
            }

            for (var run = 1; run <= longest + 1; run++)
            {
                paths.Add(prefix + new string('/', run));
            }
        }

        return RepresentativeValues.Distinct(paths);
    }
}
