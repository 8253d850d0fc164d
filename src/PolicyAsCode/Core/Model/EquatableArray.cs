using System;
using System.Collections;
using System.Collections.Generic;

namespace PolicyAsCode;

/// <summary>
/// An immutable, ordered list with structural (element-wise) equality. The policy model uses it for every
/// list field so that two policies with the same content compare equal, which is what the round-trip
/// tests and the source generator's incremental caching both rely on.
/// </summary>
/// <remarks>Must stay immutable: the backing array is never exposed.</remarks>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly T[]? _items;

    /// <summary>Creates a list holding a copy of <paramref name="items"/>.</summary>
    public EquatableArray(IEnumerable<T>? items)
    {
        if (items is null)
        {
            _items = null;
            return;
        }

        var copy = new List<T>(items);
        _items = copy.Count == 0 ? null : copy.ToArray();
    }

    private EquatableArray(T[] items, bool _) => _items = items.Length == 0 ? null : items;

    /// <summary>The empty list.</summary>
    public static EquatableArray<T> Empty => default;

    /// <summary>Wraps an array the caller promises never to mutate again.</summary>
    internal static EquatableArray<T> TakeOwnership(T[] items) => new(items, false);

    /// <summary>Number of items.</summary>
    public int Count => _items?.Length ?? 0;

    /// <summary>True when the list has no items (an absent list and an empty list mean the same thing).</summary>
    public bool IsEmpty => _items is null;

    /// <summary>The item at <paramref name="index"/>.</summary>
    public T this[int index] => _items is null ? throw new ArgumentOutOfRangeException(nameof(index)) : _items[index];

    internal T[] UnsafeArray => _items ?? Array.Empty<T>();

    /// <inheritdoc/>
    public bool Equals(EquatableArray<T> other)
    {
        var a = _items;
        var b = other._items;
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Length != b.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < a.Length; i++)
        {
            if (!comparer.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        if (_items is null)
        {
            return 0;
        }

        var comparer = EqualityComparer<T>.Default;
        var hash = 17;
        foreach (var item in _items)
        {
            hash = unchecked((hash * 31) + (item is null ? 0 : comparer.GetHashCode(item)));
        }

        return hash;
    }

    /// <summary>Structural equality.</summary>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <summary>Returns an enumerator over the items (a struct: <c>foreach</c> allocates nothing).</summary>
    public Enumerator GetEnumerator() => new(UnsafeArray);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)UnsafeArray).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<T>)UnsafeArray).GetEnumerator();

    /// <summary>
    /// Enumerates the items without allocating: the model's lists are walked millions of times by the checks of a
    /// large policy, and an interface enumerator per walk was a measurable share of their time.
    /// </summary>
    public struct Enumerator
    {
        private readonly T[] _items;
        private int _index;

        internal Enumerator(T[] items)
        {
            _items = items;
            _index = -1;
        }

        /// <summary>The item at the current position.</summary>
        public readonly T Current => _items[_index];

        /// <summary>Advances to the next item; false after the last.</summary>
        public bool MoveNext() => ++_index < _items.Length;
    }

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", UnsafeArray) + "]";

    /// <summary>Creates a list from items.</summary>
    public static implicit operator EquatableArray<T>(T[]? items) => new(items);
}

/// <summary>Factory helpers for <see cref="EquatableArray{T}"/>.</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static class EquatableArray
{
    /// <summary>Creates a list from the given items.</summary>
    public static EquatableArray<T> Create<T>(params T[] items) => new(items);
}
