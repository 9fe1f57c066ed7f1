using Wiredesk.Drafting;

namespace Wiredesk.Tests.Drafting;

/// <summary>The rewriting steps, the headline rules, attribution phrases and the copy metrics, one edge case a row.</summary>
public sealed class DraftPartsTests
{
    [Theory]
    [InlineData("SEOUL — North Korea fired a missile on Monday.", "North Korea fired a missile on Monday.")]
    [InlineData("NEW YORK--(BUSINESS WIRE)--On May 2, the firm sold bonds.", "On May 2, the firm sold bonds.")]
    [InlineData("Washington D.C., July 26, 2024 — The agency paid an award.", "The agency paid an award.")]
    [InlineData("North Korea — a nuclear-armed state — fired a missile.", "North Korea — a nuclear-armed state — fired a missile.")]
    public void DatelinesAreStripped(string sentence, string expected) =>
        Assert.Equal(expected, SentenceRewriter.StripDateline(sentence));

    [Theory]
    [InlineData("The firm (NYSE: HD) bought a rival.", "The firm bought a rival.")]
    [InlineData("The ministry, which oversees trade, imposed new limits on exports.", "The ministry imposed new limits on exports.")]
    [InlineData("Shares fell after the report, which the company disputed.", "Shares fell after the report.")]
    [InlineData("On Monday, the bank cut its rate.", "The bank cut its rate on Monday.")]
    [InlineData("The bank also cut its rate.", "The bank cut its rate.")]
    [InlineData("In light of the illegal, dangerous attacks, the allies conducted strikes.", "In light of the illegal, dangerous attacks, the allies conducted strikes.")]
    [InlineData("Since 19 November, the group has launched 25 attacks, and on 9 January it struck a warship.", "Since 19 November, the group has launched 25 attacks, and on 9 January it struck a warship.")]
    [InlineData("On 9 January, the group struck a warship.", "The group struck a warship on 9 January.")]
    [InlineData("He said \"we (all) agree\" on Monday.", "He said \"we (all) agree\" on Monday.")]
    public void CompressionDropsOnlyWhatIsSafe(string sentence, string expected) =>
        Assert.Equal(expected, SentenceRewriter.Compress(sentence));

    [Theory]
    [InlineData("South Korea's military said North Korea fired two missiles into the sea.", "North Korea fired two missiles into the sea, South Korea's military said.")]
    [InlineData("The ministry said that the talks would resume next week.", "The talks would resume next week, the ministry said.")]
    [InlineData("Palantir announced financial results for the quarter.", null)]
    [InlineData("The company announced that it had agreed to buy its rival.", "It had agreed to buy its rival, the company announced.")]
    [InlineData("He said \"no deal\" was possible today.", null)]
    public void AttributionMovesToTheEnd(string sentence, string? expected) =>
        Assert.Equal(expected, SentenceRewriter.RestateAttribution(sentence));

    [Theory]
    [InlineData("The firms condemned the attacks.", "The firms denounced the strikes.")]
    [InlineData("The United Nations met.", "The United Nations met.")]
    [InlineData("Sales rose 5 percent.", "Sales rose 5%.")]
    public void SynonymsTouchOnlyLowerCaseWords(string sentence, string expected) =>
        Assert.Equal(expected, SentenceRewriter.WithSynonyms(sentence));

    [Theory]
    [InlineData("North Korea fired two missiles", "North Korea fires two missiles")]
    [InlineData("The two sides agreed to talk", "The two sides agree to talk")]
    [InlineData("The central bank cut rates", "The central bank cuts rates")]
    [InlineData("Russia and China signed a treaty", "Russia and China sign a treaty")]
    [InlineData("The Securities and Exchange Commission announced an award", "The Securities and Exchange Commission announces an award")]
    [InlineData("Profit was higher", "Profit is higher")]
    public void HeadlineVerbIsPresentTense(string clause, string expected) =>
        Assert.Equal(expected, Headline.ToPresent(clause));

    [Theory]
    [InlineData("north korea fires two short-range missiles into the sea", "North Korea Fires Two Short-Range Missiles Into the Sea")]
    [InlineData("the bank of england cuts rates to 3.75% in a split vote", "The Bank of England Cuts Rates to 3.75% in a Split Vote")]
    [InlineData("KBRA assigns a rating of AA- to the bonds", "KBRA Assigns a Rating of AA- to the Bonds")]
    public void HeadlineIsTitleCase(string text, string expected) =>
        Assert.Equal(expected, Headline.TitleCase(text));

