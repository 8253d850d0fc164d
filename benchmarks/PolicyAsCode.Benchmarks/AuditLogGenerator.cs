using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace PolicyAsCode.Benchmarks;

/// <summary>
/// Writes a realistic kube-apiserver audit log (JSON lines) of a given size, deterministically from a seed, in the
/// shapes of the real samples in ../shared/audit-logs: kubelet and controller reads at Metadata with long user
/// agents, lease updates at RequestResponse with both bodies and managedFields (KHI's kube-scheduler event),
/// pod creates with a full pod body (Falco's replicaset-controller events), watches with ResponseStarted and
/// ResponseComplete, RequestReceived stages, discovery and health checks. The mix averages about 1 KB an event.
/// </summary>
public static class AuditLogGenerator
{
    private static readonly string[] Nodes = { "gke-pool-1-a1b2", "gke-pool-1-c3d4", "gke-pool-2-e5f6", "gke-pool-2-g7h8", "gke-pool-3-i9j0" };
    private static readonly string[] Namespaces = { "default", "kube-system", "prod", "staging", "monitoring", "ingress-nginx" };
    private static readonly string[] Controllers = { "replicaset-controller", "deployment-controller", "endpointslice-controller", "namespace-controller", "generic-garbage-collector" };

    /// <summary>Writes events until <paramref name="bytes"/> are written; returns the number of events.</summary>
    public static long Write(Stream output, long bytes, int seed = 14)
    {
        var random = new Random(seed);
        var time = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        var sb = new StringBuilder(8192);
        var buffer = new byte[1 << 16];
        long written = 0, events = 0;
        var id = 0UL;
        while (written < bytes)
        {
            sb.Clear();
            id++;

            // About 200 requests a second.
            time = time.AddTicks(random.Next(1, 100_000));
            var pick = random.Next(100);
            if (pick < 35)
            {
                NodeRead(sb, random, id, time);
            }
            else if (pick < 50)
            {
                ControllerList(sb, random, id, time);
            }
            else if (pick < 65)
            {
                LeaseUpdate(sb, random, id, time, received: true);
                LeaseUpdate(sb, random, id, time, received: false);
            }
            else if (pick < 72)
            {
                PodCreate(sb, random, id, time);
            }
            else if (pick < 82)
            {
                Watch(sb, random, id, time);
            }
            else if (pick < 92)
            {
                NonResource(sb, random, id, time);
            }
            else
            {
                SecretGet(sb, random, id, time);
            }

            var text = sb.ToString();
            var length = Encoding.UTF8.GetMaxByteCount(text.Length);
            if (length > buffer.Length)
            {
                buffer = new byte[length];
            }

            var n = Encoding.UTF8.GetBytes(text, buffer);
            output.Write(buffer, 0, n);
            written += n;
            foreach (var c in text)
            {
                events += c == '\n' ? 1 : 0;
            }
        }

        return events;
    }

    private static string Id(ulong id) => "5e1f" + (id >> 32).ToString("x4", CultureInfo.InvariantCulture) + "-" + ((id >> 16) & 0xffff).ToString("x4", CultureInfo.InvariantCulture) + "-4" + (id & 0xfff).ToString("x3", CultureInfo.InvariantCulture) + "-8a9b-" + id.ToString("x12", CultureInfo.InvariantCulture);

