using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using PolicyAsCode.Deployment;
using Xunit;

namespace PolicyAsCode.Tests.Deployment;

/// <summary>
/// Every target's files, per version, byte for byte against the golden files in Deployment/Golden/&lt;case&gt;/,
/// generated under the invariant and the Turkish culture (dotted/dotless i, comma decimals) alike.
/// Set POLICYASCODE_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then review the diff.
/// </summary>
public sealed class DeploymentGoldenTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in DeploymentCases.All())
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Files_equal_the_golden_files_in_every_culture(string name)
    {
        var (_, target, request) = DeploymentCases.All().Single(c => c.Name == name);
        var invariant = InCulture(CultureInfo.InvariantCulture, () => DeploymentGenerator.Plan(target, request));
        var turkish = InCulture(new CultureInfo("tr-TR"), () => DeploymentGenerator.Plan(target, request));
        Assert.Equal(invariant.Files, turkish.Files);

        if (Environment.GetEnvironmentVariable("POLICYASCODE_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(DeploymentCases.SourceGoldenDirectory, name);
            if (Directory.Exists(source))
            {
                Directory.Delete(source, recursive: true);
            }

            DeploymentFileWriter.Write(source, invariant.Files);
            return;
        }

        var golden = Path.Combine(DeploymentCases.GoldenDirectory, name);
        var expected = Directory.GetFiles(golden, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(golden, f).Replace(Path.DirectorySeparatorChar, '/'))
            .OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, invariant.Files.Select(f => f.RelativePath).OrderBy(f => f, StringComparer.Ordinal).ToArray());
        foreach (var file in invariant.Files)
        {
            var bytes = new UTF8Encoding(false).GetBytes(file.Content);
            Assert.Equal(File.ReadAllBytes(Path.Combine(golden, file.RelativePath)), bytes);
            Assert.DoesNotContain((byte)'\r', bytes);
        }
    }

    private static T InCulture<T>(CultureInfo culture, Func<T> action)
    {
        var (culture0, ui0) = (Thread.CurrentThread.CurrentCulture, Thread.CurrentThread.CurrentUICulture);
        try
        {
            Thread.CurrentThread.CurrentCulture = culture;
            Thread.CurrentThread.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture0;
            Thread.CurrentThread.CurrentUICulture = ui0;
        }
    }
}
