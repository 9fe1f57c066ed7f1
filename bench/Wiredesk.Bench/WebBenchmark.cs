using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wiredesk.App;
using Wiredesk.App.Web;
using Wiredesk.App.Web.Account;
using Wiredesk.Drafting;
using Wiredesk.Editorial;
using Wiredesk.Ingest;
using Wiredesk.Publishing;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Bench;

/// <summary>Issue 4 §6: the real server (in-process Kestrel on 127.0.0.1, SQLite file) with N published stories;
/// the home page, a story page and a search under C concurrent connections; then wire-to-screen: a report pushed to
/// the API (trusted source, auto-publish on) until the story event reaches a connected reader's live stream.</summary>
public static class WebBenchmark
{
    private const string Wire = "Bench Wire";

    public static async Task RunAsync(string[] args)
    {
        var stories = Arg(args, "--stories", 100_000);
        var connections = Arg(args, "--connections", 100);
        var seconds = Arg(args, "--seconds", 10);
        var folder = Directory.CreateTempSubdirectory("wiredesk-web-bench-").FullName;
        var settings = new Settings
        {
            DataFolder = folder,
            Sources = new Dictionary<string, SourceSetting>(StringComparer.OrdinalIgnoreCase) { [Wire] = new() { Trusted = true, AutoPublish = true, Priority = 3 } },
        };
        using var composition = await Composition.CreateAsync(settings, CancellationToken.None);
        var seedClock = Stopwatch.StartNew();
        var slugs = await SeedAsync(composition, stories);
        Console.WriteLine($"## Newsroom server: {stories:N0} published stories, {connections} concurrent connections, {seconds} s per page");
        Console.WriteLine($"Seeded in {seedClock.Elapsed.TotalSeconds:F0} s; store {new FileInfo(composition.Database.Path).Length / 1048576.0:F0} MB");

        await using var app = WebServer.Build(composition, new ServeOptions { Urls = ["http://127.0.0.1:0"] }, b => b.Logging.ClearProviders());
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = address };

        Console.WriteLine("| page | requests | requests/s | p50 ms | p99 ms | max ms | errors |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var random = new Random(7);
        await LoadAsync(http, "home `/`", _ => "/", connections, seconds);
        await LoadAsync(http, "story `/stories/{id}/{slug}`", r => slugs[r.Next(slugs.Count)], connections, seconds);
        string[] words = ["missile", "tariff", "bank", "rates", "ministry", "oil", "election", "shares"];
        await LoadAsync(http, "search `/search?q=WORD`", r => "/search?q=" + words[r.Next(words.Length)], connections, seconds);

        await WireToScreenAsync(composition, http, Arg(args, "--pushes", 50));
        await app.StopAsync();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Publishes N stories over the corpus reports (tags, images and search from real analyses), one
    /// transaction per thousand, as editorial would one at a time.</summary>
    private static async Task<List<string>> SeedAsync(Composition composition, int count)
    {
        var reports = new List<(long Report, long Story, string Title, string Text)>();
        foreach (var doc in Corpus.Documents)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(new { id = doc.Id, title = doc.Title, body = doc.Body, source = doc.Source, published = doc.Published });
            var outcome = (await composition.Pipeline.IngestAsync(new RawInput($"corpus-{doc.Id}.json", json, "application/json"))).Outcomes.FirstOrDefault(o => o.ReportId is not null);
            if (outcome?.ReportId is { } id)
            {
                reports.Add((id, outcome.Story?.StoryId ?? id, doc.Title, doc.Body));
            }
        }

        var paths = new List<string>(count);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var start = 0; start < count; start += 1000)
        {
            await using var connection = await composition.Database.ConnectAsync();
            await using var tx = await connection.BeginTransactionAsync();
            for (var i = start; i < Math.Min(count, start + 1000); i++)
            {
                var source = reports[i % reports.Count];
                var sentences = source.Text.Split(". ", StringSplitOptions.RemoveEmptyEntries).Take(4).Select(t => new DraftSentence
                {
                    Text = t.TrimEnd('.') + ".",
                    Sources = [new SourceSpan(source.Report.ToString(CultureInfo.InvariantCulture), 0, 1)],
                    Verdict = Verdicts.Supported,
                }).ToList();
                var draft = new Draft
                {
                    Headline = $"{source.Title} ({i})",
                    Sections = [new DraftSection { Title = "What Happened", Sentences = sentences }],
                    Sources = [new DraftSource { Report = source.Report.ToString(CultureInfo.InvariantCulture), Title = source.Title, Source = "Corpus" }],
                    ClosingLine = DraftMarkdown.EditedClosingLine("Bench Editor"),
                };
                var article = await ArticleStore.PublishAsync(connection, tx, new Publication
                {
                    StoryId = 10_000_000 + i,
                    DraftId = i + 1,
                    Draft = draft,
                    EditorName = "Bench Editor",
                    At = at.AddMinutes(i),
                });
                paths.Add(article.Path);
            }

            await tx.CommitAsync();
        }

