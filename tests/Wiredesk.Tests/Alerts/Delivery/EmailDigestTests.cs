using Microsoft.Extensions.Time.Testing;
using Wiredesk.Alerts.Delivery;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Alerts.Delivery;

/// <summary>The digest through MailKit to a local SMTP server (the SmtpServer package) on 127.0.0.1.</summary>
public class EmailDigestTests
{
    private static readonly Uri Site = new("https://news.example.org/");
    private const string Hostile = "mentions <b>Acme & Sons</b> <script>alert(1)</script>";

    private static SmtpSettings Smtp(int port) => new() { Host = "127.0.0.1", Port = port, Security = "none", From = "Wiredesk <alerts@example.org>", TimeoutSeconds = 5 };

    [Fact]
    public async Task Each_interval_the_subscriber_gets_one_message_with_the_alerts_since_the_last_one_escaped_in_html()
    {
        await using var sink = await SmtpSink.StartAsync();
        var kit = await DeliveryKit.CreateAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var before = await kit.AlertAsync("1", time.GetUtcNow());
        var subscriptions = new EmailDigestStore(kit.Database);
        var subscription = await subscriptions.SubscribeAsync(kit.Owner.Id, "rhea@example.org", TimeSpan.FromHours(1), time.GetUtcNow());
        Assert.Equal(before, subscription.LastAlertId);
        var digest = new EmailDigest(kit.Database, Smtp(sink.Port), Site, time);

        var first = await kit.AlertAsync("2", time.GetUtcNow(), label: Hostile);
        var second = await kit.ExposureAlertAsync("3", time.GetUtcNow());
        Assert.Equal(0, await digest.SendDueAsync(default));
        Assert.Equal(time.GetUtcNow().AddHours(1), await digest.NextDueAtAsync(default));

        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await digest.SendDueAsync(default));
        var message = Assert.Single(sink.Messages);
        Assert.Equal("rhea@example.org", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("alerts@example.org", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Wiredesk: 2 new alerts", message.Subject);
        Assert.Contains(Hostile, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("mentions North Korea, “missile” → defence (korea) → LMT (Lockheed Martin)", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Story 1", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("mentions &lt;b&gt;Acme &amp; Sons&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Acme", message.HtmlBody, StringComparison.Ordinal);
        var stored = (await subscriptions.GetAsync(kit.Owner.Id))!;
        Assert.Equal((second, time.GetUtcNow()), (stored.LastAlertId, stored.LastSentAt));
        Assert.True(first < second);

        // Nothing new in the next interval: no message, and the interval starts again.
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await digest.SendDueAsync(default));
        Assert.Single(sink.Messages);
        Assert.Equal(time.GetUtcNow(), (await subscriptions.GetAsync(kit.Owner.Id))!.LastSentAt);

        var third = await kit.AlertAsync("4", time.GetUtcNow());
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await digest.SendDueAsync(default));
        Assert.Equal(2, sink.Messages.Count);
        var next = sink.Messages.Last();
        Assert.Equal("Wiredesk: 1 new alert", next.Subject);
        Assert.Equal(third, (await subscriptions.GetAsync(kit.Owner.Id))!.LastAlertId);
    }

    [Fact]
    public async Task A_digest_the_server_could_not_take_is_sent_later_with_the_same_alerts()
    {
        var kit = await DeliveryKit.CreateAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var subscriptions = new EmailDigestStore(kit.Database);
        await subscriptions.SubscribeAsync(kit.Owner.Id, "rhea@example.org", TimeSpan.FromMinutes(60), time.GetUtcNow());
        var alert = await kit.AlertAsync("9", time.GetUtcNow());
        time.Advance(TimeSpan.FromHours(1));
        var port = SmtpSink.FreePort();
        var errors = new List<Exception>();
        var down = new EmailDigest(kit.Database, Smtp(port), Site, time) { OnError = (_, e) => errors.Add(e) };

        Assert.Equal(0, await down.SendDueAsync(default));
        Assert.Single(errors);
        Assert.Equal(0, (await subscriptions.GetAsync(kit.Owner.Id))!.LastAlertId);
        Assert.Equal(time.GetUtcNow() + EmailDigest.RetryAfterFailure, await down.NextDueAtAsync(default));

        await using var sink = await SmtpSink.StartAsync();
        var up = new EmailDigest(kit.Database, Smtp(sink.Port), Site, time);
        Assert.Equal(1, await up.SendDueAsync(default));
        Assert.Equal("Wiredesk: 1 new alert", Assert.Single(sink.Messages).Subject);
        Assert.Equal(alert, (await subscriptions.GetAsync(kit.Owner.Id))!.LastAlertId);
    }

    [Fact]
    public void A_story_headline_and_link_are_encoded_in_the_html_part()
    {
        var alert = new StoredAlert(5, 1, 1, 0, "LMT", "12", 3, AlertChange.Published, 1, null, "Shares <i>jump</i> & \"soar\"", "", Wiredesk.Alerts.MatchKind.Direct, [new("entity", "company:LMT", "mentions Lockheed Martin (LMT)")], DateTimeOffset.UnixEpoch, null);
        var article = new Wiredesk.Publishing.Article
        {
            Id = 3,
            StoryId = 12,
            Version = 1,
            Slug = "a-b",
            Headline = "Shares <i>jump</i> & \"soar\"",
            Draft = new Wiredesk.Drafting.Draft { Headline = "x", Sections = [] },
            EditorName = "Ada",
            FirstPublishedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            Status = Wiredesk.Publishing.ArticleStatus.Live,
        };
        var message = EmailDigest.Compose("alerts@example.org", "rhea@example.org", [new DigestItem(new AlertDetails(alert, "Defence", "ticker", "<LMT>", "corrected", null), article)], Site);

        Assert.Contains("<a href=\"https://news.example.org/stories/12/a-b\">Shares &lt;i&gt;jump&lt;/i&gt; &amp; &quot;soar&quot;</a>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("matched ticker &lt;LMT&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("[corrected]", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("* Shares <i>jump</i> & \"soar\" [corrected]", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://news.example.org/stories/12/a-b", message.TextBody, StringComparison.Ordinal);
    }
}
