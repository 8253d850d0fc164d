using System;
using System.IO;

namespace PolicyAsCode.Loading;

/// <summary>
/// Reads a policy file with the size limit enforced while reading: pipes, devices (<c>/dev/zero</c>) and files
/// that grow while being read report no or a wrong length, so the length is never trusted. Read failures are
/// worded as kube-apiserver's <c>failed to read file path</c> error.
/// </summary>
internal static class PolicyFileReader
{
    /// <summary>The file's bytes, or null with the error.</summary>
    public static byte[]? Read(string path, int maxBytes, out string? error)
    {
        error = null;
        var prefix = "failed to read file path " + PolicyValidator.GoQuote(path) + ": ";
        try
        {
            if (Directory.Exists(path))
            {
                error = prefix + "read " + path + ": is a directory";
                return null;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
            var buffer = new byte[(int)Math.Min(maxBytes + 1L, stream.CanSeek && stream.Length > 0 ? stream.Length + 1 : 64 * 1024)];
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length > maxBytes)
                    {
                        error = TooLarge("larger than " + maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), maxBytes);
                        return null;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1L, buffer.Length * 2L));
                }

                var read = stream.Read(buffer, filled, buffer.Length - filled);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            Array.Resize(ref buffer, filled);
            return buffer;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            error = prefix + "open " + path + ": no such file or directory";
        }
        catch (UnauthorizedAccessException)
        {
            error = prefix + "open " + path + ": permission denied";
        }
        catch (IOException ex)
        {
            // Symbolic-link loops, names too long, device errors: the system's own words.
            error = prefix + "open " + path + ": " + ex.Message;
        }

        return null;
    }

    /// <summary>The message for input over the size limit: PolicyAsCode's limit, not kube-apiserver's.</summary>
    public static string TooLarge(string size, long limit)
        => "the file is " + size + " bytes; PolicyAsCode reads policy files of at most " + limit.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + " bytes (its own limit: kube-apiserver has none, real policies are a few KiB)";
}
