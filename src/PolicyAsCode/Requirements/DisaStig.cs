namespace PolicyAsCode.Requirements;

/// <summary>
/// DISA Kubernetes STIG V-242403 (CNTR-K8-000700), as summarised in the team's notes
/// (research/requirement-sources.md, read 2026-12-04; the STIG is published by DISA without a commit): the fix text
/// sets <c>--audit-policy-file</c> to a policy whose only rule is <c>- level: RequestResponse</c>. The set reads that
/// as every request of every group, resource and verb at RequestResponse (group <c>*</c>, resource <c>*</c>, no
/// verbs). The fix text omits no stage and requires none, so no stage is required. Non-resource URLs are outside
/// what a requirement can name. No policy meets both this set and <see cref="Cis322"/> (secrets, configmaps and
/// token reviews at Metadata at most): <see cref="RequirementConflicts"/> reports the cells. See docs/requirements.md.
/// </summary>
[RequirementSet("DisaStig")]
[Requires(ApiGroup.Any, "*", MinimumLevel = Level.RequestResponse)]
public static class DisaStig
{
}
