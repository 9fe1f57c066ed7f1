using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wiredesk.Alerts;
using Wiredesk.Alerts.Delivery;
using Wiredesk.App;
using Wiredesk.App.Web;
using Wiredesk.App.Web.Account;
using Wiredesk.Editorial;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Bench;

/// <summary>Issue 5 §5, end to end: a report pushed to the API (trusted source, auto-publish on) until the alert it
/// raises reaches a reader's live alert stream (server-sent events) and that reader's webhook receiver, both on
/// loopback. The real server: Kestrel on 127.0.0.1, SQLite file, the alert and delivery workers as `serve` runs them.</summary>
public static class AlertLatencyBenchmark
{
    private const string Wire = WirePush.Source;
    private const int Warmup = 5;

    public static async Task RunAsync(string[] args)
    {
        var pushes = args.SkipWhile(a => a != "--pushes").Skip(1).Select(int.Parse).FirstOrDefault(100);
        var folder = Directory.CreateTempSubdirectory("wiredesk-alert-bench-").FullName;
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = new Settings
        {
            DataFolder = folder,
            Sources = new Dictionary<string, SourceSetting>(StringComparer.OrdinalIgnoreCase) { [Wire] = new() { Trusted = true, AutoPublish = true, Priority = 3 } },
            Delivery = new DeliverySettings { Webhooks = new WebhookSettings { AllowedPrivateHosts = ["127.0.0.1"] } },
        };
        using var composition = await Composition.CreateAsync(settings, CancellationToken.None);
        await using var app = WebServer.Build(composition, new ServeOptions { Urls = ["http://127.0.0.1:0"], PollSources = false }, b => b.Logging.ClearProviders());
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var users = new UserStore(composition.Database);
        var wire = await users.AddAsync("bench-wire", "Bench Wire", Roles.Editor, Passwords.Hash("bench wire password"), DateTimeOffset.UtcNow);
        var (wireKey, _) = await users.CreateApiKeyAsync(wire.Id, "push", DateTimeOffset.UtcNow);
        var reader = await users.AddAsync("bench-reader", "Bench Reader", Roles.Reader, Passwords.Hash("bench reader password"), DateTimeOffset.UtcNow);
        var (readerKey, _) = await users.CreateApiKeyAsync(reader.Id, "alerts", DateTimeOffset.UtcNow);
        var edit = await composition.Alerting.CreateAsync(reader.Id, "Ports", [new WatchlistItem(WatchlistItemKind.Query, "port AND terminal")], CancellationToken.None);
        if (!edit.Ok)
        {
            throw new InvalidOperationException("the bench watchlist was refused");
        }

        receiver.Secret = (await new WebhookStore(composition.Database).AddAsync(reader.Id, receiver.Url.ToString(), DateTimeOffset.UtcNow)).Secret;

        using var http = new HttpClient { BaseAddress = address };
        using var sse = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        using var sseRequest = new HttpRequestMessage(HttpMethod.Get, "/alerts/events");
        sseRequest.Headers.Add("X-Api-Key", readerKey);
        using var sseResponse = await sse.SendAsync(sseRequest, HttpCompletionOption.ResponseHeadersRead);
        sseResponse.EnsureSuccessStatusCode();
        var browser = new ConcurrentDictionary<string, long>();
        var listening = ListenAsync(new StreamReader(await sseResponse.Content.ReadAsStreamAsync()), browser);

        var toBrowser = new List<double>();
        var toWebhook = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        // The first pushes compile the whole path (JIT): they are run but not counted.
        for (var i = -Warmup; i < pushes; i++)
        {
            var place = $"Harbor{i + Warmup:D3}town";
            var started = Stopwatch.GetTimestamp();
            await WirePush.PushAsync(http, wireKey, $"alert-bench-{place}", place, i + Warmup);
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
            while ((!browser.ContainsKey(place) || Arrival(receiver, place) is null) && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(1);
            }

            if (i < 0)
            {
                cpu = Process.GetCurrentProcess().TotalProcessorTime;
                continue;
            }

            if (browser.TryGetValue(place, out var seen))
            {
                toBrowser.Add(Stopwatch.GetElapsedTime(started, seen).TotalMilliseconds);
            }

            if (Arrival(receiver, place) is { } hooked)
            {
                toWebhook.Add(Stopwatch.GetElapsedTime(started, hooked).TotalMilliseconds);
            }
        }

        var cpuPerPush = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / pushes;
        Console.WriteLine("## Wire to alert (report POSTed → alert on the reader's live stream and at the reader's webhook; auto-publish on)");
        Console.WriteLine($"(load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end; CPU {cpuPerPush:F1} ms a push, server and receiver together)");
        Console.WriteLine("| delivery | pushes | arrived | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Console.WriteLine(Row("server-sent events (/alerts/events)", pushes, toBrowser));
        Console.WriteLine(Row("webhook (signed POST to 127.0.0.1)", pushes, toWebhook));
        Console.WriteLine($"Webhook calls {receiver.Calls.Count}, every signature valid by the receiver's own check: {(receiver.Calls.All(c => c.SignatureValid) ? "yes" : "no")}");
        await app.StopAsync();
        _ = listening;
        Directory.Delete(folder, recursive: true);
    }

    private static async Task ListenAsync(StreamReader lines, ConcurrentDictionary<string, long> seen)
    {
        while (await lines.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal) && Place(line) is { } place)
            {
                seen.TryAdd(place, Stopwatch.GetTimestamp());
            }
        }
    }

    private static long? Arrival(WebhookReceiver receiver, string place) =>
        receiver.Calls.FirstOrDefault(c => c.Body.Contains(place, StringComparison.Ordinal))?.ReceivedAt;

    private static string? Place(string text)
    {
        var at = text.IndexOf("Harbor", StringComparison.Ordinal);
        return at < 0 || at + 13 > text.Length ? null : text.Substring(at, 13);
    }

    private static string Row(string label, int pushes, List<double> timings)
    {
        var sorted = timings.Order().ToArray();
        return sorted.Length == 0
            ? $"| {label} | {pushes} | 0 | - | - | - |"
            : $"| {label} | {pushes} | {sorted.Length} | {Percentile(sorted, 0.50):F1} | {Percentile(sorted, 0.99):F1} | {sorted[^1]:F1} |";
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
