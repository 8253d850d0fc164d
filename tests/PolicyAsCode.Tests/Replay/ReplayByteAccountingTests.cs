using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using PolicyAsCode.Replay;
using Xunit;

namespace PolicyAsCode.Tests.Replay;

/// <summary>Bytes per rule against events whose sizes are computed by hand from their text.</summary>
public class ReplayByteAccountingTests
{
    // One event as kube-apiserver writes it, with bodies that carry managedFields (pieces kept apart to compute sizes).
    private const string RequestObject = ",\"requestObject\":{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"cm\",\"managedFields\":[{\"manager\":\"kubectl\",\"operation\":\"Update\"}],\"labels\":{\"a\":\"b\"}},\"data\":{\"k\":\"v\"}}";
    private const string ResponseObject = ",\"responseObject\":{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"cm\",\"uid\":\"u\",\"managedFields\":[{\"manager\":\"kubectl\",\"operation\":\"Update\",\"fieldsV1\":{\"f:data\":{}}}]},\"data\":{\"k\":\"v\"}}";
    private const string RequestManagedFields = ",\"managedFields\":[{\"manager\":\"kubectl\",\"operation\":\"Update\"}]";
    private const string ResponseManagedFields = ",\"managedFields\":[{\"manager\":\"kubectl\",\"operation\":\"Update\",\"fieldsV1\":{\"f:data\":{}}}]";

    internal static string Event(string level, string stage, string id, string verb = "update", string resource = "configmaps", string bodies = RequestObject + ResponseObject, string time = "2026-12-01T10:00:00.000000Z")
        => "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"" + level + "\",\"auditID\":\"" + id + "\",\"stage\":\"" + stage
            + "\",\"requestURI\":\"/api/v1/namespaces/ns/" + resource + "/cm\",\"verb\":\"" + verb + "\",\"user\":{\"username\":\"alice\",\"groups\":[\"dev\",\"system:authenticated\"]},"
            + "\"userAgent\":\"kubectl/v1.36.0 (linux/amd64) kubernetes/abcdef0\",\"objectRef\":{\"resource\":\"" + resource + "\",\"namespace\":\"ns\",\"name\":\"cm\",\"apiVersion\":\"v1\"},"
            + "\"responseStatus\":{\"metadata\":{},\"code\":200}" + bodies + ",\"requestReceivedTimestamp\":\"" + time + "\",\"stageTimestamp\":\"" + time + "\"}";

    internal static ReplayReport Replay(string log, string policy, string? baseline = null)
    {
        var loaded = PolicyLoader.Load(policy);
        Assert.True(loaded.Accepted, loaded.Error);
        return LogReplay.Run(new ReplayOptions
        {
            Policy = loaded.Policy!,
            Baseline = baseline is null ? null : PolicyLoader.Load(baseline).Policy,
            Inputs = new[] { LogInputs.StandardInput },
            StandardInput = new MemoryStream(Encoding.UTF8.GetBytes(log)),
        });
    }

    private static string Policy(string level, string extra = "") => "apiVersion: audit.k8s.io/v1\nkind: Policy\n" + extra + "rules:\n- level: " + level + "\n";

    private static int Bytes(string text) => Encoding.UTF8.GetByteCount(text) + 1;

    [Fact]
    public void RequestResponse_keeps_the_event_as_logged()
    {
        var line = Event("RequestResponse", "ResponseComplete", "00000000-0000-0000-0000-000000000001");
        var report = Replay(line + "\n", Policy("RequestResponse"));
        Assert.Equal(Bytes(line), report.Rules[0].Bytes);
        Assert.Equal(Bytes(line), report.Rules[0].Baseline!.Bytes);
        Assert.Equal(0, report.Rules[0].RaisedEvents);
    }

