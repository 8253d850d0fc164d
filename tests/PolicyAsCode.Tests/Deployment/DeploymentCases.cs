using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using PolicyAsCode.Deployment;

namespace PolicyAsCode.Tests.Deployment;

/// <summary>The policy every deployment test deploys (Calico Cloud's, as the sample builds it) and the golden cases.</summary>
internal static class DeploymentCases
{
    public const string CalicoLogPath = "/var/log/calico/audit/kube-audit.log";

    /// <summary>The canonical YAML of the Calico sample policy.</summary>
    public static readonly string PolicyYaml = PolicyYamlWriter.Write(PolicyLoader.Load("""
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitStages: [RequestReceived]
        rules:
          - level: RequestResponse
            verbs: ["create", "patch", "update", "delete"]
            resources:
              - group: "networking.k8s.io"
                resources: ["networkpolicies"]
              - group: ""
                resources: ["pods", "namespaces", "serviceaccounts", "endpoints"]
        """).Policy!);

    public static Policy Policy => PolicyLoader.Load(PolicyYaml).Policy!;

    public static byte[] PolicyBytes => new UTF8Encoding(false).GetBytes(PolicyYaml);

    /// <summary>A request for the Calico policy; <paramref name="calico"/> adds CalicoCloud's consumer log path.</summary>
    public static DeploymentRequest Request((int, int) version, bool calico = true, (int, int)? talos = null) => new()
    {
        PolicyFileName = "calico-cloud-audit.yaml",
        CanonicalPolicyYaml = PolicyYaml,
        PolicySha256 = DeploymentGenerator.Sha256(PolicyBytes),
        KubernetesVersion = version,
        TalosVersion = talos,
        ConsumerLogPaths = calico ? new List<KeyValuePair<string, string>> { new(RequirementSets.CalicoCloud.Name, RequirementSets.CalicoCloud.LogPath!) } : new List<KeyValuePair<string, string>>(),
    };

    /// <summary>Golden cases: folder name, target, request.</summary>
    public static IEnumerable<(string Name, string Target, DeploymentRequest Request)> All()
    {
        yield return ("kubeadm-1.30", "kubeadm", Request((1, 30)));
        yield return ("kubeadm-1.31", "kubeadm", Request((1, 31)));
        yield return ("kubeadm-1.36-defaults", "kubeadm", Request((1, 36), calico: false));
        yield return ("kind-1.35", "kind", Request((1, 35)));
        yield return ("kind-1.36", "kind", Request((1, 36)));
        yield return ("k3s-1.36", "k3s", Request((1, 36)));
        yield return ("rke2-1.36", "rke2", Request((1, 36)));
        yield return ("rke2-1.36-defaults", "rke2", Request((1, 36), calico: false));
        yield return ("talos-1.14", "talos", Request((1, 36), talos: (1, 14)));
        yield return ("talos-1.13", "talos", Request((1, 35), talos: (1, 13)));
        yield return ("kops-1.36", "kops", Request((1, 36)));
        yield return ("minikube-1.36", "minikube", Request((1, 36)));
        yield return ("flags-1.36", "flags", Request((1, 36)));
        yield return ("flags-1.35-stdout", "flags", Request((1, 35), calico: false) with { LogPath = "-" });
    }

    public static string GoldenDirectory => Path.Combine(AppContext.BaseDirectory, "Deployment", "Golden");

    /// <summary>The golden folder in the source tree (for POLICYASCODE_UPDATE_GOLDEN=1).</summary>
    public static string SourceGoldenDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PolicyAsCode.sln")))
                {
                    return Path.Combine(dir.FullName, "tests", "PolicyAsCode.Tests", "Deployment", "Golden");
                }
            }

            throw new DirectoryNotFoundException("repository root not found");
        }
    }
}
