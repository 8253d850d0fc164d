using System;
using PolicyAsCode;
using Samples.Gke;

// Derives a cluster-specific variant of the GKE policy with the typed builder: an extra exemption for a
// noisy in-house controller (placed before the rules that would otherwise log it), and the team's
// namespace added to the ingress-controller exemption. Prints the variant's YAML.
var builder = GkeAuditPolicy.CreateBuilder();

var exemption = new PolicyRuleBuilder(Level.None);
exemption.Users.Add("system:serviceaccount:platform:lease-keeper");
exemption.Verbs.AddRange(new[] { Verb.Get, Verb.Update });
exemption.Resources.Add(new GroupResources { Group = ApiGroup.CoordinationK8sIo, Resources = EquatableArray.Create("leases") });
builder.InsertBefore(builder.SensitiveResources, exemption);

builder.IngressControllerConfigMapReads.Namespaces.Add("ingress-nginx");

var variant = builder.Build();
var verdict = PolicyLoader.Load(PolicyYamlWriter.Write(variant));
Console.Error.WriteLine(verdict.Accepted ? $"variant: {variant.Rules.Count} rules, accepted by the kube-apiserver loader" : "variant rejected: " + verdict.Error);
Console.Write(PolicyYamlWriter.Write(variant));
return verdict.Accepted ? 0 : 1;
