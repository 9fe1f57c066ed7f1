namespace Wiredesk.Drafting;

/// <summary>How much of a draft is a source's exact wording, outside quotation marks (quotes are meant to be
/// verbatim). A word counts as copied when it lies in a run of at least <see cref="MinCopiedRun"/> consecutive words
/// that stands word for word in one source; the longest such run is reported whatever its length.</summary>
public static class CopyMetrics
{
    public const int MinCopiedRun = 5;

    public static DraftMetrics Measure(IEnumerable<string> sentences, IEnumerable<string> sources)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(sources);
        // Only the draft's words can take part in a run: the vocabulary is the draft's, and a source word outside it
        // is looked up by its characters alone (no string made) and kept as a gap.
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var segments = sentences.SelectMany(OutsideQuotes).Select(segment => Ids(Tokens(segment), vocabulary)).ToList();
        var lookup = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        var buffer = new List<int>();
        var sourceWords = sources.Select(s => SourceIds(s, lookup, buffer)).ToList();
        var positions = sourceWords.Select(w => Positions(w, vocabulary.Count)).ToList();
        // One pair of rows for every segment and source: the rows are left all zero after each use.
        var rows = new RunRows(sourceWords.Count == 0 ? 0 : sourceWords.Max(w => w.Length));
        var longest = 0;
        var total = 0;
        var copied = 0;
        foreach (var words in segments)
        {
            var runEndingAt = new int[words.Length];
            for (var k = 0; k < sourceWords.Count; k++)
            {
                LongestRunsEndingAt(words, positions[k], runEndingAt, rows);
            }

            var covered = new bool[words.Length];
            for (var i = 0; i < words.Length; i++)
            {
                longest = Math.Max(longest, runEndingAt[i]);
                if (runEndingAt[i] >= MinCopiedRun)
                {
                    for (var k = i - runEndingAt[i] + 1; k <= i; k++)
                    {
                        covered[k] = true;
                    }
                }
            }

            total += words.Length;
            copied += covered.Count(c => c);
        }

