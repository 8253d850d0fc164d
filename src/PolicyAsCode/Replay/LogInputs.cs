using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;

namespace PolicyAsCode.Replay;

/// <summary>
/// Turns the LOG arguments into the files to read, in time order: a file as given, <c>-</c> for standard input,
/// and a directory as its rotated files, oldest first. kube-apiserver rotates <c>audit.log</c> into
/// <c>audit-2006-01-02T15-04-05.000.log</c> (the time is in the name, optionally <c>.gz</c>); logrotate into
/// <c>audit.log.1</c>, <c>audit.log.2.gz</c>, ... (higher numbers are older). The live file comes last.
/// </summary>
public static class LogInputs
{
    private static readonly Regex Timestamped = new(@"-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(?:\.\d+)?)(\.[^.]+)?(\.gz)?$", RegexOptions.CultureInvariant);
    private static readonly Regex Numbered = new(@"\.(\d+)(\.gz)?$", RegexOptions.CultureInvariant);

    /// <summary>The name standard input is reported as.</summary>
    public const string StandardInput = "-";

    /// <summary>Expands the arguments; a missing path is an error with its name.</summary>
    public static List<string> Expand(IEnumerable<string> arguments)
    {
        var files = new List<string>();
        foreach (var argument in arguments)
        {
            if (argument == StandardInput || File.Exists(argument))
            {
                files.Add(argument);
            }
            else if (Directory.Exists(argument))
            {
                files.AddRange(RotationOrder(Directory.GetFiles(argument)));
            }
            else
            {
                throw new FileNotFoundException(argument + ": no such file or directory");
            }
        }

        return files;
    }

    /// <summary>Rotated files first, oldest first (by the time in the name, then by descending number), the live files last.</summary>
    public static IEnumerable<string> RotationOrder(IEnumerable<string> paths) => paths
        .Where(p => !Path.GetFileName(p).StartsWith(".", StringComparison.Ordinal))
        .Select(p => (Path: p, Key: Key(Path.GetFileName(p))))
        .OrderBy(p => p.Key.Rank)
        .ThenBy(p => p.Key.Time, StringComparer.Ordinal)
        .ThenByDescending(p => p.Key.Number)
        .ThenBy(p => p.Path, StringComparer.Ordinal)
        .Select(p => p.Path);

    private static (int Rank, string Time, long Number) Key(string name)
    {
        var timestamped = Timestamped.Match(name);
        if (timestamped.Success)
        {
            return (0, timestamped.Groups[1].Value, 0);
        }

        var numbered = Numbered.Match(name);
        if (numbered.Success && long.TryParse(numbered.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return (1, string.Empty, number);
        }

        return (2, string.Empty, 0);
    }

    /// <summary>Opens an input for sequential reading; gzip is recognised by its magic bytes, whatever the name.</summary>
    public static Stream Open(string path, Stream? standardInput = null)
    {
        var raw = path == StandardInput
            ? standardInput ?? Console.OpenStandardInput()
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan);
        var peek = new PeekStream(raw);
        return peek.StartsWithGzip() ? new GZipStream(peek, CompressionMode.Decompress) : peek;
    }

    /// <summary>A read-only stream that can look at its first two bytes without losing them (standard input cannot seek).</summary>
    private sealed class PeekStream : Stream
    {
        private readonly Stream _inner;
        private readonly byte[] _head = new byte[2];
        private int _headLength;
        private int _headOffset;

        public PeekStream(Stream inner) => _inner = inner;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public bool StartsWithGzip()
        {
            while (_headLength < 2)
            {
                var read = _inner.Read(_head, _headLength, 2 - _headLength);
                if (read == 0)
                {
                    break;
                }

                _headLength += read;
            }

            return _headLength == 2 && _head[0] == 0x1f && _head[1] == 0x8b;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_headOffset < _headLength)
            {
                var n = Math.Min(count, _headLength - _headOffset);
                Array.Copy(_head, _headOffset, buffer, offset, n);
                _headOffset += n;
                return n;
            }

            return _inner.Read(buffer, offset, count);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
