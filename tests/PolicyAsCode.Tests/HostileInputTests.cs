using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>
/// Inputs built to hurt the loader (issue 12): each is generated here, loaded on a thread with a small stack
/// (so any recursion that grows with the input would overflow and abort the test run), and must end in
/// kube-apiserver's error or in PolicyAsCode's own documented limit.
/// </summary>
public sealed class HostileInputTests
{
    private const string Header = "apiVersion: audit.k8s.io/v1\nkind: Policy\n";

    /// <summary>Anchors each nesting the previous alias 9,000 levels deeper: every anchor is within go-yaml's depth limit, the expansion is not.</summary>
    [Fact]
    public void Aliases_nesting_beyond_the_json_depth_limit_fail_as_go_json_does()
    {
        var sb = new StringBuilder(Header);
        for (var i = 0; i < 4; i++)
        {
            sb.Append('a').Append(i).Append(": &a").Append(i).Append(' ')
                .Append('[', 9000).Append(i == 0 ? "x" : "*a" + (i - 1)).Append(']', 9000).Append('\n');
        }

        var result = LoadOnSmallStack(Encoding.UTF8.GetBytes(sb.ToString()));
        Assert.Equal("failed decoding: couldn't get version/kind; json parse error: invalid character '[' exceeded max depth", result.Error);
        Assert.True(result.Unreadable);
    }

    [Fact]
    public void Expansion_just_within_the_json_depth_limit_loads()
    {
        // Root mapping (1) + 4,999 + 4,999 nested alias levels + the 'rules' list: depth 10,000 exactly is allowed.
        var yaml = Header + "a: &a " + new string('[', 4999) + "x" + new string(']', 4999) + "\n"
            + "b: " + new string('[', 5000) + "*a" + new string(']', 5000) + "\nrules: [{level: None}]\n";
        var result = LoadOnSmallStack(Encoding.UTF8.GetBytes(yaml));
        Assert.True(result.Accepted, result.Error);
        Assert.True(result.LenientFallback);
    }

    [Fact]
    public void A_long_chain_of_merged_anchors_stops_at_the_alias_limit_without_recursion()
    {
        var sb = new StringBuilder(Header).Append("m0: &m0 {k0: v}\n");
        for (var i = 1; i < 20000; i++)
        {
            sb.Append('m').Append(i).Append(": &m").Append(i).Append(" {<<: *m").Append(i - 1).Append(", k").Append(i).Append(": v}\n");
        }

        var result = LoadOnSmallStack(Encoding.UTF8.GetBytes(sb.ToString()));
        Assert.Equal("failed decoding: yaml: document contains excessive aliasing", result.Error);
    }

    [Fact]
    public void A_key_that_is_a_deep_alias_is_quoted_briefly()
    {
        var yaml = Header + "a: &a " + new string('[', 9000) + "x" + new string(']', 9000) + "\n? *a\n: v\n";
        var result = LoadOnSmallStack(Encoding.UTF8.GetBytes(yaml));
        Assert.StartsWith("failed decoding: yaml: invalid map key: []interface {}{[]interface {}{", result.Error);
        Assert.EndsWith("...", result.Error);
        Assert.True(result.Error!.Length < 2000, result.Error.Length.ToString());
    }

    [Fact]
    public void A_device_without_length_is_cut_at_the_size_limit_while_reading()
    {
        var result = PolicyLoader.LoadFile("/dev/zero", new PolicyLoadOptions { MaxBytes = 1 << 20 });
        Assert.Equal("the file is larger than 1048576 bytes; PolicyAsCode reads policy files of at most 1048576 bytes (its own limit: kube-apiserver has none, real policies are a few KiB)", result.Error);
        Assert.True(result.Unreadable);
    }

    [Fact]
    public void A_file_at_the_size_limit_is_read_and_one_byte_more_is_not()
    {
        var path = Path.Combine(Path.GetTempPath(), "policyascode-size-" + Guid.NewGuid().ToString("N") + ".yaml");
        try
        {
            var yaml = Header + "rules: [{level: None}]\n";
            File.WriteAllText(path, yaml);
            var size = Encoding.UTF8.GetByteCount(yaml);
            Assert.True(PolicyLoader.LoadFile(path, new PolicyLoadOptions { MaxBytes = size }).Accepted);
            Assert.StartsWith("the file is " + size + " bytes; PolicyAsCode reads policy files of at most " + (size - 1) + " bytes", PolicyLoader.LoadFile(path, new PolicyLoadOptions { MaxBytes = size - 1 }).Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void More_values_than_the_limit_are_refused_with_our_own_message(bool json)
    {
        const int values = 500_001;
        var list = string.Join(",", Enumerable.Repeat(json ? "\"a\"" : "a", values));
        var text = json
            ? "{\"apiVersion\":\"audit.k8s.io/v1\",\"kind\":\"Policy\",\"rules\":[{\"level\":\"None\",\"users\":[" + list + "]}]}"
            : Header + "rules:\n- level: None\n  users: [" + list + "]\n";
        var result = PolicyLoader.Load(text);
        Assert.Equal("the document has more than 500000 values (aliases counted as expanded); this is PolicyAsCode's own limit (kube-apiserver has none)", result.Error);
        Assert.True(result.Unreadable);
    }

    [Fact]
    public void Values_from_alias_expansion_count_towards_the_limit()
    {
        // 300,000 values in the text and 300 references to an anchor of 1,000: 600,000 decoded, under
        // go-yaml's alias ratio, while the text has only about 301,300 nodes.
        var sb = new StringBuilder(Header).Append("x: &x [").Append(string.Join(",", Enumerable.Repeat("a", 1000))).Append("]\nrules:\n- level: None\n  users: [");
        sb.Append(string.Join(",", Enumerable.Repeat("a", 300_000))).Append(',').Append(string.Join(",", Enumerable.Repeat("*x", 300))).Append("]\n");
        var result = LoadOnSmallStack(Encoding.UTF8.GetBytes(sb.ToString()));
        Assert.Contains("values (aliases counted as expanded)", result.Error);
    }

    [Fact]
    public void The_missing_apiVersion_error_quotes_a_large_file_briefly()
    {
        var yaml = "apiVersion: example.com/\nkind: Policy\nrules:\n" + string.Concat(Enumerable.Repeat("- level: None\n  users: [someone]\n", 60_000));
        var result = PolicyLoader.Load(yaml);
        Assert.StartsWith("failed decoding: Object 'apiVersion' is missing in 'apiVersion: example.com/\nkind: Policy\nrules:\n- level: None", result.Error);
        Assert.EndsWith(" more bytes not shown)'", result.Error);
        Assert.True(result.Error!.Length < 1200, result.Error.Length.ToString());
    }

    private static PolicyLoadResult LoadOnSmallStack(byte[] data)
    {
        PolicyLoadResult? result = null;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = PolicyLoader.Load(data);
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
            },
            maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        return result!;
    }
}
