using Wiredesk.Analysis.Numbers;

namespace Wiredesk.Tests.Analysis.Numbers;

public class NumberExtractorTests
{
    /// <summary>Each row: a sentence, the one mention expected in it, its value and unit ("" for none).</summary>
    [Theory]
    [InlineData("The package is worth $820 million in total.", "$820 million", 820e6, "USD")]
    [InlineData("It raised £1.5bn from investors.", "£1.5bn", 1.5e9, "GBP")]
    [InlineData("The fund holds €3 billion in bonds.", "€3 billion", 3e9, "EUR")]
    [InlineData("Each share costs US$5 today.", "US$5", 5, "USD")]
    [InlineData("The award was $37 million.", "$37 million", 37e6, "USD")]
    [InlineData("Debt reached $1.2 trillion last quarter.", "$1.2 trillion", 1.2e12, "USD")]
    [InlineData("Sales were $130.8 million.", "$130.8 million", 130.8e6, "USD")]
    [InlineData("A loan of 5 billion won was signed.", "5 billion won", 5e9, "KRW")]
    [InlineData("It paid 20 million dollars.", "20 million dollars", 20e6, "USD")]
    [InlineData("It pays a dividend of $0.14 per share.", "$0.14 per share", 0.14, "USD")]
    [InlineData("Revenue grew 27% year over year.", "27%", 27, "percent")]
    [InlineData("Rates rose to 5.25 percent.", "5.25 percent", 5.25, "percent")]
    [InlineData("It cut rates by 1/2 percentage point.", "1/2 percentage point", 0.5, "percentage point")]
    [InlineData("A cut of 50 basis points is priced in.", "50 basis points", 50, "basis point")]
    [InlineData("Awards range from 10 to 30 percent of sanctions.", "10 to 30 percent", 10, "percent")]
    [InlineData("The target range is 4-3/4 to 5 percent.", "4-3/4 to 5 percent", 4.75, "percent")]
    [InlineData("Iran fired 18 short-range ballistic missiles overnight.", "18 short-range ballistic missiles", 18, "missiles")]
    [InlineData("They struck 8 Houthi targets.", "8 Houthi targets", 8, "targets")]
    [InlineData("The ships carried thousands of containers.", "thousands of containers", 1000, "containers")]
    [InlineData("They sent 150,000 rounds of ammunition.", "150,000 rounds", 150_000, "rounds")]
    [InlineData("The firm employs approximately 465,000 associates.", "465,000 associates", 465_000, "associates")]
    [InlineData("Payrolls rose by 254,000 in September.", "254,000", 254_000, "")]
    [InlineData("Five ships docked.", "Five ships", 5, "ships")]
    [InlineData("It took twenty-five years.", "twenty-five years", 25, "years")]
    [InlineData("There were more than two dozen attacks.", "two dozen attacks", 24, "attacks")]
    [InlineData("He proposed a three-phase plan.", "three-phase", 3, "phase")]
    [InlineData("It begins a six-week ceasefire.", "six-week", 6, "week")]
    [InlineData("The Treasury designated one individual today.", "one individual", 1, "individual")]
    [InlineData("This is the fourteenth drawdown.", "fourteenth", 14, "ordinal")]
    [InlineData("This is the twenty-fourth drawdown.", "twenty-fourth", 24, "ordinal")]
    [InlineData("A treaty for the 21st century.", "21st", 21, "ordinal")]
    [InlineData("Trade increased ninefold.", "ninefold", 9, "times")]
    [InlineData("It fires 155mm artillery.", "155mm", 155, "mm")]
    [InlineData("The company has 2,000+ locations.", "2,000+", 2000, "")]
    [InlineData("EA is the #1 publisher.", "#1", 1, "")]
    [InlineData("Call 202-452-2955 for details.", "202-452-2955", 2024522955, "telephone number")]
    [InlineData("Call (202) 691-6378 for details.", "(202) 691-6378", 2026916378, "telephone number")]
    [InlineData("Growth was 0.5 in the model.", "0.5", 0.5, "")]
    [InlineData("It rose 1,234.5 points.", "1,234.5 points", 1234.5, "points")]
    [InlineData("The fund needs $10 million to $20 million more.", "$10 million to $20 million", 10e6, "USD")]
    [InlineData("The storm displaced 3 million people.", "3 million people", 3e6, "people")]
    [InlineData("Turnout was twenty-five percent.", "twenty-five percent", 25, "percent")]
    [InlineData("The club paid £5m for him.", "£5m", 5e6, "GBP")]
    [InlineData("The deal is worth C$2.5 billion.", "C$2.5 billion", 2.5e9, "CAD")]
    [InlineData("A budget of five hundred thousand was set.", "five hundred thousand", 500_000, "")]
    [InlineData("About a dozen vessels waited.", "a dozen vessels", 12, "vessels")]
    [InlineData("Inflation fell to 2.9 per cent.", "2.9 per cent", 2.9, "percent")]
    [InlineData("Unemployment rose 0.2 percentage points.", "0.2 percentage points", 0.2, "percentage point")]
    [InlineData("The bank cut by 25 bps.", "25 bps", 25, "basis point")]
    [InlineData("The convoy drove 40km north.", "40km", 40, "km")]
    [InlineData("A two-thirds majority is needed.", "two-thirds", 0.666667, "")]
    [InlineData("About one-third voted.", "one-third", 0.333333, "")]
    [InlineData("Three-quarters of the budget went.", "Three-quarters", 0.75, "")]
    [InlineData("The twenty-first round began.", "twenty-first", 21, "ordinal")]
    [InlineData("Exports hit £2.1 bn in May.", "£2.1 bn", 2.1e9, "GBP")]
    public void Finds_the_mention_with_value_and_unit(string text, string mention, double value, string unit)
    {
        var found = NumberExtractor.Extract(text);

        var m = Assert.Single(found);
        Assert.Equal(mention, m.Text);
        Assert.Equal(value, m.Value, 6);
        Assert.Equal(unit.Length == 0 ? null : unit, m.Unit);
        Assert.Equal(mention, text[m.Start..m.End]);
    }

    /// <summary>Dates, years, times, names with digits and pronoun "one" are not quantities here.</summary>
    [Theory]
    [InlineData("The launch happened on May 27.")]
    [InlineData("The launch happened on May 31, 2024, at dawn.")]
    [InlineData("It was signed on 31 May 2024.")]
    [InlineData("The statement was issued in 2022.")]
    [InlineData("The meeting is at 3:45 pm ET.")]
    [InlineData("It was dated 2024-05-31.")]
    [InlineData("The F-16 and MQ-9 flew over.")]
    [InlineData("COVID-19 spread quickly.")]
    [InlineData("No one knows the answer.")]
    [InlineData("They respect one another.")]
    [InlineData("The photo id is 20240606.")]
    [InlineData("Results for Q2 and FY25 are out.")]
    [InlineData("The form is dated 31/05/2024 in Europe.")]
    [InlineData("He spoke at 10 Downing Street.")]
    [InlineData("The office is at 1600 Pennsylvania Avenue.")]
    public void Finds_nothing_where_there_is_no_quantity(string text)
    {
        Assert.Empty(NumberExtractor.Extract(text));
    }

    [Fact]
    public void Finds_several_mentions_in_order_with_exact_spans()
    {
        const string text = "Revenue of $678 million rose 27%, and 295 customers signed 27 deals.";

        var found = NumberExtractor.Extract(text);

        Assert.Equal(["$678 million", "27%", "295 customers", "27 deals"], found.Select(m => m.Text));
        Assert.All(found, m => Assert.Equal(m.Text, text[m.Start..m.End]));
    }
}
