using System.Linq;
using System.Reflection;
using Xunit;

namespace PolicyAsCode.Tests;

/// <summary>The import's typed-name table lists each group explicitly (for the trimmer); it must not miss one.</summary>
public class CSharpPolicyWriterTests
{
    [Fact]
    public void Every_Resource_group_class_is_in_the_import_table_with_all_its_constants()
    {
        var table = CSharpPolicyWriter.ResourceConstants();
        var nested = typeof(Resource).GetNestedTypes();
        Assert.Equal(nested.Length, table.Count);
        foreach (var type in nested)
        {
            var group = (string)typeof(ApiGroup).GetField(type.Name)!.GetRawConstantValue()!;
            var values = type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Distinct().ToList();
            Assert.True(table.TryGetValue(group, out var map), type.Name);
            Assert.Equal(values.Count, map!.Count);
            Assert.All(map, pair => Assert.StartsWith("Resource." + type.Name + ".", pair.Value));
        }
    }
}
