using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Wiredesk.Alerts.Delivery;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Alerts.Delivery;

/// <summary>The dispatcher against a real receiver on 127.0.0.1 that fails, hangs and recovers. Time is a
/// FakeTimeProvider started at the real clock (the receiver checks the signature's timestamp against it), moved on
/// by hand to each retry.</summary>
public class WebhookDispatcherTests
{
    private static readonly Uri Site = new("https://news.example.org/");

    private static DeliverySettings Settings(int maxAttempts = 4, double timeoutSeconds = 5) => new()
    {
        Webhooks = new WebhookSettings
        {
            MaxAttempts = maxAttempts,
            AttemptTimeoutSeconds = timeoutSeconds,
            BaseDelaySeconds = 1,
            MaxDelaySeconds = 8,
            AllowedPrivateHosts = ["127.0.0.1"],
        },
    };

    private sealed record Rig(DeliveryKit Kit, WebhookReceiver Receiver, FakeTimeProvider Time, WebhookDispatcher Dispatcher, WebhookSender Sender, long WebhookId) : IAsyncDisposable
    {
        public DeliveryStore Deliveries => new(Kit.Database);

        public async ValueTask DisposeAsync()
        {
            Sender.Dispose();
            await Receiver.DisposeAsync();
        }

        /// <summary>Moves the clock to the delivery's next attempt time (it must have one).</summary>
        public async Task AdvanceToNextAttemptAsync(long deliveryId)
        {
            var next = (await Deliveries.GetAsync(deliveryId))!.NextAttemptAt!.Value;
            if (next > Time.GetUtcNow())
            {
                Time.SetUtcNow(next);
            }
        }
    }

    private static async Task<Rig> RigAsync(DeliverySettings settings, int seed = 7)
    {
        var kit = await DeliveryKit.CreateAsync();
        var receiver = await WebhookReceiver.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (webhook, secret) = await new WebhookStore(kit.Database).AddAsync(kit.Owner.Id, receiver.Url.ToString(), time.GetUtcNow());
        receiver.Secret = secret;
        var sender = new WebhookSender(settings.Webhooks);
        var dispatcher = new WebhookDispatcher(kit.Database, sender, RetrySchedule.From(settings.Webhooks, time, new Random(seed)), settings, Site, time);
        return new Rig(kit, receiver, time, dispatcher, sender, webhook.Id);
    }

    [Fact]
    public async Task A_500_is_retried_after_the_backoff_and_delivered_with_the_same_idempotency_key()
    {
        await using var rig = await RigAsync(Settings());
        rig.Receiver.Respond = n => (n == 1 ? 500 : 200, TimeSpan.Zero);
        var alert = await rig.Kit.AlertAsync("17", rig.Time.GetUtcNow());

        var first = await rig.Dispatcher.RunOnceAsync(default);
        Assert.Equal((1, 1, 1, 0, 1), (first.AlertsRead, first.DeliveriesCreated, first.Attempts, first.Delivered, first.Failed));
        var delivery = Assert.Single((await rig.Deliveries.OfWebhookAsync(rig.Kit.Owner.Id, rig.WebhookId))!);
        Assert.Equal((DeliveryStatus.Pending, 1, 500), (delivery.Status, delivery.Attempts, delivery.LastStatus));
        Assert.Contains("HTTP 500", delivery.LastError, StringComparison.Ordinal);
        Assert.InRange(delivery.NextAttemptAt!.Value, rig.Time.GetUtcNow(), rig.Time.GetUtcNow().AddSeconds(1));

        await rig.AdvanceToNextAttemptAsync(delivery.Id);
        var second = await rig.Dispatcher.RunOnceAsync(default);
        Assert.Equal((0, 1, 1), (second.AlertsRead, second.Attempts, second.Delivered));

        var done = (await rig.Deliveries.GetAsync(delivery.Id))!;
        Assert.Equal((DeliveryStatus.Delivered, 2, 200), (done.Status, done.Attempts, done.LastStatus));
        Assert.Equal(rig.Time.GetUtcNow(), done.DeliveredAt);
        var calls = rig.Receiver.Calls.ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.True(c.SignatureValid, c.Signature));
        Assert.All(calls, c => Assert.Equal(delivery.IdempotencyKey, c.IdempotencyKey));
        using var body = JsonDocument.Parse(calls[1].Body);
        Assert.Equal(alert, body.RootElement.GetProperty("alertId").GetInt64());
        Assert.Equal(delivery.IdempotencyKey, body.RootElement.GetProperty("idempotencyKey").GetString());

