using System.Diagnostics;
using System.Globalization;
using Wiredesk.Alerts;
using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Analysis.Topics;
using Wiredesk.Drafting;
using Wiredesk.Tests.Support;

namespace Wiredesk.Bench;

/// <summary>Alert matching (issue 5 §5): a million generated watchlists indexed by <see cref="AlertMatcher"/>, ten
/// thousand stories from the corpus (synthetic variants, analysed for real), per-story match time; then, on a
/// 10,000-watchlist subset and a sample of the stories, the same matching by a straightforward scan and by a Lucene
/// percolator, with a check that all three find exactly the same matches.</summary>
public static class AlertsBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var watchlists = Option(args, "--watchlists", 1_000_000);
        var storyCount = Option(args, "--stories", 10_000);
        var subset = Option(args, "--subset", 10_000);
        var sample = Option(args, "--sample", 100);
        Console.WriteLine();
        Console.WriteLine($"## Alerts matching: {watchlists:N0} watchlists, {storyCount:N0} stories");
        PrintLoad();

        var knowledgeBase = KnowledgeBase.LoadDefault();
        var exposures = ExposureMap.LoadDefault();
        var analyzer = new Analyzer(knowledgeBase);
        var prepare = Stopwatch.StartNew();
        var stories = SyntheticReports.Make(storyCount, seed: 5).Select((r, i) => StoryDocument.FromReport("s" + i, r.Title, r.Text, analyzer.Analyze(r.Title, r.Text, r.Published))).ToList();
        var frequencies = WordFrequencies.FromTexts(stories.Take(1_000).Select(s => s.Text));
        Console.WriteLine($"Stories analysed in {prepare.Elapsed.TotalSeconds:F1} s: {stories.Average(s => s.WordCount):F0} words, {stories.Average(s => s.Entities.Count):F1} entities ({stories.Average(s => s.MainEntityIds.Count):F1} main), {stories.Average(s => s.Topics.Count):F1} topics on average.");

        var generator = new WatchlistGenerator(knowledgeBase, exposures, seed: 20261128);
        var heapBefore = Heap();
        var matcher = new AlertMatcher(knowledgeBase, exposures, frequencies);
        var kept = new List<Watchlist>(subset);
        var build = new Stopwatch();
        var buildCpu = TimeSpan.Zero;
        using var self = Process.GetCurrentProcess();
        var mix = new Dictionary<WatchlistItemKind, long>();
        var rejected = 0;
        for (var id = 1; id <= watchlists; id++)
        {
            var list = generator.Next(id);
            foreach (var item in list.Items)
            {
                mix[item.Kind] = mix.GetValueOrDefault(item.Kind) + 1;
            }

            if (id <= subset)
            {
                kept.Add(list);
            }

            if (id % 10_000 == 1)
            {
                self.Refresh();
                buildCpu -= self.TotalProcessorTime;
            }

            build.Start();
            rejected += matcher.AddOrReplace(list).Count;
            build.Stop();
            if (id % 10_000 == 0 || id == watchlists)
            {
                // CPU time in slices of 10,000 watchlists: the generator's share is small beside the index's.
                self.Refresh();
                buildCpu += self.TotalProcessorTime;
            }
        }

        var heapAfter = Heap();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var items = mix.Values.Sum();
        Console.WriteLine($"Items: {items:N0} ({(double)items / watchlists:F1} per watchlist; {string.Join(", ", mix.OrderBy(m => m.Key).Select(m => $"{m.Key.ToString().ToLowerInvariant()} {100.0 * m.Value / items:F0}%"))}); {rejected} rejected by the resolver.");
        Console.WriteLine();
        Console.WriteLine("| watchlists | build s (wall) | build CPU s (with the generator) | managed heap of the index MB | working set MB |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine($"| {watchlists:N0} | {build.Elapsed.TotalSeconds:F1} | {buildCpu.TotalSeconds:F1} | {(heapAfter - heapBefore) / 1e6:F0} | {process.WorkingSet64 / 1e6:F0} |");
        Console.WriteLine();

        // Two passes over the same stories. The first does the index work alone (Find: the keys and queries a story
        // matches); the second does it again and then fans out to every matched item (CopyTo), each timed apart.
        // The CPU time of each pass is the process's, so the fan-out's CPU is the difference of the two.
        var reused = new List<AlertMatch>();
        foreach (var s in stories.Take(200))
        {
            reused.Clear();
            matcher.Find(s).CopyTo(reused);
        }

        var keyStats = new List<(double Keys, double Verified, double Evaluated, double Queries, double Items)>(stories.Count);
        var (findOnly, findCpu, findGc) = Pass(stories, s =>
        {
            var found = matcher.Find(s);
            keyStats.Add((found.KeyCount, found.QueriesVerified, found.QueriesEvaluated, found.QueryCount, found.ItemCount));
        });
        var (fanOut, full) = (new List<double>(stories.Count), new List<double>(stories.Count));
        var (_, fullCpu, fullGc) = Pass(stories, s =>
        {
            var start = Stopwatch.GetTimestamp();
            var found = matcher.Find(s);
            var keysFound = Stopwatch.GetTimestamp();
            reused.Clear();
            found.CopyTo(reused);
            var end = Stopwatch.GetTimestamp();
            fanOut.Add(Stopwatch.GetElapsedTime(keysFound, end).TotalMilliseconds);
            full.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
        });
        var itemsPerStory = keyStats.Select(k => k.Items).ToList();
        var fit = Fit([.. itemsPerStory.Zip(fanOut)]);
        PrintLoad();
        Console.WriteLine("| per story | p50 ms | p99 ms | max ms | mean ms | CPU ms a story | GC |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Row("key match (Find: keys and queries)", findOnly, findCpu, findGc);
        Row("fan-out (CopyTo: one AlertMatch per item)", fanOut, fullCpu - findCpu, "");
        Row("full (Find + CopyTo)", full, fullCpu, fullGc);
        using (var empty = new AlertMatcher(knowledgeBase, exposures, frequencies))
        {
            // What a story costs before any watchlist: its keys, exposure facts and reasons, its words looked up.
            var (routesOnly, routesCpu, routesGc) = Pass(stories, s => empty.Find(s));
            Row("of which the story's own routes (Find on an empty index)", routesOnly, routesCpu, routesGc);
        }
        Console.WriteLine();
        Console.WriteLine($"Fan-out grows with the items matched: {fit.Intercept:F3} ms + {fit.Slope * 1e6:F0} ns an item (least squares over all stories).");
        Console.WriteLine($"Per story: followed keys reached {Describe(keyStats.Select(k => k.Keys))}; queries verified {Describe(keyStats.Select(k => k.Verified))}, of which a residual program ran for {Describe(keyStats.Select(k => k.Evaluated))} (the rest are decided by their trigger); queries matched {Describe(keyStats.Select(k => k.Queries))}.");
        Console.WriteLine($"Matched items per story {Describe(itemsPerStory)}.");
        var shares = stories.Take(1_000).Select(s => 100.0 * matcher.Match(s).Select(m => m.WatchlistId).Distinct().Count() / watchlists).ToList();
        Console.WriteLine($"Share of all watchlists a story matches, % (first {shares.Count:N0} stories): {Describe(shares, "F2")}.");
        Console.WriteLine($"Stories by matched items: {Histogram(itemsPerStory, [0, 1, 100, 1_000, 10_000, 50_000, 100_000])}.");
        var breakdown = stories.Take(200).SelectMany(s => matcher.Match(s)).GroupBy(m => (m.ItemKind, m.Kind))
            .OrderBy(g => g.Key).Select(g => $"{g.Key.ItemKind.ToString().ToLowerInvariant()} {g.Key.Kind.ToString().ToLowerInvariant()} {g.Count() / 200.0:F0}");
        Console.WriteLine($"Matched items per story by item and kind (first 200 stories): {string.Join(", ", breakdown)}.");
        var top = stories.Take(200).SelectMany(s => matcher.Match(s)).GroupBy(m => m.Kind + " " + m.Reason.Path[^1].Label)
            .OrderByDescending(g => g.Count()).Take(12).Select(g => $"{g.Key} {g.Count() / 200.0:F0}");
        Console.WriteLine($"Largest fan-outs, items per story (first 200 stories): {string.Join("; ", top)}.");
        matcher.Dispose();
        matcher = null;
        Heap();

        await Task.Yield();
        CompareOnSubset(knowledgeBase, exposures, frequencies, kept, stories.Where((_, i) => i % Math.Max(1, storyCount / sample) == 0).Take(sample).ToList());
    }

    private static void CompareOnSubset(KnowledgeBase knowledgeBase, ExposureMap exposures, WordFrequencies frequencies, List<Watchlist> lists, List<StoryDocument> stories)
    {
        using var index = new AlertMatcher(knowledgeBase, exposures, frequencies);
        var scan = new WatchlistScan(knowledgeBase, exposures);
        using var percolator = new LucenePercolator();
        foreach (var list in lists)
        {
            index.AddOrReplace(list);
            scan.Add(list);
            percolator.Add(list, index.Resolver);
        }

        var resolver = index.Resolver;
        var exposureRouter = new ExposureRouterAccess(knowledgeBase, exposures, resolver);
        var (findTimes, indexTimes, scanTimes, percolatorTimes) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var (mismatches, matches) = (0, 0L);
        foreach (var story in stories.Take(5))
        {
            // Warm-up, so that no approach pays for the first call's compilation.
            index.Find(story);
            index.Match(story);
            scan.Match(story);
            percolator.Match(story, exposureRouter.Routes(story));
        }

        // Each approach over all the sample's stories in turn, so that none runs in the caches another just filled.
        static List<T> Timed<T>(List<StoryDocument> stories, List<double> times, Func<StoryDocument, T> run) =>
            [.. stories.Select(story =>
            {
                var start = Stopwatch.GetTimestamp();
                var result = run(story);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                return result;
            })];
        Timed(stories, findTimes, index.Find);
        var byIndexAll = Timed(stories, indexTimes, index.Match);
        var byScanAll = Timed(stories, scanTimes, scan.Match);
        var byPercolatorAll = Timed(stories, percolatorTimes, s => percolator.Match(s, exposureRouter.Routes(s)));
        for (var i = 0; i < stories.Count; i++)
        {
            var (story, byIndex, byScan, byPercolator) = (stories[i], byIndexAll[i], byScanAll[i], byPercolatorAll[i]);
            matches += byIndex.Count;

            var a = byIndex.Select(m => $"{m.WatchlistId}/{m.ItemIndex}/{m.ItemKind}/{m.Kind}/{m.Reason.Text}").Order(StringComparer.Ordinal).ToList();
            var b = byScan.Select(m => $"{m.WatchlistId}/{m.ItemIndex}/{m.ItemKind}/{m.Kind}/{m.Reason.Text}").Order(StringComparer.Ordinal).ToList();
            var c = byPercolator.Select(m => $"{m.Id}/{m.Index}/{m.ItemKind}/{m.Kind}").Order(StringComparer.Ordinal).ToList();
            var aShort = byIndex.Select(m => $"{m.WatchlistId}/{m.ItemIndex}/{m.ItemKind}/{m.Kind}").Order(StringComparer.Ordinal).ToList();
            if (!a.SequenceEqual(b) || !aShort.SequenceEqual(c))
            {
                mismatches++;
                Console.WriteLine($"MISMATCH on story {story.Id}: index-only {string.Join("; ", a.Except(b).Take(5))} | scan-only {string.Join("; ", b.Except(a).Take(5))} | percolator-only {string.Join("; ", c.Except(aShort).Take(5))} | index-not-percolator {string.Join("; ", aShort.Except(c).Take(5))}");
            }
        }

        findTimes.Sort();
        indexTimes.Sort();
        scanTimes.Sort();
        percolatorTimes.Sort();
        Console.WriteLine();
        Console.WriteLine($"Subset: {lists.Count:N0} watchlists ({lists.Sum(l => l.Items.Count):N0} items), {stories.Count} stories, {(double)matches / stories.Count:F0} matches per story; all three give the same matches: {(mismatches == 0 ? "yes" : $"NO, {mismatches} stories differ")}.");
        Console.WriteLine();
        Console.WriteLine("| approach | p50 ms | p99 ms | mean ms | mean / index full | mean / index key match |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, times) in new[] { ("index, key match only (AlertMatcher.Find)", findTimes), ("index, full (AlertMatcher.Match)", indexTimes), ("scan over all watchlists", scanTimes), ("percolator (Lucene.NET MemoryIndex)", percolatorTimes) })
        {
            Console.WriteLine($"| {name} | {P(times, 0.5):F3} | {P(times, 0.99):F3} | {times.Average():F3} | {times.Average() / indexTimes.Average():F1}× | {times.Average() / findTimes.Average():F1}× |");
        }

        if (mismatches > 0)
        {
            throw new InvalidOperationException($"the three approaches disagree on {mismatches} stories");
        }
    }

    /// <summary>Other work on the machine inflates wall times: the load average says how much.</summary>
    private static void PrintLoad()
    {
        if (File.Exists("/proc/loadavg"))
        {
            Console.WriteLine($"(load average {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))} on {Environment.ProcessorCount} cores)");
        }
    }

    private static (double Intercept, double Slope) Fit(List<(double X, double Y)> points)
    {
        var (mx, my) = (points.Average(p => p.X), points.Average(p => p.Y));
        var slope = points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
        return (my - slope * mx, slope);
    }

    /// <summary>Runs every story once; wall time per story (sorted), CPU ms a story, and what the GC did.</summary>
    private static (List<double> Times, double CpuMs, string Gc) Pass(List<StoryDocument> stories, Action<StoryDocument> run)
    {
        var times = new List<double>(stories.Count);
        var (gen2, pause) = (GC.CollectionCount(2), GC.GetTotalPauseDuration());
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        foreach (var story in stories)
        {
            var start = Stopwatch.GetTimestamp();
            run(story);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds / stories.Count;
        var gc = $"{GC.CollectionCount(2) - gen2} full, pauses {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds / stories.Count:F3} ms a story";
        return (times, cpuMs, gc);
    }

    private static void Row(string name, List<double> times, double cpuMs, string gc)
    {
        var sorted = times.Order().ToList();
        Console.WriteLine($"| {name} | {P(sorted, 0.5):F3} | {P(sorted, 0.99):F3} | {sorted[^1]:F3} | {sorted.Average():F3} | {cpuMs:F3} | {gc} |");
    }

    private static string Describe(IEnumerable<double> values, string format = "F0")
    {
        var sorted = values.Order().ToList();
        return $"mean {sorted.Average().ToString(format, CultureInfo.InvariantCulture)}, p50 {P(sorted, 0.5).ToString(format, CultureInfo.InvariantCulture)}, "
            + $"p90 {P(sorted, 0.9).ToString(format, CultureInfo.InvariantCulture)}, p99 {P(sorted, 0.99).ToString(format, CultureInfo.InvariantCulture)}, max {sorted[^1].ToString(format, CultureInfo.InvariantCulture)}";
    }

    private static string Histogram(List<double> values, int[] bounds) =>
        string.Join(", ", bounds.Select((low, i) => (low, high: i + 1 < bounds.Length ? bounds[i + 1] : int.MaxValue))
            .Select(b => $"{(b.high == int.MaxValue ? $"{b.low:N0}+" : b.high == b.low + 1 ? $"{b.low:N0}" : $"{b.low:N0}–{b.high - 1:N0}")} {100.0 * values.Count(v => v >= b.low && v < b.high) / values.Count:F1}%"));

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static double P(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).FirstOrDefault(fallback);

    /// <summary>The story's routes as the matcher computes them, for the percolator's key fields.</summary>
    private sealed class ExposureRouterAccess(KnowledgeBase knowledgeBase, ExposureMap exposures, WatchlistItemResolver resolver)
    {
        private readonly ExposureRouter _router = new(exposures, knowledgeBase);

        public StoryRoutes Routes(StoryDocument story) => StoryRoutes.Of(story, resolver, _router);
    }
}

/// <summary>Watchlists as readers of a markets wire might keep them (docs/alerts.md, "Benchmark workload"): 1 to 19
/// items (10 on average) — tickers 37% (of which 3 points are exposure-map instruments such as EWY or KRW),
/// companies 15%, people 8%, countries 6%, topics 2%, keyword queries 32%. Readers follow what people follow: every
/// choice is Zipf-skewed (s = 0.8) over a ranking of fame — companies in the knowledge base's order (largest
/// first), people and organisations likewise, countries with a foreign market in the exposure map first (in its
/// order; the home country ranks with the rest).
/// Queries are built from names and distinctive words, not from stop-like ones: a knowledge-base name (30%), a
/// name and a word (20%), two words (20%), a two-word phrase of the corpus (10%), two names joined by OR (10%), a
/// name and either of two words (5%), a name without a word (5%). A "word" is a distinctive word of the corpus: five
/// letters or more, in at most a tenth of the corpus documents, ranked by how often the corpus uses it.</summary>
internal sealed class WatchlistGenerator
{
    private readonly Random _random;
    private readonly Zipf _companies;
    private readonly Zipf _people;
    private readonly Zipf _countries;
    private readonly Zipf _names;
    private readonly Zipf _words;
    private readonly Zipf _phrases;
    private readonly KnowledgeBaseEntry[] _companyEntries;
    private readonly KnowledgeBaseEntry[] _personEntries;
    private readonly KnowledgeBaseEntry[] _countryEntries;
    private readonly string[] _nameQueries;
    private readonly string[] _symbols;
    private readonly string[] _vocabulary;
    private readonly string[] _pairs;
    private readonly Topic[] _topics = [.. TopicClassifier.All];

    public WatchlistGenerator(KnowledgeBase knowledgeBase, ExposureMap exposures, int seed)
    {
        _random = new Random(seed);
        _companyEntries = [.. knowledgeBase.Entries.Where(e => e.Type == EntityType.Company && e.Ticker is not null)];
        _personEntries = [.. knowledgeBase.Entries.Where(e => e.Type == EntityType.Person)];
        // Readers of a US markets wire follow foreign markets by name; their own country is every other story (the
        // reason alerts drop the home market's exposure fact), so it ranks with the rest, not first.
        var markets = exposures.Facts.Where(f => f.Kind == ExposureKinds.Country).SelectMany(f => f.Triggers.Entities)
            .Where(c => c != StoryRoutes.HomeMarketCountry).Distinct().ToList();
        _countryEntries = [.. knowledgeBase.Entries.Where(e => e.Type == EntityType.Country)
            .OrderBy(e => markets.IndexOf(e.Id) is >= 0 and var at ? at : markets.Count)];
        _symbols = [.. exposures.Facts.SelectMany(f => f.Instruments).Select(i => i.Symbol).Distinct()];
        // Names readers type: companies, people and organisations interleaved by rank, each as a word or a phrase.
        var byType = new[] { EntityType.Company, EntityType.Person, EntityType.Organization }
            .Select(t => knowledgeBase.Entries.Where(e => e.Type == t).ToList()).ToList();
        _nameQueries = [.. Enumerable.Range(0, byType.Max(l => l.Count)).SelectMany(rank => byType.Where(l => rank < l.Count).Select(l => l[rank]))
            .Select(e => TextWords.Split(e.Name)).Where(w => w.Count > 0).Select(w => w.Count == 1 ? w[0] : "\"" + string.Join(' ', w) + "\"")];

        var documents = Corpus.Documents;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var documentCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var doc in documents)
        {
            var words = TextWords.Split(doc.Body);
            foreach (var w in words)
            {
                counts[w] = counts.GetValueOrDefault(w) + 1;
            }

            foreach (var w in words.Distinct(StringComparer.Ordinal))
            {
                documentCounts[w] = documentCounts.GetValueOrDefault(w) + 1;
            }

            for (var i = 1; i < words.Count; i++)
            {
                pairs[words[i - 1] + " " + words[i]] = pairs.GetValueOrDefault(words[i - 1] + " " + words[i]) + 1;
            }
        }

        bool Distinctive(string w) => w.Length >= 5 && w.All(char.IsLetter) && documentCounts[w] * 10 <= documents.Count;
        _vocabulary = [.. counts.Where(c => Distinctive(c.Key)).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key)];
        _pairs = [.. pairs.Where(p => p.Key.Split(' ') is [var a, var b] && Distinctive(a) && Distinctive(b))
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key)];
        _companies = new Zipf(_companyEntries.Length, 0.8);
        _people = new Zipf(_personEntries.Length, 0.8);
        _countries = new Zipf(_countryEntries.Length, 0.8);
        _names = new Zipf(_nameQueries.Length, 0.8);
        _words = new Zipf(_vocabulary.Length, 0.8);
        _phrases = new Zipf(_pairs.Length, 0.8);
    }

    public Watchlist Next(long id)
    {
        var items = new WatchlistItem[_random.Next(1, 20)];
        for (var i = 0; i < items.Length; i++)
        {
            var roll = _random.Next(100);
            items[i] = roll switch
            {
                < 34 => new(WatchlistItemKind.Ticker, _companyEntries[_companies.Next(_random)].Ticker!),
                < 37 => new(WatchlistItemKind.Ticker, _symbols[_random.Next(_symbols.Length)]),
                < 52 => new(WatchlistItemKind.Company, _companyEntries[_companies.Next(_random)].Name),
                < 60 => new(WatchlistItemKind.Person, _personEntries[_people.Next(_random)].Name),
                < 66 => new(WatchlistItemKind.Country, _countryEntries[_countries.Next(_random)].Name),
                < 68 => new(WatchlistItemKind.Topic, _topics[_random.Next(_topics.Length)].Code),
                _ => new(WatchlistItemKind.Query, Query()),
            };
        }

        return new Watchlist(id, 1 + id / 3, "list", items);
    }

    private string Query()
    {
        string N() => _nameQueries[_names.Next(_random)];
        string W() => _vocabulary[_words.Next(_random)];
        return _random.Next(100) switch
        {
            < 30 => N(),
            < 50 => $"{N()} {W()}",
            < 70 => $"{W()} {W()}",
            < 80 => $"\"{_pairs[_phrases.Next(_random)]}\"",
            < 90 => $"{N()} OR {N()}",
            < 95 => $"{N()} ({W()} OR {W()})",
            _ => $"{N()} NOT {W()}",
        };
    }

    /// <summary>Ranks drawn with probability proportional to 1 / (rank + 1)^s.</summary>
    private sealed class Zipf
    {
        private readonly double[] _cumulative;

        public Zipf(int n, double s)
        {
            _cumulative = new double[n];
            var sum = 0.0;
            for (var k = 0; k < n; k++)
            {
                sum += 1 / Math.Pow(k + 1, s);
                _cumulative[k] = sum;
            }
        }

        public int Next(Random random)
        {
            var at = Array.BinarySearch(_cumulative, random.NextDouble() * _cumulative[^1]);
            return Math.Min(at < 0 ? ~at : at, _cumulative.Length - 1);
        }
    }
}
