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
    private static readonly ImmutableHashSet<string> RequestVerbs = ImmutableHashSet.Create(StringComparer.Ordinal, "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "proxy", "");
    private static readonly ImmutableHashSet<string> HttpVerbs = ImmutableHashSet.Create(StringComparer.Ordinal, "get", "head", "post", "put", "patch", "delete", "options", "connect", "trace");
    private static readonly ImmutableHashSet<string> AuthorizationOnlyVerbs = ImmutableHashSet.Create(StringComparer.Ordinal, "impersonate", "bind", "escalate", "approve", "sign", "attest", "use");

    /// <summary>Resources whose bodies carry credentials: (group, resource).</summary>
    private static readonly (string Group, string Resource, string Sub)[] Sensitive =
    {
        (string.Empty, "secrets", string.Empty),
        (string.Empty, "serviceaccounts", "token"),
        ("authentication.k8s.io", "tokenreviews", string.Empty),
    };

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.RequirementNotAudited,
        DiagnosticDescriptors.RequirementShadowed,
        DiagnosticDescriptors.RequirementPartiallyExempted,
        DiagnosticDescriptors.RejectedByKubeApiServer,
        DiagnosticDescriptors.NeverMatches,
        DiagnosticDescriptors.NeedsNewerKubernetes,
        DiagnosticDescriptors.SensitiveBodies,
        DiagnosticDescriptors.DeclarationProblem,
        DiagnosticDescriptors.OptionalRequirementNotMet);

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

        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i] is { } ruleType)
            {
                CheckValues(context, spec.Policy.Rules[i], ruleType, target, ct);
            }
        }

        CheckRequirements(context, type, spec.Policy, spec.RuleNames, rules, policyLocation, ct);
        CheckSensitive(context, spec.Policy, rules, ct);
    }

    private static void CheckValues(SymbolAnalysisContext context, PolicyRule rule, INamedTypeSymbol ruleType, (int Major, int Minor)? target, CancellationToken ct)
    {
        var resourceOnly = !rule.Resources.IsEmpty || !rule.Namespaces.IsEmpty;
        var nonResourceOnly = !resourceOnly && !rule.NonResourceURLs.IsEmpty;
        var verbs = PolicyGenerator.Parser.Find(ruleType, KnownTypeNames.VerbsAttribute);
        for (var j = 0; j < rule.Verbs.Count; j++)
        {
            var verb = rule.Verbs[j];
            string? reason = verb == "*" ? "'*' is not a wildcard in verbs; it matches only a request whose verb is literally '*', which never happens; leave verbs empty to match every verb"
                : verb != verb.ToLowerInvariant() ? "verbs are compared exactly and request verbs are lower case; '" + verb + "' never matches"
                : AuthorizationOnlyVerbs.Contains(verb) ? "'" + verb + "' exists only in authorization checks; no request is audited with it"
                : resourceOnly && !RequestVerbs.Contains(verb) ? "'" + verb + "' is not a verb of resource requests (get, list, watch, create, update, patch, delete, deletecollection, proxy)"
                : nonResourceOnly && !HttpVerbs.Contains(verb) ? "non-resource requests are audited with the lower-case HTTP method; '" + verb + "' never matches them"
                : null;
            if (reason is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NeverMatches, ArgumentLocation(verbs, j, ct), reason));
            }
        }

        Stars(context, rule.Users, PolicyGenerator.Parser.Find(ruleType, KnownTypeNames.UsersAttribute), "users", ct);
        Stars(context, rule.UserGroups, PolicyGenerator.Parser.Find(ruleType, KnownTypeNames.UserGroupsAttribute), "userGroups", ct);
        Stars(context, rule.Namespaces, PolicyGenerator.Parser.Find(ruleType, KnownTypeNames.NamespacesAttribute), "namespaces", ct);

        var resourceAttributes = ruleType.GetAttributes().Where(a => a.AttributeClass?.Name == "ResourcesAttribute").ToList();
        for (var k = 0; k < rule.Resources.Count && k < resourceAttributes.Count; k++)
        {
            var gr = rule.Resources[k];
            if (gr.ResourceNames.Contains("*"))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NeverMatches, Where(resourceAttributes[k], ct), "'*' is not a wildcard in resourceNames; it matches only an object literally named '*'"));
            }

            if (gr.Group == "*" && target is { } version && (version.Major < 1 || (version.Major == 1 && version.Minor < 36)))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NeedsNewerKubernetes, ArgumentLocation(resourceAttributes[k], 0, ct),
                    "group \"*\" is accepted from Kubernetes 1.36; kube-apiserver " + version.Major.ToString(CultureInfo.InvariantCulture) + "." + version.Minor.ToString(CultureInfo.InvariantCulture) + " (PolicyAsCodeKubernetesVersion) refuses it as an invalid DNS subdomain"));
            }
        }
    }

    private static void Stars(SymbolAnalysisContext context, EquatableArray<string> values, AttributeData? attribute, string field, CancellationToken ct)
    {
        for (var j = 0; j < values.Count; j++)
        {
            if (values[j] == "*")
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NeverMatches, ArgumentLocation(attribute, j, ct), "'*' is not a wildcard in " + field + "; it matches only the literal value '*'"));
            }
        }
    }

    private static void CheckRequirements(SymbolAnalysisContext context, INamedTypeSymbol type, Policy policy, EquatableArray<string> ruleNames, INamedTypeSymbol?[] rules, Location? policyLocation, CancellationToken ct)
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

            foreach (var gap in RequirementChecker.Check(policy, set, ruleNames.ToArray()))
            {
                ct.ThrowIfCancellationRequested();
                var ruleLocation = gap.Decision.MatchedRule >= 0 && rules[gap.Decision.MatchedRule] is { } rule
                    ? Where(PolicyGenerator.Parser.Find(rule, KnownTypeNames.RuleAttribute), ct)
                    : null;
                var (descriptor, location) = gap.Requirement.Optional
                    ? (DiagnosticDescriptors.OptionalRequirementNotMet, mustMeetLocation)
                    : gap.Kind switch
                    {
                        GapKind.NotAudited => (DiagnosticDescriptors.RequirementNotAudited, mustMeetLocation),
                        GapKind.Shadowed => (DiagnosticDescriptors.RequirementShadowed, ruleLocation ?? mustMeetLocation),
                        _ => (DiagnosticDescriptors.RequirementPartiallyExempted, ruleLocation ?? mustMeetLocation),
                    };
                context.ReportDiagnostic(Diagnostic.Create(descriptor, location, additionalLocations: location == mustMeetLocation || mustMeetLocation is null ? null : new[] { mustMeetLocation }, gap.Message));
            }
        }
    }

    private static void CheckSensitive(SymbolAnalysisContext context, Policy policy, INamedTypeSymbol?[] rules, CancellationToken ct)
    {
        var reported = new HashSet<(int, string)>();
        foreach (var (group, resource, sub) in Sensitive)
        {
            var requirement = new Requirement { Group = group };
            foreach (var verb in new[] { "get", "list", "watch", "create", "update", "patch" })
            {
                foreach (var (example, decision) in RequirementChecker.Outcomes(policy, requirement, verb, resource, sub))
                {
                    var name = (group.Length > 0 ? group + "/" : string.Empty) + resource + (sub.Length > 0 ? "/" + sub : string.Empty);
                    if (decision.MatchedRule >= 0 && decision.Level.AtLeast(AuditLevel.Request) && reported.Add((decision.MatchedRule, name)) && rules[decision.MatchedRule] is { } rule)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SensitiveBodies, Where(PolicyGenerator.Parser.Find(rule, KnownTypeNames.RuleAttribute), ct),
                            verb + " " + name + " is logged at " + decision.Level.Value + " by this rule, so the audit log receives credentials in the request or response body; log " + name + " at Metadata in an earlier rule"));
                    }
                }
            }
        }
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

        // A single array expression for the params argument: point inside it.
        if (positional.Count == 1 && positional[0].Expression is ArrayCreationExpressionSyntax { Initializer: { } init } && index < init.Expressions.Count)
        {
            return init.Expressions[index].GetLocation();
        }

        return index < positional.Count ? positional[index].GetLocation() : syntax.GetLocation();
    }

    /// <summary><c>build_property.PolicyAsCodeKubernetesVersion</c> as (major, minor), e.g. "1.31".</summary>
    private static (int, int)? TargetVersion(AnalyzerConfigOptions options)
    {
        if (!options.TryGetValue("build_property.PolicyAsCodeKubernetesVersion", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parts = value.Trim().TrimStart('v').Split('.');
        return parts.Length >= 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            ? (major, minor)
            : null;
    }
}
