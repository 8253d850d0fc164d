using System;

namespace PolicyAsCode.Replay;

/// <summary>
/// What replay needs from one audit.k8s.io/v1 <c>Event</c> line: the request kube-apiserver evaluated the policy
/// for, the recorded level and stage, the request's <c>auditID</c>, the stage time, and the sizes of the parts
/// a different policy would leave out. One instance is reused for every line of a file (no allocation per event).
/// </summary>
public sealed class AuditEvent
{
    /// <summary>The request as the policy sees it (the authenticated <c>user</c>, not <c>impersonatedUser</c>:
    /// kube-apiserver evaluates the policy before impersonation takes effect).</summary>
    public AuditRequest Request { get; internal set; } = new();

    /// <summary>The level the event was recorded at.</summary>
    public AuditLevel Level { get; internal set; }

    /// <summary>The stage of this event.</summary>
    public StageSet Stage { get; internal set; }

    /// <summary>The request's <c>auditID</c>, hashed to 128 bits (a UUID is read exactly).</summary>
    public UInt128 AuditId { get; internal set; }

    private byte[] _id = new byte[64];
    private int _idLength;

    /// <summary>The <c>auditID</c> as written, decoded only when a report quotes the event.</summary>
    public string AuditIdText => System.Text.Encoding.UTF8.GetString(_id, 0, _idLength);

    /// <summary><c>stageTimestamp</c> in ticks (UTC), else <c>requestReceivedTimestamp</c>, else v1beta1's <c>timestamp</c>; 0 when none is readable.</summary>
    public long StageTicks { get; internal set; }

    /// <summary>The line's length in bytes, with its newline, as the log backend wrote it.</summary>
    public int Bytes { get; internal set; }

    /// <summary>Bytes the <c>"requestObject":...</c> member takes, with its comma (0 when absent).</summary>
    public int RequestObjectBytes { get; internal set; }

    /// <summary>Bytes the <c>"responseObject":...</c> member takes, with its comma (0 when absent).</summary>
    public int ResponseObjectBytes { get; internal set; }

    /// <summary>Bytes of <c>metadata.managedFields</c> members inside <c>requestObject</c>, with commas.</summary>
    public int RequestManagedFieldsBytes { get; internal set; }

    /// <summary>Bytes of <c>metadata.managedFields</c> members inside <c>responseObject</c>, with commas.</summary>
    public int ResponseManagedFieldsBytes { get; internal set; }

    internal void SetIdText(ReadOnlySpan<byte> id)
    {
        if (id.Length > _id.Length)
        {
            _id = new byte[id.Length];
        }

        id.CopyTo(_id);
        _idLength = id.Length;
    }
}
