using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace PolicyAsCode.Cli.Tests;

/// <summary><c>check-log --require CalicoCloud</c> on logs with seeded events.</summary>
public sealed class CheckLogTests
{
    private static string Event(string level, string stage, string id, string verb, string resource, string group = "") =>
        "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"" + level + "\",\"auditID\":\"" + id + "\",\"stage\":\"" + stage + "\",\"requestURI\":\"/api/v1/namespaces/prod/" + resource + "/web-0\",\"verb\":\"" + verb
        + "\",\"user\":{\"username\":\"mallory\",\"groups\":[\"system:authenticated\"]},\"objectRef\":{\"resource\":\"" + resource + "\",\"namespace\":\"prod\",\"name\":\"web-0\"" + (group.Length > 0 ? ",\"apiGroup\":\"" + group + "\"" : string.Empty)
        + ",\"apiVersion\":\"v1\"},\"responseStatus\":{\"metadata\":{},\"code\":200},\"requestReceivedTimestamp\":\"2026-12-01T10:00:00.000000Z\",\"stageTimestamp\":\"2026-12-01T10:00:00.100000Z\"}";

    private static (int ExitCode, string Stdout, string Stderr, string Log) Check(string log, params string[] extra)
    {
        var file = Tool.TempFile(log, ".log");
        try
        {
            var (code, stdout, stderr) = Tool.InProcess(new[] { "check-log", file, "--require", "CalicoCloud" }.Concat(extra).ToArray());
            return (code, stdout, stderr, file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_seeded_Metadata_level_delete_of_a_pod_among_real_events_is_found_with_its_auditID_time_and_line()
    {
        var real = File.ReadAllLines(ReplayTests.Samples.Single(s => s.EndsWith("falco-k8s-audit-trace-files.jsonl", StringComparison.Ordinal)));
        var seeded = Event("Metadata", "ResponseComplete", "6f1c2d3e-0000-4000-8000-00000000dead", "delete", "pods");
        var log = string.Join("\n", real.Take(20)) + "\n" + seeded + "\n" + string.Join("\n", real.Skip(20)) + "\n";
        var (code, stdout, stderr, file) = Check(log);
        Assert.Equal(1, code);
        Assert.Contains("error: CalicoCloud: delete pods: 1 of 1 requests recorded below RequestResponse with ResponseComplete", stdout);
        Assert.Contains("  " + file + ":21: auditID 6f1c2d3e-0000-4000-8000-00000000dead at 2026-12-01T10:00:00Z: recorded at Metadata, needs RequestResponse", stdout);
        Assert.Contains("unknown (never seen in the log, so neither met nor failed): ", stdout);
        Assert.Contains("CalicoCloud update networking.k8s.io/networkpolicies", stdout);
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public void Events_at_the_required_level_with_ResponseComplete_meet_it_and_exit_0()
    {
        var log = Event("RequestResponse", "RequestReceived", "00000000-0000-4000-8000-000000000001", "delete", "pods") + "\n"
            + Event("RequestResponse", "ResponseComplete", "00000000-0000-4000-8000-000000000001", "delete", "pods") + "\n"
            + Event("RequestResponse", "ResponseComplete", "00000000-0000-4000-8000-000000000002", "create", "networkpolicies", "networking.k8s.io") + "\n"
            + Event("Metadata", "ResponseComplete", "00000000-0000-4000-8000-000000000003", "get", "pods") + "\n";
        var (code, stdout, stderr, _) = Check(log, "--format", "json");
        Assert.True(code == 0, stdout + stderr);
        var cells = JsonDocument.Parse(stdout).RootElement.GetProperty("cells").EnumerateArray().ToList();
        var deletePods = cells.Single(c => c.GetProperty("verb").GetString() == "delete" && c.GetProperty("resource").GetString() == "pods");
        Assert.Equal(("met", 1L, 0L), (deletePods.GetProperty("status").GetString(), deletePods.GetProperty("requests").GetInt64(), deletePods.GetProperty("below").GetInt64()));
        Assert.Equal("met", cells.Single(c => c.GetProperty("verb").GetString() == "create" && c.GetProperty("group").GetString() == "networking.k8s.io").GetProperty("status").GetString());
        Assert.Equal(cells.Count - 2, cells.Count(c => c.GetProperty("status").GetString() == "unknown"));
    }

    [Fact]
    public void A_request_without_its_ResponseComplete_event_is_below_the_requirement()
    {
        var log = Event("RequestResponse", "RequestReceived", "00000000-0000-4000-8000-000000000009", "update", "serviceaccounts") + "\n";
        var (code, stdout, _, file) = Check(log);
        Assert.Equal(1, code);
        Assert.Contains("error: CalicoCloud: update serviceaccounts: 1 of 1 requests", stdout);
        Assert.Contains(file + ":1: auditID 00000000-0000-4000-8000-000000000009 at 2026-12-01T10:00:00Z: no ResponseComplete event in the log", stdout);
    }

    [Fact]
    public void Usage_and_input_errors_are_exit_2()
    {
        Assert.Equal(2, Tool.InProcess("check-log", "/nonexistent.log", "--require", "CalicoCloud").ExitCode);
        var unknown = Check("\n", "--require", "NoSuchSet");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("error: --require NoSuchSet: not a built-in requirement set", unknown.Stderr);
        var strict = Check("not json\n", "--strict");
        Assert.Equal(2, strict.ExitCode);
        Assert.Contains(":1: not an audit event", strict.Stderr);
    }
}
