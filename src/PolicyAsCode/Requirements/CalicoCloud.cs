namespace PolicyAsCode.Requirements;

/// <summary>
/// What Calico Cloud's compliance reports need from the Kubernetes audit log (Calico Cloud documentation,
/// "Kubernetes audit logs"): changes (create, patch, update, delete) to pods, namespaces, service accounts and
/// endpoints in the core group and to network policies in networking.k8s.io, logged at RequestResponse (as
/// Calico's sample policy does) with ResponseComplete kept. Network policies in the extensions group are
/// optional: that group stopped serving them in Kubernetes 1.16. Calico's log collector reads the audit log from
/// /var/log/calico/audit/kube-audit.log (the path its docs tell you to pass as --audit-log-path). See docs/requirements.md.
/// </summary>
[RequirementSet("CalicoCloud", LogPath = "/var/log/calico/audit/kube-audit.log")]
[Requires(ApiGroup.Core, Resource.Core.Pods, Resource.Core.Namespaces, Resource.Core.Serviceaccounts, Resource.Core.Endpoints,
    Verbs = new[] { Verb.Create, Verb.Patch, Verb.Update, Verb.Delete }, MinimumLevel = Level.RequestResponse, KeepStages = new[] { Stage.ResponseComplete })]
[Requires(ApiGroup.NetworkingK8sIo, Resource.NetworkingK8sIo.Networkpolicies,
    Verbs = new[] { Verb.Create, Verb.Patch, Verb.Update, Verb.Delete }, MinimumLevel = Level.RequestResponse, KeepStages = new[] { Stage.ResponseComplete })]
[Requires(ApiGroup.Extensions, "networkpolicies",
    Verbs = new[] { Verb.Create, Verb.Patch, Verb.Update, Verb.Delete }, MinimumLevel = Level.RequestResponse, KeepStages = new[] { Stage.ResponseComplete }, Optional = true)]
public static class CalicoCloud
{
}
