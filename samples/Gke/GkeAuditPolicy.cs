using PolicyAsCode;

namespace Samples.Gke;

/// <summary>
/// The audit policy GKE's configure-helper.sh writes for the control plane (kubernetes/kubernetes
/// cluster/gce/gci/configure-helper.sh, create-master-audit-policy), declared in C#. Exemptions for
/// high-volume, low-risk requests come first (first match wins), then sensitive resources at Metadata,
/// reads at Request and writes at RequestResponse for the known APIs, and Metadata for everything else.
/// </summary>
[AuditPolicy("gke-audit-policy")]
public partial class GkeAuditPolicy
{
    [Rule(Level.None)]
    [Users("system:kube-proxy")]
    [Verbs(Verb.Watch)]
    [Resources(ApiGroup.Core, "endpoints", "services", "services/status")]
    public partial class KubeProxyWatches;

    [Rule(Level.None)]
    [Users("system:unsecured")]
    [Verbs(Verb.Get)]
    [Resources(ApiGroup.Core, "configmaps")]
    [Namespaces("kube-system")]
    public partial class IngressControllerConfigMapReads;

    [Rule(Level.None)]
    [Users("kubelet")]
    [Verbs(Verb.Get)]
    [Resources(ApiGroup.Core, "nodes", "nodes/status")]
    public partial class LegacyKubeletNodeReads;

    [Rule(Level.None)]
    [UserGroups("system:nodes")]
    [Verbs(Verb.Get)]
    [Resources(ApiGroup.Core, "nodes", "nodes/status")]
    public partial class NodeReads;

    [Rule(Level.None)]
    [Users("system:kube-controller-manager", "system:cloud-controller-manager", "system:kube-scheduler", "system:serviceaccount:kube-system:endpoint-controller")]
    [Verbs(Verb.Get, Verb.Update)]
    [Resources(ApiGroup.Core, "endpoints")]
    [Namespaces("kube-system")]
    public partial class ControllerEndpointUpdates;

    [Rule(Level.None)]
    [Users("system:apiserver")]
    [Verbs(Verb.Get)]
    [Resources(ApiGroup.Core, "namespaces", "namespaces/status", "namespaces/finalize")]
    public partial class ApiserverNamespaceReads;

    [Rule(Level.None)]
    [Users("cluster-autoscaler")]
    [Verbs(Verb.Get, Verb.Update)]
    [Resources(ApiGroup.Core, "configmaps", "endpoints")]
    [Namespaces("kube-system")]
    public partial class ClusterAutoscalerState;

    [Rule(Level.None)]
    [Users("system:kube-controller-manager", "system:cloud-controller-manager")]
    [Verbs(Verb.Get, Verb.List)]
    [Resources(ApiGroup.MetricsK8sIo)]
    public partial class HpaMetricsReads;

    [Rule(Level.None)]
    [NonResourceUrls("/healthz*", "/version", "/swagger*")]
    public partial class ReadOnlyUrls;

    [Rule(Level.None)]
    [Resources(ApiGroup.Core, "events")]
    public partial class Events;

    [Rule(Level.Request)]
    [Users("kubelet", "system:node-problem-detector", "system:serviceaccount:kube-system:node-problem-detector")]
    [Verbs(Verb.Update, Verb.Patch)]
    [Resources(ApiGroup.Core, "nodes/status", "pods/status")]
    [OmitStages(Stage.RequestReceived)]
    public partial class KubeletStatusUpdates;

    [Rule(Level.Request)]
    [UserGroups("system:nodes")]
    [Verbs(Verb.Update, Verb.Patch)]
    [Resources(ApiGroup.Core, "nodes/status", "pods/status")]
    [OmitStages(Stage.RequestReceived)]
    public partial class NodeStatusUpdates;

    [Rule(Level.Request)]
    [Users("system:serviceaccount:kube-system:namespace-controller")]
    [Verbs(Verb.DeleteCollection)]
    [OmitStages(Stage.RequestReceived)]
    public partial class NamespaceDeletions;

    [Rule(Level.Metadata)]
    [Resources(ApiGroup.Core, "secrets", "configmaps", "serviceaccounts/token")]
    [Resources(ApiGroup.AuthenticationK8sIo, "tokenreviews")]
    [OmitStages(Stage.RequestReceived)]
    public partial class SensitiveResources;

    [Rule(Level.Request)]
    [Verbs(Verb.Get, Verb.List, Verb.Watch)]
    [Resources(ApiGroup.Core)]
    [Resources(ApiGroup.AdmissionRegistrationK8sIo)]
    [Resources(ApiGroup.ApiExtensionsK8sIo)]
    [Resources(ApiGroup.ApiRegistrationK8sIo)]
    [Resources(ApiGroup.Apps)]
    [Resources(ApiGroup.AuthenticationK8sIo)]
    [Resources(ApiGroup.AuthorizationK8sIo)]
    [Resources(ApiGroup.Autoscaling)]
    [Resources(ApiGroup.Batch)]
    [Resources(ApiGroup.CertificatesK8sIo)]
    [Resources(ApiGroup.Extensions)]
    [Resources(ApiGroup.MetricsK8sIo)]
    [Resources(ApiGroup.NetworkingK8sIo)]
    [Resources(ApiGroup.NodeK8sIo)]
    [Resources(ApiGroup.Policy)]
    [Resources(ApiGroup.RbacAuthorizationK8sIo)]
    [Resources(ApiGroup.SchedulingK8sIo)]
    [Resources(ApiGroup.StorageK8sIo)]
    [OmitStages(Stage.RequestReceived)]
    public partial class KnownApiReads;

    [Rule(Level.RequestResponse)]
    [Resources(ApiGroup.Core)]
    [Resources(ApiGroup.AdmissionRegistrationK8sIo)]
    [Resources(ApiGroup.ApiExtensionsK8sIo)]
    [Resources(ApiGroup.ApiRegistrationK8sIo)]
    [Resources(ApiGroup.Apps)]
    [Resources(ApiGroup.AuthenticationK8sIo)]
    [Resources(ApiGroup.AuthorizationK8sIo)]
    [Resources(ApiGroup.Autoscaling)]
    [Resources(ApiGroup.Batch)]
    [Resources(ApiGroup.CertificatesK8sIo)]
    [Resources(ApiGroup.Extensions)]
    [Resources(ApiGroup.MetricsK8sIo)]
    [Resources(ApiGroup.NetworkingK8sIo)]
    [Resources(ApiGroup.NodeK8sIo)]
    [Resources(ApiGroup.Policy)]
    [Resources(ApiGroup.RbacAuthorizationK8sIo)]
    [Resources(ApiGroup.SchedulingK8sIo)]
    [Resources(ApiGroup.StorageK8sIo)]
    [OmitStages(Stage.RequestReceived)]
    public partial class KnownApiWrites;

    [Rule(Level.Metadata)]
    [OmitStages(Stage.RequestReceived)]
    public partial class Everything;
}
