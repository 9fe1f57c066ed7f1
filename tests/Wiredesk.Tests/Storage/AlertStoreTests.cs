using Wiredesk.Alerts;
using Wiredesk.Storage;
using Wiredesk.Tests.Alerts;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Storage;

public class AlertStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Matches_are_stored_once_with_their_reason_path_and_can_be_marked_read_by_their_owner()
    {
        var database = await Database.OpenAsync(Path.Combine(TestPaths.NewTempFolder(), "wiredesk.db"));
        var users = new UserStore(database);
        var alice = await users.AddAsync("alice", "Alice", "reader", "hash", At);
        var bob = await users.AddAsync("bob", "Bob", "reader", "hash", At);
        var lists = new WatchlistStore(database);
        var list = await lists.AddAsync(alice.Id, "Korea", [new(WatchlistItemKind.Ticker, "012450.KS"), new(WatchlistItemKind.Country, "North Korea")], At);
        using var matcher = AlertTestKit.NewMatcher();
        matcher.AddOrReplace(list);
        var matches = matcher.Match(AlertTestKit.Story("North Korea fired ballistic missiles.", ["country:KP"]));
        Assert.Equal(2, matches.Count);
        var alerts = new AlertStore(database);

        Assert.Equal(2, await alerts.AddAsync("story-7", matches, At));
        Assert.Equal(0, await alerts.AddAsync("story-7", matches, At.AddMinutes(1)));

        var stored = await alerts.OfOwnerAsync(alice.Id);
        Assert.Equal(2, stored.Count);
        var exposure = Assert.Single(stored, a => a.Kind == MatchKind.Exposure);
        Assert.Equal((list.Id, 0, "story-7"), (exposure.WatchlistId, exposure.ItemIndex, exposure.StoryId));
        Assert.Equal(matches.Single(m => m.Kind == MatchKind.Exposure).Reason.Path, exposure.Reason);
        Assert.Contains(exposure.Reason, s => s.Kind == "fact" && s.Id == "exposure:defence:korea");
        Assert.Empty(await alerts.OfOwnerAsync(bob.Id));

        Assert.False(await alerts.MarkReadAsync(bob.Id, exposure.Id, At));
        Assert.True(await alerts.MarkReadAsync(alice.Id, exposure.Id, At));
        Assert.False(await alerts.MarkReadAsync(alice.Id, exposure.Id, At));
        var unread = Assert.Single(await alerts.OfOwnerAsync(alice.Id, unreadOnly: true));
        Assert.Equal(MatchKind.Direct, unread.Kind);
        Assert.Equal(At, (await alerts.OfOwnerAsync(alice.Id)).Single(a => a.Id == exposure.Id).ReadAt);
    }

    [Fact]
    public async Task A_follow_up_reaches_every_reader_alerted_on_the_story_once_with_their_first_items_reason_and_is_idempotent()
    {
        var database = await Database.OpenAsync(Path.Combine(TestPaths.NewTempFolder(), "wiredesk.db"));
        var users = new UserStore(database);
        var alice = await users.AddAsync("alice", "Alice", "reader", "hash", At);
        var bob = await users.AddAsync("bob", "Bob", "reader", "hash", At);
        var carol = await users.AddAsync("carol", "Carol", "reader", "hash", At);
        var lists = new WatchlistStore(database);
        var alices = await lists.AddAsync(alice.Id, "Korea", [new(WatchlistItemKind.Country, "North Korea"), new(WatchlistItemKind.Ticker, "012450.KS")], At);
        var bobs = await lists.AddAsync(bob.Id, "Defence", [new(WatchlistItemKind.Ticker, "012450.KS")], At);
        using var matcher = AlertTestKit.NewMatcher();
        matcher.AddOrReplace(alices);
        matcher.AddOrReplace(bobs);
        var alerts = new AlertStore(database);
        var story = AlertTestKit.Story("North Korea fired ballistic missiles.", ["country:KP"]);
        var published = new AlertOrigin("7", 70, AlertChange.Published, 1, null, "North Korea fires missiles", "North Korea fired ballistic missiles.");
        var first = await alerts.AddAsync(published, matcher.Match(story), At);
        Assert.Equal(3, first.Count);
        Assert.Empty(await alerts.AddAsync(published, matcher.Match(story), At));

        var correction = new AlertOrigin("7", 70, AlertChange.Corrected, 2, "The launch was on Thursday, not Friday.", "North Korea fires missiles", "Corrected lede.");
        var followUps = await alerts.AddFollowUpsAsync(correction, At.AddHours(1));
        Assert.Equal([alice.Id, bob.Id], followUps.Select(f => f.OwnerId).Order());
        Assert.Empty(await alerts.AddFollowUpsAsync(correction, At.AddHours(2)));
        Assert.Empty(await alerts.OfOwnerAsync(carol.Id));

        var alicesFirst = (await alerts.OfOwnerAsync(alice.Id)).Where(a => a.Change == AlertChange.Published).MinBy(a => a.Id)!;
        var alicesCorrection = Assert.Single(await alerts.OfOwnerAsync(alice.Id), a => a.Change == AlertChange.Corrected);
        Assert.Equal((2, "The launch was on Thursday, not Friday.", "Corrected lede.", (long?)70), (alicesCorrection.Version, alicesCorrection.Note, alicesCorrection.Summary, alicesCorrection.ArticleId));
        Assert.Equal((alicesFirst.WatchlistId, alicesFirst.ItemIndex, alicesFirst.ItemLabel), (alicesCorrection.WatchlistId, alicesCorrection.ItemIndex, alicesCorrection.ItemLabel));
        Assert.Equal(alicesFirst.Reason, alicesCorrection.Reason);

        // A delivery worker reading from its cursor gets every later alert, oldest first.
        Assert.Equal(followUps.Select(f => f.Id).Order(), (await alerts.AfterAsync(first.Max(f => f.Id))).Select(a => a.Id));
        Assert.Equal(first.Select(f => f.Id).Order(), (await alerts.AfterAsync(0, limit: 3)).Select(a => a.Id));
    }

    [Fact]
    public async Task Progress_moves_to_the_newest_publication_or_kill_and_never_back()
    {
        var database = await Database.OpenAsync(Path.Combine(TestPaths.NewTempFolder(), "wiredesk.db"));
        var alerts = new AlertStore(database);
        await using (var connection = await database.ConnectAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, """
                INSERT INTO articles (id, story_id, version, draft_id, slug, headline, draft, editor_name, first_published_at, updated_at, status, killed_at)
                VALUES (1, 10, 2, 1, 'a', 'A', '{}', 'Ed', '2026-11-01T08:00:00Z', '2026-11-01T09:00:00Z', 'live', NULL),
                       (2, 20, 1, 2, 'b', 'B', '{}', 'Ed', '2026-11-01T08:30:00Z', '2026-11-01T09:30:00Z', 'killed', '2026-11-01T09:30:00Z');
                INSERT INTO article_versions (article_id, version, draft_id, headline, draft, editor_name, published_at)
                VALUES (1, 1, 1, 'A', '{}', 'Ed', '2026-11-01T08:00:00Z'), (1, 2, 1, 'A', '{}', 'Ed', '2026-11-01T09:00:00Z'),
                       (2, 1, 2, 'B', '{}', 'Ed', '2026-11-01T08:30:00Z');
                """);
        }

        Assert.False(await alerts.AnyAsync());
        await alerts.AdvanceProgressToNewestAsync();
        Assert.Equal("2026-11-01T09:30:00Z", await alerts.ProgressAsync());

        await alerts.AdvanceProgressAsync("2026-11-02T00:00:00Z");
        await alerts.AdvanceProgressToNewestAsync();
        Assert.Equal("2026-11-02T00:00:00Z", await alerts.ProgressAsync());
    }
}
