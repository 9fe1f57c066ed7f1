using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wiredesk.Drafting;

/// <summary>The knowledge base's market-exposure facts (docs/knowledge-base.md, "Exposure map"): which countries,
/// sectors and instruments a story touches and why. A fact applies when every non-empty trigger list has a match:
/// one of its entity ids among the story's main entities, one of its keywords in the story's text.
/// Immutable once loaded; safe to share.</summary>
public sealed class ExposureMap
{
    private const string Resource = "Wiredesk.Analysis.KnowledgeBase.Exposures.exposures.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private ExposureMap(IReadOnlyList<ExposureFact> facts)
    {
        Facts = facts;
        _lowerKeywords = [.. facts.Select(f => f.Triggers.Keywords.Select(k => k.ToLowerInvariant()).ToArray())];
    }

    /// <summary>Each fact's keywords in lower case, by the fact's position.</summary>
    private readonly string[][] _lowerKeywords;

    public IReadOnlyList<ExposureFact> Facts { get; }

    /// <summary>The shipped exposure map. Throws <see cref="InvalidDataException"/> naming the problem.</summary>
    public static ExposureMap LoadDefault()
    {
        using var stream = typeof(ExposureMap).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidDataException($"embedded resource {Resource} is missing");
        return Load(stream, "exposures.json");
    }

    public static ExposureMap Load(Stream stream, string name)
    {
        List<ExposureFact>? facts;
        try
        {
            facts = JsonSerializer.Deserialize<List<ExposureFact>>(stream, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Exposure file '{name}': invalid JSON: {e.Message}", e);
        }

        if (facts is null)
        {
            throw new InvalidDataException($"Exposure file '{name}': expected a JSON array of facts");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < facts.Count; i++)
        {
            var f = facts[i];
            var problem = f is null ? "is null"
                : string.IsNullOrWhiteSpace(f.Id) ? "has an empty id"
                : !seen.Add(f.Id) ? $"('{f.Id}') repeats an id"
                : string.IsNullOrWhiteSpace(f.Text) ? $"('{f.Id}') has no explanation text"
                : f.Instruments.Count == 0 ? $"('{f.Id}') names no instrument"
                : f.Triggers.Entities.Count == 0 && f.Triggers.Keywords.Count == 0 ? $"('{f.Id}') has no trigger"
                : null;
            if (problem is not null)
            {
                throw new InvalidDataException($"Exposure file '{name}': fact {i + 1} {problem}");
            }
        }

        return new ExposureMap(facts);
    }

    /// <summary>The facts that apply to a story with these main entities and this text (matching ignores case):
    /// themes before countries; among themes, higher priority first, then most keywords matched; otherwise file order.</summary>
    public IReadOnlyList<ExposureFact> Match(IReadOnlySet<string> mainEntityIds, string text)
    {
        ArgumentNullException.ThrowIfNull(mainEntityIds);
        ArgumentNullException.ThrowIfNull(text);
        // Lower-cased once, so that every keyword is an ordinal (vectorised) search: a story's text is long and
        // the map has many keywords. Lower-casing keeps every character's position.
        var lower = text.ToLowerInvariant();
        // Themes first, the one whose keywords the story uses most leading: a Red Sea story is about shipping
        // before it is about defence contractors.
        return [.. Facts.Select((f, i) => (Fact: f, Keywords: _lowerKeywords[i]))
            .Where(x => x.Fact.Applies(mainEntityIds, x.Keywords, lower))
            .OrderBy(x => x.Fact.Kind == ExposureKinds.Country ? 1 : 0)
            .ThenByDescending(x => x.Fact.Priority)
            .ThenByDescending(x => x.Keywords.Count(k => ExposureFact.ContainsWord(lower, k)))
            .Select(x => x.Fact)];
    }
}

/// <summary>One exposure fact as written in exposures.json.</summary>
public sealed record ExposureFact
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    /// <summary>"country" (index, ETF, currency of a country) or "theme" (an event type and the sectors it moves).</summary>
    [JsonPropertyName("kind")] public string Kind { get; init; } = ExposureKinds.Theme;
    /// <summary>Among themes that apply, a higher priority is told first (a theme more specific than its keywords
    /// show, such as Red Sea shipping against general military tension). Default 0.</summary>
    [JsonPropertyName("priority")] public int Priority { get; init; }
    [JsonPropertyName("triggers")] public ExposureTriggers Triggers { get; init; } = new();
    [JsonPropertyName("instruments")] public IReadOnlyList<Instrument> Instruments { get; init; } = [];
    /// <summary>The explanation: one sentence a draft may print as it stands, the fact a market sentence rests on.</summary>
    [JsonPropertyName("text")] public string Text { get; init; } = "";

    /// <summary>Text and keywords lower case already.</summary>
    internal bool Applies(IReadOnlySet<string> entities, string[] lowerKeywords, string lowerText) =>
        (Triggers.Entities.Count == 0 || Triggers.Entities.Any(entities.Contains))
        && (lowerKeywords.Length == 0 || lowerKeywords.Any(k => ContainsWord(lowerText, k)));

    /// <summary>A keyword matches at a word start only: "strike" matches "strikes", "rate" does not match "separate".
    /// Both are lower case already.</summary>
    internal static bool ContainsWord(string text, string keyword)
    {
        var at = 0;
        while ((at = text.IndexOf(keyword, at, StringComparison.Ordinal)) >= 0)
        {
            if (at == 0 || !char.IsLetterOrDigit(text[at - 1]))
            {
                return true;
            }

            at++;
        }

        return false;
    }
}

public sealed record ExposureTriggers
{
    /// <summary>Knowledge-base entity ids ("country:KR", "org:federal-reserve"); any one among the main entities.</summary>
    [JsonPropertyName("entities")] public IReadOnlyList<string> Entities { get; init; } = [];
    /// <summary>Words or phrases; any one in the story's text, matched case-insensitively at a word start.</summary>
    [JsonPropertyName("keywords")] public IReadOnlyList<string> Keywords { get; init; } = [];
}

/// <summary>A tradable thing: Symbol is the ticker or code ("EWY", "KRW", "LMT"), Kind one of index, etf, currency,
/// stock, commodity, bond.</summary>
public sealed record Instrument(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind);

public static class ExposureKinds
{
    public const string Country = "country";
    public const string Theme = "theme";
}
