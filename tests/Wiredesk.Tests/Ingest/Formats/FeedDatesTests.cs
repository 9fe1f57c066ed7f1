using Wiredesk.Ingest.Formats;

namespace Wiredesk.Tests.Ingest.Formats;

public class FeedDatesTests
{
    [Theory]
    [InlineData("Tue, 10 Jun 2025 04:00:00 GMT", "2025-06-10T04:00:00Z")]
    [InlineData("Tue, 10 Jun 2025 04:00:00 UT", "2025-06-10T04:00:00Z")]
    [InlineData("Tue, 10 Jun 2025 04:00:00 +0200", "2025-06-10T02:00:00Z")]
    [InlineData("Tue, 10 Jun 2025 04:00:00 -0430", "2025-06-10T08:30:00Z")]
    [InlineData("Tue, 10 Jun 2025 04:00:00 EDT", "2025-06-10T08:00:00Z")]
    [InlineData("Tue, 10 Jun 2025 04:00:00 PST", "2025-06-10T12:00:00Z")]
    [InlineData("10 Jun 2025 04:00 GMT", "2025-06-10T04:00:00Z")]
    [InlineData("2025-06-10T04:00:00Z", "2025-06-10T04:00:00Z")]
    [InlineData("2025-06-10T04:00:00.123+01:00", "2025-06-10T03:00:00.123Z")]
    [InlineData("2025-06-10", "2025-06-10T00:00:00Z")]
    [InlineData("2025-06-10T04:00:00", "2025-06-10T04:00:00Z")]
    public void Reads_feed_dates_as_utc(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FeedDates.Parse(text));
        Assert.Equal(TimeSpan.Zero, FeedDates.Parse(text)!.Value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("the day after tomorrow")]
    [InlineData("Tue, 45 Jun 2025 04:00:00 GMT")]
    [InlineData("n/a")]
    public void Unreadable_dates_are_null_not_errors(string? text)
    {
        Assert.Null(FeedDates.Parse(text));
    }
}
