using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using PolicyAsCode.Replay;

namespace PolicyAsCode.Benchmarks;

/// <summary>
/// <c>policyascode replay</c> on one core: a generated 64 MiB audit log (<see cref="AuditLogGenerator"/>, about
/// 1 KB an event) replayed against the GKE corpus policy, end to end from a stream (parse, evaluate, byte
/// accounting, per-rule tallies, top talkers, timeline). The baseline is the obvious implementation:
/// <c>ReadLine</c>, <c>JsonSerializer.Deserialize</c> into a class per line, <see cref="PolicyEvaluator"/>, per-rule
/// events and line bytes (less work than replay: no body accounting, no requests, no talkers).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MegabytesPerSecondConfig))]
public class ReplayBenchmarks
{
    /// <summary>Bytes of log per invocation.</summary>
    public const int LogBytes = 64 << 20;

    private byte[] _log = Array.Empty<byte>();
    private Policy _policy = null!;

    [GlobalSetup]
    public void Setup()
    {
        _policy = PolicyLoader.LoadFile(Path.Combine(CorePolicyBenchmarks.SharedRoot(), "corpus", "gke-configure-helper.yaml")).Policy!;
        var stream = new MemoryStream();
        AuditLogGenerator.Write(stream, Smoke.Size(LogBytes, 4 << 20));
        _log = stream.ToArray();

        // Both must see the same events and decide them alike, or the comparison means nothing.
        var report = Replay();
        var naive = Naive();
        if (report.Events != naive.Events || report.Rules.Count == 0 || report.Rules.Find(r => r.Index == 15)!.Events != naive.PerRule[16])
        {
            throw new InvalidOperationException("replay and the baseline disagree: " + report.Events + " vs " + naive.Events);
        }
    }

    [Benchmark(Baseline = true)]
    public long NaiveJsonSerializer() => Naive().Events;

    [Benchmark]
    public long LogReplayOneCore() => Replay().Events;

    private ReplayReport Replay() => LogReplay.Run(new ReplayOptions
    {
        Policy = _policy,
        Inputs = new[] { LogInputs.StandardInput },
        StandardInput = new MemoryStream(_log, false),
        Parallelism = 1,
    });

    private (long Events, long[] PerRule, long[] Bytes) Naive()
    {
        var evaluator = new PolicyEvaluator(_policy);
        var perRule = new long[_policy.Rules.Count + 1];
        var bytes = new long[_policy.Rules.Count + 1];
        long events = 0;
        using var reader = new StreamReader(new MemoryStream(_log, false), Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            var e = JsonSerializer.Deserialize<EventDto>(line);
            if (e is null)
            {
                continue;
            }

            events++;
            var request = new AuditRequest
            {
                User = e.User?.Username,
                Groups = e.User?.Groups ?? Array.Empty<string>(),
                ResourceRequest = e.ObjectRef is not null,
                Verb = e.Verb ?? string.Empty,
                Path = e.ObjectRef is null ? (e.RequestUri ?? string.Empty).Split('?')[0] : string.Empty,
                Namespace = e.ObjectRef?.Namespace ?? string.Empty,
                ApiGroup = e.ObjectRef?.ApiGroup ?? string.Empty,
                Resource = e.ObjectRef?.Resource ?? string.Empty,
                Subresource = e.ObjectRef?.Subresource ?? string.Empty,
                Name = e.ObjectRef?.Name ?? string.Empty,
            };
            var decision = evaluator.Evaluate(request);
            var written = decision.Level.Ordinal > 0 && ((int)decision.OmitStages & StageFlag(e.Stage)) == 0;
            perRule[decision.MatchedRule + 1] += written ? 1 : 0;
            bytes[decision.MatchedRule + 1] += written ? line.Length + 1 : 0;
        }

        return (events, perRule, bytes);
    }

    private static int StageFlag(string? stage) => stage switch { "RequestReceived" => 1, "ResponseStarted" => 2, "ResponseComplete" => 4, "Panic" => 8, _ => 0 };

    /// <summary>The Event fields a straightforward reader declares (bodies as JsonElement, as a class per line would).</summary>
    public sealed class EventDto
    {
        [JsonPropertyName("level")] public string? Level { get; set; }
        [JsonPropertyName("auditID")] public string? AuditId { get; set; }
        [JsonPropertyName("stage")] public string? Stage { get; set; }
        [JsonPropertyName("requestURI")] public string? RequestUri { get; set; }
        [JsonPropertyName("verb")] public string? Verb { get; set; }
        [JsonPropertyName("user")] public UserDto? User { get; set; }
        [JsonPropertyName("objectRef")] public ObjectRefDto? ObjectRef { get; set; }
        [JsonPropertyName("requestObject")] public JsonElement? RequestObject { get; set; }
        [JsonPropertyName("responseObject")] public JsonElement? ResponseObject { get; set; }
        [JsonPropertyName("stageTimestamp")] public DateTime? StageTimestamp { get; set; }
        [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
    }

    public sealed class UserDto
    {
        [JsonPropertyName("username")] public string? Username { get; set; }
        [JsonPropertyName("groups")] public string[]? Groups { get; set; }
    }

    public sealed class ObjectRefDto
    {
        [JsonPropertyName("resource")] public string? Resource { get; set; }
        [JsonPropertyName("namespace")] public string? Namespace { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("apiGroup")] public string? ApiGroup { get; set; }
        [JsonPropertyName("subresource")] public string? Subresource { get; set; }
    }

    private sealed class MegabytesPerSecondConfig : ManualConfig
    {
        public MegabytesPerSecondConfig() => AddColumn(new MegabytesPerSecondColumn());
    }

    private sealed class MegabytesPerSecondColumn : IColumn
    {
        public string Id => nameof(MegabytesPerSecondColumn);

        public string ColumnName => "MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Log MB (10^6 bytes) per second: " + LogBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes / Mean";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is null ? "NA" : (LogBytes / 1e6 / (mean.Value / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
