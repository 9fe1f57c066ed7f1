namespace Wiredesk;

/// <summary>Everything an operator can configure, in one typed record passed to whatever needs it.
/// The CLI fills it from flags and environment variables (docs/configuration.md).</summary>
public sealed record Settings
{
    /// <summary>Folder holding the SQLite store and the operator's own knowledge-base file.</summary>
    public string DataFolder { get; init; } = "wiredesk-data";

    /// <summary>Inputs larger than this are refused before they are parsed.</summary>
    public long MaxInputBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Hosts (names or literal addresses) that may be fetched even though they resolve to loopback or
    /// private addresses. Empty by default: a server-side fetch must never reach the operator's own network.</summary>
    public IReadOnlyList<string> AllowedPrivateHosts { get; init; } = [];

    /// <summary>Allows every loopback and private address; meant for tests and closed networks.</summary>
    public bool AllowPrivateNetworks { get; init; }

    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public int MaxRedirects { get; init; } = 5;

    /// <summary>How often a feed source is polled when it says nothing itself.</summary>
    public TimeSpan DefaultPollInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Upper bound of the failure backoff for a source.</summary>
    public TimeSpan MaxPollBackoff { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Extra knowledge-base files (same format as the shipped data) merged over the shipped one.</summary>
    public IReadOnlyList<string> KnowledgeBaseFiles { get; init; } = [];

    /// <summary>How far apart (in days, around the days a report's events happen on) a report and a story may be and
    /// still be compared: the reports of one event arrive close together. See docs/stories.md.</summary>
    public TimeSpan StoryWindow { get; init; } = TimeSpan.FromDays(3);

    /// <summary>Per-publisher desk settings, by the source name reports carry ("Demo Wire"): priority for the
    /// editors' queue and opt-in auto-publish. Read by `wiredesk serve` from sources.json in the data folder
    /// (docs/newsroom.md). A source not listed has priority 0 and is never auto-published.</summary>
    public IReadOnlyDictionary<string, SourceSetting> Sources { get; init; } = new Dictionary<string, SourceSetting>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Webhooks and the e-mail digest: read by `wiredesk serve` from delivery.json in the data folder.</summary>
    public Alerts.Delivery.DeliverySettings Delivery { get; init; } = new();

    public string DatabasePath => Path.Combine(DataFolder, "wiredesk.db");

    public SourceSetting SourceSettingOf(string? source) =>
        source is not null && Sources.TryGetValue(source, out var setting) ? setting : SourceSetting.Default;
}

/// <summary>How the desk treats one publisher. Auto-publish needs both flags: a story goes out unreviewed only when
/// every one of its reports comes from a trusted source that opted in, and every sentence is supported.</summary>
public sealed record SourceSetting
{
    public static SourceSetting Default { get; } = new();

    /// <summary>Higher comes first in the editors' queue (0 by default; 1–5 is a useful range).</summary>
    public int Priority { get; init; }
    public bool Trusted { get; init; }
    public bool AutoPublish { get; init; }
    /// <summary>Readers hear of this source's stories before an editor has read them: a draft every sentence of which
    /// the verifier supports raises alerts at once, marked unedited (docs/alerts.md, "Breaking").</summary>
    public bool Breaking { get; init; }
}
