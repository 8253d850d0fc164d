using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace PolicyAsCode;

/// <summary>
/// The audit policies some clusters run and the user cannot change, or that a distribution or its documentation
/// installs by default, as read-only named policies (docs/platforms.md): <c>policyascode validate --platform NAME</c>
/// checks one like a file, so <c>--require</c> says what a requirement set loses on that platform.
/// </summary>
/// <remarks>
/// The texts are embedded resources of this assembly (<c>Platforms/Policies/*.yaml</c>), each a byte-for-byte upstream
/// copy behind a provenance header (<see cref="HeaderEnd"/>); they need no file system and survive trimming and
/// native AOT (manifest resources are never trimmed).
/// </remarks>
public static class PlatformPolicies
{
    /// <summary>The last line of each embedded copy's provenance header; the upstream text starts on the next line.</summary>
    internal const string HeaderEnd = "# --- end of the provenance header: the upstream text follows, byte for byte ---";

    private const string ResourcePrefix = "PolicyAsCode.Platforms.Policies.";

    private const string LibraryGo = "openshift/library-go @ 93ac9206ae34e602d6acf346826e3e99c22b1787, pkg/operator/apiserver/audit/manifests/base-policy.yaml + ";

    private static readonly Lazy<IReadOnlyDictionary<string, PlatformPolicy>> Policies = new(Build);

    /// <summary>The names, in the order docs/platforms.md lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = new[]
    {
        "talos-default", "rke2-cis-default", "kind-default", "minikube-default", "gke",
        "openshift-default", "openshift-writerequestbodies", "openshift-allrequestbodies",
    };

    /// <summary>Every platform policy, in the order of <see cref="Names"/>.</summary>
    public static IEnumerable<PlatformPolicy> All => Names.Select(n => Policies.Value[n]);

    /// <summary>The platform policy of a name (exact, lower case), or false.</summary>
    public static bool TryGet(string name, out PlatformPolicy policy)
    {
        if (name is not null && Policies.Value.TryGetValue(name, out var found))
        {
            policy = found;
            return true;
        }

        policy = null!;
        return false;
    }

    /// <summary>The embedded resource files (for the test that compares them with the upstream copies).</summary>
    internal static IReadOnlyList<string> ResourceFiles { get; } = new[]
    {
        "talos-default.yaml", "rke2-cis-default.yaml", "kind-default.yaml", "minikube-default.yaml", "gke.yaml",
        "openshift-base-policy.yaml", "openshift-default-rules.yaml", "openshift-writerequestbodies-rules.yaml", "openshift-allrequestbodies-rules.yaml",
    };

    /// <summary>An embedded file as stored, provenance header included.</summary>
    internal static string Resource(string file)
    {
        using var stream = typeof(PlatformPolicies).Assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException("The embedded platform policy " + file + " is missing from the assembly.");
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        return reader.ReadToEnd();
    }

    /// <summary>An embedded file without its provenance header: the upstream text byte for byte.</summary>
    internal static string Upstream(string file)
    {
        var text = Resource(file);
        var end = text.IndexOf(HeaderEnd + "\n", StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InvalidOperationException("The embedded platform policy " + file + " has no provenance header.");
        }

        return text.Substring(end + HeaderEnd.Length + 1);
    }

