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
        var step = "open ";
        try
        {
            if (Directory.Exists(path))
            {
                error = prefix + "read " + path + ": is a directory";
                return null;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);

            // A length the file reports is trusted only to refuse early; devices and pipes report none.
            if (stream.CanSeek && stream.Length > maxBytes)
            {
                error = TooLarge(stream.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), maxBytes);
                return null;
            }

            var buffer = new byte[(int)Math.Min(maxBytes + 1L, stream.CanSeek && stream.Length > 0 ? stream.Length + 1 : 64 * 1024)];
            var filled = 0;
            step = "read ";
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
            error = prefix + step + path + ": permission denied";
        }
        catch (IOException ex)
        {
            // Symbolic-link loops, names too long, device errors: the system's own words.
            error = prefix + step + path + ": " + SystemMessage(ex.Message);
        }

        return null;
    }

    /// <summary>.NET's "Too many levels of symbolic links : '/full/path'" as Go prints errno texts: "too many levels of symbolic links".</summary>
    private static string SystemMessage(string message)
    {
        var cut = message.IndexOf(" : '", StringComparison.Ordinal);
        var text = cut > 0 ? message.Substring(0, cut) : message;
        return text.Length > 1 && char.IsUpper(text[0]) && char.IsLower(text[1]) ? char.ToLowerInvariant(text[0]) + text.Substring(1) : text;
    }

    /// <summary>The message for input over the size limit: PolicyAsCode's limit, not kube-apiserver's.</summary>
    public static string TooLarge(string size, long limit)
        => "the file is " + size + " bytes; PolicyAsCode reads policy files of at most " + limit.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + " bytes (its own limit: kube-apiserver has none, real policies are a few KiB)";
}
