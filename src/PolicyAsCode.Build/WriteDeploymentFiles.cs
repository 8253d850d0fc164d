using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PolicyAsCode.Deployment;

namespace PolicyAsCode.Build;

/// <summary>
/// Writes each policy's deployment files (<c>PolicyAsCodeDeployTargets</c>, e.g. <c>kubeadm;talos</c>) next to its
/// YAML, from the compiled assembly's manifest: the policy's canonical YAML and the log paths of its required sets'
/// consumers. Unchanged files keep their timestamps, a run's changed files are renamed into place together, files a
/// previous run wrote that no target produces any more are deleted, and the list is kept in <see cref="FileListPath"/>.
/// Error codes: PACB003 unreadable assembly, PACB010 a request no target can honour, PACB011 write failure;
/// warning PACB012 (rotation below CIS, a log path the consumer does not read).
/// </summary>
public sealed class WriteDeploymentFiles : Task
{
    private const string LogPathPrefix = "PolicyAsCode.LogPath:";

    /// <summary>The compiled assembly.</summary>
    [Required]
    public string AssemblyPath { get; set; } = string.Empty;

    /// <summary>The folder the policy YAML files are written to; the deployment files go beside them.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>The targets, separated by ';' (kubeadm, kind, k3s, rke2, talos, kops, minikube, flags); empty deletes the files of earlier runs.</summary>
    public string Targets { get; set; } = string.Empty;

    /// <summary><c>major.minor</c>, or empty for the current release.</summary>
    public string KubernetesVersion { get; set; } = string.Empty;

    /// <summary><c>major.minor</c> of Talos, or empty.</summary>
    public string TalosVersion { get; set; } = string.Empty;

    /// <summary>Overrides the log path (otherwise a required set's consumer's, else the target's).</summary>
    public string LogPath { get; set; } = string.Empty;

    /// <summary>Where the list of written files is kept between builds.</summary>
    [Required]
    public string FileListPath { get; set; } = string.Empty;

    /// <summary>The files written or already up to date.</summary>
    [Output]
    public ITaskItem[] DeploymentFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc/>
    public override bool Execute()
    {
        List<KeyValuePair<string, string>> policies;
        List<KeyValuePair<string, string>> logPaths;
        try
        {
            policies = PolicyManifestReader.Read(AssemblyPath);
            logPaths = PolicyManifestReader.Read(AssemblyPath, LogPathPrefix);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
        {
            Log.LogError(null, "PACB003", null, AssemblyPath, 0, 0, 0, 0, "Cannot read the policy manifest from '{0}': {1}", AssemblyPath, ex.Message);
            return false;
        }

        if (!TryVersion("PolicyAsCodeKubernetesVersion", KubernetesVersion, out var version) || !TryVersion("PolicyAsCodeTalosVersion", TalosVersion, out var talos))
        {
            return false;
        }

        var targets = Targets.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        var files = new List<DeploymentFile>();
        foreach (var policy in policies.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // Each value is the set's name, a line feed and the path its consumer reads.
            var consumers = logPaths.Where(l => l.Key == policy.Key)
                .Select(l => l.Value.IndexOf('\n') is var split and > 0
                    ? new KeyValuePair<string, string>(l.Value.Substring(0, split), l.Value.Substring(split + 1))
                    : new KeyValuePair<string, string>("a required set", l.Value))
                .ToList();
            foreach (var target in targets)
            {
                DeploymentPlan plan;
                try
                {
                    plan = DeploymentGenerator.Plan(target, new DeploymentRequest
                    {
                        PolicyFileName = policy.Key,
                        CanonicalPolicyYaml = policy.Value,
                        PolicySha256 = DeploymentGenerator.Sha256(new UTF8Encoding(false).GetBytes(policy.Value)),
                        KubernetesVersion = version ?? (1, 36),
                        TalosVersion = talos,
                        LogPath = LogPath.Length == 0 ? null : LogPath,
                        ConsumerLogPaths = consumers,
                    });
                }
                catch (DeploymentException ex)
                {
                    Log.LogError(null, "PACB010", null, AssemblyPath, 0, 0, 0, 0, "Cannot write the deployment files of '{0}' for '{1}': {2}", policy.Key, target, ex.Message);
                    return false;
                }

                foreach (var warning in plan.Warnings)
                {
                    Log.LogWarning(null, "PACB012", null, AssemblyPath, 0, 0, 0, 0, "{0} ({1}): {2}", policy.Key, target, warning);
                }

                foreach (var note in plan.Notes)
                {
                    Log.LogMessage(MessageImportance.High, "PolicyAsCode: {0} ({1}): {2}", policy.Key, target, note);
                }

                files.AddRange(plan.Files);
            }
        }

        var outputDirectory = Path.GetFullPath(OutputDirectory);
        var written = new List<string>();
        try
        {
            foreach (var entry in DeploymentFileWriter.Write(outputDirectory, files))
            {
                if (entry.Value)
                {
                    Log.LogMessage(MessageImportance.High, "PolicyAsCode: wrote {0}", entry.Key);
                }

                written.Add(entry.Key);
            }

            foreach (var stale in PreviousFiles().Except(written, StringComparer.Ordinal))
            {
                if (File.Exists(stale))
                {
                    File.Delete(stale);
                    Log.LogMessage(MessageImportance.High, "PolicyAsCode: removed {0} (no deployment target writes it any more)", stale);

                    // A folder of its own (kubeadm's patches folder) goes with its last file.
                    var folder = Path.GetDirectoryName(stale)!;
                    if (!string.Equals(folder.TrimEnd(Path.DirectorySeparatorChar), outputDirectory.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)
                        && folder.StartsWith(outputDirectory, StringComparison.Ordinal) && Directory.Exists(folder) && Directory.GetFileSystemEntries(folder).Length == 0)
                    {
                        Directory.Delete(folder);
                    }
                }
            }

            var list = Path.GetFullPath(FileListPath);
            Directory.CreateDirectory(Path.GetDirectoryName(list)!);
            DeploymentFileWriter.Write(Path.GetDirectoryName(list)!, new[] { new DeploymentFile(Path.GetFileName(list), string.Concat(written.Select(w => w + "\n"))) });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogError(null, "PACB011", null, outputDirectory, 0, 0, 0, 0, "Cannot write the deployment files to '{0}': {1}", outputDirectory, ex.Message);
            return false;
        }

        DeploymentFiles = written.Select(w => (ITaskItem)new TaskItem(w)).ToArray();
        return true;
    }

    private IEnumerable<string> PreviousFiles()
        => File.Exists(FileListPath) ? File.ReadAllLines(FileListPath).Where(l => l.Length > 0) : Enumerable.Empty<string>();

    private bool TryVersion(string property, string text, out (int Major, int Minor)? version)
    {
        version = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (!KubernetesVersions.TryParse(text, out var parsed))
        {
            Log.LogError(null, "PACB010", null, AssemblyPath, 0, 0, 0, 0, "{0} must look like 1.31, not '{1}'.", property, text);
            return false;
        }

        version = parsed;
        return true;
    }
}
