using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using PolicyAsCode.Replay;
using Xunit;

namespace PolicyAsCode.Tests.Replay;

public class LogInputsTests
{
    [Fact]
    public void Rotated_files_come_oldest_first_and_the_live_file_last()
    {
        var names = new[]
        {
            "audit.log", "audit-2026-12-01T10-00-00.000.log.gz", "audit-2026-11-30T23-59-59.123.log", "audit-2026-12-01T09-00-00.000.log",
        };
        Assert.Equal(
            new[] { "audit-2026-11-30T23-59-59.123.log", "audit-2026-12-01T09-00-00.000.log", "audit-2026-12-01T10-00-00.000.log.gz", "audit.log" },
            LogInputs.RotationOrder(names).ToArray());
        Assert.Equal(
            new[] { "audit.log.10", "audit.log.2.gz", "audit.log.1", "audit.log" },
            LogInputs.RotationOrder(new[] { "audit.log", "audit.log.1", "audit.log.2.gz", "audit.log.10" }).ToArray());
    }

    [Fact]
    public void A_directory_reads_as_its_rotated_files_and_gzip_is_read_by_its_magic_bytes()
    {
        var dir = Directory.CreateTempSubdirectory("policyascode-rotation-");
        try
        {
            var e = ReplayByteAccountingTests.Event("Metadata", "ResponseComplete", "00000000-0000-0000-0000-0000000000a1", bodies: string.Empty);
            File.WriteAllText(Path.Combine(dir.FullName, "audit.log"), e.Replace("a1", "a3") + "\n");
            File.WriteAllText(Path.Combine(dir.FullName, "audit-2026-12-01T09-00-00.000.log"), e + "\n");
            using (var gz = new GZipStream(File.Create(Path.Combine(dir.FullName, "audit-2026-12-01T10-00-00.000.log.gz")), CompressionLevel.Fastest))
            {
                gz.Write(Encoding.UTF8.GetBytes(e.Replace("a1", "a2") + "\n"));
            }

            var inputs = LogInputs.Expand(new[] { dir.FullName });
            Assert.Equal(new[] { "audit-2026-12-01T09-00-00.000.log", "audit-2026-12-01T10-00-00.000.log.gz", "audit.log" }, inputs.Select(Path.GetFileName).ToArray());
            var report = LogReplay.Run(new ReplayOptions { Policy = PolicyLoader.Load("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n").Policy!, Inputs = inputs, Parallelism = 2 });
            Assert.Equal((3L, 3L, 0L), (report.Events, report.Requests, report.NotEventCount));
            Assert.Equal(report.InputBytes, report.After.Bytes);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_input_is_an_error_that_names_it()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => LogInputs.Expand(new[] { "/nonexistent/audit.log" }));
        Assert.Contains("/nonexistent/audit.log", ex.Message);
    }
}
