using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PolicyAsCode.Internal;

namespace PolicyAsCode.Build;

/// <summary>
/// Writes each policy's YAML, taken from the compiled assembly's manifest, to <see cref="OutputDirectory"/>.
/// Unchanged files are left alone (timestamps kept), changed ones are replaced atomically (temp file, then
/// one rename that replaces the target, so concurrent builds never fail on each other), files this task wrote
/// before that no policy produces any more are deleted, and the list of written files is kept in
/// <see cref="FileListPath"/> for incremental builds and <c>dotnet clean</c>. The list is only a record: a line
/// that does not name a plain file directly in the output folder is corruption and deletes nothing (PACB005).
/// Temporary files of builds that were killed are removed on the next run.
/// Error codes: PACB001 duplicate file name, PACB002 invalid file name, PACB003 unreadable assembly,
/// PACB004 write failure; warning PACB005 corrupt file list.
/// </summary>
public sealed class WritePolicyYaml : Task
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    /// <summary>The compiled assembly (the intermediate assembly, before copying).</summary>
    [Required]
    public string AssemblyPath { get; set; } = string.Empty;

    /// <summary>The folder the YAML files go to.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>Where the list of written files is kept between builds.</summary>
    [Required]
    public string FileListPath { get; set; } = string.Empty;

    /// <summary>The files written (or already up to date) by this run.</summary>
    [Output]
    public ITaskItem[] PolicyFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc/>
    public override bool Execute()
    {
        List<KeyValuePair<string, string>> entries;
        try
        {
            entries = PolicyManifestReader.Read(AssemblyPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
        {
            Log.LogError(null, "PACB003", null, AssemblyPath, 0, 0, 0, 0, "Cannot read the policy manifest from '{0}': {1}", AssemblyPath, ex.Message);
            return false;
        }

        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (!PolicyFileNames.IsValidFileName(entry.Key))
            {
                Log.LogError(null, "PACB002", null, AssemblyPath, 0, 0, 0, 0, "The policy file name '{0}' is not one the generator writes (a name of at most 200 letters, digits, '.', '-', '_', not starting with '.', then '.yaml').", entry.Key);
                return false;
            }

            if (byName.ContainsKey(entry.Key))
            {
                Log.LogError(null, "PACB001", null, AssemblyPath, 0, 0, 0, 0, "Two policies are written to the same file '{0}'. Give each [AuditPolicy] its own name.", entry.Key);
                return false;
            }

            byName.Add(entry.Key, entry.Value);
        }

        var outputDirectory = Path.GetFullPath(OutputDirectory);
        var written = new List<string>();
        try
        {
            if (byName.Count > 0)
            {
                Directory.CreateDirectory(outputDirectory);
            }

            foreach (var entry in byName.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var path = Path.Combine(outputDirectory, entry.Key);
                var bytes = Utf8NoBom.GetBytes(entry.Value);
                if (File.Exists(path) && AtomicFiles.SameBytes(File.ReadAllBytes(path), bytes))
                {
                    Log.LogMessage(MessageImportance.Low, "Policy '{0}' is up to date.", path);
                }
                else
                {
                    WriteAtomically(path, bytes);
                    Log.LogMessage(MessageImportance.High, "PolicyAsCode: wrote {0}", path);
                }

                written.Add(path);
            }

            foreach (var stale in PreviousFiles(outputDirectory).Except(written, StringComparer.Ordinal))
            {
                if (File.Exists(stale))
                {
                    File.Delete(stale);
                    Log.LogMessage(MessageImportance.High, "PolicyAsCode: removed {0} (no policy writes it any more)", stale);
                }
            }

            TemporaryFiles.RemoveStale(outputDirectory, path => Log.LogMessage(MessageImportance.Low, "PolicyAsCode: removed {0} (left by a build that was stopped)", path));

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(FileListPath))!);
            WriteAtomically(Path.GetFullPath(FileListPath), Utf8NoBom.GetBytes(string.Concat(written.Select(w => w + "\n"))));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogError(null, "PACB004", null, outputDirectory, 0, 0, 0, 0, "Cannot write the policy files to '{0}': {1}", outputDirectory, ex.Message);
            return false;
        }

        PolicyFiles = written.Select(w => (ITaskItem)new TaskItem(w)).ToArray();
        return true;
    }

    /// <summary>
    /// The files the last run recorded, as far as the task could have written them: plain file names directly in
    /// the output folder. Anything else (another folder, a relative escape, a name the task never writes) was not
    /// written by the task, so it is reported and never deleted.
    /// </summary>
    private IEnumerable<string> PreviousFiles(string outputDirectory)
    {
        if (!File.Exists(FileListPath))
        {
            yield break;
        }

        foreach (var line in File.ReadAllLines(FileListPath))
        {
            if (line.Length == 0)
            {
                continue;
            }

            string? full;
            try
            {
                full = Path.IsPathRooted(line) ? Path.GetFullPath(line) : null;
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                full = null;
            }

            if (full is not null && full == line && string.Equals(Path.GetDirectoryName(full), outputDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar), PathComparison)
                && PolicyFileNames.IsValidFileName(Path.GetFileName(full)))
            {
                yield return full;
            }
            else
            {
                Log.LogWarning(null, "PACB005", null, FileListPath, 0, 0, 0, 0, "The list of written policy files has an entry the task did not write: '{0}'. It is ignored, nothing is deleted; delete '{1}' if it keeps coming back.", line, FileListPath);
            }
        }
    }

    private static StringComparison PathComparison
        => Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// A temporary file beside the target, then one rename that replaces the target: readers see the old policy
    /// or the new one, and two builds writing the same file both succeed, the last rename winning.
    /// </summary>
    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = TemporaryFiles.NameFor(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes, 0, bytes.Length);
            }

            AtomicFiles.Replace(temp, path);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
