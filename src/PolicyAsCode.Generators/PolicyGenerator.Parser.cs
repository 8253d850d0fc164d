using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using PolicyAsCode.Generators.Helpers;
using PolicyAsCode.Generators.Model;

namespace PolicyAsCode.Generators;

public sealed partial class PolicyGenerator
{
    /// <summary>Symbols to <see cref="PolicySpec"/>: pure, and null for anything the analyzers report.</summary>
    internal static class Parser
    {
        /// <summary>Names the generated members take inside the policy type; a rule may not use them.</summary>
        internal static readonly ImmutableHashSet<string> ReservedNames = ImmutableHashSet.Create(StringComparer.Ordinal, "Yaml", "FileName", "Policy", "Builder", "CreateBuilder", "RuleNames");

        public static PolicySpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var spec = Read(type, cancellationToken, out _);

            // Never emit a policy kube-apiserver would refuse; the analyzers report why.
            return spec is not null && PolicyValidator.Validate(spec.Policy).Count == 0 && !spec.Policy.Rules.IsEmpty ? spec : null;
        }

        /// <summary>
        /// Reads a policy type into a spec without validating the policy; on a declaration problem returns null and
        /// the reason. The analyzers use the same reader, so they and the generator always agree.
        /// </summary>
        public static PolicySpec? Read(INamedTypeSymbol type, CancellationToken cancellationToken, out string? problem)
            => Read(type, cancellationToken, out problem, out _);

        /// <summary>
        /// The same, with where the problem is when one attribute argument causes it (an out-of-range stage, a
        /// non-constant flag), so the analyzer reports it there rather than on [AuditPolicy]; null otherwise.
        /// </summary>
        public static PolicySpec? Read(INamedTypeSymbol type, CancellationToken cancellationToken, out string? problem, out Location? problemLocation)
        {
            problem = null;
            problemLocation = null;
            var policyAttribute = Find(type, KnownTypeNames.AuditPolicyAttribute);
            if (policyAttribute is null || policyAttribute.ConstructorArguments.Length != 1 || policyAttribute.ConstructorArguments[0].Value is not string name)
            {
                problem = "the [AuditPolicy] attribute needs a constant file name";
                return null;
            }

            if (!IsValidFileName(name))
            {
                problem = "the policy name '" + name + "' is not a valid file name";
                return null;
            }

            // Only classes and record classes are policies. Value types are not supported: a policy type only holds
            // static generated members and nested rule types and is never instantiated, so a struct's value semantics
            // mean nothing here, and the attributes target classes only (the compiler reports CS0592, as it does for
            // an interface). Rejecting the type here, rather than dropping it, makes the analyzer report PAC0009 with
            // the fix, so no [AuditPolicy] type goes silent.
            if (type.TypeKind != TypeKind.Class)
            {
                problem = NotAClassProblem(type);
                return null;
            }

            var hierarchy = new List<TypeDeclarationSpec>();
            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (!IsPartial(current) || current.IsGenericType)
                {
                    problem = "the type '" + current.Name + "' must be a non-generic partial type";
                    return null;
                }

                if (!IsIdentifier(current.Name))
                {
                    problem = "the type name is incomplete";
                    return null;
                }

                hierarchy.Insert(0, new TypeDeclarationSpec(Keyword(current), Escape(current.Name)));
            }

            foreach (var member in type.GetMembers())
            {
                // Members the generator itself emitted (visible to the analyzers, which see generated code) do not count.
                if (ReservedNames.Contains(member.Name) && Find(member, KnownTypeNames.RuleAttribute) is null
                    && !member.DeclaringSyntaxReferences.All(r => r.SyntaxTree.FilePath.EndsWith(".Policy.g.cs", StringComparison.Ordinal)))
                {
                    problem = "the policy type already has a member named '" + member.Name + "', which the generator emits";
                    return null;
                }
            }

