// Built-in resource names of Kubernetes 1.36 (every group kube-apiserver serves by itself),
// taken from the project's built-in resource catalog. A test checks these constants against the catalog.

namespace PolicyAsCode;

/// <summary>
/// Built-in resources and subresources by API group, as audit rules name them (plural, <c>resource/subresource</c>).
/// Constants, so they work in attributes: <c>[Resources(ApiGroup.Core, Resource.Core.Pods, Resource.Core.PodsLog)]</c>.
/// </summary>
public static class Resource
{
    /// <summary>Resources of the <c>""</c> group.</summary>
    public static class Core
    {
        /// <summary><c>bindings</c>.</summary>
        public const string Bindings = "bindings";

        /// <summary><c>componentstatuses</c>.</summary>
        public const string Componentstatuses = "componentstatuses";

        /// <summary><c>configmaps</c>.</summary>
        public const string Configmaps = "configmaps";

        /// <summary><c>endpoints</c>.</summary>
        public const string Endpoints = "endpoints";

        /// <summary><c>events</c>.</summary>
        public const string Events = "events";

        /// <summary><c>limitranges</c>.</summary>
        public const string Limitranges = "limitranges";

        /// <summary><c>namespaces</c>.</summary>
        public const string Namespaces = "namespaces";

        /// <summary><c>namespaces/finalize</c>.</summary>
        public const string NamespacesFinalize = "namespaces/finalize";

        /// <summary><c>namespaces/status</c>.</summary>
        public const string NamespacesStatus = "namespaces/status";

        /// <summary><c>nodes</c>.</summary>
        public const string Nodes = "nodes";

        /// <summary><c>nodes/proxy</c>.</summary>
        public const string NodesProxy = "nodes/proxy";

        /// <summary><c>nodes/status</c>.</summary>
        public const string NodesStatus = "nodes/status";

        /// <summary><c>persistentvolumeclaims</c>.</summary>
        public const string Persistentvolumeclaims = "persistentvolumeclaims";

        /// <summary><c>persistentvolumeclaims/status</c>.</summary>
        public const string PersistentvolumeclaimsStatus = "persistentvolumeclaims/status";

        /// <summary><c>persistentvolumes</c>.</summary>
        public const string Persistentvolumes = "persistentvolumes";

        /// <summary><c>persistentvolumes/status</c>.</summary>
        public const string PersistentvolumesStatus = "persistentvolumes/status";

        /// <summary><c>pods</c>.</summary>
        public const string Pods = "pods";

        /// <summary><c>pods/attach</c>.</summary>
        public const string PodsAttach = "pods/attach";

        /// <summary><c>pods/binding</c>.</summary>
        public const string PodsBinding = "pods/binding";

        /// <summary><c>pods/ephemeralcontainers</c>.</summary>
        public const string PodsEphemeralcontainers = "pods/ephemeralcontainers";

        /// <summary><c>pods/eviction</c>.</summary>
        public const string PodsEviction = "pods/eviction";

        /// <summary><c>pods/exec</c>.</summary>
        public const string PodsExec = "pods/exec";

        /// <summary><c>pods/log</c>.</summary>
        public const string PodsLog = "pods/log";

        /// <summary><c>pods/portforward</c>.</summary>
        public const string PodsPortforward = "pods/portforward";

        /// <summary><c>pods/proxy</c>.</summary>
        public const string PodsProxy = "pods/proxy";

        /// <summary><c>pods/resize</c>.</summary>
        public const string PodsResize = "pods/resize";

        /// <summary><c>pods/status</c>.</summary>
        public const string PodsStatus = "pods/status";

        /// <summary><c>podtemplates</c>.</summary>
        public const string Podtemplates = "podtemplates";

        /// <summary><c>replicationcontrollers</c>.</summary>
        public const string Replicationcontrollers = "replicationcontrollers";

        /// <summary><c>replicationcontrollers/scale</c>.</summary>
        public const string ReplicationcontrollersScale = "replicationcontrollers/scale";

        /// <summary><c>replicationcontrollers/status</c>.</summary>
        public const string ReplicationcontrollersStatus = "replicationcontrollers/status";

        /// <summary><c>resourcequotas</c>.</summary>
        public const string Resourcequotas = "resourcequotas";

        /// <summary><c>resourcequotas/status</c>.</summary>
        public const string ResourcequotasStatus = "resourcequotas/status";

        /// <summary><c>secrets</c>.</summary>
        public const string Secrets = "secrets";

        /// <summary><c>serviceaccounts</c>.</summary>
        public const string Serviceaccounts = "serviceaccounts";

        /// <summary><c>serviceaccounts/token</c>.</summary>
        public const string ServiceaccountsToken = "serviceaccounts/token";

        /// <summary><c>services</c>.</summary>
        public const string Services = "services";

