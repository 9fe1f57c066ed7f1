using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wiredesk.App;
using Wiredesk.App.Web;
using Wiredesk.App.Web.Account;
using Wiredesk.Bus;
using Wiredesk.Drafting;
using Wiredesk.Editorial;
using Wiredesk.Ingest;
using Wiredesk.Publishing;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Bench;

/// <summary>Issue 4 §6: the real server (in-process Kestrel on 127.0.0.1, SQLite file) with N published stories;
/// the home page, a story page and a search under C concurrent connections (wrk in its own process when on PATH, else
/// an in-process generator), and the home page while stories are published; then wire-to-screen: a report pushed to
/// the API (trusted source, auto-publish on) until the story event reaches a connected reader's live stream.</summary>
public static class WebBenchmark
{
    private const string Wire = WirePush.Source;

    public static async Task RunAsync(string[] args)
    {
        var stories = Arg(args, "--stories", 100_000);
        var connections = Arg(args, "--connections", 100);
        var seconds = Arg(args, "--seconds", 10);
        // --store DIR keeps the seeded store for the next run (seeding 100,000 stories takes minutes); the pages and
        // searches are the same either way, and a reused store starts as cold as a fresh one (new process).
        var kept = args.SkipWhile(a => a != "--store").Skip(1).FirstOrDefault();
        var folder = kept ?? Directory.CreateTempSubdirectory("wiredesk-web-bench-").FullName;
        var settings = new Settings
        {
            DataFolder = folder,
            Sources = new Dictionary<string, SourceSetting>(StringComparer.OrdinalIgnoreCase) { [Wire] = new() { Trusted = true, AutoPublish = true, Priority = 3 } },
        };
        using var composition = await Composition.CreateAsync(settings, CancellationToken.None);
        var seedClock = Stopwatch.StartNew();
        var slugs = kept is not null && await PublishedPathsAsync(composition) is { Count: > 0 } seeded && seeded.Count >= stories
            ? seeded.Take(stories).ToList()
            : await SeedAsync(composition, stories);
        Console.WriteLine($"## Newsroom server: {stories:N0} published stories, {connections} concurrent connections, {seconds} s per page");
        Console.WriteLine($"Seeded in {seedClock.Elapsed.TotalSeconds:F0} s; store {new FileInfo(composition.Database.Path).Length / 1048576.0:F0} MB");

        // The seeding's garbage is collected before the server starts, so that no row pays for it.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        await using var app = WebServer.Build(composition, new ServeOptions { Urls = ["http://127.0.0.1:0"] }, b => b.Logging.ClearProviders());
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = address };

        if (args.Contains("--profile"))
        {
            await ProfileAsync(composition, app, http, slugs);
            await app.StopAsync();
            DeleteUnlessKept(folder, kept);
            return;
        }

        var wrk = args.Contains("--in-process") ? null : OnPath("wrk");
        Console.WriteLine(wrk is null
            ? "Load from an in-process .NET generator (wrk not on PATH): its own CPU is in the server CPU column."
            : $"Load from wrk ({wrk}, a separate process, 2 threads, --latency); the server CPU column is this process alone.");
        Console.WriteLine("| page | requests | requests/s | p50 ms | p99 ms | max ms | errors | server CPU ms/request | load average |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        string[] words = [.. SearchWords()];
        var pages = new (string Label, string[] Paths)[]
        {
            ("home `/`", ["/"]),
            ("story `/stories/{id}/{slug}` (any of all)", [.. slugs]),
            ("story `/stories/{id}/{slug}` (the 20 newest, as linked from home)", [.. slugs.TakeLast(20)]),
            ($"search `/search?q=WORD` ({words.Length} words)", [.. words.Select(w => "/search?q=" + Uri.EscapeDataString(w))]),
        };
        // --pages home,any,newest,search,churn runs only those rows (all by default), e.g. to look at one page alone.
        var only = args.SkipWhile(a => a != "--pages").Skip(1).FirstOrDefault()?.Split(',');
        string[] keys = ["home", "any", "newest", "search"];
        foreach (var ((label, paths), key) in pages.Zip(keys))
        {
            if (only is not null && !only.Contains(key))
            {
                continue;
            }

            await WarmUpAsync(http, paths);
            var row = wrk is null ? await LoadAsync(http, paths, connections, seconds) : await WrkAsync(wrk, address, paths, connections, seconds);
            Console.WriteLine($"| {label} | {row}");
        }

        // The home page while stories are published (each one evicts every list page): the first request after each
        // publication renders the page from the store, the others wait for it (output cache request coalescing).
        if (only is null || only.Contains("churn"))
        {
            await HomeWhilePublishingAsync(composition, http, wrk, address, connections, seconds, stories);
        }

        if (only is null || only.Contains("wire"))
        {
            await WireToScreenAsync(composition, http, Arg(args, "--pushes", 50));
        }

        await app.StopAsync();
        DeleteUnlessKept(folder, kept);
    }

