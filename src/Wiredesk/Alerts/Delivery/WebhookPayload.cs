using Wiredesk.Publishing;
using Wiredesk.Storage;

namespace Wiredesk.Alerts.Delivery;

/// <summary>The JSON a webhook receives for one alert (README, "Webhooks"). The idempotency key is the same on
/// every attempt and replay of this alert to this webhook: a receiver that has seen it may drop the call.</summary>
public sealed record WebhookPayload(
    string Type, long AlertId, string IdempotencyKey, DateTimeOffset CreatedAt, string Change, string? Note,
    PayloadStory Story, PayloadMatch Match, PayloadReason Reason)
{
    /// <summary>Builds the payload from the stored alert and, when the story is published, its article.</summary>
    public static WebhookPayload From(AlertDetails details, Article? article, Uri site, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(site);
        var alert = details.Alert;
        return new WebhookPayload(
            "alert", alert.Id, idempotencyKey, alert.CreatedAt, details.Change, details.Note,
            new PayloadStory(alert.StoryId, article?.Headline ?? NullIfEmpty(alert.Headline), article is null ? null : new Uri(site, article.Path.TrimStart('/')).ToString(),
                article is null ? null : article.Status == ArticleStatus.Live ? "live" : "killed"),
            new PayloadMatch(alert.WatchlistId, details.WatchlistName, alert.ItemIndex, details.ItemKind, details.ItemValue,
                alert.Kind == MatchKind.Direct ? "direct" : "exposure"),
            new PayloadReason(string.Join(" → ", alert.Reason.Select(s => s.Label)), alert.Reason));
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    /// <summary>The story's published article, when the alert's story id is a story number that has one.</summary>
    public static async Task<Article?> ArticleOfAsync(ArticleStore articles, string storyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(articles);
        return long.TryParse(storyId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? await articles.GetByStoryAsync(id, ct)
            : null;
    }
}

/// <summary>The story: id, current headline, link, and "live" or "killed" (null when not published).</summary>
public sealed record PayloadStory(string Id, string? Headline, string? Url, string? Status);

/// <summary>The watchlist item that matched (kind and value as the reader typed it; null once the watchlist is
/// gone) and whether the story names it (direct) or reaches it through the exposure map.</summary>
public sealed record PayloadMatch(long WatchlistId, string? WatchlistName, int ItemPosition, string? ItemKind, string? ItemValue, string Kind);

/// <summary>The reason path, as text ("mentions North Korea → defence (korea) → LMT") and as its steps.</summary>
public sealed record PayloadReason(string Text, IReadOnlyList<ReasonStep> Steps);
