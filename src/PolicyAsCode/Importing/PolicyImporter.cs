using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolicyAsCode;

/// <summary>The outcome of importing a YAML policy.</summary>
/// <param name="Source">The attributed C# (null when the file cannot be imported).</param>
/// <param name="Error">Why the file cannot be imported (kube-apiserver's error), or null.</param>
/// <param name="Warnings">What kube-apiserver drops or warns about (unknown keys), each with its position.</param>
public sealed record ImportResult(string? Source, string? Error, IReadOnlyList<PolicyFinding> Warnings);

/// <summary>
/// Imports a YAML policy as attributed C#: the policy as kube-apiserver decodes it (so dropped keys are not
/// silently carried over, they are reported and noted in a comment), with the file's comments placed above
/// the rule they belong to.
/// </summary>
public static class PolicyImporter
{
    /// <summary>Imports <paramref name="text"/>.</summary>
    public static ImportResult Import(string text, string policyName, string className, string? @namespace)
    {
        var result = PolicyLoader.Load(text);
        if (!result.Accepted || result.Policy is null)
        {
            return new ImportResult(null, result.Error, result.Findings);
        }

        var policy = result.Policy;
        var ruleLines = Enumerable.Range(0, policy.Rules.Count).Select(i => result.PositionOf(new PolicyPath(i, string.Empty)).Line).ToArray();
        var header = new List<string>();
        var perRule = Enumerable.Range(0, policy.Rules.Count).Select(_ => new List<string>()).ToArray();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        foreach (var (line, comment, inline) in Comments(text))
        {
            var owner = Owner(line, inline, ruleLines, lines);
            (owner < 0 ? header : perRule[owner]).Add(comment);
        }

        var warnings = result.Findings.Where(f => f.Severity == FindingSeverity.Warning).ToList();
        foreach (var warning in warnings)
        {
            header.Add("kube-apiserver drops this from the original file (" + warning.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + warning.Column.ToString(System.Globalization.CultureInfo.InvariantCulture) + "): " + warning.Message);
        }

        var source = CSharpPolicyWriter.Write(policy, policyName, className, @namespace, header, perRule);
        return new ImportResult(source, null, warnings);
    }

    /// <summary>
    /// The rule a comment belongs to: a comment block directly above a rule belongs to it; a comment inside a
    /// rule's lines belongs to that rule; anything before the first rule is the policy's (-1).
    /// </summary>
    private static int Owner(int line, bool inline, int[] ruleLines, string[] lines)
    {
        for (var i = 0; i < ruleLines.Length; i++)
        {
            if (ruleLines[i] == line || (!inline && ruleLines[i] > line && OnlyCommentsBetween(lines, line, ruleLines[i])))
            {
                return i;
            }
        }

        var owner = -1;
        for (var i = 0; i < ruleLines.Length; i++)
        {
            if (ruleLines[i] <= line)
            {
                owner = i;
            }
        }

        return owner;
    }

    private static bool OnlyCommentsBetween(string[] lines, int from, int to)
    {
        for (var l = from + 1; l < to; l++)
        {
            var trimmed = l - 1 < lines.Length ? lines[l - 1].Trim() : string.Empty;
            if (trimmed.Length > 0 && !trimmed.StartsWith("#", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The comments of the first YAML document: (line, text without '#', on a line with content).</summary>
    private static IEnumerable<(int Line, string Text, bool Inline)> Comments(string text)
    {
        var comments = new List<(int, string, bool)>();
        if (text.TrimStart().StartsWith("{", StringComparison.Ordinal))
        {
            return comments;
        }

        try
        {
            var parser = new Parser(new Scanner(new StringReader(text), skipComments: false));
            while (parser.MoveNext())
            {
                if (parser.Current is Comment comment)
                {
                    var value = comment.Value.StartsWith(" ", StringComparison.Ordinal) ? comment.Value.Substring(1) : comment.Value;
                    comments.Add(((int)comment.Start.Line, value.TrimEnd(), comment.IsInline));
                }
                else if (parser.Current is DocumentEnd)
                {
                    break;
                }
            }
        }
        catch (YamlException)
        {
            // The file loaded; comments past a point YamlDotNet cannot parse are left out.
        }

        return comments;
    }
}
