using System;
using System.IO;
using System.Text.Json;
using PolicyAsCode.Cli.Commands;

namespace PolicyAsCode.Benchmarks;

/// <summary>
/// Deterministic <c>explain --requests</c> input: one JSON object per line with the fields of the evaluation vectors'
/// <c>request</c> mapping, in a mix a GKE control plane sees: kubelets and kube-proxy watching and updating status,
/// controllers and the scheduler, service accounts, people with kubectl, health and discovery probes, some requests
/// without a user. Names carry random suffixes, so not every line repeats.
/// </summary>
public static class RequestLines
{
    /// <summary>The seed of every generated file; the same count gives the same bytes.</summary>
    public const int Seed = 20261126;

    private static readonly string[] Namespaces = { "default", "kube-system", "team-a", "team-b", "monitoring", "ingress-nginx", "cert-manager" };
    private static readonly string[] Teams = { "team-a", "team-b", "monitoring" };
    private static readonly string[] People = { "alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com" };
    private static readonly string[] Nodes = CreateNodes();

    /// <summary>Writes <paramref name="count"/> request lines (LF-terminated UTF-8) to <paramref name="output"/>.</summary>
    public static void Write(Stream output, int count)
    {
        var random = new Random(Seed);
        using var json = new Utf8JsonWriter(output);
        for (var i = 0; i < count; i++)
        {
            var r = Next(random);
            var request = new AuditRequest
            {
                User = r.User,
                Groups = r.Groups,
                ResourceRequest = r.ResourceRequest,
                Verb = r.Verb,
                Path = r.Path,
                Namespace = r.Namespace,
                ApiGroup = r.ApiGroup,
                Resource = r.Resource,
                Subresource = r.Subresource,
                Name = r.Name,
            };
            ExplainCommand.WriteRequest(json, request, r.ApiVersion);
            json.Flush();
            output.WriteByte((byte)'\n');
            json.Reset(output);
        }
    }

    /// <summary>The lines in memory.</summary>
    public static byte[] Create(int count)
    {
        using var memory = new MemoryStream(count * 300);
        Write(memory, count);
        return memory.ToArray();
    }

    private static Request Next(Random random)
    {
        var roll = random.Next(1000);
        return roll switch
        {
            < 220 => Kubelet(random),
            < 300 => KubeProxy(random),
            < 420 => Controller(random),
            < 460 => Scheduler(random),
            < 480 => Fixed(random),
            < 640 => ServiceAccount(random),
            < 760 => Person(random),
            < 900 => Probe(random),
            < 930 => Unauthenticated(random),
            _ => Events(random),
        };
    }

    private static Request Kubelet(Random random)
    {
        var node = Pick(random, Nodes);
        var legacy = random.Next(50) == 0;
        var user = legacy ? "kubelet" : "system:node:" + node;
        var groups = legacy ? new[] { "system:authenticated" } : new[] { "system:nodes", "system:authenticated" };
        var ns = Pick(random, Namespaces);
        return random.Next(9) switch
        {
            0 => Resource(user, groups, "get", "", "", "v1", "nodes", "", node),
            1 => Resource(user, groups, "patch", "", "", "v1", "nodes", "status", node),
            2 => Resource(user, groups, "patch", ns, "", "v1", "pods", "status", Pod(random)),
            3 => Resource(user, groups, "watch", "", "", "v1", "pods", "", ""),
            4 => Resource(user, groups, "get", ns, "", "v1", Pick(random, new[] { "secrets", "configmaps" }), "", "config-" + random.Next(40)),
            5 => Resource(user, groups, "update", "kube-node-lease", "coordination.k8s.io", "v1", "leases", "", node),
            6 => Resource(user, groups, "create", ns, "", "v1", "serviceaccounts", "token", "default"),
            7 => Resource(user, groups, "list", "", "", "v1", Pick(random, new[] { "services", "nodes" }), "", ""),
            _ => Resource(user, groups, "get", ns, "", "v1", "pods", "", Pod(random)),
        };
    }

    private static Request KubeProxy(Random random)
    {
        var groups = new[] { "system:authenticated" };
        return random.Next(4) switch
        {
            0 => Resource("system:kube-proxy", groups, "watch", "", "", "v1", "endpoints", "", ""),
            1 => Resource("system:kube-proxy", groups, "watch", "", "", "v1", "services", "", ""),
            2 => Resource("system:kube-proxy", groups, "watch", "", "discovery.k8s.io", "v1", "endpointslices", "", ""),
            _ => Resource("system:kube-proxy", groups, "list", "", "", "v1", "nodes", "", ""),
        };
    }

