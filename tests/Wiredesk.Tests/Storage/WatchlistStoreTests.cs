using Wiredesk.Alerts;
using Wiredesk.Storage;
using Wiredesk.Tests.Alerts;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Storage;

public class WatchlistStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static async Task<(WatchlistStore Store, long Alice, long Bob)> NewStoreAsync()
    {
        var database = await Database.OpenAsync(Path.Combine(TestPaths.NewTempFolder(), "wiredesk.db"));
        var users = new UserStore(database);
        var alice = await users.AddAsync("alice", "Alice", "reader", "hash", At);
        var bob = await users.AddAsync("bob", "Bob", "reader", "hash", At);
        return (new WatchlistStore(database), alice.Id, bob.Id);
    }

    [Fact]
    public async Task A_watchlist_keeps_its_items_in_order_and_belongs_to_its_owner()
    {
        var (store, alice, bob) = await NewStoreAsync();
        WatchlistItem[] items = [new(WatchlistItemKind.Ticker, "LMT"), new(WatchlistItemKind.Query, "\"north korea\" missiles"), new(WatchlistItemKind.Country, "Japan")];

        var added = await store.AddAsync(alice, "Defence", items, At);

        var read = await store.GetAsync(alice, added.Id);
        Assert.NotNull(read);
        Assert.Equal("Defence", read.Name);
        Assert.Equal(items, read.Items);
        Assert.Null(await store.GetAsync(bob, added.Id));
        Assert.Empty(await store.OfOwnerAsync(bob));
        Assert.Equal([added.Id], (await store.OfOwnerAsync(alice)).Select(w => w.Id));
    }

    [Fact]
    public async Task Replacing_renames_and_replaces_items_only_for_the_owner()
    {
        var (store, alice, bob) = await NewStoreAsync();
        var added = await store.AddAsync(alice, "Mine", [new(WatchlistItemKind.Ticker, "LMT")], At);

        Assert.False(await store.ReplaceAsync(bob, added.Id, "Stolen", [], At));
        Assert.True(await store.ReplaceAsync(alice, added.Id, "Renamed", [new(WatchlistItemKind.Topic, "sport"), new(WatchlistItemKind.Ticker, "RTX")], At));

        var read = await store.GetAsync(alice, added.Id);
        Assert.Equal("Renamed", read!.Name);
        Assert.Equal([new WatchlistItem(WatchlistItemKind.Topic, "sport"), new WatchlistItem(WatchlistItemKind.Ticker, "RTX")], read.Items);
    }

    [Fact]
    public async Task Names_are_unique_per_owner_and_deleting_takes_the_items_along()
    {
        var (store, alice, bob) = await NewStoreAsync();
        var first = await store.AddAsync(alice, "Tech", [new(WatchlistItemKind.Ticker, "AAPL")], At);
        await Assert.ThrowsAsync<DuplicateNameException>(() => store.AddAsync(alice, "Tech", [], At));
        await store.AddAsync(bob, "Tech", [], At);

        Assert.False(await store.DeleteAsync(bob, first.Id));
        Assert.True(await store.DeleteAsync(alice, first.Id));
        Assert.Null(await store.GetAsync(alice, first.Id));
        var again = await store.AddAsync(alice, "Tech", [], At);
        Assert.Empty((await store.GetAsync(alice, again.Id))!.Items);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_watchlist_needs_a_name(string name)
    {
        var (store, alice, _) = await NewStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.AddAsync(alice, name, [], At));
    }

    [Fact]
    public async Task Loading_all_watchlists_builds_an_index_that_matches_like_the_stored_lists()
    {
        var (store, alice, bob) = await NewStoreAsync();
        var a = await store.AddAsync(alice, "A", [new(WatchlistItemKind.Country, "North Korea"), new(WatchlistItemKind.Ticker, "KRW")], At);
        await store.AddAsync(alice, "Empty", [], At);
        var b = await store.AddAsync(bob, "B", [new(WatchlistItemKind.Query, "ballistic missiles")], At);

        using var matcher = AlertTestKit.NewMatcher();
        var loaded = new List<Watchlist>();
        await foreach (var list in store.AllAsync())
        {
            loaded.Add(list);
            Assert.Empty(matcher.AddOrReplace(list));
        }

        Assert.Equal(3, loaded.Count);
        Assert.Equal(3, matcher.Count);
        var matches = matcher.Match(AlertTestKit.Story("North Korea fired ballistic missiles.", ["country:KP"]));
        Assert.Equal([(a.Id, alice, 0), (b.Id, bob, 0), (a.Id, alice, 1)], matches.Select(m => (m.WatchlistId, m.OwnerId, m.ItemIndex)));
    }
}
