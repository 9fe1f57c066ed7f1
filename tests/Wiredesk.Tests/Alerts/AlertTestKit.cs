using Wiredesk.Alerts;
using Wiredesk.Analysis;
using Wiredesk.Drafting;
using KnowledgeBaseIndex = Wiredesk.Analysis.KnowledgeBase.KnowledgeBase;

namespace Wiredesk.Tests.Alerts;

/// <summary>The shipped knowledge base and exposure map (matching is about them), and stories built from parts
/// with sentences the tests write themselves.</summary>
internal static class AlertTestKit
{
    public static readonly KnowledgeBaseIndex KnowledgeBase = KnowledgeBaseIndex.LoadDefault();
    public static readonly ExposureMap Exposures = ExposureMap.LoadDefault();

    public static AlertMatcher NewMatcher(Func<string, int>? documentFrequency = null) => new(KnowledgeBase, Exposures, documentFrequency);

    /// <summary>A story of this text whose entities are the given knowledge-base ids, all main (named twice).</summary>
    public static StoryDocument Story(string text, string[]? entityIds = null, string[]? topics = null, string headline = "Headline")
    {
        var entities = (entityIds ?? []).Select(id =>
        {
            var e = KnowledgeBase.Find(id) ?? throw new ArgumentException($"no knowledge-base entry {id}");
            return new StoryEntity(e.Id, e.Name, e.Type, e.Ticker, 2, true);
        });
        var topicList = (topics ?? []).Select(code => Wiredesk.Analysis.Topics.TopicClassifier.All.Single(t => t.Code == code));
        return new StoryDocument("story-1", headline, text, entities, topicList);
    }

    public static Watchlist List(long id, params WatchlistItem[] items) => new(id, 1000 + id, "list " + id, items);

    public static WatchlistItem Item(WatchlistItemKind kind, string value) => new(kind, value);

    public static StoryEntity Entity(string id, EntityType type, string name, bool main = true, int mentions = 2, string? ticker = null) =>
        new(id, name, type, ticker, mentions, main);
}
