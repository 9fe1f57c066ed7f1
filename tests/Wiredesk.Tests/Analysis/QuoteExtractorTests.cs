using Wiredesk.Analysis;
using Wiredesk.Analysis.Entities;
using Wiredesk.Analysis.Quotes;

namespace Wiredesk.Tests.Analysis;

public sealed class QuoteExtractorTests
{
    private static readonly EntityRecognizer Recognizer = new(TestKnowledgeBase.Instance);

    private static IReadOnlyList<Quote> Extract(string text) => QuoteExtractor.Extract(text, Recognizer.Recognize(text));

    [Theory]
    [InlineData("“We will win this fight,” said Jane Doe.", "We will win this fight", "Jane Doe")]
    [InlineData("\"We will win this fight,\" Jane Doe said.", "We will win this fight", "Jane Doe")]
    [InlineData("Jane Doe said: “The plan is working and we will continue.”", "The plan is working and we will continue.", "Jane Doe")]
    [InlineData("Vladimir Putin arrived late. “We will not be rushed by anyone,” he said.", "We will not be rushed by anyone", "Vladimir Putin")]
    [InlineData("“This is the first part,” Jane Doe said, “and this is the second part of what I said.”", "and this is the second part of what I said.", "Jane Doe")]
    [InlineData("Vladimir Putin called the launch an “irrational act of provocation” on Monday.", "irrational act of provocation", "Vladimir Putin")]
    [InlineData("“Growth will slow sharply next year,” according to Jane Doe.", "Growth will slow sharply next year", "Jane Doe")]
    [InlineData("Jane Doe continued, “We expect more orders from abroad next year.”", "We expect more orders from abroad next year.", "Jane Doe")]
    [InlineData("“Strong results across every region this quarter,” said Jane Doe, chief executive. “We are well positioned for the year.”", "We are well positioned for the year.", "Jane Doe")]
    [InlineData("The Ministry of Defence said in a statement: “All targets were destroyed as planned.”", "All targets were destroyed as planned.", "Ministry of Defence")]
    [InlineData("The Ministry of Defence was briefed. “We have no comment on the report,” the ministry said in a statement.", "We have no comment on the report", "Ministry of Defence")]
    [InlineData("Vladimir Putin said the deal contains a clause that “provides for mutual assistance in the event of aggression,” according to a news agency.", "provides for mutual assistance in the event of aggression", "Vladimir Putin")]
    [InlineData("“The strikes were proportionate and precise,” Jane Doe, a spokesperson for the Ministry of Defence, said.", "The strikes were proportionate and precise", "Jane Doe")]
    [InlineData("Jane Doe, a spokesperson for the Ministry of Defence, said: “The strikes were proportionate and precise.”", "The strikes were proportionate and precise.", "Jane Doe")]
    [InlineData("The prime minister’s spokesman, Piotr Nowacki, said the visit was “productive and friendly for both sides.”", "productive and friendly for both sides.", "Piotr Nowacki")]
    [InlineData("North Korea fired what Seoul called “a long-range missile capable of reaching the mainland.”", "a long-range missile capable of reaching the mainland.", "Seoul")]
    [InlineData("Jane Doe said talks were at a “critical stage of the process.” Mark Roe said the ministry was in contact.", "critical stage of the process.", "Jane Doe")]
    [InlineData("A ministry spokesperson, Jane Doe, told reporters: “We continue to review the options.”", "We continue to review the options.", "Jane Doe")]
    [InlineData("Jane Doe disagreed, calling the proposal “a solution in search of a problem.”", "a solution in search of a problem.", "Jane Doe")]
    [InlineData("Vladimir Putin called Russia the “most loyal friend,” insisting the pact is defensive.", "most loyal friend", "Vladimir Putin")]
    [InlineData("Vladimir Putin arrived. “This is the first part,” he said, “and this is the second part of the remark.”", "and this is the second part of the remark.", "Vladimir Putin")]
    [InlineData("Jane Doe took questions.\n\n“We did not expect the ruling and will appeal it,” she said.", "We did not expect the ruling and will appeal it", "Jane Doe")]
    public void Finds_the_quote_and_its_named_speaker(string text, string quote, string speaker)
    {
        var quotes = Extract(text);

        var found = quotes.FirstOrDefault(q => q.Text == quote);
        Assert.True(found is not null, string.Join(" | ", quotes.Select(q => q.Text)));
        Assert.Equal(quote, text[found.Start..found.End]);
        Assert.NotNull(found.Speaker);
        Assert.NotNull(found.Speaker.EntityId);
        Assert.Equal(speaker, found.Speaker.Name);
    }

    [Theory]
    [InlineData("“The sanctions are not working at all,” said a senior official.", "a senior official")]
    [InlineData("“He has extracted more than we thought he would,” said a professor of international relations at a London university.", "a professor of international relations at a London university")]
    [InlineData("“The sanctions are not working at all,” said a senior official, who asked not to be named.", "a senior official")]
    [InlineData("An official of the United Nations, who asked not to be named, said: “We are watching closely and will act.”", "An official of the United Nations")]
    [InlineData("“We are watching closely and will act,” an official of the United Nations said.", "an official of the United Nations")]
    public void An_unnamed_speaker_keeps_the_descriptor(string text, string descriptor)
    {
        var quote = Assert.Single(Extract(text));

        Assert.NotNull(quote.Speaker);
        Assert.Null(quote.Speaker.EntityId);
        Assert.Equal(descriptor, quote.Speaker.Name);
    }

