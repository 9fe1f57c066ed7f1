using System.Runtime.Intrinsics;

namespace Wiredesk.Ingest.Dedup;

/// <summary>MinHash signatures cut into LSH bands. Two texts share at least one band with probability
/// 1 - (1 - J^Rows)^Bands: with 32 bands of 3 rows that is 0.99 at Jaccard 0.5 and 0.03 at Jaccard 0.1, so a
/// near-duplicate lookup is 32 indexed probes whatever the number of stored reports, and only a few candidates
/// need the exact comparison.</summary>
public static class MinHash
{
    public const int Bands = 32;
    public const int Rows = 3;
    private const int Hashes = Bands * Rows;

    /// <summary>One 63-bit hash per band (non-negative so it fits SQLite's signed INTEGER unchanged).</summary>
    public static long[] BandHashes(HashSet<ulong> shingles)
    {
        ArgumentNullException.ThrowIfNull(shingles);
        Span<ulong> signature = stackalloc ulong[Hashes];
        signature.Fill(ulong.MaxValue);
        foreach (var shingle in shingles)
        {
            // Hash i is h1 + i·h2, then one multiply-xorshift (Kirsch–Mitzenmacher double hashing): two real
            // hashes per shingle instead of 96, and still independent enough for candidate search, which an
            // exact comparison of the few candidates then confirms.
            var h1 = Mix(shingle);
            var h2 = Mix(shingle ^ 0x9E3779B97F4A7C15UL) | 1;
            // (h1 + i·h2)·C = h1·C + i·(h2·C) modulo 2^64: the products advance by one addition per hash, so the
            // 96 multiplications become additions, four lanes at a time, with the same values as before.
            Fold(signature, h1 * Multiplier, h2 * Multiplier);
        }

        var bands = new long[Bands];
        for (var b = 0; b < Bands; b++)
        {
            var h = (ulong)b * 0x9E3779B97F4A7C15UL;
            for (var r = 0; r < Rows; r++)
            {
                h = Mix(h ^ signature[(b * Rows) + r]);
            }

            bands[b] = (long)(h >> 1);
        }

        return bands;
    }

    private const ulong Multiplier = 0xD6E8FEB86659FD93UL;

    /// <summary>Lowers each signature slot i to min(slot, v ^ v >> 32) with v = first + i·step.</summary>
    private static void Fold(Span<ulong> signature, ulong first, ulong step)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var v = Vector256.Create(first, first + step, first + (2 * step), first + (3 * step));
            var stride = Vector256.Create(4 * step);
            for (; i + Vector256<ulong>.Count <= signature.Length; i += Vector256<ulong>.Count)
            {
                var slots = Vector256.Create((ReadOnlySpan<ulong>)signature[i..]);
                Vector256.Min(slots, v ^ Vector256.ShiftRightLogical(v, 32)).CopyTo(signature[i..]);
                v += stride;
            }
        }

        for (var h = first + ((ulong)i * step); i < signature.Length; i++, h += step)
        {
            var value = h ^ (h >> 32);
            if (value < signature[i])
            {
                signature[i] = value;
            }
        }
    }

    // SplitMix64 finaliser: cheap and well mixed.
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
