using System.Text;
using Microsoft.Extensions.Time.Testing;
using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Ingest;
using Wiredesk.Storage;

namespace Wiredesk.Tests.Support;

/// <summary>A real pipeline over a fresh SQLite file in a temporary folder: each test owns its store.</summary>
public sealed class TestPipeline
{
    /// <summary>The knowledge base is read-only once loaded, so all tests share one.</summary>
    public static readonly Lazy<Analyzer> SharedAnalyzer = new(() => new Analyzer(KnowledgeBase.LoadDefault()));

    private TestPipeline(Settings settings, Database database, FakeTimeProvider time)
    {
        Settings = settings;
        Database = database;
        Time = time;
        Pipeline = new IngestPipeline(database, SharedAnalyzer.Value, settings, time);
        Reports = new ReportStore(database);
    }

    public Settings Settings { get; }
    public Database Database { get; }
    public FakeTimeProvider Time { get; }
    public IngestPipeline Pipeline { get; }
    public ReportStore Reports { get; }

    /// <summary>The fake clock starts at <paramref name="now"/> (default 2026-11-28 09:00 UTC); it only moves forward.</summary>
    public static async Task<TestPipeline> CreateAsync(Settings? settings = null, DateTimeOffset? now = null)
    {
        settings ??= new Settings { DataFolder = TestPaths.NewTempFolder() };
        var time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        return new TestPipeline(settings, await Database.OpenAsync(settings.DatabasePath), time);
    }

    public async Task<IngestOutcome> IngestTextAsync(string title, string body, string origin = "test.txt")
    {
        var result = await Pipeline.IngestAsync(new RawInput(origin, Encoding.UTF8.GetBytes($"{title}\n\n{body}"), "text/plain"));
        return Assert.Single(result.Outcomes);
    }
}
