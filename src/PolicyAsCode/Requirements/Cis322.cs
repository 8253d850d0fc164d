namespace PolicyAsCode.Requirements;

/// <summary>
/// CIS Kubernetes Benchmark v1.10 control 3.2.2, "Ensure that the audit policy covers key security concerns (Manual)",
/// in the wording kube-bench carries: aquasecurity/kube-bench @ a73ce37 (a73ce378418c71c5861e6963753f50dec3badadf,
/// committed 2026-06-09, read 2026-12-04), <c>cfg/cis-1.10/controlplane.yaml</c> (the same text in cis-1.11 and cis-1.12).
/// The remediation lists the areas the policy must cover at least:
/// <list type="bullet">
/// <item>"Access to Secrets managed by the cluster. Care should be taken to only log Metadata for requests to Secrets,
/// ConfigMaps, and TokenReviews": secrets must be logged (every verb) and at Metadata only, so exactly Metadata;
/// ConfigMaps and TokenReviews only get the cap, Metadata at most (the wording requires no logging of them). A
/// TokenReview is only ever created, so the cap names <c>create</c> (the catalog does not know which verbs a resource
/// serves, and every verb would add cells no request reaches).</item>
/// <item>"Modification of Pod and Deployment objects": create, update, patch, delete and deletecollection of core pods
/// and <c>apps</c> deployments, Metadata at least.</item>
/// <item>"Use of pods/exec, pods/portforward, pods/proxy and services/proxy": every verb, Metadata at least.</item>
/// </list>
/// "For most requests, minimally logging at the Metadata level is recommended" names no requests, so the set does not
/// encode it. The wording names no stages, so none is required. See docs/requirements.md.
/// </summary>
[RequirementSet("Cis322")]
[Requires(ApiGroup.Core, "secrets", ExactLevel = Level.Metadata)]
[Requires(ApiGroup.Core, "configmaps", MinimumLevel = Level.None, MaximumLevel = Level.Metadata)]
[Requires(ApiGroup.AuthenticationK8sIo, "tokenreviews", Verbs = new[] { Verb.Create }, MinimumLevel = Level.None, MaximumLevel = Level.Metadata)]
[Requires(ApiGroup.Core, "pods", Verbs = new[] { Verb.Create, Verb.Update, Verb.Patch, Verb.Delete, Verb.DeleteCollection })]
[Requires(ApiGroup.Apps, "deployments", Verbs = new[] { Verb.Create, Verb.Update, Verb.Patch, Verb.Delete, Verb.DeleteCollection })]
[Requires(ApiGroup.Core, "pods/exec", "pods/portforward", "pods/proxy", "services/proxy")]
public static class Cis322
{
}
