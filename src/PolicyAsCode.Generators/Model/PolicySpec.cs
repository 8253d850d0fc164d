namespace PolicyAsCode.Generators.Model;

/// <summary>Everything the emitter needs for one policy type.</summary>
/// <remarks>Must stay immutable and structurally equatable: no symbols, syntax nodes or locations.</remarks>
internal sealed record PolicySpec
{
    /// <summary>The containing namespace, or empty for the global namespace.</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>The policy type and its containing types, outermost first.</summary>
    public EquatableArray<TypeDeclarationSpec> TypeHierarchy { get; init; }

    /// <summary>The metadata name with nesting flattened (<c>Ns.Outer.Inner</c>), for the hint name.</summary>
    public string FullName { get; init; } = string.Empty;

    /// <summary>The YAML file name (<c>{name}.yaml</c>).</summary>
    public string FileName { get; init; } = string.Empty;

    /// <summary>The policy model.</summary>
    public Policy Policy { get; init; } = new();

    /// <summary>The rules' names (their nested types' names), in rule order.</summary>
    public EquatableArray<string> RuleNames { get; init; }

    /// <summary>The [MustMeet] sets' consumer log paths ([RequirementSet(name, LogPath = ...)]) as <c>name\npath</c>, distinct, in declaration order.</summary>
    public EquatableArray<string> LogPaths { get; init; }

    /// <summary>The rules' names as C# identifiers (keywords escaped with '@'), in rule order.</summary>
    public EquatableArray<string> RuleIdentifiers { get; init; }
}

/// <summary>A type declaration to re-open as partial: its keyword (<c>class</c>, <c>struct</c>, <c>record</c>, ...) and name.</summary>
internal sealed record TypeDeclarationSpec(string Keyword, string Name);
