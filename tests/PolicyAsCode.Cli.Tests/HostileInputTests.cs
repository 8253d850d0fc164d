using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using PolicyAsCode.Tests;
using Xunit;

namespace PolicyAsCode.Cli.Tests;

/// <summary>
/// The tool under hostile input and faults (issue 12): every command reads through the same bounded loader,
/// input that is not a policy is one <c>error:</c> line with exit 2 and the same words in every command, a failing
/// output is one line, and <c>import -o</c> touches nothing but its target.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("policyascode-hostile-").FullName;

    private static string Good => Path.Combine(SharedFiles.CorpusDirectory, "aks-engine.yaml");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Inputs => new() { "missing", "directory", "symlink-loop", "unreadable", "binary", "endless-device", "oversized" };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Input_that_is_not_a_policy_is_one_line_and_exit_2_in_every_command(string kind)
    {
        var input = MakeInput(kind);
        var messages = new[] { "validate", "explain", "import", "diff" }.Select(command =>
        {
            var args = command switch
            {
                "explain" => new[] { command, input, "--path", "/healthz" },
                "diff" => new[] { command, input, Good },
                _ => new[] { command, input },
            };
            var (code, stdout, stderr) = Tool.InProcess(args);
            Assert.True(code == 2, command + " " + kind + ": exit " + code + "\n" + stdout + stderr);
            Assert.Equal(string.Empty, stdout);
            var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 1, command + ": " + stderr);
            Assert.StartsWith("error: " + input + ": ", lines[0]);
            Assert.DoesNotContain("kube-apiserver would not load", lines[0]);
            return lines[0];
        }).ToList();
        Assert.Single(messages.Distinct());
    }

    [Fact]
    public void The_input_error_texts_say_what_is_wrong()
    {
        string Error(string kind) => Tool.InProcess("validate", MakeInput(kind)).Stderr.Trim();
        Assert.EndsWith(": no such file or directory", Error("missing"));
        Assert.EndsWith(": is a directory", Error("directory"));
        Assert.EndsWith(": too many levels of symbolic links", Error("symlink-loop"));
        Assert.Contains("failed to read file path", Error("unreadable"));
        Assert.EndsWith("failed decoding: yaml: invalid leading UTF-8 octet", Error("binary"));
        Assert.Contains(": the file is larger than 16777216 bytes; PolicyAsCode reads policy files of at most 16777216 bytes (its own limit", Error("endless-device"));
        Assert.Contains(": the file is 16777217 bytes; PolicyAsCode reads policy files of at most 16777216 bytes (its own limit", Error("oversized"));
    }

    [Fact]
    public void A_full_output_device_is_one_error_line_not_a_stack_trace()
    {
        var full = new StreamWriter(new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0)) { AutoFlush = true };
        var stderr = new StringWriter();
        var code = PolicyCli.Run(new[] { "validate", Good }, full, stderr);
        try
        {
            full.Dispose();
        }
        catch (IOException)
        {
            // The writer may still hold text the device refused.
        }

        Assert.Equal(2, code);
        Assert.Single(stderr.ToString().Trim().Split('\n'));
        Assert.StartsWith("error: cannot write the output: No space left on device", stderr.ToString());
    }

    [Fact]
    public void The_real_process_writing_to_a_full_device_exits_2_with_one_line()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$0\" validate \"$1\" > /dev/full");
        start.ArgumentList.Add(typeof(PolicyCli).Assembly.Location);
        start.ArgumentList.Add(Good);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(2, process.ExitCode);
        Assert.Equal("error: cannot write the output: No space left on device", stderr.Trim());
    }

    [Fact]
    public void Explain_requests_from_an_endless_device_stop_at_the_line_limit()
    {
        var (code, stdout, stderr) = Tool.InProcess("explain", Good, "--requests", "/dev/zero");
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal("error: /dev/zero:1: the line is longer than 1048576 bytes, PolicyAsCode's limit for one request", stderr.Trim());
    }

    [Fact]
    public void Import_to_a_missing_folder_or_onto_a_directory_is_refused_and_leaves_nothing()
    {
        var missing = Tool.InProcess("import", Good, "-o", Path.Combine(_folder, "no", "x.cs"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("error: " + Path.Combine(_folder, "no", "x.cs") + ": no such folder: " + Path.Combine(_folder, "no"), missing.Stderr.Trim());

        var directory = Directory.CreateDirectory(Path.Combine(_folder, "out")).FullName;
        var onto = Tool.InProcess("import", Good, "-o", directory);
        Assert.Equal(2, onto.ExitCode);
        Assert.Equal("error: " + directory + ": is a directory", onto.Stderr.Trim());
        Assert.Equal(new[] { directory }, Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void Import_never_follows_a_planted_temporary_file_link()
    {
        var victim = Path.Combine(_folder, "victim");
        File.WriteAllText(victim, "keep me");
        var target = Path.Combine(_folder, "out.cs");
        File.CreateSymbolicLink(target + ".tmp", victim);

        var (code, _, stderr) = Tool.InProcess("import", Good, "-o", target);
        Assert.True(code is 0 or 1, stderr);
        Assert.Equal("keep me", File.ReadAllText(victim));
        Assert.Contains("[AuditPolicy(\"aks-engine\")]", File.ReadAllText(target));
        Assert.Equal(new[] { "out.cs", "out.cs.tmp", "victim" }, Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Import_refuses_targets_that_are_not_regular_files()
    {
        var victim = Path.Combine(_folder, "victim");
        File.WriteAllText(victim, "keep me");
        var link = Path.Combine(_folder, "link.cs");
        File.CreateSymbolicLink(link, victim);
        var fifo = Path.Combine(_folder, "pipe.cs");
        Process.Start("mkfifo", fifo)!.WaitForExit();

        var throughLink = Tool.InProcess("import", Good, "-o", link);
        Assert.Equal(2, throughLink.ExitCode);
        Assert.Equal("error: " + link + ": is a symbolic link; give the path of the file itself", throughLink.Stderr.Trim());
        Assert.Equal(victim, new FileInfo(link).LinkTarget);

        var ontoPipe = Tool.InProcess("import", Good, "-o", fifo);
        Assert.Equal(2, ontoPipe.ExitCode);
        Assert.Equal("error: " + fifo + ": is not a regular file (a device, pipe or socket)", ontoPipe.Stderr.Trim());
        Assert.Equal("keep me", File.ReadAllText(victim));
        Assert.Equal(3, Directory.GetFileSystemEntries(_folder).Length);
    }

    [Fact]
    public void Import_replaces_an_existing_file_and_leaves_no_temporary_file()
    {
        var target = Path.Combine(_folder, "out.cs");
        File.WriteAllText(target, "old");
        var (code, _, stderr) = Tool.InProcess("import", Good, "-o", target);
        Assert.True(code is 0 or 1, stderr);
        Assert.Contains("[AuditPolicy(\"aks-engine\")]", File.ReadAllText(target));
        Assert.Equal(new[] { target }, Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void Control_characters_from_policy_values_are_escaped_in_text_output()
    {
        var policy = Path.Combine(_folder, "p.yaml");
        File.WriteAllText(policy, "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  users: [\"a\\e[2Jb\"]\n  resources: [{group: \"\", resources: [\"pods\\a\"]}]\n- level: None\n");
        // The finding (PAC0005, a warning) carries the value; --fail-on warning makes its exit code say it was reported.
        var validate = Tool.InProcess("validate", policy, "--fail-on", "warning");
        Assert.Equal(1, validate.ExitCode);
        Assert.DoesNotContain('\u0007', validate.Stdout);
        Assert.Contains("pods\\u0007", validate.Stdout);

        var explain = Tool.InProcess("explain", policy, "--user", "x", "--verb", "get", "--resource", "pods");
        Assert.Equal(0, explain.ExitCode);
        Assert.DoesNotContain('\u001b', explain.Stdout);
        Assert.Contains("\\u001B[2J", explain.Stdout);
    }

    /// <summary>
    /// A large policy of one rule repeated (issue 12, item 5: the time is measured in benchmarks/, not here): every copy
    /// after the first is reported, each at its own line, in text and JSON alike, and the file is accepted.
    /// </summary>
    [Fact]
    public void Every_copy_of_a_repeated_rule_is_reported_at_its_own_line()
    {
        const int Rules = 20_000;
        var policy = Path.Combine(_folder, "copies.yaml");
        File.WriteAllText(policy, "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n" + string.Concat(Enumerable.Repeat("- level: None\n", Rules)));

        var text = Tool.InProcess("validate", policy);
        Assert.Equal(0, text.ExitCode);
        var lines = text.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Rules, lines.Length);
        for (var i = 1; i < Rules; i++)
        {
            Assert.Equal(policy + ":" + (i + 4) + ":3: warning PAC0007: rule " + i + " is never reached: every request it matches is decided earlier by rule 0; they decide those requests exactly as it would, so removing it changes nothing", lines[i - 1]);
        }

        Assert.Equal(policy + ": accepted by kube-apiserver (" + Rules + " rules)", lines[^1]);

        var json = Tool.InProcess("validate", policy, "--format", "json");
        Assert.Equal(0, json.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(json.Stdout);
        var findings = document.RootElement[0].GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(Rules - 1, findings.Count);
        Assert.All(findings.Select((f, i) => (f, i)), x => Assert.Equal(x.i + 5, x.f.GetProperty("line").GetInt32()));
    }

    /// <summary>
    /// The credential check (PAC0008) behind thousands of per-user exemptions: the rule that logs secrets is found behind
    /// them, and a policy whose rules never log above Metadata has no finding (its cells are not enumerated at all).
    /// </summary>
    [Fact]
    public void Credentials_are_found_behind_thousands_of_exemptions()
    {
        var exemptions = string.Concat(Enumerable.Range(0, 5_000).Select(i => "- {level: None, users: [u" + i + "]}\n"));
        var leaking = Path.Combine(_folder, "leaking.yaml");
        File.WriteAllText(leaking, "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n" + exemptions + "- level: RequestResponse\n");
        var found = Tool.InProcess("validate", leaking);
        var credentials = found.Stdout.Split('\n').Where(l => l.Contains("PAC0008", StringComparison.Ordinal)).ToList();
        Assert.Equal(leaking + ":5004:3: warning PAC0008: this rule logs credentials at RequestResponse: create secrets (request body), update secrets (request body), patch secrets (request body), get secrets (response body), list secrets (response body), watch secrets (response body), deletecollection secrets (response body: the deleted objects), create serviceaccounts/token (response body: a new bearer token), create authentication.k8s.io/tokenreviews (request body: the token under review); decide these requests at Metadata in an earlier rule", Assert.Single(credentials));

        var quiet = Path.Combine(_folder, "quiet.yaml");
        File.WriteAllText(quiet, "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n" + exemptions.Replace("None", "Metadata", StringComparison.Ordinal) + "- level: Metadata\n");
        var none = Tool.InProcess("validate", quiet);
        Assert.Equal(0, none.ExitCode);
        Assert.DoesNotContain("PAC0008", none.Stdout, StringComparison.Ordinal);
    }

    private string MakeInput(string kind)
    {
        var path = Path.Combine(_folder, kind + ".yaml");
        switch (kind)
        {
            case "missing":
                break;
            case "directory":
                Directory.CreateDirectory(path);
                break;
            case "symlink-loop":
                File.CreateSymbolicLink(path, path + ".2");
                File.CreateSymbolicLink(path + ".2", path);
                break;
            case "unreadable":
                // Reading a process's own memory at offset 0 fails (EIO) even for root, unlike a chmod 000 file.
                return "/proc/self/mem";
            case "binary":
                File.WriteAllBytes(path, new byte[] { 0x00, 0x01, 0x02, 0xFF });
                break;
            case "endless-device":
                return "/dev/zero";
            case "oversized":
                using (var stream = File.Create(path))
                {
                    stream.SetLength((16 * 1024 * 1024) + 1);
                }

                break;
        }

        return path;
    }
}
