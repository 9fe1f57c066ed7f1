using Wiredesk.Drafting;
using Wiredesk.Verification;

namespace Wiredesk.Tests.Verification;

/// <summary>The verifier as a whole: alignment, provenance that is not trusted blindly, all checks together, and
/// the draft adapter.</summary>
public class VerifierTests
{
    private static readonly Verifier Verifier = new(VerificationTestSource.Analyzer);

    private static readonly VerificationSource Other = VerificationSource.Create(
        VerificationTestSource.Analyzer, "wire-2", "Oil prices rose on Monday as traders weighed supply cuts by producers.", VerificationTestSource.Published);

    [Fact]
    public void A_verdict_asked_again_is_the_same_but_an_edited_sentence_or_other_sources_are_judged_afresh()
    {
        var verifier = new Verifier(VerificationTestSource.Analyzer);
        const string Faithful = "The ministry is expected to announce new sanctions next week.";
        const string Edited = "The ministry will announce new sanctions next week.";

        var first = verifier.Verify(Faithful, [VerificationTestSource.Source]);
        var again = verifier.Verify(Faithful, [VerificationTestSource.Source]);
        var edited = verifier.Verify(Edited, [VerificationTestSource.Source]);
        var elsewhere = verifier.Verify(Faithful, [Other]);
        var sources = new List<VerificationSource> { VerificationTestSource.Source };
        var grown = verifier.Verify(Edited, sources);
        sources.Add(Other);

        Assert.True(first.Supported, string.Join(" | ", first.Reasons));
        Assert.Equal(first, again);
        Assert.False(edited.Supported);
        Assert.Contains(edited.Reasons, r => r.Check == "negation");
        Assert.False(elsewhere.Supported);
        Assert.Equal(edited, grown);
        Assert.Equal(first.Supported, verifier.Verify(Faithful, sources).Supported);
    }

    [Fact]
    public void A_source_prepared_again_is_a_new_version_and_its_sentences_are_judged_again()
    {
        var verifier = new Verifier(VerificationTestSource.Analyzer);
        const string Sentence = "The ministry is expected to announce new sanctions next week.";
        var source = VerificationTestSource.Source;
        var again = VerificationSource.Create(VerificationTestSource.Analyzer, source.Id, source.Text, source.Published, source.Name, "North Korea fires missiles");

        var first = verifier.Verify(Sentence, [source]);
        var remembered = verifier.Verify(Sentence, [source]);
        var judged = verifier.Verify(Sentence, [again]);

        Assert.Same(first, remembered);
        Assert.NotSame(first, judged);
        Assert.Equal(first.Supported, judged.Supported);
        Assert.Equal(first.Evidence.Select(e => (e.Report, e.Start, e.End, e.Text)), judged.Evidence.Select(e => (e.Report, e.Start, e.End, e.Text)));
    }

    [Fact]
    public void A_source_lists_each_sentence_once_under_every_content_key_it_carries()
    {
        var source = VerificationSource.Create(VerificationTestSource.Analyzer, "wire-3",
            "Exports rose in May. Exports and imports fell, exports most. Prices held steady.", VerificationTestSource.Published);
        var exports = source.Units[0].Words.First(w => w.IsContent).Key;

        Assert.Equal(3, source.Units.Length);
        Assert.Equal([0, 1], source.Postings.UnitsWith(exports).ToArray());
        Assert.Equal([2], source.Postings.UnitsWith(source.Units[2].Words.First(w => w.IsContent).Key).ToArray());
        Assert.True(source.Postings.UnitsWith("no such key").IsEmpty);
        for (var u = 0; u < source.Units.Length; u++)
        {
            Assert.All(source.Units[u].Words.Where(w => w.IsContent), w => Assert.Contains(u, source.Postings.UnitsWith(w.Key).ToArray()));
        }
    }

    [Fact]
    public void A_sentence_sharing_nothing_with_the_sources_fails_alignment()
    {
        var verdict = Verifier.Verify("Quantum computing startups attracted venture funding.", [VerificationTestSource.Source]);

        Assert.False(verdict.Supported);
        Assert.Equal("alignment", Assert.Single(verdict.Reasons).Check);
        Assert.Empty(verdict.Evidence);
    }

    [Fact]
    public void The_evidence_is_the_source_sentence_the_claim_rests_on_whatever_the_provenance_says()
    {
        var text = VerificationTestSource.Text;
        var wrong = new SourceSpan("wire-1", text.IndexOf("Officials", StringComparison.Ordinal), text.IndexOf("Officials", StringComparison.Ordinal) + 20);

        var verdict = Verifier.Verify("The ministry is expected to announce new sanctions next week, according to Example Wire Service.", [Other, VerificationTestSource.Source], [wrong]);

        Assert.True(verdict.Supported, string.Join(" | ", verdict.Reasons));
        var evidence = Assert.Single(verdict.Evidence);
        Assert.Equal("wire-1", evidence.Report);
        Assert.Equal("The ministry is expected to announce new sanctions next week.", evidence.Text);
        Assert.Equal(evidence.Text, text[evidence.Start..evidence.End]);
    }

