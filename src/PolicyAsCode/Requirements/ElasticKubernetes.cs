namespace PolicyAsCode.Requirements;

/// <summary>
/// What Elastic's Kubernetes detection rules read from the audit log: elastic/detection-rules @ 14cf530
/// (14cf530f0d2177023092449cd9d9348b4a8884c2, committed 2026-08-21, read 2026-12-04),
/// <c>rules/integrations/kubernetes/*.toml</c>, from each rule's query (fields, <c>kubernetes.audit.level</c>,
/// <c>kubernetes.audit.stage</c>). Some rules test for an exact level, so a policy that logs more breaks them:
/// <list type="bullet">
/// <item><c>execution_user_exec_to_pod</c>: <c>pods/exec</c> get/create with <c>level == "Request"</c>: exactly Request.
/// It accepts stage ResponseComplete or ResponseStarted; a requirement cannot say "one of", so the set asks for
/// ResponseComplete (every exec request produces it) to be kept.</item>
/// <item><c>persistence_cluster_admin_rolebinding_created</c>: rolebindings/clusterrolebindings create at
/// <c>level:"RequestResponse"</c>, stage ResponseComplete (reads <c>requestObject.roleRef.name</c>).</item>
/// <item><c>persistence_sensitive_role_creation_or_modification</c> and
/// <c>privilege_escalation_role_patch_wildcard_verbs_resources_response</c>: roles/clusterroles create/update/patch at
/// RequestResponse, stage ResponseComplete (read <c>requestObject.rules</c> and <c>responseObject.rules</c>).</item>
/// </list>
/// Rules that read <c>requestObject</c> without testing the level (privileged, host-namespace, hostPath,
/// capability and service-account pod rules; NodePort services) need Request at least. Rules that read metadata
/// only: admission webhook configurations, certificate signing requests (created or approved), secrets get/list,
/// service account token requests, and <c>defense_evasion_events_deleted</c> (events delete, stage ResponseComplete).
/// The rules test <c>objectRef.resource</c> without the group; the set names the groups that serve them (events in
/// both the core group and <c>events.k8s.io</c>). The research notes say the webhook and CSR rules read
/// <c>requestObject</c>; their queries at this commit do not, so the set asks Metadata. See docs/requirements.md.
/// </summary>
[RequirementSet("ElasticKubernetes")]
[Requires(ApiGroup.Core, "pods/exec", Verbs = new[] { Verb.Get, Verb.Create }, ExactLevel = Level.Request, KeepStages = new[] { Stage.ResponseComplete })]
[Requires(ApiGroup.RbacAuthorizationK8sIo, "rolebindings", "clusterrolebindings", Verbs = new[] { Verb.Create }, ExactLevel = Level.RequestResponse, KeepStages = new[] { Stage.ResponseComplete })]
[Requires(ApiGroup.RbacAuthorizationK8sIo, "roles", "clusterroles", Verbs = new[] { Verb.Create, Verb.Update, Verb.Patch }, MinimumLevel = Level.RequestResponse, KeepStages = new[] { Stage.ResponseComplete })]
[Requires(ApiGroup.Core, "pods", "services", Verbs = new[] { Verb.Create }, MinimumLevel = Level.Request)]
[Requires(ApiGroup.AdmissionRegistrationK8sIo, "mutatingwebhookconfigurations", "validatingwebhookconfigurations", Verbs = new[] { Verb.Create, Verb.Update, Verb.Patch, Verb.Delete })]
[Requires(ApiGroup.CertificatesK8sIo, "certificatesigningrequests", "certificatesigningrequests/approval", Verbs = new[] { Verb.Create, Verb.Update, Verb.Patch })]
[Requires(ApiGroup.Core, "secrets", Verbs = new[] { Verb.Get, Verb.List })]
[Requires(ApiGroup.Core, "serviceaccounts/token", Verbs = new[] { Verb.Create })]
[Requires(ApiGroup.Core, "events", Verbs = new[] { Verb.Delete }, KeepStages = new[] { Stage.ResponseComplete })]
[Requires(ApiGroup.EventsK8sIo, "events", Verbs = new[] { Verb.Delete }, KeepStages = new[] { Stage.ResponseComplete })]
public static class ElasticKubernetes
{
}