    [Theory]
    [InlineData("The two leaders signed a “comprehensive strategic partnership agreement” in June.")]
    [InlineData("They endorsed the “Camp David Principles” last year.")]
    [InlineData("Superior Widgets Inc. (the \"Company\") reported results.")]
    [InlineData("The so-called “peace dividend” never arrived.")]
    [InlineData("Officials described the talks as useful. No quotes here at all.")]
    public void Scare_quotes_and_document_names_are_not_quotes(string text)
    {
        Assert.Empty(Extract(text));
    }

    [Fact]
    public void A_quote_running_over_two_paragraphs_is_found_in_both()
    {
        const string Text = "“The first paragraph of the remarks goes here and is long enough.\n\n“The second paragraph continues the same remarks,” said Jane Doe.";
        var quotes = Extract(Text);

        Assert.Contains(quotes, q => q.Text == "The first paragraph of the remarks goes here and is long enough.");
        Assert.Contains(quotes, q => q.Text == "The second paragraph continues the same remarks" && q.Speaker?.Name == "Jane Doe");
    }

    [Fact]
    public void Transcript_turns_are_quotes_of_the_labelled_speaker()
    {
        const string Text = "PRESIDENT DOE: We are glad to be here today.\n\nThe alliance is strong and getting stronger.\n\nSECRETARY ROE: Thank you.";
        var quotes = Extract(Text);

        Assert.Equal(["We are glad to be here today.", "The alliance is strong and getting stronger.", "Thank you."], quotes.Select(q => q.Text));
        Assert.Equal(["PRESIDENT DOE", "PRESIDENT DOE", "SECRETARY ROE"], quotes.Select(q => q.Speaker!.Name));
        Assert.All(quotes, q => Assert.NotNull(q.Speaker!.EntityId));
    }

    [Theory]
    [InlineData(
        "We met three times this year. The partnership has never been closer.",
        new[] { "We met three times this year.", "The partnership has never been closer." })]
    [InlineData(
        "Our trade pact is solid, and that covers our farmers, and — and that covers the fishing fleets too.",
        new[] { "Our trade pact is solid, and that covers our farmers", "and that covers the fishing fleets too." })]
    [InlineData(
        "The — the harbour reopened on Monday after the storm.",
        new[] { "the harbour reopened on Monday after the storm." })]
    [InlineData(
        "Our relationship is a — has been a real success for both nations.",
        new[] { "Our relationship is a — has been a real success for both nations." })]
    [InlineData(
        "We thank the mayor for her hospitality during a difficult week, and I look forward very much to the talks tomorrow with the regional council on keeping the bridge project on schedule and within its budget.",
        new[] { "We thank the mayor for her hospitality during a difficult week", "I look forward very much to the talks tomorrow with the regional council on keeping the bridge project on schedule and within its budget." })]
    [InlineData(
        "We have watched the river closely, and we are in touch with the engineers.",
        new[] { "We have watched the river closely, and we are in touch with the engineers." })]
    [InlineData(
        "The committee met on Monday and Tuesday to review the harbour plan, the bridge plan and the budget for the coming three years, and that review will continue into next month with the regional council.",
        new[] { "The committee met on Monday and Tuesday to review the harbour plan, the bridge plan and the budget for the coming three years, and that review will continue into next month with the regional council." })]
    public void A_transcript_turn_is_quoted_by_sentence_false_start_and_long_clause(string turn, string[] expected)
    {
        var text = "PRESIDENT DOE: Good morning to all of you.\n\n" + turn;
        var quotes = Extract(text).Skip(1).ToList();

        Assert.Equal(expected, quotes.Select(q => q.Text));
        Assert.All(quotes, q => Assert.Equal(q.Text, text[q.Start..q.End]));
        Assert.All(quotes, q => Assert.Equal("PRESIDENT DOE", q.Speaker?.Name));
    }

    [Fact]
    public void A_quote_a_writer_marked_stays_whole_however_many_sentences_it_holds()
    {
        const string Text = "“We had a strong quarter in every region, and we expect the same again next year. Our customers keep coming back, and we will keep investing in the stores,” said Jane Doe.";
        var quote = Assert.Single(Extract(Text));

        Assert.Equal("We had a strong quarter in every region, and we expect the same again next year. Our customers keep coming back, and we will keep investing in the stores", quote.Text);
        Assert.Equal("Jane Doe", quote.Speaker?.Name);
    }

    [Fact]
    public void An_unclosed_quote_at_the_end_of_a_cut_text_runs_to_the_end()
    {
        const string Text = "“Our focus is on service and retention, and we expect growth,” said Jane Doe. “To capitalize on the trend, our team is ready.";
        var quotes = Extract(Text);

        Assert.Equal(2, quotes.Count);
        Assert.Equal("To capitalize on the trend, our team is ready.", quotes[1].Text);
        Assert.Equal("Jane Doe", quotes[1].Speaker?.Name);
    }
}
