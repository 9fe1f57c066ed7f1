using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Wiredesk.Ingest.Dedup;

/// <summary>What de-duplication compares: an exact content hash and the set of word shingles.</summary>
public static class TextFingerprint
{
    /// <summary>Words per shingle. Four keeps templated statements ("$275 million" vs "$725 million" drawdowns,
    /// Jaccard ≈ 0.3) far from a corrected re-send of one of them (Jaccard > 0.9).</summary>
    public const int ShingleWords = 4;

    /// <summary>SHA-256 over title and text with whitespace folded and curly quotes straightened, so a re-send that
    /// differs only in those is the same content. Hex, lowercase.</summary>
    public static string ContentHash(string title, string text)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        // Normalised into one pooled buffer and encoded into another: every report passes here, and the strings the
        // plain "Normalize(title) + ... " form allocated were most of the cost.
        var chars = ArrayPool<char>.Shared.Rent(title.Length + 1 + text.Length);
        try
        {
            var length = Normalize(title, chars);
            chars[length++] = '\n';
            length += Normalize(text, chars.AsSpan(length));
            var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(length));
            try
            {
                var byteCount = Encoding.UTF8.GetBytes(chars.AsSpan(0, length), bytes);
                Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
                SHA256.HashData(bytes.AsSpan(0, byteCount), hash);
                return Convert.ToHexStringLower(hash);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>64-bit hashes of every run of <see cref="ShingleWords"/> lowercased words (letters and digits only);
    /// a text of fewer words has one shingle of all of them.</summary>
    public static HashSet<ulong> Shingles(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Word hashes stream through a ring of the last ShingleWords words: no list of all the words is kept.
        var shingles = new HashSet<ulong>(text.Length / 6);
        Span<ulong> recent = stackalloc ulong[ShingleWords];
        var words = 0;
        foreach (var word in new WordHashes(text))
        {
            recent[words % ShingleWords] = word;
            words++;
            if (words >= ShingleWords)
            {
                shingles.Add(ShingleOf(recent, words - ShingleWords, ShingleWords));
            }
        }

        if (words is > 0 and < ShingleWords)
        {
            shingles.Add(ShingleOf(recent, 0, words));
        }

        return shingles;
    }

    /// <summary>The shingles in ascending order, each once (what <see cref="Compare(ReadOnlySpan{ulong}, ReadOnlySpan{ulong})"/> takes).</summary>
    public static ulong[] Sorted(HashSet<ulong> shingles)
    {
        ArgumentNullException.ThrowIfNull(shingles);
        var sorted = new ulong[shingles.Count];
        shingles.CopyTo(sorted);
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>FNV-1a over <paramref name="count"/> word hashes, oldest first, starting at word number <paramref name="first"/>.</summary>
    private static ulong ShingleOf(ReadOnlySpan<ulong> ring, int first, int count)
    {
        var hash = 14695981039346656037UL;
        for (var j = 0; j < count; j++)
        {
            hash = (hash ^ ring[(first + j) % ShingleWords]) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>Jaccard similarity and containment (share of the smaller set found in the larger).</summary>
    public static (double Jaccard, double Containment) Compare(HashSet<ulong> a, HashSet<ulong> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return (0, 0);
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var shared = small.Count(large.Contains);
        return ((double)shared / (a.Count + b.Count - shared), (double)shared / small.Count);
    }

    /// <summary><see cref="Compare(HashSet{ulong}, HashSet{ulong})"/> of two sets given in ascending order without
    /// repeats (<see cref="Sorted"/>): the shared shingles are counted by one merge of the two lists.</summary>
    public static (double Jaccard, double Containment) Compare(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return (0, 0);
        }

        var shared = 0;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = a[i];
            var y = b[j];
            if (x == y)
            {
                shared++;
                i++;
                j++;
            }
            else if (x < y)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return ((double)shared / (a.Length + b.Length - shared), (double)shared / Math.Min(a.Length, b.Length));
    }

    /// <summary>The FNV-1a hash of each word (letters and digits, lowercased; an apostrophe, comma or full stop
    /// inside a word does not end it and is not hashed).</summary>
    private ref struct WordHashes(string text)
    {
        private int _next;

        public ulong Current { get; private set; }

        public readonly WordHashes GetEnumerator() => this;

        public bool MoveNext()
        {
            var hash = 14695981039346656037UL;
            var inWord = false;
            for (; _next < text.Length; _next++)
            {
                var c = text[_next];
                if (char.IsLetterOrDigit(c))
                {
                    hash = (hash ^ char.ToLowerInvariant(c)) * 1099511628211UL;
                    inWord = true;
                }
                else if (inWord && c is not ('\'' or '’' or ',' or '.'))
                {
                    _next++;
                    Current = hash;
                    return true;
                }
            }

            Current = hash;
            return inWord;
        }
    }

    /// <summary>Writes the normalised <paramref name="text"/> into <paramref name="destination"/> (at least as long):
    /// white space runs become one space, none at either end; curly quotes become straight. Returns the length.</summary>
    private static int Normalize(string text, Span<char> destination)
    {
        var length = 0;
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = length > 0;
                continue;
            }

            if (space)
            {
                destination[length++] = ' ';
                space = false;
            }

            destination[length++] = c switch
            {
                '‘' or '’' or '‚' or '′' => '\'',
                '“' or '”' or '„' or '″' => '"',
                _ => c,
            };
        }

        return length;
    }
}
