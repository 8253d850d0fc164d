using System;
using System.IO;
using System.Linq;
using Xunit;

namespace PolicyAsCode.PackageTests;

/// <summary>
/// The proof from the outside: a fresh project that only has a PackageReference builds, and the YAML is on
/// disk, incremental, cleaned, published; errors are clear.
/// </summary>
public sealed class ConsumerTests : IClassFixture<PackedPackage>
{
    private const string CalicoPolicy = """
        using PolicyAsCode;

        namespace Consumer;

        [AuditPolicy("calico-cloud-audit")]
        [OmitStages(Stage.RequestReceived)]
        public partial class CalicoCloudAuditPolicy
        {
            [Rule(Level.RequestResponse)]
            [Verbs(Verb.Create, Verb.Patch, Verb.Update, Verb.Delete)]
            [Resources(ApiGroup.NetworkingK8sIo, Resource.NetworkingK8sIo.Networkpolicies)]
            [Resources(ApiGroup.Core, Resource.Core.Pods, Resource.Core.Namespaces, Resource.Core.Serviceaccounts, Resource.Core.Endpoints)]
            public partial class NetworkAndWorkloadChanges;
        }
        """;

    private const string Program = """
        using System;
        using Consumer;

        var builder = CalicoCloudAuditPolicy.CreateBuilder();
        Console.WriteLine(builder.ToYaml() == CalicoCloudAuditPolicy.Yaml ? "builder-equals-constant" : "builder-differs");
        builder.NetworkAndWorkloadChanges.Namespaces.Add("prod");
        Console.WriteLine(builder.Build().Rules[0].Namespaces[0]);
        """;

    private readonly PackedPackage _package;

    public ConsumerTests(PackedPackage package) => _package = package;

