using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PolicyAsCode.Generators.Helpers;

namespace PolicyAsCode.Generators;

/// <summary>
/// Emits, for each <c>[AuditPolicy]</c> type: the policy's YAML (a constant and an assembly manifest entry
/// for the build step), the model, and a typed builder. Invalid declarations produce nothing; the analyzers
/// report them.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class PolicyGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // 1. Find the policy types by attribute, and turn each into a symbol-free, equatable spec.
        var specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeNames.AuditPolicyAttribute,
                // Every type declaration, not only classes: records are policies too, and a struct must reach the
                // parser (which rejects it) so that the generator and the analyzer's PAC0009 agree on every type.
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => Parser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.Parse)

            // 2. Invalid declarations yield null: nothing is generated for them.
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.Specs);

        // 3. One file per policy: the C# members and the YAML manifest entry.
        context.RegisterSourceOutput(specs, static (spc, spec) => spc.AddSource(spec.FullName + ".Policy.g.cs", Emitter.Emit(spec)));
    }
}
