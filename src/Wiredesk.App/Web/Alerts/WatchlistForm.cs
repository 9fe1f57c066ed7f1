using Wiredesk.Alerts;

namespace Wiredesk.App.Web.Alerts;

/// <summary>A watchlist as its form holds it: name and item rows (kind and value, in order), with the problems to show
/// beside the name and each item when a save was refused. Rows left blank are dropped.</summary>
public sealed record WatchlistForm(long? Id, string Name, IReadOnlyList<WatchlistItem> Items)
{
    public string? NameProblem { get; init; }
    public string? KindProblem { get; init; }
    public IReadOnlyDictionary<int, WatchlistItemProblem> Problems { get; init; } = new Dictionary<int, WatchlistItemProblem>();

    public bool HasProblems => NameProblem is not null || KindProblem is not null || Problems.Count > 0;

    /// <summary>The kinds a reader can pick, in the order the form lists them.</summary>
    public static IReadOnlyList<WatchlistItemKind> Kinds { get; } = Enum.GetValues<WatchlistItemKind>();

    public static WatchlistForm Empty() => new(null, "", []);

    public static WatchlistForm Of(Watchlist list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return new(list.Id, list.Name, list.Items);
    }

    public static async Task<WatchlistForm> ReadAsync(HttpRequest request, long? id)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var kinds = form["kind"];
        var values = form["value"];
        var items = new List<WatchlistItem>();
        string? kindProblem = null;
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i]?.Trim() ?? "";
            if (value.Length == 0)
            {
                continue;
            }

            var kindText = i < kinds.Count ? kinds[i] ?? "" : "";
            if (!Enum.TryParse<WatchlistItemKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(kindText, out _))
            {
                kindProblem ??= $"unknown item kind '{kindText}': use ticker, company, person, country, topic or query";
                kind = WatchlistItemKind.Query;
            }

            items.Add(new WatchlistItem(kind, value));
        }

        return new WatchlistForm(id, form["name"].ToString().Trim(), items) { KindProblem = kindProblem };
    }

    public WatchlistForm With(WatchlistEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return this with { NameProblem = edit.NameProblem, Problems = edit.ItemProblems.GroupBy(p => p.ItemIndex).ToDictionary(g => g.Key, g => g.First()) };
    }

    public static string KindName(WatchlistItemKind kind) => kind.ToString().ToLowerInvariant();

    public static string Placeholder(WatchlistItemKind kind) => kind switch
    {
        WatchlistItemKind.Ticker => "LMT",
        WatchlistItemKind.Company => "Lockheed Martin",
        WatchlistItemKind.Person => "Jane Example",
        WatchlistItemKind.Country => "South Korea",
        WatchlistItemKind.Topic => "economy, business and finance",
        _ => "missile AND (korea OR japan)",
    };
}
