using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using PolicyAsCode.Deployment;

namespace PolicyAsCode.Cli.Commands;

/// <summary><c>deploy POLICY --target T</c>: the files a distribution needs to run kube-apiserver with the policy (docs/deploy.md).</summary>
internal static class DeployCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("policy") { Description = "The policy file (YAML or JSON) to deploy." };
        var target = new Option<string>("--target") { Description = "kubeadm, kind, k3s, rke2, talos, kops, minikube or flags (eks, aks, gke, openshift take no policy: deploy says what they offer).", Required = true };
        var version = new Option<string?>("--kubernetes-version") { Description = "The cluster's Kubernetes version (e.g. 1.31; default 1.36): kubeadm's config version, group: \"*\" support, rotation notes." };
        var talos = new Option<string?>("--talos-version") { Description = "The Talos version (default 1.14): before 1.14 the deprecated cluster.apiServer.auditPolicy patch is written." };
        var logPath = new Option<string?>("--log-path") { Description = "--audit-log-path ('-' for standard output). Default: the path a --require set's consumer reads, else the target's." };
        var policyPath = new Option<string?>("--policy-path") { Description = "Where the policy file lives on the node (--audit-policy-file). Default: the target's." };
        var maxSize = new Option<int?>("--max-size") { Description = "--audit-log-maxsize in MB (default 100, CIS 1.2.19)." };
        var maxBackup = new Option<int?>("--max-backup") { Description = "--audit-log-maxbackup (default 10, CIS 1.2.18)." };
        var maxAge = new Option<int?>("--max-age") { Description = "--audit-log-maxage in days (default 30, CIS 1.2.17)." };
        var require = new Option<string[]>("--require") { Description = "Requirement sets whose consumer's log path to use: a built-in name (" + string.Join(", ", RequirementSets.BuiltInNames) + ") or an assembly path; repeatable." };
        var output = new Option<string>("--output", "-o") { Description = "The folder to write the files to (default: the current folder).", DefaultValueFactory = _ => "." };
        var command = new Command("deploy", "Write the configuration that makes a distribution's kube-apiserver use the policy: kubeadm ClusterConfiguration and static pod change, kind cluster config, k3s/RKE2 config drop-ins, Talos document, kOps spec, minikube commands, or plain flags.")
        {
            file, target, version, talos, logPath, policyPath, maxSize, maxBackup, maxAge, require, output,
        };
        command.SetAction(parse => Run(
            parse.GetValue(file)!,
            parse.GetValue(target)!,
            parse.GetValue(version),
            parse.GetValue(talos),
            new DeploymentRequest
            {
                LogPath = parse.GetValue(logPath),
                PolicyPath = parse.GetValue(policyPath),
                MaxSizeMegabytes = parse.GetValue(maxSize),
                MaxBackups = parse.GetValue(maxBackup),
                MaxAgeDays = parse.GetValue(maxAge),
            },
            parse.GetValue(require) ?? Array.Empty<string>(),
            parse.GetValue(output)!,
            stdout,
            stderr));
        return command;
    }

    private static int Run(string path, string targetName, string? versionText, string? talosText, DeploymentRequest options, string[] requires, string output, TextWriter stdout, TextWriter stderr)
    {
        // A managed platform is the answer whatever the file holds.
        if (ManagedPlatforms.Describe(targetName) is { } managed)
        {
            stderr.WriteLine("error: " + managed);
            return ExitCodes.InputError;
        }

        if (DeploymentTarget.Find(targetName) is null)
        {
            stderr.WriteLine("error: unknown target '" + targetName + "'; the targets are " + string.Join(", ", DeploymentTarget.All.Select(t => t.Name)) + " (" + string.Join(", ", ManagedPlatforms.Names) + " take no policy file)");
            return ExitCodes.InputError;
        }

        if (!VersionText.TryParse("--kubernetes-version", versionText, out var version, stderr) || !VersionText.TryParse("--talos-version", talosText, out var talosVersion, stderr))
        {
            return ExitCodes.InputError;
        }

        // The same bounded read, and the same words for input that is not a policy, as every other command.
        var bytes = PolicyFiles.Read(path, stderr);
        if (bytes is null)
        {
            return ExitCodes.InputError;
        }

        // group: "*" is judged against the target version by the generator, with a message that names the version.
        var loaded = PolicyLoader.Load(bytes, new PolicyLoadOptions { AllowGroupWildcard = true });
        if (loaded.Unreadable)
        {
            PolicyFiles.InputError(path, loaded.Error!, stderr);
            return ExitCodes.InputError;
        }

        if (!loaded.Accepted || loaded.Policy is null)
        {
            stderr.WriteLine("error: " + path + ": kube-apiserver rejects this policy, so it cannot be deployed: " + loaded.Error);
            return ExitCodes.InputError;
        }

        var consumers = new List<KeyValuePair<string, string>>();
        foreach (var name in requires)
        {
            var sets = ValidateCommand.LoadRequirementSets(name, out var problem);
            if (sets is null)
            {
                stderr.WriteLine("error: --require " + name + ": " + problem);
                return ExitCodes.InputError;
            }

            consumers.AddRange(sets.Where(s => s.LogPath is not null).Select(s => new KeyValuePair<string, string>(s.Name, s.LogPath!)));
        }

        DeploymentPlan plan;
        try
        {
            plan = DeploymentGenerator.Plan(targetName, new DeploymentRequest
            {
                PolicyFileName = Path.GetFileName(path),
                CanonicalPolicyYaml = PolicyYamlWriter.Write(loaded.Policy),
                PolicySha256 = DeploymentGenerator.Sha256(bytes),
                KubernetesVersion = version ?? options.KubernetesVersion,
                TalosVersion = talosVersion,
                LogPath = options.LogPath,
                PolicyPath = options.PolicyPath,
                MaxSizeMegabytes = options.MaxSizeMegabytes,
                MaxBackups = options.MaxBackups,
                MaxAgeDays = options.MaxAgeDays,
                ConsumerLogPaths = consumers,
            });
        }
        catch (DeploymentException ex)
        {
            stderr.WriteLine("error: " + ex.Message);
            return ExitCodes.InputError;
        }

        List<KeyValuePair<string, bool>> written;
        try
        {
            written = DeploymentFileWriter.Write(output, plan.Files);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine("error: cannot write the deployment files to " + output + ": " + ex.Message + " (nothing was written)");
            return ExitCodes.InputError;
        }

        foreach (var warning in plan.Warnings)
        {
            stderr.WriteLine("warning: " + warning);
        }

        foreach (var entry in written)
        {
            stdout.WriteLine((entry.Value ? "wrote " : "unchanged ") + entry.Key);
        }

        foreach (var note in plan.Notes)
        {
            stdout.WriteLine("note: " + note);
        }

        stdout.WriteLine("Copy " + Path.GetFileName(path) + " to the node(s) as each file's header says, then apply the file(s) (docs/deploy.md).");
        return ExitCodes.Clean;
    }
}
