using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace PolicyAsCode.Internal;

/// <summary>
/// A fixed-size, direct-mapped cache from UTF-8 bytes to a decoded value: a hit returns the value decoded earlier
/// for the same bytes, a collision replaces the entry. Memory is bounded by the slot count times the longest key.
/// </summary>
internal sealed class Utf8Cache<T>
    where T : class
{
    private readonly byte[]?[] _keys;
    private readonly T?[] _values;
    private readonly int _mask;
    private readonly int _maxKeyLength;

    /// <param name="slots">A power of two.</param>
    /// <param name="maxKeyLength">Longer keys are never cached.</param>
    public Utf8Cache(int slots, int maxKeyLength)
    {
        _keys = new byte[]?[slots];
        _values = new T?[slots];
        _mask = slots - 1;
        _maxKeyLength = maxKeyLength;
    }

    /// <summary>The slot of <paramref name="key"/> (-1 when too long to cache) and the value cached for it, if any.</summary>
    public int Slot(ReadOnlySpan<byte> key, out T? value)
    {
        value = null;
        if (key.Length > _maxKeyLength)
        {
            return -1;
        }

        var slot = Hash(key) & _mask;
        var cached = _keys[slot];
        if (cached is not null && key.SequenceEqual(cached))
        {
            value = _values[slot];
        }

        return slot;
    }

    /// <summary>Caches <paramref name="value"/> for <paramref name="key"/> in the slot <see cref="Slot"/> returned.</summary>
    public void Set(int slot, ReadOnlySpan<byte> key, T value)
    {
        if (slot < 0)
        {
            return;
        }

        _keys[slot] = key.ToArray();
        _values[slot] = value;
    }

    private static int Hash(ReadOnlySpan<byte> key)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        var hash = (ulong)key.Length * Multiplier;
        while (key.Length >= 8)
        {
            hash = (BitOperations.RotateLeft(hash, 23) ^ MemoryMarshal.Read<ulong>(key)) * Multiplier;
            key = key.Slice(8);
        }

        if (key.Length > 0)
        {
            ulong tail = 0;
            for (var i = 0; i < key.Length; i++)
            {
                tail |= (ulong)key[i] << (8 * i);
            }

            hash = (BitOperations.RotateLeft(hash, 23) ^ tail) * Multiplier;
        }

        return (int)(hash >> 32);
    }
}
