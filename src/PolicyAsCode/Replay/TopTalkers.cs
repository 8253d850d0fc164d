using System;
using System.Collections.Generic;
using System.Linq;

namespace PolicyAsCode.Replay;

/// <summary>Who produces the bytes: a (user, verb, resource) tuple; non-resource requests name their path.</summary>
/// <param name="User">The authenticated user (empty when none).</param>
/// <param name="Verb">The verb.</param>
/// <param name="ApiGroup">The API group of a resource request.</param>
/// <param name="Resource">The resource of a resource request.</param>
/// <param name="Subresource">The subresource of a resource request.</param>
/// <param name="Path">The path of a non-resource request (empty for resource requests).</param>
public readonly record struct TalkerKey(string User, string Verb, string ApiGroup, string Resource, string Subresource, string Path)
{
    /// <summary>The key of a request.</summary>
    public static TalkerKey Of(AuditRequest request) => request.ResourceRequest
        ? new(request.User ?? string.Empty, request.Verb, request.ApiGroup, request.Resource, request.Subresource, string.Empty)
        : new(request.User ?? string.Empty, request.Verb, string.Empty, string.Empty, string.Empty, request.Path);

    /// <summary><c>group/resource/subresource</c> (core group: <c>resource/subresource</c>), or the path.</summary>
    public string ResourceText => Path.Length > 0 || Resource.Length == 0
        ? Path
        : (ApiGroup.Length == 0 ? string.Empty : ApiGroup + "/") + Resource + (Subresource.Length == 0 ? string.Empty : "/" + Subresource);
}

/// <summary>A tuple's bytes before (baseline) and after (the new policy), and its events after.</summary>
public sealed class TalkerCount
{
    /// <summary>Bytes under the baseline.</summary>
    public long BaselineBytes { get; set; }

    /// <summary>Bytes under the new policy (estimates of missing bodies not included).</summary>
    public long Bytes { get; set; }

    /// <summary>Events under the new policy.</summary>
    public long Events { get; set; }
}

/// <summary>
/// The heaviest (user, verb, resource) tuples in bounded memory: at most <see cref="Limit"/> tuples are counted;
/// when the table is full, the lighter half (by the larger of baseline and new bytes) is dropped and
/// <see cref="DroppedBytes"/> records the most a dropped tuple had, which bounds what any tuple's count can miss.
/// The same input in the same order always gives the same table.
/// </summary>
internal sealed class TopTalkers
{
    public const int Limit = 20_000;

    public Dictionary<TalkerKey, TalkerCount> Counts { get; } = new();

    public long DroppedBytes { get; private set; }

    public TalkerCount this[TalkerKey key]
    {
        get
        {
            if (!Counts.TryGetValue(key, out var count))
            {
                if (Counts.Count >= Limit)
                {
                    Prune();
                }

                count = new TalkerCount();
                Counts.Add(key, count);
            }

            return count;
        }
    }

    public void Merge(TopTalkers other)
    {
        DroppedBytes = Math.Max(DroppedBytes, other.DroppedBytes);
        foreach (var (key, value) in other.Counts)
        {
            var count = this[key];
            count.BaselineBytes += value.BaselineBytes;
            count.Bytes += value.Bytes;
            count.Events += value.Events;
        }
    }

    private void Prune()
    {
        var ordered = Counts.OrderByDescending(p => Math.Max(p.Value.Bytes, p.Value.BaselineBytes))
            .ThenBy(p => p.Key.User, StringComparer.Ordinal).ThenBy(p => p.Key.Verb, StringComparer.Ordinal).ThenBy(p => p.Key.ResourceText, StringComparer.Ordinal)
            .ToList();
        for (var i = Limit / 2; i < ordered.Count; i++)
        {
            DroppedBytes = Math.Max(DroppedBytes, Math.Max(ordered[i].Value.Bytes, ordered[i].Value.BaselineBytes));
            Counts.Remove(ordered[i].Key);
        }
    }
}
