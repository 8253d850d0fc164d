using System;
using System.IO;
using System.Text;

namespace PolicyAsCode.Cli.Commands;

/// <summary>
/// Writes a command's output file (<c>import -o</c>) so that nothing else is touched: the text goes to a new
/// temporary file with an unpredictable name, created exclusively in the target's folder (exclusive creation
/// never follows a planted symbolic link), and is then renamed over the target in one step, so readers see the
/// old file or the new one, never half of it. Targets that are not regular files (directories, devices, pipes,
/// symbolic links) are refused rather than replaced.
/// </summary>
internal static class OutputFile
{
    /// <summary>Null when written, else why not.</summary>
    public static string? Write(string target, string text)
    {
        string full;
        try
        {
            full = Path.GetFullPath(target);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return "not a usable file name: " + ex.Message;
        }

        var folder = Path.GetDirectoryName(full);
        if (folder is null || Path.GetFileName(full).Length == 0)
        {
            return "not a file name";
        }

        if (!Directory.Exists(folder))
        {
            return "no such folder: " + folder;
        }

        var existing = new FileInfo(full);
        if (existing.LinkTarget is not null)
        {
            return "is a symbolic link; give the path of the file itself";
        }

        if (Directory.Exists(full))
        {
            return "is a directory";
        }

        if (existing.Exists && !IsRegularFile(full))
        {
            return "is not a regular file (a device, pipe or socket)";
        }

        var temp = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Path.GetRandomFileName() + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(false).GetBytes(text);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex is UnauthorizedAccessException ? "permission denied" : ex.Message;
        }
        finally
        {
            // After a successful rename the temporary name no longer exists; after a failure it must not stay.
            try
            {
                File.Delete(temp);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Nothing more can be done; the name is unpredictable and starts with '.'.
            }
        }
    }

    /// <summary>
    /// The file type from lstat (st_mode's S_IFMT bits), read through the runtime's own native shim, which every
    /// .NET on Unix ships (libc's stat structure differs between architectures; the shim's does not).
    /// </summary>
    private static bool IsRegularFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        var status = new byte[256];
        try
        {
            if (LStat(Encoding.UTF8.GetBytes(path + "\0"), status) != 0)
            {
                return true; // vanished meanwhile: the rename creates a regular file
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return true;
        }

        // struct FileStatus { int32 Flags; int32 Mode; ... }: Mode is the raw st_mode.
        var mode = BitConverter.ToInt32(status, 4);
        return (mode & 0xF000) == 0x8000;
    }

    [System.Runtime.InteropServices.DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat")]
    private static extern int LStat(byte[] path, byte[] status);
}
