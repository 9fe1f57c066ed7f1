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
}
