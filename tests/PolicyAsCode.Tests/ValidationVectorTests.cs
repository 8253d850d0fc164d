using System.Collections.Generic;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>Every vector of validation-vectors.yaml: accepted or rejected with the exact text, warnings, decoded rules.</summary>
public sealed class ValidationVectorTests
{
    public static IEnumerable<object[]> Names => Vectors.Names("validation-vectors.yaml");

    [Theory]
    [MemberData(nameof(Names))]
    public void Vector(string name)
    {
        var vector = Vectors.Load("validation-vectors.yaml")[name];
        var expect = Vectors.Mapping(vector, "expect")!;
        var result = PolicyLoader.Load(Vectors.Scalar(vector, "policy")!);

        Assert.Equal(bool.Parse(Vectors.Scalar(expect, "accepted")!), result.Accepted);
        var error = Vectors.Scalar(expect, "error");
        if (error is not null)
        {
            Assert.Equal(error, result.Error);
        }

        foreach (var part in Vectors.List(expect, "errors"))
        {
            Assert.Contains(part, result.Error ?? string.Empty);
        }

        Assert.Equal(bool.Parse(Vectors.Scalar(expect, "lenientFallback")!), result.LenientFallback);
        var strict = Vectors.Scalar(expect, "strictErrors");
        if (strict is not null)
        {
            Assert.Equal(strict, result.StrictErrors);
        }

        var decoded = Vectors.Scalar(expect, "decoded");
        if (decoded is not null)
        {
            Assert.Equal(decoded, PolicyJsonWriter.Rules(result.Policy!));
        }

        // Every finding of a rejected file points somewhere in it.
        if (!result.Accepted)
        {
            Assert.Contains(result.Findings, f => f.Severity == FindingSeverity.Error && f.Message.Length > 0);
        }
    }
}
