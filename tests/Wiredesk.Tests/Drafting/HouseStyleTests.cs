using Wiredesk.Drafting;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Drafting;

/// <summary>The house style (STYLE.md) as rules every machine draft keeps: over the team-written samples and over
/// every corpus document.</summary>
public sealed class HouseStyleTests
{
    public static TheoryData<string> Samples => new()
    {
        "samples/wire/korea-missile-launch.md",
        "samples/wire/fed-holds-rates.txt",
        "samples/ninjs/boe-statement.json",
        "samples/pages/chipmaker-results.html",
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void SampleDraftKeepsTheHouseStyle(string path)
    {
        var report = DraftTestKit.Read(path, "sample");
        var draft = DraftTestKit.Writer.Write(new DraftRequest([report]));
        Assert.Empty(Violations(draft, report));
    }

    [Fact]
    public void EveryCorpusDraftKeepsTheHouseStyle()
    {
        var violations = new List<string>();
        foreach (var doc in Corpus.Documents)
        {
            var report = DraftTestKit.Read(doc);
            var draft = DraftTestKit.Writer.Write(new DraftRequest([report]));
            violations.AddRange(Violations(draft, report).Select(v => $"{doc.Id}: {v}"));
        }

        Assert.Empty(violations);
    }

    [Fact]
    public void MarkdownHasTheLabelsClosingLineSourcesAndDisclaimer()
    {
        var report = DraftTestKit.Read("samples/wire/fed-holds-rates.txt", "fed");
        var markdown = DraftMarkdown.Render(DraftTestKit.Writer.Write(new DraftRequest([report])));

        Assert.StartsWith("# ", markdown, StringComparison.Ordinal);
        Assert.Contains("\n**What Happened:** ", markdown, StringComparison.Ordinal);
        Assert.Contains("\n**Why It Matters:** ", markdown, StringComparison.Ordinal);
        Assert.Contains("\nThis story was generated using Wiredesk.\n", markdown, StringComparison.Ordinal);
        Assert.Contains("\n**Sources:**\n", markdown, StringComparison.Ordinal);
        Assert.Contains(report.Title, markdown, StringComparison.Ordinal);
        Assert.Contains("does not provide investment advice", markdown, StringComparison.Ordinal);
        Assert.True(markdown.IndexOf("**What Happened:**", StringComparison.Ordinal) < markdown.IndexOf("**Why It Matters:**", StringComparison.Ordinal));
    }

    [Fact]
    public void LedeCreditsTheReportsPublisher()
    {
        var report = DraftTestKit.Read("samples/ninjs/boe-statement.json", "boe");
        var draft = DraftTestKit.Writer.Write(new DraftRequest([report]));

        var lede = draft.Sections.Single(s => s.Title == DraftWriter.LedeTitle).Sentences.Single();
        Assert.EndsWith(", Demo Wire reported.", lede.Text, StringComparison.Ordinal);
    }

    /// <summary>What a draft does against the house style; empty when it keeps it.</summary>
    private static List<string> Violations(Draft draft, SourceReport report)
    {
        var v = new List<string>();
        var h = draft.Headline;
        if (h.Length is 0 or > Headline.MaxLength)
        {
            v.Add($"headline length {h.Length}: {h}");
        }

        if (h.EndsWith('.'))
        {
            v.Add($"headline ends with a period: {h}");
        }

        // Title case: every word of four letters or more starts with a capital or a non-letter.
        var lower = h.Split(' ').Where(w => w.Length >= 4 && char.IsLower(w[0])).ToList();
        if (lower.Count > 0)
        {
            v.Add($"headline not in title case ({string.Join(", ", lower)}): {h}");
        }

        var lede = draft.Sections.Single(s => s.Title == DraftWriter.LedeTitle).Sentences;
        if (lede.Count != 1)
        {
            v.Add($"lede has {lede.Count} sentences");
        }
        else
        {
            var words = DraftTestKit.Words(lede[0].Text);
            if (words > DraftWriter.MaxLedeWords)
            {
                v.Add($"lede has {words} words");
            }

            if (Attribution.Phrase(report.Source) is { } phrase && !lede[0].Text.Contains(", " + phrase, StringComparison.Ordinal))
            {
                v.Add($"lede lacks the attribution \"{phrase}\": {lede[0].Text}");
            }
        }

        var what = draft.Sections.Single(s => s.Title == DraftWriter.WhatHappenedTitle).Sentences.Count;
        if (what is < 2 or > DraftWriter.MaxWhatHappened)
        {
            v.Add($"What Happened has {what} sentences");
        }

        if (draft.Sections.Single(s => s.Title == DraftWriter.WhyItMattersTitle).Sentences.Count == 0)
        {
            v.Add("Why It Matters is empty");
        }

        if (draft.Sources.Count == 0 || draft.Sources[0].Report != report.Id)
        {
            v.Add("the source list does not name the report");
        }

        return v;
    }
}
