using System.Text;
using System.Text.Json;
using Wiredesk.App;
using Wiredesk.Bus;
using Wiredesk.Drafting;
using Wiredesk.Editorial;
using Wiredesk.Ingest;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Editorial;

public class NewsroomTests
{
    [Fact]
    public async Task Catch_up_drafts_every_story_without_a_current_draft_once_and_again_when_a_report_changes()
    {
        using var app = await Composition.CreateAsync(new Settings { DataFolder = TestPaths.NewTempFolder() }, CancellationToken.None);
        var first = await IngestAsync(app, Json("Calder Wire", DeskKit.Report()));
        await IngestAsync(app, Json("Harbour Post", OtherReport()));
        using var newsroom = new Newsroom(app.Database, app.DraftWriter, app.Bus, app.Settings, app.Time);

        Assert.Equal(2, await newsroom.CatchUpAsync(null, CancellationToken.None));
        Assert.Equal(0, await newsroom.CatchUpAsync(null, CancellationToken.None));
        var desk = await new DraftStore(app.Database).GetDeskAsync(first.Story!.StoryId);
        Assert.Equal((DeskStatus.Drafted, 1), (desk!.Status, desk.ReportCount));
        var revision = await new DraftStore(app.Database).GetRevisionAsync(desk.CurrentDraftId);
        Assert.Equal(DraftRevision.Machine, revision!.Kind);
        Assert.NotEmpty(revision.Draft.Sections.SelectMany(s => s.Sentences));
        Assert.All(revision.Draft.Sections.SelectMany(s => s.Sentences), s => Assert.Equal(Verdicts.Supported, s.Verdict));

        var update = await IngestAsync(app, Json("Calder Wire", DeskKit.Report(percent: 35)));
        Assert.Equal(IngestStatus.Update, update.Status);
        await using (var connection = await app.Database.ConnectAsync())
        {
            Assert.Equal([first.Story.StoryId], await DraftStore.StaleStoriesAsync(connection, null));
        }

        Assert.Equal(1, await newsroom.CatchUpAsync(null, CancellationToken.None));
        var revisions = await new DraftStore(app.Database).RevisionsAsync(first.Story.StoryId);
        Assert.Equal([1, 2], revisions.Select(r => r.Revision));
        Assert.Contains("35%", JsonSerializer.Serialize(revisions[^1].Draft), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_report_on_the_bus_gets_its_story_drafted_and_the_desk_is_told()
    {
        using var app = await Composition.CreateAsync(new Settings { DataFolder = TestPaths.NewTempFolder() }, CancellationToken.None);
        using var newsroom = new Newsroom(app.Database, app.DraftWriter, app.Bus, app.Settings, app.Time);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var updates = app.Bus.SubscribeAsync<StoryUpdated>(stop.Token).GetAsyncEnumerator(stop.Token);
        var running = newsroom.RunAsync(stop.Token);
        while (app.Bus.SubscriberCount < 2)
        {
            await Task.Delay(5);
        }

        var outcome = await IngestAsync(app, Json("Calder Wire", DeskKit.Report()));
        await app.Bus.PublishAsync(new ReportStored(outcome.ReportId!.Value, outcome.Story!.StoryId, false, app.Time.GetUtcNow()));
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(outcome.Story.StoryId, updates.Current.StoryId);
        Assert.Equal(updates.Current.DraftId, (await new DraftStore(app.Database).GetDeskAsync(outcome.Story.StoryId))!.CurrentDraftId);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await updates.DisposeAsync();
    }

    [Theory]
    [InlineData(true, true, DeskStatus.Published)]
    [InlineData(true, false, DeskStatus.Drafted)]
    [InlineData(false, true, DeskStatus.Drafted)]
    [InlineData(false, false, DeskStatus.Drafted)]
    public async Task Auto_publish_needs_a_trusted_source_that_opted_in(bool trusted, bool autoPublish, string expected)
    {
        var settings = new Settings
        {
            DataFolder = TestPaths.NewTempFolder(),
            Sources = new Dictionary<string, SourceSetting>(StringComparer.OrdinalIgnoreCase) { ["Calder Wire"] = new() { Trusted = trusted, AutoPublish = autoPublish } },
        };
        using var app = await Composition.CreateAsync(settings, CancellationToken.None);
        var outcome = await IngestAsync(app, Json("Calder Wire", DeskKit.Report()));
        using var newsroom = new Newsroom(app.Database, app.DraftWriter, app.Bus, app.Settings, app.Time);
        var result = await newsroom.RedraftAsync(outcome.Story!.StoryId, CancellationToken.None);

        Assert.Equal(expected, result!.Desk.Status);
        var article = await new ArticleStore(app.Database).GetByStoryAsync(outcome.Story.StoryId);
        Assert.Equal(expected == DeskStatus.Published, article is not null);
        if (article is not null)
        {
            // Nobody edited it: the machine's closing line, and a byline that says it was not reviewed.
            Assert.Null(article.Draft.ClosingLine);
            Assert.Contains("not reviewed", article.EditorName, StringComparison.Ordinal);
            Assert.Contains((await new AuditLog(app.Database).LatestAsync(5)), e => e.Action == "auto-publish");
        }
    }

    [Fact]
    public async Task Source_priority_and_report_count_raise_a_storys_importance()
    {
        var settings = new Settings
        {
            DataFolder = TestPaths.NewTempFolder(),
            Sources = new Dictionary<string, SourceSetting>(StringComparer.OrdinalIgnoreCase) { ["Harbour Post"] = new() { Priority = 3 } },
        };
        using var app = await Composition.CreateAsync(settings, CancellationToken.None);
        var minor = await IngestAsync(app, Json("Calder Wire", DeskKit.Report()));
        var major = await IngestAsync(app, Json("Harbour Post", OtherReport()));
        using var newsroom = new Newsroom(app.Database, app.DraftWriter, app.Bus, app.Settings, app.Time);
        await newsroom.CatchUpAsync(null, CancellationToken.None);
        var drafts = new DraftStore(app.Database);
        Assert.True((await drafts.GetDeskAsync(major.Story!.StoryId))!.Importance > (await drafts.GetDeskAsync(minor.Story!.StoryId))!.Importance);
    }

    [Fact]
    public async Task Watchlist_interest_raises_a_storys_importance_beside_priority_and_report_count()
    {
        using var app = await Composition.CreateAsync(new Settings { DataFolder = TestPaths.NewTempFolder() }, CancellationToken.None);
        var followed = await IngestAsync(app, Json("Calder Wire", DeskKit.Report()));
        var unfollowed = await IngestAsync(app, Json("Calder Wire", OtherReport()));
        var reader = await new UserStore(app.Database).AddAsync("rita", "Rita", Roles.Reader, "hash", DateTimeOffset.UtcNow);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await app.Alerting.CreateAsync(reader.Id, $"Ports {i}", [new(Wiredesk.Alerts.WatchlistItemKind.Query, "container AND terminal")], CancellationToken.None)).Ok);
        }

