namespace Wiredesk.Alerts;

/// <summary>How alert matching cuts text into words: a word is a run of letters or digits, compared in lower case.
/// The same rule serves stories and queries, so "U.S." in a query is the phrase "u s" and finds "U.S." in a story,
/// and "Korea's" is the two words "korea" and "s" on both sides.</summary>
public static class TextWords
{
    /// <summary>The words of a text in order, lower-cased.</summary>
    public static List<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                words.Add(text.AsSpan(start, i - start).ToString().ToLowerInvariant());
                start = -1;
            }
        }

        return words;
    }
}
