using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PolicyAsCode.Tests;
using Xunit;

namespace PolicyAsCode.Cli.Tests.Integrations;

/// <summary>
/// The repository's .pre-commit-hooks.yaml, run by Debian's pre-commit (<c>pre-commit try-repo</c>) in a temporary
/// git repository, as a consumer's commit would run it.
/// </summary>
public sealed class PreCommitHookTests
{
    private const string Broken = "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Verbose\n";

    [Fact]
    public void A_clean_policy_passes_and_other_yaml_is_not_judged()
    {
        var repo = Repository(("audit/policy.yaml", File.ReadAllText(Path.Combine(SharedFiles.CorpusDirectory, "k8s-website-minimal-metadata.yaml"))), ("deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"));
        var (code, output) = TryRepo(repo, NativeOnPath(), "audit/policy.yaml", "deploy.yaml");
        Assert.True(code == 0, output);
        Assert.Contains("policyascode validate (Kubernetes audit policies)", output);
        Assert.Contains("Passed", output);
    }

    [Fact]
    public void A_broken_policy_fails_with_the_finding()
    {
        var repo = Repository(("policy.yaml", Broken), ("clean.json", "{\"apiVersion\": \"audit.k8s.io/v1\", \"kind\": \"Policy\", \"rules\": [{\"level\": \"Metadata\"}]}"));
        var (code, output) = TryRepo(repo, NativeOnPath(), "policy.yaml", "clean.json");
        Assert.Equal(1, code);
        Assert.Contains("Failed", output);
        Assert.Contains("policy.yaml:4:10: error PAC0004: rules[0].level: Unsupported value: \"Verbose\"", output);
        Assert.Contains("clean.json: accepted by kube-apiserver (1 rule)", output);
    }

    /// <summary>Nothing installed: the hook builds the tool once from its own checkout (the .NET SDK is all it needs).</summary>
    [Fact]
    public void Without_policyascode_on_PATH_the_hook_builds_it_from_its_checkout()
    {
        var repo = Repository(("policy.yaml", Broken));
        var path = string.Join(":", (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Where(d => d.Length > 0 && !File.Exists(Path.Combine(d, "policyascode"))));
        var (code, output) = TryRepo(repo, new Dictionary<string, string> { ["PATH"] = path }, "policy.yaml");
        Assert.Equal(1, code);
        Assert.Contains("building it once", output);
        Assert.Contains("policy.yaml:4:10: error PAC0004", output);
    }

    private static Dictionary<string, string> NativeOnPath() => new()
    {
        ["PATH"] = Path.GetDirectoryName(NativeExecutable.Path) + ":" + Environment.GetEnvironmentVariable("PATH"),
    };

    private static string Repository(params (string Path, string Content)[] files)
    {
        var repo = Directory.CreateTempSubdirectory("policyascode-precommit-").FullName;
        Git(repo, "init", "-q", ".");
        foreach (var (path, content) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(repo, path))!);
            File.WriteAllText(Path.Combine(repo, path), content);
        }

        Git(repo, "add", ".");
        return repo;
    }

    private static (int Code, string Output) TryRepo(string repo, Dictionary<string, string> environment, params string[] files)
    {
        // Its own cache: the clone pre-commit makes of the hook repository stays inside the test's folder.
        environment["PRE_COMMIT_HOME"] = Path.Combine(repo, ".pre-commit-home");
        environment["POLICYASCODE"] = string.Empty;
        var args = new[] { "try-repo", RepositoryRoot.Path, "policyascode-validate", "--verbose", "--files" }.Concat(files).ToArray();
        var (code, stdout, stderr) = Tool.Run(PreCommit, Array.Empty<string>(), null, args, repo, environment, TimeSpan.FromMinutes(10));
        return (code, stdout + stderr);
    }

    private static string PreCommit =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, "pre-commit")).FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException("pre-commit is not on PATH (Debian: apt-get install pre-commit; .ci/run installs it)");

    private static void Git(string repo, params string[] args)
    {
        var (code, stdout, stderr) = Tool.Run("git", Array.Empty<string>(), null, args, repo);
        Assert.True(code == 0, "git " + string.Join(" ", args) + ": " + stdout + stderr);
    }
}
