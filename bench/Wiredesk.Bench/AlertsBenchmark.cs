using System.Diagnostics;
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
    private static readonly List<(double Matches, double Ms)> Pairs = [];

    public static async Task RunAsync(string[] args)
    {
        var watchlists = Option(args, "--watchlists", 1_000_000);
        var storyCount = Option(args, "--stories", 10_000);
        var subset = Option(args, "--subset", 10_000);
        var sample = Option(args, "--sample", 100);
        Console.WriteLine();
        Console.WriteLine($"## Alerts matching: {watchlists:N0} watchlists, {storyCount:N0} stories");

        var knowledgeBase = KnowledgeBase.LoadDefault();
        var exposures = ExposureMap.LoadDefault();
        var analyzer = new Analyzer(knowledgeBase);
        var prepare = Stopwatch.StartNew();
        var stories = SyntheticReports.Make(storyCount, seed: 5).Select((r, i) => StoryDocument.FromReport("s" + i, r.Title, r.Text, analyzer.Analyze(r.Title, r.Text, r.Published))).ToList();
        var frequencies = WordFrequencies.FromTexts(stories.Take(1_000).Select(s => s.Text));
        Console.WriteLine($"Stories analysed in {prepare.Elapsed.TotalSeconds:F1} s: {stories.Average(s => s.WordCount):F0} words, {stories.Average(s => s.Entities.Count):F1} entities ({stories.Average(s => s.MainEntityIds.Count):F1} main), {stories.Average(s => s.Topics.Count):F1} topics on average.");

        var generator = new WatchlistGenerator(knowledgeBase, exposures, seed: 20261128);
        var heapBefore = Heap();
        var matcher = new AlertMatcher(knowledgeBase, exposures, frequencies.DocumentFrequency);
        var kept = new List<Watchlist>(subset);
        var build = new Stopwatch();
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

            build.Start();
            rejected += matcher.AddOrReplace(list).Count;
            build.Stop();
        }

        var heapAfter = Heap();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var items = mix.Values.Sum();
        Console.WriteLine($"Items: {items:N0} ({(double)items / watchlists:F1} per watchlist; {string.Join(", ", mix.OrderBy(m => m.Key).Select(m => $"{m.Key.ToString().ToLowerInvariant()} {100.0 * m.Value / items:F0}%"))}); {rejected} rejected by the resolver.");
        Console.WriteLine();
        Console.WriteLine("| watchlists | build s | managed heap of the index MB | working set MB | match p50 ms | p99 ms | max ms | mean ms | matches per story: mean | p50 | p99 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        var reused = new List<AlertMatch>();
        var pairs = Pairs;
        var (times, counts) = Measure(stories, s =>
        {
            reused.Clear();
            matcher.Match(s, reused);
            return reused.Count;
        });
        Console.WriteLine($"| {watchlists:N0} | {build.Elapsed.TotalSeconds:F1} | {(heapAfter - heapBefore) / 1e6:F0} | {process.WorkingSet64 / 1e6:F0} | {P(times, 0.5):F3} | {P(times, 0.99):F3} | {times[^1]:F3} | {times.Average():F3} | {counts.Average():F0} | {P(counts, 0.5):F0} | {P(counts, 0.99):F0} |");
        var breakdown = stories.Take(200).SelectMany(s => matcher.Match(s)).GroupBy(m => (m.ItemKind, m.Kind))
            .OrderBy(g => g.Key).Select(g => $"{g.Key.ItemKind.ToString().ToLowerInvariant()} {g.Key.Kind.ToString().ToLowerInvariant()} {g.Count() / 200.0:F0}");
        Console.WriteLine();
        Console.WriteLine($"Matches per story by item and kind (first 200 stories): {string.Join(", ", breakdown)}.");
        // Time grows with the matches a story yields: a least-squares line through (matches, ms) separates the fixed
        // cost of a story from the cost of each match.
        var (fixedMs, perMatchMs) = Fit(pairs);
        Console.WriteLine($"Fit over all stories: {fixedMs:F3} ms a story + {perMatchMs * 1e6:F0} ns a match.");
        matcher.Dispose();
        matcher = null;
        Heap();

        await Task.Yield();
        CompareOnSubset(knowledgeBase, exposures, frequencies, kept, stories.Where((_, i) => i % Math.Max(1, storyCount / sample) == 0).Take(sample).ToList());
    }

    private static void CompareOnSubset(KnowledgeBase knowledgeBase, ExposureMap exposures, WordFrequencies frequencies, List<Watchlist> lists, List<StoryDocument> stories)
    {
        using var index = new AlertMatcher(knowledgeBase, exposures, frequencies.DocumentFrequency);
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
        var (indexTimes, scanTimes, percolatorTimes) = (new List<double>(), new List<double>(), new List<double>());
        var (mismatches, matches) = (0, 0L);
        foreach (var story in stories)
        {
            var watch = Stopwatch.StartNew();
            var byIndex = index.Match(story);
            indexTimes.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            var byScan = scan.Match(story);
            scanTimes.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            var byPercolator = percolator.Match(story, exposureRouter.Routes(story));
            percolatorTimes.Add(watch.Elapsed.TotalMilliseconds);
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

        indexTimes.Sort();
        scanTimes.Sort();
        percolatorTimes.Sort();
        Console.WriteLine();
        Console.WriteLine($"Subset: {lists.Count:N0} watchlists ({lists.Sum(l => l.Items.Count):N0} items), {stories.Count} stories, {(double)matches / stories.Count:F0} matches per story; all three give the same matches: {(mismatches == 0 ? "yes" : $"NO, {mismatches} stories differ")}.");
        Console.WriteLine();
        Console.WriteLine("| approach | p50 ms | p99 ms | mean ms | mean / index |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (name, times) in new[] { ("index (AlertMatcher)", indexTimes), ("scan over all watchlists", scanTimes), ("percolator (Lucene.NET MemoryIndex)", percolatorTimes) })
        {
            Console.WriteLine($"| {name} | {P(times, 0.5):F3} | {P(times, 0.99):F3} | {times.Average():F3} | {times.Average() / indexTimes.Average():F0}× |");
        }

        if (mismatches > 0)
        {
            throw new InvalidOperationException($"the three approaches disagree on {mismatches} stories");
        }
    }

    private static (double Intercept, double Slope) Fit(List<(double X, double Y)> points)
    {
        var (mx, my) = (points.Average(p => p.X), points.Average(p => p.Y));
        var slope = points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
        return (my - slope * mx, slope);
    }

    private static (List<double> Times, List<double> Counts) Measure(List<StoryDocument> stories, Func<StoryDocument, int> match)
    {
        foreach (var s in stories.Take(200))
        {
            match(s);
        }

        var times = new List<double>(stories.Count);
        var counts = new List<double>(stories.Count);
        var (gen2, pause) = (GC.CollectionCount(2), GC.GetTotalPauseDuration());
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        foreach (var story in stories)
        {
            var watch = Stopwatch.StartNew();
            var n = match(story);
            times.Add(watch.Elapsed.TotalMilliseconds);
            counts.Add(n);
            Pairs.Add((n, times[^1]));
        }

        process.Refresh();
        Console.WriteLine($"(matching {stories.Count:N0} stories: CPU {(process.TotalProcessorTime - cpu).TotalMilliseconds / stories.Count:F3} ms a story, wall {times.Sum() / stories.Count:F3} ms; {GC.CollectionCount(2) - gen2} full GCs, GC pauses {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds / stories.Count:F3} ms a story)");

        times.Sort();
        counts.Sort();
        return (times, counts);
    }

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

/// <summary>Watchlists as readers of a markets wire might keep them: 1 to 19 items (10 on average) — tickers 37%
/// (of which 3 points are exposure-map instruments such as EWY or KRW), companies 15%, people 8%, countries 6%,
/// topics 2%, keyword queries 32% — drawn from the knowledge base and the corpus vocabulary with a Zipf skew
/// (s = 0.8): well-known names are followed more often, in knowledge-base order. Queries: a word (1 in 10), two
/// words, an OR, a phrase (an adjacent pair of corpus words or a knowledge-base name with a word), a group, or a
/// NOT; each word is, half of the time, a content word of the corpus (five letters or more, the hundred
/// commonest left out, Zipf by frequency), else a word of a knowledge-base name ("hanwha", "semiconductor"): readers
/// ask about more than this small corpus talks about.</summary>
internal sealed class WatchlistGenerator
{
    private readonly Random _random;
    private readonly Zipf _companies;
    private readonly Zipf _people;
    private readonly Zipf _countries;
    private readonly Zipf _words;
    private readonly KnowledgeBaseEntry[] _companyEntries;
    private readonly KnowledgeBaseEntry[] _personEntries;
    private readonly KnowledgeBaseEntry[] _countryEntries;
    private readonly string[] _symbols;
    private readonly string[] _vocabulary;
    private readonly string[] _pairs;
    private readonly string[] _nameWords;
    private readonly Topic[] _topics = [.. TopicClassifier.All];

    public WatchlistGenerator(KnowledgeBase knowledgeBase, ExposureMap exposures, int seed)
    {
        _random = new Random(seed);
        _companyEntries = [.. knowledgeBase.Entries.Where(e => e.Type == EntityType.Company && e.Ticker is not null)];
        _personEntries = [.. knowledgeBase.Entries.Where(e => e.Type == EntityType.Person)];
        _countryEntries = [.. knowledgeBase.Entries.Where(e => e.Type == EntityType.Country)];
        _symbols = [.. exposures.Facts.SelectMany(f => f.Instruments).Select(i => i.Symbol).Distinct()];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in Corpus.Documents)
        {
            var words = TextWords.Split(doc.Body);
            foreach (var w in words)
            {
                counts[w] = counts.GetValueOrDefault(w) + 1;
            }

            for (var i = 1; i < words.Count; i++)
            {
                if (words[i - 1].Length >= 4 && words[i].Length >= 4 && words[i - 1].All(char.IsLetter) && words[i].All(char.IsLetter))
                {
                    pairs.Add(words[i - 1] + " " + words[i]);
                }
            }
        }

        _vocabulary = [.. counts.Where(c => c.Key.Length >= 5 && c.Key.All(char.IsLetter)).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Skip(100).Select(c => c.Key)];
        _pairs = [.. pairs.Order(StringComparer.Ordinal)];
        _nameWords = [.. knowledgeBase.Entries.SelectMany(e => e.Aliases.Prepend(e.Name)).SelectMany(TextWords.Split)
            .Where(w => w.Length >= 4 && w.All(char.IsLetter)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        _companies = new Zipf(_companyEntries.Length, 0.8);
        _people = new Zipf(_personEntries.Length, 0.8);
        _countries = new Zipf(_countryEntries.Length, 0.8);
        _words = new Zipf(_vocabulary.Length, 0.8);
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
        string W() => _random.Next(2) == 0 ? _vocabulary[_words.Next(_random)] : _nameWords[_random.Next(_nameWords.Length)];
        return _random.Next(10) switch
        {
            0 => W(),
            1 or 2 or 3 => $"{W()} {W()}",
            4 => $"{W()} OR {W()}",
            5 => $"\"{_pairs[_random.Next(_pairs.Length)]}\"",
            6 => $"\"{_companyEntries[_companies.Next(_random)].Name}\" {W()}",
            7 => $"({W()} OR {W()}) {W()}",
            8 => $"{W()} NOT {W()}",
            _ => $"\"{_pairs[_random.Next(_pairs.Length)]}\" OR {W()}",
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
