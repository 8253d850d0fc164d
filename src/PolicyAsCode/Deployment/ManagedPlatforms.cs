using System;
using System.Collections.Generic;

namespace PolicyAsCode.Deployment;

/// <summary>
/// Managed platforms run kube-apiserver themselves and take no policy file. <c>deploy</c> names what each offers
/// instead (shared spec: deployment-targets.md section 9), so nobody ships a file that is never read.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static class ManagedPlatforms
{
    private static readonly Dictionary<string, string> Offers = new(StringComparer.Ordinal)
    {
        ["eks"] = "EKS takes no audit policy: AWS runs kube-apiserver with its own fixed policy. Turn on the control-plane log type 'audit' "
            + "(aws eks update-cluster-config --logging '{\"clusterLogging\":[{\"types\":[\"audit\"],\"enabled\":true}]}'); events go to CloudWatch Logs "
            + "(log group /aws/eks/<cluster>/cluster). Calico Cloud reads them from CloudWatch (LogCollector spec.additionalSources.eksCloudwatchLog). "
            + "EKS Anywhere, unlike EKS, takes a policy.",
        ["aks"] = "AKS takes no audit policy: Microsoft runs kube-apiserver with its own. Choose a diagnostic setting category: kube-audit (every request, "
            + "including get and list) or kube-audit-admin (the same without get and list), sent to Log Analytics (tables AKSAudit, AKSAuditAdmin), "
            + "a storage account or an event hub.",
        ["gke"] = "GKE takes no audit policy: Google runs kube-apiserver with its own. Audit entries go to Cloud Logging as Cloud Audit Logs "
            + "(Admin Activity always on; Data Access, with ADMIN_READ, DATA_READ and DATA_WRITE, configured in the project's IAM audit config), "
            + "as protoPayload entries, not audit.k8s.io Events.",
        ["openshift"] = "OpenShift takes no audit policy file: set an audit profile on the APIServer resource named cluster "
            + "(oc edit apiserver cluster: spec.audit.profile Default, WriteRequestBodies, AllRequestBodies or None; spec.audit.customRules "
            + "per group); it applies to kube-apiserver, openshift-apiserver and oauth-apiserver.",
    };

    /// <summary>The platform names, sorted.</summary>
    public static IEnumerable<string> Names => new[] { "aks", "eks", "gke", "openshift" };

    /// <summary>What the platform offers instead of a policy file, or null when the name is not a managed platform.</summary>
    public static string? Describe(string name) => Offers.TryGetValue(name, out var text) ? text : null;
}