    private static string T(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void Head(StringBuilder sb, string level, ulong id, string stage, string uri, string verb, string user, string groups, string agent, string ip)
    {
        sb.Append("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"").Append(level).Append("\",\"auditID\":\"").Append(Id(id)).Append("\",\"stage\":\"").Append(stage)
            .Append("\",\"requestURI\":\"").Append(uri).Append("\",\"verb\":\"").Append(verb).Append("\",\"user\":{\"username\":\"").Append(user).Append("\",\"uid\":\"").Append(Id(id * 7919)).Append("\",\"groups\":[").Append(groups)
            .Append("],\"extra\":{\"authentication.kubernetes.io/credential-id\":[\"X509SHA256=2a5d1c").Append((id % 997).ToString("x3", CultureInfo.InvariantCulture)).Append("e0f9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0\"]}},\"sourceIPs\":[\"").Append(ip)
            .Append("\"],\"userAgent\":\"").Append(agent).Append('"');
    }

    private static void Ref(StringBuilder sb, string resource, string? ns, string? name, string group, string version, string? sub = null)
    {
        sb.Append(",\"objectRef\":{\"resource\":\"").Append(resource).Append('"');
        if (ns is not null)
        {
            sb.Append(",\"namespace\":\"").Append(ns).Append('"');
        }

        if (name is not null)
        {
            sb.Append(",\"name\":\"").Append(name).Append('"');
        }

        if (group.Length > 0)
        {
            sb.Append(",\"apiGroup\":\"").Append(group).Append('"');
        }

        sb.Append(",\"apiVersion\":\"").Append(version).Append('"');
        if (sub is not null)
        {
            sb.Append(",\"subresource\":\"").Append(sub).Append('"');
        }

        sb.Append('}');
    }

    private static void Tail(StringBuilder sb, DateTime received, DateTime stage, int? code, bool annotations = true)
    {
        if (code is { } c)
        {
            sb.Append(",\"responseStatus\":{\"metadata\":{},\"code\":").Append(c).Append('}');
        }

        sb.Append(",\"requestReceivedTimestamp\":\"").Append(T(received)).Append("\",\"stageTimestamp\":\"").Append(T(stage)).Append('"');
        if (annotations)
        {
            sb.Append(",\"annotations\":{\"authorization.k8s.io/decision\":\"allow\",\"authorization.k8s.io/reason\":\"RBAC: allowed by ClusterRoleBinding \\\"system:node\\\" of ClusterRole \\\"system:node\\\" to Group \\\"system:nodes\\\"\"}");
        }

        sb.Append("}\n");
    }

    private static void NodeRead(StringBuilder sb, Random r, ulong id, DateTime t)
    {
        var node = Nodes[r.Next(Nodes.Length)];
        var (resource, name, ns) = r.Next(3) switch
        {
            0 => ("nodes", node, (string?)null),
            1 => ("configmaps", "kube-root-ca.crt", Namespaces[r.Next(Namespaces.Length)]),
            _ => ("pods", "web-" + r.Next(50).ToString(CultureInfo.InvariantCulture), Namespaces[r.Next(Namespaces.Length)]),
        };
        var uri = ns is null ? "/api/v1/" + resource + "/" + name : "/api/v1/namespaces/" + ns + "/" + resource + "/" + name;
        Head(sb, "Metadata", id, "ResponseComplete", uri, "get", "system:node:" + node, "\"system:nodes\",\"system:authenticated\"", "kubelet/v1.36.0 (linux/amd64) kubernetes/8f2e1a9b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f", "10.128.0." + r.Next(2, 250).ToString(CultureInfo.InvariantCulture));
        Ref(sb, resource, ns, name, string.Empty, "v1");
        Tail(sb, t, t.AddTicks(r.Next(5_000, 40_000)), 200);
    }

    private static void ControllerList(StringBuilder sb, Random r, ulong id, DateTime t)
    {
        var controller = Controllers[r.Next(Controllers.Length)];
        var ns = Namespaces[r.Next(Namespaces.Length)];
        var (resource, group, version) = r.Next(3) switch { 0 => ("replicasets", "apps", "v1"), 1 => ("endpointslices", "discovery.k8s.io", "v1"), _ => ("pods", string.Empty, "v1") };
        var prefix = group.Length == 0 ? "/api/v1" : "/apis/" + group + "/" + version;
        Head(sb, "Metadata", id, "ResponseComplete", prefix + "/namespaces/" + ns + "/" + resource + "?labelSelector=app%3Dweb%2Ctier%3Dfrontend&limit=500&resourceVersion=0", "list",
            "system:serviceaccount:kube-system:" + controller, "\"system:serviceaccounts\",\"system:serviceaccounts:kube-system\",\"system:authenticated\"",
            "kube-controller-manager/v1.36.0 (linux/amd64) kubernetes/8f2e1a9b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f/system:serviceaccount:kube-system:" + controller, "10.128.0.2");
        Ref(sb, resource, ns, null, group, version);
        Tail(sb, t, t.AddTicks(r.Next(10_000, 90_000)), 200);
    }

    /// <summary>The kube-scheduler lease renewal of KHI's sample: RequestResponse, both bodies with managedFields.</summary>
    private static void LeaseUpdate(StringBuilder sb, Random r, ulong id, DateTime t, bool received)
    {
        var holder = "kube-scheduler-control-plane_" + Id(id % 3).Substring(0, 8);
        var lease = r.Next(2) == 0 ? "kube-scheduler" : "kube-controller-manager";
        Head(sb, "RequestResponse", id, received ? "RequestReceived" : "ResponseComplete", "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/" + lease + "?timeout=5s", "update",
            "system:" + lease, "\"system:authenticated\"", lease + "/v1.36.0 (linux/amd64) kubernetes/8f2e1a9b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f/leader-election", "172.18.0.2");
        Ref(sb, "leases", "kube-system", lease, "coordination.k8s.io", "v1");
        if (received)
        {
            Tail(sb, t, t, null, annotations: false);
            return;
        }

        var rv = (id * 13).ToString(CultureInfo.InvariantCulture);
        var body = "{\"kind\":\"Lease\",\"apiVersion\":\"coordination.k8s.io/v1\",\"metadata\":{\"name\":\"" + lease + "\",\"namespace\":\"kube-system\",\"uid\":\"" + Id(id * 31) + "\",\"resourceVersion\":\"" + rv
            + "\",\"creationTimestamp\":\"2026-11-01T09:00:00Z\",\"managedFields\":[{\"manager\":\"" + lease + "\",\"operation\":\"Update\",\"apiVersion\":\"coordination.k8s.io/v1\",\"time\":\"" + T(t)
            + "\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:spec\":{\"f:acquireTime\":{},\"f:holderIdentity\":{},\"f:leaseDurationSeconds\":{},\"f:leaseTransitions\":{},\"f:renewTime\":{}}}}]},"
            + "\"spec\":{\"holderIdentity\":\"" + holder + "\",\"leaseDurationSeconds\":15,\"acquireTime\":\"2026-11-01T09:00:00.000000Z\",\"renewTime\":\"" + T(t) + "\",\"leaseTransitions\":0}}";
        sb.Append(",\"responseStatus\":{\"metadata\":{},\"code\":200},\"requestObject\":").Append(body).Append(",\"responseObject\":").Append(body);
        sb.Append(",\"requestReceivedTimestamp\":\"").Append(T(t)).Append("\",\"stageTimestamp\":\"").Append(T(t.AddTicks(r.Next(20_000, 60_000))))
            .Append("\",\"annotations\":{\"authorization.k8s.io/decision\":\"allow\",\"authorization.k8s.io/reason\":\"RBAC: allowed by ClusterRoleBinding \\\"system:").Append(lease).Append("\\\"\"}}\n");
    }

    /// <summary>A replicaset-controller pod create at Request (Falco's shapes): the pod body with managedFields.</summary>
    private static void PodCreate(StringBuilder sb, Random r, ulong id, DateTime t)
    {
        var ns = Namespaces[r.Next(Namespaces.Length)];
        var name = "web-7d9f8c6b5-" + Id(id).Substring(0, 5);
        Head(sb, "Request", id, "ResponseComplete", "/api/v1/namespaces/" + ns + "/pods", "create", "system:serviceaccount:kube-system:replicaset-controller",
            "\"system:serviceaccounts\",\"system:serviceaccounts:kube-system\",\"system:authenticated\"",
            "kube-controller-manager/v1.36.0 (linux/amd64) kubernetes/8f2e1a9b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f/system:serviceaccount:kube-system:replicaset-controller", "10.128.0.2");
        Ref(sb, "pods", ns, null, string.Empty, "v1");
        sb.Append(",\"responseStatus\":{\"metadata\":{},\"code\":201},\"requestObject\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"generateName\":\"web-7d9f8c6b5-\",\"namespace\":\"").Append(ns)
            .Append("\",\"labels\":{\"app\":\"web\",\"pod-template-hash\":\"7d9f8c6b5\",\"tier\":\"frontend\"},\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"web-7d9f8c6b5\",\"uid\":\"").Append(Id(id * 3))
            .Append("\",\"controller\":true,\"blockOwnerDeletion\":true}],\"managedFields\":[{\"manager\":\"kube-controller-manager\",\"operation\":\"Update\",\"apiVersion\":\"v1\",\"time\":\"").Append(T(t))
            .Append("\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:metadata\":{\"f:generateName\":{},\"f:labels\":{\".\":{},\"f:app\":{},\"f:pod-template-hash\":{},\"f:tier\":{}},\"f:ownerReferences\":{\".\":{},\"k:{\\\"uid\\\":\\\"").Append(Id(id * 3))
            .Append("\\\"}\":{}}},\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"nginx\\\"}\":{\".\":{},\"f:image\":{},\"f:imagePullPolicy\":{},\"f:name\":{},\"f:ports\":{},\"f:resources\":{}}}}}}]},")
            .Append("\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"registry.example.com/platform/nginx:1.27.3\",\"ports\":[{\"containerPort\":8080,\"protocol\":\"TCP\"}],\"resources\":{\"limits\":{\"cpu\":\"500m\",\"memory\":\"256Mi\"},\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"}},")
            .Append("\"terminationMessagePath\":\"/dev/termination-log\",\"imagePullPolicy\":\"IfNotPresent\",\"securityContext\":{\"runAsNonRoot\":true,\"allowPrivilegeEscalation\":false}}],\"restartPolicy\":\"Always\",\"dnsPolicy\":\"ClusterFirst\",\"serviceAccountName\":\"web\",\"schedulerName\":\"default-scheduler\"},\"status\":{}}");
        sb.Append(",\"requestReceivedTimestamp\":\"").Append(T(t)).Append("\",\"stageTimestamp\":\"").Append(T(t.AddTicks(r.Next(50_000, 200_000))))
            .Append("\",\"annotations\":{\"authorization.k8s.io/decision\":\"allow\",\"authorization.k8s.io/reason\":\"RBAC: allowed by ClusterRoleBinding \\\"system:controller:replicaset-controller\\\"\",\"pod-security.kubernetes.io/enforce-policy\":\"restricted:latest\"}}\n");
    }

