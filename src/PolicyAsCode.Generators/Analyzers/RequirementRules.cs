using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PolicyAsCode.Generators.Diagnostics;
using PolicyAsCode.Generators.Helpers;

namespace PolicyAsCode.Generators.Analyzers;

/// <summary>
/// Requirement sets named by <c>[MustMeet]</c> (PAC0001, PAC0002, PAC0003, PAC0010, PAC0013; PAC0014 between sets): the
/// core's findings, one per cause
/// (<see cref="RequirementFindings"/>), each with the verified edits of its cells in its properties for the code fixes.
/// A finding sits where a person acts: a gap no rule decides at the rule its fix edits, any other at its deciding
/// rule; the <c>[MustMeet]</c> argument is the additional location (the location itself when there is no rule).
/// </summary>
internal static class RequirementRules
{
    public static void Report(SymbolAnalysisContext context, INamedTypeSymbol type, Policy policy, EquatableArray<string> ruleNames, INamedTypeSymbol?[] rules, Location? policyLocation, (int Major, int Minor)? target, CancellationToken ct)
    {
        var declared = new List<(RequirementSet Set, Location? Location)>();
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

            // A requirement no policy can meet is the set's mistake: PAC0009 instead of gaps on every rule.
            if (set.Unmeetable is { } bad)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DeclarationProblem, mustMeetLocation,
                    "requirement set '" + set.Name + "': [Requires(\"" + bad.Group + "\", " + string.Join(", ", bad.Resources.Select(r => "\"" + r + "\"")) + ")]: " + bad.DeclarationProblem));
                continue;
            }

            declared.Add((set, mustMeetLocation));
            var names = ruleNames.ToArray();
            var taken = new HashSet<string>(type.MemberNames, StringComparer.Ordinal);
            taken.UnionWith(PolicyGenerator.Parser.ReservedNames);
            foreach (var finding in RequirementFindings.Check(policy, set, names, target, Orders(rules), ct))
            {
                ct.ThrowIfCancellationRequested();
                var rule = finding.Optional ? -1 : finding.Rule(rules.Length);
                var ruleLocation = rule >= 0 && rules[rule] is { } symbol
                    ? AttributeLocations.Where(PolicyGenerator.Parser.Find(symbol, KnownTypeNames.RuleAttribute), ct)
                    : null;
                var location = ruleLocation ?? mustMeetLocation;
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ForId(finding.RuleId),
                    location,
                    additionalLocations: location == mustMeetLocation || mustMeetLocation is null ? null : new[] { mustMeetLocation },
                    Properties(finding.Fixes, names, taken),
                    finding.Message(rules.Length, names)));
            }
        }

        ReportConflicts(context, declared, target, ct);
    }

    /// <summary>
    /// PAC0014 once per conflicting cell of two declared sets, at the later set's <c>[MustMeet]</c> (the earlier one as
    /// additional location): no edit of the policy resolves it, only dropping or changing a set.
    /// </summary>
    private static void ReportConflicts(SymbolAnalysisContext context, List<(RequirementSet Set, Location? Location)> declared, (int Major, int Minor)? target, CancellationToken ct)
    {
        if (declared.Count == 0)
        {
            return;
        }

        foreach (var conflict in RequirementConflicts.Find(declared.Select(d => d.Set).ToList(), target))
        {
            ct.ThrowIfCancellationRequested();
            var first = declared.FindIndex(d => d.Set.Name == conflict.NeedsMoreSet);
            var second = declared.FindIndex(d => d.Set.Name == conflict.AllowsLessSet);
            var (at, other) = first > second ? (declared[first].Location, declared[second].Location) : (declared[second].Location, declared[first].Location);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ForId(RuleCatalog.RequirementConflict),
                at,
                additionalLocations: other is null || other == at ? null : new[] { other },
                conflict.Message));
        }
    }

    /// <summary>The rules' <c>Order</c> values, or null when they use declaration order (the reader accepts all or none).</summary>
    private static int[]? Orders(INamedTypeSymbol?[] rules)
    {
        var orders = new int[rules.Length];
        for (var i = 0; i < rules.Length; i++)
        {
            var order = rules[i] is { } rule ? PolicyGenerator.Parser.Find(rule, KnownTypeNames.RuleAttribute)?.NamedArguments.FirstOrDefault(n => n.Key == "Order").Value.Value : null;
            if (order is not int value)
            {
                return null;
            }

            orders[i] = value;
        }

        return orders;
    }

    /// <summary>
    /// The edits as the code fixes read them (<see cref="DiagnosticProperties"/>): rules by their nested type names, a new
    /// rule by a descriptive name no member of the policy type takes; edit k under the keys of <see cref="DiagnosticProperties.Of"/>.
    /// </summary>
    private static ImmutableDictionary<string, string?>? Properties(IReadOnlyList<RequirementFix> fixes, string[] ruleNames, HashSet<string> taken)
    {
        if (fixes.Count == 0)
        {
            return null;
        }

        var properties = ImmutableDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
        var newNames = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < fixes.Count; k++)
        {
            var fix = fixes[k];
            void Add(string key, string? value) => properties.Add(DiagnosticProperties.Of(key, k), value);
            switch (fix.Kind)
            {
                case RequirementFixKind.AddVerb:
                    Add(DiagnosticProperties.Fix, DiagnosticProperties.AddVerb);
                    Add(DiagnosticProperties.Rule, ruleNames[fix.Rule]);
                    Add(DiagnosticProperties.Verb, fix.Verb);
                    break;
                case RequirementFixKind.AddResource:
                    Add(DiagnosticProperties.Fix, DiagnosticProperties.AddResource);
                    Add(DiagnosticProperties.Rule, ruleNames[fix.Rule]);
                    Add(DiagnosticProperties.Group, fix.Group);
                    Add(DiagnosticProperties.Resource, fix.Resource);
                    Add(DiagnosticProperties.ResourcesIndex, fix.ResourcesIndex.ToString(CultureInfo.InvariantCulture));
                    break;
                case RequirementFixKind.InsertRule:
                    Add(DiagnosticProperties.Fix, DiagnosticProperties.InsertRule);
                    Add(DiagnosticProperties.Rule, NewRuleName(fix, taken, newNames));
                    Add(DiagnosticProperties.Verb, fix.Verb);
                    Add(DiagnosticProperties.Group, fix.Group);
                    Add(DiagnosticProperties.Resource, fix.Resource);
                    Add(DiagnosticProperties.Level, fix.Level.Value);
                    if (fix.Rule >= ruleNames.Length)
                    {
                        Add(DiagnosticProperties.After, ruleNames[ruleNames.Length - 1]);
                    }
                    else
                    {
                        Add(DiagnosticProperties.Before, ruleNames[fix.Rule]);
                    }

                    break;
                default:
                    Add(DiagnosticProperties.Fix, DiagnosticProperties.MoveRule);
                    Add(DiagnosticProperties.Rule, ruleNames[fix.Rule]);
                    Add(DiagnosticProperties.Before, ruleNames[fix.Before]);
                    break;
            }

            if (fix.Order is { } order)
            {
                Add(DiagnosticProperties.Order, order.ToString(CultureInfo.InvariantCulture));
            }
        }

        return properties.ToImmutable();
    }

    /// <summary>A descriptive name for the new rule, e.g. <c>AuditDeletePods</c>, unique among the policy type's members and the finding's other new rules.</summary>
    private static string NewRuleName(RequirementFix fix, HashSet<string> taken, HashSet<string> newNames)
    {
        var name = NewRuleNames.For(fix.Verb, fix.Group, fix.Resource);
        var unique = name;
        for (var i = 2; taken.Contains(unique) || newNames.Contains(unique); i++)
        {
            unique = name + i.ToString(CultureInfo.InvariantCulture);
        }

        newNames.Add(unique);
        return unique;
    }
}
