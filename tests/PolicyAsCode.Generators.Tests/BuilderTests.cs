using System.Linq;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>The typed builder: unchanged it equals the constant; each kind of edit gives the expected model.</summary>
public sealed class BuilderTests
{
    private static readonly System.Type PolicyType = GeneratorHarness.CompileAndLoad("""
        using PolicyAsCode;
        namespace B;
        [AuditPolicy("b")]
        [OmitStages(Stage.RequestReceived)]
        public partial class Sample
        {
            [Rule(Level.None)] [Users("system:kube-proxy")] [Verbs(Verb.Watch)] public partial class KubeProxyWatches;
            [Rule(Level.RequestResponse)] [Resources(ApiGroup.Core, "pods")] [Namespaces("team-a")] public partial class Pods;
            [Rule(Level.Metadata)] public partial class Everything;
        }
        """).GetType("B.Sample")!;

    private static PolicyBuilder NewBuilder() => GeneratorHarness.CreateBuilder(PolicyType);

    [Fact]
    public void Unchanged_builder_equals_the_constant()
    {
        Assert.Equal(GeneratorHarness.Get<string>(PolicyType, "Yaml"), NewBuilder().ToYaml());
        Assert.Equal(GeneratorHarness.Get<Policy>(PolicyType, "Policy"), NewBuilder().Build());
    }

    [Fact]
    public void Typed_rule_properties_reach_the_declared_rules()
    {
        var builder = NewBuilder();
        var pods = (PolicyRuleBuilder)builder.GetType().GetProperty("Pods")!.GetValue(builder)!;
        pods.Namespaces.Add("team-b");
        pods.Level = Level.Request;
        var rule = builder.Build().Rules[1];
        Assert.Equal(new[] { "team-a", "team-b" }, rule.Namespaces);
        Assert.Equal(AuditLevel.Request, rule.Level);
    }

    [Fact]
    public void Insert_append_remove_and_policy_settings()
    {
        var builder = NewBuilder();
        var exemption = new PolicyRuleBuilder(Level.None);
        exemption.UserGroups.Add("system:nodes");
        builder.InsertBefore(builder.Rule("Pods"), exemption);
        builder.Append(new PolicyRuleBuilder(Level.Request));
        builder.Rule("KubeProxyWatches").Users.Add("system:kube-proxy-2");
        builder.OmitManagedFields = true;
        builder.OmitStages.Add(Stage.Panic);
        var policy = builder.Build();

        Assert.Equal(new[] { "None", "None", "RequestResponse", "Metadata", "Request" }, policy.Rules.Select(r => r.Level.Value));
        Assert.Equal(new[] { "system:nodes" }, policy.Rules[1].UserGroups);
        Assert.Equal(new[] { "system:kube-proxy", "system:kube-proxy-2" }, policy.Rules[0].Users);
        Assert.True(policy.OmitManagedFields);
        Assert.Equal(new AuditStage[] { Stage.RequestReceived, Stage.Panic }, policy.OmitStages);

        builder.Remove(builder.Rule("Everything"));
        Assert.Equal(4, builder.Build().Rules.Count);
        Assert.True(PolicyLoader.Load(builder.ToYaml()).Accepted);
    }

    [Fact]
    public void Unknown_rule_name_is_a_clear_error()
    {
        var error = Assert.Throws<System.ArgumentException>(() => NewBuilder().Rule("Nope"));
        Assert.Contains("no rule named 'Nope'", error.Message);
    }
}
