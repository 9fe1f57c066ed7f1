using Wiredesk.Analysis;
using Wiredesk.Analysis.Entities;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Analysis;

public sealed class KnowledgeBaseTests
{
    private static readonly Lazy<KnowledgeBase> Shipped = new(() => KnowledgeBase.LoadDefault());

    [Fact]
    public void Shipped_data_has_every_kind_of_entry()
    {
        var kb = Shipped.Value;

        foreach (var type in Enum.GetValues<EntityType>())
        {
            Assert.Contains(kb.Entries, e => e.Type == type);
        }

        Assert.True(kb.Entries.Count(e => e.Type == EntityType.Country) >= 190, "every country");
        Assert.True(kb.Entries.Count(e => e.Type == EntityType.Company && e.Ticker is not null) >= 150, "the largest companies with tickers");
    }

    [Fact]
    public void Each_country_capital_becomes_a_place()
    {
        var kb = Shipped.Value;
        var capitals = kb.Entries.Where(e => e.Type == EntityType.Country && e.Capital is not null).Select(e => e.Capital!).ToList();

        Assert.NotEmpty(capitals);
        var places = kb.Entries.Where(e => e.Type == EntityType.Place).SelectMany(e => e.Aliases.Prepend(e.Name)).ToHashSet(StringComparer.Ordinal);
        Assert.All(capitals, c => Assert.Contains(c, places));
    }

    [Fact]
    public void A_user_file_adds_entries_and_replaces_shipped_ones_by_id()
    {
        var folder = TestPaths.NewTempFolder();
        var file = Path.Combine(folder, "newsroom.json");
        File.WriteAllText(file, """
            [
              { "id": "country:US", "type": "country", "name": "Testland", "aliases": ["TL"] },
              { "id": "person:zorblat-quux", "type": "person", "name": "Zorblat Quux", "role": "Mayor of Nowhere" }
            ]
            """);

        var kb = KnowledgeBase.LoadDefault([file]);

        Assert.Equal("Testland", kb.Find("country:US")!.Name);
        Assert.Equal(Shipped.Value.Count + 1, kb.Count);
        var entities = new EntityRecognizer(kb).Recognize("Zorblat Quux visited Testland.");
        Assert.Equal(["person:zorblat-quux", "country:US"], entities.Select(e => e.Id));
    }

    [Theory]
    [InlineData("[ { \"id\": \"x:1\", \"type\": \"person\", ", "invalid JSON")]
    [InlineData("{ \"id\": \"x:1\" }", "invalid JSON")]
    [InlineData("[ { \"id\": \"x:1\", \"type\": \"person\" } ]", "invalid JSON")]
    [InlineData("[ { \"id\": \"x:1\", \"type\": \"planet\", \"name\": \"Mars\" } ]", "invalid JSON")]
    [InlineData("[ { \"id\": \"\", \"type\": \"person\", \"name\": \"A B\" } ]", "empty id")]
    [InlineData("[ { \"id\": \"x:1\", \"type\": \"person\", \"name\": \" \" } ]", "empty name")]
    [InlineData("[ { \"id\": \"x:1\", \"type\": \"person\", \"name\": \"A B\" }, { \"id\": \"x:1\", \"type\": \"person\", \"name\": \"C D\" } ]", "repeats an id")]
    [InlineData("[ { \"id\": \"x:1\", \"type\": \"person\", \"name\": \"A B\", \"aliases\": [\"\"] } ]", "empty alias")]
    [InlineData("null", "expected a JSON array")]
    public void An_invalid_user_file_names_the_file_and_the_problem(string json, string problem)
    {
        var file = Path.Combine(TestPaths.NewTempFolder(), "broken.json");
        File.WriteAllText(file, json);

        var error = Assert.Throws<InvalidDataException>(() => KnowledgeBase.LoadDefault([file]));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_user_file_is_named()
    {
        var file = Path.Combine(TestPaths.NewTempFolder(), "absent.json");

        var error = Assert.Throws<InvalidDataException>(() => KnowledgeBase.LoadDefault([file]));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("They met in the U.S. capital.", "country:US", "U.S.")]
    [InlineData("Officials in Seoul said so.", "place:seoul", "Seoul")]
    [InlineData("WASHINGTON — Officials said so.", "place:washington", "WASHINGTON")]
    public void Shipped_names_are_found(string text, string id, string mention)
    {
        var entities = new EntityRecognizer(Shipped.Value).Recognize(text);

        var entity = Assert.Single(entities, e => e.Id == id);
        Assert.Equal(mention, entity.Mentions[0].Text);
    }

    [Fact]
    public void Lower_case_words_do_not_match_all_caps_aliases()
    {
        var entities = new EntityRecognizer(Shipped.Value).Recognize("Let us know if it works for us.");

        Assert.Empty(entities);
    }
}
