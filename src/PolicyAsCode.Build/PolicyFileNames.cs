namespace PolicyAsCode.Build;

/// <summary>
/// The one rule for policy file names, shared by the generator (which derives <c>NAME.yaml</c> from
/// <c>[AuditPolicy("NAME")]</c>) and the build task (which must not trust a hand-written
/// <c>AssemblyMetadata("PolicyAsCode:...")</c> entry more than the generator's own). Linked into both.
/// </summary>
internal static class PolicyFileNames
{
    /// <summary>The extension every policy file has.</summary>
    public const string Extension = ".yaml";

    /// <summary>A plain name: letters, digits, '.', '-', '_'; not empty, at most 200 characters, not starting with '.'.</summary>
    public static bool IsValidName(string name)
    {
        if (name.Length == 0 || name.Length > 200 || name[0] == '.')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A file name the generator can produce: a valid name followed by <c>.yaml</c>.</summary>
    public static bool IsValidFileName(string fileName)
        => fileName.EndsWith(Extension, System.StringComparison.Ordinal) && IsValidName(fileName.Substring(0, fileName.Length - Extension.Length));
}
