namespace PolicyAsCode.Requirements;

/// <summary>
/// CIS Kubernetes Benchmark v2.x control 3.2.2, as quoted in k3s-io/docs <c>docs/security/self-assessment-2.1.md</c>
/// (read 2026-12-04 through the team's notes, research/requirement-sources.md; the benchmark itself is behind a CIS
/// account): the v1.10 areas of <see cref="Cis322"/> plus certificate signing requests and service account token
/// creation (<c>serviceaccounts/token</c>). How the additions are read:
/// <list type="bullet">
/// <item>Certificate signing requests are an area to cover: create, update, patch and delete of
/// <c>certificates.k8s.io</c> certificatesigningrequests and their approval, Metadata at least.</item>
/// <item>Token creation is an area to cover, and a TokenRequest response carries a fresh bearer token (like the
/// TokenReviews the wording already keeps at Metadata), so <c>create serviceaccounts/token</c> is exactly Metadata.</item>
/// </list>
/// See docs/requirements.md.
/// </summary>
[RequirementSet("Cis322V2")]
[Requires(ApiGroup.Core, "secrets", ExactLevel = Level.Metadata)]
[Requires(ApiGroup.Core, "configmaps", MinimumLevel = Level.None, MaximumLevel = Level.Metadata)]
[Requires(ApiGroup.AuthenticationK8sIo, "tokenreviews", Verbs = new[] { Verb.Create }, MinimumLevel = Level.None, MaximumLevel = Level.Metadata)]
[Requires(ApiGroup.Core, "pods", Verbs = new[] { Verb.Create, Verb.Update, Verb.Patch, Verb.Delete, Verb.DeleteCollection })]
[Requires(ApiGroup.Apps, "deployments", Verbs = new[] { Verb.Create, Verb.Update, Verb.Patch, Verb.Delete, Verb.DeleteCollection })]
[Requires(ApiGroup.Core, "pods/exec", "pods/portforward", "pods/proxy", "services/proxy")]
[Requires(ApiGroup.CertificatesK8sIo, "certificatesigningrequests", "certificatesigningrequests/approval", Verbs = new[] { Verb.Create, Verb.Update, Verb.Patch, Verb.Delete })]
[Requires(ApiGroup.Core, "serviceaccounts/token", Verbs = new[] { Verb.Create }, ExactLevel = Level.Metadata)]
public static class Cis322V2
{
}
