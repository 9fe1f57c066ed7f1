using Wiredesk.Analysis.Sentences;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Analysis.Sentences;

public class SentenceSplitterTests
{
    /// <summary>Each row: the text, and the sentences expected, separated by " || ".</summary>
    [Theory]
    [InlineData("One. Two.", "One. || Two.")]
    [InlineData("Is it? Yes! Fine.", "Is it? || Yes! || Fine.")]
    [InlineData("The U.S. Treasury acted. It said so.", "The U.S. Treasury acted. || It said so.")]
    [InlineData("Officials in the U.S. said no.", "Officials in the U.S. said no.")]
    [InlineData("He lives in the U.S. The rest live abroad.", "He lives in the U.S. || The rest live abroad.")]
    [InlineData("The U.N. Security Council met. It voted.", "The U.N. Security Council met. || It voted.")]
    [InlineData("Dr. Jane Roe spoke. Mr. Smith left.", "Dr. Jane Roe spoke. || Mr. Smith left.")]
    [InlineData("Mrs. Brown and Ms. Green agreed.", "Mrs. Brown and Ms. Green agreed.")]
    [InlineData("Gen. Charles Q. Brown and Lt. Gen. Smith met.", "Gen. Charles Q. Brown and Lt. Gen. Smith met.")]
    [InlineData("Sen. Warren and Rep. Jordan voted.", "Sen. Warren and Rep. Jordan voted.")]
    [InlineData("Secretary Antony J. Blinken spoke. He left.", "Secretary Antony J. Blinken spoke. || He left.")]
    [InlineData("Statement by Lloyd J. Austin III. The strikes hit.", "Statement by Lloyd J. Austin III. || The strikes hit.")]
    [InlineData("Kurt M. Campbell met Kim. They talked.", "Kurt M. Campbell met Kim. || They talked.")]
    [InlineData("It happened on Jan. 22 near the coast.", "It happened on Jan. 22 near the coast.")]
    [InlineData("Due on Feb. 3, the bill passed.", "Due on Feb. 3, the bill passed.")]
    [InlineData("See No. 5 on the list.", "See No. 5 on the list.")]
    [InlineData("The answer was No. Then he left.", "The answer was No. || Then he left.")]
    [InlineData("Acme Inc. said profits rose. Shares fell.", "Acme Inc. said profits rose. || Shares fell.")]
    [InlineData("He joined Acme Inc. The firm grew.", "He joined Acme Inc. || The firm grew.")]
    [InlineData("Acme Corp. and Beta Ltd. merged with Gamma Co. Holdings.", "Acme Corp. and Beta Ltd. merged with Gamma Co. Holdings.")]
    [InlineData("They met on St. Patrick's Day.", "They met on St. Patrick's Day.")]
    [InlineData("ST. PETERSBURG, Fla. — The firm reported.", "ST. PETERSBURG, Fla. — The firm reported.")]
    [InlineData("Apples vs. oranges is old.", "Apples vs. oranges is old.")]
    [InlineData("Bring fruit, e.g. apples. Then go.", "Bring fruit, e.g. apples. || Then go.")]
    [InlineData("Some, i.e. most, agreed. Others did not.", "Some, i.e. most, agreed. || Others did not.")]
    [InlineData("Tools, pens, etc. were sold. The shop closed.", "Tools, pens, etc. were sold. || The shop closed.")]
    [InlineData("Growth was 1.2 percent. Inflation was 2.5 percent.", "Growth was 1.2 percent. || Inflation was 2.5 percent.")]
    [InlineData("Under Section 2.3 the rule applies. It is clear.", "Under Section 2.3 the rule applies. || It is clear.")]
    [InlineData("Prices rose in 2023. 54 percent more trade followed.", "Prices rose in 2023. || 54 percent more trade followed.")]
    [InlineData("The meeting ends at 4:30 p.m. ET on Friday.", "The meeting ends at 4:30 p.m. ET on Friday.")]
    [InlineData("The meeting ends at 4 p.m. The vote follows.", "The meeting ends at 4 p.m. || The vote follows.")]
    [InlineData("\"We will respond,\" he said. \"It is a provocation.\"", "\"We will respond,\" he said. || \"It is a provocation.\"")]
    [InlineData("“We will respond,” he said. “It is a provocation.” Then he left.", "“We will respond,” he said. || “It is a provocation.” || Then he left.")]
    [InlineData("\"Is it over?\" she asked. No one replied.", "\"Is it over?\" she asked. || No one replied.")]
    [InlineData("He called it an \"irrational act of provocation\". Talks stalled.", "He called it an \"irrational act of provocation\". || Talks stalled.")]
    [InlineData("He said ‘no.’ She said yes.", "He said ‘no.’ || She said yes.")]
    [InlineData("The talks (which lasted hours.) ended. Then came dinner.", "The talks (which lasted hours.) ended. || Then came dinner.")]
    [InlineData("Wait... what happened? Nobody knows.", "Wait... what happened? || Nobody knows.")]
    [InlineData("It was over… The crowd left.", "It was over… || The crowd left.")]
    [InlineData("He paused... Then he spoke.", "He paused... || Then he spoke.")]
    [InlineData("Heading Without Period\n\nThe body starts here.", "Heading Without Period || The body starts here.")]
    [InlineData("First paragraph has no stop\n\nsecond starts lower", "First paragraph has no stop || second starts lower")]
    [InlineData("A line wrapped\nin the middle of a sentence. Next one.", "A line wrapped\nin the middle of a sentence. || Next one.")]
    [InlineData("Title line\nBy Jane Doe\nThe story begins.", "Title line || By Jane Doe || The story begins.")]
    [InlineData("Highlights:\n• Revenue grew 27%\n• Margins rose", "Highlights: || • Revenue grew 27% || • Margins rose")]
    [InlineData("Steps:\n1. Open the box.\n2. Read it.", "Steps: || 1. Open the box. || 2. Read it.")]
    [InlineData("The vote was 52-48. It passed.", "The vote was 52-48. || It passed.")]
    [InlineData("The U.S.-ROK alliance held.", "The U.S.-ROK alliance held.")]
    [InlineData("The sanctions target the D.P.R.K. regime.", "The sanctions target the D.P.R.K. regime.")]
    [InlineData("It opened at 9 a.m. and closed at 5 p.m. daily.", "It opened at 9 a.m. and closed at 5 p.m. daily.")]
    [InlineData("Washington, D.C. is the capital. It is large.", "Washington, D.C. is the capital. || It is large.")]
    [InlineData("  Leading space. Trailing space.  ", "Leading space. || Trailing space.")]
    [InlineData("No final punctuation", "No final punctuation")]
    [InlineData("Cost: $1.5 billion. Next.", "Cost: $1.5 billion. || Next.")]
    [InlineData("He wrote to Prof. Lee and Gov. Hochul.", "He wrote to Prof. Lee and Gov. Hochul.")]
    [InlineData("See Art. 5 of the treaty.", "See Art. 5 of the treaty.")]
    [InlineData("Why? Because. Fine!", "Why? || Because. || Fine!")]
    [InlineData("Really?! Yes.", "Really?! || Yes.")]
    [InlineData("It rose 5% in Q2. The outlook improved.", "It rose 5% in Q2. || The outlook improved.")]
    [InlineData("© 2024 Example.com. Example does not advise.", "© 2024 Example.com. || Example does not advise.")]
    [InlineData("Data from bls.gov. Figures are seasonally adjusted.", "Data from bls.gov. || Figures are seasonally adjusted.")]
    [InlineData("Line one\r\n\r\nLine two", "Line one || Line two")]
    public void Splits_sentences(string text, string expected)
    {
        var sentences = SentenceSplitter.Split(text);

        Assert.Equal(expected.Split(" || "), sentences.Select(s => s.Text));
        Assert.All(sentences, s => Assert.Equal(s.Text, text[s.Start..s.End]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    public void Blank_text_has_no_sentences(string text)
    {
        Assert.Empty(SentenceSplitter.Split(text));
    }

    [Fact]
    public void Corpus_sentences_cover_every_visible_character_once_in_order()
    {
        foreach (var doc in Corpus.Documents)
        {
            var sentences = SentenceSplitter.Split(doc.Body);
            var previousEnd = 0;
            foreach (var s in sentences)
            {
                Assert.True(s.Start >= previousEnd, $"{doc.Id}: overlapping sentence at {s.Start}");
                Assert.True(string.IsNullOrWhiteSpace(doc.Body[previousEnd..s.Start]), $"{doc.Id}: text skipped before {s.Start}");
                Assert.Equal(doc.Body[s.Start..s.End], s.Text);
                Assert.Equal(s.Text.Trim(), s.Text);
                previousEnd = s.End;
            }

            Assert.True(string.IsNullOrWhiteSpace(doc.Body[previousEnd..]), $"{doc.Id}: text skipped at the end");
        }
    }

    [Fact]
    public void No_corpus_sentence_ends_after_a_title_an_initial_or_a_U_S_before_a_lowercase_word()
    {
        string[] titles = ["Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Lt.", "Sen.", "Rep.", "Gov.", "Prof.", "St.", "ST."];
        foreach (var doc in Corpus.Documents)
        {
            foreach (var s in SentenceSplitter.Split(doc.Body))
            {
                var rest = doc.Body.AsSpan(s.End).TrimStart();
                Assert.False(s.Text.EndsWith("U.S.", StringComparison.Ordinal) && rest.Length > 0 && char.IsLower(rest[0]), $"{doc.Id}: split after U.S. before a lowercase word: {s.Text}");
                Assert.False(titles.Any(t => s.Text.EndsWith(" " + t, StringComparison.Ordinal) || s.Text == t), $"{doc.Id}: split after a title: {s.Text}");
                Assert.False(s.Text.Length >= 3 && s.Text[^1] == '.' && char.IsUpper(s.Text[^2]) && s.Text[^3] == ' ' && rest.Length > 0 && char.IsUpper(rest[0]) &&
                    !s.Text.EndsWith(" I.", StringComparison.Ordinal), $"{doc.Id}: split after an initial: {s.Text}");
            }
        }
    }

    /// <summary>A gold quote may run over several sentences, but a sentence may only end inside it where the
    /// quote itself has a sentence-final mark: the splitter never cuts a quoted clause in two.</summary>
    [Fact]
    public void Sentence_ends_inside_gold_quotes_fall_only_after_terminal_marks()
    {
        var checkedQuotes = 0;
        foreach (var doc in Corpus.Documents)
        {
            var sentences = SentenceSplitter.Split(doc.Body);
            foreach (var quote in doc.Gold!.Quotes)
            {
                var at = doc.Body.IndexOf(quote.Text, StringComparison.Ordinal);
                if (at < 0)
                {
                    continue;
                }

                checkedQuotes++;
                var end = at + quote.Text.Length;
                foreach (var s in sentences.Where(s => s.End > at && s.End < end))
                {
                    var last = doc.Body[..s.End].TrimEnd('"', '\'', '”', '’', ')').LastOrDefault();
                    Assert.True(last is '.' or '!' or '?' or '…', $"{doc.Id}: sentence ends mid-quote: …{s.Text[Math.Max(0, s.Text.Length - 40)..]}");
                }

                Assert.Contains(sentences, s => s.Start <= at && at < s.End);
            }
        }

        Assert.True(checkedQuotes >= 20, $"only {checkedQuotes} gold quotes found verbatim in the corpus");
    }
}
