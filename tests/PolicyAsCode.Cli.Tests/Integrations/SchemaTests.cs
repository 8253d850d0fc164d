using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NJsonSchema;
using NJsonSchema.Validation;
using PolicyAsCode.Tests;
using Xunit;

namespace PolicyAsCode.Cli.Tests.Integrations;

/// <summary><c>policyascode schema</c>: the JSON Schema an editor uses agrees with what kube-apiserver loads.</summary>
public sealed class SchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromJsonAsync(Tool.InProcess("schema").Stdout).GetAwaiter().GetResult();

    public static IEnumerable<object[]> CorpusFiles => Directory.GetFiles(SharedFiles.CorpusDirectory, "*.yaml")
        .Select(f => new object[] { Path.GetFileName(f) }).OrderBy(f => (string)f[0], System.StringComparer.Ordinal);

    /// <summary>
    /// Files kube-apiserver decodes strictly validate; files it accepts only after dropping unknown keys (OpenShift's
    /// <c>resource:</c>, Datadog's <c>verbs:</c> inside a resources item) are underlined at that key; v1beta1 files fail.
    /// </summary>
    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Corpus_files_validate_exactly_when_kube_apiserver_decodes_them_strictly(string file)
    {
        var path = Path.Combine(SharedFiles.CorpusDirectory, file);
        var load = PolicyLoader.LoadFile(path);
        var errors = Flatten(Schema.Validate(YamlAsJson.Read(path))).ToList();
        if (load.Accepted && !load.LenientFallback)
        {
            Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.ToString())));
        }
        else
        {
            Assert.NotEmpty(errors);
        }

        if (file.StartsWith("openshift-", System.StringComparison.Ordinal) && load.LenientFallback)
        {
            Assert.Contains(errors, e => e.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed && e.Property == "resource");
        }

        if (file == "datadog-docs.yaml")
        {
            Assert.True(load.LenientFallback);
            Assert.Contains(errors, e => e.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed && e.Property == "verbs" && e.Path!.Contains("resources"));
        }
    }

    [Fact]
    public void The_corpus_has_both_kinds_of_unknown_key()
    {
        var lenient = Directory.GetFiles(SharedFiles.CorpusDirectory, "*.yaml").Where(f => PolicyLoader.LoadFile(f).LenientFallback).Select(Path.GetFileName).ToList();
        Assert.Contains("datadog-docs.yaml", lenient);
        Assert.Contains("openshift-writerequestbodies.yaml", lenient);
        Assert.Contains("openshift-allrequestbodies.yaml", lenient);
    }

    [Theory]
    [InlineData("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  omitStage: [RequestReceived]\n", ValidationErrorKind.NoAdditionalPropertiesAllowed)]
    [InlineData("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Verbose\n", ValidationErrorKind.NotInEnumeration)]
    [InlineData("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- verbs: [get]\n", ValidationErrorKind.PropertyRequired)]
    [InlineData("apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [ResponseDone]\nrules:\n- level: None\n", ValidationErrorKind.NotInEnumeration)]
    [InlineData("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: []\n", ValidationErrorKind.TooFewItems)]
    [InlineData("apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: None\n", ValidationErrorKind.NotInEnumeration)]
    [InlineData("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  omitManagedFields: \"yes\"\n", ValidationErrorKind.BooleanExpected)]
    public void Mistakes_an_editor_should_underline(string yaml, ValidationErrorKind kind)
    {
        var errors = Flatten(Schema.Validate(YamlAsJson.Read(Tool.TempFile(yaml))));
        Assert.Contains(errors, e => e.Kind == kind);
    }

    [Fact]
    public void Names_outside_the_catalog_are_allowed_catalog_names_are_suggested()
    {
        var crd = "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  verbs: [get, escalate]\n  resources:\n  - group: example.com\n    resources: [widgets, widgets/status]\n";
        Assert.Empty(Schema.Validate(YamlAsJson.Read(Tool.TempFile(crd))));

        using var doc = JsonDocument.Parse(Tool.InProcess("schema").Stdout);
        var root = doc.RootElement;
        Assert.Equal(new[] { "apiVersion", "kind", "rules" }, root.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.False(root.GetProperty("additionalProperties").GetBoolean());
        var rule = root.GetProperty("definitions").GetProperty("PolicyRule");
        var group = root.GetProperty("definitions").GetProperty("GroupResources");
        Assert.False(rule.GetProperty("additionalProperties").GetBoolean());
        Assert.False(group.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(new[] { "None", "Metadata", "Request", "RequestResponse" }, rule.GetProperty("properties").GetProperty("level").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { "RequestReceived", "ResponseStarted", "ResponseComplete", "Panic" }, root.GetProperty("properties").GetProperty("omitStages").GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));

        var verbs = Suggestions(rule.GetProperty("properties").GetProperty("verbs"));
        Assert.Subset(verbs.ToHashSet(), new HashSet<string> { "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection" });
        Assert.DoesNotContain("escalate", verbs);
        var resources = Suggestions(group.GetProperty("properties").GetProperty("resources"));
        Assert.Subset(resources.ToHashSet(), new HashSet<string> { "pods", "pods/log", "serviceaccounts/token", "deployments", "*", "pods/*", "*/status" });
        Assert.DoesNotContain("tokenrequests", resources);
        Assert.Equal(resources.OrderBy(r => r, System.StringComparer.Ordinal), resources);
        var groups = group.GetProperty("properties").GetProperty("group").GetProperty("anyOf")[0].GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Subset(groups.ToHashSet(), new HashSet<string?> { string.Empty, "apps", "networking.k8s.io", "rbac.authorization.k8s.io" });
        Assert.DoesNotContain("extensions", groups);
    }

    [Fact]
    public void Output_is_deterministic_and_o_writes_the_same_bytes()
    {
        var first = Tool.InProcess("schema");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, Tool.InProcess("schema").Stdout);
        Assert.EndsWith("}\n", first.Stdout);
        var target = Path.Combine(Path.GetTempPath(), "policyascode-schema-" + System.Guid.NewGuid().ToString("N") + ".json");
        Assert.Equal(0, Tool.InProcess("schema", "-o", target).ExitCode);
        Assert.Equal(first.Stdout, File.ReadAllText(target));

        var toDirectory = Tool.InProcess("schema", "-o", Path.GetTempPath());
        Assert.Equal(2, toDirectory.ExitCode);
        Assert.StartsWith("error: ", toDirectory.Stderr);
    }

    /// <summary>Every error, including those nested under a union (<c>type: [array, null]</c>) or an anyOf.</summary>
    internal static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            yield return error;
            var children = error switch
            {
                ChildSchemaValidationError child => child.Errors.SelectMany(e => e.Value),
                MultiTypeValidationError multi => multi.Errors.SelectMany(e => e.Value),
                _ => Enumerable.Empty<ValidationError>(),
            };
            foreach (var nested in Flatten(children))
            {
                yield return nested;
            }
        }
    }

    private static List<string> Suggestions(JsonElement list) =>
        list.GetProperty("items").GetProperty("anyOf")[0].GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList();
}
