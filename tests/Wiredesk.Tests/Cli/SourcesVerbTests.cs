using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Cli;

public class SourcesVerbTests
{
    [Fact]
    public async Task A_feed_ingested_by_url_becomes_a_polled_source_and_a_page_does_not()
    {
        var feed = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "samples", "feeds", "demo-wire.rss"));
        var page = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "samples", "pages", "chipmaker-results.html"));
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/feed.xml", (HttpContext c) =>
            {
                c.Response.Headers.ETag = "\"v1\"";
                return Results.Text(feed, "application/rss+xml");
            });
            app.MapGet("/story.html", () => Results.Text(page, "text/html"));
        });
        var data = TestPaths.NewTempFolder();

        var ingest = await CliRun.RunAsync("ingest", server.Url("/feed.xml").ToString(), server.Url("/story.html").ToString(), "--data", data, "--allow-private-networks");
        var sources = await CliRun.RunAsync("sources", "--data", data);

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Contains("new: 4", ingest.Out, StringComparison.Ordinal);
        Assert.Contains(server.Url("/feed.xml").ToString(), sources.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("story.html", sources.Out, StringComparison.Ordinal);
        Assert.Matches(@"ok\s+200\s", sources.Out);
    }

    [Fact]
    public async Task A_loopback_url_is_refused_unless_allowed_and_nothing_is_stored()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => Results.Text("Title\n\nBody text of a report.")));
        var data = TestPaths.NewTempFolder();

        var run = await CliRun.RunAsync("ingest", server.Url("/").ToString(), "--data", data);
        var reports = await CliRun.RunAsync("reports", "--data", data);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("0 reports", reports.Out, StringComparison.Ordinal);
    }
}
