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

    public static FindingData Of(RequirementGap gap) => new RequirementData(gap);

    public static FindingData Of(LintFinding lint) => new LintData(lint);

    /// <summary>
    /// A requirement gap: the set, the kind, the cells it affects as <c>{group, resource, verb}</c>, the example request
    /// in the form <c>explain --requests</c> reads (one JSON object) and the deciding rule (-1: none).
    /// </summary>
    private sealed record RequirementData(RequirementGap Gap) : FindingData
    {
        public override void Write(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("requirementSet", Gap.SetName);
            json.WriteString("kind", Gap.Kind.ToString());
            json.WriteBoolean("optional", Gap.Requirement.Optional);
            json.WriteStartArray("cells");
            json.WriteStartObject();
            json.WriteString("group", Gap.Requirement.Group);
            json.WriteString("resource", Gap.Resource);
            json.WriteString("verb", Gap.Verb);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WritePropertyName("example");
            // The request as one explain --requests line reads it (same keys, same meaning, same writer).
            Commands.ExplainCommand.WriteRequest(json, Gap.Example);
            json.WriteNumber("decidingRule", Gap.Decision.MatchedRule);
            json.WriteString("decidedLevel", Gap.Decision.Level.Value);
            json.WriteString("requiredLevel", Gap.Requirement.MinimumLevel.Value);
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
