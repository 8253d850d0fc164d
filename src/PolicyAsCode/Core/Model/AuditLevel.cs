using System;

namespace PolicyAsCode;

/// <summary>
/// An audit level (<c>None</c>, <c>Metadata</c>, <c>Request</c>, <c>RequestResponse</c>). It holds the string
/// kube-apiserver decoded, so a model can also carry an invalid level (for example <c>metadata</c>) and the
/// validator can report it with the apiserver's exact message. <c>default(AuditLevel)</c> is the empty string,
/// which is what an absent <c>level:</c> decodes to.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
readonly struct AuditLevel : IEquatable<AuditLevel>, IComparable<AuditLevel>
{
    private readonly string? _value;

    /// <summary>Creates a level from its wire value (any string; see <see cref="IsKnown"/>).</summary>
    public AuditLevel(string? value) => _value = value;

    /// <summary>No audit event.</summary>
    public static AuditLevel None => new("None");

    /// <summary>Metadata only: user, verb, object reference, response status; no bodies.</summary>
    public static AuditLevel Metadata => new("Metadata");

    /// <summary>Metadata and the request body.</summary>
    public static AuditLevel Request => new("Request");

    /// <summary>Metadata, the request body and the response body.</summary>
    public static AuditLevel RequestResponse => new("RequestResponse");

    /// <summary>The four levels, least to most detailed (the order kube-apiserver lists them in errors).</summary>
    public static AuditLevel[] All => new[] { None, Metadata, Request, RequestResponse };

    /// <summary>The wire value (empty when absent).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>True for exactly one of the four level names (case-sensitive).</summary>
    public bool IsKnown => Ordinal >= 0;

    /// <summary>
    /// 0 (None) to 3 (RequestResponse); -1 for an unknown string. Upstream's <c>ordLevel</c> maps unknown
    /// strings to 0, but validation rejects them before evaluation ever sees them.
    /// </summary>
    public int Ordinal => Value switch
    {
        "None" => 0,
        "Metadata" => 1,
        "Request" => 2,
        "RequestResponse" => 3,
        _ => -1,
    };

    /// <summary>True when this level records at least as much as <paramref name="other"/>.</summary>
    public bool AtLeast(AuditLevel other) => Ordinal >= other.Ordinal;

    /// <inheritdoc/>
    public int CompareTo(AuditLevel other) => Ordinal.CompareTo(other.Ordinal);

    /// <inheritdoc/>
    public bool Equals(AuditLevel other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AuditLevel other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>Equality of wire values.</summary>
    public static bool operator ==(AuditLevel left, AuditLevel right) => left.Equals(right);

    /// <summary>Inequality of wire values.</summary>
    public static bool operator !=(AuditLevel left, AuditLevel right) => !left.Equals(right);

    /// <summary>Wraps a wire value.</summary>
    public static implicit operator AuditLevel(string? value) => new(value);

    /// <summary>The wire value of a <see cref="PolicyAsCode.Level"/>.</summary>
    public static implicit operator AuditLevel(Level level) => level switch
    {
        PolicyAsCode.Level.None => None,
        PolicyAsCode.Level.Metadata => Metadata,
        PolicyAsCode.Level.Request => Request,
        PolicyAsCode.Level.RequestResponse => RequestResponse,
        _ => new AuditLevel(((int)level).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };
}