        // Delivered is final: nothing is due, and a later pass sends nothing.
        Assert.Null(await rig.Dispatcher.NextDueAtAsync(default));
        rig.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, (await rig.Dispatcher.RunOnceAsync(default)).Attempts);
        Assert.Equal(2, rig.Receiver.Calls.Count);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_is_retried()
    {
        await using var rig = await RigAsync(Settings(timeoutSeconds: 0.5));
        rig.Receiver.Respond = n => n == 1 ? (200, TimeSpan.FromSeconds(20)) : (200, TimeSpan.Zero);
        await rig.Kit.AlertAsync("18", rig.Time.GetUtcNow());

        var first = await rig.Dispatcher.RunOnceAsync(default);
        Assert.Equal((1, 0), (first.Attempts, first.Delivered));
        var delivery = Assert.Single((await rig.Deliveries.OfWebhookAsync(rig.Kit.Owner.Id, rig.WebhookId))!);
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        Assert.Null(delivery.LastStatus);
        Assert.Equal("timed out after 0.5s", delivery.LastError);

        await rig.AdvanceToNextAttemptAsync(delivery.Id);
        Assert.Equal(1, (await rig.Dispatcher.RunOnceAsync(default)).Delivered);
        Assert.Equal(DeliveryStatus.Delivered, (await rig.Deliveries.GetAsync(delivery.Id))!.Status);
        var calls = rig.Receiver.Calls.ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(calls[0].IdempotencyKey, calls[1].IdempotencyKey);
    }

    [Fact]
    public async Task A_receiver_that_always_fails_gets_a_dead_letter_its_owner_alone_sees_and_replays()
    {
        await using var rig = await RigAsync(Settings(maxAttempts: 3));
        rig.Receiver.Respond = _ => (503, TimeSpan.Zero);
        await rig.Kit.AlertAsync("19", rig.Time.GetUtcNow());

        await rig.Dispatcher.RunOnceAsync(default);
        var id = Assert.Single((await rig.Deliveries.OfWebhookAsync(rig.Kit.Owner.Id, rig.WebhookId))!).Id;
        for (var attempt = 2; attempt <= 3; attempt++)
        {
            await rig.AdvanceToNextAttemptAsync(id);
            Assert.Equal(1, (await rig.Dispatcher.RunOnceAsync(default)).Failed);
        }

        var dead = (await rig.Deliveries.GetAsync(id))!;
        Assert.Equal((DeliveryStatus.Dead, 3, 503, (DateTimeOffset?)null), (dead.Status, dead.Attempts, dead.LastStatus, dead.NextAttemptAt));
        Assert.Null(await rig.Dispatcher.NextDueAtAsync(default));
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await rig.Dispatcher.RunOnceAsync(default)).Attempts);
        Assert.Equal(3, rig.Receiver.Calls.Count);

        var letters = (await rig.Deliveries.OfWebhookAsync(rig.Kit.Owner.Id, rig.WebhookId, DeliveryStatus.Dead))!;
        Assert.Equal(id, Assert.Single(letters).Id);
        Assert.Empty((await rig.Deliveries.OfWebhookAsync(rig.Kit.Owner.Id, rig.WebhookId, DeliveryStatus.Pending))!);
        var other = await DeliveryKit.AddUserAsync(rig.Kit.Database, "otto");
        Assert.Null(await rig.Deliveries.OfWebhookAsync(other.Id, rig.WebhookId, DeliveryStatus.Dead));
        Assert.False(await rig.Deliveries.ReplayAsync(other.Id, rig.WebhookId, id, rig.Time.GetUtcNow()));

        rig.Receiver.Respond = _ => (204, TimeSpan.Zero);
        Assert.True(await rig.Deliveries.ReplayAsync(rig.Kit.Owner.Id, rig.WebhookId, id, rig.Time.GetUtcNow()));
        Assert.False(await rig.Deliveries.ReplayAsync(rig.Kit.Owner.Id, rig.WebhookId, id, rig.Time.GetUtcNow()));
        Assert.Equal(1, (await rig.Dispatcher.RunOnceAsync(default)).Delivered);
        var replayed = (await rig.Deliveries.GetAsync(id))!;
        Assert.Equal((DeliveryStatus.Delivered, 1, 204), (replayed.Status, replayed.Attempts, replayed.LastStatus));
        var calls = rig.Receiver.Calls.ToList();
        Assert.Equal(4, calls.Count);
        Assert.Single(calls.Select(c => c.IdempotencyKey).Distinct());
        Assert.All(calls, c => Assert.True(c.SignatureValid));
    }

    [Fact]
    public async Task Each_alert_goes_once_to_every_active_webhook_of_its_owner_and_to_no_one_else()
    {
        await using var rig = await RigAsync(Settings());
        var webhooks = new WebhookStore(rig.Kit.Database);
        var (second, _) = await webhooks.AddAsync(rig.Kit.Owner.Id, "https://hooks.example.org/two", rig.Time.GetUtcNow());
        var (disabled, _) = await webhooks.AddAsync(rig.Kit.Owner.Id, "https://hooks.example.org/off", rig.Time.GetUtcNow());
        Assert.True(await webhooks.SetActiveAsync(rig.Kit.Owner.Id, disabled.Id, false, rig.Time.GetUtcNow()));
        var other = await DeliveryKit.AddUserAsync(rig.Kit.Database, "otto");
        var (othersHook, _) = await webhooks.AddAsync(other.Id, "https://hooks.example.org/otto", rig.Time.GetUtcNow());
        var othersList = await new WatchlistStore(rig.Kit.Database).AddAsync(other.Id, "Mine", [new(Wiredesk.Alerts.WatchlistItemKind.Ticker, "LMT")], rig.Time.GetUtcNow());

        await rig.Kit.AlertAsync("20", rig.Time.GetUtcNow());
        await rig.Kit.AlertAsync("21", rig.Time.GetUtcNow());
        await rig.Kit.AlertAsync("20", rig.Time.GetUtcNow(), other.Id, othersList.Id);
        var deliveries = rig.Deliveries;

        Assert.Equal((3, 5), await rig.Dispatcher.EnqueueNewAlertsAsync(default));
        Assert.Equal((0, 0), await rig.Dispatcher.EnqueueNewAlertsAsync(default));
        Assert.Equal(2, (await deliveries.OfWebhookAsync(rig.Kit.Owner.Id, rig.WebhookId))!.Count);
        Assert.Equal(2, (await deliveries.OfWebhookAsync(rig.Kit.Owner.Id, second.Id))!.Count);
        Assert.Empty((await deliveries.OfWebhookAsync(rig.Kit.Owner.Id, disabled.Id))!);
        Assert.Single((await deliveries.OfWebhookAsync(other.Id, othersHook.Id))!);
        var keys = new[] { rig.WebhookId, second.Id }.SelectMany(w => deliveries.OfWebhookAsync(rig.Kit.Owner.Id, w).Result!).Select(d => d.IdempotencyKey).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task An_alert_stored_before_a_restart_is_fanned_out_by_the_next_process_from_the_cursor()
    {
        var settings = Settings();
        await using var rig = await RigAsync(settings);
        await rig.Kit.AlertAsync("30", rig.Time.GetUtcNow());
        Assert.Equal(1, (await rig.Dispatcher.RunOnceAsync(default)).Delivered);
        // Stored while no dispatcher runs (the process died right after the alert's commit).
        var late = await rig.Kit.AlertAsync("31", rig.Time.GetUtcNow());

        using var sender = new WebhookSender(settings.Webhooks);
        var restarted = new WebhookDispatcher(rig.Kit.Database, sender, RetrySchedule.From(settings.Webhooks, rig.Time, new Random(1)), settings, Site, rig.Time);
        var pass = await restarted.RunOnceAsync(default);

        Assert.Equal((1, 1, 1), (pass.AlertsRead, pass.DeliveriesCreated, pass.Delivered));
        var calls = rig.Receiver.Calls.ToList();
        Assert.Equal(2, calls.Count);
        using var body = JsonDocument.Parse(calls[1].Body);
        Assert.Equal(late, body.RootElement.GetProperty("alertId").GetInt64());
    }

    [Fact]
    public async Task A_delivery_whose_attempt_was_cut_short_is_tried_again_when_its_lease_runs_out()
    {
        var settings = Settings(timeoutSeconds: 5);
        await using var rig = await RigAsync(settings);
        await rig.Kit.AlertAsync("40", rig.Time.GetUtcNow());
        await rig.Dispatcher.EnqueueNewAlertsAsync(default);
        // Claimed, then the process dies before any outcome is recorded.
        var claimed = Assert.Single(await rig.Dispatcher.ClaimDueAsync(10, default));
        Assert.Empty(await rig.Dispatcher.ClaimDueAsync(10, default));

        rig.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(await rig.Dispatcher.ClaimDueAsync(10, default));
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        var again = Assert.Single(await rig.Dispatcher.ClaimDueAsync(10, default));
        Assert.Equal((claimed.Id, claimed.IdempotencyKey, 0), (again.Id, again.IdempotencyKey, again.Attempts));
        Assert.True((await rig.Dispatcher.AttemptAsync(again, default)).Delivered);
    }

    [Fact]
    public async Task The_payload_carries_the_story_the_matched_item_the_kind_and_the_reason_path()
    {
        await using var rig = await RigAsync(Settings());
        var alert = await rig.Kit.ExposureAlertAsync("not-a-story-number", rig.Time.GetUtcNow());
        await rig.Dispatcher.RunOnceAsync(default);

        using var body = JsonDocument.Parse(Assert.Single(rig.Receiver.Calls).Body);
        var root = body.RootElement;
        Assert.Equal("alert", root.GetProperty("type").GetString());
        Assert.Equal(alert, root.GetProperty("alertId").GetInt64());
        Assert.Equal("published", root.GetProperty("change").GetString());
        var story = root.GetProperty("story");
        Assert.Equal("not-a-story-number", story.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, story.GetProperty("headline").ValueKind);
        var match = root.GetProperty("match");
        Assert.Equal(("Defence", "ticker", "LMT", "exposure", 0), (match.GetProperty("watchlistName").GetString(), match.GetProperty("itemKind").GetString(),
            match.GetProperty("itemValue").GetString(), match.GetProperty("kind").GetString(), match.GetProperty("itemPosition").GetInt32()));
        var reason = root.GetProperty("reason");
        Assert.Equal("mentions North Korea, “missile” → defence (korea) → LMT (Lockheed Martin)", reason.GetProperty("text").GetString());
        Assert.Equal(["trigger", "fact", "instrument"], reason.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("kind").GetString()));
        Assert.Equal("exposure:defence:korea", reason.GetProperty("steps")[1].GetProperty("id").GetString());
    }
}
