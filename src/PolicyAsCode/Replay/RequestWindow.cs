using System;
using System.Collections.Generic;

namespace PolicyAsCode.Replay;

/// <summary>
/// Tells the first event of a request from its later stages by <c>auditID</c>, in bounded memory: the IDs of the
/// last <see cref="Capacity"/> requests are remembered. kube-apiserver writes a request's stage events close
/// together (RequestReceived, then ResponseStarted for long-running requests, then ResponseComplete), so a
/// request counts once unless more than <see cref="Capacity"/> other requests start between two of its events
/// (a watch open for very long on a busy server); then it counts again.
/// </summary>
internal sealed class RequestWindow
{
    /// <summary>How many recent requests are remembered (about 10 MB).</summary>
    public const int Capacity = 1 << 18;

    private readonly HashSet<UInt128> _seen = new();
    private readonly UInt128[] _ring = new UInt128[Capacity];
    private int _next;
    private bool _full;

    /// <summary>Whether an ID is in the window.</summary>
    public bool Contains(UInt128 id) => _seen.Contains(id);

    /// <summary>True the first time an ID is seen (within the window).</summary>
    public bool IsNew(UInt128 id)
    {
        if (!_seen.Add(id))
        {
            return false;
        }

        if (_full)
        {
            _seen.Remove(_ring[_next]);
        }

        _ring[_next] = id;
        if (++_next == Capacity)
        {
            _next = 0;
            _full = true;
        }

        return true;
    }
}
