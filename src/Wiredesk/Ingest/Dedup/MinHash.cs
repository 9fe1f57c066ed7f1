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
            var h = h1;
            for (var i = 0; i < Hashes; i++)
            {
                var v = h * 0xD6E8FEB86659FD93UL;
                v ^= v >> 32;
                if (v < signature[i])
                {
                    signature[i] = v;
                }

                h += h2;
            }
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

    // SplitMix64 finaliser: cheap and well mixed.
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
