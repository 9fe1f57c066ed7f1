using Wiredesk.Drafting;

namespace Wiredesk.Tests.Drafting;

public class StoryDraftReportsTests
{
    [Theory]
    [InlineData(1, new[] { 0 })]
    [InlineData(6, new[] { 0, 1, 2, 3, 4, 5 })]
    [InlineData(7, new[] { 0, 2, 3, 4, 5, 6 })]
    [InlineData(300, new[] { 0, 295, 296, 297, 298, 299 })]
    public void A_story_is_drafted_from_its_first_report_and_its_latest_ones_in_timeline_order(int reports, int[] expected)
    {
        var timeline = Enumerable.Range(0, reports).ToList();

        Assert.Equal(expected, StoryDraftReports.Choose(timeline));
    }
}
