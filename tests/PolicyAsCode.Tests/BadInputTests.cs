using System;
using System.IO;
using System.Text;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>Bad input ends in a clear error with a position, quickly, never a crash or unbounded work.</summary>
public sealed class BadInputTests
{
    private const string Header = "apiVersion: audit.k8s.io/v1\nkind: Policy\n";

    [Fact]
    public void Missing_file_is_reported_as_kube_apiserver_reports_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "policyascode-missing-" + Guid.NewGuid().ToString("N") + ".yaml");
        var result = PolicyLoader.LoadFile(path);
        Assert.Equal("failed to read file path \"" + path + "\": open " + path + ": no such file or directory", result.Error);
    }

    [Fact]
    public void A_directory_is_not_a_policy()
    {
        var dir = Directory.CreateTempSubdirectory("policyascode-").FullName;
        try
        {
            Assert.Equal("failed to read file path \"" + dir + "\": read " + dir + ": is a directory", PolicyLoader.LoadFile(dir).Error);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01, 0x02, 0xFF }, "failed decoding: yaml: invalid leading UTF-8 octet")]
    [InlineData(new byte[] { 0x61, 0x3A, 0x20, 0x00 }, "failed decoding: yaml: control characters are not allowed")]
    [InlineData(new byte[] { 0x61, 0xC3 }, "failed decoding: yaml: incomplete UTF-8 octet sequence")]
    public void Binary_data_is_a_yaml_reader_error(byte[] data, string error)
    {
        var result = PolicyLoader.Load(data);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Empty_input_has_no_apiVersion()
    {
        Assert.Equal("unknown group version field audit.k8s.io/__internal, Kind=Policy in policy", PolicyLoader.Load(Array.Empty<byte>()).Error);
    }

    [Fact]
    public void Oversized_input_is_refused_before_parsing()
    {
        var result = PolicyLoader.Load(new byte[1024], new PolicyLoadOptions { MaxBytes = 100 });
        Assert.Equal("the file is 1024 bytes; PolicyAsCode reads policy files of at most 100 bytes (its own limit: kube-apiserver has none, real policies are a few KiB)", result.Error);
        Assert.True(result.Unreadable);
    }

    [Fact]
    public void Billion_laughs_stops_at_go_yaml_alias_limit()
    {
        var sb = new StringBuilder(Header).Append("x0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (var i = 1; i < 10; i++)
        {
            sb.Append("x").Append(i).Append(": &a").Append(i).Append(" [");
            for (var j = 0; j < 9; j++)
            {
                sb.Append(j > 0 ? ", " : string.Empty).Append("*a").Append(i - 1);
            }

            sb.Append("]\n");
        }

        sb.Append("rules:\n- level: None\n");
        var result = PolicyLoader.Load(sb.ToString());
        Assert.Equal("failed decoding: yaml: document contains excessive aliasing", result.Error);
        Assert.True(result.Findings[0].Line > 0);
    }

    [Fact]
    public void Self_referencing_anchor_is_an_error()
    {
        Assert.Equal("failed decoding: yaml: anchor 'a' value contains itself", PolicyLoader.Load(Header + "x: &a [*a]\nrules:\n- level: None\n").Error);
    }

    [Fact]
    public void Unknown_alias_is_an_error()
    {
        Assert.Equal("failed decoding: yaml: unknown anchor 'b' referenced", PolicyLoader.Load(Header + "rules: *b\n").Error);
    }

    [Fact]
    public void Deep_yaml_nesting_is_bounded()
    {
        var deep = Header + "x: " + new string('[', 20000) + new string(']', 20000) + "\nrules:\n- level: None\n";
        var result = PolicyLoader.Load(deep);
        Assert.False(result.Accepted);
        Assert.Contains("exceeded max depth of 10000", result.Error);
    }

    [Fact]
    public void Deep_json_nesting_is_bounded()
    {
        var deep = "{\"x\": " + new string('[', 20000) + new string(']', 20000) + "}";
        var result = PolicyLoader.Load(deep);
        Assert.Equal("failed decoding: couldn't get version/kind; json parse error: invalid character '[' exceeded max depth", result.Error);
    }

    [Fact]
    public void A_large_valid_policy_loads()
    {
        var sb = new StringBuilder(Header).Append("rules:\n");
        for (var i = 0; i < 20000; i++)
        {
            sb.Append("- level: Metadata\n  users: [\"user-").Append(i).Append("\"]\n");
        }

        var result = PolicyLoader.Load(sb.ToString());
        Assert.True(result.Accepted, result.Error);
        Assert.Equal(20000, result.Policy!.Rules.Count);
    }

    [Theory]
    [InlineData("{\"apiVersion\": \"audit.k8s.io/v1\",}", "failed decoding: couldn't get version/kind; json parse error: invalid character '}' looking for beginning of object key string", 1, 34)]
    [InlineData("{\"apiVersion\": \"audit.k8s.io/v1\"", "failed decoding: couldn't get version/kind; json parse error: unexpected end of JSON input", 1, 33)]
    [InlineData("{\"a\": tru}", "failed decoding: couldn't get version/kind; json parse error: invalid character '}' in literal true (expecting 'e')", 1, 10)]
    [InlineData("{} x", "failed decoding: couldn't get version/kind; json parse error: invalid character 'x' after top-level value", 1, 4)]
    public void Broken_json_reports_go_text_and_position(string json, string error, int line, int column)
    {
        var result = PolicyLoader.Load(json);
        Assert.Equal(error, result.Error);
        Assert.Equal((line, column), (result.Findings[0].Line, result.Findings[0].Column));
    }

    [Fact]
    public void Syntax_errors_point_at_their_line()
    {
        var result = PolicyLoader.Load(Header + "rules:\n- level: None\n  verbs: [\"get\"\n");
        Assert.False(result.Accepted);
        Assert.StartsWith("failed decoding: yaml: ", result.Error);
        Assert.True(result.Findings[0].Line >= 4);
    }

    [Fact]
    public void Validation_findings_point_at_the_offending_value()
    {
        var result = PolicyLoader.Load(Header + "rules:\n- level: Metadata\n  resources:\n  - group: \"apps\"\n  - group: \"Apps\"\n    resourceNames: [\"x\"]\n");
        Assert.False(result.Accepted);
        var group = Assert.Single(result.Findings, f => f.Path == "rules[0].resources.group");
        Assert.Equal((7, 12), (group.Line, group.Column));
        var names = Assert.Single(result.Findings, f => f.Path == "rules[0].resources.resourceNames");
        Assert.Equal(8, names.Line);
        Assert.All(result.Findings, f => Assert.Equal(0, f.RuleIndex));
    }

    [Fact]
    public void A_group_error_points_at_the_entry_it_belongs_to_even_when_an_earlier_entry_has_the_same_field()
    {
        // The typed path (rule 1, entry 1) says which entry; kube-apiserver's text path ("rules[1].resources.group") does not.
        var result = PolicyLoader.Load(Header + "rules:\n- level: None\n- level: Metadata\n  resources:\n  - group: \"apps\"\n  - group: \"Bad_Group\"\n");
        var group = Assert.Single(result.Findings);
        Assert.Equal("rules[1].resources.group", group.Path);
        Assert.Equal(1, group.RuleIndex);
        Assert.Equal((8, 12), (group.Line, group.Column));
        var error = Assert.Single(PolicyValidator.Validate(result.Policy ?? new Policy { Rules = new EquatableArray<PolicyRule>(new[] { new PolicyRule { Level = AuditLevel.None }, new PolicyRule { Level = AuditLevel.Metadata, Resources = new EquatableArray<GroupResources>(new[] { new GroupResources { Group = "apps" }, new GroupResources { Group = "Bad_Group" } }) } }) }));
        Assert.Equal(new PolicyPath(1, "group", 1), error.At);
    }
}
