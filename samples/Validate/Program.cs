using System;
using PolicyAsCode;

// Loads each file as kube-apiserver would and prints the verdict, every finding with its position, and,
// for an accepted file, the canonical YAML PolicyAsCode writes for it. Exit code 0 = all accepted,
// 1 = at least one file rejected, 2 = no file given.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Validate FILE...");
    return 2;
}

var exitCode = 0;
foreach (var file in args)
{
    var result = PolicyLoader.LoadFile(file);
    foreach (var finding in result.Findings)
    {
        Console.WriteLine(finding.Line > 0 ? $"{file}:{finding.Line}:{finding.Column}: {finding.Severity.ToString().ToLowerInvariant()}: {finding.Message}" : $"{file}: {finding.Severity.ToString().ToLowerInvariant()}: {finding.Message}");
    }

    if (result.Accepted)
    {
        Console.WriteLine($"{file}: accepted ({result.Policy!.Rules.Count} rules)");
        Console.Write(PolicyYamlWriter.Write(result.Policy));
    }
    else
    {
        Console.WriteLine($"{file}: rejected: {result.Error}");
        exitCode = 1;
    }
}

return exitCode;
