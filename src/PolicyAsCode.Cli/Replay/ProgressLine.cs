using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using PolicyAsCode.Replay;

namespace PolicyAsCode.Cli.Replay;

/// <summary>
/// Bytes read and events per second on standard error, redrawn twice a second, only when standard error is a
/// terminal (and is the process's own): redirected to a file or a pipe, it prints nothing, so logs and tests
/// stay clean.
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    private readonly ScanProgress _progress;
    private readonly TextWriter _stderr;
    private readonly Timer _timer;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _drawn;

    private ProgressLine(ScanProgress progress, TextWriter stderr)
    {
        _progress = progress;
        _stderr = stderr;
        _timer = new Timer(_ => Draw(), null, 500, 500);
    }

    public static IDisposable? Start(ScanProgress? progress, TextWriter stderr) =>
        progress is not null && ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? new ProgressLine(progress, stderr) : null;

    private void Draw()
    {
        lock (_timer)
        {
            var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
            _stderr.Write("\r" + Units.Bytes(_progress.Bytes) + " read, " + (_progress.Events / seconds).ToString("N0", CultureInfo.InvariantCulture) + " events/s   ");
            _stderr.Flush();
            _drawn = true;
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_timer)
        {
            if (_drawn)
            {
                _stderr.Write("\r" + new string(' ', 60) + "\r");
                _stderr.Flush();
            }
        }
    }
}