        /// <summary><c>services/proxy</c>.</summary>
        public const string ServicesProxy = "services/proxy";

        /// <summary><c>services/status</c>.</summary>
        public const string ServicesStatus = "services/status";
    }

    /// <summary>Resources of the <c>admissionregistration.k8s.io</c> group.</summary>
    public static class AdmissionRegistrationK8sIo
    {
        /// <summary><c>mutatingadmissionpolicies</c>.</summary>
        public const string Mutatingadmissionpolicies = "mutatingadmissionpolicies";

        /// <summary><c>mutatingadmissionpolicybindings</c>.</summary>
        public const string Mutatingadmissionpolicybindings = "mutatingadmissionpolicybindings";

        /// <summary><c>mutatingwebhookconfigurations</c>.</summary>
        public const string Mutatingwebhookconfigurations = "mutatingwebhookconfigurations";

        /// <summary><c>validatingadmissionpolicies</c>.</summary>
        public const string Validatingadmissionpolicies = "validatingadmissionpolicies";

        /// <summary><c>validatingadmissionpolicies/status</c>.</summary>
        public const string ValidatingadmissionpoliciesStatus = "validatingadmissionpolicies/status";

        /// <summary><c>validatingadmissionpolicybindings</c>.</summary>
        public const string Validatingadmissionpolicybindings = "validatingadmissionpolicybindings";

        /// <summary><c>validatingwebhookconfigurations</c>.</summary>
        public const string Validatingwebhookconfigurations = "validatingwebhookconfigurations";
    }

    /// <summary>Resources of the <c>apiextensions.k8s.io</c> group.</summary>
    public static class ApiExtensionsK8sIo
    {
        /// <summary><c>customresourcedefinitions</c>.</summary>
        public const string Customresourcedefinitions = "customresourcedefinitions";

        /// <summary><c>customresourcedefinitions/status</c>.</summary>
        public const string CustomresourcedefinitionsStatus = "customresourcedefinitions/status";
    }

    /// <summary>Resources of the <c>apiregistration.k8s.io</c> group.</summary>
    public static class ApiRegistrationK8sIo
    {
        /// <summary><c>apiservices</c>.</summary>
        public const string Apiservices = "apiservices";

        /// <summary><c>apiservices/status</c>.</summary>
        public const string ApiservicesStatus = "apiservices/status";
    }

    /// <summary>Resources of the <c>apps</c> group.</summary>
    public static class Apps
    {
        /// <summary><c>controllerrevisions</c>.</summary>
        public const string Controllerrevisions = "controllerrevisions";

        /// <summary><c>daemonsets</c>.</summary>
        public const string Daemonsets = "daemonsets";

        /// <summary><c>daemonsets/status</c>.</summary>
        public const string DaemonsetsStatus = "daemonsets/status";

        /// <summary><c>deployments</c>.</summary>
        public const string Deployments = "deployments";

        /// <summary><c>deployments/scale</c>.</summary>
        public const string DeploymentsScale = "deployments/scale";

        /// <summary><c>deployments/status</c>.</summary>
        public const string DeploymentsStatus = "deployments/status";

        /// <summary><c>replicasets</c>.</summary>
        public const string Replicasets = "replicasets";

        /// <summary><c>replicasets/scale</c>.</summary>
        public const string ReplicasetsScale = "replicasets/scale";

        /// <summary><c>replicasets/status</c>.</summary>
        public const string ReplicasetsStatus = "replicasets/status";

        /// <summary><c>statefulsets</c>.</summary>
        public const string Statefulsets = "statefulsets";

        /// <summary><c>statefulsets/scale</c>.</summary>
        public const string StatefulsetsScale = "statefulsets/scale";

        /// <summary><c>statefulsets/status</c>.</summary>
        public const string StatefulsetsStatus = "statefulsets/status";
    }

    /// <summary>Resources of the <c>authentication.k8s.io</c> group.</summary>
    public static class AuthenticationK8sIo
    {
        /// <summary><c>selfsubjectreviews</c>.</summary>
        public const string Selfsubjectreviews = "selfsubjectreviews";

        /// <summary><c>tokenreviews</c>.</summary>
        public const string Tokenreviews = "tokenreviews";
    }

    /// <summary>Resources of the <c>authorization.k8s.io</c> group.</summary>
    public static class AuthorizationK8sIo
    {
        /// <summary><c>localsubjectaccessreviews</c>.</summary>
        public const string Localsubjectaccessreviews = "localsubjectaccessreviews";

        /// <summary><c>selfsubjectaccessreviews</c>.</summary>
        public const string Selfsubjectaccessreviews = "selfsubjectaccessreviews";

