using System.Text.Json;
using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Analysis;

/// <summary>The stored analysis is written by hand for speed; it must be the text the serializer writes for the same
/// record, read back to the same record, and any other options must behave as the serializer alone would.</summary>
public sealed class ReportAnalysisJsonTests
{
    private static readonly Lazy<Analyzer> Shared = new(() => new Analyzer(KnowledgeBase.LoadDefault()));

    /// <summary>What the serializer writes for the same properties without the hand-written path.</summary>
    private static string BySerializer(ReportAnalysis a, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(new ReportAnalysisJsonConverter.Shape(a.Sentences, a.Entities, a.Quotes, a.Numbers, a.Dates, a.Topics), options);

    [Fact]
    public void Stored_json_is_the_serializers_text_on_the_corpus()
    {
        foreach (var d in Corpus.Documents)
        {
            var analysis = Shared.Value.Analyze(d.Title, d.Body, new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero));
            var json = JsonSerializer.Serialize(analysis, JsonDefaults.Options);

            Assert.Equal(BySerializer(analysis, JsonDefaults.Options), json);
            var back = JsonSerializer.Deserialize<ReportAnalysis>(json, JsonDefaults.Options);
            Assert.NotNull(back);
            Assert.Equal(json, JsonSerializer.Serialize(back, JsonDefaults.Options));
        }
    }

    [Fact]
    public void Nulls_escapes_and_every_entity_type_are_written_as_the_serializer_writes_them()
    {
        var analysis = new ReportAnalysis(
            [new Sentence("“Quoted” <b> & 'x' \u2028 é\t\\", 0, 30)],
            [.. Enum.GetValues<EntityType>().Select((t, i) => new Entity($"x:{i}", $"Name {i}", t, i == 0 ? "TCK" : null, i == 0 ? "NYSE" : null, [new Mention("Name", i, i + 4)]))],
            [new Quote("said so", 1, 8, null), new Quote("again", 10, 15, new Speaker(null, "an official", 20, 31)), new Quote("ok", 40, 42, new Speaker("person:a", "A", 50, 51))],
            [new NumberMention("$1.2 billion", 1.2e9, "USD", 0, 12), new NumberMention("0.1", 0.1, null, 13, 16), new NumberMention("2/3", 2.0 / 3, null, 17, 20), new NumberMention("-5", -5, null, 21, 23)],
            [new DateMention("May 27", "2024-05-27", 0, 6), new DateMention("the last few weeks", null, 7, 25)],
            [new Topic("medtop:04000000", "economy, business and finance")]);

        var json = JsonSerializer.Serialize(analysis, JsonDefaults.Options);

        Assert.Equal(BySerializer(analysis, JsonDefaults.Options), json);
        Assert.Contains("\"type\":\"company\"", json, StringComparison.Ordinal);
        Assert.Contains("\"speaker\":null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_lists_are_written_as_null()
    {
        var analysis = new ReportAnalysis(null!, [], null!, [], null!, []);

        var json = JsonSerializer.Serialize(analysis, JsonDefaults.Options);

        Assert.Equal(BySerializer(analysis, JsonDefaults.Options), json);
        Assert.StartsWith("{\"sentences\":null,\"entities\":[]", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Other_options_get_the_serializers_own_output(bool indented)
    {
        var options = new JsonSerializerOptions { WriteIndented = indented };
        var analysis = Shared.Value.Analyze("Fed holds rates", "The Federal Reserve held rates at 5.25 percent on Wednesday, Jerome Powell said.", null);

        var json = JsonSerializer.Serialize(analysis, options);

        Assert.Equal(BySerializer(analysis, options), json);
        Assert.Contains("\"Sentences\"", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<ReportAnalysis>(json, options);
        Assert.Equal(json, JsonSerializer.Serialize(back, options));
    }
}