    private static IReadOnlyDictionary<string, PlatformPolicy> Build()
    {
        var all = new[]
        {
            new PlatformPolicy(
                "talos-default",
                "Talos Linux's default: used when the machine config sets no audit policy (KubeAuditPolicyConfig or cluster.apiServer.auditPolicy). One rule: everything at Metadata, so no request or response body is ever logged.",
                "siderolabs/talos @ ad8823176e75b9cd07647ddde13c34f2ab77c663, pkg/machinery/config/types/k8s/audit_policy.go DefaultAuditPolicyConfig() (a Go map; text from the v1.10 stability test data)",
                Upstream("talos-default.yaml")),
            new PlatformPolicy(
                "rke2-cis-default",
                "RKE2 in CIS mode (profile: cis) with no policy of yours: RKE2 writes /etc/rancher/rke2/audit-policy.yaml when it is missing. One rule, level None: nothing is logged.",
                "rancher/rke2 @ 6ce1a8019e9d0b81eb7a715edbc2b8ac12d26da0, pkg/podtemplate/utils.go WriteDefaultPolicyFile (text from rancher/rke2-docs @ 9477b7b1df1f, docs/security/hardening_guide.md)",
                Upstream("rke2-cis-default.yaml")),
            new PlatformPolicy(
                "kind-default",
                "The policy of kind's auditing guide (kind turns no auditing on by itself): everything at Metadata.",
                "kubernetes-sigs/kind @ fed268827e21ca48a74c38215c316dd343364ef5, site/content/docs/user/auditing.md",
                Upstream("kind-default.yaml")),
            new PlatformPolicy(
                "minikube-default",
                "The policy of minikube's Audit Policy tutorial (minikube turns no auditing on by itself): everything at Metadata.",
                "kubernetes/minikube @ eb25dbc703701fa38c3f65c89a1896baa375e5ed, site/content/en/docs/tutorials/audit-policy.md (the same text as kubernetes/website's minimal policy)",
                Upstream("minikube-default.yaml")),
            new PlatformPolicy(
                "gke",
                "The Kubernetes audit policy of GKE and GCE masters, written by configure-helper.sh (ENABLE_APISERVER_ADVANCED_AUDIT=true, no ADVANCED_AUDIT_POLICY). GKE delivers the entries to Cloud Logging, not as audit.k8s.io Events.",
                "kubernetes/kubernetes @ b574b11f6b28f06e17333bb110e9374db3259bad, cluster/gce/gci/configure-helper.sh create-master-audit-policy (rendered)",
                Upstream("gke.yaml")),
            OpenShift("openshift-default", "Default", "default-rules.yaml",
                "OpenShift 4's audit profile Default (the APIServer cluster resource's spec.audit.profile when unset): Metadata for everything, RequestResponse for writes of identities, OAuth access and authorize tokens."),
            OpenShift("openshift-writerequestbodies", "WriteRequestBodies", "writerequestbodies-rules.yaml",
                "OpenShift 4's audit profile WriteRequestBodies: RequestResponse for every write except routes, secrets, token reviews and requests, OAuth clients and machineconfiguration.openshift.io (Metadata); reads at Metadata."),
            OpenShift("openshift-allrequestbodies", "AllRequestBodies", "allrequestbodies-rules.yaml",
                "OpenShift 4's audit profile AllRequestBodies: RequestResponse for every request except routes, secrets, token reviews and requests, OAuth clients and machineconfiguration.openshift.io (Metadata)."),
        };

        return all.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>
    /// A profile as openshift/library-go's <c>GetAuditPolicy(Audit{Profile: profile})</c> builds it and the audit-policy
    /// controller hands it to kube-apiserver: the base policy decoded, <c>metadata.name: policy</c>, the profile's rule
    /// list decoded leniently (<c>sigs.k8s.io/yaml</c>: the manifests' misspelt <c>resource:</c> key is dropped, so that
    /// rule covers all of machineconfiguration.openshift.io) and appended, and the result marshalled again. Both parts are
    /// decoded by this project's loader; the result is written in the canonical form and is loaded like a file.
    /// No customRules: each profile alone, as the cluster runs it when spec.audit.customRules is empty.
    /// </summary>
    private static PlatformPolicy OpenShift(string name, string profile, string rulesFile, string description)
    {
        var basePolicy = Part("openshift-base-policy.yaml", Upstream("openshift-base-policy.yaml"));
        var rules = Part("openshift-" + rulesFile, "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n" + Upstream("openshift-" + rulesFile)).Rules;
        var policy = basePolicy with { Rules = new EquatableArray<PolicyRule>(basePolicy.Rules.Concat(rules)) };
        var yaml = PolicyYamlWriter.Write(policy);
        const string Kind = "kind: Policy\n";
        var at = yaml.IndexOf(Kind, StringComparison.Ordinal) + Kind.Length;
        var text = yaml.Substring(0, at) + "metadata:\n  name: policy\n" + yaml.Substring(at);
        return new PlatformPolicy(name, description, LibraryGo + "manifests/" + rulesFile + " (profile " + profile + "), assembled as pkg/operator/apiserver/audit/audit_policies.go GetAuditPolicy", text);
    }

    private static Policy Part(string file, string text)
    {
        var result = PolicyLoader.Load(text);
        return result.Accepted && result.Policy is { } policy
            ? policy
            : throw new InvalidOperationException("The embedded platform policy part " + file + " does not load: " + result.Error);
    }
}