        return paths;
    }

    private static async Task LoadAsync(HttpClient http, string label, Func<Random, string> path, int connections, int seconds)
    {
        // Warm-up: the first requests compile the pages and fill caches.
        for (var i = 0; i < 50; i++)
        {
            (await http.GetAsync(path(new Random(i)))).Dispose();
        }

        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path(random), HttpCompletionOption.ResponseContentRead);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        var sorted = latencies.Order().ToArray();
        Console.WriteLine($"| {label} | {sorted.Length:N0} | {sorted.Length / clock.Elapsed.TotalSeconds:N0} | {Percentile(sorted, 0.50):F2} | {Percentile(sorted, 0.99):F2} | {sorted[^1]:F2} | {errors} |");
    }

    /// <summary>Report POSTed → its story event read from /live by a connected reader, one report at a time.</summary>
    private static async Task WireToScreenAsync(Composition composition, HttpClient http, int pushes)
    {
        var store = new UserStore(composition.Database);
        var user = await store.AddAsync("bench-wire", "Bench Wire", Roles.Editor, Passwords.Hash("bench wire password"), DateTimeOffset.UtcNow);
        var (key, _) = await store.CreateApiKeyAsync(user.Id, "bench", DateTimeOffset.UtcNow);
        using var reader = new HttpClient { BaseAddress = http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var stream = await reader.GetStreamAsync("/live");
        using var lines = new StreamReader(stream);
        var timings = new List<double>();
        var missed = 0;
        for (var i = 0; i < pushes; i++)
        {
            // A new event each time (distinct place, figure and people), so it starts its own story.
            var place = $"Port{i:D3}ville";
            var body = JsonSerializer.Serialize(new
            {
                id = $"bench-{i}",
                title = $"{place} Opens Terminal Number {i + 7}",
                body = $"The port of {place} opened terminal number {i + 7} on Monday, adding {i + 12}% to its capacity, the port authority said.\n\nThe terminal cost ${i + 100} million and took {i % 5 + 2} years to build.",
                source = Wire,
                published = "2026-11-28",
            });
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var seen = false;
            try
            {
                while (!seen && await lines.ReadLineAsync(wait.Token) is { } line)
                {
                    seen = line.StartsWith("data:", StringComparison.Ordinal) && line.Contains(place, StringComparison.Ordinal);
                }
            }
            catch (OperationCanceledException)
            {
            }

            if (seen)
            {
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                missed++;
            }
        }

        var sorted = timings.Order().ToArray();
        Console.WriteLine();
        Console.WriteLine("## Wire to screen (report POSTed → its story on a connected reader's live stream; auto-publish on)");
        Console.WriteLine("| pushes | arrived | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(sorted.Length == 0
            ? $"| {pushes} | 0 | - | - | - |"
            : $"| {pushes} | {sorted.Length} | {Percentile(sorted, 0.50):F1} | {Percentile(sorted, 0.99):F1} | {sorted[^1]:F1} |");
        if (missed > 0)
        {
            Console.WriteLine($"{missed} pushes did not reach the live stream within 10 s (not auto-published: a sentence unsupported, or not a story of its own).");
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int Arg(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).FirstOrDefault(fallback);
}
