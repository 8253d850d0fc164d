namespace PolicyAsCode.CodeFixes;

/// <summary>
/// The code actions' equivalence keys. Fix All applies the fixes of one key, so each key names one kind of edit,
/// never a value: "replace every never-matching value", not "replace with 'get'".
/// </summary>
internal static class EquivalenceKeys
{
    public const string ReplaceValue = "PolicyAsCode.ReplaceValue";
    public const string AddMissingVerbOrResource = "PolicyAsCode.AddMissingVerbOrResource";
    public const string InsertRule = "PolicyAsCode.InsertRule";
    public const string MoveShadowedRule = "PolicyAsCode.MoveShadowedRule";
    public const string RemoveUnreachableRule = "PolicyAsCode.RemoveUnreachableRule";
    public const string RemoveRedundantValue = "PolicyAsCode.RemoveRedundantValue";
}
