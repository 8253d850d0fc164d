using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace PolicyAsCode.Deployment;

/// <summary>
/// Turns a policy into the files one distribution needs (see docs/deploy.md). Correct by construction: the log
/// directory is mounted rather than the file (rotation renames it), the policy's directory read-only, rotation
/// meets CIS 1.2.17-1.2.19 unless overridden (with a warning), the static pod carries the policy's hash, and a
/// policy the target version rejects is refused.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static class DeploymentGenerator
{
    /// <summary>Plans the files for <paramref name="targetName"/>. Throws <see cref="DeploymentException"/> for anything that cannot be honoured.</summary>
    public static DeploymentPlan Plan(string targetName, DeploymentRequest request)
    {
        if (ManagedPlatforms.Describe(targetName) is { } managed)
        {
            throw new DeploymentException(managed);
        }

        var target = DeploymentTarget.Find(targetName)
            ?? throw new DeploymentException("unknown target '" + targetName + "'; the targets are " + string.Join(", ", DeploymentTarget.All.Select(t => t.Name))
                + " (managed platforms that take no policy file: " + string.Join(", ", ManagedPlatforms.Names) + ")");

        var version = request.KubernetesVersion;
        if (!KubernetesVersions.AtLeast(version, DeploymentDefaults.OldestKubernetes))
        {
            throw new DeploymentException("--target " + target.Name + " supports Kubernetes " + KubernetesVersions.Text(DeploymentDefaults.OldestKubernetes) + " and later, not " + KubernetesVersions.Text(version)
                + " (kubeadm's v1beta3 configuration, the oldest this tool writes, appeared in 1.22)");
        }

        if (UsesGroupWildcard(request.CanonicalPolicyYaml) && !KubernetesVersions.AllowsGroupWildcard(version))
        {
            throw new DeploymentException(request.PolicyFileName + " uses group: \"*\" (every API group), which kube-apiserver accepts only from Kubernetes 1.36; a "
                + KubernetesVersions.Text(version) + " kube-apiserver refuses the policy and does not start. List the groups, or target 1.36 or later.");
        }

        if (!IsPlainFileName(request.PolicyFileName))
        {
            throw new DeploymentException("the policy file name '" + request.PolicyFileName + "' must be a plain file name (letters, digits, '.', '-', '_')");
        }

        var notes = new List<string>();
        var warnings = new List<string>();
        var logPath = ResolveLogPath(target, request, notes, warnings);
        var policyPath = request.PolicyPath ?? target.DefaultPolicyPath(request.PolicyFileName);
        if (target.FixedLogPath is null)
        {
            DeploymentContext.CheckPath("--policy-path", policyPath);
            if (logPath != "-")
            {
                DeploymentContext.CheckPath("--log-path", logPath);
                if (DeploymentContext.DirectoryOf(logPath) == DeploymentContext.DirectoryOf(policyPath))
                {
                    throw new DeploymentException("the policy and the log must be in different directories: the policy's is mounted read-only, the log's read-write (" + DeploymentContext.DirectoryOf(policyPath) + ")");
                }
            }

            foreach (var (option, path) in new[] { ("--policy-path", policyPath), ("--log-path", logPath) })
            {
                if (path != "-" && target.MountedDirectories.Contains(DeploymentContext.DirectoryOf(path)))
                {
                    throw new DeploymentException(option + "'s directory " + DeploymentContext.DirectoryOf(path) + " is already mounted into kube-apiserver by " + target.DisplayName
                        + "; a second volume at the same path makes the kubelet refuse the pod. Choose another directory.");
                }
            }
        }
        else if (request.PolicyPath is not null || request.MaxAgeDays is not null || request.MaxBackups is not null || request.MaxSizeMegabytes is not null)
        {
            throw new DeploymentException("--target " + target.Name + " fixes the policy path and the rotation flags itself (" + target.DisplayName
                + " writes the policy to its own file and sets --audit-log-maxage=30 --audit-log-maxbackup=10 --audit-log-maxsize=100); leave out --policy-path, --max-age, --max-backup and --max-size");
        }

        var maxAge = Count("--max-age", request.MaxAgeDays, DeploymentDefaults.CisMaxAgeDays);
        var maxBackups = Count("--max-backup", request.MaxBackups, DeploymentDefaults.CisMaxBackups);
        var maxSize = Count("--max-size", request.MaxSizeMegabytes, DeploymentDefaults.CisMaxSizeMegabytes);
        if (logPath != "-")
        {
            RotationWarnings(version, maxAge, maxBackups, maxSize, warnings);
        }

        var context = new DeploymentContext(target, request, policyPath, logPath, maxAge, maxBackups, maxSize);
        context.Notes.AddRange(notes);
        context.Warnings.AddRange(warnings);
        var files = new List<DeploymentFile>();
        target.Write(context, files);
        return new DeploymentPlan(files, context.Notes, context.Warnings);
    }

    /// <summary>SHA-256 of the bytes, lower-case hex: the annotation value that changes exactly when the policy does.</summary>
    public static string Sha256(byte[] bytes)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(bytes);
        var sb = new StringBuilder(hash.Length * 2);
        foreach (var b in hash)
        {
            sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>
    /// Whether canonical policy YAML has an entry with <c>group: "*"</c>. Exact for <see cref="PolicyYamlWriter"/>'s
    /// output: every group is written on its own line in this form, and no quoted string can hold a raw line break.
    /// </summary>
    public static bool UsesGroupWildcard(string canonicalPolicyYaml)
        => canonicalPolicyYaml.Contains("\n      - group: \"*\"\n");

    private static string ResolveLogPath(DeploymentTarget target, DeploymentRequest request, List<string> notes, List<string> warnings)
    {
        var consumers = request.ConsumerLogPaths;
        if (target.FixedLogPath is { } fixedPath)
        {
            if (request.LogPath is not null)
            {
                throw new DeploymentException("--target " + target.Name + " writes the audit log to " + fixedPath + " and cannot be given another path; leave out --log-path");
            }

            notes.Add(target.DisplayName + " writes the audit log to " + fixedPath + " (fixed; it cannot be changed).");
            foreach (var consumer in consumers)
            {
                if (consumer.Value != fixedPath)
                {
                    notes.Add(consumer.Key + "'s log collector reads " + consumer.Value + " by default: point it at " + fixedPath + " instead.");
                }
            }

            return fixedPath;
        }

        var distinct = consumers.Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        if (request.LogPath is { } explicitPath)
        {
            foreach (var consumer in consumers.Where(c => c.Value != explicitPath))
            {
                warnings.Add(consumer.Key + "'s log collector reads " + consumer.Value + ", but --log-path sends the audit log to " + explicitPath + ": point the collector at it.");
            }

            return explicitPath;
        }

        if (distinct.Count > 1)
        {
            throw new DeploymentException("the required requirement sets read the audit log from different files (" + string.Join(", ", consumers.Select(c => c.Key + ": " + c.Value))
                + "); kube-apiserver writes one log file: choose it with --log-path");
        }

        if (distinct.Count == 1)
        {
            var consumer = consumers[0];
            if (!target.AppliesConsumerLogPath)
            {
                notes.Add(target.DisplayName + " mounts no log directory into kube-apiserver, so the audit log goes to standard output; " + consumer.Key + "'s log collector, which reads " + consumer.Value + ", will not see it.");
                return target.DefaultLogPath;
            }

            notes.Add("The audit log goes to " + consumer.Value + ", where " + consumer.Key + "'s log collector reads it.");
            return consumer.Value;
        }

        return target.DefaultLogPath;
    }

    private static void RotationWarnings((int Major, int Minor) version, int maxAge, int maxBackups, int maxSize, List<string> warnings)
    {
        if (maxAge < DeploymentDefaults.CisMaxAgeDays)
        {
            warnings.Add("--audit-log-maxage=" + DeploymentContext.Number(maxAge) + " is below CIS 1.2.17 (at least 30 days).");
        }

        if (maxBackups < DeploymentDefaults.CisMaxBackups)
        {
            warnings.Add("--audit-log-maxbackup=" + DeploymentContext.Number(maxBackups) + " is below CIS 1.2.18 (at least 10 files).");
        }

        if (maxSize == 0)
        {
            warnings.Add(KubernetesVersions.AtLeast(version, (1, 36))
                ? "--audit-log-maxsize=0 turns rotation off on Kubernetes 1.36 and later (one file that grows without bound); before 1.36 it meant 100 MB. CIS 1.2.19 asks for at least 100."
                : "--audit-log-maxsize=0 means 100 MB before Kubernetes 1.36 but turns rotation off from 1.36 on; write 100 to be independent of the version (CIS 1.2.19).");
        }
        else if (maxSize < DeploymentDefaults.CisMaxSizeMegabytes)
        {
            warnings.Add("--audit-log-maxsize=" + DeploymentContext.Number(maxSize) + " is below CIS 1.2.19 (at least 100 MB).");
        }
    }

    private static int Count(string option, int? value, int fallback)
    {
        if (value is < 0)
        {
            throw new DeploymentException(option + " must be 0 or more, not " + DeploymentContext.Number(value.Value));
        }

        return value ?? fallback;
    }

    private static bool IsPlainFileName(string name)
        => name.Length > 0 && name[0] != '.' && name.All(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.');
}