            var rules = new List<(INamedTypeSymbol Type, AttributeData Attribute)>();
            foreach (var member in type.GetTypeMembers())
            {
                var ruleAttribute = Find(member, KnownTypeNames.RuleAttribute);
                if (ruleAttribute is not null)
                {
                    if (!IsIdentifier(member.Name))
                    {
                        problem = "a rule's type name is incomplete";
                        return null;
                    }

                    if (ReservedNames.Contains(member.Name))
                    {
                        problem = "a rule may not be named '" + member.Name + "'";
                        return null;
                    }

                    rules.Add((member, ruleAttribute));
                }
            }

            var ordered = Order(type, rules, out problem);
            if (ordered is null)
            {
                return null;
            }

            var policyRules = new List<PolicyRule>();
            foreach (var (ruleType, ruleAttribute) in ordered)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rule = ReadRule(ruleType, ruleAttribute);
                if (rule is null)
                {
                    problem = "the rule '" + ruleType.Name + "' has an argument that is not a valid constant";
                    problemLocation = InvalidFlagLocation(ruleType, cancellationToken)
                        ?? Analyzers.AttributeLocations.Where(ruleAttribute, cancellationToken);
                    return null;
                }

                policyRules.Add(rule);
            }

            var stages = Stages(Find(type, KnownTypeNames.OmitStagesAttribute), out var stagesOk);
            var omitManagedFields = Find(type, KnownTypeNames.OmitManagedFieldsAttribute);
            if (!stagesOk || (omitManagedFields is not null && omitManagedFields.ConstructorArguments.FirstOrDefault().Value is not bool))
            {
                problem = "a policy-level attribute has an argument that is not a valid constant";
                problemLocation = InvalidFlagLocation(type, cancellationToken);
                return null;
            }

            var policy = new Policy
            {
                Rules = new EquatableArray<PolicyRule>(policyRules),
                OmitStages = stages,
                OmitManagedFields = omitManagedFields is not null && (bool)omitManagedFields.ConstructorArguments[0].Value!,
            };

            var ns = type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
            if (ns.Length > 0 && !ns.Split('.').All(IsIdentifier))
            {
                problem = "the namespace name is incomplete";
                return null;
            }

            return new PolicySpec
            {
                Namespace = string.Join(".", ns.Split('.').Select(Escape)),
                TypeHierarchy = new EquatableArray<TypeDeclarationSpec>(hierarchy),
                FullName = FullName(type),
                FileName = name + ".yaml",
                Policy = policy,
                RuleNames = new EquatableArray<string>(ordered.Select(r => r.Type.Name)),
                RuleIdentifiers = new EquatableArray<string>(ordered.Select(r => Escape(r.Type.Name))),
                LogPaths = LogPaths(type),
            };
        }

        /// <summary>
        /// The log paths of the required sets' consumers, each as the set's name, a line feed and the path: the build's deployment files write the audit log where the
        /// consumer reads it (the build task has no compilation, so the generator hands the paths over in the manifest).
        /// </summary>
        private static EquatableArray<string> LogPaths(INamedTypeSymbol type)
        {
            var paths = new List<string>();
            foreach (var mustMeet in type.GetAttributes())
            {
                if (!KnownTypeNames.Is(mustMeet.AttributeClass, KnownTypeNames.MustMeetAttribute) || mustMeet.ConstructorArguments.FirstOrDefault().Value is not INamedTypeSymbol set)
                {
                    continue;
                }

                var setAttribute = Find(set, KnownTypeNames.RequirementSetAttribute);
                var setName = setAttribute?.ConstructorArguments.FirstOrDefault().Value as string ?? set.Name;
                foreach (var named in setAttribute?.NamedArguments ?? Enumerable.Empty<KeyValuePair<string, TypedConstant>>())
                {
                    // "name\npath": the build task names the set in its messages.
                    if (named.Key == "LogPath" && named.Value.Value is string path && !paths.Contains(setName + "\n" + path))
                    {
                        paths.Add(setName + "\n" + path);
                    }
                }
            }

            return new EquatableArray<string>(paths);
        }

        /// <summary>
        /// Rule order: every rule has an explicit Order (ascending, unique), or none has one and they are all
        /// declared in one file (source order). Anything else is ambiguous.
        /// </summary>
        private static List<(INamedTypeSymbol Type, AttributeData Attribute)>? Order(INamedTypeSymbol policy, List<(INamedTypeSymbol Type, AttributeData Attribute)> rules, out string? problem)
        {
            problem = null;
            var orders = rules.Select(r => ExplicitOrder(r.Attribute)).ToList();
            if (orders.All(o => o is not null))
            {
                if (orders.Distinct().Count() != orders.Count)
                {
                    problem = "two rules have the same Order";
                    return null;
                }

                return rules.Zip(orders, (r, o) => (r, o!.Value)).OrderBy(p => p.Value).Select(p => p.r).ToList();
            }

            if (orders.Any(o => o is not null))
            {
                problem = "either every rule sets Order or none does";
                return null;
            }

            var trees = rules.SelectMany(r => r.Type.DeclaringSyntaxReferences).Select(s => s.SyntaxTree).Distinct().ToList();
            if (trees.Count > 1)
            {
                problem = "the rules are declared in several files; set Order on every rule";
                return null;
            }

            return rules.OrderBy(r => r.Type.DeclaringSyntaxReferences.FirstOrDefault()?.Span.Start ?? 0).ToList();
        }

        private static int? ExplicitOrder(AttributeData attribute)
        {
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "Order" && named.Value.Value is int order)
                {
                    return order;
                }
            }

            return null;
        }

        private static PolicyRule? ReadRule(INamedTypeSymbol type, AttributeData ruleAttribute)
        {
            if (ruleAttribute.ConstructorArguments.Length != 1 || ruleAttribute.ConstructorArguments[0].Value is not int levelValue || levelValue < 0 || levelValue > 3)
            {
                return null;
            }

            var ok = true;
            var resources = new List<GroupResources>();
            foreach (var attribute in type.GetAttributes())
            {
                if (!KnownTypeNames.Is(attribute.AttributeClass, KnownTypeNames.ResourcesAttribute))
                {
                    continue;
                }

                if (attribute.ConstructorArguments.Length != 2 || attribute.ConstructorArguments[0].Value is not string group)
                {
                    return null;
                }

                var names = EquatableArray<string>.Empty;
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "ResourceNames")
                    {
                        names = StringArray(named.Value, ref ok);
                    }
                }

                resources.Add(new GroupResources { Group = group, Resources = StringArray(attribute.ConstructorArguments[1], ref ok), ResourceNames = names });
            }

            var stages = Stages(Find(type, KnownTypeNames.OmitStagesAttribute), out var stagesOk);
            var omit = Find(type, KnownTypeNames.OmitManagedFieldsAttribute);
            bool? omitManagedFields = null;
            if (omit is not null)
            {
                if (omit.ConstructorArguments.FirstOrDefault().Value is not bool value)
                {
                    return null;
                }

                omitManagedFields = value;
            }

            var rule = new PolicyRule
            {
                Level = (Level)levelValue,
                Users = Strings(type, KnownTypeNames.UsersAttribute, ref ok),
                UserGroups = Strings(type, KnownTypeNames.UserGroupsAttribute, ref ok),
                Verbs = Strings(type, KnownTypeNames.VerbsAttribute, ref ok),
                Resources = new EquatableArray<GroupResources>(resources),
                Namespaces = Strings(type, KnownTypeNames.NamespacesAttribute, ref ok),
                NonResourceURLs = Strings(type, KnownTypeNames.NonResourceUrlsAttribute, ref ok),
                OmitStages = stages,
                OmitManagedFields = omitManagedFields,
            };
            return ok && stagesOk ? rule : null;
        }

        private static EquatableArray<string> Strings(INamedTypeSymbol type, string attributeName, ref bool ok)
        {
            var attribute = Find(type, attributeName);
            if (attribute is null)
            {
                return EquatableArray<string>.Empty;
            }

            if (attribute.ConstructorArguments.Length != 1)
            {
                ok = false;
                return EquatableArray<string>.Empty;
            }

            return StringArray(attribute.ConstructorArguments[0], ref ok);
        }

        private static EquatableArray<string> StringArray(TypedConstant constant, ref bool ok)
        {
            if (constant.Kind != TypedConstantKind.Array || constant.IsNull)
            {
                ok = false;
                return EquatableArray<string>.Empty;
            }

            var values = new List<string>();
            foreach (var item in constant.Values)
            {
                if (item.Value is string s && !HasUnpairedSurrogate(s))
                {
                    values.Add(s);
                }
                else
                {
                    ok = false;
                }
            }

            return new EquatableArray<string>(values);
        }

        /// <summary>
        /// The rules of a policy type that read on their own (a named rule type whose arguments are valid constants),
        /// in declaration order. The analyzer checks what depends on one rule alone with them when the policy as a
        /// whole cannot be read, so a declaration problem elsewhere does not hide those findings.
        /// </summary>
        internal static List<(INamedTypeSymbol Type, PolicyRule Rule)> ReadableRules(INamedTypeSymbol type)
        {
            var readable = new List<(INamedTypeSymbol Type, PolicyRule Rule)>();
            foreach (var member in type.GetTypeMembers())
            {
                if (Find(member, KnownTypeNames.RuleAttribute) is { } ruleAttribute && IsIdentifier(member.Name) && !ReservedNames.Contains(member.Name)
                    && ReadRule(member, ruleAttribute) is { } rule)
                {
                    readable.Add((member, rule));
                }
            }

            return readable;
        }

        /// <summary>
        /// The argument of the type's [OmitStages] or [OmitManagedFields] that is not a valid constant, or null when
        /// both are valid (the problem is elsewhere).
        /// </summary>
        private static Location? InvalidFlagLocation(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            var omitStages = Find(type, KnownTypeNames.OmitStagesAttribute);
            if (omitStages is not null)
            {
                Stages(omitStages, out var ok);
                if (!ok)
                {
                    var values = omitStages.ConstructorArguments.Length == 1 && omitStages.ConstructorArguments[0].Kind == TypedConstantKind.Array
                        ? omitStages.ConstructorArguments[0].Values
                        : ImmutableArray<TypedConstant>.Empty;
                    var bad = values.IndexOf(values.FirstOrDefault(v => v.Value is not int value || value < 0 || value > 3));
                    return bad >= 0
                        ? Analyzers.AttributeLocations.ArgumentLocation(omitStages, bad, cancellationToken)
                        : Analyzers.AttributeLocations.Where(omitStages, cancellationToken);
                }
            }

            var omitManagedFields = Find(type, KnownTypeNames.OmitManagedFieldsAttribute);
            return omitManagedFields is not null && omitManagedFields.ConstructorArguments.FirstOrDefault().Value is not bool
                ? Analyzers.AttributeLocations.ArgumentLocation(omitManagedFields, 0, cancellationToken)
                : null;
        }

        private static EquatableArray<AuditStage> Stages(AttributeData? attribute, out bool ok)
        {
            ok = true;
            if (attribute is null)
            {
                return EquatableArray<AuditStage>.Empty;
            }

            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind != TypedConstantKind.Array)
            {
                ok = false;
                return EquatableArray<AuditStage>.Empty;
            }

            var stages = new List<AuditStage>();
            foreach (var item in attribute.ConstructorArguments[0].Values)
            {
                if (item.Value is int value && value >= 0 && value <= 3)
                {
                    stages.Add((Stage)value);
                }
                else
                {
                    ok = false;
                }
            }

            return new EquatableArray<AuditStage>(stages);
        }

        /// <summary>Reads a [RequirementSet] type from source or metadata.</summary>
        internal static RequirementSet? ReadRequirementSet(INamedTypeSymbol type)
        {
            var setAttribute = KnownTypeNames.Find(type, KnownTypeNames.RequirementSetAttribute);
            if (setAttribute?.ConstructorArguments.FirstOrDefault().Value is not string name)
            {
                return null;
            }

            var requirements = new List<Requirement>();
            foreach (var requires in KnownTypeNames.All(type, KnownTypeNames.RequiresAttribute))
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
                        "MaximumLevel" when named.Value.Value is int level => requirement with { MaximumLevel = (Level)level },
                        "ExactLevel" when named.Value.Value is int level => requirement with { MinimumLevel = (Level)level, MaximumLevel = (Level)level },
                        "KeepStages" => requirement with { KeptStages = StagesOf(named.Value) },
                        "EmitStages" => requirement with { EmittedStages = StagesOf(named.Value) },
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

        private static EquatableArray<AuditStage> StagesOf(TypedConstant constant)
            => constant.Kind == TypedConstantKind.Array ? new EquatableArray<AuditStage>(constant.Values.Where(v => v.Value is int).Select(v => (AuditStage)(Stage)(int)v.Value!)) : EquatableArray<AuditStage>.Empty;

        private static EquatableArray<string> Strings(TypedConstant constant)
            => constant.Kind == TypedConstantKind.Array ? new EquatableArray<string>(constant.Values.Select(v => v.Value as string ?? string.Empty)) : EquatableArray<string>.Empty;

        internal static AttributeData? Find(ISymbol symbol, string metadataName) => KnownTypeNames.Find(symbol, metadataName);

        private static bool IsPartial(INamedTypeSymbol type)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax declaration
                    && declaration.Modifiers.Any(m => m.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.PartialKeyword)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsIdentifier(string name) => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(name);

        /// <summary>A name as a C# identifier: keywords get '@'.</summary>
        private static string Escape(string name)
            => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

        /// <summary>The PAC0009 message for a policy declared as a struct, record struct, interface, enum or delegate.</summary>
        internal static string NotAClassProblem(INamedTypeSymbol type)
            => "the policy type '" + type.Name + "' is " + KindWithArticle(type) + "; declare it as a partial class or partial record";

        private static string KindWithArticle(INamedTypeSymbol type) => type switch
        {
            { IsRecord: true, TypeKind: TypeKind.Struct } => "a record struct",
            { TypeKind: TypeKind.Struct } => "a struct",
            { TypeKind: TypeKind.Interface } => "an interface",
            { TypeKind: TypeKind.Enum } => "an enum",
            { TypeKind: TypeKind.Delegate } => "a delegate",
            _ => "not a class",
        };

        private static string Keyword(INamedTypeSymbol type) => type switch
        {
            { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
            { IsRecord: true } => "record",
            { TypeKind: TypeKind.Struct } => "struct",
            { TypeKind: TypeKind.Interface } => "interface",
            _ => "class",
        };

        private static string FullName(INamedTypeSymbol type)
        {
            var names = new List<string>();
            for (var current = type; current is not null; current = current.ContainingType)
            {
                names.Insert(0, current.Name);
            }

            if (!type.ContainingNamespace.IsGlobalNamespace)
            {
                names.Insert(0, type.ContainingNamespace.ToDisplayString());
            }

            return string.Join(".", names);
        }

        /// <summary>A plain file name (the rule the build task applies too).</summary>
        internal static bool IsValidFileName(string name) => PolicyAsCode.Build.PolicyFileNames.IsValidName(name);

        private static bool HasUnpairedSurrogate(string value)
        {
            for (var i = 0; i < value.Length; i++)
            {
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(value[i]))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
