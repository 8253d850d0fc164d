using System.Collections.Generic;

namespace PolicyAsCode.Tests.Synthesis;

/// <summary>Requirement sets for the synthesizer's tests: each kind of requirement once (the built-in sets aside).</summary>
internal static class SynthesisSets
{
    private static readonly string[] Changes = { "create", "update", "patch", "delete" };

    /// <summary>Secrets at Metadata at most (a maximum only, as CIS 3.2.2).</summary>
    public static RequirementSet SecretsAtMost => Set("SecretsAtMost", new Requirement { Resources = EquatableArray.Create("secrets"), MinimumLevel = AuditLevel.None, MaximumLevel = AuditLevel.Metadata });

    /// <summary>Exec with its ResponseStarted event emitted, and logs read at Metadata (Falco-like).</summary>
    public static RequirementSet Exec => Set(
        "Exec",
        new Requirement { Resources = EquatableArray.Create("pods/exec", "pods/attach"), Verbs = EquatableArray.Create("create", "get"), MinimumLevel = AuditLevel.None, EmittedStages = EquatableArray.Create(AuditStage.ResponseStarted) },
        new Requirement { Resources = EquatableArray.Create("pods/log"), Verbs = EquatableArray.Create("get"), MinimumLevel = AuditLevel.Metadata, KeptStages = EquatableArray.Create(AuditStage.ResponseComplete) });

    /// <summary>Config map changes at exactly Request (an exact level, as Elastic's rules test).</summary>
    public static RequirementSet ExactConfigMaps => Set("ExactConfigMaps", new Requirement { Resources = EquatableArray.Create("configmaps"), Verbs = EquatableArray.Create("update", "patch"), MinimumLevel = AuditLevel.Request, MaximumLevel = AuditLevel.Request, KeptStages = EquatableArray.Create(AuditStage.ResponseComplete) });

    /// <summary>Scoped requirements: one user's pod changes, one namespace's deployments, one group's node updates.</summary>
    public static RequirementSet Scoped => Set(
        "Scoped",
        new Requirement { Resources = EquatableArray.Create("pods"), Verbs = EquatableArray.Create(Changes), Users = EquatableArray.Create("admin"), MinimumLevel = AuditLevel.RequestResponse, KeptStages = EquatableArray.Create(AuditStage.RequestReceived, AuditStage.ResponseComplete) },
        new Requirement { Group = "apps", Resources = EquatableArray.Create("deployments"), Verbs = EquatableArray.Create(Changes), Namespaces = EquatableArray.Create("prod"), MinimumLevel = AuditLevel.Request, KeptStages = EquatableArray.Create(AuditStage.ResponseComplete) },
        new Requirement { Resources = EquatableArray.Create("nodes"), Verbs = EquatableArray.Create("update", "patch"), UserGroups = EquatableArray.Create("system:nodes"), MinimumLevel = AuditLevel.Request, KeptStages = EquatableArray.Create(AuditStage.ResponseComplete) });

    /// <summary>Wildcards: every delete in every group, everything in apps, every verb on roles.</summary>
    public static RequirementSet Wildcards => Set(
        "Wildcards",
        new Requirement { Group = "*", Resources = EquatableArray.Create("*"), Verbs = EquatableArray.Create("delete"), MinimumLevel = AuditLevel.Metadata, KeptStages = EquatableArray.Create(AuditStage.ResponseComplete) },
        new Requirement { Group = "apps", Resources = EquatableArray.Create("*"), Verbs = EquatableArray.Create("create", "update", "patch"), MinimumLevel = AuditLevel.Metadata, KeptStages = EquatableArray.Create(AuditStage.ResponseComplete) },
        new Requirement { Group = "rbac.authorization.k8s.io", Resources = EquatableArray.Create("roles", "clusterroles"), MinimumLevel = AuditLevel.Request, KeptStages = EquatableArray.Create(AuditStage.ResponseComplete) });

    /// <summary>Optional requirements count too: an optional group no longer served, and an optional custom resource.</summary>
    public static RequirementSet Optional => Set(
        "Optional",
        new Requirement { Group = "example.com", Resources = EquatableArray.Create("crontabs"), Verbs = EquatableArray.Create(Changes), MinimumLevel = AuditLevel.Request, KeptStages = EquatableArray.Create(AuditStage.ResponseComplete), Optional = true });

    /// <summary>Secret reads at RequestResponse: conflicts with <see cref="SecretsAtMost"/>.</summary>
    public static RequirementSet SecretBodies => Set("SecretBodies", new Requirement { Resources = EquatableArray.Create("secrets"), Verbs = EquatableArray.Create("get"), MinimumLevel = AuditLevel.RequestResponse });

    /// <summary>Every set that conflicts with none of the others.</summary>
    public static IReadOnlyList<RequirementSet> Compatible => new[] { RequirementSets.CalicoCloud, SecretsAtMost, Exec, ExactConfigMaps, Scoped, Wildcards, Optional };

    private static RequirementSet Set(string name, params Requirement[] requirements)
        => new() { Name = name, Requirements = new EquatableArray<Requirement>(requirements) };
}
