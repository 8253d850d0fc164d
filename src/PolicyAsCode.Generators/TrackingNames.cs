namespace PolicyAsCode.Generators;

/// <summary>Names of the tracked incremental steps (for caching tests).</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Specs = nameof(Specs);
}
