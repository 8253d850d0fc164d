namespace PolicyAsCode.Requirements;

/// <summary>
/// What the Falco k8saudit plugin's default rules read from the audit log: falcosecurity/plugins @ 0b3cbd8
/// (0b3cbd8d84eba83877159cf3c9fdae1820084c26, committed 2026-08-04, read 2026-12-04),
/// <c>plugins/k8saudit/rules/k8s_audit_rules.yaml</c> with the fields of <c>plugins/k8saudit/pkg/k8saudit/extract.go</c>.
/// Each requirement comes from the conditions of enabled rules: a <c>ka.req.*</c> field (or
/// <c>jevt.value[/requestObject/...]</c>) reads <c>requestObject</c>, so Request at least; <c>ka.target.*</c>, <c>ka.verb</c>
/// and <c>ka.user.*</c> read the metadata, so Metadata. The rules' <c>kevt</c> macro keeps only stage
/// <c>ResponseComplete</c>, so it must be kept; the "Attach/Exec Pod" rule reads only <c>ResponseStarted</c>
/// (<c>kevt_started</c>), so that stage must be emitted; "port-forward" tests no stage.
/// How ambiguities are read:
/// <list type="bullet">
/// <item>The macros test <c>ka.target.resource</c> only, not the group; the set names the group that serves each resource
/// today (<c>apps</c> deployments, <c>networking.k8s.io</c> ingresses, <c>rbac.authorization.k8s.io</c> roles).</item>
/// <item>Fields read only in a rule's output (<c>ka.resp.name</c>, the ephemeral container image in
/// "EphemeralContainers Created") do not make the rule fire, so they are not required; output fields print
/// <c>&lt;NA&gt;</c> without them.</item>
/// <item>"Disallowed K8s User" and "Full K8s Administrative Access" read every request of users whose name does not
/// start with <c>system:</c>. A requirement cannot exclude users by prefix, so the set asks every request at Metadata with
/// ResponseComplete kept as an optional requirement (a warning): system users' exemptions show up there too.</item>
/// <item>Rules that never fire by default (<c>consider_all_events</c>, <c>allow_all_k8s_nodes</c>) still name their
/// requests; node creation is required at Metadata because a site enables it by editing a macro.</item>
/// </list>
/// See docs/requirements.md.
/// </summary>
[RequirementSet("FalcoK8sAudit")]
// Request bodies: pod create (privileged, hostPath, host network/PID/IPC, images), NodePort services, credentials in
// configmaps, Role/ClusterRole rules (wildcards, write verbs, pods/exec), bindings to cluster-admin, ingresses without spec.tls.
[Requires(ApiGroup.Core, "pods", "services", Verbs = new[] { Verb.Create }, MinimumLevel = Level.Request, KeepStages = new[] { Stage.ResponseComplete })]
[Requires(ApiGroup.Core, "configmaps", Verbs = new[] { Verb.Create, Verb.Update, Verb.Patch }, MinimumLevel = Level.Request, KeepStages = new[] { Stage.ResponseComplete })]
[Requires(ApiGroup.RbacAuthorizationK8sIo, "roles", "clusterroles", "clusterrolebindings", Verbs = new[] { Verb.Create }, MinimumLevel = Level.Request, KeepStages = new[] { Stage.ResponseComplete })]
[Requires(ApiGroup.NetworkingK8sIo, "ingresses", Verbs = new[] { Verb.Create }, MinimumLevel = Level.Request, KeepStages = new[] { Stage.ResponseComplete })]
// Metadata: the K8s ... Created/Deleted activity rules, secrets outside kube-system, system roles modified, nodes joining,
// ephemeral containers.
[Requires(ApiGroup.Core, "namespaces", "serviceaccounts", "services", "configmaps", "secrets", Verbs = new[] { Verb.Create, Verb.Delete }, KeepStages = new[] { Stage.ResponseComplete })]
[Requires(ApiGroup.Core, "secrets", Verbs = new[] { Verb.Get }, KeepStages = new[] { Stage.ResponseComplete })]
[Requires(ApiGroup.Core, "nodes", Verbs = new[] { Verb.Create }, KeepStages = new[] { Stage.ResponseComplete })]
[Requires(ApiGroup.Core, "pods/ephemeralcontainers", Verbs = new[] { Verb.Create, Verb.Update, Verb.Patch }, KeepStages = new[] { Stage.ResponseComplete })]
[Requires(ApiGroup.Apps, "deployments", Verbs = new[] { Verb.Create, Verb.Delete }, KeepStages = new[] { Stage.ResponseComplete })]
[Requires(ApiGroup.RbacAuthorizationK8sIo, "roles", "clusterroles", Verbs = new[] { Verb.Update, Verb.Patch, Verb.Delete }, KeepStages = new[] { Stage.ResponseComplete })]
[Requires(ApiGroup.RbacAuthorizationK8sIo, "rolebindings", "clusterrolebindings", Verbs = new[] { Verb.Create, Verb.Delete }, KeepStages = new[] { Stage.ResponseComplete })]
// Attach/Exec Pod reads the ResponseStarted event; port-forward any event.
[Requires(ApiGroup.Core, "pods/exec", "pods/attach", Verbs = new[] { Verb.Create, Verb.Get }, EmitStages = new[] { Stage.ResponseStarted })]
[Requires(ApiGroup.Core, "pods/portforward", Verbs = new[] { Verb.Create, Verb.Get })]
// Disallowed K8s User / Full K8s Administrative Access: every request of non-system users (see above).
[Requires(ApiGroup.Any, "*", KeepStages = new[] { Stage.ResponseComplete }, Optional = true)]
public static class FalcoK8sAudit
{
}
