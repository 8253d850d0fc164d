using PolicyAsCode;

namespace Samples.CalicoCloud;

/// <summary>
/// Calico Cloud's sample audit policy (tigera docs, "Kubernetes audit logs"), which the docs still ship as
/// audit.k8s.io/v1beta1 and kube-apiserver 1.24+ therefore refuses. Declared here, it is emitted as v1.
/// Calico Cloud's compliance reports need changes to these resources at RequestResponse. The docs' policy also
/// lists extensions networkpolicies; no Kubernetes since 1.16 serves them (PAC0011), so that entry is left out.
/// </summary>
[AuditPolicy("calico-cloud-audit")]
[MustMeet(typeof(PolicyAsCode.Requirements.CalicoCloud))]            // checked at compile time
[OmitStages(Stage.RequestReceived)]
public partial class CalicoCloudAuditPolicy
{
    [Rule(Level.RequestResponse)]
    [Verbs(Verb.Create, Verb.Patch, Verb.Update, Verb.Delete)]
    [Resources(ApiGroup.NetworkingK8sIo, Resource.NetworkingK8sIo.Networkpolicies)]
    [Resources(ApiGroup.Core, Resource.Core.Pods, Resource.Core.Namespaces, Resource.Core.Serviceaccounts, Resource.Core.Endpoints)]
    public partial class NetworkAndWorkloadChanges;
}
