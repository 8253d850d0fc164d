using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace PolicyAsCode.Build;

/// <summary>
/// Writes each policy's YAML, taken from the compiled assembly's manifest, to <see cref="OutputDirectory"/>.
/// Unchanged files are left alone (timestamps kept), changed ones are replaced atomically (temp file, then
/// rename), files this task wrote before that no policy produces any more are deleted, and the list of
/// written files is kept in <see cref="FileListPath"/> for incremental builds and <c>dotnet clean</c>.
/// Error codes: PACB001 duplicate file name, PACB002 invalid file name, PACB003 unreadable assembly,
/// PACB004 write failure.
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
            if (!IsPlainFileName(entry.Key))
            {
                Log.LogError(null, "PACB002", null, AssemblyPath, 0, 0, 0, 0, "The policy file name '{0}' is not a plain file name (letters, digits, '.', '-', '_').", entry.Key);
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
                if (File.Exists(path) && SameBytes(File.ReadAllBytes(path), bytes))
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

            foreach (var stale in PreviousFiles().Except(written, StringComparer.Ordinal))
            {
                if (File.Exists(stale))
                {
                    File.Delete(stale);
                    Log.LogMessage(MessageImportance.High, "PolicyAsCode: removed {0} (no policy writes it any more)", stale);
                }
            }

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

    private IEnumerable<string> PreviousFiles()
        => File.Exists(FileListPath) ? File.ReadAllLines(FileListPath).Where(l => l.Length > 0) : Enumerable.Empty<string>();

    /// <summary>A temporary file beside the target, then a rename: readers never see half a policy.</summary>
    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(temp, bytes);
            if (File.Exists(path))
            {
                File.Replace(temp, path, null);
            }
            else
            {
                File.Move(temp, path);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static bool SameBytes(byte[] a, byte[] b)
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

    private static bool IsPlainFileName(string name)
        => name.Length > 0 && name[0] != '.' && name.All(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.');
}
