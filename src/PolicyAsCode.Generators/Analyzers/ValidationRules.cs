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

    /// <summary>Maps a validation error's typed path to the attribute argument that causes it (no path text is read).</summary>
    private static Location? Of(FieldError error, INamedTypeSymbol?[] rules, CancellationToken ct)
    {
        var at = error.At;
        if (at.RuleIndex < 0 || at.RuleIndex >= rules.Length || rules[at.RuleIndex] is not { } rule)
        {
            return null;
        }

        if (at.Field == "nonResourceURLs")
        {
            var urls = KnownTypeNames.Find(rule, KnownTypeNames.NonResourceUrlsAttribute);
            return at.ItemIndex >= 0 ? AttributeLocations.ArgumentLocation(urls, at.ItemIndex, ct) : AttributeLocations.Where(urls, ct);
        }

        if (at.EntryIndex >= 0 && KnownTypeNames.All(rule, KnownTypeNames.ResourcesAttribute).ElementAtOrDefault(at.EntryIndex) is { } entry)
        {
            return at.Field == "group" ? AttributeLocations.ArgumentLocation(entry, 0, ct) : AttributeLocations.Where(entry, ct);
        }

        return AttributeLocations.Where(KnownTypeNames.Find(rule, KnownTypeNames.RuleAttribute), ct) ?? rule.Locations.FirstOrDefault();
    }
}