        /// <summary><c>selfsubjectrulesreviews</c>.</summary>
        public const string Selfsubjectrulesreviews = "selfsubjectrulesreviews";

        /// <summary><c>subjectaccessreviews</c>.</summary>
        public const string Subjectaccessreviews = "subjectaccessreviews";
    }

    /// <summary>Resources of the <c>autoscaling</c> group.</summary>
    public static class Autoscaling
    {
        /// <summary><c>horizontalpodautoscalers</c>.</summary>
        public const string Horizontalpodautoscalers = "horizontalpodautoscalers";

        /// <summary><c>horizontalpodautoscalers/status</c>.</summary>
        public const string HorizontalpodautoscalersStatus = "horizontalpodautoscalers/status";
    }

    /// <summary>Resources of the <c>batch</c> group.</summary>
    public static class Batch
    {
        /// <summary><c>cronjobs</c>.</summary>
        public const string Cronjobs = "cronjobs";

        /// <summary><c>cronjobs/status</c>.</summary>
        public const string CronjobsStatus = "cronjobs/status";

        /// <summary><c>jobs</c>.</summary>
        public const string Jobs = "jobs";

        /// <summary><c>jobs/status</c>.</summary>
        public const string JobsStatus = "jobs/status";
    }

    /// <summary>Resources of the <c>certificates.k8s.io</c> group.</summary>
    public static class CertificatesK8sIo
    {
        /// <summary><c>certificatesigningrequests</c>.</summary>
        public const string Certificatesigningrequests = "certificatesigningrequests";

        /// <summary><c>certificatesigningrequests/approval</c>.</summary>
        public const string CertificatesigningrequestsApproval = "certificatesigningrequests/approval";

        /// <summary><c>certificatesigningrequests/status</c>.</summary>
        public const string CertificatesigningrequestsStatus = "certificatesigningrequests/status";

        /// <summary><c>clustertrustbundles</c>.</summary>
        public const string Clustertrustbundles = "clustertrustbundles";

        /// <summary><c>podcertificaterequests</c>.</summary>
        public const string Podcertificaterequests = "podcertificaterequests";

        /// <summary><c>podcertificaterequests/status</c>.</summary>
        public const string PodcertificaterequestsStatus = "podcertificaterequests/status";
    }

    /// <summary>Resources of the <c>coordination.k8s.io</c> group.</summary>
    public static class CoordinationK8sIo
    {
        /// <summary><c>leasecandidates</c>.</summary>
        public const string Leasecandidates = "leasecandidates";

        /// <summary><c>leases</c>.</summary>
        public const string Leases = "leases";
    }

    /// <summary>Resources of the <c>discovery.k8s.io</c> group.</summary>
    public static class DiscoveryK8sIo
    {
        /// <summary><c>endpointslices</c>.</summary>
        public const string Endpointslices = "endpointslices";
    }

    /// <summary>Resources of the <c>events.k8s.io</c> group.</summary>
    public static class EventsK8sIo
    {
        /// <summary><c>events</c>.</summary>
        public const string Events = "events";
    }

    /// <summary>Resources of the <c>flowcontrol.apiserver.k8s.io</c> group.</summary>
    public static class FlowControlApiServerK8sIo
    {
        /// <summary><c>flowschemas</c>.</summary>
        public const string Flowschemas = "flowschemas";

        /// <summary><c>flowschemas/status</c>.</summary>
        public const string FlowschemasStatus = "flowschemas/status";

        /// <summary><c>prioritylevelconfigurations</c>.</summary>
        public const string Prioritylevelconfigurations = "prioritylevelconfigurations";

        /// <summary><c>prioritylevelconfigurations/status</c>.</summary>
        public const string PrioritylevelconfigurationsStatus = "prioritylevelconfigurations/status";
    }

    /// <summary>Resources of the <c>internal.apiserver.k8s.io</c> group.</summary>
    public static class InternalApiserverK8sIo
    {
        /// <summary><c>storageversions</c>.</summary>
        public const string Storageversions = "storageversions";

        /// <summary><c>storageversions/status</c>.</summary>
        public const string StorageversionsStatus = "storageversions/status";
    }

    /// <summary>Resources of the <c>networking.k8s.io</c> group.</summary>
    public static class NetworkingK8sIo
    {
        /// <summary><c>ingressclasses</c>.</summary>
        public const string Ingressclasses = "ingressclasses";

        /// <summary><c>ingresses</c>.</summary>
        public const string Ingresses = "ingresses";

        /// <summary><c>ingresses/status</c>.</summary>
        public const string IngressesStatus = "ingresses/status";

        /// <summary><c>ipaddresses</c>.</summary>
        public const string Ipaddresses = "ipaddresses";

        /// <summary><c>networkpolicies</c>.</summary>
        public const string Networkpolicies = "networkpolicies";

