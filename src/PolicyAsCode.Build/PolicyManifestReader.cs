using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace PolicyAsCode.Build;

/// <summary>
/// Reads the policies' YAML from a compiled assembly's <c>[assembly: AssemblyMetadata("PolicyAsCode:&lt;file&gt;", yaml)]</c>
/// attributes, with System.Reflection.Metadata only: the assembly is never loaded and no user code runs.
/// </summary>
public static class PolicyManifestReader
{
    /// <summary>The key prefix the generator uses.</summary>
    public const string Prefix = "PolicyAsCode:";

    /// <summary>Every (file name, YAML) entry, in metadata order.</summary>
    public static List<KeyValuePair<string, string>> Read(string assemblyPath) => Read(assemblyPath, Prefix);

    /// <summary>Every (key without <paramref name="prefix"/>, value) entry whose key starts with the prefix, in metadata order.</summary>
    public static List<KeyValuePair<string, string>> Read(string assemblyPath, string prefix)
    {
        var entries = new List<KeyValuePair<string, string>>();
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (!IsAssemblyMetadata(reader, attribute.Constructor))
            {
                continue;
            }

            var blob = reader.GetBlobReader(attribute.Value);
            if (blob.ReadUInt16() != 1)
            {
                continue;
            }

            var key = blob.ReadSerializedString();
            var value = blob.ReadSerializedString();
            if (key is not null && key.StartsWith(prefix, StringComparison.Ordinal) && value is not null)
            {
                entries.Add(new KeyValuePair<string, string>(key.Substring(prefix.Length), value));
            }
        }

        return entries;
    }

    private static bool IsAssemblyMetadata(MetadataReader reader, EntityHandle constructor)
    {
        EntityHandle type;
        if (constructor.Kind == HandleKind.MemberReference)
        {
            type = reader.GetMemberReference((MemberReferenceHandle)constructor).Parent;
        }
        else if (constructor.Kind == HandleKind.MethodDefinition)
        {
            type = reader.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType();
        }
        else
        {
            return false;
        }

        if (type.Kind == HandleKind.TypeReference)
        {
            var reference = reader.GetTypeReference((TypeReferenceHandle)type);
            return reader.StringComparer.Equals(reference.Name, "AssemblyMetadataAttribute") && reader.StringComparer.Equals(reference.Namespace, "System.Reflection");
        }

        if (type.Kind == HandleKind.TypeDefinition)
        {
            var definition = reader.GetTypeDefinition((TypeDefinitionHandle)type);
            return reader.StringComparer.Equals(definition.Name, "AssemblyMetadataAttribute") && reader.StringComparer.Equals(definition.Namespace, "System.Reflection");
        }

        return false;
    }
}