    private static async Task HomeWhilePublishingAsync(Composition composition, HttpClient http, string? wrk, Uri address, int connections, int seconds, int stories)
    {
        using (var churn = new CancellationTokenSource())
        {
            var publishing = PublishEveryAsync(composition, TimeSpan.FromMilliseconds(100), stories, churn.Token);
            var row = wrk is null ? await LoadAsync(http, ["/"], connections, seconds) : await WrkAsync(wrk, address, ["/"], connections, seconds);
            await churn.CancelAsync();
            var published = await publishing;
            Console.WriteLine($"| home `/`, a story published every 100 ms ({published} during the run) | {row}");
        }
    }

    private static void DeleteUnlessKept(string folder, string? kept)
    {
        if (kept is null)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The seeded stories' paths in publication order, from a kept store.</summary>
    private static async Task<List<string>> PublishedPathsAsync(Composition composition)
    {
        await using var connection = await composition.Database.ConnectAsync();
        var rows = await Dapper.SqlMapper.QueryAsync<(long StoryId, string Slug)>(connection,
            "SELECT story_id, slug FROM articles WHERE story_id >= 10000000 ORDER BY story_id");
        return [.. rows.Select(r => $"/stories/{r.StoryId}/{r.Slug}")];
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

    /// <summary>One request at a time (so wall time is close to CPU time): where an uncached story page's time goes.</summary>
    private static async Task ProfileAsync(Composition composition, WebApplication app, HttpClient http, List<string> slugs)
    {
        var store = app.Services.GetRequiredService<ArticleStore>();
        var comments = app.Services.GetRequiredService<CommentStore>();
        var ids = slugs.Select(p => long.Parse(p.Split('/')[2], CultureInfo.InvariantCulture)).ToList();
        async Task Time(string label, Func<int, Task> step)
        {
            for (var i = 0; i < 50; i++)
            {
                await step(i);
            }

            var cpu = ProcessCpu();
            var clock = Stopwatch.StartNew();
            const int n = 1000;
            for (var i = 0; i < n; i++)
            {
                await step(50 + i);
            }

            Console.WriteLine($"| {label} | {clock.Elapsed.TotalMilliseconds / n:F3} | {(ProcessCpu() - cpu).TotalMilliseconds / n:F3} |");
        }

        Console.WriteLine("| step (1,000 times, one at a time) | wall ms | CPU ms |");
        Console.WriteLine("|---|---|---|");
        await Time("open a connection (pool + pragmas)", async _ => await (await composition.Database.ConnectAsync()).DisposeAsync());
        await Time("article by story id (row, tags, draft JSON)", async i => await store.GetByStoryAsync(ids[i % ids.Count]));
        Article article = (await store.GetByStoryAsync(ids[0]))!;
        await Time("comments of a story", async i => await comments.ForArticleAsync(article.Id, includeHidden: false));
        await Time("HTTP story page, uncached (each a different story)", async i => (await http.GetAsync(slugs[(i * 7) % slugs.Count])).Dispose());
        await Time("HTTP story page, cached (same story)", async _ => (await http.GetAsync(slugs[0])).Dispose());
        await Time("HTTP home page, cached", async _ => (await http.GetAsync("/")).Dispose());
        await Time("HTTP home page, uncached (a different page number)", async i => (await http.GetAsync($"/?page={2 + i}")).Dispose());
        await Time("HTTP search, uncached (a common word, different page)", async i => (await http.GetAsync($"/search?q=said&page={1 + i % 400}&x={i}")).Dispose());
        string[] words = [.. SearchWords()];
        await Time("search in the store, first page (ArticleStore.SearchAsync, the bench's words in turn)", async i => await store.SearchAsync(words[i % words.Length], 0, 11));
        await Time("HTTP search, uncached (the bench's words in turn)", async i => (await http.GetAsync($"/search?q={words[i % words.Length]}&x={i}")).Dispose());
    }

    private static async Task WarmUpAsync(HttpClient http, string[] paths)
    {
        // The first requests compile the pages and fill caches; two seconds of requests (not counted) also let the
        // runtime's tiered compiler finish optimising the page's code, which it does in the background some 100 ms
        // after a method's 30th call: without it the first row measured pays for that compiling. Data stays cold:
        // the random stories and the search words are not all requested here.
        var until = Stopwatch.GetTimestamp() + 2 * Stopwatch.Frequency;
        for (var i = 0; Stopwatch.GetTimestamp() < until; i++)
        {
            (await http.GetAsync(paths[i % Math.Min(paths.Length, 50)])).Dispose();
        }
    }

    /// <summary>The in-process fallback: C tasks each sending one request after another for the given time.</summary>
    private static async Task<string> LoadAsync(HttpClient http, string[] paths, int connections, int seconds)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var cpu = ProcessCpu();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(paths[random.Next(paths.Length)], HttpCompletionOption.ResponseContentRead);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        var cpuMs = (ProcessCpu() - cpu).TotalMilliseconds;
        var sorted = latencies.Order().ToArray();
        return Row(sorted.Length, sorted.Length / clock.Elapsed.TotalSeconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1], errors, cpuMs);
    }

