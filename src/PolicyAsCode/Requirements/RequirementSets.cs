using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace PolicyAsCode;

/// <summary>Reads requirement sets declared with attributes, at run time (the analyzers read the same attributes from metadata).</summary>
public static class RequirementSets
{
    /// <summary>The built-in Calico Cloud requirements.</summary>
    public static RequirementSet CalicoCloud => FromType(typeof(Requirements.CalicoCloud));

    /// <summary>What the Falco k8saudit plugin's rules read.</summary>
    public static RequirementSet FalcoK8sAudit => FromType(typeof(Requirements.FalcoK8sAudit));

    /// <summary>What Elastic's Kubernetes detection rules read (some at an exact level).</summary>
    public static RequirementSet ElasticKubernetes => FromType(typeof(Requirements.ElasticKubernetes));

    /// <summary>CIS Kubernetes Benchmark 3.2.2, v1.10 wording.</summary>
    public static RequirementSet Cis322 => FromType(typeof(Requirements.Cis322));

    /// <summary>CIS Kubernetes Benchmark 3.2.2, v2 wording (adds certificate signing requests and token creation).</summary>
    public static RequirementSet Cis322V2 => FromType(typeof(Requirements.Cis322V2));

    /// <summary>DISA Kubernetes STIG V-242403: everything at RequestResponse.</summary>
    public static RequirementSet DisaStig => FromType(typeof(Requirements.DisaStig));

    /// <summary>The built-in sets by name, each read when asked for: reading one reflects over its attributes.</summary>
    private static readonly (string Name, Func<RequirementSet> Read)[] Named =
    {
        ("CalicoCloud", () => CalicoCloud),
        ("FalcoK8sAudit", () => FalcoK8sAudit),
        ("ElasticKubernetes", () => ElasticKubernetes),
        ("Cis322", () => Cis322),
        ("Cis322V2", () => Cis322V2),
        ("DisaStig", () => DisaStig),
    };

    /// <summary>The built-in sets by name (each type is named by <c>typeof</c>, so trimming and native AOT keep it and its attributes).</summary>
    public static IReadOnlyDictionary<string, RequirementSet> BuiltIn
    {
        get
        {
            var sets = new Dictionary<string, RequirementSet>(StringComparer.Ordinal);
            foreach (var (name, read) in Named)
            {
                sets[name] = read();
            }

            return sets;
        }
    }

    /// <summary>The names of the built-in sets, in order, without reading any (the tool's help text lists them).</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = Array.ConvertAll(Named, n => n.Name);

    /// <summary>The built-in set of this name, or null: only that set is read.</summary>
    public static RequirementSet? BuiltInNamed(string name)
    {
        foreach (var (known, read) in Named)
        {
            if (string.Equals(known, name, StringComparison.Ordinal))
            {
                return read();
            }
        }

        return null;
    }

    /// <summary>Reads a type marked <see cref="RequirementSetAttribute"/>.</summary>
    public static RequirementSet FromType(Type type)
    {
        var set = type.GetCustomAttribute<RequirementSetAttribute>()
            ?? throw new ArgumentException("The type " + type.FullName + " has no [RequirementSet] attribute.", nameof(type));
        var requirements = new List<Requirement>();
        foreach (var requires in type.GetCustomAttributes<RequiresAttribute>())
        {
            var kept = new List<AuditStage>();
            foreach (var stage in requires.KeepStages)
            {
                kept.Add(stage);
            }

            var emitted = new List<AuditStage>();
            foreach (var stage in requires.EmitStages)
            {
                emitted.Add(stage);
            }

            requirements.Add(new Requirement
            {
                Group = requires.Group,
                Resources = new EquatableArray<string>(requires.Resources),
                Verbs = new EquatableArray<string>(requires.Verbs),
                MinimumLevel = requires.MinimumLevel,
                MaximumLevel = requires.MaximumLevel,
                KeptStages = new EquatableArray<AuditStage>(kept),
                EmittedStages = new EquatableArray<AuditStage>(emitted),
                Namespaces = new EquatableArray<string>(requires.Namespaces),
                Users = new EquatableArray<string>(requires.Users),
                UserGroups = new EquatableArray<string>(requires.UserGroups),
                Optional = requires.Optional,
            });
        }

        return new RequirementSet { Name = set.Name, Requirements = new EquatableArray<Requirement>(requirements), LogPath = set.LogPath };
    }

    /// <summary>Every requirement set type in an assembly.</summary>
    [RequiresUnreferencedCode("Enumerates the types of an assembly loaded at run time; a trimmed or native application may lack them.")]
    public static IEnumerable<RequirementSet> FromAssembly(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
        {
            if (type.GetCustomAttribute<RequirementSetAttribute>() is not null)
            {
                yield return FromType(type);
            }
        }
    }
}
