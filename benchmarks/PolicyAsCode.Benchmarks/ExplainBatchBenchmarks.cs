using System;
using System.IO;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using PolicyAsCode.Cli.Commands;

namespace PolicyAsCode.Benchmarks;

/// <summary>
/// <c>policyascode explain POLICY --requests FILE</c> over one million request lines against the GKE corpus policy,
/// end to end: JSON lines in from a stream, evaluation, answer lines out to a stream. <see cref="Tool"/> runs the
/// tool's own batch routine (<see cref="ExplainCommand.Batch(Policy, Stream, Stream, string, TextWriter)"/>); the
/// baseline is the obvious implementation (<c>ReadLine</c>, <c>JsonSerializer</c> both ways, <c>PolicyEvaluator</c>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RequestsPerSecondConfig))]
public class ExplainBatchBenchmarks
{
    /// <summary>Requests per benchmark invocation.</summary>
    public const int Requests = 1_000_000;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private byte[] _lines = Array.Empty<byte>();
    private Policy _policy = null!;

    [GlobalSetup]
    public void Setup()
    {
        _policy = PolicyLoader.LoadFile(Path.Combine(CorePolicyBenchmarks.SharedRoot(), "corpus", "gke-configure-helper.yaml")).Policy!;
        _lines = RequestLines.Create(Smoke.Size(Requests, 1_000));

        // Both implementations must give the same bytes, or the comparison means nothing.
        var tool = new MemoryStream();
        var naive = new MemoryStream();
        if (ExplainCommand.Batch(_policy, new MemoryStream(_lines, false), tool, "requests", TextWriter.Null) != 0)
        {
            throw new InvalidOperationException("the tool rejected the generated requests");
        }

        Naive(_policy, new MemoryStream(_lines, false), naive);
        if (!tool.ToArray().AsSpan().SequenceEqual(naive.ToArray()))
        {
            throw new InvalidOperationException("the tool and the baseline answer differently");
        }
    }

    [Benchmark(Baseline = true)]
    public long NaiveJsonSerializer()
    {
        var output = new CountingStream();
        Naive(_policy, new MemoryStream(_lines, false), output);
        return output.Count;
    }

    [Benchmark]
    public long Tool()
    {
        var output = new CountingStream();
        ExplainCommand.Batch(_policy, new MemoryStream(_lines, false), output, "requests", TextWriter.Null);
        return output.Count;
    }

    /// <summary>ReadLine, deserialize into an object, evaluate, serialize the answer object.</summary>
    private static void Naive(Policy policy, Stream input, Stream output)
    {
        var evaluator = new PolicyEvaluator(policy);
        using var reader = new StreamReader(input, Encoding.UTF8);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var dto = JsonSerializer.Deserialize<RequestDto>(line, Json)!;
            var decision = evaluator.Evaluate(new AuditRequest
            {
                User = dto.User,
                Groups = dto.Groups ?? Array.Empty<string>(),
                ResourceRequest = dto.ResourceRequest,
                Verb = dto.Verb ?? string.Empty,
                Path = dto.Path ?? string.Empty,
                Namespace = dto.Namespace ?? string.Empty,
                ApiGroup = dto.ApiGroup ?? string.Empty,
                Resource = dto.Resource ?? string.Empty,
                Subresource = dto.Subresource ?? string.Empty,
                Name = dto.Name ?? string.Empty,
            });
            writer.WriteLine(JsonSerializer.Serialize(new AnswerDto(decision.Level.Value, decision.OmitStages.ToSortedNames(), decision.OmitManagedFields, decision.MatchedRule), Json));
        }
    }

    private sealed class RequestDto
    {
        public string? User { get; set; }

        public string[]? Groups { get; set; }

        public bool ResourceRequest { get; set; }

        public string? Verb { get; set; }

        public string? Path { get; set; }

        public string? Namespace { get; set; }

        public string? ApiGroup { get; set; }

        public string? ApiVersion { get; set; }

        public string? Resource { get; set; }

        public string? Subresource { get; set; }

        public string? Name { get; set; }
    }

    private sealed record AnswerDto(string Level, string[] OmitStages, bool OmitManagedFields, int MatchedRule);

    /// <summary>Discards what is written and counts the bytes.</summary>
    private sealed class CountingStream : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Count;

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Count += count;

        public override void Write(ReadOnlySpan<byte> buffer) => Count += buffer.Length;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>Adds a Requests/s column: <see cref="Requests"/> / Mean.</summary>
    private sealed class RequestsPerSecondConfig : ManualConfig
    {
        public RequestsPerSecondConfig() => AddColumn(new RequestsPerSecondColumn());
    }

    private sealed class RequestsPerSecondColumn : IColumn
    {
        public string Id => nameof(RequestsPerSecondColumn);

        public string ColumnName => "Requests/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Requests per second: " + Requests.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " / Mean";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is null ? "NA" : (Requests / (mean.Value / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
