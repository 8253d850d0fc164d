namespace PolicyAsCode;

/// <summary>The audit levels, least to most detailed. Usable in attributes; converts to <see cref="AuditLevel"/>.</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
enum Level
{
    /// <summary>No audit event.</summary>
    None,

    /// <summary>Request metadata only; no bodies.</summary>
    Metadata,

    /// <summary>Metadata and the request body.</summary>
    Request,

    /// <summary>Metadata, the request body and the response body.</summary>
    RequestResponse,
}

/// <summary>The audit stages. Usable in attributes; converts to <see cref="AuditStage"/>.</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
enum Stage
{
    /// <summary>As soon as the audit handler receives the request.</summary>
    RequestReceived,

    /// <summary>Once the response headers are sent (long-running requests only).</summary>
    ResponseStarted,

    /// <summary>Once the response body has been sent.</summary>
    ResponseComplete,

    /// <summary>When the handler panicked.</summary>
    Panic,
}