    [Theory]
    [InlineData("In light of the illegal, dangerous, and destabilizing attacks on ships in the Red Sea, the allies conducted strikes, with support from four countries.", "In light of the illegal, dangerous, and destabilizing attacks on ships in the Red Sea, the allies conducted strikes, with support.")]
    [InlineData("In light of the attacks on ships in the Red Sea, today the militaries of the United States and Britain, with support from four countries, conducted strikes.", null)]
    public void CutsLeaveAClause(string sentence, string? expected)
    {
        Assert.Equal(expected, SentenceRewriter.CutsAtPhrase(sentence, 30).FirstOrDefault());
        for (var cut = SentenceRewriter.DropTail(sentence); cut is not null; cut = SentenceRewriter.DropTail(cut))
        {
            Assert.Contains(" conducted ", cut, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NoCutTearsAList()
    {
        const string sentence = "The allies conducted another round of proportionate, and necessary strikes against the group's weapons sites in the west of the country, the ministry said.";
        Assert.All(SentenceRewriter.CutsAtPhrase(sentence, 30), cut => Assert.False(cut.EndsWith("proportionate.", StringComparison.Ordinal), cut));
        Assert.NotEqual("The allies conducted another round of proportionate.", SentenceRewriter.DropTail(SentenceRewriter.DropTail(sentence) ?? ""));
    }

    [Fact]
    public void CoreDropsTheAccompanyingList() =>
        Assert.Equal("The militaries of Britain and France conducted strikes on the group.", SentenceRewriter.Core("The militaries of Britain and France, at the direction of their governments with support from Italy, Spain, and Greece, conducted strikes on the group."));

    [Fact]
    public void HeadlineSkipsAFrontedPhraseWithAList() =>
        Assert.Equal("Allies Conduct Strikes on Ships' Attackers", Headline.Candidates("In light of the illegal, dangerous, and destabilizing attacks on ships, the allies conducted strikes on ships' attackers")[0]);

    [Fact]
    public void HeadlineCandidatesFitTheRules()
    {
        var clause = "On Thursday, the militaries of the United States and the United Kingdom, with support from Australia, Bahrain, Canada, Denmark, the Netherlands and New Zealand, conducted strikes against military targets in areas of Yemen controlled by the group on Thursday";
        foreach (var headline in Headline.Candidates(clause))
        {
            Assert.InRange(headline.Length, 1, Headline.MaxLength);
            Assert.False(headline.EndsWith('.'));
            Assert.DoesNotContain("Thursday", headline, StringComparison.Ordinal);
        }

        Assert.StartsWith("Militaries of the United States and the United Kingdom Conduct Strikes Against Military Targets", Headline.Candidates(clause)[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Demo Wire", "Demo Wire reported")]
    [InlineData("U.S. Department of State readout (republished by Example News)", "according to a U.S. Department of State readout")]
    [InlineData("U.S. Department of State, Office of the Spokesperson (republished by X)", "the U.S. Department of State said")]
    [InlineData("10 Downing Street (UK Prime Minister's Office) readout (republished by Y)", "according to a Downing Street readout")]
    [InlineData("UK Ministry of Defence (GOV.UK) joint statement", "according to a UK Ministry of Defence joint statement")]
    [InlineData("Federal Reserve FOMC statement", "according to a Federal Reserve FOMC statement")]
    [InlineData("The Home Depot via PR Newswire", "the Home Depot said")]
    [InlineData("Voice of America (VOA), republished on a feed page", "Voice of America reported")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void AttributionPhraseComesFromTheSourceField(string? source, string? expected) =>
        Assert.Equal(expected, Attribution.Phrase(source));

    [Fact]
    public void CopyMetricsCountRunsOutsideQuotesOnly()
    {
        const string source = "the central bank cut its main rate by a quarter point on thursday and said more cuts could follow";
        var copied = CopyMetrics.Measure(["The central bank cut its main rate by a quarter point."], [source]);
        Assert.Equal(11, copied.LongestVerbatimRun);
        Assert.Equal(1.0, copied.CopiedShare);

        var quoted = CopyMetrics.Measure(["“The central bank cut its main rate by a quarter point,” officials said."], [source]);
        Assert.Equal(1, quoted.LongestVerbatimRun); // "said", outside the quote
        Assert.Equal(0.0, quoted.CopiedShare);

        // Four words in a row are not yet copying; the share counts only runs of five or more.
        var mixed = CopyMetrics.Measure(["Rates fell: the central bank cut, officials noted."], [source]);
        Assert.Equal(4, mixed.LongestVerbatimRun);
        Assert.Equal(0.0, mixed.CopiedShare);
    }
}
