using System;
using System.Collections.Generic;
using System.Linq;

namespace PolicyAsCode.Tests;

/// <summary>
/// The defects ../shared/corpus/FEATURES.md describes for each corpus file, written as the findings that report them
/// (id, rule index, a fragment of the message, and the section of FEATURES.md). A file without entries is clean.
/// The command-line tool's <c>validate</c> and the analyzers on the file written as C# must report exactly these:
/// nothing missing, nothing more. What FEATURES.md describes but no diagnostic covers is listed in
/// <see cref="NotDiagnosed"/>, so the gap is visible rather than silently ignored.
/// </summary>
internal static class CorpusDefects
{
    /// <summary>One expected finding. <see cref="Rule"/> is -1 for file-level findings.</summary>
    public sealed record Defect(string Id, int Rule, string Fragment, string Source)
    {
        /// <summary>PAC0004 (refused) and PACY001 (dropped keys) concern the YAML text; the C# form cannot have them.</summary>
        public bool YamlOnly => Id is "PAC0004" or "PACY001";

        public override string ToString() => Id + " rule " + Rule + " '" + Fragment + "' (" + Source + ")";
    }

    private const string V1beta1 = "no kind \"Policy\" is registered for version \"audit.k8s.io/v1beta1\"";
    private const string Extensions = "group 'extensions' has not been served since Kubernetes 1.22";
    private const string Settings = "group 'settings.k8s.io' has not been served since Kubernetes 1.20";
    private const string TokenResponse = "create serviceaccounts/token (response body: a new bearer token)";
    private const string SecretWrites = "create secrets (request body), update secrets (request body), patch secrets (request body)";

    public static readonly IReadOnlyDictionary<string, Defect[]> ByFile = new Dictionary<string, Defect[]>(StringComparer.Ordinal)
    {
        ["aks-engine.yaml"] = new[]
        {
            new Defect("PAC0011", 6, Extensions, "§5.7 extensions"),
            new Defect("PAC0008", 5, "at Request: " + SecretWrites, "§5.5 explicit Request on secrets"),
        },
        ["azure-defender-for-kubernetes.yaml"] = new[]
        {
            new Defect("PAC0007", 6, "is never reached: every request it matches is decided earlier by rule", "§5.4 rule 6 covered by rule 0"),
            new Defect("PAC0011", 15, Extensions, "§5.7 extensions"),
            new Defect("PAC0011", 15, Settings, "§5.7 settings.k8s.io"),
            new Defect("PAC0011", 16, Extensions, "§5.7 extensions"),
            new Defect("PAC0011", 16, Settings, "§5.7 settings.k8s.io"),
            new Defect("PAC0008", 16, "at RequestResponse: " + TokenResponse, "§5.5 token requests fall through"),
        },
        ["calico-cloud.yaml"] = new[] { new Defect("PAC0004", -1, V1beta1, "§5.1 v1beta1") },
        ["charmed-kubernetes.yaml"] = new[]
        {
            new Defect("PAC0008", 4, "at Request: " + SecretWrites + ", create authentication.k8s.io/tokenreviews", "§5.5 Request final rule"),
        },
        ["datadog-docs.yaml"] = new[] { new Defect("PACY001", -1, "unknown field \"rules[3].resources[0].verbs\"", "§5.2 verbs inside resources") },
        ["eks-anywhere-v1-rendered.yaml"] = new[]
        {
            new Defect("PAC0011", 14, Extensions, "§5.7 extensions"),
            new Defect("PAC0011", 14, Settings, "§5.7 settings.k8s.io"),
            new Defect("PAC0011", 15, Extensions, "§5.7 extensions"),
            new Defect("PAC0011", 15, Settings, "§5.7 settings.k8s.io"),
        },
        ["eks-anywhere-v1beta1.yaml"] = new[] { new Defect("PAC0004", -1, V1beta1, "§5.1 v1beta1") },
        ["falco-example.yaml"] = new[] { new Defect("PAC0004", -1, V1beta1, "§5.1 v1beta1") },
        ["giantswarm-cluster.yaml"] = new[]
        {
            new Defect("PAC0011", 14, Extensions, "§5.7 extensions"),
            new Defect("PAC0011", 14, Settings, "§5.7 settings.k8s.io"),
            new Defect("PAC0011", 15, Extensions, "§5.7 extensions"),
            new Defect("PAC0011", 15, Settings, "§5.7 settings.k8s.io"),
            new Defect("PAC0008", 15, "at RequestResponse: " + TokenResponse, "§5.5 token requests fall through"),
        },
        ["gke-configure-helper.yaml"] = new[]
        {
            new Defect("PAC0011", 14, Extensions, "§5.7 extensions"),
            new Defect("PAC0011", 15, Extensions, "§5.7 extensions"),
        },
        ["k8s-website-audit-policy.yaml"] = new[] { new Defect("PAC0011", 7, Extensions, "§5.7 extensions") },
        ["kubespray.yaml"] = new[]
        {
            new Defect("PAC0011", 10, Extensions, "§5.7 extensions"),
            new Defect("PAC0011", 10, Settings, "§5.7 settings.k8s.io"),
            new Defect("PAC0011", 11, Extensions, "§5.7 extensions"),
            new Defect("PAC0011", 11, Settings, "§5.7 settings.k8s.io"),
        },
        ["nsa-cisa-hardening.yaml"] = new[]
        {
            new Defect("PAC0008", 0, "at RequestResponse: " + SecretWrites + ", get secrets (response body)", "§5.5 everything at RequestResponse"),
        },
        ["openshift-allrequestbodies.yaml"] = OpenShiftTokenRequests,
        ["openshift-customrules-oauth.yaml"] = OpenShiftTokenRequests,
        ["openshift-default.yaml"] = new[] { ApiRequestCounts },
        ["openshift-none.yaml"] = new[] { ApiRequestCounts },
        ["openshift-writerequestbodies.yaml"] = OpenShiftTokenRequests,
        ["sysdig-audit-policy-v2.yaml"] = new[]
        {
            new Defect("PAC0005", 0, "there is no 'deployments' in the core group; it is served by group 'apps'", "§5.3 deployments in core"),
            new Defect("PAC0011", 9, Extensions, "§5.7 extensions"),
        },
        ["vmware-tkg.yaml"] = new[]
        {
            new Defect("PAC0011", 12, Extensions, "§5.7 extensions"),
            new Defect("PAC0011", 12, Settings, "§5.7 settings.k8s.io"),
            new Defect("PAC0011", 13, Extensions, "§5.7 extensions"),
            new Defect("PAC0011", 13, Settings, "§5.7 settings.k8s.io"),
            new Defect("PAC0008", 13, "at RequestResponse: " + TokenResponse, "§5.5 token requests fall through"),
        },
    };

