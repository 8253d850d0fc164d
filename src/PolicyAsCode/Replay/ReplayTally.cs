using System;
using System.Collections.Generic;

namespace PolicyAsCode.Replay;

/// <summary>
/// The counters of one replay over one input (a file, or standard input), mergeable in input order. Everything
/// here is bounded: arrays per rule, tables keyed by (group, resource, subresource, verb) and by minute, the
/// top-talker table, the auditID window, the first non-event lines.
/// </summary>
internal sealed class ReplayTally
{
    /// <summary>How many non-event lines are kept with their location (all are counted).</summary>
    public const int KeptNotEvents = 50;

    private readonly PolicyEvaluator _new;
    private readonly PolicyEvaluator? _old;
    private RequestWindow? _window = new();

    public ReplayTally(PolicyEvaluator newPolicy, int newRules, PolicyEvaluator? oldPolicy, int oldRules)
    {
        _new = newPolicy;
        _old = oldPolicy;
        New = new Counters(newRules + 1);
        BaselineOfNew = new Counters(newRules + 1);
        Old = oldPolicy is null ? null : new Counters(oldRules + 1);
    }

    /// <summary>Per rule of the new policy (index 0: no rule matched, level None).</summary>
    public Counters New { get; }

    /// <summary>The baseline's events and bytes of the requests each new rule decides.</summary>
    public Counters BaselineOfNew { get; }

    /// <summary>Per rule of the baseline policy, when one is given.</summary>
    public Counters? Old { get; }

    /// <summary>Events that would gain a body the log does not have, by what estimates it.</summary>
    public Dictionary<RaiseKey, long> Raised { get; } = new();

    /// <summary>Body sizes seen in the log, by (group, resource, subresource, verb).</summary>
    public Dictionary<BodyKey, BodySizes> Bodies { get; } = new();

    /// <summary>Bytes per minute of stage time: baseline and new.</summary>
    public Dictionary<long, (long Baseline, long New)> Minutes { get; } = new();

    public TopTalkers Talkers { get; } = new();

    public List<NotAnEvent> NotEvents { get; } = new();

    public long NotEventCount { get; set; }

    public long Lines { get; set; }

    public long Events { get; set; }

    public long InputBytes { get; set; }

    public long FirstTicks { get; set; } = long.MaxValue;

    public long LastTicks { get; set; } = long.MinValue;

    public void NotEvent(string file, long line, string reason)
    {
        NotEventCount++;
        if (NotEvents.Count < KeptNotEvents)
        {
            NotEvents.Add(new NotAnEvent(file, line, reason));
        }
    }

    public void Add(AuditEvent e)
    {
        Events++;
        var request = e.Request;
        var newDecision = _new.Evaluate(request);
        var rule = newDecision.MatchedRule + 1;
        var first = _window!.IsNew(e.AuditId);
        var after = WrittenEvent.Of(e, newDecision);
        New.Add(rule, first, after);
        if (after.MissingRequestBody || after.MissingResponseBody)
        {
            Raise(Target.New, rule, e, after, newDecision.OmitManagedFields);
        }

        WrittenEvent before;
        if (_old is null)
        {
            // Without a baseline policy the log itself is the baseline: every event was written as it is.
            before = new WrittenEvent(true, e.Bytes, false, false);
            BaselineOfNew.Add(rule, first, before);
        }
        else
        {
            var oldDecision = _old.Evaluate(request);
            before = WrittenEvent.Of(e, oldDecision);
            BaselineOfNew.Add(rule, first, before);
            Old!.Add(oldDecision.MatchedRule + 1, first, before);
            if (before.MissingRequestBody || before.MissingResponseBody)
            {
                Raise(Target.BaselineOfNew, rule, e, before, oldDecision.OmitManagedFields);
                Raise(Target.Old, oldDecision.MatchedRule + 1, e, before, oldDecision.OmitManagedFields);
            }
        }

        if (e.RequestObjectBytes > 0 || e.ResponseObjectBytes > 0)
        {
            var key = BodyKey.Of(request);
            if (!Bodies.TryGetValue(key, out var sizes))
            {
                sizes = new BodySizes();
                Bodies.Add(key, sizes);
            }

            sizes.Add(e);
        }

        if (e.StageTicks > 0)
        {
            FirstTicks = Math.Min(FirstTicks, e.StageTicks);
            LastTicks = Math.Max(LastTicks, e.StageTicks);
            var minute = e.StageTicks / TimeSpan.TicksPerMinute;
            Minutes.TryGetValue(minute, out var bytes);
            Minutes[minute] = (bytes.Baseline + before.Bytes, bytes.New + after.Bytes);
        }

        if (before.Written || after.Written)
        {
            var talker = Talkers[TalkerKey.Of(request)];
            talker.BaselineBytes += before.Bytes;
            talker.Bytes += after.Bytes;
            talker.Events += after.Written ? 1 : 0;
        }
    }

    private void Raise(Target target, int rule, AuditEvent e, WrittenEvent written, bool omitManagedFields)
    {
        var key = new RaiseKey(target, rule, BodyKey.Of(e.Request), written.MissingRequestBody, written.MissingResponseBody, omitManagedFields);
        Raised.TryGetValue(key, out var count);
        Raised[key] = count + 1;
        var counters = target switch { Target.New => New, Target.BaselineOfNew => BaselineOfNew, _ => Old! };
        counters.RaisedEvents[rule]++;
    }

