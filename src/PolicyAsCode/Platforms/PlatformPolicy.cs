namespace PolicyAsCode;

/// <summary>
/// A read-only audit policy that a platform runs and the user cannot change, or that a distribution or its
/// documentation installs by default (<see cref="PlatformPolicies"/>): its text and where it comes from.
/// </summary>
public sealed class PlatformPolicy
{
    internal PlatformPolicy(string name, string description, string source, string text)
    {
        Name = name;
        Description = description;
        Source = source;
        Text = text;
    }

    /// <summary>The name <c>validate --platform</c> takes, e.g. <c>talos-default</c>.</summary>
    public string Name { get; }

    /// <summary>The name tools report as the policy's file: <c>platform:</c> and the name.</summary>
    public string FileName => "platform:" + Name;

    /// <summary>What the policy is and when the platform uses it.</summary>
    public string Description { get; }

    /// <summary>Where the text comes from: repository, commit and path (docs/platforms.md has the details).</summary>
    public string Source { get; }

    /// <summary>
    /// The policy text as kube-apiserver reads it: the upstream text byte for byte (the embedded copy without its
    /// provenance header), or for OpenShift the policy the operator assembles. Finding positions refer to this text.
    /// </summary>
    public string Text { get; }

    /// <summary>Loads <see cref="Text"/> exactly as a file with that content is loaded.</summary>
    public PolicyLoadResult Load(PolicyLoadOptions? options = null) => PolicyLoader.Load(Text, options);
}
