using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PolicyAsCode.Generators.Diagnostics;
using PolicyAsCode.Generators.Helpers;
using PolicyAsCode.Generators.Model;

namespace PolicyAsCode.Generators.Analyzers;

/// <summary>
/// What kube-apiserver accepts silently, from the core's <see cref="PolicyLint"/> in one pass: values and names that
/// never match (PAC0005), features and APIs of other Kubernetes versions (PAC0006, PAC0011), unreachable rules
/// (PAC0007) and credentials logged in bodies (PAC0008), each at the attribute argument its path names.
/// </summary>
internal static class LintRules
{
    public static void Report(SymbolAnalysisContext context, PolicySpec spec, INamedTypeSymbol?[] rules, Location? policyLocation, (int Major, int Minor)? target, CancellationToken ct)
    {
        foreach (var finding in PolicyLint.Check(spec.Policy, target, spec.RuleNames.ToArray(), ct))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ForId(finding.Id), Of(finding, rules, ct) ?? policyLocation, Properties(finding, spec.Policy, spec.RuleNames), finding.Message));
        }
    }

    /// <summary>What the code fix reads (it never re-runs the analysis): the replacement, the value to remove, or the rule to remove.</summary>
    private static ImmutableDictionary<string, string?>? Properties(LintFinding finding, Policy policy, IReadOnlyList<string> ruleNames)
        => finding.Suggestion is not null ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Replacement, finding.Suggestion)
            : finding.Id == RuleCatalog.RedundantValue ? RedundantValueFix(finding, policy)
            : finding.Removable ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, DiagnosticProperties.RemoveRule).Add(DiagnosticProperties.Rule, ruleNames[finding.RuleIndex])
            : null;

    /// <summary>
    /// For a policy with a declaration problem (PAC0009): the never-matching values (PAC0005), the values of other
    /// Kubernetes versions (PAC0006, PAC0011) and the redundant values (PAC0012) of each rule that reads on its own. They depend on that rule alone, not on
    /// the order, the other rules or the policy-level attributes, so they are the same whatever the fix of the
    /// declaration; the findings that need the whole policy (reachability, credentials, requirements) wait for it.
    /// Each rule is checked as a one-rule policy, and only if kube-apiserver would accept it (the lint assumes that).
    /// </summary>
    public static void ReportRuleValues(SymbolAnalysisContext context, IReadOnlyList<(INamedTypeSymbol Type, PolicyRule Rule)> readable, (int Major, int Minor)? target, CancellationToken ct)
    {
        foreach (var (type, rule) in readable)
        {
            var single = new Policy { Rules = new EquatableArray<PolicyRule>(new[] { rule }) };
            if (PolicyValidator.Validate(single).Count != 0)
            {
                continue;
            }

            var rules = new INamedTypeSymbol?[] { type };
            foreach (var finding in PolicyLint.Check(single, target, new[] { type.Name }, ct))
            {
                if (finding.Id is not (RuleCatalog.NeverMatches or RuleCatalog.NeedsNewerKubernetes or RuleCatalog.RemovedApi or RuleCatalog.RedundantValue) || Of(finding, rules, ct) is not { } location)
                {
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ForId(finding.Id), location, Properties(finding, single, new[] { type.Name }), finding.Message));
            }
        }
    }

    /// <summary>PAC0012: what the removal fix removes, the value (checked against the argument) or the whole entry.</summary>
    private static ImmutableDictionary<string, string?> RedundantValueFix(LintFinding finding, Policy policy)
    {
        var rule = policy.Rules[finding.RuleIndex];
        var entry = finding.ResourceIndex >= 0 ? rule.Resources[finding.ResourceIndex] : null;
        var values = finding.Field switch
        {
            "verbs" => rule.Verbs,
            "users" => rule.Users,
            "userGroups" => rule.UserGroups,
            "namespaces" => rule.Namespaces,
            "nonResourceURLs" => rule.NonResourceURLs,
            "resources" => entry!.Resources,
            "resourceNames" => entry!.ResourceNames,
            _ => EquatableArray<string>.Empty,
        };
        return finding.ItemIndex >= 0 && finding.ItemIndex < values.Count
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, DiagnosticProperties.RemoveValue).Add(DiagnosticProperties.Value, values[finding.ItemIndex])
            : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, DiagnosticProperties.RemoveEntry);
    }

    /// <summary>Maps a lint finding to the attribute argument it is about.</summary>
    internal static Location? Of(LintFinding finding, INamedTypeSymbol?[] rules, CancellationToken ct)
    {
        if (finding.RuleIndex < 0 || finding.RuleIndex >= rules.Length || rules[finding.RuleIndex] is not { } rule)
        {
            return null;
        }

        var attributeName = finding.Field switch
        {
            "verbs" => KnownTypeNames.VerbsAttribute,
            "users" => KnownTypeNames.UsersAttribute,
            "userGroups" => KnownTypeNames.UserGroupsAttribute,
            "namespaces" => KnownTypeNames.NamespacesAttribute,
            "nonResourceURLs" => KnownTypeNames.NonResourceUrlsAttribute,
            _ => null,
        };
        if (attributeName is not null)
        {
            return AttributeLocations.ArgumentLocation(PolicyGenerator.Parser.Find(rule, attributeName), finding.ItemIndex, ct);
        }

        if (finding.ResourceIndex >= 0)
        {
            var resources = KnownTypeNames.All(rule, KnownTypeNames.ResourcesAttribute).ToList();
            if (finding.ResourceIndex < resources.Count)
            {
                var entry = resources[finding.ResourceIndex];
                return finding.Field switch
                {
                    "group" => AttributeLocations.ArgumentLocation(entry, 0, ct),
                    "resources" when finding.ItemIndex >= 0 => AttributeLocations.ParamsElementLocation(entry, finding.ItemIndex, ct),
                    "resourceNames" when finding.ItemIndex >= 0 => AttributeLocations.NamedElementLocation(entry, "ResourceNames", finding.ItemIndex, ct),
                    _ => AttributeLocations.Where(entry, ct),
                };
            }
        }

        return AttributeLocations.Where(PolicyGenerator.Parser.Find(rule, KnownTypeNames.RuleAttribute), ct);
    }
}
