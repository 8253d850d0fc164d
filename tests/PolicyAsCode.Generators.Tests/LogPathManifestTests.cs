using System.Linq;
using System.Reflection;
using Xunit;

namespace PolicyAsCode.Generators.Tests;

/// <summary>
/// The generator hands the required sets' consumer log paths to the build (which has no compilation) as manifest
/// entries <c>PolicyAsCode.LogPath:&lt;file&gt;</c> = <c>set name, line feed, path</c>.
/// </summary>
public sealed class LogPathManifestTests
{
    private static string[] LogPaths(Assembly assembly, string file)
        => assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Where(a => a.Key == "PolicyAsCode.LogPath:" + file).Select(a => a.Value!).ToArray();

    [Fact]
    public void CalicoCloud_and_a_local_set_put_their_log_paths_in_the_manifest()
    {
        var assembly = GeneratorHarness.CompileAndLoad("""
            using PolicyAsCode;

            [RequirementSet("Siem", LogPath = "/var/log/siem/k8s.log")]
            public static class Siem { }

            [RequirementSet("NoConsumer")]
            public static class NoConsumer { }

            [AuditPolicy("calico")]
            [MustMeet(typeof(PolicyAsCode.Requirements.CalicoCloud))]
            [MustMeet(typeof(Siem))]
            [MustMeet(typeof(NoConsumer))]
            public partial class CalicoPolicy
            {
                [Rule(Level.RequestResponse)]
                [Verbs(Verb.Create, Verb.Patch, Verb.Update, Verb.Delete)]
                [Resources(ApiGroup.NetworkingK8sIo, Resource.NetworkingK8sIo.Networkpolicies)]
                [Resources(ApiGroup.Core, Resource.Core.Pods, Resource.Core.Namespaces, Resource.Core.Serviceaccounts, Resource.Core.Endpoints)]
                public partial class Changes;

                [Rule(Level.Metadata)]
                public partial class Everything;
            }

            [AuditPolicy("plain")]
            public partial class PlainPolicy { [Rule(Level.Metadata)] public partial class All; }
            """);
        Assert.Equal(new[] { "CalicoCloud\n/var/log/calico/audit/kube-audit.log", "Siem\n/var/log/siem/k8s.log" }, LogPaths(assembly, "calico.yaml"));
        Assert.Empty(LogPaths(assembly, "plain.yaml"));
    }
}