    [Fact]
    public void Lower_levels_drop_the_bodies_and_the_level_value_shrinks()
    {
        var line = Event("RequestResponse", "ResponseComplete", "00000000-0000-0000-0000-000000000001");
        var request = line.Replace(ResponseObject, string.Empty).Replace("\"level\":\"RequestResponse\"", "\"level\":\"Request\"");
        var metadata = line.Replace(ResponseObject, string.Empty).Replace(RequestObject, string.Empty).Replace("\"level\":\"RequestResponse\"", "\"level\":\"Metadata\"");
        Assert.Equal(Bytes(request), Replay(line + "\n", Policy("Request")).Rules[0].Bytes);
        Assert.Equal(Bytes(metadata), Replay(line + "\n", Policy("Metadata")).Rules[0].Bytes);
        var none = Replay(line + "\n", Policy("None"));
        Assert.Equal((1, 0, 0L), (none.Rules[0].Requests, none.Rules[0].Events, none.Rules[0].Bytes));
    }

    [Fact]
    public void OmitManagedFields_drops_metadata_managedFields_of_the_bodies_that_stay()
    {
        var line = Event("RequestResponse", "ResponseComplete", "00000000-0000-0000-0000-000000000001");
        var both = line.Replace(RequestManagedFields, string.Empty).Replace(ResponseManagedFields, string.Empty);
        Assert.Equal(Bytes(both), Replay(line + "\n", Policy("RequestResponse", "omitManagedFields: true\n")).Rules[0].Bytes);
        var requestOnly = line.Replace(ResponseObject, string.Empty).Replace(RequestManagedFields, string.Empty).Replace("\"level\":\"RequestResponse\"", "\"level\":\"Request\"");
        Assert.Equal(Bytes(requestOnly), Replay(line + "\n", Policy("Request", "omitManagedFields: true\n")).Rules[0].Bytes);

        // A managedFields key that is not metadata's (inside data) stays.
        var data = Event("RequestResponse", "ResponseComplete", "00000000-0000-0000-0000-000000000002", bodies: ",\"requestObject\":{\"data\":{\"managedFields\":\"x\"}}");
        Assert.Equal(Bytes(data), Replay(data + "\n", Policy("RequestResponse", "omitManagedFields: true\n")).Rules[0].Bytes);
    }

    [Fact]
    public void Stages_in_omitStages_write_nothing_and_stage_events_of_one_request_count_once()
    {
        var received = Event("RequestResponse", "RequestReceived", "00000000-0000-0000-0000-000000000003", bodies: string.Empty);
        var complete = Event("RequestResponse", "ResponseComplete", "00000000-0000-0000-0000-000000000003");
        var log = received + "\n" + complete + "\n";
        var all = Replay(log, Policy("RequestResponse"));
        Assert.Equal((1L, 2L, (long)(Bytes(received) + Bytes(complete))), (all.Rules[0].Requests, all.Rules[0].Events, all.Rules[0].Bytes));
        var omitted = Replay(log, Policy("RequestResponse", "omitStages: [RequestReceived]\n"));
        Assert.Equal((1L, 1L, (long)Bytes(complete)), (omitted.Rules[0].Requests, omitted.Rules[0].Events, omitted.Rules[0].Bytes));
        Assert.Equal(2, omitted.Before.Events);
        Assert.Equal(1, omitted.Requests);
    }