    private static void Watch(StringBuilder sb, Random r, ulong id, DateTime t)
    {
        var node = Nodes[r.Next(Nodes.Length)];
        foreach (var stage in new[] { "ResponseStarted", "ResponseComplete" })
        {
            Head(sb, "Metadata", id, stage, "/api/v1/namespaces/kube-system/configmaps?allowWatchBookmarks=true&fieldSelector=metadata.name%3Dkube-proxy&resourceVersion=" + (id * 11).ToString(CultureInfo.InvariantCulture) + "&timeout=7m24s&timeoutSeconds=444&watch=true", "watch",
                "system:node:" + node, "\"system:nodes\",\"system:authenticated\"", "kubelet/v1.36.0 (linux/amd64) kubernetes/8f2e1a9b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f", "10.128.0." + r.Next(2, 250).ToString(CultureInfo.InvariantCulture));
            Ref(sb, "configmaps", "kube-system", null, string.Empty, "v1");
            Tail(sb, t, stage == "ResponseStarted" ? t.AddTicks(20_000) : t.AddMinutes(7), 200);
        }
    }

    private static void NonResource(StringBuilder sb, Random r, ulong id, DateTime t)
    {
        var path = r.Next(4) switch { 0 => "/healthz", 1 => "/readyz?verbose", 2 => "/apis/metrics.k8s.io/v1beta1", _ => "/openapi/v3/apis/apps/v1?hash=8d1e1f2c3b4a5d6e" };
        Head(sb, "Metadata", id, "ResponseComplete", path, "get", "system:kube-probe", "\"system:authenticated\"", "kube-probe/1.36", "10.128.0.1");
        Tail(sb, t, t.AddTicks(r.Next(1_000, 10_000)), 200, annotations: false);
    }

    private static void SecretGet(StringBuilder sb, Random r, ulong id, DateTime t)
    {
        var ns = Namespaces[r.Next(Namespaces.Length)];
        Head(sb, "Metadata", id, "ResponseComplete", "/api/v1/namespaces/" + ns + "/secrets/web-tls", "get", "system:serviceaccount:" + ns + ":web", "\"system:serviceaccounts\",\"system:serviceaccounts:" + ns + "\",\"system:authenticated\"",
            "Go-http-client/2.0", "10.4." + r.Next(0, 255).ToString(CultureInfo.InvariantCulture) + ".17");
        Ref(sb, "secrets", ns, "web-tls", string.Empty, "v1");
        Tail(sb, t, t.AddTicks(r.Next(3_000, 20_000)), 200);
    }
}