        using var newsroom = new Newsroom(app.Database, app.DraftWriter, app.Bus, app.Settings, app.Time)
        {
            WatchlistInterest = (storyId, draft, reports) => app.Alerting.InterestIn(
                Wiredesk.Alerts.StoryDocument.FromDraft(storyId.ToString(System.Globalization.CultureInfo.InvariantCulture), draft, Wiredesk.Alerts.Alerting.Analyses(reports, draft))),
        };
        await newsroom.CatchUpAsync(null, CancellationToken.None);
        var drafts = new DraftStore(app.Database);
        // Same priority (0) and one report each: the three watchlists add log2(1 + 3) = 2 to the followed story.
        Assert.Equal(2.0, (await drafts.GetDeskAsync(followed.Story!.StoryId))!.Importance, 6);
        Assert.Equal(0.0, (await drafts.GetDeskAsync(unfollowed.Story!.StoryId))!.Importance, 6);
    }

    [Theory]
    [InlineData(0, 1, 0, 0.0)]
    [InlineData(3, 1, 0, 3.0)]
    [InlineData(0, 4, 0, 2.0)]
    [InlineData(0, 1, 1, 1.0)]
    [InlineData(2, 2, 7, 6.0)]
    [InlineData(0, 1, 1023, 10.0)]
    public void Importance_is_priority_plus_log2_of_reports_plus_log2_of_one_more_than_the_watchlists_matched(int priority, int reports, int watchlists, double expected) =>
        Assert.Equal(expected, Newsroom.Importance(priority, reports, watchlists), 6);

    private static string OtherReport() =>
        """
        Lakeshore Bakery Chain Recalls Rye Bread Over Labelling Error

        Lakeshore Bakeries recalled about 12,000 loaves of rye bread on Friday because the labels left out sesame.

        The chain said no illnesses had been reported and that customers could return the bread to any of its 40 shops.

        "We are sorry for the mistake and have changed our checks," managing director Colin Reyes said.
        """;

    private static RawInput Json(string source, string plainText)
    {
        var newline = plainText.IndexOf('\n', StringComparison.Ordinal);
        var json = JsonSerializer.Serialize(new { source, title = plainText[..newline].Trim(), body = plainText[(newline + 1)..].Trim() });
        return new RawInput("test.json", Encoding.UTF8.GetBytes(json), "application/json");
    }

    private static async Task<IngestOutcome> IngestAsync(Composition app, RawInput input) =>
        Assert.Single((await app.Pipeline.IngestAsync(input)).Outcomes);
}
