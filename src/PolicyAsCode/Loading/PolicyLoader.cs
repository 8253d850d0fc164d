using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using PolicyAsCode.Loading;

namespace PolicyAsCode;

/// <summary>Options for <see cref="PolicyLoader"/>.</summary>
public sealed record PolicyLoadOptions
{
    /// <summary>
    /// Accept <c>group: "*"</c> (Kubernetes 1.36 and later). Default true: the spec's reference version.
    /// Set false to judge a file as a 1.24-1.35 kube-apiserver does.
    /// </summary>
    public bool AllowGroupWildcard { get; init; } = true;

    /// <summary>
    /// Files larger than this are refused before parsing (PolicyAsCode's own limit; kube-apiserver has none).
    /// Default 16 MiB; real policies are a few KiB.
    /// </summary>
    public int MaxBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Documents with more values (YAML nodes, aliases counted as expanded) are refused (PolicyAsCode's own
    /// limit; kube-apiserver has none). Default 500,000: memory grows with the values, not with the bytes
    /// (<c>[a,a,a,...]</c> is two bytes a value), and this keeps one file under 500 MB (docs/limits.md); a
    /// 100,000-rule policy of <c>- level: None</c> rules has about 300,000 values.
    /// </summary>
    public int MaxValues { get; init; } = 500_000;
}

/// <summary>
/// Loads a policy file exactly as kube-apiserver's <c>LoadPolicyFromBytes</c> does (spec §2-4): JSON or
/// YAML 1.1 decoding of the first document, apiVersion/kind resolution, strict decoding with the lenient
/// fallback, the group-version check, validation, and the rule count.
/// </summary>
public static class PolicyLoader
{
    /// <summary>How much of the file an error message quotes.</summary>
    internal const int MaxQuotedBytes = 1024;

    private const string Scheme = "k8s.io/apiserver/pkg/audit/scheme.go:30";
    private const string AuditGroup = "audit.k8s.io";
    private const string InternalVersion = "__internal";
    private const string SniffType = "struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }";

    private static readonly HashSet<string> V1AuditKinds = new(StringComparer.Ordinal)
    {
        "Event", "EventList", "PolicyList", "WatchEvent", "ListOptions", "GetOptions", "DeleteOptions", "CreateOptions", "UpdateOptions", "PatchOptions",
    };

    private static readonly HashSet<string> UnversionedKinds = new(StringComparer.Ordinal)
    {
        "Status", "APIVersions", "APIGroupList", "APIGroup", "APIResourceList",
    };

    /// <summary>
    /// Reads and loads a file. Read failures are reported as kube-apiserver words them; the size limit is
    /// enforced while reading (pipes and devices report no length).
    /// </summary>
    public static PolicyLoadResult LoadFile(string path, PolicyLoadOptions? options = null)
    {
        options ??= new PolicyLoadOptions();
        var data = PolicyFileReader.Read(path, options.MaxBytes, out var error);
        return data is null ? Unreadable(error!, 0, 0) : Load(data, options);
    }

    /// <summary>
    /// Reads a file's bytes under the size limit, for callers that need the text as well as the load (import keeps
    /// comments): null with the same error <see cref="LoadFile"/> would report.
    /// </summary>
    public static byte[]? ReadFile(string path, PolicyLoadOptions? options, out string? error)
        => PolicyFileReader.Read(path, (options ?? new PolicyLoadOptions()).MaxBytes, out error);

    /// <summary>Loads policy text (UTF-8).</summary>
    public static PolicyLoadResult Load(string text, PolicyLoadOptions? options = null) => Load(new UTF8Encoding(false).GetBytes(text), options);