    private static Request Controller(Random random)
    {
        var user = random.Next(5) == 0 ? "system:cloud-controller-manager" : "system:kube-controller-manager";
        var groups = new[] { "system:authenticated" };
        var ns = Pick(random, Namespaces);
        return random.Next(10) switch
        {
            0 => Resource(user, groups, Pick(random, new[] { "get", "update" }), "kube-system", "", "v1", "endpoints", "", "kube-controller-manager"),
            1 => Resource(user, groups, Pick(random, new[] { "get", "list" }), ns, "metrics.k8s.io", "v1beta1", "pods", "", ""),
            2 => Resource(user, groups, "update", "kube-system", "coordination.k8s.io", "v1", "leases", "", "kube-controller-manager"),
            3 => Resource(user, groups, "watch", "", "apps", "v1", Pick(random, new[] { "deployments", "replicasets", "statefulsets", "daemonsets" }), "", ""),
            4 => Resource(user, groups, "update", ns, "apps", "v1", "replicasets", "status", "web-" + Hex(random, 10)),
            5 => Resource(user, groups, "create", ns, "", "v1", "pods", "", ""),
            6 => Resource(user, groups, "patch", ns, "batch", "v1", "jobs", "status", "backup-" + random.Next(100_000)),
            7 => Resource(user, groups, "list", "", "", "v1", Pick(random, new[] { "pods", "nodes", "namespaces", "persistentvolumes" }), "", ""),
            8 => Resource(user, groups, "update", ns, "", "v1", "serviceaccounts", "", "default"),
            _ => Resource(user, groups, "get", ns, "", "v1", "configmaps", "", "kube-root-ca.crt"),
        };
    }

    private static Request Scheduler(Random random)
    {
        var groups = new[] { "system:authenticated" };
        return random.Next(4) switch
        {
            0 => Resource("system:kube-scheduler", groups, "create", Pick(random, Namespaces), "", "v1", "pods", "binding", Pod(random)),
            1 => Resource("system:kube-scheduler", groups, "watch", "", "", "v1", "pods", "", ""),
            2 => Resource("system:kube-scheduler", groups, "get", "kube-system", "coordination.k8s.io", "v1", "leases", "", "kube-scheduler"),
            _ => Resource("system:kube-scheduler", groups, "watch", "", "storage.k8s.io", "v1", "csinodes", "", ""),
        };
    }

    /// <summary>The identities GKE's first rules name.</summary>
    private static Request Fixed(Random random)
    {
        var groups = new[] { "system:authenticated" };
        return random.Next(6) switch
        {
            0 => Resource("system:unsecured", groups, "get", "kube-system", "", "v1", "configmaps", "", "ingress-uid"),
            1 => Resource("system:apiserver", new[] { "system:masters" }, "get", "", "", "v1", "namespaces", Pick(random, new[] { "", "status", "finalize" }), Pick(random, Namespaces)),
            2 => Resource("cluster-autoscaler", groups, Pick(random, new[] { "get", "update" }), "kube-system", "", "v1", Pick(random, new[] { "configmaps", "endpoints" }), "", "cluster-autoscaler-status"),
            3 => Resource("system:serviceaccount:kube-system:endpoint-controller", new[] { "system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated" }, "update", "kube-system", "", "v1", "endpoints", "", "kube-dns"),
            4 => Resource("system:serviceaccount:kube-system:namespace-controller", new[] { "system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated" }, "deletecollection", Pick(random, Teams), Pick(random, new[] { "", "apps", "batch" }), "v1", Pick(random, new[] { "pods", "deployments", "jobs" }), "", ""),
            _ => Resource("system:node-problem-detector", groups, "patch", "", "", "v1", "nodes", "status", Pick(random, Nodes)),
        };
    }

    private static Request ServiceAccount(Random random)
    {
        var ns = Pick(random, Teams);
        var account = Pick(random, new[] { "deployer", "default", "prometheus", "argocd-application-controller" });
        var user = "system:serviceaccount:" + ns + ":" + account;
        var groups = new[] { "system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated" };
        return random.Next(8) switch
        {
            0 => Resource(user, groups, "patch", ns, "apps", "v1", "deployments", "", "web"),
            1 => Resource(user, groups, "get", ns, "", "v1", "pods", "", Pod(random)),
            2 => Resource(user, groups, "list", ns, "", "v1", "secrets", "", ""),
            3 => Resource(user, groups, "create", "", "authentication.k8s.io", "v1", "tokenreviews", "", ""),
            4 => Resource(user, groups, "watch", ns, "monitoring.coreos.com", "v1", "servicemonitors", "", ""),
            5 => Resource(user, groups, "update", ns, "argoproj.io", "v1alpha1", "applications", "", "app-" + random.Next(200)),
            6 => Resource(user, groups, "get", "", "", "v1", "nodes", "proxy", Pick(random, Nodes)),
            _ => NonResource(user, groups, "get", "/metrics"),
        };
    }

