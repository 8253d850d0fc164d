// Language-feature polyfills for netstandard2.0. These files are compiled into the runtime library and,
// linked, into the source generator, so they stay internal and dependency-free.
#if !NET5_0_OR_GREATER
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
#endif