    [Fact]
    public void A_raised_level_is_counted_and_estimated_from_bodies_of_the_same_resource_and_verb()
    {
        // Two updates of configmaps logged at Metadata (no bodies), one at RequestResponse with bodies.
        var withBodies = Event("RequestResponse", "ResponseComplete", "00000000-0000-0000-0000-000000000010");
        var bare1 = Event("Metadata", "ResponseComplete", "00000000-0000-0000-0000-000000000011", bodies: string.Empty);
        var bare2 = Event("Metadata", "ResponseComplete", "00000000-0000-0000-0000-000000000012", bodies: string.Empty);
        var report = Replay(withBodies + "\n" + bare1 + "\n" + bare2 + "\n", Policy("RequestResponse"));
        var rule = report.Rules[0];
        Assert.Equal(2, rule.RaisedEvents);
        Assert.Equal(0, rule.UnestimatedEvents);
        Assert.Equal(2 * (Encoding.UTF8.GetByteCount(RequestObject) + Encoding.UTF8.GetByteCount(ResponseObject)), rule.EstimatedBytes);
        var longerLevel = "RequestResponse".Length - "Metadata".Length;
        Assert.Equal(Bytes(withBodies) + (2 * (Bytes(bare1) + longerLevel)), rule.Bytes);

        // Without the sample there is nothing to estimate from: counted, not estimated.
        var alone = Replay(bare1 + "\n", Policy("RequestResponse")).Rules[0];
        Assert.Equal((1L, 1L, 0L), (alone.RaisedEvents, alone.UnestimatedEvents, alone.EstimatedBytes));

        // A write logged at Request has no response sample: its request bodies estimate the object it answers with.
        var requestOnly = Event("Request", "ResponseComplete", "00000000-0000-0000-0000-000000000014", bodies: RequestObject);
        var write = Replay(requestOnly + "\n", Policy("RequestResponse")).Rules[0];
        Assert.Equal((1L, 0L, (long)Encoding.UTF8.GetByteCount(RequestObject) + 1), (write.RaisedEvents, write.UnestimatedEvents, write.EstimatedBytes));

        // Reads have no request body: raising a get to Request replays exactly.
        var get = Event("Metadata", "ResponseComplete", "00000000-0000-0000-0000-000000000013", verb: "get", bodies: string.Empty);
        Assert.Equal(0, Replay(get + "\n", Policy("Request")).Rules[0].RaisedEvents);
    }

    [Fact]
    public void A_baseline_policy_replaces_the_recorded_log_as_the_baseline()
    {
        var line = Event("RequestResponse", "ResponseComplete", "00000000-0000-0000-0000-000000000020");
        var metadata = line.Replace(ResponseObject, string.Empty).Replace(RequestObject, string.Empty).Replace("\"level\":\"RequestResponse\"", "\"level\":\"Metadata\"");
        var report = Replay(line + "\n", Policy("Metadata"), baseline: Policy("RequestResponse"));
        Assert.Equal(Bytes(metadata), report.After.Bytes);
        Assert.Equal(Bytes(line), report.Before.Bytes);
        Assert.Equal(Bytes(line), Assert.Single(report.BaselineRules).Bytes);
    }

    [Fact]
    public void Rates_and_retention_follow_the_logs_time_span()
    {
        // Two events one hour apart: bytes per day = bytes * 24.
        var a = Event("Metadata", "ResponseComplete", "00000000-0000-0000-0000-000000000030", bodies: string.Empty, time: "2026-12-01T10:00:00.000000Z");
        var b = Event("Metadata", "ResponseComplete", "00000000-0000-0000-0000-000000000031", bodies: string.Empty, time: "2026-12-01T11:00:00.000000Z");
        var report = Replay(a + "\n" + b + "\n", Policy("Metadata"));
        Assert.Equal(3600, report.SpanSeconds);
        Assert.Equal(2.0 / 3600, report.EventsPerSecond(report.After)!.Value, 12);
        var perDay = (double)(Bytes(a) + Bytes(b)) * 24;
        Assert.Equal(perDay, report.BytesPerDay(report.After)!.Value, 6);
        Assert.Equal(100L * 1024 * 1024 * 10, report.RetentionBytes);
        Assert.Equal(report.RetentionBytes / perDay * 24, report.RetentionHours(report.After)!.Value, 6);
        Assert.Equal(61, report.Timeline.Count);
        Assert.Equal(Bytes(a), report.Timeline[0].Bytes);
        Assert.Equal(Bytes(b), report.Timeline[^1].Bytes);
    }

    [Fact]
    public void Non_event_lines_are_counted_with_their_line_and_a_truncated_last_line_too()
    {
        var good = Event("Metadata", "ResponseComplete", "00000000-0000-0000-0000-000000000040", bodies: string.Empty);
        var log = good + "\n{\"kind\": 0}\nplain text\n\n" + good.Substring(0, 80);
        var report = Replay(log, Policy("Metadata"));
        Assert.Equal(1, report.Events);
        Assert.Equal(3, report.NotEventCount);
        Assert.Equal(new long[] { 2, 3, 5 }, report.NotEvents.Select(n => n.Line));
        Assert.Contains("kind", report.NotEvents[0].Reason);
        Assert.Contains("truncated", report.NotEvents[2].Reason);
    }
}
