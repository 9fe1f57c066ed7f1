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

    private static readonly ulong[] Seeds = MakeSeeds();

    /// <summary>One 63-bit hash per band (non-negative so it fits SQLite's signed INTEGER unchanged).</summary>
    public static long[] BandHashes(HashSet<ulong> shingles)
    {
        var signature = new ulong[Hashes];
        Array.Fill(signature, ulong.MaxValue);
        foreach (var shingle in shingles)
        {
            for (var i = 0; i < Hashes; i++)
            {
                var h = Mix(shingle ^ Seeds[i]);
                if (h < signature[i])
                {
                    signature[i] = h;
                }
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

    // SplitMix64 finaliser: cheap, and good enough to make each seed an independent permutation.
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static ulong[] MakeSeeds()
    {
        var seeds = new ulong[Hashes];
        var state = 0x5DEECE66DUL;
        for (var i = 0; i < Hashes; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            seeds[i] = Mix(state);
        }

        return seeds;
    }
}
