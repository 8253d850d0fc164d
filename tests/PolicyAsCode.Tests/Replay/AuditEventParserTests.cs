using System;
using System.IO;
using System.Linq;
using System.Text;
using PolicyAsCode.Replay;
using Xunit;

namespace PolicyAsCode.Tests.Replay;

/// <summary>The fast scanner reads every real sample line exactly as the full Utf8JsonReader path does.</summary>
public class AuditEventParserTests
{
    [Fact]
    public void The_fast_scanner_and_the_full_reader_agree_on_every_real_sample_line()
    {
        var root = Path.Combine(Path.GetDirectoryName(SharedFiles.Spec("x"))!, "..", "audit-logs");
        var lines = Directory.GetFiles(root, "*.jsonl", SearchOption.AllDirectories).Append(Path.Combine(root, "audit2rbac", "demo.log"))
            .SelectMany(File.ReadLines)
            .Concat(new[]
            {
                ReplayByteAccountingTests.Event("RequestResponse", "ResponseComplete", "00000000-0000-0000-0000-000000000001"),
                "{\"kind\":\"Event\",\"level\":\"Metadata\",\"auditID\":\"a\\u0062c\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/x\",\"verb\":\"get\",\"user\":{\"username\":\"u\\\"q\"}}",
                "{\"kind\": 0}",
                "{\"kind\":\"Event\",\"level\":\"Metadata\"",
            })
            .ToList();
        Assert.True(lines.Count > 100);
        var parser = new AuditEventParser(readsName: true);
        foreach (var line in lines)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            var fast = new AuditEvent();
            var full = new AuditEvent();
            var fastOk = parser.TryParse(bytes, fast, out _);
            var fullOk = parser.TryParseWithReader(bytes, full, out _);
            Assert.True(fastOk == fullOk, line);
            if (!fastOk)
            {
                continue;
            }

            Assert.Equal(full.Request with { Groups = Array.Empty<string>() }, fast.Request with { Groups = Array.Empty<string>() });
            Assert.Equal(full.Request.Groups, fast.Request.Groups);
            Assert.Equal(
                (full.Level, full.Stage, full.AuditId, full.AuditIdText, full.StageTicks, full.Bytes, full.RequestObjectBytes, full.ResponseObjectBytes, full.RequestManagedFieldsBytes, full.ResponseManagedFieldsBytes),
                (fast.Level, fast.Stage, fast.AuditId, fast.AuditIdText, fast.StageTicks, fast.Bytes, fast.RequestObjectBytes, fast.ResponseObjectBytes, fast.RequestManagedFieldsBytes, fast.ResponseManagedFieldsBytes));
        }
    }
}
