using Wiredesk.Alerts;
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
    private readonly Lazy<Verifier> _verifier;
    private readonly Lazy<DraftWriter> _writer;
    private readonly Lazy<Alerting> _alerting;

    private Composition(Settings settings, Database database, KnowledgeBase knowledgeBase)
    {
        Settings = settings;
        Database = database;
        Analyzer = new Analyzer(knowledgeBase);
        _http = new(() => new SafeHttpClient(settings));
        Pipeline = new IngestPipeline(database, Analyzer, settings, Time);
        // Built on first use from the same knowledge base: a command that never drafts never pays for it.
        _verifier = new(() => new Verifier(Analyzer));
        _writer = new(() => new DraftWriter(Analyzer, knowledgeBase, ExposureMap.LoadDefault(), _verifier.Value));
        _alerting = new(() => new Alerting(database, knowledgeBase, ExposureMap.LoadDefault(), Bus, settings, Time));
    }

    public Settings Settings { get; }
    public Database Database { get; }
    public Analyzer Analyzer { get; }
    public IngestPipeline Pipeline { get; }
    public TimeProvider Time { get; } = TimeProvider.System;
    /// <summary>The in-process bus: the few facts stages tell each other (Bus/Messages.cs).</summary>
    public InProcessBus Bus { get; } = new();
    public SafeHttpClient Http => _http.Value;
    /// <summary>The verifier editors' saves are checked with.</summary>
    public Verifier Verifier => _verifier.Value;
    /// <summary>The newsroom's draft writer (deterministic; verifies what it writes).</summary>
    public DraftWriter DraftWriter => _writer.Value;
    /// <summary>The server's watchlist index and alert raising (loaded by the alert worker at start).</summary>
    public Alerting Alerting => _alerting.Value;

    public static async Task<Composition> CreateAsync(Settings settings, CancellationToken ct)
    {
        var database = await Database.OpenAsync(settings.DatabasePath, ct);
        return new Composition(settings, database, KnowledgeBase.LoadDefault(settings.KnowledgeBaseFiles));
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

        if (_alerting.IsValueCreated)
        {
            _alerting.Value.Dispose();
        }

        Database.Dispose();
    }
}