    /// <summary>The input is read: its auditID window (about 10 MB) is no longer needed while the other inputs are read.</summary>
    public void Complete() => _window = null;

    /// <summary>Adds a later input's counters (inputs merge in their order, so results do not depend on threads).</summary>
    public void Merge(ReplayTally other)
    {
        New.Merge(other.New);
        BaselineOfNew.Merge(other.BaselineOfNew);
        Old?.Merge(other.Old!);
        foreach (var (key, count) in other.Raised)
        {
            Raised.TryGetValue(key, out var mine);
            Raised[key] = mine + count;
        }

        foreach (var (key, sizes) in other.Bodies)
        {
            if (!Bodies.TryGetValue(key, out var mine))
            {
                Bodies.Add(key, mine = new BodySizes());
            }

            mine.Merge(sizes);
        }

        foreach (var (minute, bytes) in other.Minutes)
        {
            Minutes.TryGetValue(minute, out var mine);
            Minutes[minute] = (mine.Baseline + bytes.Baseline, mine.New + bytes.New);
        }

        Talkers.Merge(other.Talkers);
        foreach (var notEvent in other.NotEvents)
        {
            if (NotEvents.Count < KeptNotEvents)
            {
                NotEvents.Add(notEvent);
            }
        }

        NotEventCount += other.NotEventCount;
        Lines += other.Lines;
        Events += other.Events;
        InputBytes += other.InputBytes;
        FirstTicks = Math.Min(FirstTicks, other.FirstTicks);
        LastTicks = Math.Max(LastTicks, other.LastTicks);
    }

    /// <summary>Which table a raised-level event belongs to.</summary>
    internal enum Target
    {
        New,
        BaselineOfNew,
        Old,
    }

    /// <summary>Raised-level events of one rule and one kind of request, estimated from that kind's bodies.</summary>
    internal readonly record struct RaiseKey(Target Target, int Rule, BodyKey Body, bool RequestBody, bool ResponseBody, bool OmitManagedFields);

    /// <summary>Per-rule counters (index 0: no rule).</summary>
    internal sealed class Counters
    {
        public Counters(int size)
        {
            Requests = new long[size];
            Events = new long[size];
            Bytes = new long[size];
            RaisedEvents = new long[size];
        }

        public long[] Requests { get; }

        public long[] Events { get; }

        public long[] Bytes { get; }

        public long[] RaisedEvents { get; }

        public void Add(int rule, bool firstEventOfRequest, WrittenEvent written)
        {
            if (firstEventOfRequest)
            {
                Requests[rule]++;
            }

            if (written.Written)
            {
                Events[rule]++;
                Bytes[rule] += written.Bytes;
            }
        }

        public void Merge(Counters other)
        {
            for (var i = 0; i < Requests.Length; i++)
            {
                Requests[i] += other.Requests[i];
                Events[i] += other.Events[i];
                Bytes[i] += other.Bytes[i];
                RaisedEvents[i] += other.RaisedEvents[i];
            }
        }
    }
}

/// <summary>A kind of request whose bodies are alike: (group, resource, subresource, verb).</summary>
internal readonly record struct BodyKey(string ApiGroup, string Resource, string Subresource, string Verb)
{
    public static BodyKey Of(AuditRequest request) => new(request.ApiGroup, request.Resource, request.Subresource, request.Verb);
}

/// <summary>Sums of body sizes seen in the log for one <see cref="BodyKey"/>, to estimate bodies a raised level adds.</summary>
internal sealed class BodySizes
{
    public long RequestCount { get; private set; }

    public long RequestBytes { get; private set; }

    public long RequestManagedFieldsBytes { get; private set; }

    public long ResponseCount { get; private set; }

    public long ResponseBytes { get; private set; }

    public long ResponseManagedFieldsBytes { get; private set; }

    public void Add(AuditEvent e)
    {
        if (e.RequestObjectBytes > 0)
        {
            RequestCount++;
            RequestBytes += e.RequestObjectBytes;
            RequestManagedFieldsBytes += e.RequestManagedFieldsBytes;
        }

        if (e.ResponseObjectBytes > 0)
        {
            ResponseCount++;
            ResponseBytes += e.ResponseObjectBytes;
            ResponseManagedFieldsBytes += e.ResponseManagedFieldsBytes;
        }
    }

    public void Merge(BodySizes other)
    {
        RequestCount += other.RequestCount;
        RequestBytes += other.RequestBytes;
        RequestManagedFieldsBytes += other.RequestManagedFieldsBytes;
        ResponseCount += other.ResponseCount;
        ResponseBytes += other.ResponseBytes;
        ResponseManagedFieldsBytes += other.ResponseManagedFieldsBytes;
    }
}

/// <summary>A line that is not an audit event, where it is and why.</summary>
/// <param name="File">The input's name.</param>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Reason">Why it is not an event.</param>
public sealed record NotAnEvent(string File, long Line, string Reason);
