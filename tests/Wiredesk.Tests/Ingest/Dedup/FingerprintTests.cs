using System.Security.Cryptography;
using System.Text;
using Wiredesk.Ingest.Dedup;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Ingest.Dedup;

/// <summary>The fingerprint's values are stored (band hashes, content hashes), so a faster computation must give
/// exactly the values of the plain one: these tests compute the plain form independently and compare.</summary>
public class FingerprintTests
{
    [Fact]
    public void Band_hashes_equal_the_plain_double_hashing_formula_on_every_corpus_text()
    {
        foreach (var doc in Corpus.Documents)
        {
            var shingles = TextFingerprint.Shingles(doc.Body);
            Assert.Equal(PlainBandHashes(shingles), MinHash.BandHashes(shingles));
        }
    }

    [Theory]
    [InlineData("one", 1)]
    [InlineData("one two three", 1)]
    [InlineData("one two three four", 1)]
    [InlineData("one two three four five", 2)]
    [InlineData("one two three four one two three four", 4)]
    [InlineData("", 0)]
    [InlineData(" — ", 0)]
    public void A_text_has_one_shingle_per_run_of_four_words_and_one_when_shorter(string text, int expected)
    {
        Assert.Equal(expected, TextFingerprint.Shingles(text).Count);
    }

    [Theory]
    [InlineData("The U.S. didn't say", "the us didnt say")]
    [InlineData("Rates rose 2,000 points, again", "RATES ROSE 2000 POINTS AGAIN")]
    public void Case_and_inner_apostrophes_commas_and_dots_do_not_change_shingles(string a, string b)
    {
        Assert.Equal(TextFingerprint.Shingles(a), TextFingerprint.Shingles(b));
    }

    [Fact]
    public void Different_words_give_different_shingles()
    {
        Assert.NotEqual(TextFingerprint.Shingles("the bank raised rates"), TextFingerprint.Shingles("the bank cut rates"));
    }

    [Theory]
    [InlineData("Title", "  Body   text\n\nwith “quotes” and ‘marks’  ", "Title\nBody text with \"quotes\" and 'marks'")]
    [InlineData(" A  title ", "x", "A title\nx")]
    public void Content_hash_is_sha256_of_title_and_text_with_white_space_folded_and_quotes_straightened(string title, string text, string normalized)
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
        Assert.Equal(expected, TextFingerprint.ContentHash(title, text));
    }

    [Fact]
    public void Comparing_sorted_shingles_gives_the_sets_comparison_on_corpus_texts_and_their_edits()
    {
        // Each corpus text against its neighbours, a shortened copy (containment 1) and a copy with a changed word:
        // the writer compares sorted arrays, and its verdicts must be the ones the sets gave.
        var texts = Corpus.Documents.Take(60).Select(d => d.Body).ToList();
        var compared = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i];
            var shortened = text[..(text.Length / 2)];
            var edited = text.Replace(" the ", " a ", StringComparison.Ordinal);
            foreach (var other in new[] { texts[(i + 1) % texts.Count], shortened, edited, text, "" })
            {
                var (a, b) = (TextFingerprint.Shingles(text), TextFingerprint.Shingles(other));
                var expected = TextFingerprint.Compare(a, b);
                Assert.Equal(expected, TextFingerprint.Compare(TextFingerprint.Sorted(a), TextFingerprint.Sorted(b)));
                Assert.Equal(expected, TextFingerprint.Compare(TextFingerprint.Sorted(b), TextFingerprint.Sorted(a)));
                compared += expected.Jaccard is > 0 and < 1 ? 1 : 0;
            }
        }

        // The pairs must not all be the trivial ones (disjoint or equal).
        Assert.True(compared >= texts.Count, $"{compared} pairs with partial overlap");
    }

    [Fact]
    public void Sorted_shingles_are_the_set_in_ascending_order()
    {
        var set = TextFingerprint.Shingles("one two three four five six seven one two three four");
        var sorted = TextFingerprint.Sorted(set);
        Assert.Equal(set.Count, sorted.Length);
        Assert.True(set.SetEquals(sorted));
        for (var i = 1; i < sorted.Length; i++)
        {
            Assert.True(sorted[i - 1] < sorted[i]);
        }
    }

    /// <summary>The signature as documented on MinHash, one multiplication per hash.</summary>
    private static long[] PlainBandHashes(HashSet<ulong> shingles)
    {
        var signature = Enumerable.Repeat(ulong.MaxValue, MinHash.Bands * MinHash.Rows).ToArray();
        foreach (var shingle in shingles)
        {
            var h1 = Mix(shingle);
            var h2 = Mix(shingle ^ 0x9E3779B97F4A7C15UL) | 1;
            for (var i = 0; i < signature.Length; i++)
            {
                var v = (h1 + ((ulong)i * h2)) * 0xD6E8FEB86659FD93UL;
                signature[i] = Math.Min(signature[i], v ^ (v >> 32));
            }
        }

        var bands = new long[MinHash.Bands];
        for (var b = 0; b < bands.Length; b++)
        {
            var h = (ulong)b * 0x9E3779B97F4A7C15UL;
            for (var r = 0; r < MinHash.Rows; r++)
            {
                h = Mix(h ^ signature[(b * MinHash.Rows) + r]);
            }

            bands[b] = (long)(h >> 1);
        }

        return bands;
    }

    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
