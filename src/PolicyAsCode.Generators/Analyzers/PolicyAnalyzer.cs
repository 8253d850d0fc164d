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
/// Checks each <c>[AuditPolicy]</c> type with the same reader the generator uses and the shared core. This class only
/// registers and reads the declaration (PAC0009); each rule family reports in its own class:
/// <see cref="ValidationRules"/>, <see cref="LintRules"/> and <see cref="RequirementRules"/>. It runs once per policy
/// symbol, so typing in a file without a policy does not re-run it.
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
        DiagnosticDescriptors.RemovedApi,
        DiagnosticDescriptors.RedundantValue,
        DiagnosticDescriptors.RequirementExceeded,
        DiagnosticDescriptors.RequirementConflict);

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
        var policyLocation = AttributeLocations.Where(attribute, ct) ?? type.Locations.FirstOrDefault();
        var spec = PolicyGenerator.Parser.Read(type, ct, out var problem, out var problemLocation);
        if (spec is null)
        {
            if (problem is not null && !problem.Contains("incomplete"))
            {
                // The kind of type is the problem for a struct or interface, so it is reported at its name (the attribute
                // has CS0592); otherwise on the offending argument when one is to blame: that is what the author changes.
                var location = type.TypeKind != TypeKind.Class ? Identifier(attribute, ct) ?? policyLocation : problemLocation ?? policyLocation;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DeclarationProblem, location, problem));
                LintRules.ReportRuleValues(context, PolicyGenerator.Parser.ReadableRules(type), target, ct);
            }

            return;
        }

        fileNames.GetOrAdd(spec.FileName, _ => new ConcurrentBag<(INamedTypeSymbol, Location)>()).Add((type, policyLocation!));
        var rules = spec.RuleNames.Select(name => type.GetTypeMembers(name).FirstOrDefault()).ToArray();

        if (!ValidationRules.Report(context, spec, rules, policyLocation, ct))
        {
            return;
        }

        LintRules.Report(context, spec, rules, policyLocation, target, ct);
        RequirementRules.Report(context, type, spec.Policy, spec.RuleNames, rules, policyLocation, target, ct);
    }

    /// <summary>The identifier of the declaration that carries the attribute (a partial type has several).</summary>
    private static Location? Identifier(AttributeData attribute, CancellationToken ct)
        => attribute.ApplicationSyntaxReference?.GetSyntax(ct).FirstAncestorOrSelf<BaseTypeDeclarationSyntax>()?.Identifier.GetLocation();

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
