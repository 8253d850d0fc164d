using System.Text.Json;

namespace PolicyAsCode.Cli;

/// <summary>
/// The structured part of a finding, written next to its message: <c>data</c> in <c>validate --format json</c>,
/// <c>properties</c> in SARIF (docs/findings-json.md). Built from the core's typed results, never from message text.
/// </summary>
internal abstract record FindingData
{
    /// <summary>Writes the data as one JSON object.</summary>
    public abstract void Write(Utf8JsonWriter json);

    public static FindingData Of(RequirementFinding finding, int ruleCount) => new RequirementData(finding, ruleCount);

    public static FindingData Of(LintFinding lint) => new LintData(lint);

    public static FindingData Of(RequirementConflict conflict) => new ConflictData(conflict);

    /// <summary>
    /// A conflict between two sets (PAC0014): the set that needs more and its level, the set that allows less and what
    /// it allows, the cell, and an example request both cover (as <c>explain --requests</c> reads it, and as HTTP).
    /// </summary>
    private sealed record ConflictData(RequirementConflict Conflict) : FindingData
    {
        public override void Write(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("needsMoreSet", Conflict.NeedsMoreSet);
            json.WriteString("needs", Conflict.NeedsMore.NeedsText);
            json.WriteString("allowsLessSet", Conflict.AllowsLessSet);
            json.WriteString("allows", Conflict.AllowsLess.NeedsText);
            json.WriteStartObject("cell");
            json.WriteString("group", Conflict.Group);
            json.WriteString("resource", Conflict.Resource);
            json.WriteString("verb", Conflict.Verb);
            json.WriteEndObject();
            json.WritePropertyName("example");
            Commands.ExplainCommand.WriteRequest(json, Conflict.Example);
            if (Conflict.ExampleHttp is { } http)
            {
                json.WriteString("exampleHttp", http);
            }

            json.WriteEndObject();
        }
    }

    /// <summary>
    /// A requirement finding: the set, the kind, every cell it groups as <c>{group, resource, verb}</c>, the example
    /// request in the form <c>explain --requests</c> reads (one JSON object) and as kube-apiserver receives it
    /// (<c>exampleHttp</c>, for <c>explain --http</c>), the deciding rule (-1: none) and the verified fixes.
    /// </summary>
    private sealed record RequirementData(RequirementFinding Finding, int RuleCount) : FindingData
    {
        public override void Write(Utf8JsonWriter json)
        {
            var example = Finding.Example;
            json.WriteStartObject();
            json.WriteString("requirementSet", Finding.SetName);
            json.WriteString("kind", Finding.Kind.ToString());
            json.WriteBoolean("optional", Finding.Optional);
            json.WriteStartArray("cells");
            foreach (var gap in Finding.Gaps)
            {
                json.WriteStartObject();
                json.WriteString("group", gap.Group);
                json.WriteString("resource", gap.Resource);
                json.WriteString("verb", gap.Verb);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WritePropertyName("example");
            // The request as one explain --requests line reads it (same keys, same meaning, same writer).
            Commands.ExplainCommand.WriteRequest(json, example.Example);
            if (example.ExampleHttp is { } http)
            {
                json.WriteString("exampleHttp", http);
            }

            json.WriteNumber("decidingRule", Finding.DecidingRule);
            json.WriteString("decidedLevel", example.Decision.Level.Value);
            json.WriteString("requiredLevel", example.Requirement.MinimumLevel.Value);
            json.WriteString("maximumLevel", example.Requirement.MaximumLevel.Value);
            json.WriteStartArray("fixes");
            foreach (var fix in Finding.Fixes)
            {
                json.WriteStartObject();
                json.WriteString("kind", fix.Kind.ToString());
                json.WriteNumber("rule", fix.Rule);
                json.WriteString("verb", fix.Verb);
                json.WriteString("group", fix.Group);
                json.WriteString("resource", fix.Resource);
                json.WriteString("description", fix.Describe(RuleCount, i => RuleReference.Of(i, null)));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
    }

    /// <summary>A lint finding's typed position (field, entry, item), the replacement value and the covering item when there is one.</summary>
    private sealed record LintData(LintFinding Lint) : FindingData
    {
        public override void Write(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("field", Lint.Field);
            json.WriteNumber("entryIndex", Lint.ResourceIndex);
            json.WriteNumber("itemIndex", Lint.ItemIndex);
            if (Lint.Suggestion is { } suggestion)
            {
                json.WriteString("suggestion", suggestion);
            }

            json.WriteBoolean("removable", Lint.Removable);
            if (Lint.CoveredBy is { } by)
            {
                json.WriteStartObject("coveredBy");
                json.WriteString("field", by.Field);
                json.WriteNumber("entryIndex", by.EntryIndex);
                json.WriteNumber("itemIndex", by.ItemIndex);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }
    }
}