    private static Request Person(Random random)
    {
        var user = Pick(random, People);
        var groups = random.Next(3) == 0 ? new[] { "developers", "system:authenticated" } : new[] { "system:authenticated" };
        var ns = Pick(random, Namespaces);
        return random.Next(10) switch
        {
            0 => Resource(user, groups, "get", ns, "", "v1", "pods", "log", Pod(random)),
            1 => Resource(user, groups, "create", ns, "", "v1", "pods", "exec", Pod(random)),
            2 => Resource(user, groups, "list", ns, "", "v1", "pods", "", ""),
            3 => Resource(user, groups, "patch", ns, "apps", "v1", "deployments", "", "web"),
            4 => Resource(user, groups, "delete", ns, "", "v1", "pods", "", Pod(random)),
            5 => Resource(user, groups, "get", ns, "", "v1", "secrets", "", "db-credentials"),
            6 => Resource(user, groups, "create", "", "rbac.authorization.k8s.io", "v1", "clusterrolebindings", "", ""),
            7 => Resource(user, groups, "get", ns, "example.com", "v1", "widgets", "", "widget-" + random.Next(1000)),
            8 => NonResource(user, groups, "get", Pick(random, new[] { "/api", "/apis", "/openapi/v2", "/openapi/v3", "/version" })),
            _ => Resource(user, groups, "get", "", "", "v1", "namespaces", "", ns),
        };
    }

    private static Request Probe(Random random)
    {
        var path = Pick(random, new[] { "/healthz", "/healthz/etcd", "/livez", "/readyz", "/version", "/metrics", "/swagger.json" });
        return random.Next(4) == 0
            ? NonResource("system:serviceaccount:monitoring:prometheus", new[] { "system:serviceaccounts", "system:serviceaccounts:monitoring", "system:authenticated" }, "get", path)
            : NonResource("system:anonymous", new[] { "system:unauthenticated" }, "get", path);
    }

    private static Request Unauthenticated(Random random) => random.Next(3) switch
    {
        0 => NonResource(null, Array.Empty<string>(), "get", Pick(random, new[] { "/healthz", "/api", "/", "/.env" })),
        1 => Resource(null, Array.Empty<string>(), "get", Pick(random, Namespaces), "", "v1", "pods", "", Pod(random)),
        _ => Resource(null, Array.Empty<string>(), "list", "", "", "v1", "secrets", "", ""),
    };

    private static Request Events(Random random)
    {
        var node = Pick(random, Nodes);
        return Resource("system:node:" + node, new[] { "system:nodes", "system:authenticated" }, Pick(random, new[] { "create", "patch" }), Pick(random, Namespaces),
            random.Next(2) == 0 ? "" : "events.k8s.io", "v1", "events", "", Pod(random) + "." + Hex(random, 16));
    }

    private static Request Resource(string? user, string[] groups, string verb, string ns, string apiGroup, string apiVersion, string resource, string subresource, string name)
    {
        var path = (apiGroup.Length == 0 ? "/api/" + apiVersion : "/apis/" + apiGroup + "/" + apiVersion)
            + (ns.Length > 0 ? "/namespaces/" + ns : string.Empty) + "/" + resource
            + (name.Length > 0 ? "/" + name : string.Empty) + (subresource.Length > 0 ? "/" + subresource : string.Empty);
        return new Request(user, groups, true, verb, path, ns, apiGroup, apiVersion, resource, subresource, name);
    }

    private static Request NonResource(string? user, string[] groups, string verb, string path)
        => new(user, groups, false, verb, path, "", "", "", "", "", "");

    private static string Pod(Random random) => Pick(random, new[] { "web", "api", "worker", "redis", "coredns", "fluentbit-gke" }) + "-" + Hex(random, 10) + "-" + Hex(random, 5);

    private static string Hex(Random random, int length)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private static string[] CreateNodes()
    {
        var random = new Random(Seed + 1);
        var nodes = new string[60];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = "gke-prod-default-pool-" + Hex(random, 8) + "-" + Hex(random, 4);
        }

        return nodes;
    }

    private sealed record Request(string? User, string[] Groups, bool ResourceRequest, string Verb, string Path, string Namespace, string ApiGroup, string ApiVersion, string Resource, string Subresource, string Name);
}
