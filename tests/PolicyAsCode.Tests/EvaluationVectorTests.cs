using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>Every vector of evaluation-vectors.yaml: load the policy as kube-apiserver does, evaluate the request.</summary>
public sealed class EvaluationVectorTests
{
    public static IEnumerable<object[]> Names => Vectors.Names("evaluation-vectors.yaml");

    [Theory]
    [MemberData(nameof(Names))]
    public void Vector(string name)
    {
        var vector = Vectors.Load("evaluation-vectors.yaml")[name];
        var result = PolicyLoader.Load(Vectors.Scalar(vector, "policy")!);
        Assert.True(result.Accepted, result.Error);

        var request = ToRequest(Vectors.Mapping(vector, "request")!);
        var expect = Vectors.Mapping(vector, "expect")!;
        var decision = new PolicyEvaluator(result.Policy!).Evaluate(request);

        Assert.Equal(Vectors.Scalar(expect, "level"), decision.Level.Value);
        Assert.Equal(Vectors.List(expect, "omitStages").OrderBy(s => s, System.StringComparer.Ordinal), decision.OmitStages.ToSortedNames());
        Assert.Equal(bool.Parse(Vectors.Scalar(expect, "omitManagedFields")!), decision.OmitManagedFields);
        Assert.Equal(int.Parse(Vectors.Scalar(expect, "matchedRule")!, System.Globalization.CultureInfo.InvariantCulture), decision.MatchedRule);

        // The canonical YAML of the decoded policy loads to the same model and decides the same way.
        var rewritten = PolicyLoader.Load(PolicyYamlWriter.Write(result.Policy!));
        Assert.True(rewritten.Accepted, rewritten.Error);
        Assert.Equal(result.Policy, rewritten.Policy);
        Assert.Equal(decision, new PolicyEvaluator(rewritten.Policy!).Evaluate(request));
    }

    internal static AuditRequest ToRequest(YamlDotNet.RepresentationModel.YamlMappingNode r) => new()
    {
        User = Vectors.Scalar(r, "user"),
        Groups = Vectors.List(r, "groups").ToArray(),
        ResourceRequest = bool.Parse(Vectors.Scalar(r, "resourceRequest")!),
        Verb = Vectors.Scalar(r, "verb") ?? string.Empty,
        Path = Vectors.Scalar(r, "path") ?? string.Empty,
        Namespace = Vectors.Scalar(r, "namespace") ?? string.Empty,
        ApiGroup = Vectors.Scalar(r, "apiGroup") ?? string.Empty,
        Resource = Vectors.Scalar(r, "resource") ?? string.Empty,
        Subresource = Vectors.Scalar(r, "subresource") ?? string.Empty,
        Name = Vectors.Scalar(r, "name") ?? string.Empty,
    };
}
