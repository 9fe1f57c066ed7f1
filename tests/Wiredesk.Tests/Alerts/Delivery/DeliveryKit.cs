using Dapper;
using Wiredesk.Alerts;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Alerts.Delivery;

/// <summary>A fresh store with a reader, a watchlist and a way to store alerts for them — with the existing
/// AlertStore, as the alert-raising service does.</summary>
internal sealed class DeliveryKit
{
    private DeliveryKit(Database database, User owner, Watchlist list)
    {
        Database = database;
        Owner = owner;
        List = list;
    }

    public Database Database { get; }
    public User Owner { get; }
    public Watchlist List { get; }

    public static async Task<DeliveryKit> CreateAsync(string ownerName = "rhea")
    {
        var database = await Database.OpenAsync(Path.Combine(TestPaths.NewTempFolder(), "wiredesk.db"));
        var owner = await new UserStore(database).AddAsync(ownerName, "Rhea Reader", "reader", "hash", DateTimeOffset.UtcNow);
        var list = await new WatchlistStore(database).AddAsync(owner.Id, "Defence", [new(WatchlistItemKind.Ticker, "LMT"), new(WatchlistItemKind.Query, "missile AND korea")], DateTimeOffset.UtcNow);
        return new DeliveryKit(database, owner, list);
    }

    public static async Task<User> AddUserAsync(Database database, string name) =>
        await new UserStore(database).AddAsync(name, name, "reader", "hash", DateTimeOffset.UtcNow);

    /// <summary>Stores one alert (a direct match of the list's first item, unless told otherwise) and returns its id.</summary>
    public async Task<long> AlertAsync(string storyId, DateTimeOffset at, long? ownerId = null, long? watchlistId = null, string label = "mentions Lockheed Martin (LMT)", int item = 0)
    {
        var match = new AlertMatch(watchlistId ?? List.Id, ownerId ?? Owner.Id, item, WatchlistItemKind.Ticker, MatchKind.Direct,
            new MatchReason([new ReasonStep("entity", "company:LMT", label)]));
        Assert.Equal(1, await new AlertStore(Database).AddAsync(storyId, [match], at));
        await using var connection = await Database.ConnectAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT max(id) FROM alerts");
    }

    /// <summary>An exposure alert with a three-step reason path.</summary>
    public async Task<long> ExposureAlertAsync(string storyId, DateTimeOffset at)
    {
        var match = new AlertMatch(List.Id, Owner.Id, 0, WatchlistItemKind.Ticker, MatchKind.Exposure, new MatchReason(
        [
            new ReasonStep("trigger", "country:KP", "mentions North Korea, “missile”"),
            new ReasonStep("fact", "exposure:defence:korea", "defence (korea)"),
            new ReasonStep("instrument", "LMT", "LMT (Lockheed Martin)"),
        ]));
        Assert.Equal(1, await new AlertStore(Database).AddAsync(storyId, [match], at));
        await using var connection = await Database.ConnectAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT max(id) FROM alerts");
    }
}
