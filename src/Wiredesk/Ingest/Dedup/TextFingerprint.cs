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
        var normalized = Normalize(title) + "\n" + Normalize(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    /// <summary>64-bit hashes of every run of <see cref="ShingleWords"/> lowercased words (letters and digits only).</summary>
    public static HashSet<ulong> Shingles(string text)
    {
        var words = Words(text);
        var shingles = new HashSet<ulong>();
        if (words.Count == 0)
        {
            return shingles;
        }

        var last = Math.Max(1, words.Count - ShingleWords + 1);
        for (var i = 0; i < last; i++)
        {
            var hash = 14695981039346656037UL;
            for (var j = i; j < Math.Min(words.Count, i + ShingleWords); j++)
            {
                hash = (hash ^ words[j]) * 1099511628211UL;
            }

            shingles.Add(hash);
        }

        return shingles;
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

    private static List<ulong> Words(string text)
    {
        var words = new List<ulong>(text.Length / 5);
        var hash = 14695981039346656037UL;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                hash = (hash ^ char.ToLowerInvariant(c)) * 1099511628211UL;
                inWord = true;
            }
            else if (inWord && c is not ('\'' or '’' or ',' or '.'))
            {
                words.Add(hash);
                hash = 14695981039346656037UL;
                inWord = false;
            }
        }

        if (inWord)
        {
            words.Add(hash);
        }

        return words;
    }

    private static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c switch
            {
                '‘' or '’' or '‚' or '′' => '\'',
                '“' or '”' or '„' or '″' => '"',
                _ => c,
            });
        }

        return sb.ToString();
    }
}
