using System;
using System.Collections.Generic;
using System.Linq;

namespace PolicyAsCode.Tests;

/// <summary>
/// Large policies for the diff's tests and benchmarks (the benchmark project links this file): reproducible from a
/// seed, shaped like real ones, so their size, not a pathological shape, is what is measured.
/// </summary>
internal static class GeneratedPolicies
{
    /// <summary>A policy shaped like real ones: subjects, verbs, namespaces and resources from realistic pools, a catch-all last.</summary>
    public static Policy Create(int count, int seed)
    {
        var random = new Random(seed);
        string[] verbs = { "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection" };
        string[] levels = { "None", "Metadata", "Request", "RequestResponse" };
        var rules = new List<PolicyRule>();
        for (var i = 0; i < count - 1; i++)
        {
            var rule = new PolicyRule { Level = new AuditLevel(levels[random.Next(4)]) };
            switch (random.Next(4))
            {
                case 0: rule = rule with { Users = new EquatableArray<string>(new[] { "system:user-" + random.Next(count / 4 + 1) }) }; break;
                case 1: rule = rule with { UserGroups = new EquatableArray<string>(new[] { "group-" + random.Next(count / 8 + 1) }) }; break;
            }

            if (random.Next(2) == 0)
            {
                rule = rule with { Verbs = new EquatableArray<string>(verbs.Where(_ => random.Next(3) == 0).DefaultIfEmpty("get")) };
            }

            if (random.Next(6) == 0)
            {
                rule = rule with { NonResourceURLs = new EquatableArray<string>(new[] { "/path-" + random.Next(count) + (random.Next(2) == 0 ? "*" : string.Empty) }) };
            }
            else
            {
                if (random.Next(2) == 0)
                {
                    rule = rule with { Namespaces = new EquatableArray<string>(new[] { "ns-" + random.Next(count / 2 + 1) }) };
                }

                var group = random.Next(3) == 0 ? string.Empty : "group" + random.Next(20) + ".example.com";
                var resource = "res" + random.Next(count) + (random.Next(4) == 0 ? "/status" : string.Empty);
                rule = rule with { Resources = new EquatableArray<GroupResources>(new[] { new GroupResources { Group = group, Resources = new EquatableArray<string>(new[] { resource }) } }) };
            }

            rules.Add(rule);
        }

        rules.Add(new PolicyRule { Level = AuditLevel.Metadata });
        return new Policy { Rules = new EquatableArray<PolicyRule>(rules), OmitStages = new EquatableArray<AuditStage>(new[] { AuditStage.RequestReceived }) };
    }
}
