using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;

namespace Wiredesk.Tests.Analysis;

/// <summary>A small knowledge base the entity and quote tests own, so that their expectations do not move
/// when the shipped data grows.</summary>
internal static class TestKnowledgeBase
{
    public static readonly KnowledgeBase Instance = KnowledgeBase.FromEntries(
    [
        new KnowledgeBaseEntry { Id = "country:KR", Type = EntityType.Country, Name = "South Korea", Aliases = ["Republic of Korea", "ROK"], Demonyms = ["South Korean", "South Koreans"], Capital = "Seoul" },
        new KnowledgeBaseEntry { Id = "country:KP", Type = EntityType.Country, Name = "North Korea", Aliases = ["DPRK", "Democratic People's Republic of Korea"], Demonyms = ["North Korean"], Capital = "Pyongyang" },
        new KnowledgeBaseEntry { Id = "country:RU", Type = EntityType.Country, Name = "Russia", Demonyms = ["Russian", "Russians"], Capital = "Moscow" },
        new KnowledgeBaseEntry { Id = "country:US", Type = EntityType.Country, Name = "United States", Aliases = ["U.S.", "US", "the United States"], Demonyms = ["American"], Capital = "Washington" },
        new KnowledgeBaseEntry { Id = "country:UA", Type = EntityType.Country, Name = "Ukraine", Capital = "Kyiv" },
        new KnowledgeBaseEntry { Id = "country:GW", Type = EntityType.Country, Name = "Guinea-Bissau" },
        new KnowledgeBaseEntry { Id = "place:indo-pacific", Type = EntityType.Place, Name = "Indo-Pacific" },
        new KnowledgeBaseEntry { Id = "place:korean-peninsula", Type = EntityType.Place, Name = "Korean Peninsula" },
        new KnowledgeBaseEntry { Id = "person:vladimir-putin", Type = EntityType.Person, Name = "Vladimir Putin", Role = "President of Russia" },
        new KnowledgeBaseEntry { Id = "org:un", Type = EntityType.Organization, Name = "United Nations", Aliases = ["UN"] },
        new KnowledgeBaseEntry { Id = "company:AAPL", Type = EntityType.Company, Name = "Apple", Aliases = ["Apple Inc."], Ticker = "AAPL", Exchange = "NASDAQ" },
    ]);
}
