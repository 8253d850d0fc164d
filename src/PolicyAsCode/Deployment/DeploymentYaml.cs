using System.Collections.Generic;
using System.Text;

namespace PolicyAsCode.Deployment;

/// <summary>
/// The small YAML writer for deployment documents, on the same rules as <see cref="PolicyYamlWriter"/>: keys are
/// fixed identifiers written plain, every string value is double-quoted (so YAML 1.1 and 1.2 readers, Go's and
/// kubectl's, read the same string), numbers and booleans are written plain, LF line ends.
/// </summary>
internal sealed class DeploymentYaml
{
    private readonly StringBuilder _sb = new(1024);

    /// <summary>Comment lines (<c># ...</c>); an empty line is written as a bare <c>#</c>.</summary>
    public DeploymentYaml Comment(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            _sb.Append(line.Length == 0 ? "#" : "# " + line).Append('\n');
        }

        return this;
    }

    /// <summary>A line exactly as given (a key that opens a mapping or a list, a fixed token).</summary>
    public DeploymentYaml Raw(string line)
    {
        _sb.Append(line).Append('\n');
        return this;
    }

    /// <summary><c>prefix"value"</c>: a double-quoted string after a key or a list dash.</summary>
    public DeploymentYaml String(string prefix, string value)
    {
        _sb.Append(prefix);
        PolicyYamlWriter.Quoted(_sb, value);
        _sb.Append('\n');
        return this;
    }

    /// <summary>A number or boolean after its key.</summary>
    public DeploymentYaml Plain(string prefix, int value)
    {
        _sb.Append(prefix).Append(value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        return this;
    }

    /// <summary><c>prefix|</c> and the text as a literal block, every line indented by <paramref name="indent"/> spaces.</summary>
    /// <remarks>
    /// Safe for canonical policy YAML and for the fragments written here: no line starts with a space at the first
    /// line (so no indentation indicator is needed), no line has trailing spaces, no tab or control character is raw
    /// (the writers escape them inside double quotes), and the text ends with exactly one LF (clip chomping keeps it).
    /// </remarks>
    public DeploymentYaml Literal(string prefix, string text, int indent)
    {
        _sb.Append(prefix).Append("|\n");
        return Indented(text, indent);
    }

    /// <summary>The text's lines, each indented by <paramref name="indent"/> spaces (a nested mapping).</summary>
    public DeploymentYaml Indented(string text, int indent)
    {
        var pad = new string(' ', indent);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            _sb.Append(line.Length == 0 ? string.Empty : pad + line).Append('\n');
        }

        return this;
    }

    public override string ToString() => _sb.ToString();
}
