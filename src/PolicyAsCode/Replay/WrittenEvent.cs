namespace PolicyAsCode.Replay;

/// <summary>
/// One logged event as kube-apiserver would write it under another decision: whether it is written at all (a
/// level of None, or its stage in the effective <c>omitStages</c>, writes nothing), and its size in bytes.
/// </summary>
/// <param name="Written">Whether the event is written.</param>
/// <param name="Bytes">Its size with the newline (0 when not written), the estimate of missing bodies not included.</param>
/// <param name="MissingRequestBody">The decision records a request body the log never had (a raised level).</param>
/// <param name="MissingResponseBody">The decision records a response body the log never had (a raised level).</param>
public readonly record struct WrittenEvent(bool Written, long Bytes, bool MissingRequestBody, bool MissingResponseBody)
{
    /// <summary>
    /// The event under <paramref name="decision"/>: <c>requestObject</c> is dropped below Request,
    /// <c>responseObject</c> below RequestResponse, <c>metadata.managedFields</c> of the bodies that stay when
    /// <c>omitManagedFields</c> holds, and the <c>"level"</c> value changes length. A level above the recorded one
    /// cannot add a body the log never recorded: that is flagged for an estimate, for the final event of a
    /// resource request that has such a body (reads have no request body; watches log no response body).
    /// </summary>
    public static WrittenEvent Of(AuditEvent e, AuditDecision decision)
    {
        var level = decision.Level.Ordinal;
        if (level <= 0 || (decision.OmitStages & e.Stage) != 0)
        {
            return default;
        }

        long bytes = e.Bytes + decision.Level.Value.Length - e.Level.Value.Length;
        var recorded = e.Level.Ordinal;
        if (level < 2)
        {
            bytes -= e.RequestObjectBytes;
        }
        else if (decision.OmitManagedFields)
        {
            bytes -= e.RequestManagedFieldsBytes;
        }

        if (level < 3)
        {
            bytes -= e.ResponseObjectBytes;
        }
        else if (decision.OmitManagedFields)
        {
            bytes -= e.ResponseManagedFieldsBytes;
        }

        var final = e.Stage is StageSet.ResponseComplete or StageSet.Panic;
        var request = e.Request;
        var verb = request.Verb;
        var read = verb is "get" or "list" or "watch";
        var missingRequest = final && request.ResourceRequest && level >= 2 && recorded < 2 && !read;
        var missingResponse = final && request.ResourceRequest && level >= 3 && recorded < 3 && verb != "watch";
        return new WrittenEvent(true, bytes, missingRequest, missingResponse);
    }
}