    /// <summary>Loads policy bytes.</summary>
    public static PolicyLoadResult Load(byte[] data, PolicyLoadOptions? options = null)
    {
        options ??= new PolicyLoadOptions();
        if (data.Length > options.MaxBytes)
        {
            return Unreadable(PolicyFileReader.TooLarge(data.Length.ToString(CultureInfo.InvariantCulture), options.MaxBytes), 0, 0);
        }

        // 1. Bytes to JSON: content starting with '{' is JSON only; everything else is YAML (first document).
        JsonNode root;
        string? yamlDuplicates = null;
        (int Line, int Column) duplicatePosition = default;
        if (StartsWithBrace(data))
        {
            JsonNode? parsed;
            string? jsonError;
            int line, column;
            try
            {
                parsed = GoJsonReader.Parse(data, out jsonError, out line, out column, options.MaxValues);
            }
            catch (YamlToJson.ConversionError ex)
            {
                return Unreadable(ex.Message, ex.Line, ex.Column);
            }

            if (parsed is null)
            {
                return Unreadable("failed decoding: couldn't get version/kind; json parse error: " + jsonError, line, column);
            }

            root = parsed;
        }
        else
        {
            try
            {
                var document = GoYamlParser.ParseFirstDocument(GoYamlParser.Decode(data), options.MaxValues);
                root = YamlToJson.Convert(document, out yamlDuplicates, out duplicatePosition, options.MaxValues);
            }
            catch (GoYamlParser.YamlError ex)
            {
                return Unreadable("failed decoding: yaml: " + ex.Message, ex.Line, ex.Column);
            }
            catch (YamlToJson.ConversionError ex)
            {
                return Unreadable(ex.OwnLimit ? ex.Message : "failed decoding: " + ex.Message, ex.Line, ex.Column);
            }
        }

        // 2. Sniff apiVersion and kind (standard Go JSON: case-insensitive keys, last one wins).
        if (root.Kind is not (JsonKind.Object or JsonKind.Null))
        {
            return Failed("failed decoding: couldn't get version/kind; json parse error: json: cannot unmarshal " + root.GoKindName + " into Go value of type " + SniffType, root.Line, root.Column);
        }

        var apiVersion = string.Empty;
        var kind = string.Empty;
        foreach (var member in root.Members ?? new List<JsonMember>())
        {
            var isVersion = string.Equals(member.Key, "apiVersion", StringComparison.OrdinalIgnoreCase);
            if (!isVersion && !string.Equals(member.Key, "kind", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (member.Value.Kind == JsonKind.Null)
            {
                continue;
            }

            if (member.Value.Kind != JsonKind.String)
            {
                return Failed("failed decoding: couldn't get version/kind; json parse error: json: cannot unmarshal " + member.Value.GoKindName + " into Go struct field ." + (isVersion ? "apiVersion" : "kind") + " of type string", member.Value.Line, member.Value.Column);
            }

            if (isVersion)
            {
                apiVersion = member.Value.Text;
            }
            else
            {
                kind = member.Value.Text;
            }
        }

        // 3. Group, version and kind, with the decoder's defaults (the internal Policy type).
        string group;
        string version;
        if (apiVersion.Length == 0 || apiVersion == "/")
        {
            group = version = string.Empty;
        }
        else
        {
            var slashes = apiVersion.Split('/').Length - 1;
            if (slashes > 1)
            {
                return Failed("failed decoding: unexpected GroupVersion string: " + apiVersion, Position(root, "apiVersion"));
            }

            var slash = apiVersion.IndexOf('/');
            group = slash < 0 ? string.Empty : apiVersion.Substring(0, slash);
            version = slash < 0 ? apiVersion : apiVersion.Substring(slash + 1);
        }

        if (kind.Length == 0)
        {
            kind = "Policy";
        }

        if (group.Length == 0 && version.Length == 0)
        {
            group = AuditGroup;
            version = InternalVersion;
        }

        if (version.Length == 0 && group == AuditGroup)
        {
            version = InternalVersion;
        }

        if (version.Length == 0)
        {
            return Failed("failed decoding: Object 'apiVersion' is missing in '" + Quoted(data) + "'", Position(root, "apiVersion"));
        }

        var internalPolicy = group == AuditGroup && version == InternalVersion;
        if (!(kind == "Policy" && (internalPolicy || (group == AuditGroup && version == "v1"))))
        {
            return Failed("failed decoding: " + KindError(group, version, kind), Position(root, "kind"));
        }

        // 4. Strict decoding; strictness problems fall back to lenient decoding with a warning.
        var decoded = StrictDecoder.Decode(root, internalPolicy ? GoSchema.InternalPolicy : GoSchema.V1Policy, out var strict, out var typeError);
        if (typeError is { } fatal)
        {
            return Failed("failed decoding: " + fatal.Message, fatal.Line, fatal.Column);
        }

        var findings = new List<PolicyFinding>();
        string? strictErrors = null;
        var strictMessages = new List<string>();
        if (yamlDuplicates is not null)
        {
            strictMessages.Add(yamlDuplicates);
            findings.Add(new PolicyFinding("strict", FindingSeverity.Warning, "strict decoding error: " + yamlDuplicates, null, duplicatePosition.Line, duplicatePosition.Column));
        }

        foreach (var problem in strict)
        {
            strictMessages.Add(problem.Message);
            findings.Add(new PolicyFinding("strict", FindingSeverity.Warning, "strict decoding error: " + problem.Message, null, problem.Line, problem.Column));
        }

        if (strictMessages.Count > 0)
        {
            strictErrors = "strict decoding error: " + string.Join(", ", strictMessages);
        }

        // 5. Only audit.k8s.io/v1 passes the group-version check.
        if (internalPolicy)
        {
            var error = "unknown group version field " + AuditGroup + "/" + InternalVersion + ", Kind=Policy in policy";
            findings.Add(new PolicyFinding("decode", FindingSeverity.Error, error, null, 1, 1));
            return new PolicyLoadResult(null, error, strictErrors, findings);
        }

        var positions = new PolicyPositions();
        var policy = ToPolicy(decoded, positions);

        // 6. Validation, then the rule count.
        var fieldErrors = PolicyValidator.Validate(policy, options.AllowGroupWildcard);
        string? loadError = null;
        if (fieldErrors.Count > 0)
        {
            loadError = PolicyValidator.Format(fieldErrors);
            foreach (var fieldError in fieldErrors)
            {
                var (line, column) = positions.Find(fieldError.At) is { Line: > 0 } found ? found : (1, 1);
                findings.Add(new PolicyFinding("validation", FindingSeverity.Error, fieldError.ToString(), fieldError.Path, line, column) { RuleIndex = fieldError.At.RuleIndex });
            }
        }
        else if (policy.Rules.IsEmpty)
        {
            loadError = "loaded illegal policy with 0 rules";
            var (line, column) = positions.TryGet(new PolicyPath(-1, "rules"), out var p) ? p : (1, 1);
            findings.Add(new PolicyFinding("no-rules", FindingSeverity.Error, loadError, "rules", line, column));
        }

        return new PolicyLoadResult(policy, loadError, strictErrors, findings, positions);
    }

    private static string KindError(string group, string version, string kind)
    {
        var gv = group.Length == 0 ? version : group + "/" + version;
        if (group == AuditGroup && version == InternalVersion)
        {
            if (kind is "Event" or "EventList" or "PolicyList")
            {
                return "converting (audit." + kind + ") to (audit.Policy): unknown conversion";
            }

            if (kind == "WatchEvent")
            {
                return "converting (v1.InternalEvent) to (audit.Policy): unknown conversion";
            }
        }
        else if (group == AuditGroup && version == "v1" && V1AuditKinds.Contains(kind))
        {
            return "converting (v1." + kind + ") to (audit.Policy): unknown conversion";
        }

        if (UnversionedKinds.Contains(kind))
        {
            return "converting (v1." + kind + ") to (audit.Policy): unknown conversion";
        }

        return group == AuditGroup && version == InternalVersion
            ? "no kind " + PolicyValidator.GoQuote(kind) + " is registered for the internal version of group " + PolicyValidator.GoQuote(group) + " in scheme " + PolicyValidator.GoQuote(Scheme)
            : "no kind " + PolicyValidator.GoQuote(kind) + " is registered for version " + PolicyValidator.GoQuote(gv) + " in scheme " + PolicyValidator.GoQuote(Scheme);
    }

    private static PolicyLoadResult Failed(string error, (int Line, int Column) position) => Failed(error, position.Line, position.Column);

    /// <summary>
    /// The file as kube-apiserver's "is missing in" error quotes it, cut after <see cref="MaxQuotedBytes"/> bytes:
    /// kube-apiserver repeats the whole file, which for a large file buries the message (PolicyAsCode's choice).
    /// </summary>
    private static string Quoted(byte[] data)
        => data.Length <= MaxQuotedBytes
            ? Encoding.UTF8.GetString(data)
            : Encoding.UTF8.GetString(data, 0, MaxQuotedBytes).TrimEnd('\uFFFD') + "... (" + (data.Length - MaxQuotedBytes).ToString(CultureInfo.InvariantCulture) + " more bytes not shown)";

    /// <summary>No policy to judge: unreadable, over PolicyAsCode's limits, or not YAML/JSON at all.</summary>
    private static PolicyLoadResult Unreadable(string error, int line, int column)
        => new(null, error, null, new[] { new PolicyFinding("decode", FindingSeverity.Error, error, null, line, column) }) { Unreadable = true };

    private static PolicyLoadResult Failed(string error, int line, int column)
        => new(null, error, null, new[] { new PolicyFinding("decode", FindingSeverity.Error, error, null, line, column) });

    private static (int, int) Position(JsonNode root, string key)
    {
        foreach (var member in root.Members ?? new List<JsonMember>())
        {
            if (string.Equals(member.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return (member.Value.Line, member.Value.Column);
            }
        }

        return (1, 1);
    }

    /// <summary>Go's unicode.IsSpace over the leading UTF-8 text, then '{'.</summary>
    private static bool StartsWithBrace(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data, 0, Math.Min(data.Length, 4096));
        foreach (var c in text)
        {
            if (c == '{')
            {
                return true;
            }

            if (!(c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u0085' or '\u00A0' || char.GetUnicodeCategory(c) is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
            {
                return false;
            }
        }

        return false;
    }

    private static Policy ToPolicy(Decoded root, PolicyPositions positions)
    {
        var fields = root.Fields ?? DecodedFields.Empty;
        var rules = EquatableArray<PolicyRule>.Empty;
        if (fields.TryGetValue("rules", out var rulesNode))
        {
            positions.Set(new PolicyPath(-1, "rules"), rulesNode.Node.Line, rulesNode.Node.Column);
            var items = rulesNode.Items ?? new List<Decoded>();
            var list = new PolicyRule[items.Count];
            for (var i = 0; i < list.Length; i++)
            {
                list[i] = ToRule(items[i], i, positions);
            }

            rules = EquatableArray<PolicyRule>.TakeOwnership(list);
        }

        return new Policy
        {
            Rules = rules,
            OmitStages = Stages(fields, "omitStages", new PolicyPath(-1, "omitStages"), positions),
            OmitManagedFields = fields.TryGetValue("omitManagedFields", out var omit) && omit.Bool == true,
        };
    }

    private static PolicyRule ToRule(Decoded node, int index, PolicyPositions positions)
    {
        positions.Set(new PolicyPath(index, string.Empty), node.Node.Line, node.Node.Column);
        var fields = node.Fields ?? DecodedFields.Empty;
        var level = fields.TryGetValue("level", out var levelNode) ? levelNode.String ?? string.Empty : string.Empty;
        if (levelNode is not null)
        {
            positions.Set(new PolicyPath(index, "level"), levelNode.Node.Line, levelNode.Node.Column);
        }

        var resources = EquatableArray<GroupResources>.Empty;
        if (fields.TryGetValue("resources", out var resourcesNode) && resourcesNode.Items is { } entries)
        {
            var list = new GroupResources[entries.Count];
            for (var k = 0; k < entries.Count; k++)
            {
                var entry = entries[k];
                var entryFields = entry.Fields ?? DecodedFields.Empty;
                var group = entryFields.TryGetValue("group", out var groupNode) ? groupNode.String ?? string.Empty : string.Empty;
                // Per entry (rules[0].resources[1].resources[2]), for findings about one entry's item.
                positions.Set(new PolicyPath(index, string.Empty, k), entry.Node.Line, entry.Node.Column);
                if (groupNode is not null)
                {
                    positions.Set(new PolicyPath(index, "group", k), groupNode.Node.Line, groupNode.Node.Column);
                }

                list[k] = new GroupResources
                {
                    Group = group,
                    Resources = Strings(entryFields, "resources", new PolicyPath(index, "resources", k), positions),
                    ResourceNames = Strings(entryFields, "resourceNames", new PolicyPath(index, "resourceNames", k), positions),
                };
            }

            resources = EquatableArray<GroupResources>.TakeOwnership(list);
        }

        return new PolicyRule
        {
            Level = level,
            Users = Strings(fields, "users", new PolicyPath(index, "users"), positions),
            UserGroups = Strings(fields, "userGroups", new PolicyPath(index, "userGroups"), positions),
            Verbs = Strings(fields, "verbs", new PolicyPath(index, "verbs"), positions),
            Resources = resources,
            Namespaces = Strings(fields, "namespaces", new PolicyPath(index, "namespaces"), positions),
            NonResourceURLs = Strings(fields, "nonResourceURLs", new PolicyPath(index, "nonResourceURLs"), positions),
            OmitStages = Stages(fields, "omitStages", new PolicyPath(index, "omitStages"), positions),
            OmitManagedFields = fields.TryGetValue("omitManagedFields", out var omit) ? omit.Bool : null,
        };
    }

    /// <summary>A list of strings, recording the list's position at <paramref name="path"/> and each item's at its index.</summary>
    private static EquatableArray<string> Strings(DecodedFields fields, string key, PolicyPath path, PolicyPositions positions)
    {
        if (!fields.TryGetValue(key, out var node) || node.Items is null)
        {
            return EquatableArray<string>.Empty;
        }

        positions.Set(path, node.Node.Line, node.Node.Column);
        var values = new string[node.Items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var item = node.Items[i];
            values[i] = item.String ?? string.Empty;
            positions.Set(path with { ItemIndex = i }, item.Node.Line, item.Node.Column);
        }

        return EquatableArray<string>.TakeOwnership(values);
    }

    private static EquatableArray<AuditStage> Stages(DecodedFields fields, string key, PolicyPath path, PolicyPositions positions)
    {
        var strings = Strings(fields, key, path, positions);
        if (strings.IsEmpty)
        {
            return EquatableArray<AuditStage>.Empty;
        }

        var stages = new AuditStage[strings.Count];
        for (var i = 0; i < stages.Length; i++)
        {
            stages[i] = new AuditStage(strings[i]);
        }

        return EquatableArray<AuditStage>.TakeOwnership(stages);
    }
}