        return new DraftMetrics { LongestVerbatimRun = longest, CopiedShare = total == 0 ? 0 : Math.Round((double)copied / total, 3) };
    }

    /// <summary>The text outside “...” and "..." passages.</summary>
    public static IEnumerable<string> OutsideQuotes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        var inside = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var opens = !inside && (c == '“' || c == '"');
            var closes = inside && (c == '”' || c == '"');
            if (opens || closes)
            {
                if (!inside)
                {
                    yield return text[start..i];
                }

                inside = !inside;
                start = i + 1;
            }
        }

        if (!inside)
        {
            yield return text[start..];
        }
    }

    /// <summary>Lower-cased words (letters and digits; apostrophes and inner dots kept).</summary>
    public static List<string> Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = Lower(text);
        return [.. WordBounds(lower).Select(w => lower[w.Start..w.End])];
    }

    /// <summary>The source's words as the ids of the draft's vocabulary, -1 for a word the draft lacks; the same
    /// words as <see cref="Tokens"/>, without making a string of each.</summary>
    private static int[] SourceIds(string text, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> vocabulary, List<int> ids)
    {
        // Each word is lower-cased on its own into a buffer (the same characters as lower-casing the whole text and
        // slicing it), so a long source costs no copy of its text and no string per word; the id list is shared by
        // the sources of one measurement.
        ids.Clear();
        Span<char> buffer = stackalloc char[64];
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(LowerAt(text, i)))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && IsWordCharAt(text, i))
            {
                i++;
            }

            var word = i - start <= buffer.Length ? buffer[..(i - start)] : new char[i - start];
            for (var k = 0; k < word.Length; k++)
            {
                word[k] = LowerAt(text, start + k);
            }

            ids.Add(vocabulary.TryGetValue(word, out var id) ? id : -1);
        }

        return [.. ids];
    }

    /// <summary>The character <see cref="Lower"/> puts at this offset.</summary>
    private static char LowerAt(string text, int i)
    {
        var c = text[i];
        // ASCII by hand (what invariant lower-casing does to it), the rest through the framework.
        return c < 128 ? (c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c) : c == '’' ? '\'' : char.ToLowerInvariant(c);
    }

    /// <summary>The test of <see cref="WordBounds"/>, on the lower-cased character at this offset.</summary>
    private static bool IsWordCharAt(string text, int i)
    {
        var c = LowerAt(text, i);
        return char.IsLetterOrDigit(c) || c is '\'' or '.' or ',' && i + 1 < text.Length && char.IsLetterOrDigit(LowerAt(text, i + 1));
    }

    // Lower-cased once for the whole text (character for character, so offsets hold), then sliced.
    private static string Lower(string text) => text.ToLowerInvariant().Replace('’', '\'');

    /// <summary>Where each word of lower-cased text starts and ends: letters and digits, with an apostrophe, dot or
    /// comma kept when a letter or digit follows it ("don't", "u.s", "1,200").</summary>
    private static IEnumerable<(int Start, int End)> WordBounds(string lower)
    {
        var i = 0;
        while (i < lower.Length)
        {
            if (!char.IsLetterOrDigit(lower[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < lower.Length && (char.IsLetterOrDigit(lower[i]) || lower[i] is '\'' or '.' or ',' && i + 1 < lower.Length && char.IsLetterOrDigit(lower[i + 1])))
            {
                i++;
            }

            yield return (start, i);
        }
    }

    private static int[] Ids(List<string> words, Dictionary<string, int> vocabulary)
    {
        var ids = new int[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            if (!vocabulary.TryGetValue(words[i], out var id))
            {
                id = vocabulary.Count;
                vocabulary[words[i]] = id;
            }

            ids[i] = id;
        }

        return ids;
    }

    /// <summary>For each word id of the sources, where it stands in this source (ids added later have none).</summary>
    private static int[][] Positions(int[] source, int vocabularySize)
    {
        var counts = new int[vocabularySize];
        foreach (var id in source)
        {
            if (id >= 0)
            {
                counts[id]++;
            }
        }

        var positions = new int[vocabularySize][];
        for (var id = 0; id < vocabularySize; id++)
        {
            positions[id] = counts[id] == 0 ? [] : new int[counts[id]];
            counts[id] = 0;
        }

        for (var j = 0; j < source.Length; j++)
        {
            if (source[j] >= 0)
            {
                positions[source[j]][counts[source[j]]++] = j;
            }
        }

        return positions;
    }

    /// <summary>The dynamic programme's two rows and the positions set in each, shared by every segment and source
    /// of one measurement; every row is all zero between uses.</summary>
    private sealed class RunRows(int sourceLength)
    {
        public int[] Previous = new int[sourceLength + 1];
        public int[] Current = new int[sourceLength + 1];
        public List<int> PreviousSet = [];
        public List<int> CurrentSet = [];
    }

    /// <summary>The longest common run ending at each draft word, by dynamic programming over the matching
    /// positions only (the word index gives them), so a long source costs only where the draft's words occur.</summary>
    private static void LongestRunsEndingAt(int[] draft, int[][] positions, int[] best, RunRows rows)
    {
        for (var i = 0; i < draft.Length; i++)
        {
            if (draft[i] < positions.Length)
            {
                foreach (var j in positions[draft[i]])
                {
                    rows.Current[j + 1] = rows.Previous[j] + 1;
                    rows.CurrentSet.Add(j + 1);
                    best[i] = Math.Max(best[i], rows.Current[j + 1]);
                }
            }

            foreach (var k in rows.PreviousSet)
            {
                rows.Previous[k] = 0;
            }

            rows.PreviousSet.Clear();
            (rows.Previous, rows.Current) = (rows.Current, rows.Previous);
            (rows.PreviousSet, rows.CurrentSet) = (rows.CurrentSet, rows.PreviousSet);
        }

        // The last row is the only one left set: cleared for the next segment or source.
        foreach (var k in rows.PreviousSet)
        {
            rows.Previous[k] = 0;
        }

        rows.PreviousSet.Clear();
    }
}
