namespace PolicyAsCode;

/// <summary>
/// The verbs kube-apiserver evaluates audit rules with (spec §7): the Kubernetes verbs of resource requests
/// and the lower-cased HTTP methods of non-resource requests. Constants, so they work in attributes.
/// </summary>
public static class Verb
{
    /// <summary><c>get</c>: GET/HEAD on a named object (also a non-resource GET).</summary>
    public const string Get = "get";

    /// <summary><c>list</c>: GET on a collection.</summary>
    public const string List = "list";

    /// <summary><c>watch</c>: GET on a collection with <c>?watch</c>.</summary>
    public const string Watch = "watch";

    /// <summary><c>create</c>: POST.</summary>
    public const string Create = "create";

    /// <summary><c>update</c>: PUT.</summary>
    public const string Update = "update";

    /// <summary><c>patch</c>: PATCH.</summary>
    public const string Patch = "patch";

    /// <summary><c>delete</c>: DELETE on a named object.</summary>
    public const string Delete = "delete";

    /// <summary><c>deletecollection</c>: DELETE on a collection.</summary>
    public const string DeleteCollection = "deletecollection";

    /// <summary><c>proxy</c>: the deprecated <c>/proxy/</c> path form.</summary>
    public const string Proxy = "proxy";

    /// <summary>Non-resource <c>head</c> (not <c>get</c>).</summary>
    public const string Head = "head";

    /// <summary>Non-resource <c>post</c> (not <c>create</c>).</summary>
    public const string Post = "post";

    /// <summary>Non-resource <c>put</c>.</summary>
    public const string Put = "put";

    /// <summary>Non-resource <c>options</c>.</summary>
    public const string Options = "options";
}

/// <summary>Built-in Kubernetes API groups. <see cref="Core"/> is the empty string.</summary>
public static class ApiGroup
{
    /// <summary>The core (legacy) group: <c>""</c>.</summary>
    public const string Core = "";

    /// <summary>Any group (<c>*</c>, Kubernetes 1.36 and later).</summary>
    public const string Any = "*";

    /// <summary><c>admissionregistration.k8s.io</c>.</summary>
    public const string AdmissionRegistrationK8sIo = "admissionregistration.k8s.io";

    /// <summary><c>apiextensions.k8s.io</c>.</summary>
    public const string ApiExtensionsK8sIo = "apiextensions.k8s.io";

    /// <summary><c>apiregistration.k8s.io</c>.</summary>
    public const string ApiRegistrationK8sIo = "apiregistration.k8s.io";

    /// <summary><c>apps</c>.</summary>
    public const string Apps = "apps";

    /// <summary><c>authentication.k8s.io</c>.</summary>
    public const string AuthenticationK8sIo = "authentication.k8s.io";

    /// <summary><c>authorization.k8s.io</c>.</summary>
    public const string AuthorizationK8sIo = "authorization.k8s.io";

    /// <summary><c>autoscaling</c>.</summary>
    public const string Autoscaling = "autoscaling";

    /// <summary><c>batch</c>.</summary>
    public const string Batch = "batch";

    /// <summary><c>certificates.k8s.io</c>.</summary>
    public const string CertificatesK8sIo = "certificates.k8s.io";

    /// <summary><c>coordination.k8s.io</c>.</summary>
    public const string CoordinationK8sIo = "coordination.k8s.io";

    /// <summary><c>discovery.k8s.io</c>.</summary>
    public const string DiscoveryK8sIo = "discovery.k8s.io";

    /// <summary><c>events.k8s.io</c>.</summary>
    public const string EventsK8sIo = "events.k8s.io";

    /// <summary><c>extensions</c> (most resources removed; kept for old policies).</summary>
    public const string Extensions = "extensions";

    /// <summary><c>flowcontrol.apiserver.k8s.io</c>.</summary>
    public const string FlowControlApiServerK8sIo = "flowcontrol.apiserver.k8s.io";

    /// <summary><c>internal.apiserver.k8s.io</c>.</summary>
    public const string InternalApiserverK8sIo = "internal.apiserver.k8s.io";

    /// <summary><c>metrics.k8s.io</c>.</summary>
    public const string MetricsK8sIo = "metrics.k8s.io";

    /// <summary><c>networking.k8s.io</c>.</summary>
    public const string NetworkingK8sIo = "networking.k8s.io";

    /// <summary><c>node.k8s.io</c>.</summary>
    public const string NodeK8sIo = "node.k8s.io";

    /// <summary><c>policy</c>.</summary>
    public const string Policy = "policy";

    /// <summary><c>rbac.authorization.k8s.io</c>.</summary>
    public const string RbacAuthorizationK8sIo = "rbac.authorization.k8s.io";

    /// <summary><c>resource.k8s.io</c>.</summary>
    public const string ResourceK8sIo = "resource.k8s.io";

    /// <summary><c>scheduling.k8s.io</c>.</summary>
    public const string SchedulingK8sIo = "scheduling.k8s.io";

    /// <summary><c>storagemigration.k8s.io</c>.</summary>
    public const string StoragemigrationK8sIo = "storagemigration.k8s.io";

    /// <summary><c>storage.k8s.io</c>.</summary>
    public const string StorageK8sIo = "storage.k8s.io";
}
