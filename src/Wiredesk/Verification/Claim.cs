using Wiredesk.Analysis;

namespace Wiredesk.Verification;

/// <summary>The sentence under verification: its words, what the analyzer finds in it, and its quoted passages.</summary>
public sealed class Claim
{
    internal Claim(string text, Word[] words, ReportAnalysis analysis)
    {
        Text = text;
        Words = words;
        Analysis = analysis;
        Quoted = QuoteText.FindQuoted(text);
    }

    public string Text { get; }
    public Word[] Words { get; }
    public ReportAnalysis Analysis { get; }
    public IReadOnlyList<(int Start, int End)> Quoted { get; }

    /// <summary>True when the word lies inside a number or date the analyzer found: those checks own it.</summary>
    public bool IsInNumberOrDate(Word word)
    {
        foreach (var n in Analysis.Numbers)
        {
            if (word.Start >= n.Start && word.End <= n.End)
            {
                return true;
            }
        }

        foreach (var d in Analysis.Dates)
        {
            if (word.Start >= d.Start && word.End <= d.End)
            {
                return true;
            }
        }

        return false;
    }

    public string TextOf(Word word) => Text[word.Start..word.End];
}
