using System.Collections.Concurrent;
using System.Net;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Wiredesk.Publishing;
using Wiredesk.Storage;

namespace Wiredesk.Alerts.Delivery;

/// <summary>One alert as a digest lists it.</summary>
public sealed record DigestItem(AlertDetails Details, Article? Article);

/// <summary>The optional e-mail digest: every interval, each subscriber gets one message (plain text and HTML) with the
/// alerts stored since their last digest, through the configured SMTP server. The subscription's last alert id moves
/// only after the server accepted the message, so a failed send is tried again with the same alerts.</summary>
public sealed class EmailDigest(Database database, SmtpSettings smtp, Uri site, TimeProvider time)
{
    /// <summary>Alerts in one message at most; the rest go in the next one.</summary>
    public const int MaxAlerts = 200;

    /// <summary>After a failed send the subscriber waits this long before the next try (kept in memory only: a
    /// restart simply tries at once).</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(5);

    private readonly EmailDigestStore _subscriptions = new(database);
    private readonly DeliveryStore _deliveries = new(database);
    private readonly ArticleStore _articles = new(database);
    private readonly ConcurrentDictionary<long, DateTimeOffset> _failedUntil = new();

    /// <summary>Called with each subscriber whose digest could not be sent.</summary>
    public Action<long, Exception>? OnError { get; init; }

    /// <summary>Sends every digest that is due; returns how many messages went out.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var sent = 0;
        var now = time.GetUtcNow();
        foreach (var subscription in await _subscriptions.AllAsync(ct))
        {
            if (subscription.DueAt > now || (_failedUntil.TryGetValue(subscription.OwnerId, out var until) && until > now))
            {
                continue;
            }

            var alerts = await _deliveries.AlertsOfOwnerAfterAsync(subscription.OwnerId, subscription.LastAlertId, MaxAlerts, ct);
            if (alerts.Count == 0)
            {
                // Nothing new: no message, and the next interval starts now.
                await _subscriptions.MarkSentAsync(subscription.OwnerId, subscription.LastAlertId, now, ct);
                continue;
            }

            var items = new List<DigestItem>(alerts.Count);
            foreach (var alert in alerts)
            {
                items.Add(new DigestItem(alert, await WebhookPayload.ArticleOfAsync(_articles, alert.Alert.StoryId, ct)));
            }

            try
            {
                await SendAsync(Compose(smtp.From, subscription.Address, items, site), ct);
            }
            catch (Exception e) when (e is IOException or SmtpCommandException or SmtpProtocolException or AuthenticationException or System.Net.Sockets.SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                _failedUntil[subscription.OwnerId] = now + RetryAfterFailure;
                OnError?.Invoke(subscription.OwnerId, e);
                continue;
            }

            _failedUntil.TryRemove(subscription.OwnerId, out _);
            await _subscriptions.MarkSentAsync(subscription.OwnerId, alerts[^1].Alert.Id, now, ct);
            sent++;
        }

        return sent;
    }

    /// <summary>When the next digest falls due, or null without subscribers.</summary>
    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken ct)
    {
        var all = await _subscriptions.AllAsync(ct);
        return all.Count == 0 ? null : all.Min(s => _failedUntil.TryGetValue(s.OwnerId, out var until) && until > s.DueAt ? until : s.DueAt);
    }

    /// <summary>The digest message: a plain-text part and an HTML part in which every headline, reason and item is
    /// HTML-encoded (a story's text is not ours to trust).</summary>
    public static MimeMessage Compose(string from, string to, IReadOnlyList<DigestItem> items, Uri site)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(site);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = items.Count == 1 ? "Wiredesk: 1 new alert" : $"Wiredesk: {items.Count} new alerts";
        var text = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html><html><body><h1>Your Wiredesk alerts</h1><ul>");
        text.AppendLine("Your Wiredesk alerts").AppendLine();
        foreach (var item in items)
        {
            var headline = item.Article?.Headline ?? $"Story {item.Details.Alert.StoryId}";
            var url = item.Article is { } a ? new Uri(site, a.Path.TrimStart('/')).ToString() : null;
            var reason = string.Join(" → ", item.Details.Alert.Reason.Select(s => s.Label));
            var matched = item.Details.ItemValue is { } value ? $"{item.Details.ItemKind} {value}" : "a watchlist item";
            var kind = item.Details.Alert.Kind == MatchKind.Direct ? "direct" : "exposure";
            var change = item.Details.Change == "published" ? "" : $" [{item.Details.Change}]";
            text.AppendLine($"* {headline}{change}").AppendLine($"  {reason} ({kind}; matched {matched})");
            if (url is not null)
            {
                text.AppendLine($"  {url}");
            }

            text.AppendLine();
            html.Append("<li><p><strong>");
            html.Append(url is null ? Encode(headline) : $"<a href=\"{Encode(url)}\">{Encode(headline)}</a>");
            html.Append("</strong>").Append(Encode(change)).Append("</p><p>").Append(Encode(reason))
                .Append(" <small>(").Append(Encode(kind)).Append("; matched ").Append(Encode(matched)).Append(")</small></p></li>");
        }

        text.AppendLine($"Manage this digest: {new Uri(site, "alerts/email")}");
        html.Append("</ul><p><a href=\"").Append(Encode(new Uri(site, "alerts/email").ToString())).Append("\">Manage this digest</a></p></body></html>");
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    private async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(smtp.TimeoutSeconds).TotalMilliseconds };
        await client.ConnectAsync(smtp.Host, smtp.Port, SecurityOf(smtp.Security), ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }

    public static SecureSocketOptions SecurityOf(string security) => security.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "ssl" or "tls" => SecureSocketOptions.SslOnConnect,
        "auto" => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTls,
    };

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
