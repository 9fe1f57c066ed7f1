namespace Wiredesk.Alerts;

/// <summary>In how many texts of a sample each word occurs: how the matcher tells a rare word from a common one
/// when it picks the trigger of an AND query. Immutable once built.</summary>
public sealed class WordFrequencies
{
    private readonly Dictionary<string, int> _counts;

    private WordFrequencies(Dictionary<string, int> counts, int textCount)
    {
        _counts = counts;
        TextCount = textCount;
    }

    /// <summary>The size of the sample: how many texts were counted.</summary>
    public int TextCount { get; }

    public static WordFrequencies FromTexts(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var textCount = 0;
        foreach (var text in texts)
        {
            textCount++;
            foreach (var word in TextWords.Split(text).Distinct(StringComparer.Ordinal))
            {
                counts[word] = counts.GetValueOrDefault(word) + 1;
            }
        }

        return new WordFrequencies(counts, textCount);
    }

    /// <summary>0 for a word the sample never used (taken as rarest).</summary>
    public int DocumentFrequency(string word) => _counts.GetValueOrDefault(word);
}
