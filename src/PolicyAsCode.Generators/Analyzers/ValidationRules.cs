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

/// <summary>kube-apiserver's own validation (PAC0004): its exact error text at the argument that causes it.</summary>
internal static class ValidationRules
{
    /// <summary>Reports the errors; true when the policy is valid (the other rule families need a valid policy).</summary>
    public static bool Report(SymbolAnalysisContext context, PolicySpec spec, INamedTypeSymbol?[] rules, Location? policyLocation, CancellationToken ct)
    {
        // kube-apiserver's validation, at the offending argument.
        var errors = PolicyValidator.Validate(spec.Policy);
        foreach (var error in errors)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RejectedByKubeApiServer, Of(error, rules, ct) ?? policyLocation, error.ToString()));
        }

        if (spec.Policy.Rules.IsEmpty)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RejectedByKubeApiServer, policyLocation, "loaded illegal policy with 0 rules"));
        }

        return errors.Count == 0 && !spec.Policy.Rules.IsEmpty;
    }

    /// <summary>Maps a validation error's field path to the attribute argument that causes it.</summary>
    private static Location? Of(FieldError error, INamedTypeSymbol?[] rules, CancellationToken ct)
    {
        var path = error.Path;
        if (!path.StartsWith("rules[", StringComparison.Ordinal))
        {
            return null;
        }

        var close = path.IndexOf(']');
        if (!int.TryParse(path.Substring(6, close - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= rules.Length || rules[index] is not { } rule)
        {
            return null;
        }

        var rest = path.Substring(close + 1);
        if (rest.StartsWith(".nonResourceURLs[", StringComparison.Ordinal))
        {
            var j = int.Parse(rest.Substring(17, rest.Length - 18), CultureInfo.InvariantCulture);
            return AttributeLocations.ArgumentLocation(PolicyGenerator.Parser.Find(rule, KnownTypeNames.NonResourceUrlsAttribute), j, ct);
        }

        if (rest == ".nonResourceURLs")
        {
            return AttributeLocations.Where(PolicyGenerator.Parser.Find(rule, KnownTypeNames.NonResourceUrlsAttribute), ct);
        }

        if (rest is ".resources.group" or ".resources.resourceNames")
        {
            var start = error.Body.IndexOf('"');
            foreach (var attribute in KnownTypeNames.All(rule, KnownTypeNames.ResourcesAttribute))
            {
                if (rest == ".resources.group" && attribute.ConstructorArguments.FirstOrDefault().Value is string group && start >= 0
                    && error.Body.StartsWith("Invalid value: " + PolicyValidator.GoQuote(group) + ":", StringComparison.Ordinal))
                {
                    return AttributeLocations.ArgumentLocation(attribute, 0, ct);
                }

                if (rest == ".resources.resourceNames" && attribute.NamedArguments.Any(n => n.Key == "ResourceNames") && attribute.ConstructorArguments.ElementAtOrDefault(1).Values.IsDefaultOrEmpty)
                {
                    return AttributeLocations.Where(attribute, ct);
                }
            }
        }

        return AttributeLocations.Where(PolicyGenerator.Parser.Find(rule, KnownTypeNames.RuleAttribute), ct) ?? rule.Locations.FirstOrDefault();
    }
}
