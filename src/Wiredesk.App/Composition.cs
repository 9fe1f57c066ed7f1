using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Bus;
using Wiredesk.Drafting;
using Wiredesk.Ingest;
using Wiredesk.Ingest.Http;
using Wiredesk.Storage;
using Wiredesk.Verification;

namespace Wiredesk.App;

/// <summary>The composition root: builds the pipeline's parts from the settings, once per command.</summary>
public sealed class Composition : IDisposable
{
    private readonly Lazy<SafeHttpClient> _http;

    private Composition(Settings settings, Database database, Analyzer analyzer)
    {
        Settings = settings;
        Database = database;
        Analyzer = analyzer;
        _http = new(() => new SafeHttpClient(settings));
        Pipeline = new IngestPipeline(database, analyzer, settings, Time);
    }

    public Settings Settings { get; }
    public Database Database { get; }
    public Analyzer Analyzer { get; }
    public IngestPipeline Pipeline { get; }
    public TimeProvider Time { get; } = TimeProvider.System;
    /// <summary>The in-process bus: the few facts stages tell each other (Bus/Messages.cs).</summary>
    public InProcessBus Bus { get; } = new();
    public SafeHttpClient Http => _http.Value;

    public static async Task<Composition> CreateAsync(Settings settings, CancellationToken ct)
    {
        var database = await Database.OpenAsync(settings.DatabasePath, ct);
        return new Composition(settings, database, CreateAnalyzer(settings));
    }

    /// <summary>Analysis alone needs no store (`wiredesk analyze` writes nothing).</summary>
    public static Analyzer CreateAnalyzer(Settings settings) =>
        new(KnowledgeBase.LoadDefault(settings.KnowledgeBaseFiles));

    /// <summary>The deterministic draft writer with its verifier (`wiredesk draft`): no store needed.</summary>
    public static DraftWriter CreateDraftWriter(Settings settings)
    {
        var knowledgeBase = KnowledgeBase.LoadDefault(settings.KnowledgeBaseFiles);
        var analyzer = new Analyzer(knowledgeBase);
        return new DraftWriter(analyzer, knowledgeBase, ExposureMap.LoadDefault(), new Verifier(analyzer));
    }

    public void Dispose()
    {
        if (_http.IsValueCreated)
        {
            _http.Value.Dispose();
        }
    }
}
