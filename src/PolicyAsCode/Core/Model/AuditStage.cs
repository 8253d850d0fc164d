using System;

namespace PolicyAsCode;

/// <summary>
/// An audit stage (<c>RequestReceived</c>, <c>ResponseStarted</c>, <c>ResponseComplete</c>, <c>Panic</c>).
/// Like <see cref="Level"/> it keeps the decoded string so an invalid stage can be represented and reported.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
readonly struct AuditStage : IEquatable<AuditStage>
{
    private readonly string? _value;

    /// <summary>Creates a stage from its wire value.</summary>
    public AuditStage(string? value) => _value = value;

    /// <summary>As soon as the audit handler receives the request.</summary>
    public static AuditStage RequestReceived => new("RequestReceived");

    /// <summary>Once the response headers are sent (long-running requests only).</summary>
    public static AuditStage ResponseStarted => new("ResponseStarted");

    /// <summary>Once the response body has been sent.</summary>
    public static AuditStage ResponseComplete => new("ResponseComplete");

    /// <summary>When the handler panicked.</summary>
    public static AuditStage Panic => new("Panic");

    /// <summary>The four stages in the order kube-apiserver lists them in errors.</summary>
    public static AuditStage[] All => new[] { RequestReceived, ResponseStarted, ResponseComplete, Panic };

    /// <summary>The wire value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>True for exactly one of the four stage names (case-sensitive).</summary>
    public bool IsKnown => Flag != StageSet.Empty;

    /// <summary>The single-stage set for a known stage; the empty set otherwise.</summary>
    public StageSet Flag => Value switch
    {
        "RequestReceived" => StageSet.RequestReceived,
        "ResponseStarted" => StageSet.ResponseStarted,
        "ResponseComplete" => StageSet.ResponseComplete,
        "Panic" => StageSet.Panic,
        _ => StageSet.Empty,
    };

    /// <inheritdoc/>
    public bool Equals(AuditStage other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AuditStage other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>Equality of wire values.</summary>
    public static bool operator ==(AuditStage left, AuditStage right) => left.Equals(right);

    /// <summary>Inequality of wire values.</summary>
    public static bool operator !=(AuditStage left, AuditStage right) => !left.Equals(right);

    /// <summary>Wraps a wire value.</summary>
    public static implicit operator AuditStage(string? value) => new(value);

    /// <summary>The wire value of a <see cref="PolicyAsCode.Stage"/>.</summary>
    public static implicit operator AuditStage(Stage stage) => stage switch
    {
        PolicyAsCode.Stage.RequestReceived => RequestReceived,
        PolicyAsCode.Stage.ResponseStarted => ResponseStarted,
        PolicyAsCode.Stage.ResponseComplete => ResponseComplete,
        PolicyAsCode.Stage.Panic => Panic,
        _ => new AuditStage(((int)stage).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };
}

/// <summary>A set of stages, as the evaluator returns it (upstream builds it from a Go map: it has no order).</summary>
[Flags]
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
enum StageSet : byte
{
    /// <summary>No stage.</summary>
    Empty = 0,

    /// <summary><c>RequestReceived</c>.</summary>
    RequestReceived = 1,

    /// <summary><c>ResponseStarted</c>.</summary>
    ResponseStarted = 2,

    /// <summary><c>ResponseComplete</c>.</summary>
    ResponseComplete = 4,

    /// <summary><c>Panic</c>.</summary>
    Panic = 8,
}

/// <summary>Helpers for <see cref="StageSet"/>.</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static class StageSets
{
    /// <summary>The set of the known stages in <paramref name="stages"/>.</summary>
    public static StageSet Of(EquatableArray<AuditStage> stages)
    {
        var set = StageSet.Empty;
        foreach (var stage in stages.UnsafeArray)
        {
            set |= stage.Flag;
        }

        return set;
    }

    /// <summary>The stage names in the set, sorted ordinally (the order the test vectors list them in).</summary>
    public static string[] ToSortedNames(this StageSet set)
    {
        var names = new System.Collections.Generic.List<string>(4);
        foreach (var stage in AuditStage.All)
        {
            if ((set & stage.Flag) != 0)
            {
                names.Add(stage.Value);
            }
        }

        names.Sort(StringComparer.Ordinal);
        return names.ToArray();
    }
}