    [Fact]
    public void A_sentence_fused_from_two_source_sentences_is_supported_by_both()
    {
        var verdict = Verifier.Verify(
            "Samsung Electronics shares rose 3% after a $1.2 billion quarterly profit, and the ministry is expected to announce new sanctions next week.",
            [VerificationTestSource.Source]);

        Assert.True(verdict.Supported, string.Join(" | ", verdict.Reasons));
        Assert.Equal(2, verdict.Evidence.Count);
    }

    [Fact]
    public void A_name_from_another_sentence_does_not_pull_that_sentence_in()
    {
        var verdict = Verifier.Verify("Samsung Electronics shares rose 3% after Kishida reported a $1.2 billion quarterly profit.", [VerificationTestSource.Source]);

        Assert.False(verdict.Supported);
        Assert.Contains(verdict.Reasons, r => r.Check == "name" && r.Token == "Kishida");
    }

    [Fact]
    public void Every_failing_check_gives_its_reason()
    {
        var verdict = Verifier.Verify("Russia fired three short-range ballistic missiles into the sea on Wednesday, escalating tensions.", [VerificationTestSource.Source]);

        Assert.False(verdict.Supported);
        Assert.Equal(["content", "date", "name", "number"], verdict.Reasons.Select(r => r.Check).Distinct().Order().ToArray());
        Assert.All(verdict.Reasons, r => Assert.StartsWith(r.Check + ": ", r.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void A_draft_gets_a_verdict_and_reasons_on_every_sentence_and_facts_count_as_sources()
    {
        var draft = new Draft
        {
            Headline = "North Korea Fires Two Missiles",
            Sections =
            [
                new DraftSection
                {
                    Title = "What Happened",
                    Sentences =
                    [
                        new DraftSentence { Text = "North Korea fired two short-range ballistic missiles on Thursday, South Korea's Joint Chiefs of Staff said." },
                        new DraftSentence { Text = "North Korea fired two long-range ballistic missiles on Thursday." },
                    ],
                },
                new DraftSection
                {
                    Title = "Why It Matters",
                    Sentences =
                    [
                        new DraftSentence
                        {
                            Text = "Tension on the Korean peninsula weighs on the Korean won.",
                            Facts = [new DraftFact("exposure:korea-tension", "Tension on the Korean peninsula weighs on the Korean won and Korean equities.")],
                        },
                    ],
                },
            ],
        };

        var (verified, _, verdicts) = DraftVerification.Verify(Verifier, draft, [VerificationTestSource.Source]);

        var sentences = verified.Sections.SelectMany(s => s.Sentences).ToList();
        Assert.Equal(3, verdicts.Count);
        Assert.Equal(new string?[] { Verdicts.Supported, Verdicts.Unsupported, Verdicts.Supported }, sentences.Select(s => s.Verdict).ToArray());
        Assert.Contains(sentences[1].Reasons, r => r.StartsWith("content: not in the aligned sources: long", StringComparison.Ordinal));
        Assert.Empty(sentences[0].Reasons);
    }

    [Theory]
    [InlineData("North Korea fired two short-range ballistic missiles on Thursday, according to South Korea's Joint Chiefs of Staff.")]
    [InlineData("Two short-range ballistic missiles were fired into the sea by North Korea on Thursday.")]
    [InlineData("Defence Minister Shin Won-sik said Seoul would \"never tolerate such provocations\".")]
    [InlineData("Japanese Prime Minister Fumio Kishida said the missiles did not land in Japan's exclusive economic zone.")]
    [InlineData("The won fell 1.2% against the dollar, the Bank of Korea said on Friday.")]
    [InlineData("The Bank of Korea lowered its growth forecast by 0.3 percentage point to 2.1%.")]
    [InlineData("Samsung Electronics shares rose 3% after the company posted a $1.2 billion quarterly profit.")]
    [InlineData("Officials denied that the talks had collapsed.")]
    [InlineData("New sanctions are expected to be announced by the ministry next week.")]
    [InlineData("The launch came a day after Pyongyang warned it would respond to U.S.-South Korean joint drills.")]
    public void Editor_style_rewrites_are_supported(string sentence)
    {
        var verdict = Verifier.Verify(sentence, [VerificationTestSource.Source]);

        Assert.True(verdict.Supported, string.Join(" | ", verdict.Reasons));
    }

    [Theory]
    [InlineData("said", "says")]
    [InlineData("rose", "increased")]
    [InlineData("cut", "lowered")]
    [InlineData("missiles", "missile")]
    [InlineData("Korea's", "Korea")]
    [InlineData("U.S.", "US")]
    [InlineData("%", "percent")]
    [InlineData("1,200", "1200")]
    [InlineData("planned", "plans")]
    [InlineData("signalled", "signal")]
    public void Inflections_and_paraphrases_share_a_key(string a, string b)
    {
        Assert.Equal(Words.KeyOf(a), Words.KeyOf(b));
    }

    [Theory]
    [InlineData("million", "billion")]
    [InlineData("percent", "percentage")]
    [InlineData("denied", "confirmed")]
    [InlineData("rose", "fell")]
    public void Different_words_keep_different_keys(string a, string b)
    {
        Assert.NotEqual(Words.KeyOf(a), Words.KeyOf(b));
    }
}
