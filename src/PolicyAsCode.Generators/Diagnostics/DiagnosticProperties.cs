namespace PolicyAsCode.Generators.Diagnostics;

/// <summary>
/// Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/>: what the analyzer tells the code fixes, so a
/// fix never has to repeat the analysis. The code-fix assembly links this file (it must not reference the
/// analyzer assembly's internals), so the keys are the contract between the two.
/// </summary>
internal static class DiagnosticProperties
{
    /// <summary>PAC0005: the value that replaces the literal at the diagnostic's location.</summary>
    public const string Replacement = "Replacement";

    /// <summary>
    /// PAC0001/PAC0002: the edit that removes the requirement gap, one of <see cref="AddVerb"/>,
    /// <see cref="AddResource"/>, <see cref="InsertRule"/> or <see cref="MoveRule"/>. Present only when the analyzer
    /// applied the edit to the policy model and the requirement checker found the gap gone and no new gap of the
    /// requirement set.
    /// </summary>
    public const string Fix = "Fix";

    /// <summary>The rule (nested type name) the edit is about: the rule to extend, the rule to insert or the rule to move.</summary>
    public const string Rule = "Rule";

    /// <summary>The request verb to add (<see cref="AddVerb"/>) or to put into the new rule (<see cref="InsertRule"/>).</summary>
    public const string Verb = "Verb";

    /// <summary>The API group of the requirement (<c>""</c> is core).</summary>
    public const string Group = "Group";

    /// <summary>The resource (<c>resource</c> or <c>resource/subresource</c>) to add or to put into the new rule.</summary>
    public const string Resource = "Resource";

    /// <summary><see cref="AddResource"/>: the index of the rule's <c>[Resources]</c> attribute (in attribute order) that gets the resource.</summary>
    public const string ResourcesIndex = "ResourcesIndex";

    /// <summary><see cref="InsertRule"/>: the new rule's level, a <c>Level</c> member name (e.g. <c>RequestResponse</c>).</summary>
    public const string Level = "Level";

    /// <summary><see cref="InsertRule"/>/<see cref="MoveRule"/>: the rule to place the new or moved rule just before.</summary>
    public const string Before = "Before";

    /// <summary><see cref="InsertRule"/>: the rule to place the new rule just after (when it goes last).</summary>
    public const string After = "After";

    /// <summary>
    /// <see cref="InsertRule"/>/<see cref="MoveRule"/>, only when the policy's rules set <c>Order</c>: the <c>Order</c> the
    /// new or moved rule gets (the declaration's place in the file then does not matter).
    /// </summary>
    public const string Order = "Order";

    /// <summary><see cref="Fix"/> value: add <see cref="Verb"/> to the <c>[Verbs]</c> of <see cref="Rule"/>.</summary>
    public const string AddVerb = "AddVerb";

    /// <summary><see cref="Fix"/> value: add <see cref="Resource"/> to the <c>[Resources]</c> number <see cref="ResourcesIndex"/> of <see cref="Rule"/>.</summary>
    public const string AddResource = "AddResource";

    /// <summary><see cref="Fix"/> value: insert a new rule <see cref="Rule"/> for (<see cref="Verb"/>, <see cref="Group"/>, <see cref="Resource"/>) at <see cref="Level"/>.</summary>
    public const string InsertRule = "InsertRule";

    /// <summary><see cref="Fix"/> value: move <see cref="Rule"/> just before <see cref="Before"/> (or give it <see cref="Order"/>).</summary>
    public const string MoveRule = "MoveRule";

    /// <summary>
    /// A grouped requirement finding carries one edit per distinct fix of its cells: the first under the plain keys,
    /// edit k (k &gt;= 1) under each key followed by this separator and k (<c>Fix#1</c>, <c>Rule#1</c>, ...).
    /// </summary>
    public const string EditSeparator = "#";

    /// <summary>The key of edit <paramref name="k"/> (see <see cref="EditSeparator"/>).</summary>
    public static string Of(string key, int k) => k == 0 ? key : key + EditSeparator + k.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// PAC0007: <see cref="Fix"/> value when the earlier rules decide every request of the unreachable rule exactly as
    /// it would (same level, stages and managedFields), so removing it changes nothing.
    /// </summary>
    public const string RemoveRule = "RemoveRule";

    /// <summary>
    /// PAC0012: <see cref="Fix"/> value when the diagnostic is on a value (an attribute argument or array element)
    /// that another value of the rule already matches; <see cref="Value"/> is that value, so the fix removes the
    /// argument only when it is the one the analyzer meant.
    /// </summary>
    public const string RemoveValue = "RemoveValue";

    /// <summary>PAC0012: <see cref="Fix"/> value when the diagnostic is on a whole <c>[Resources]</c> attribute that other entries cover.</summary>
    public const string RemoveEntry = "RemoveEntry";

    /// <summary><see cref="RemoveValue"/>: the redundant value.</summary>
    public const string Value = "Value";
}
