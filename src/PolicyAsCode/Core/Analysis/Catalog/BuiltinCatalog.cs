using System;
using System.Collections.Generic;
using System.Globalization;

namespace PolicyAsCode;

/// <summary>
/// The API that kube-apiserver serves by itself, as audit rules see it: group, plural resource and subresource
/// names (what requests carry), the singular names, kinds and short names (only to suggest the plural), and the
/// removals and look-alikes that make a rule dead. The rows are in <c>BuiltinCatalog.Data.cs</c>; groups that are
/// not here (CRDs, aggregated APIs) are never judged.
/// </summary>
internal static partial class BuiltinCatalog
{
    private static readonly Lazy<Index> Data = new(Build);

    /// <summary>One served resource.</summary>
    internal sealed class ResourceInfo
    {
        public ResourceInfo(string group, string plural, string singular, string kind, string[] shortNames, string[] subresources)
        {
            Group = group;
            Plural = plural;
            Singular = singular;
            Kind = kind;
            ShortNames = shortNames;
            Subresources = subresources;
        }

        public string Group { get; }

        public string Plural { get; }

        public string Singular { get; }

        public string Kind { get; }

        public string[] ShortNames { get; }

        public string[] Subresources { get; }
    }

    /// <summary>A removal that changes what a rule matches.</summary>
    internal sealed class Removal
    {
        public Removal(string group, string resource, (int Major, int Minor) removedIn, string replacedByGroup, string replacedByResource)
        {
            Group = group;
            Resource = resource;
            RemovedIn = removedIn;
            ReplacedByGroup = replacedByGroup;
            ReplacedByResource = replacedByResource;
        }

        public string Group { get; }

        /// <summary><c>*</c> for the whole group, <c>R/S</c> for a subresource.</summary>
        public string Resource { get; }

        public (int Major, int Minor) RemovedIn { get; }

        /// <summary>Empty when nothing replaces it.</summary>
        public string ReplacedByGroup { get; }

        public string ReplacedByResource { get; }

        public string RemovedInText => KubernetesVersions.Text(RemovedIn);

        /// <summary>Whether a cluster of the target version no longer serves it (no target: the catalog's version).</summary>
        public bool AppliesTo((int Major, int Minor)? target)
            => target is not { } t || KubernetesVersions.AtLeast(t, RemovedIn);
    }

    /// <summary>A name that looks like a resource but that no request carries.</summary>
    internal sealed class NotResource
    {
        public NotResource(string group, string resource, string? useGroup, string? useResource)
        {
            Group = group;
            Resource = resource;
            UseGroup = useGroup;
            UseResource = useResource;
        }

        public string Group { get; }

        public string Resource { get; }

        /// <summary>The group that serves it instead; <c>*</c> = the parent resource's group; null when nothing does.</summary>
        public string? UseGroup { get; }

        public string? UseResource { get; }
    }

    /// <summary>The built-in groups.</summary>
    public static bool IsBuiltinGroup(string group) => Data.Value.Groups.ContainsKey(group);

    /// <summary>The served resources of a built-in group, by plural name.</summary>
    public static IReadOnlyDictionary<string, ResourceInfo> ResourcesOf(string group)
        => Data.Value.Groups.TryGetValue(group, out var resources) ? resources : Empty;

    /// <summary>Every built-in group with its resources.</summary>
    public static IReadOnlyDictionary<string, Dictionary<string, ResourceInfo>> Groups => Data.Value.Groups;

    /// <summary>The removal of a group (<c>*</c>), a resource or a subresource (<c>R/S</c>), or null.</summary>
    public static Removal? RemovalOf(string group, string resource)
        => Data.Value.Removals.TryGetValue(Key(group, resource), out var removal) ? removal : null;

    /// <summary>Every removal that matters for audit rules.</summary>
    public static IEnumerable<Removal> Removals => Data.Value.Removals.Values;

    /// <summary>A look-alike (<c>tokenrequests</c>), or one of a group that serves nothing (resource <c>*</c>), or null.</summary>
    public static NotResource? NotResourceOf(string group, string resource)
        => Data.Value.NotResources.TryGetValue(Key(group, resource), out var item) || Data.Value.NotResources.TryGetValue(Key(group, "*"), out item) ? item : null;

    /// <summary>Every look-alike.</summary>
    public static IEnumerable<NotResource> NotResources => Data.Value.NotResources.Values;

    /// <summary>Whether (group, resource or R/S) exists only in authorization checks.</summary>
    public static bool IsAuthorizationOnlyResource(string group, string resource) => Data.Value.AuthorizationOnlyResources.Contains(Key(group, resource));

    /// <summary>The authorization-only resources as group|resource.</summary>
    public static IEnumerable<string> AuthorizationOnlyResources => Data.Value.AuthorizationOnlyResources;

    /// <summary>Whether a verb exists only in authorization checks (patterns like <c>associated-node:&lt;verb&gt;</c> match by prefix).</summary>
    public static bool IsAuthorizationOnlyVerb(string verb)
    {
        foreach (var row in AuthorizationOnlyVerbRows)
        {
            var placeholder = row.IndexOf('<');
            if (placeholder < 0 ? string.Equals(row, verb, StringComparison.Ordinal) : verb.Length > placeholder && string.CompareOrdinal(row, 0, verb, 0, placeholder) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The authorization-only verbs, as listed (patterns included).</summary>
    public static IReadOnlyList<string> AuthorizationOnlyVerbs => AuthorizationOnlyVerbRows;

    /// <summary>The verbs a resource request can carry.</summary>
    public static IReadOnlyList<string> RequestVerbs => RequestVerbRows;

    /// <summary>Well-known add-on groups (never judged).</summary>
    public static IReadOnlyList<string> AddOnGroups => AddOnGroupRows;

    private static readonly Dictionary<string, ResourceInfo> Empty = new(StringComparer.Ordinal);

    private static string Key(string group, string resource) => group + "|" + resource;

    private sealed class Index
    {
        public Dictionary<string, Dictionary<string, ResourceInfo>> Groups { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Removal> Removals { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, NotResource> NotResources { get; } = new(StringComparer.Ordinal);

        public HashSet<string> AuthorizationOnlyResources { get; } = new(StringComparer.Ordinal);
    }

    private static Index Build()
    {
        var index = new Index();
        foreach (var row in ResourceRows)
        {
            var f = row.Split('|');
            if (!index.Groups.TryGetValue(f[0], out var resources))
            {
                index.Groups.Add(f[0], resources = new Dictionary<string, ResourceInfo>(StringComparer.Ordinal));
            }

            resources.Add(f[1], new ResourceInfo(f[0], f[1], f[2], f[3], List(f[4]), List(f[5])));
        }

        foreach (var row in RemovalRows)
        {
            var f = row.Split('|');
            var version = f[2].Split('.');
            var removedIn = (int.Parse(version[0], CultureInfo.InvariantCulture), int.Parse(version[1], CultureInfo.InvariantCulture));
            index.Removals.Add(Key(f[0], f[1]), new Removal(f[0], f[1], removedIn, f[3], f[4]));
        }

        foreach (var row in NotResourceRows)
        {
            var f = row.Split('|');
            index.NotResources.Add(Key(f[0], f[1]), new NotResource(f[0], f[1], f.Length > 2 ? f[2] : null, f.Length > 3 ? f[3] : null));
        }

        foreach (var row in AuthorizationOnlyResourceRows)
        {
            index.AuthorizationOnlyResources.Add(row);
        }

        return index;
    }

    private static string[] List(string value) => value.Length == 0 ? Array.Empty<string>() : value.Split(',');
}
