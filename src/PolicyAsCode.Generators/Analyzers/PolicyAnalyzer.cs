using System;
using System.Collections.Concurrent;
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
/// Checks each <c>[AuditPolicy]</c> type with the same reader the generator uses and the shared core:
/// declaration problems, kube-apiserver's validation, version-dependent features, values that can never
/// match, requirement gaps (exact, first-match) and sensitive bodies. It runs per policy symbol, so typing
/// in a file without a policy does not re-run it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PolicyAnalyzer : DiagnosticAnalyzer
{

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.RequirementNotAudited,
        DiagnosticDescriptors.RequirementShadowed,
        DiagnosticDescriptors.RequirementPartiallyExempted,
        DiagnosticDescriptors.RejectedByKubeApiServer,
        DiagnosticDescriptors.NeverMatches,
        DiagnosticDescriptors.NeedsNewerKubernetes,
        DiagnosticDescriptors.UnreachableRule,
        DiagnosticDescriptors.SensitiveBodies,
        DiagnosticDescriptors.DeclarationProblem,
        DiagnosticDescriptors.OptionalRequirementNotMet,
        DiagnosticDescriptors.RemovedApi);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var policyAttribute = start.Compilation.GetTypeByMetadataName(KnownTypeNames.AuditPolicyAttribute);
            if (policyAttribute is null)
            {
                return;
            }

            var target = TargetVersion(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
            var fileNames = new ConcurrentDictionary<string, ConcurrentBag<(INamedTypeSymbol Type, Location Location)>>(StringComparer.OrdinalIgnoreCase);
            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, policyAttribute, target, fileNames), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end =>
            {
                foreach (var entry in fileNames)
                {
                    if (entry.Value.Count > 1)
                    {
                        foreach (var (_, location) in entry.Value)
                        {
                            end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DeclarationProblem, location, "two policies are written to '" + entry.Key + "'; give each [AuditPolicy] its own name"));
                        }
                    }
                }
            });
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol policyAttribute, (int Major, int Minor)? target, ConcurrentDictionary<string, ConcurrentBag<(INamedTypeSymbol, Location)>> fileNames)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attribute = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, policyAttribute));
        if (attribute is null)
        {
            return;
        }

        var ct = context.CancellationToken;
        var policyLocation = Where(attribute, ct) ?? type.Locations.FirstOrDefault();
        var spec = PolicyGenerator.Parser.Read(type, ct, out var problem);
        if (spec is null)
        {
            if (problem is not null && !problem.Contains("incomplete"))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DeclarationProblem, policyLocation, problem));
            }

            return;
        }

        fileNames.GetOrAdd(spec.FileName, _ => new ConcurrentBag<(INamedTypeSymbol, Location)>()).Add((type, policyLocation!));
        var rules = spec.RuleNames.Select(name => type.GetTypeMembers(name).FirstOrDefault()).ToArray();

        // kube-apiserver's validation, at the offending argument.
        var errors = PolicyValidator.Validate(spec.Policy);
        foreach (var error in errors)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RejectedByKubeApiServer, ErrorLocation(error, rules, ct) ?? policyLocation, error.ToString()));
        }

        if (spec.Policy.Rules.IsEmpty)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RejectedByKubeApiServer, policyLocation, "loaded illegal policy with 0 rules"));
        }

        if (errors.Count > 0 || spec.Policy.Rules.IsEmpty)
        {
            return;
        }

        foreach (var finding in PolicyLint.Check(spec.Policy, target, spec.RuleNames.ToArray(), ct))
        {
            var descriptor = DiagnosticDescriptors.ForId(finding.Id);
            // The code fix reads the replacement from the properties (it never re-runs the analysis).
            var properties = finding.Suggestion is not null ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Replacement, finding.Suggestion)
                : finding.Removable ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, DiagnosticProperties.RemoveRule).Add(DiagnosticProperties.Rule, spec.RuleNames[finding.RuleIndex])
                : null;
            context.ReportDiagnostic(Diagnostic.Create(descriptor, LintLocation(finding, rules, ct) ?? policyLocation, properties, finding.Message));
        }

        CheckRequirements(context, type, spec.Policy, spec.RuleNames, rules, policyLocation, target, ct);
    }

    private static void CheckRequirements(SymbolAnalysisContext context, INamedTypeSymbol type, Policy policy, EquatableArray<string> ruleNames, INamedTypeSymbol?[] rules, Location? policyLocation, (int Major, int Minor)? target, CancellationToken ct)
    {
        foreach (var mustMeet in type.GetAttributes().Where(a => a.AttributeClass?.Name == "MustMeetAttribute"))
        {
            if (mustMeet.ConstructorArguments.FirstOrDefault().Value is not INamedTypeSymbol setType)
            {
                continue;
            }

            var set = ReadRequirementSet(setType);
            var mustMeetLocation = ArgumentLocation(mustMeet, 0, ct) ?? policyLocation;
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
                    ? Where(PolicyGenerator.Parser.Find(rule, KnownTypeNames.RuleAttribute), ct)
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

    /// <summary>Maps a lint finding to the attribute argument it is about.</summary>
    private static Location? LintLocation(LintFinding finding, INamedTypeSymbol?[] rules, CancellationToken ct)
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
            _ => null,
        };
        if (attributeName is not null)
        {
            return ArgumentLocation(PolicyGenerator.Parser.Find(rule, attributeName), finding.ItemIndex, ct);
        }

        if (finding.ResourceIndex >= 0)
        {
            var resources = rule.GetAttributes().Where(a => a.AttributeClass?.Name == "ResourcesAttribute").ToList();
            if (finding.ResourceIndex < resources.Count)
            {
                var entry = resources[finding.ResourceIndex];
                return finding.Field switch
                {
                    "group" => ArgumentLocation(entry, 0, ct),
                    "resources" when finding.ItemIndex >= 0 => ParamsElementLocation(entry, finding.ItemIndex, ct),
                    "resourceNames" when finding.ItemIndex >= 0 => NamedElementLocation(entry, "ResourceNames", finding.ItemIndex, ct),
                    _ => Where(entry, ct),
                };
            }
        }

        return Where(PolicyGenerator.Parser.Find(rule, KnownTypeNames.RuleAttribute), ct);
    }

    /// <summary>Reads a [RequirementSet] type from source or metadata.</summary>
    internal static RequirementSet? ReadRequirementSet(INamedTypeSymbol type)
    {
        var setAttribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == "RequirementSetAttribute");
        if (setAttribute?.ConstructorArguments.FirstOrDefault().Value is not string name)
        {
            return null;
        }

        var requirements = new List<Requirement>();
        foreach (var requires in type.GetAttributes().Where(a => a.AttributeClass?.Name == "RequiresAttribute"))
        {
            if (requires.ConstructorArguments.Length != 2 || requires.ConstructorArguments[0].Value is not string group)
            {
                continue;
            }

            var requirement = new Requirement { Group = group, Resources = Strings(requires.ConstructorArguments[1]) };
            foreach (var named in requires.NamedArguments)
            {
                requirement = named.Key switch
                {
                    "Verbs" => requirement with { Verbs = Strings(named.Value) },
                    "MinimumLevel" when named.Value.Value is int level => requirement with { MinimumLevel = (Level)level },
                    "KeepStages" => requirement with { KeptStages = new EquatableArray<AuditStage>(named.Value.Values.Where(v => v.Value is int).Select(v => (AuditStage)(Stage)(int)v.Value!)) },
                    "Namespaces" => requirement with { Namespaces = Strings(named.Value) },
                    "Users" => requirement with { Users = Strings(named.Value) },
                    "UserGroups" => requirement with { UserGroups = Strings(named.Value) },
                    "Optional" when named.Value.Value is bool optional => requirement with { Optional = optional },
                    _ => requirement,
                };
            }

            requirements.Add(requirement);
        }

        return new RequirementSet { Name = name, Requirements = new EquatableArray<Requirement>(requirements) };
    }

    private static EquatableArray<string> Strings(TypedConstant constant)
        => constant.Kind == TypedConstantKind.Array ? new EquatableArray<string>(constant.Values.Select(v => v.Value as string ?? string.Empty)) : EquatableArray<string>.Empty;

    /// <summary>Maps a validation error's field path to the attribute argument that causes it.</summary>
    private static Location? ErrorLocation(FieldError error, INamedTypeSymbol?[] rules, CancellationToken ct)
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
            return ArgumentLocation(PolicyGenerator.Parser.Find(rule, KnownTypeNames.NonResourceUrlsAttribute), j, ct);
        }

        if (rest == ".nonResourceURLs")
        {
            return Where(PolicyGenerator.Parser.Find(rule, KnownTypeNames.NonResourceUrlsAttribute), ct);
        }

        if (rest is ".resources.group" or ".resources.resourceNames")
        {
            var start = error.Body.IndexOf('"');
            foreach (var attribute in rule.GetAttributes().Where(a => a.AttributeClass?.Name == "ResourcesAttribute"))
            {
                if (rest == ".resources.group" && attribute.ConstructorArguments.FirstOrDefault().Value is string group && start >= 0
                    && error.Body.StartsWith("Invalid value: " + PolicyValidator.GoQuote(group) + ":", StringComparison.Ordinal))
                {
                    return ArgumentLocation(attribute, 0, ct);
                }

                if (rest == ".resources.resourceNames" && attribute.NamedArguments.Any(n => n.Key == "ResourceNames") && attribute.ConstructorArguments.ElementAtOrDefault(1).Values.IsDefaultOrEmpty)
                {
                    return Where(attribute, ct);
                }
            }
        }

        return Where(PolicyGenerator.Parser.Find(rule, KnownTypeNames.RuleAttribute), ct) ?? rule.Locations.FirstOrDefault();
    }

    private static Location? Where(AttributeData? attribute, CancellationToken ct)
        => attribute?.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation();

    /// <summary>The location of positional argument <paramref name="index"/> (params arrays counted element by element).</summary>
    private static Location? ArgumentLocation(AttributeData? attribute, int index, CancellationToken ct)
    {
        if (attribute?.ApplicationSyntaxReference?.GetSyntax(ct) is not AttributeSyntax syntax)
        {
            return null;
        }

        var positional = syntax.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
        if (positional is null || positional.Count == 0)
        {
            return syntax.GetLocation();
        }

        // A single array expression for the params argument (new[] { ... }, new string[] { ... }, [ ... ]): point inside it.
        if (positional.Count == 1 && ArrayElements(positional[0].Expression) is { } elements && index < elements.Count)
        {
            return elements[index].GetLocation();
        }

        return index < positional.Count ? positional[index].GetLocation() : syntax.GetLocation();
    }

    /// <summary>Element <paramref name="index"/> of the params array that follows the first positional argument.</summary>
    private static Location? ParamsElementLocation(AttributeData attribute, int index, CancellationToken ct)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(ct) is not AttributeSyntax syntax)
        {
            return null;
        }

        var positional = syntax.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
        if (positional is null || positional.Count < 2)
        {
            return syntax.GetLocation();
        }

        if (positional.Count == 2 && ArrayElements(positional[1].Expression) is { } elements)
        {
            return index < elements.Count ? elements[index].GetLocation() : positional[1].GetLocation();
        }

        return index + 1 < positional.Count ? positional[index + 1].GetLocation() : syntax.GetLocation();
    }

    /// <summary>Element <paramref name="index"/> of an array given to a named property, e.g. <c>ResourceNames = new[] { ... }</c>.</summary>
    private static Location? NamedElementLocation(AttributeData attribute, string property, int index, CancellationToken ct)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(ct) is not AttributeSyntax syntax)
        {
            return null;
        }

        var named = syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property);
        if (named is null)
        {
            return syntax.GetLocation();
        }

        return ArrayElements(named.Expression) is { } elements && index < elements.Count ? elements[index].GetLocation() : named.GetLocation();
    }

    /// <summary>The element expressions of an array argument, as nodes of the analyzed tree (so their locations are real).</summary>
    private static IReadOnlyList<ExpressionSyntax>? ArrayElements(ExpressionSyntax expression) => expression switch
    {
        ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
        ImplicitArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
        CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression).ToList(),
        _ => null,
    };

    /// <summary><c>build_property.PolicyAsCodeKubernetesVersion</c> as (major, minor), e.g. "1.31".</summary>
    private static (int, int)? TargetVersion(AnalyzerConfigOptions options)
    {
        if (!options.TryGetValue("build_property.PolicyAsCodeKubernetesVersion", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return KubernetesVersions.TryParse(value, out var version) ? version : null;
    }
}