    /// <summary>Described in FEATURES.md, reported by no diagnostic (yet): stale identities, URL lists, comments, redundancy.</summary>
    public static readonly string[] NotDiagnosed =
    {
        "§5.2 the meaning of Datadog's rule (list/watch pods at RequestResponse) follows from the dropped key, reported as PACY001",
        "§5.3 OpenShift's singular machineconfig/controllerconfig: the key is dropped (PACY001), and the group is not built in",
        "§5.4 redundant rule-level stages (a rule's omitStages repeating the policy's)",
        "§5.7 stale identities (system:unsecured, kubelet, system:kube-proxy), endpoints-based noise rules, /swagger*",
        "§5.8 incomplete URL exclusions; §5.9 comment drift",
    };

    /// <summary>
    /// Every OpenShift policy's rule 1 lists <c>["apirequestcounts", "apirequestcounts/*"]</c>; <c>x/*</c> matches
    /// <c>x</c> itself too (spec 5.3), so the first value changes nothing.
    /// </summary>
    private static Defect ApiRequestCounts => new("PAC0012", 1, "'apirequestcounts' is already matched by 'apirequestcounts/*' (item 1) of this entry", "§2 resource patterns, §5.4 redundant entries");

    private static Defect[] OpenShiftTokenRequests => new[]
    {
        ApiRequestCounts,
        new Defect("PACY001", -1, "unknown field \"rules[2].resources[4].resource\"", "§5.2 resource instead of resources"),
        new Defect("PAC0005", 2, "'tokenrequests' is not a resource", "§5.3 tokenrequests"),
    };

    /// <summary>The expected findings of a file (empty when clean).</summary>
    public static IReadOnlyList<Defect> For(string file) => ByFile.TryGetValue(file, out var defects) ? defects : Array.Empty<Defect>();

    /// <summary>Pairs expected and actual findings one to one; returns what is missing and what is extra (both empty = exact).</summary>
    public static (List<Defect> Missing, List<(string Id, int Rule, string Message)> Extra) Compare(IEnumerable<Defect> expected, IEnumerable<(string Id, int Rule, string Message)> actual)
    {
        var extra = actual.ToList();
        var missing = new List<Defect>();
        foreach (var defect in expected)
        {
            var index = extra.FindIndex(a => a.Id == defect.Id && a.Rule == defect.Rule && a.Message.Contains(defect.Fragment, StringComparison.Ordinal));
            if (index < 0)
            {
                missing.Add(defect);
            }
            else
            {
                extra.RemoveAt(index);
            }
        }

        return (missing, extra);
    }
}
