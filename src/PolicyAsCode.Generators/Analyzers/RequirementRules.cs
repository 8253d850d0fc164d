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

namespace PolicyAsCode.Generators.Analyzers;

/// <summary>
/// Requirement sets named by <c>[MustMeet]</c> (PAC0001, PAC0002, PAC0003, PAC0010): the core's exact checker, each gap
/// with the verified edit the code fixes apply in its properties.
/// </summary>
internal static class RequirementRules
{
    public static void Report(SymbolAnalysisContext context, INamedTypeSymbol type, Policy policy, EquatableArray<string> ruleNames, INamedTypeSymbol?[] rules, Location? policyLocation, (int Major, int Minor)? target, CancellationToken ct)
    {
        foreach (var mustMeet in KnownTypeNames.All(type, KnownTypeNames.MustMeetAttribute))
        {
            if (mustMeet.ConstructorArguments.FirstOrDefault().Value is not INamedTypeSymbol setType)
            {
                continue;
            }

            var set = PolicyGenerator.Parser.ReadRequirementSet(setType);
            var mustMeetLocation = AttributeLocations.ArgumentLocation(mustMeet, 0, ct) ?? policyLocation;
            if (set is null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DeclarationProblem, mustMeetLocation, "'" + setType.Name + "' is not a requirement set ([RequirementSet])"));
                continue;
            }

            var gaps = RequirementChecker.Check(policy, set, ruleNames.ToArray(), target);
            RequirementFixPlanner? planner = null;
            foreach (var gap in gaps)
            {
                ct.ThrowIfCancellationRequested();
                var ruleLocation = gap.Decision.MatchedRule >= 0 && rules[gap.Decision.MatchedRule] is { } rule
                    ? AttributeLocations.Where(PolicyGenerator.Parser.Find(rule, KnownTypeNames.RuleAttribute), ct)
                    : null;
                var descriptor = DiagnosticDescriptors.ForId(gap.RuleId);
                var location = gap.Requirement.Optional || gap.Kind == GapKind.NotAudited ? mustMeetLocation : ruleLocation ?? mustMeetLocation;

                // The code fixes read the verified edit from the properties (they never re-run the analysis).
                var properties = !gap.Requirement.Optional && gap.Kind is GapKind.NotAudited or GapKind.Shadowed
                    ? (planner ??= RequirementFixPlanner.For(type, policy, set, target, gaps, ruleNames.ToArray(), rules)).Propose(gap, ct)
                    : null;
                context.ReportDiagnostic(Diagnostic.Create(descriptor, location, additionalLocations: location == mustMeetLocation || mustMeetLocation is null ? null : new[] { mustMeetLocation }, properties, gap.Message));
            }
        }
    }
}
