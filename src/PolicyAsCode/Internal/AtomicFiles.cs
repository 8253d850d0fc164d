using System.IO;

namespace PolicyAsCode.Internal;

/// <summary>
/// The write-beside-then-rename steps shared by the build task's policy files and the deployment files (the build task
/// links this file; the library compiles it for <c>policyascode deploy</c>), so both compare and replace the same way.
/// </summary>
internal static class AtomicFiles
{
    /// <summary>True when the file already holds exactly these bytes (unchanged files keep their timestamps).</summary>
    public static bool SameBytes(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Renames <paramref name="temp"/> over <paramref name="path"/> in one step: readers see the old file or the new one,
    /// and two writers of the same file both succeed, the last rename winning.
    /// </summary>
    public static void Replace(string temp, string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // netstandard2.0 has no File.Move with overwrite; File.Replace is the same rename on Unix.
                if (File.Exists(path))
                {
                    File.Replace(temp, path, null);
                }
                else
                {
                    File.Move(temp, path);
                }

                return;
            }
            catch (IOException) when (attempt < 20 && File.Exists(temp))
            {
                // Another writer created or replaced the target between the check and the rename: again.
            }
        }
    }
}
