using System;
using System.IO;
using System.Threading;

namespace PolicyAsCode.Replay;

/// <summary>Progress shared by the threads reading inputs: bytes read (compressed inputs count their decompressed bytes) and events.</summary>
public sealed class ScanProgress
{
    private long _bytes;
    private long _events;

    /// <summary>Bytes read so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Events read so far.</summary>
    public long Events => Interlocked.Read(ref _events);

    internal void Add(long bytes, long events)
    {
        Interlocked.Add(ref _bytes, bytes);
        Interlocked.Add(ref _events, events);
    }
}

/// <summary>
/// Splits a stream into lines in 1 MiB chunks (a chunk grows only to hold one longer line, up to
/// <see cref="MaxLine"/>) and hands each event line to the caller, each other line to <c>notAnEvent</c>
/// with its number. A UTF-8 byte order mark before the first line and a CR before the newline are ignored.
/// </summary>
public static class LogScanner
{
    /// <summary>Longer lines are reported as not events and skipped, so memory stays bounded.</summary>
    public const int MaxLine = 64 << 20;

    /// <summary>Reads every line; returns the number of lines and of bytes read.</summary>
    public static (long Lines, long Bytes) Scan(Stream input, AuditEventParser parser, Action<AuditEvent, long> onEvent, Action<long, string> notAnEvent, ScanProgress? progress = null)
    {
        var e = new AuditEvent();
        var buffer = new byte[1 << 20];
        var filled = 0;
        long lineNumber = 0;
        var skippingLongLine = false;
        long pendingBytes = 0, pendingEvents = 0, totalBytes = 0;
        while (true)
        {
            var read = input.Read(buffer, filled, buffer.Length - filled);
            var endOfInput = read == 0;
            var end = filled + read;
            pendingBytes += read;
            totalBytes += read;
            var start = 0;
            while (start < end)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline < 0 && !endOfInput)
                {
                    break;
                }

                var length = newline < 0 ? end - start : newline;
                var line = buffer.AsSpan(start, length);
                start += length + 1;
                if (skippingLongLine)
                {
                    skippingLongLine = false;
                    continue;
                }

                lineNumber++;
                if (lineNumber == 1 && line.StartsWith("\uFEFF"u8))
                {
                    line = line.Slice(3);
                }

                if (line.Length > 0 && line[line.Length - 1] == (byte)'\r')
                {
                    line = line.Slice(0, line.Length - 1);
                }

                if (line.Trim(" \t"u8).Length == 0)
                {
                    continue;
                }

                if (parser.TryParse(line, e, out var reason))
                {
                    pendingEvents++;
                    onEvent(e, lineNumber);
                }
                else
                {
                    notAnEvent(lineNumber, newline < 0 && reason!.StartsWith("not JSON", StringComparison.Ordinal) ? "truncated or not JSON (last line, no newline): " + reason : reason!);
                }
            }

            if (progress is not null && pendingBytes > (16 << 20))
            {
                progress.Add(pendingBytes, pendingEvents);
                pendingBytes = pendingEvents = 0;
            }

            if (endOfInput)
            {
                break;
            }

            filled = end - start;
            if (start == 0 && filled == buffer.Length)
            {
                if (buffer.Length >= MaxLine)
                {
                    // One line longer than any event kube-apiserver writes: report it and drop it up to its newline.
                    if (!skippingLongLine)
                    {
                        lineNumber++;
                        notAnEvent(lineNumber, "line longer than " + (MaxLine >> 20) + " MiB");
                        skippingLongLine = true;
                    }

                    filled = 0;
                    continue;
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }
            else if (filled > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, filled);
            }
        }

        progress?.Add(pendingBytes, pendingEvents);
        return (lineNumber, totalBytes);
    }
}
