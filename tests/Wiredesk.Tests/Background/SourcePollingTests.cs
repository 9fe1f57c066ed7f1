using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Background;

public class SourcePollingTests
{
    private const string Feed = """
        <rss version="2.0"><channel><title>Calder Wire</title>
        <item><title>Port of Calder Opens New Container Terminal</title><guid>calder-1</guid>
        <description>The Port of Calder opened a new container terminal on Monday, raising its capacity by 30%. The terminal cost $450 million and took three years to build, the port authority said.</description></item>
        </channel></rss>
        """;

    [Fact]
    public async Task The_server_polls_a_due_feed_source_stores_its_reports_and_drafts_their_story()
    {
        await using var feed = await TestWebServer.StartAsync(app =>
            app.MapGet("/feed", () => Results.Text(Feed, "application/rss+xml", Encoding.UTF8)));
        var data = TestPaths.NewTempFolder();
        var database = await Database.OpenAsync(Path.Combine(data, "wiredesk.db"));
        await new SourceStore(database).AddOrGetAsync(feed.Url("/feed").ToString(), TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow, CancellationToken.None);

        await using var server = await NewsroomServer.StartAsync(new Settings { AllowPrivateNetworks = true }, dataFolder: data);
        var reports = new ReportStore(server.Composition.Database);
        var waited = Stopwatch.StartNew();
        while (await reports.CountAsync() == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the feed was not polled");
            await Task.Delay(20);
        }

        var report = Assert.Single(await reports.LatestAsync(5));
        Assert.Equal("Port of Calder Opens New Container Terminal", report.Title);
        await using var connection = await server.Composition.Database.ConnectAsync();
        var story = await StoryStore.StoryOfAsync(connection, null, report.Id);
        var desk = await DeskKit.WaitForDeskAsync(server.Composition.Database, story!.Value);
        Assert.Equal(1, desk.ReportCount);
    }
}
