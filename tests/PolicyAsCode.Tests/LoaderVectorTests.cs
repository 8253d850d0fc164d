using System.Collections.Generic;
using System.Globalization;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>
/// The project's own loader vectors (Vectors/loader-vectors.yaml): go-yaml v2 and sigs.k8s.io/json behaviour the
/// shared vectors do not cover, each with the upstream code that decides it. Same format as validation-vectors.yaml,
/// plus the first finding's position.
/// </summary>
public sealed class LoaderVectorTests
{
    private const string File = "Vectors/loader-vectors.yaml";

    public static IEnumerable<object[]> Names => Vectors.Names(File);

    [Theory]
    [MemberData(nameof(Names))]
    public void Vector(string name)
    {
        var vector = Vectors.Load(File)[name];
        var expect = Vectors.Mapping(vector, "expect")!;
        var result = PolicyLoader.Load(Vectors.Scalar(vector, "policy")!);

        Assert.Equal(Vectors.Scalar(expect, "error"), result.Error);
        Assert.Equal(bool.Parse(Vectors.Scalar(expect, "accepted")!), result.Accepted);
        Assert.Equal(bool.Parse(Vectors.Scalar(expect, "lenientFallback")!), result.LenientFallback);
        Assert.Equal(Vectors.Scalar(expect, "strictErrors"), result.StrictErrors);

        var decoded = Vectors.Scalar(expect, "decoded");
        if (decoded is not null)
        {
            Assert.Equal(decoded, PolicyJsonWriter.Rules(result.Policy!));
        }

        var omitManagedFields = Vectors.Scalar(expect, "omitManagedFields");
        if (omitManagedFields is not null)
        {
            Assert.Equal(bool.Parse(omitManagedFields), result.Policy!.OmitManagedFields);
        }

        var line = Vectors.Scalar(expect, "line");
        if (line is not null)
        {
            var first = Assert.Single(result.Findings, f => f.Severity == FindingSeverity.Error);
            Assert.Equal(
                (int.Parse(line, CultureInfo.InvariantCulture), int.Parse(Vectors.Scalar(expect, "column")!, CultureInfo.InvariantCulture)),
                (first.Line, first.Column));
        }
    }
}
