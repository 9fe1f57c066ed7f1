using System.Text.Json.Serialization;

namespace Wiredesk.Analysis;

/// <summary>What the analyzer understood of one report's clean text. Every span is a
/// character offset range [Start, End) into that text. Written to JSON by <see cref="ReportAnalysisJsonConverter"/>.</summary>
[JsonConverter(typeof(ReportAnalysisJsonConverter))]
public sealed record ReportAnalysis(
    IReadOnlyList<Sentence> Sentences,
    IReadOnlyList<Entity> Entities,
    IReadOnlyList<Quote> Quotes,
    IReadOnlyList<NumberMention> Numbers,
    IReadOnlyList<DateMention> Dates,
    IReadOnlyList<Topic> Topics);

public sealed record Sentence(string Text, int Start, int End);

[JsonConverter(typeof(JsonStringEnumConverter<EntityType>))]
public enum EntityType
{
    [JsonStringEnumMemberName("person")] Person,
    [JsonStringEnumMemberName("organization")] Organization,
    [JsonStringEnumMemberName("country")] Country,
    [JsonStringEnumMemberName("place")] Place,
    [JsonStringEnumMemberName("company")] Company,
}

/// <summary>One real-world thing and every place the text names it. Id is the knowledge-base id
/// ("country:KR", "company:AAPL") or, for names found by rules, the type and a slug ("person:kim-hong-kyun").</summary>
public sealed record Entity(
    string Id,
    string Name,
    EntityType Type,
    string? Ticker,
    string? Exchange,
    IReadOnlyList<Mention> Mentions);

public sealed record Mention(string Text, int Start, int End);

/// <summary>A direct or partial quote (Text without the quote marks; Start/End cover the text inside them)
/// and who said it: an entity, an unnamed descriptor ("a senior official"), or nobody the text names.</summary>
public sealed record Quote(string Text, int Start, int End, Speaker? Speaker);

/// <summary>EntityId is null for an unnamed speaker; Name is then the descriptor as the text gives it.</summary>
public sealed record Speaker(string? EntityId, string Name, int Start, int End);

/// <summary>Value has the magnitude folded in ("$1.2 billion" = 1.2e9, unit "USD").
/// Units: ISO currency codes, "percent", "percentage point", "basis point", or a counted noun ("missiles"); null for a bare number.</summary>
public sealed record NumberMention(string Text, double Value, string? Unit, int Start, int End);

/// <summary>Value is ISO 8601: a day "2024-05-29", a month "2024-05", a year "2024", a week "2024-W22",
/// or a time "2024-05-31T15:45"; null where the text cannot be resolved.</summary>
public sealed record DateMention(string Text, string? Value, int Start, int End);

/// <summary>An IPTC Media Topic, top level ("medtop:04000000", "economy, business and finance").</summary>
public sealed record Topic(string Code, string Name);