    [Fact]
    public void Build_writes_the_policy_incrementally_and_clean_removes_it()
    {
        var dir = _package.NewConsumer("Calico");
        File.WriteAllText(Path.Combine(dir, "Policy.cs"), CalicoPolicy);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), Program);

        var build = Dotnet.Run(dir, "build");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotMatch(@"warning [A-Z]+[0-9]+", build.Output);
        var yamlPath = Path.Combine(dir, "bin", "Debug", "net10.0", "policies", "calico-cloud-audit.yaml");
        Assert.True(File.Exists(yamlPath), build.Output);

        // The file is exactly the corpus policy's rules as v1, without the extensions entry no Kubernetes since 1.16
        // serves (PAC0011), in canonical form.
        var corpus = PolicyLoader.Load(File.ReadAllText(Path.Combine(PolicyAsCode.Tests.SharedFiles.CorpusDirectory, "calico-cloud.yaml")).Replace("audit.k8s.io/v1beta1", "audit.k8s.io/v1")).Policy!;
        var rule = Assert.Single(corpus.Rules);
        var live = rule with { Resources = new EquatableArray<GroupResources>(rule.Resources.Where(r => r.Group != "extensions")) };
        var bytes = File.ReadAllBytes(yamlPath);
        Assert.Equal(PolicyYamlWriter.WriteUtf8(corpus with { Rules = EquatableArray.Create(live) }), bytes);

        // The constant and the typed builder work in the consumer.
        var run = Dotnet.Run(dir, "run", "--no-build");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("builder-equals-constant", run.Output);
        Assert.Contains("prod", run.Output);

        // A no-change rebuild keeps the file's timestamp.
        var firstWrite = File.GetLastWriteTimeUtc(yamlPath);
        var rebuild = Dotnet.Run(dir, "build");
        Assert.True(rebuild.ExitCode == 0, rebuild.Output);
        Assert.Equal(firstWrite, File.GetLastWriteTimeUtc(yamlPath));

        // A second policy gives a second file; removing it removes its stale file; the first is untouched.
        File.WriteAllText(Path.Combine(dir, "Second.cs"), """
            using PolicyAsCode;
            namespace Consumer;
            [AuditPolicy("minimal")]
            public partial class Minimal { [Rule(Level.Metadata)] public partial class All; }
            """);
        Assert.Equal(0, Dotnet.Run(dir, "build").ExitCode);
        var secondPath = Path.Combine(Path.GetDirectoryName(yamlPath)!, "minimal.yaml");
        Assert.True(File.Exists(secondPath));
        Assert.Equal(firstWrite, File.GetLastWriteTimeUtc(yamlPath));
        File.Delete(Path.Combine(dir, "Second.cs"));
        Assert.Equal(0, Dotnet.Run(dir, "build").ExitCode);
        Assert.False(File.Exists(secondPath));
        Assert.True(File.Exists(yamlPath));

        // A change of the policy rewrites the file.
        File.WriteAllText(Path.Combine(dir, "Policy.cs"), CalicoPolicy.Replace("Verb.Delete)", "Verb.Delete, Verb.DeleteCollection)"));
        Assert.Equal(0, Dotnet.Run(dir, "build").ExitCode);
        Assert.Contains("\"deletecollection\"", File.ReadAllText(yamlPath));

        // Publish carries the file.
        var publishDir = Path.Combine(dir, "out");
        var publish = Dotnet.Run(dir, "publish", "-o", publishDir);
        Assert.True(publish.ExitCode == 0, publish.Output);
        Assert.True(File.Exists(Path.Combine(publishDir, "policies", "calico-cloud-audit.yaml")), publish.Output);

        // dotnet clean removes the files.
        Assert.Equal(0, Dotnet.Run(dir, "clean").ExitCode);
        Assert.False(File.Exists(yamlPath));
    }

    [Fact]
    public void A_policy_missing_a_CalicoCloud_verb_fails_the_build_and_writes_nothing()
    {
        var dir = _package.NewConsumer("MissingVerb");
        var policy = CalicoPolicy
            .Replace("[AuditPolicy(\"calico-cloud-audit\")]", "[AuditPolicy(\"calico-cloud-audit\")]\n[MustMeet(typeof(PolicyAsCode.Requirements.CalicoCloud))]")
            .Replace("Verb.Update, Verb.Delete)", "Verb.Update)");
        File.WriteAllText(Path.Combine(dir, "Program.cs"), policy + "\npublic static class Program { public static void Main() { } }\n");
        var build = Dotnet.Run(dir, "build");
        Assert.NotEqual(0, build.ExitCode);
        // One finding for the five resources, at the rule the fix edits, naming the fix.
        Assert.Contains("error PAC0001: delete of pods, namespaces, serviceaccounts, endpoints and networking.k8s.io/networkpolicies by any user match no rule, so they are not audited (None); CalicoCloud needs RequestResponse with ResponseComplete kept; fix: add 'delete' to the verbs of rule 'NetworkAndWorkloadChanges' (index 0)", build.Output);
        Assert.False(File.Exists(Path.Combine(dir, "bin", "Debug", "net10.0", "policies", "calico-cloud-audit.yaml")));

        // With the verb back, the same project builds clean and writes the file.
        File.WriteAllText(Path.Combine(dir, "Program.cs"), policy.Replace("Verb.Update)", "Verb.Update, Verb.Delete)") + "\npublic static class Program { public static void Main() { } }\n");
        var fixedBuild = Dotnet.Run(dir, "build");
        Assert.True(fixedBuild.ExitCode == 0, fixedBuild.Output);
        Assert.True(File.Exists(Path.Combine(dir, "bin", "Debug", "net10.0", "policies", "calico-cloud-audit.yaml")));
    }

    [Fact]
    public void Two_policies_with_one_file_name_fail_the_build()
    {
        var dir = _package.NewConsumer("Duplicate");
        File.WriteAllText(Path.Combine(dir, "Program.cs"), """
            using PolicyAsCode;
            namespace Consumer;
            [AuditPolicy("same")] public partial class A { [Rule(Level.Metadata)] public partial class All; }
            [AuditPolicy("same")] public partial class B { [Rule(Level.None)] public partial class All; }
            public static class Program { public static void Main() { } }
            """);
        var build = Dotnet.Run(dir, "build");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error PAC0009: The policy cannot be generated: two policies are written to 'same.yaml'", build.Output);

        // With the analyzer silenced, the build task still refuses to write either file.
        File.WriteAllText(Path.Combine(dir, ".editorconfig"), "root = true\n[*.cs]\ndotnet_diagnostic.PAC0009.severity = none\n");
        var taskBuild = Dotnet.Run(dir, "build");
        Assert.NotEqual(0, taskBuild.ExitCode);
        Assert.Contains("error PACB001: Two policies are written to the same file 'same.yaml'", taskBuild.Output);
        Assert.False(File.Exists(Path.Combine(dir, "bin", "Debug", "net10.0", "policies", "same.yaml")));
    }

    [Fact]
    public void Opt_out_property_writes_nothing_and_output_path_is_configurable()
    {
        var off = _package.NewConsumer("OptOut", "<PolicyAsCodeEmitYaml>false</PolicyAsCodeEmitYaml>");
        File.WriteAllText(Path.Combine(off, "Program.cs"), CalicoPolicy + "\npublic static class Program { public static void Main() { } }\n");
        Assert.Equal(0, Dotnet.Run(off, "build").ExitCode);
        Assert.False(Directory.Exists(Path.Combine(off, "bin", "Debug", "net10.0", "policies")));

        var custom = _package.NewConsumer("Custom", "<PolicyAsCodeOutputPath>$(MSBuildProjectDirectory)/deploy/audit/</PolicyAsCodeOutputPath>");
        File.WriteAllText(Path.Combine(custom, "Program.cs"), CalicoPolicy + "\npublic static class Program { public static void Main() { } }\n");
        var build = Dotnet.Run(custom, "build");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.True(File.Exists(Path.Combine(custom, "deploy", "audit", "calico-cloud-audit.yaml")));
    }

    [Fact]
    public void Calico_sample_with_the_deploy_property_writes_every_target_and_one_verb_changes_the_annotation()
    {
        var dir = _package.NewConsumer("Deploy", "<PolicyAsCodeDeployTargets>kubeadm;kind;k3s;rke2;talos;kops;minikube;flags</PolicyAsCodeDeployTargets>");
        var sample = File.ReadAllText(Path.Combine(PackedPackage.RepoRoot, "samples", "CalicoCloud", "CalicoCloudAuditPolicy.cs"));
        File.WriteAllText(Path.Combine(dir, "Policy.cs"), sample);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), "public static class Program { public static void Main() { } }\n");
        var build = Dotnet.Run(dir, "build");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotMatch(@"warning [A-Z]+[0-9]+", build.Output);

        var policies = Path.Combine(dir, "bin", "Debug", "net10.0", "policies");
        var expected = new[]
        {
            "calico-cloud-audit.k3s.yaml", "calico-cloud-audit.kind.yaml", "calico-cloud-audit.kops.yaml", "calico-cloud-audit.kube-apiserver-manifest.yaml",
            "calico-cloud-audit.kube-apiserver.flags", "calico-cloud-audit.kubeadm-patches/kube-apiserver+strategic.yaml", "calico-cloud-audit.kubeadm.yaml",
            "calico-cloud-audit.minikube.sh", "calico-cloud-audit.rke2.yaml", "calico-cloud-audit.talos.yaml", "calico-cloud-audit.yaml",
        };
        Assert.Equal(expected, Directory.GetFiles(policies, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(policies, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal).ToArray());

        // Calico's log path where the target can take it; Talos and minikube say why not.
        foreach (var file in new[] { "k3s.yaml", "kind.yaml", "kops.yaml", "kube-apiserver-manifest.yaml", "kube-apiserver.flags", "kubeadm.yaml", "rke2.yaml" })
        {
            var content = File.ReadAllLines(Path.Combine(policies, "calico-cloud-audit." + file)).Where(l => !l.StartsWith('#'));
            Assert.Contains(content, l => l.Contains("/var/log/calico/audit/kube-audit.log"));
        }

        Assert.Contains("point it at /var/log/audit/kube/kube-apiserver.log", File.ReadAllText(Path.Combine(policies, "calico-cloud-audit.talos.yaml")));
        Assert.Contains("will not see it", File.ReadAllText(Path.Combine(policies, "calico-cloud-audit.minikube.sh")));

        // The static pod annotation is the hash of the policy file the build wrote.
        var patch = Path.Combine(policies, "calico-cloud-audit.kubeadm-patches", "kube-apiserver+strategic.yaml");
        var yamlPath = Path.Combine(policies, "calico-cloud-audit.yaml");
        Assert.Contains("policyascode/audit-policy-sha256: \"" + PolicyAsCode.Deployment.DeploymentGenerator.Sha256(File.ReadAllBytes(yamlPath)) + "\"", File.ReadAllText(patch));
        var firstPatch = File.ReadAllText(patch);

        // A no-change rebuild keeps every file's timestamp.
        var stamps = expected.Select(f => File.GetLastWriteTimeUtc(Path.Combine(policies, f))).ToArray();
        Assert.Equal(0, Dotnet.Run(dir, "build").ExitCode);
        Assert.Equal(stamps, expected.Select(f => File.GetLastWriteTimeUtc(Path.Combine(policies, f))).ToArray());

        // One more verb: the policy and the annotation change, and the annotation is the new file's hash.
        File.WriteAllText(Path.Combine(dir, "Policy.cs"), sample.Replace("Verb.Delete)]", "Verb.Delete, Verb.DeleteCollection)]"));
        var changed = Dotnet.Run(dir, "build");
        Assert.True(changed.ExitCode == 0, changed.Output);
        Assert.Contains("\"deletecollection\"", File.ReadAllText(yamlPath));
        var secondPatch = File.ReadAllText(patch);
        Assert.NotEqual(firstPatch, secondPatch);
        Assert.Contains("policyascode/audit-policy-sha256: \"" + PolicyAsCode.Deployment.DeploymentGenerator.Sha256(File.ReadAllBytes(yamlPath)) + "\"", secondPatch);

        // Fewer targets: the other targets' files (and kubeadm's patches folder) are deleted.
        var fewer = Dotnet.Run(dir, "build", "-p:PolicyAsCodeDeployTargets=talos");
        Assert.True(fewer.ExitCode == 0, fewer.Output);
        Assert.Equal(
            new[] { "calico-cloud-audit.talos.yaml", "calico-cloud-audit.yaml" },
            Directory.GetFileSystemEntries(policies, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(policies, f)).OrderBy(f => f, StringComparer.Ordinal).ToArray());

        // dotnet clean removes the deployment files too.
        Assert.Equal(0, Dotnet.Run(dir, "clean", "-p:PolicyAsCodeDeployTargets=talos").ExitCode);
        Assert.Empty(Directory.Exists(policies) ? Directory.GetFiles(policies, "*", SearchOption.AllDirectories) : Array.Empty<string>());
    }
}
