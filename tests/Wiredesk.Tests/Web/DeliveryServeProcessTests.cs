using System.Text.Json;
using Wiredesk.Alerts;
using Wiredesk.Alerts.Delivery;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Web;

/// <summary>Alerts are stored before delivery and a restart loses no pending delivery: the real `wiredesk serve` as a
/// child process is killed while its webhook calls hang on a slow receiver, more alerts are stored while it is down,
/// and after the restart every alert reaches the receiver at least once, each with one idempotency key throughout.</summary>
public class DeliveryServeProcessTests
{
    [Fact]
    public async Task Killed_mid_delivery_the_server_delivers_every_alert_after_a_restart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var data = TestPaths.NewTempFolder();
        var database = await Database.OpenAsync(Path.Combine(data, "wiredesk.db"));
        var owner = await new UserStore(database).AddAsync("rhea", "Rhea", "reader", "hash", DateTimeOffset.UtcNow);
        var list = await new WatchlistStore(database).AddAsync(owner.Id, "Defence", [new(WatchlistItemKind.Ticker, "LMT")], DateTimeOffset.UtcNow);
        var (_, secret) = await new WebhookStore(database).AddAsync(owner.Id, receiver.Url.ToString(), DateTimeOffset.UtcNow);
        receiver.Secret = secret;
        var settings = new DeliverySettings
        {
            Webhooks = new WebhookSettings
            {
                AttemptTimeoutSeconds = 1.5,
                BaseDelaySeconds = 0.1,
                MaxDelaySeconds = 0.5,
                MaxAttempts = 50,
                PollSeconds = 0.2,
                AllowedPrivateHosts = ["127.0.0.1"],
            },
        };
        await File.WriteAllTextAsync(Path.Combine(data, DeliverySettings.FileName), JsonSerializer.Serialize(settings, JsonDefaults.Options));
        var alerts = new AlertStore(database);
        async Task StoreAlertAsync(int story) => Assert.Equal(1, await alerts.AddAsync(story.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [new AlertMatch(list.Id, owner.Id, 0, WatchlistItemKind.Ticker, MatchKind.Direct, new MatchReason([new ReasonStep("entity", "company:LMT", "mentions Lockheed Martin (LMT)")]))], DateTimeOffset.UtcNow));

        receiver.Respond = _ => (200, TimeSpan.FromSeconds(30));
        using (var server = await ServeChild.StartAsync(data))
        {
            for (var story = 1; story <= 3; story++)
            {
                await StoreAlertAsync(story);
            }

            // Every alert's call is hanging at the receiver when the process dies.
            await receiver.WaitForAsync(calls => calls.Select(c => c.IdempotencyKey).Distinct().Count() == 3, TimeSpan.FromSeconds(30));
            server.Process.Kill(entireProcessTree: true);
            await server.Process.WaitForExitAsync();
        }

        Assert.DoesNotContain(receiver.Calls, c => c.Answered == 200 && c.Delay == TimeSpan.Zero);
        await StoreAlertAsync(4);
        await StoreAlertAsync(5);
        receiver.Respond = _ => (200, TimeSpan.Zero);
        using (await ServeChild.StartAsync(data))
        {
            await receiver.WaitForAsync(calls => calls.Where(c => c.Delay == TimeSpan.Zero).Select(c => c.IdempotencyKey).Distinct().Count() == 5, TimeSpan.FromSeconds(60));
        }

        var calls = receiver.Calls.ToList();
        Assert.All(calls, c => Assert.True(c.SignatureValid));
        var alertIds = (await alerts.OfOwnerAsync(owner.Id)).Select(a => a.Id).Order().ToList();
        Assert.Equal(5, alertIds.Count);
        var answered = calls.Where(c => c.Delay == TimeSpan.Zero).Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("alertId").GetInt64()).Distinct().Order().ToList();
        Assert.Equal(alertIds, answered);
        foreach (var group in calls.GroupBy(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("alertId").GetInt64()))
        {
            Assert.Single(group.Select(c => c.IdempotencyKey).Distinct());
        }

        var deliveries = new DeliveryStore(database);
        var webhook = (await new WebhookStore(database).OfOwnerAsync(owner.Id)).Single().Webhook.Id;
        Assert.Equal(5, (await deliveries.OfWebhookAsync(owner.Id, webhook, DeliveryStatus.Delivered))!.Count);
    }
}
