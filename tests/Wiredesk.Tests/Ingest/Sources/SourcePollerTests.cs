using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Wiredesk.Ingest.Http;
using Wiredesk.Ingest.Sources;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Ingest.Sources;

public class SourcePollerTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private const string Feed = """
        <rss version="2.0"><channel><title>Example Wire</title>
        <item><title>First report</title><guid>r1</guid><description>The first report of the day.</description></item>
        <item><title>Second report</title><guid>r2</guid><description>The second report of the day.</description></item>
        </channel></rss>
        """;

    /// <summary>A feed server whose /feed answers 304 to its own ETag and whose /flaky fails until told otherwise.</summary>
    private sealed class FeedServer
    {
        public bool FlakyWorks { get; set; }

        public int Requests { get; private set; }

        public Task<TestWebServer> StartAsync() => TestWebServer.StartAsync(app =>
        {
            app.MapGet("/feed", (HttpContext context) =>
            {
                Requests++;
                if (context.Request.Headers.IfNoneMatch.ToString() == "\"feed-1\"")
                {
                    return Results.StatusCode(304);
                }

                context.Response.Headers.ETag = "\"feed-1\"";
                return Results.Text(Feed, "application/rss+xml", Encoding.UTF8);
            });
            app.MapGet("/flaky", () =>
            {
                Requests++;
                return FlakyWorks ? Results.Text(Feed, "application/rss+xml", Encoding.UTF8) : Results.StatusCode(503);
            });
        });
    }

    private static async Task<(Database Database, SourceStore Store)> NewStoreAsync()
    {
        var database = await Database.OpenAsync(Path.Combine(TestPaths.NewTempFolder(), "wiredesk.db"));
        return (database, new SourceStore(database));
    }

    [Fact]
    public async Task Polls_due_sources_with_conditional_get_and_waits_an_interval_between_polls()
    {
        var feedServer = new FeedServer();
        await using var server = await feedServer.StartAsync();
        var (database, store) = await NewStoreAsync();
        var time = new FakeTimeProvider(Start);
        var settings = new Settings { AllowPrivateNetworks = true };
        using var http = new SafeHttpClient(settings);
        var poller = new SourcePoller(database, http, settings, time);
        var source = await store.AddOrGetAsync(server.Url("/feed").ToString(), Interval, time.GetUtcNow(), CancellationToken.None);

        var polled = Assert.Single(await poller.PollDueAsync(CancellationToken.None));
        Assert.Equal(source.Id, polled.SourceId);
        Assert.Equal(["First report", "Second report"], polled.Reports.Select(r => r.Title));
        Assert.Equal(Encoding.UTF8.GetBytes(Feed), polled.Raw.Bytes);
        var afterFirst = Assert.Single(await store.AllAsync(CancellationToken.None));
        Assert.Equal("\"feed-1\"", afterFirst.ETag);
        Assert.Equal("200", afterFirst.LastStatus);
        Assert.Equal(2, afterFirst.ItemsSeen);
        Assert.Equal(Start + Interval, afterFirst.NextPollAt);

        Assert.Empty(await poller.PollDueAsync(CancellationToken.None));
        Assert.Equal(1, feedServer.Requests);

        time.Advance(Interval);
        Assert.Empty(await poller.PollDueAsync(CancellationToken.None));
        Assert.Equal(2, feedServer.Requests);
        var afterSecond = Assert.Single(await store.AllAsync(CancellationToken.None));
        Assert.Equal("304", afterSecond.LastStatus);
        Assert.Equal(2, afterSecond.ItemsSeen);
        Assert.Equal(Start + Interval, afterSecond.LastSuccessAt);
        Assert.Equal(Start + Interval + Interval, afterSecond.NextPollAt);
    }

    [Fact]
    public async Task Failures_back_off_exponentially_up_to_the_cap_and_success_resets()
    {
        var feedServer = new FeedServer();
        await using var server = await feedServer.StartAsync();
        var (database, store) = await NewStoreAsync();
        var time = new FakeTimeProvider(Start);
        var settings = new Settings { AllowPrivateNetworks = true, MaxPollBackoff = TimeSpan.FromMinutes(60) };
        using var http = new SafeHttpClient(settings);
        var poller = new SourcePoller(database, http, settings, time);
        await store.AddOrGetAsync(server.Url("/flaky").ToString(), Interval, time.GetUtcNow(), CancellationToken.None);

        var expectedWaits = new[] { 10, 20, 40, 60, 60 }.Select(m => TimeSpan.FromMinutes(m)).ToList();
        for (var failure = 1; failure <= expectedWaits.Count; failure++)
        {
            Assert.Empty(await poller.PollDueAsync(CancellationToken.None));
            var source = Assert.Single(await store.AllAsync(CancellationToken.None));
            Assert.Equal(failure, source.ConsecutiveFailures);
            Assert.Equal("failed", source.LastStatus);
            Assert.Equal("answered HTTP 503 Service Unavailable", source.LastError);
            Assert.Equal(time.GetUtcNow() + expectedWaits[failure - 1], source.NextPollAt);
            Assert.False(SourceHealth.From(source).Healthy);

            time.Advance(expectedWaits[failure - 1] - TimeSpan.FromSeconds(1));
            Assert.Empty(await poller.PollDueAsync(CancellationToken.None));
            Assert.Equal(failure, feedServer.Requests);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        feedServer.FlakyWorks = true;
        Assert.Single(await poller.PollDueAsync(CancellationToken.None));
        var recovered = Assert.Single(await poller.HealthAsync(CancellationToken.None));
        Assert.True(recovered.Healthy);
        Assert.Equal(0, recovered.Failures);
        Assert.Equal("200", recovered.LastStatus);
        Assert.Null(recovered.LastError);
        Assert.Equal(time.GetUtcNow() + Interval, recovered.NextPoll);
        Assert.Equal(2, recovered.ItemsSeen);
    }

    [Fact]
    public async Task A_refused_or_unparseable_source_is_recorded_as_a_failure_and_others_still_poll()
    {
        var feedServer = new FeedServer();
        await using var server = await feedServer.StartAsync();
        var (database, store) = await NewStoreAsync();
        var time = new FakeTimeProvider(Start);
        var settings = new Settings { AllowedPrivateHosts = ["127.0.0.1"] };
        using var http = new SafeHttpClient(settings);
        var poller = new SourcePoller(database, http, settings, time);
        await store.AddOrGetAsync("http://10.9.8.7/feed", Interval, time.GetUtcNow(), CancellationToken.None);
        await store.AddOrGetAsync(server.Url("/feed").ToString(), Interval, time.GetUtcNow(), CancellationToken.None);

        var polled = Assert.Single(await poller.PollDueAsync(CancellationToken.None));
        Assert.Equal(server.Url("/feed").ToString(), polled.Url);
        var refused = (await poller.HealthAsync(CancellationToken.None)).Single(h => h.Url == "http://10.9.8.7/feed");
        Assert.False(refused.Healthy);
        Assert.StartsWith("points at a loopback or private address (10.9.8.7)", refused.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_a_url_twice_returns_the_same_source()
    {
        var (_, store) = await NewStoreAsync();
        var first = await store.AddOrGetAsync("https://wire.example.org/feed", Interval, Start, CancellationToken.None);
        var again = await store.AddOrGetAsync("https://wire.example.org/feed", TimeSpan.FromHours(1), Start.AddDays(1), CancellationToken.None);
        Assert.Equal(first, again);
        Assert.Equal(Interval, again.PollInterval);
        Assert.Equal(Start, again.NextPollAt);
        Assert.Single(await store.AllAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(6, 320)]
    [InlineData(7, 360)]
    [InlineData(10_000, 360)]
    public void Backoff_doubles_per_failure_and_stops_at_the_cap(int failures, int expectedMinutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), SourceStore.Backoff(Interval, failures, TimeSpan.FromHours(6)));
    }
}
