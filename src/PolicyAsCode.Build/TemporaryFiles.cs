using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;

namespace PolicyAsCode.Build;

/// <summary>
/// The task's temporary files: <c>NAME.PID-GUID.tmp</c> beside the file they replace. The process id says whose
/// file it is, so a later run can tell a killed build's leftovers (process gone) from a concurrent build's file
/// in progress (process alive) and remove only the former. <c>NAME.GUID.tmp</c> files from earlier versions of
/// the task are removed once they are a minute old. <c>dotnet clean</c> removes both kinds (PolicyAsCode.targets).
/// </summary>
internal static class TemporaryFiles
{
    private static readonly Regex Owned = new(@"^(?<name>[A-Za-z0-9._-]+)\.(?:(?<pid>[0-9]+)-)?[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant);

    public static string NameFor(string path)
        => path + "." + Process.GetCurrentProcess().Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N") + ".tmp";

    /// <summary>Deletes the task's temporary files in <paramref name="folder"/> whose writer is gone.</summary>
    public static void RemoveStale(string folder, Action<string> removed)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var path in Directory.GetFiles(folder, "*.tmp"))
        {
            var match = Owned.Match(Path.GetFileName(path));
            if (!match.Success || !PolicyFileNames.IsValidFileName(match.Groups["name"].Value))
            {
                continue;
            }

            var stale = match.Groups["pid"].Success
                ? !IsRunning(match.Groups["pid"].Value)
                : File.GetLastWriteTimeUtc(path) < DateTime.UtcNow.AddMinutes(-1);
            if (stale)
            {
                try
                {
                    File.Delete(path);
                    removed(path);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Another run removed it first, or it is not ours to remove: leave it.
                }
            }
        }
    }

    private static bool IsRunning(string pid)
    {
        if (!int.TryParse(pid, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        if (id == Process.GetCurrentProcess().Id)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(id);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
