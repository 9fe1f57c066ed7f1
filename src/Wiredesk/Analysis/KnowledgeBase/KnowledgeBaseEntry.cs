using System.Text.Json.Serialization;

namespace Wiredesk.Analysis.KnowledgeBase;

/// <summary>One line of the knowledge base as it is written in the JSON data files (a public format,
/// see docs/knowledge-base.md). Every list may be omitted.</summary>
public sealed record KnowledgeBaseEntry
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("type")] public required EntityType Type { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>Other names the text may use: "ROK", "Republic of Korea", "Apple Inc.".</summary>
    [JsonPropertyName("aliases")] public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>Countries: "South Korean", "South Koreans".</summary>
    [JsonPropertyName("demonyms")] public IReadOnlyList<string> Demonyms { get; init; } = [];
    /// <summary>Countries: the capital's name; the loader adds it as a place of its own, and as a name
    /// for the country's government in phrases such as "Seoul said".</summary>
    [JsonPropertyName("capital")] public string? Capital { get; init; }
    [JsonPropertyName("ticker")] public string? Ticker { get; init; }
    [JsonPropertyName("exchange")] public string? Exchange { get; init; }
    /// <summary>ISO 3166-1 alpha-2 code of the country a company, person, organisation or place belongs to.</summary>
    [JsonPropertyName("country")] public string? Country { get; init; }
    /// <summary>People: the office held ("President of Russia").</summary>
    [JsonPropertyName("role")] public string? Role { get; init; }
    /// <summary>Companies: GICS-style sector ("Information Technology").</summary>
    [JsonPropertyName("sector")] public string? Sector { get; init; }
}
