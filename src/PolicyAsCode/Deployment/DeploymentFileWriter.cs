using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using PolicyAsCode.Internal;

namespace PolicyAsCode.Deployment;

/// <summary>
/// Writes a plan's files as one step: every changed file goes to a temporary file beside its target first, and only
/// when all are written are they renamed into place. A failure removes the temporary files (and folders this call
/// created), so nothing half-written is left; unchanged files keep their timestamps.
/// </summary>
/// <remarks>Used by the command-line tool and the build task alike. A small helper of its own on purpose; the
/// build's policy writer has its own atomic replace.</remarks>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static class DeploymentFileWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    /// <summary>Writes the files under <paramref name="outputDirectory"/>; returns each full path with whether it changed.</summary>
    public static List<KeyValuePair<string, bool>> Write(string outputDirectory, IReadOnlyList<DeploymentFile> files)
    {
        var root = Path.GetFullPath(outputDirectory);
        var staged = new List<KeyValuePair<string, string>>();
        var created = new List<string>();
        var result = new List<KeyValuePair<string, bool>>();
        try
        {
            foreach (var file in files)
            {
                var path = Path.GetFullPath(Path.Combine(root, file.RelativePath));
                if (!path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new ArgumentException("The generated file '" + file.RelativePath + "' is outside the output folder.");
                }

                CreateDirectory(Path.GetDirectoryName(path)!, created);
                var bytes = Utf8NoBom.GetBytes(file.Content);
                if (File.Exists(path) && AtomicFiles.SameBytes(File.ReadAllBytes(path), bytes))
                {
                    result.Add(new KeyValuePair<string, bool>(path, false));
                    continue;
                }

                var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
                staged.Add(new KeyValuePair<string, string>(temp, path));
                File.WriteAllBytes(temp, bytes);
                result.Add(new KeyValuePair<string, bool>(path, true));
            }

            foreach (var move in staged)
            {
                AtomicFiles.Replace(move.Key, move.Value);
            }

            return result;
        }
        finally
        {
            foreach (var move in staged)
            {
                if (File.Exists(move.Key))
                {
                    File.Delete(move.Key);
                }
            }

            if (result.Count < files.Count || staged.Exists(m => !File.Exists(m.Value)))
            {
                for (var i = created.Count - 1; i >= 0; i--)
                {
                    if (Directory.Exists(created[i]) && Directory.GetFileSystemEntries(created[i]).Length == 0)
                    {
                        Directory.Delete(created[i]);
                    }
                }
            }
        }
    }

    private static void CreateDirectory(string directory, List<string> created)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        var parent = Path.GetDirectoryName(directory);
        if (parent is not null)
        {
            CreateDirectory(parent, created);
        }

        Directory.CreateDirectory(directory);
        created.Add(directory);
    }
}
