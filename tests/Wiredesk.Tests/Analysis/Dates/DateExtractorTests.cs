using Wiredesk.Analysis.Dates;

namespace Wiredesk.Tests.Analysis.Dates;

public class DateExtractorTests
{
    /// <summary>Published on Friday 31 May 2024 (ISO week 22).</summary>
    private static readonly DateOnly Published = new(2024, 5, 31);

    /// <summary>Each row: a sentence, the one mention expected in it, its value resolved against 31 May 2024 ("" for null).</summary>
    [Theory]
    [InlineData("The launch came on May 27 at dawn.", "May 27", "2024-05-27")]
    [InlineData("It was announced May 31, 2024 in Washington.", "May 31, 2024", "2024-05-31")]
    [InlineData("It was announced 31 May 2024 in London.", "31 May 2024", "2024-05-31")]
    [InlineData("The file is dated 2024-05-31.", "2024-05-31", "2024-05-31")]
    [InlineData("The committee met September 17–18, 2024 in Washington.", "September 17–18, 2024", "2024-09-17")]
    [InlineData("Pyongyang launched it on August 24 (KST).", "August 24", "2023-08-24")]
    [InlineData("The meeting on Tuesday, September 17, 2024, began.", "Tuesday, September 17, 2024", "2024-09-17")]
    [InlineData("It happened on Jan. 22 local time.", "Jan. 22", "2024-01-22")]
    [InlineData("The war began on February 24.", "February 24", "2024-02-24")]
    [InlineData("Attacks began on 19 November.", "19 November", "2023-11-19")]
    [InlineData("Aid has flowed since August 2021.", "August 2021", "2021-08")]
    [InlineData("THE EMPLOYMENT SITUATION -- SEPTEMBER 2024", "SEPTEMBER 2024", "2024-09")]
    [InlineData("Attacks have continued since mid-November.", "mid-November", "2023-11")]
    [InlineData("Prices rose in early May.", "early May", "2024-05")]
    [InlineData("Payrolls rose in March.", "March", "2024-03")]
    [InlineData("The law was passed in 2022.", "2022", "2022")]
    [InlineData("He spoke at 3:45 pm ET.", "3:45 pm ET", "2024-05-31T15:45")]
    [InlineData("Doors open at 4.30pm sharp.", "4.30pm", "2024-05-31T16:30")]
    [InlineData("The release is at 4:30 p.m. EDT.", "4:30 p.m. EDT", "2024-05-31T16:30")]
    [InlineData("Posted 05/18/2022 05:40 PM EDT.", "05/18/2022 05:40 PM EDT", "2022-05-18T17:40")]
    [InlineData("The rate was set today.", "today", "2024-05-31")]
    [InlineData("Yesterday the talks failed.", "Yesterday", "2024-05-30")]
    [InlineData("Talks resume tomorrow.", "tomorrow", "2024-06-01")]
    [InlineData("He spoke this afternoon.", "this afternoon", "2024-05-31")]
    [InlineData("Strikes took place yesterday afternoon.", "yesterday afternoon", "2024-05-30")]
    [InlineData("He arrived this week.", "this week", "2024-W22")]
    [InlineData("He arrived last week.", "last week", "2024-W21")]
    [InlineData("He will arrive next week.", "next week", "2024-W23")]
    [InlineData("Sales fell last month.", "last month", "2024-04")]
    [InlineData("Deliveries start next month.", "next month", "2024-06")]
    [InlineData("Inflation eased earlier this year.", "earlier this year", "2024")]
    [InlineData("So far this year exports rose.", "So far this year", "2024")]
    [InlineData("It was agreed earlier this month.", "earlier this month", "2024-05")]
    [InlineData("The talks collapsed on Wednesday.", "Wednesday", "2024-05-29")]
    [InlineData("The talks collapsed on Friday.", "Friday", "2024-05-31")]
    [InlineData("Missiles were fired on Thursday night.", "Thursday night", "2024-05-30")]
    [InlineData("The board will meet on Tuesday.", "Tuesday", "2024-06-04")]
    [InlineData("Talks happened last Monday.", "last Monday", "2024-05-27")]
    [InlineData("Sales rose in the first quarter of fiscal year 2024.", "first quarter of fiscal year 2024", "")]
    [InlineData("Q2 2024 highlights follow.", "Q2 2024", "2024")]
    [InlineData("The reports of the last few weeks differ.", "the last few weeks", "")]
    [InlineData("Growth should pick up by mid-2025.", "mid-2025", "2025")]
    [InlineData("The deal closed three weeks ago.", "three weeks ago", "2024-W19")]
    [InlineData("It was signed 10 days ago.", "10 days ago", "2024-05-21")]
    [InlineData("They met a year ago.", "a year ago", "2023")]
    [InlineData("Talks began two months ago.", "two months ago", "2024-03")]
    [InlineData("The ban came into force a few days ago.", "a few days ago", "")]
    [InlineData("Shares rose on Monday's open.", "Monday", "2024-05-27")]
    [InlineData("The deal closes on Jul. 3.", "Jul. 3", "2024-07-03")]
    [InlineData("The deal closed on Sept. 3.", "Sept. 3", "2023-09-03")]
    [InlineData("The deal closed on Dec. 3.", "Dec. 3", "2023-12-03")]
    public void Finds_and_resolves_the_mention(string text, string mention, string value)
    {
        var found = DateExtractor.Extract(text, Published);

        var m = Assert.Single(found);
        Assert.Equal(mention, m.Text);
        Assert.Equal(value.Length == 0 ? null : value, m.Value);
        Assert.Equal(mention, text[m.Start..m.End]);
    }

    [Theory]
    [InlineData("Officials may 31 times refuse.")]
    [InlineData("They may act soon.")]
    [InlineData("The troops march on.")]
    [InlineData("Revenue was $2,024 million.")]
    [InlineData("Output rose 2024 percent.")]
    [InlineData("Call 202-452-2955 now.")]
    [InlineData("The ID is USDL-24-2052.")]
    [InlineData("Growth was 4.10 percent.")]
    public void Finds_no_date_in_non_dates(string text)
    {
        Assert.Empty(DateExtractor.Extract(text, Published));
    }

    [Fact]
    public void A_time_takes_its_day_from_the_date_beside_it()
    {
        const string text = "The waiting period expired at 11:59 p.m. on June 13, 2024. The meeting on Tuesday, September 17, 2024, at 10:30 a.m. began.";

        var found = DateExtractor.Extract(text, Published);

        Assert.Contains(found, d => d.Text == "11:59 p.m." && d.Value == "2024-06-13T23:59");
        Assert.Contains(found, d => d.Text == "10:30 a.m." && d.Value == "2024-09-17T10:30");
    }

    [Fact]
    public void A_day_without_a_year_more_than_two_months_ahead_belongs_to_the_year_before()
    {
        var found = DateExtractor.Extract("It began on December 30 and ended on July 15.", new DateOnly(2024, 1, 12));

        Assert.Equal(["2023-12-30", "2023-07-15"], found.Select(d => d.Value));
    }

    [Fact]
    public void Relative_dates_stay_unresolved_without_a_published_date()
    {
        var found = DateExtractor.Extract("Today, on May 27, and in 2022.", null);

        Assert.Equal([null, null, "2022"], found.Select(d => d.Value));
    }

    [Fact]
    public void This_week_uses_the_ISO_week_year_at_the_turn_of_the_year()
    {
        var found = DateExtractor.Extract("It happened this week.", new DateOnly(2024, 12, 31));

        Assert.Equal("2025-W01", Assert.Single(found).Value);
    }
}