        /// <summary><c>servicecidrs</c>.</summary>
        public const string Servicecidrs = "servicecidrs";

        /// <summary><c>servicecidrs/status</c>.</summary>
        public const string ServicecidrsStatus = "servicecidrs/status";
    }

    /// <summary>Resources of the <c>node.k8s.io</c> group.</summary>
    public static class NodeK8sIo
    {
        /// <summary><c>runtimeclasses</c>.</summary>
        public const string Runtimeclasses = "runtimeclasses";
    }

    /// <summary>Resources of the <c>policy</c> group.</summary>
    public static class Policy
    {
        /// <summary><c>poddisruptionbudgets</c>.</summary>
        public const string Poddisruptionbudgets = "poddisruptionbudgets";

        /// <summary><c>poddisruptionbudgets/status</c>.</summary>
        public const string PoddisruptionbudgetsStatus = "poddisruptionbudgets/status";
    }

    /// <summary>Resources of the <c>rbac.authorization.k8s.io</c> group.</summary>
    public static class RbacAuthorizationK8sIo
    {
        /// <summary><c>clusterrolebindings</c>.</summary>
        public const string Clusterrolebindings = "clusterrolebindings";

        /// <summary><c>clusterroles</c>.</summary>
        public const string Clusterroles = "clusterroles";

        /// <summary><c>rolebindings</c>.</summary>
        public const string Rolebindings = "rolebindings";

        /// <summary><c>roles</c>.</summary>
        public const string Roles = "roles";
    }

    /// <summary>Resources of the <c>resource.k8s.io</c> group.</summary>
    public static class ResourceK8sIo
    {
        /// <summary><c>deviceclasses</c>.</summary>
        public const string Deviceclasses = "deviceclasses";

        /// <summary><c>devicetaintrules</c>.</summary>
        public const string Devicetaintrules = "devicetaintrules";

        /// <summary><c>devicetaintrules/status</c>.</summary>
        public const string DevicetaintrulesStatus = "devicetaintrules/status";

        /// <summary><c>resourceclaims</c>.</summary>
        public const string Resourceclaims = "resourceclaims";

        /// <summary><c>resourceclaims/status</c>.</summary>
        public const string ResourceclaimsStatus = "resourceclaims/status";

        /// <summary><c>resourceclaimtemplates</c>.</summary>
        public const string Resourceclaimtemplates = "resourceclaimtemplates";

        /// <summary><c>resourcepoolstatusrequests</c>.</summary>
        public const string Resourcepoolstatusrequests = "resourcepoolstatusrequests";

        /// <summary><c>resourcepoolstatusrequests/status</c>.</summary>
        public const string ResourcepoolstatusrequestsStatus = "resourcepoolstatusrequests/status";

        /// <summary><c>resourceslices</c>.</summary>
        public const string Resourceslices = "resourceslices";
    }

    /// <summary>Resources of the <c>scheduling.k8s.io</c> group.</summary>
    public static class SchedulingK8sIo
    {
        /// <summary><c>podgroups</c>.</summary>
        public const string Podgroups = "podgroups";

        /// <summary><c>podgroups/status</c>.</summary>
        public const string PodgroupsStatus = "podgroups/status";

        /// <summary><c>priorityclasses</c>.</summary>
        public const string Priorityclasses = "priorityclasses";

        /// <summary><c>workloads</c>.</summary>
        public const string Workloads = "workloads";
    }

    /// <summary>Resources of the <c>storage.k8s.io</c> group.</summary>
    public static class StorageK8sIo
    {
        /// <summary><c>csidrivers</c>.</summary>
        public const string Csidrivers = "csidrivers";

        /// <summary><c>csinodes</c>.</summary>
        public const string Csinodes = "csinodes";

        /// <summary><c>csistoragecapacities</c>.</summary>
        public const string Csistoragecapacities = "csistoragecapacities";

        /// <summary><c>storageclasses</c>.</summary>
        public const string Storageclasses = "storageclasses";

        /// <summary><c>volumeattachments</c>.</summary>
        public const string Volumeattachments = "volumeattachments";

        /// <summary><c>volumeattachments/status</c>.</summary>
        public const string VolumeattachmentsStatus = "volumeattachments/status";

        /// <summary><c>volumeattributesclasses</c>.</summary>
        public const string Volumeattributesclasses = "volumeattributesclasses";
    }

    /// <summary>Resources of the <c>storagemigration.k8s.io</c> group.</summary>
    public static class StoragemigrationK8sIo
    {
        /// <summary><c>storageversionmigrations</c>.</summary>
        public const string Storageversionmigrations = "storageversionmigrations";

        /// <summary><c>storageversionmigrations/status</c>.</summary>
        public const string StorageversionmigrationsStatus = "storageversionmigrations/status";
    }
}
