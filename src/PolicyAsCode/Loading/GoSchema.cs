using System.Collections.Generic;

namespace PolicyAsCode.Loading;

/// <summary>The Go types the policy decodes into, with the names Go prints in "cannot unmarshal" errors.</summary>
internal abstract class GoType
{
    protected GoType(string name) => Name = name;

    /// <summary>Go's <c>reflect.Type.String()</c>, e.g. <c>[]v1.PolicyRule</c>.</summary>
    public string Name { get; }
}

internal sealed class GoString : GoType
{
    public GoString(string name = "string")
        : base(name)
    {
    }
}

internal sealed class GoBool : GoType
{
    public GoBool(bool pointer)
        : base("bool") => Pointer = pointer;

    /// <summary>A <c>*bool</c>: null leaves it unset instead of false.</summary>
    public bool Pointer { get; }
}

/// <summary>A number field (metadata.generation); decoded only for type checking.</summary>
internal sealed class GoNumber : GoType
{
    public GoNumber(string name)
        : base(name)
    {
    }
}

/// <summary>metav1.Time: a string or null (the value is not used).</summary>
internal sealed class GoTime : GoType
{
    public GoTime()
        : base("v1.Time")
    {
    }
}

/// <summary>Anything (fields whose content kube-apiserver ignores for policies, checked only for strictness).</summary>
internal sealed class GoAny : GoType
{
    public GoAny(string name)
        : base(name)
    {
    }
}

internal sealed class GoSlice : GoType
{
    public GoSlice(GoType element)
        : base("[]" + element.Name) => Element = element;

    public GoType Element { get; }
}

internal sealed class GoMap : GoType
{
    public GoMap(GoType value)
        : base("map[string]" + value.Name) => Value = value;

    public GoType Value { get; }
}

internal sealed class GoStruct : GoType
{
    public GoStruct(string package, string structName)
        : base(package + "." + structName) => StructName = structName;

    /// <summary>The struct's own name, as Go prints it in "Go struct field S.path".</summary>
    public string StructName { get; }

    public Dictionary<string, GoType> Fields { get; } = new(System.StringComparer.Ordinal);
}

/// <summary>
/// The two shapes kube-apiserver may decode a policy into: <c>audit.k8s.io/v1</c> (json tags) and, when
/// apiVersion is missing, the internal type (no json tags, so only Go field names are known fields).
/// </summary>
internal static class GoSchema
{
    public static readonly GoStruct V1Policy = BuildV1();
    public static readonly GoStruct InternalPolicy = BuildInternal();

    private static GoStruct BuildV1()
    {
        var stage = new GoString("v1.Stage");
        var groupResources = new GoStruct("v1", "GroupResources");
        groupResources.Fields["group"] = new GoString();
        groupResources.Fields["resources"] = new GoSlice(new GoString());
        groupResources.Fields["resourceNames"] = new GoSlice(new GoString());

        var rule = new GoStruct("v1", "PolicyRule");
        rule.Fields["level"] = new GoString("v1.Level");
        rule.Fields["users"] = new GoSlice(new GoString());
        rule.Fields["userGroups"] = new GoSlice(new GoString());
        rule.Fields["verbs"] = new GoSlice(new GoString());
        rule.Fields["resources"] = new GoSlice(groupResources);
        rule.Fields["namespaces"] = new GoSlice(new GoString());
        rule.Fields["nonResourceURLs"] = new GoSlice(new GoString());
        rule.Fields["omitStages"] = new GoSlice(stage);
        rule.Fields["omitManagedFields"] = new GoBool(pointer: true);

        var policy = new GoStruct("v1", "Policy");
        policy.Fields["kind"] = new GoString();
        policy.Fields["apiVersion"] = new GoString();
        policy.Fields["metadata"] = ObjectMeta();
        policy.Fields["rules"] = new GoSlice(rule);
        policy.Fields["omitStages"] = new GoSlice(stage);
        policy.Fields["omitManagedFields"] = new GoBool(pointer: false);
        return policy;
    }

    private static GoStruct BuildInternal()
    {
        var stage = new GoString("audit.Stage");
        var groupResources = new GoStruct("audit", "GroupResources");
        groupResources.Fields["Group"] = new GoString();
        groupResources.Fields["Resources"] = new GoSlice(new GoString());
        groupResources.Fields["ResourceNames"] = new GoSlice(new GoString());

        var rule = new GoStruct("audit", "PolicyRule");
        rule.Fields["Level"] = new GoString("audit.Level");
        rule.Fields["Users"] = new GoSlice(new GoString());
        rule.Fields["UserGroups"] = new GoSlice(new GoString());
        rule.Fields["Verbs"] = new GoSlice(new GoString());
        rule.Fields["Resources"] = new GoSlice(groupResources);
        rule.Fields["Namespaces"] = new GoSlice(new GoString());
        rule.Fields["NonResourceURLs"] = new GoSlice(new GoString());
        rule.Fields["OmitStages"] = new GoSlice(stage);
        rule.Fields["OmitManagedFields"] = new GoBool(pointer: true);

        var policy = new GoStruct("audit", "Policy");
        policy.Fields["kind"] = new GoString();
        policy.Fields["apiVersion"] = new GoString();

        // The embedded ObjectMeta has no json tag in the internal type, so its fields are promoted.
        foreach (var field in ObjectMeta().Fields)
        {
            policy.Fields[field.Key] = field.Value;
        }

        policy.Fields["Rules"] = new GoSlice(rule);
        policy.Fields["OmitStages"] = new GoSlice(stage);
        policy.Fields["OmitManagedFields"] = new GoBool(pointer: false);
        return policy;
    }

    private static GoStruct ObjectMeta()
    {
        var meta = new GoStruct("v1", "ObjectMeta");
        foreach (var name in new[] { "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion" })
        {
            meta.Fields[name] = new GoString(name == "uid" ? "types.UID" : "string");
        }

        meta.Fields["generation"] = new GoNumber("int64");
        meta.Fields["creationTimestamp"] = new GoTime();
        meta.Fields["deletionTimestamp"] = new GoTime();
        meta.Fields["deletionGracePeriodSeconds"] = new GoNumber("int64");
        meta.Fields["labels"] = new GoMap(new GoString());
        meta.Fields["annotations"] = new GoMap(new GoString());
        meta.Fields["ownerReferences"] = new GoAny("[]v1.OwnerReference");
        meta.Fields["finalizers"] = new GoSlice(new GoString());
        meta.Fields["managedFields"] = new GoAny("[]v1.ManagedFieldsEntry");
        return meta;
    }
}