    /// <summary>wrk from Debian against the server, each request a random path of the list (a Lua script reads them
    /// from a file); its latency distribution (--latency) gives p50 and p99.</summary>
    private static async Task<string> WrkAsync(string wrk, Uri address, string[] paths, int connections, int seconds)
    {
        var list = Path.GetTempFileName();
        var script = Path.ChangeExtension(Path.GetTempFileName(), ".lua");
        await File.WriteAllLinesAsync(list, paths);
        await File.WriteAllTextAsync(script, $$"""
            local paths = {}
            for line in io.lines("{{list}}") do paths[#paths + 1] = line end
            local threads = 0
            function setup(thread) threads = threads + 1; thread:set("seed", threads) end
            function init(args) math.randomseed(seed * 7919) end
            function request() return wrk.format("GET", paths[math.random(1, #paths)]) end
            """);
        var start = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "10s", "--latency", "-s", script, address.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(arg);
        }

        var cpu = ProcessCpu();
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var cpuMs = (ProcessCpu() - cpu).TotalMilliseconds;
        File.Delete(list);
        File.Delete(script);
        if (!output.Contains("Latency Distribution", StringComparison.Ordinal) || output.Contains("nan", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"wrk did not measure: {output}{await process.StandardError.ReadToEndAsync()}");
        }

        var requests = long.Parse(Match(output, @"(\d+) requests in"), CultureInfo.InvariantCulture);
        var errors = Regex.Matches(output, @"(?:connect|read|write|timeout) (\d+)").Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            + (Regex.Match(output, @"Non-2xx or 3xx responses: (\d+)") is { Success: true } bad ? long.Parse(bad.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
        const string Duration = @"([\d.]+(?:us|ms|s|m))";
        return Row(requests, double.Parse(Match(output, @"Requests/sec:\s+([\d.]+)"), CultureInfo.InvariantCulture),
            Milliseconds(Match(output, @"(?m)^\s*50%\s+" + Duration)), Milliseconds(Match(output, @"(?m)^\s*99%\s+" + Duration)),
            Milliseconds(Match(output, @"Latency\s+\S+\s+\S+\s+" + Duration)), errors, cpuMs);
    }

    private static string Match(string text, string pattern) =>
        Regex.Match(text, pattern) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"wrk printed no {pattern}:\n{text}");

    /// <summary>wrk's durations: "812.00us", "1.23ms", "1.05s", "2.00m".</summary>
    private static double Milliseconds(string value)
    {
        var unit = value.TrimStart("0123456789.".ToCharArray());
        var number = double.Parse(value[..^unit.Length], CultureInfo.InvariantCulture);
        return unit switch { "us" => number / 1000, "ms" => number, "s" => number * 1000, "m" => number * 60_000, _ => double.NaN };
    }

    private static string Row(long requests, double perSecond, double p50, double p99, double max, long errors, double cpuMs) =>
        $"{requests:N0} | {perSecond:N0} | {p50:F2} | {p99:F2} | {max:F2} | {errors} | {cpuMs / Math.Max(1, requests):F3} | {LoadAverage()} |";

    private static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "-";

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>Distinct words of the corpus titles (five letters or more): searches that vary as readers' do, each
    /// matching a different share of the stories.</summary>
    private static IEnumerable<string> SearchWords() =>
        Corpus.Documents.SelectMany(d => Regex.Matches(d.Title, @"\p{L}{5,}").Select(m => m.Value.ToLowerInvariant()))
            .Distinct().Order(StringComparer.Ordinal).Take(300);

    /// <summary>Publishes a new story every <paramref name="every"/> and tells the bus, as editorial does, until cancelled.</summary>
    private static async Task<int> PublishEveryAsync(Composition composition, TimeSpan every, int seeded, CancellationToken ct)
    {
        var published = 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(every, ct);
                var i = seeded + published;
                await using var connection = await composition.Database.ConnectAsync(ct);
                await using var tx = await connection.BeginTransactionAsync(ct);
                var article = await ArticleStore.PublishAsync(connection, tx, new Publication
                {
                    StoryId = 10_000_000 + i,
                    DraftId = i + 1,
                    Draft = new Draft
                    {
                        Headline = $"Churn story number {i}",
                        Sections = [new DraftSection { Title = "What Happened", Sentences = [new DraftSentence { Text = $"Story {i} was published during the load.", Verdict = Verdicts.Supported }] }],
                        ClosingLine = DraftMarkdown.EditedClosingLine("Bench Editor"),
                    },
                    EditorName = "Bench Editor",
                    At = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
                }, ct);
                await tx.CommitAsync(ct);
                await composition.Bus.PublishAsync(new StoryPublished(article.Id, article.StoryId, article.Version, PublicationChange.Published, article.UpdatedAt), ct);
                published++;
            }
        }
        catch (OperationCanceledException)
        {
        }

        return published;
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
            var place = $"Port{i:D3}ville";
            var started = Stopwatch.GetTimestamp();
            await WirePush.PushAsync(http, key, $"bench-{i}", place, i);
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
