using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using PolicyAsCode.Tests;
using Xunit;

namespace PolicyAsCode.Cli.Tests;

/// <summary>
/// The HTML report in a real headless browser (Debian's chromium; .ci/run installs it): it renders, the DOM the
/// browser built shows the numbers of the JSON report, and a screenshot is written to
/// artifacts/screenshots/replay-report.png.
/// </summary>
public sealed class ReplayHtmlTests
{
    [Fact]
    public void The_report_renders_in_headless_chromium_with_the_numbers_of_the_json_report()
    {
        var policy = Path.Combine(SharedFiles.CorpusDirectory, "gke-configure-helper.yaml");
        var work = Directory.CreateTempSubdirectory("policyascode-html-");
        try
        {
            var html = Path.Combine(work.FullName, "report.html");
            var args = new[] { "replay" }.Concat(ReplayTests.Samples).Concat(new[] { "--policy", policy, "--format", "json", "--html", html }).ToArray();
            var (code, json, stderr) = Tool.InProcess(args);
            Assert.True(code == 0, stderr);
            var report = JsonDocument.Parse(json).RootElement;
            var page = File.ReadAllText(html);
            Assert.DoesNotMatch("<script|<link|src=\"http|url\\(", page);

            var dom = Chromium(work.FullName, "--dump-dom", "file://" + html);
            Assert.Equal(report.GetProperty("events").GetInt64().ToString(), Value(dom, "id=\"events\""));
            Assert.Equal(report.GetProperty("requests").GetInt64().ToString(), Value(dom, "id=\"requests\""));
            var total = report.GetProperty("total");
            Assert.Equal((total.GetProperty("bytes").GetInt64() + total.GetProperty("estimatedBytes").GetInt64()).ToString(), Value(dom, "id=\"bytes\""));
            Assert.Equal(report.GetProperty("rates").GetProperty("eventsPerSecond").GetDouble(), double.Parse(Value(dom, "id=\"events-per-second\""), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(report.GetProperty("retention").GetProperty("hours").GetDouble(), double.Parse(Value(dom, "id=\"retention-hours\""), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(total.GetProperty("raisedEvents").GetInt64().ToString(), Regex.Match(dom, "id=\"raised\">Raised level: <b data-value=\"(\\d+)\"").Groups[1].Value);
            foreach (var rule in report.GetProperty("rules").EnumerateArray())
            {
                var index = rule.GetProperty("index").GetInt32();
                var bar = Regex.Match(dom, "<rect class=\"bar new\" data-rule=\"" + index + "\" data-value=\"(\\d+)\"");
                Assert.True(bar.Success, "bar of rule " + index);
                Assert.Equal(rule.GetProperty("bytes").GetInt64().ToString(), bar.Groups[1].Value);
                var before = Regex.Match(dom, "<rect class=\"bar baseline\" data-rule=\"" + index + "\" data-value=\"(\\d+)\"");
                var baseline = rule.GetProperty("baseline");
                Assert.Equal((baseline.GetProperty("bytes").GetInt64() + baseline.GetProperty("estimatedBytes").GetInt64()).ToString(), before.Groups[1].Value);
            }

            Assert.Contains("<svg id=\"timeline\"", dom);
            Assert.Equal(report.GetProperty("topTalkers").GetArrayLength(), Regex.Matches(dom.Substring(dom.IndexOf("id=\"top-talkers\"", StringComparison.Ordinal)), "<tr><td>").Count);

            var screenshot = Path.Combine(RepositoryRoot(), "artifacts", "screenshots", "replay-report.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            File.Delete(screenshot);
            Chromium(work.FullName, "--screenshot=" + screenshot, "--window-size=1150,1500", "file://" + html);
            var png = File.ReadAllBytes(screenshot);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png.Take(4).ToArray());
            var width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
            Assert.Equal(1150, width);

            // A blank page compresses to almost nothing; the rendered bars and tables do not.
            Assert.True(png.Length > 30_000, "screenshot of " + png.Length + " bytes");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Value(string dom, string anchor)
    {
        var match = Regex.Match(dom, Regex.Escape(anchor) + " data-value=\"([^\"]*)\"|data-value=\"([^\"]*)\" " + Regex.Escape(anchor));
        Assert.True(match.Success, anchor + " not in the page");
        return match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
    }

    /// <summary>Runs headless chromium (no sandbox: CI runs as root) with its own profile; returns standard output.</summary>
    private static string Chromium(string profile, params string[] args)
    {
        var start = new ProcessStartInfo("chromium") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + Path.Combine(profile, "chromium") }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium " + string.Join(" ", args));
        }

        Assert.True(process.ExitCode == 0, "chromium exit " + process.ExitCode + ": " + stderr.Result);
        return stdout.Result;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PolicyAsCode.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("PolicyAsCode.sln not found above " + AppContext.BaseDirectory);
    }
}
