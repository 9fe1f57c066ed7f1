using System.Diagnostics;
using Dapper;
using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Storage;
using Wiredesk.Stories;

namespace Wiredesk.Bench;

/// <summary>Story assignment time per report as the store grows to 1k, 10k and 100k stories. Stories are synthetic
/// (random entity sets from the knowledge base, random words, an amount half of the time) and all fall inside one
/// week, the worst case for the index: every story is inside the time window of every measured report, so only the
/// per-key bound keeps the candidate count from growing. Half of the measured reports follow up a stored story, half
/// are new. Each assignment runs in its own committed write transaction, as in ingest; report rows are not inserted
/// (foreign keys off), so the figures are the story step alone.</summary>
public static class StoryAssignmentBenchmark
{
    private const int Measured = 1_000;

    public static async Task RunAsync(int[] sizes)
    {
        Console.WriteLine();
        Console.WriteLine("## Story assignment: time per report as stories grow (all stories inside the window)");
        Console.WriteLine("Find = candidate lookup and scoring (read only); assign = find + writing the story, one committed transaction.");
        Console.WriteLine("| stories | reports | find mean ms | find p50 | find p95 | assign mean ms | assign p50 | assign p95 | assign p99 | joined | started | seeding s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        var generator = new SyntheticStories(KnowledgeBase.LoadDefault(), seed: 20261128);
        var folder = Directory.CreateTempSubdirectory("wiredesk-bench-stories-").FullName;
        try
        {
            var database = await Database.OpenAsync(Path.Combine(folder, "wiredesk.db"));
            var clusterer = new Clusterer(new Settings());
            await using var connection = await database.ConnectAsync();
            await connection.ExecuteAsync("PRAGMA foreign_keys=OFF");
            var seeded = new List<StoryFeatures>();
            long nextReport = 1;

            foreach (var size in sizes)
            {
                var seeding = Stopwatch.StartNew();
                while (seeded.Count < size)
                {
                    await using var tx = await connection.BeginTransactionAsync();
                    for (var i = 0; i < 5_000 && seeded.Count < size; i++)
                    {
                        var story = generator.NewReport();
                        await StoryStore.AddAsync(connection, tx, nextReport++, story, StoryProfile.Of(story));
                        seeded.Add(story);
                    }

                    await tx.CommitAsync();
                }

                seeding.Stop();
                var times = new List<double>(Measured);
                var finds = new List<double>(Measured);
                var (joined, started) = (0, 0);
                for (var i = 0; i < Measured; i++)
                {
                    var report = i % 2 == 0 ? generator.FollowUp(seeded[generator.Next(seeded.Count)]) : generator.NewReport();
                    var find = Stopwatch.StartNew();
                    _ = await clusterer.BestMatchAsync(connection, null, report);
                    finds.Add(find.Elapsed.TotalMilliseconds);
                    var watch = Stopwatch.StartNew();
                    await using (var tx = await connection.BeginTransactionAsync())
                    {
                        var assignment = await clusterer.AssignAsync(connection, tx, nextReport++, report);
                        await tx.CommitAsync();
                        _ = assignment.Kind == StoryAssignmentKind.Joined ? joined++ : started++;
                    }

                    times.Add(watch.Elapsed.TotalMilliseconds);
                }

                times.Sort();
                finds.Sort();
                Console.WriteLine($"| {size:N0} | {Measured:N0} | {finds.Average():F2} | {Percentile(finds, 0.50):F2} | {Percentile(finds, 0.95):F2} | {times.Average():F2} | {Percentile(times, 0.50):F2} | {Percentile(times, 0.95):F2} | {Percentile(times, 0.99):F2} | {joined} | {started} | {seeding.Elapsed.TotalSeconds:F0} |");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    /// <summary>Reports as story assignment sees them, made from knowledge-base entities and a synthetic vocabulary.</summary>
    private sealed class SyntheticStories(KnowledgeBase knowledgeBase, int seed)
    {
        private static readonly DateTimeOffset Start = new(2025, 6, 2, 0, 0, 0, TimeSpan.Zero);
        private readonly Random _random = new(seed);
        private readonly KnowledgeBaseEntry[][] _byType = [.. Enum.GetValues<EntityType>().Select(t => knowledgeBase.Entries.Where(e => e.Type == t).ToArray())];
        private readonly string[] _words = [.. Enumerable.Range(0, 5_000).Select(Word)];

        public int Next(int max) => _random.Next(max);

        /// <summary>A made-up word of letters only (the term vector reads letters), distinct for each number.</summary>
        private static string Word(int number)
        {
            var letters = new char[4];
            for (var i = 0; i < letters.Length; i++, number /= 26)
            {
                letters[i] = (char)('a' + (number % 26));
            }

            return "syn" + new string(letters);
        }

        public StoryFeatures NewReport()
        {
            var entities = new List<KnowledgeBaseEntry>();
            Pick(entities, EntityType.Person, 2);
            Pick(entities, EntityType.Company, 1);
            Pick(entities, EntityType.Organization, 1);
            Pick(entities, EntityType.Place, 1);
            Pick(entities, EntityType.Country, 2);
            var amount = _random.Next(2) == 0 ? $"amount:USD:{_random.Next(1, 999) * 1_000_000}" : null;
            var words = Enumerable.Range(0, 60).Select(_ => _words[_random.Next(_words.Length)]).ToList();
            return Make(entities, amount, words, Start.AddMinutes(_random.Next(7 * 24 * 60)));
        }

        /// <summary>Another report on the same event: most of its entities and words, a few of its own.</summary>
        public StoryFeatures FollowUp(StoryFeatures story)
        {
            var keys = story.Keys.Where(_ => _random.NextDouble() < 0.8).ToList();
            var words = story.Terms.Weights.Keys.Where(_ => _random.NextDouble() < 0.7)
                .Concat(Enumerable.Range(0, 20).Select(_ => _words[_random.Next(_words.Length)])).ToList();
            return story with
            {
                Keys = keys,
                LeadAmounts = [.. story.LeadAmounts.Where(a => keys.Any(k => k.Key == a))],
                Terms = TermVector.Of(string.Join(' ', words.Take(8)), string.Join(' ', words)),
                At = story.At.AddHours(_random.Next(1, 30)),
                EventDays = [.. story.EventDays.Append(DateOnly.FromDateTime(story.At.AddHours(30).UtcDateTime)).Distinct().Order()],
            };
        }

        private void Pick(List<KnowledgeBaseEntry> into, EntityType type, int count)
        {
            var pool = _byType[(int)type];
            for (var i = 0; i < count && pool.Length > 0; i++)
            {
                into.Add(pool[_random.Next(pool.Length)]);
            }
        }

        private static StoryFeatures Make(List<KnowledgeBaseEntry> entities, string? amount, List<string> words, DateTimeOffset at)
        {
            var keys = entities.DistinctBy(e => e.Id).Select(e => new ReportKey(e.Id, StoryFeatures.KindOf(e.Type), e.Name, 1)).ToList();
            if (amount is not null)
            {
                keys.Add(new ReportKey(amount, KeyKind.Amount, amount, 1));
            }

            return new StoryFeatures
            {
                Title = string.Join(' ', words.Take(8)),
                At = at,
                Keys = keys,
                EventDays = [DateOnly.FromDateTime(at.UtcDateTime)],
                LeadAmounts = amount is null ? [] : [amount],
                Terms = TermVector.Of(string.Join(' ', words.Take(8)), string.Join(' ', words)),
            };
        }
    }
}
