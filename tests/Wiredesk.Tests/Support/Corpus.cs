using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wiredesk.Tests.Support;

/// <summary>The shared corpus: real news texts with hand-checked annotations (see ../shared/corpus/README.md).
/// Read from ../shared at test time; never copied into the repository.</summary>
public static class Corpus
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    private static readonly Lazy<IReadOnlyList<CorpusDocument>> All = new(Load);

    public static IReadOnlyList<CorpusDocument> Documents => All.Value;

    public static CorpusDocument Get(string id) => Documents.Single(d => d.Id == id);

    /// <summary>Two reports of one event published the same day (one story) and one report of no listed event (a
    /// story of its own): the smallest store that shows grouping.</summary>
    public static (IReadOnlyList<CorpusDocument> SameEvent, CorpusDocument Unrelated) OneEventAndOneUnrelated() =>
        ([.. Documents.Where(d => d.Event is not null).GroupBy(d => d.Event).First(g => g.Count() == 2 && g.Select(d => d.Published).Distinct().Count() == 1)],
         Documents.First(d => d.Event is null && d.Published is not null));

    private static List<CorpusDocument> Load()
    {
        var docs = new List<CorpusDocument>();
        foreach (var path in Directory.GetFiles(TestPaths.CorpusFolder, "*.json").Where(p => !p.EndsWith(".gold.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var doc = JsonSerializer.Deserialize<CorpusDocument>(File.ReadAllText(path), Options)!;
            var goldPath = Path.ChangeExtension(path, ".gold.json");
            var gold = File.Exists(goldPath) ? JsonSerializer.Deserialize<CorpusGold>(File.ReadAllText(goldPath), Options) : null;
            docs.Add(doc with { Gold = gold, FilePath = path });
        }

        return docs;
    }
}

public sealed record CorpusDocument
{
    public required string Id { get; init; }
    public string? Url { get; init; }
    public string? Source { get; init; }
    public string? Published { get; init; }
    public string? License { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public string? Topic { get; init; }
    [JsonPropertyName("body_complete")] public bool? BodyComplete { get; init; }
    [JsonPropertyName("boilerplate_included")] public bool? BoilerplateIncluded { get; init; }
    public string? Event { get; init; }
    [JsonIgnore] public CorpusGold? Gold { get; init; }
    [JsonIgnore] public string FilePath { get; init; } = "";
}

public sealed record CorpusGold
{
    public IReadOnlyList<string> People { get; init; } = [];
    public IReadOnlyList<string> Organizations { get; init; } = [];
    [JsonPropertyName("countries_places")] public IReadOnlyList<string> CountriesPlaces { get; init; } = [];
    public IReadOnlyList<GoldQuote> Quotes { get; init; } = [];
    public IReadOnlyList<string> Numbers { get; init; } = [];
    public IReadOnlyList<string> Dates { get; init; } = [];
    [JsonPropertyName("key_facts")] public IReadOnlyList<string> KeyFacts { get; init; } = [];
    public IReadOnlyList<string> Boilerplate { get; init; } = [];
}

public sealed record GoldQuote(string Text, string? Speaker);
