using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>
/// The real-world policies in the shared corpus: each loads as kube-apiserver loads it, each accepted one
/// survives write-then-load unchanged, and each decides the representative requests of FEATURES.md §7 as
/// that table says (read from FEATURES.md at test time).
/// </summary>
public sealed class CorpusTests
{
    public static IEnumerable<object[]> Files => Directory.GetFiles(SharedFiles.CorpusDirectory, "*.yaml")
        .Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).Select(n => new object[] { n! });

    private static readonly string[] Beta = { "calico-cloud.yaml", "eks-anywhere-v1beta1.yaml", "falco-example.yaml" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Loads_as_kube_apiserver_loads_it(string file)
    {
        var result = PolicyLoader.LoadFile(Path.Combine(SharedFiles.CorpusDirectory, file));
        if (Beta.Contains(file))
        {
            Assert.False(result.Accepted);
            Assert.Equal("failed decoding: no kind \"Policy\" is registered for version \"audit.k8s.io/v1beta1\" in scheme \"k8s.io/apiserver/pkg/audit/scheme.go:30\"", result.Error);
            return;
        }

        Assert.True(result.Accepted, result.Error);
        var expectedStrict = file switch
        {
            "openshift-writerequestbodies.yaml" or "openshift-allrequestbodies.yaml" or "openshift-customrules-oauth.yaml" => "strict decoding error: unknown field \"rules[2].resources[4].resource\"",
            "datadog-docs.yaml" => "strict decoding error: unknown field \"rules[3].resources[0].verbs\"",
            _ => null,
        };
        Assert.Equal(expectedStrict, result.StrictErrors);
        if (expectedStrict is not null)
        {
            var warning = Assert.Single(result.Findings, f => f.Code == "strict");
            Assert.True(warning.Line > 0 && warning.Column > 0);
        }
    }

    [Fact]
    public void Dropped_keys_widen_the_rules_they_were_in()
    {
        var openshift = PolicyLoader.LoadFile(Path.Combine(SharedFiles.CorpusDirectory, "openshift-writerequestbodies.yaml")).Policy!;
        var machineConfig = openshift.Rules[2].Resources[4];
        Assert.Equal("machineconfiguration.openshift.io", machineConfig.Group);
        Assert.True(machineConfig.Resources.IsEmpty);

        var datadog = PolicyLoader.LoadFile(Path.Combine(SharedFiles.CorpusDirectory, "datadog-docs.yaml")).Policy!;
        Assert.True(datadog.Rules[3].Verbs.IsEmpty);
        var listPods = new AuditRequest { User = "alice", Groups = new[] { "system:authenticated" }, ResourceRequest = true, Verb = "list", Namespace = "default", Resource = "pods" };
        Assert.Equal(AuditLevel.RequestResponse, new PolicyEvaluator(datadog).Evaluate(listPods).Level);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Round_trips_through_the_canonical_writer(string file)
    {
        var result = PolicyLoader.LoadFile(Path.Combine(SharedFiles.CorpusDirectory, file));
        if (!result.Accepted)
        {
            return;
        }

        var yaml = PolicyYamlWriter.Write(result.Policy!);
        var reloaded = PolicyLoader.Load(yaml);
        Assert.True(reloaded.Accepted, reloaded.Error);
        Assert.False(reloaded.LenientFallback);
        Assert.Equal(result.Policy, reloaded.Policy);
        Assert.Equal(yaml, PolicyYamlWriter.Write(reloaded.Policy!));

        var before = new PolicyEvaluator(result.Policy!);
        var after = new PolicyEvaluator(reloaded.Policy!);
        foreach (var request in RequestBattery.All())
        {
            Assert.Equal(before.Evaluate(request), after.Evaluate(request));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Decides_the_representative_requests_as_FEATURES_md_says(string file)
    {
        var table = FeatureTable();
        var name = Path.GetFileNameWithoutExtension(file);
        Assert.True(table.ContainsKey(name), "FEATURES.md §7 has no row for " + name);
        var text = File.ReadAllText(Path.Combine(SharedFiles.CorpusDirectory, file));

        // v1beta1 files are evaluated "as if they loaded" in the table.
        text = text.Replace("audit.k8s.io/v1beta1", "audit.k8s.io/v1");
        var result = PolicyLoader.Load(text);
        Assert.True(result.Accepted, result.Error);
        var evaluator = new PolicyEvaluator(result.Policy!);
        var requests = RequestBattery.FeatureColumns();
        var expected = table[name];
        Assert.Equal(requests.Length, expected.Length);
        for (var i = 0; i < requests.Length; i++)
        {
            var decision = evaluator.Evaluate(requests[i].Request);
            var want = expected[i] switch
            {
                "Meta" => "Metadata",
                "Req" => "Request",
                "ReqResp" => "RequestResponse",
                "None*" => "None",
                var other => other,
            };
            Assert.True(want == decision.Level.Value, $"{name}: {requests[i].Column}: expected {want}, got {decision.Level} (rule {decision.MatchedRule})");
            if (expected[i] == "None*")
            {
                Assert.Equal(-1, decision.MatchedRule);
            }
        }
    }

    private static Dictionary<string, string[]> FeatureTable()
    {
        var lines = File.ReadAllLines(Path.Combine(SharedFiles.CorpusDirectory, "FEATURES.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("| file | Secret create", StringComparison.Ordinal));
        Assert.True(start >= 0, "FEATURES.md §7 table not found");
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = start + 2; i < lines.Length && lines[i].StartsWith("|", StringComparison.Ordinal); i++)
        {
            var cells = lines[i].Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            rows[cells[0]] = cells.Skip(1).ToArray();
        }

        return rows;
    }
}

/// <summary>Requests used to compare policies' behaviour.</summary>
internal static class RequestBattery
{
    private static readonly string[] Alice = { "system:authenticated" };

    public static (string Column, AuditRequest Request)[] FeatureColumns() => new[]
    {
        ("Secret create", Resource("create", "default", "", "secrets", "", "")),
        ("Secret get", Resource("get", "default", "", "secrets", "", "db-password")),
        ("pods/exec", Resource("create", "default", "", "pods", "exec", "busybox")),
        ("list pods", Resource("list", "default", "", "pods", "", "")),
        ("patch Deploy", Resource("patch", "default", "apps", "deployments", "", "web")),
        ("create CRB", Resource("create", "", "rbac.authorization.k8s.io", "clusterrolebindings", "", "")),
        ("SA token", Resource("create", "default", "", "serviceaccounts", "token", "builder")),
        ("Lease update (KCM)", Resource("update", "kube-system", "coordination.k8s.io", "leases", "", "kube-controller-manager") with { User = "system:kube-controller-manager" }),
        ("kube-proxy watch EPSlice", Resource("watch", "", "discovery.k8s.io", "endpointslices", "", "") with
        {
            User = "system:serviceaccount:kube-system:kube-proxy",
            Groups = new[] { "system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated" },
        }),
        ("/healthz anon", new AuditRequest { User = "system:anonymous", Groups = new[] { "system:unauthenticated" }, Verb = "get", Path = "/healthz" }),
        ("/readyz", new AuditRequest { User = "alice", Groups = Alice, Verb = "get", Path = "/readyz" }),
        ("CR create", Resource("create", "default", "example.com", "widgets", "", "")),
    };

    /// <summary>A broad set: every column above, plus users, groups, verbs, namespaces and paths that policies single out.</summary>
    public static IEnumerable<AuditRequest> All()
    {
        var users = new (string? User, string[] Groups)[]
        {
            ("alice", Alice),
            (null, Array.Empty<string>()),
            ("system:anonymous", new[] { "system:unauthenticated" }),
            ("system:kube-proxy", new[] { "system:authenticated" }),
            ("system:node:node-1", new[] { "system:nodes", "system:authenticated" }),
            ("system:kube-controller-manager", Alice),
            ("system:kube-scheduler", Alice),
            ("system:apiserver", new[] { "system:masters" }),
            ("system:serviceaccount:kube-system:endpoint-controller", new[] { "system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated" }),
            ("oauth-user", new[] { "system:authenticated:oauth", "system:authenticated" }),
        };
        var resources = new (string Group, string Resource, string Sub)[]
        {
            ("", "pods", ""), ("", "pods", "log"), ("", "pods", "exec"), ("", "pods", "status"), ("", "secrets", ""), ("", "configmaps", ""),
            ("", "nodes", ""), ("", "nodes", "status"), ("", "events", ""), ("", "endpoints", ""), ("", "namespaces", ""), ("", "serviceaccounts", "token"),
            ("apps", "deployments", ""), ("apps", "deployments", "scale"), ("coordination.k8s.io", "leases", ""), ("rbac.authorization.k8s.io", "clusterroles", ""),
            ("authentication.k8s.io", "tokenreviews", ""), ("networking.k8s.io", "networkpolicies", ""), ("machineconfiguration.openshift.io", "machineconfigs", ""),
            ("example.com", "widgets", ""), ("discovery.k8s.io", "endpointslices", ""), ("route.openshift.io", "routes", ""),
        };
        var verbs = new[] { "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "" };
        var namespaces = new[] { "", "default", "kube-system" };
        foreach (var (user, groups) in users)
        {
            foreach (var (group, resource, sub) in resources)
            {
                foreach (var verb in verbs)
                {
                    foreach (var ns in namespaces)
                    {
                        yield return Resource(verb, ns, group, resource, sub, verb is "get" or "update" or "patch" or "delete" ? "kube-controller-manager" : "") with { User = user, Groups = groups };
                    }
                }
            }

            foreach (var path in new[] { "/healthz", "/healthz/etcd", "/readyz", "/livez", "/version", "/metrics", "/api", "/apis/apps/v1", "/logs/kubelet.log", "/openapi/v2" })
            {
                foreach (var verb in new[] { "get", "head", "post" })
                {
                    yield return new AuditRequest { User = user, Groups = groups, Verb = verb, Path = path };
                }
            }
        }
    }

    private static AuditRequest Resource(string verb, string ns, string group, string resource, string sub, string name) => new()
    {
        User = "alice",
        Groups = Alice,
        ResourceRequest = true,
        Verb = verb,
        Namespace = ns,
        ApiGroup = group,
        Resource = resource,
        Subresource = sub,
        Name = name,
        Path = "/apis/" + group + "/v1/" + resource,
    };
}
