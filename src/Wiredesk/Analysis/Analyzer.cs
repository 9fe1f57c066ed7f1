using Wiredesk.Analysis.Dates;
using Wiredesk.Analysis.Entities;
using Wiredesk.Analysis.Numbers;
using Wiredesk.Analysis.Quotes;
using Wiredesk.Analysis.Sentences;
using Wiredesk.Analysis.Topics;
using KnowledgeBaseIndex = Wiredesk.Analysis.KnowledgeBase.KnowledgeBase;

namespace Wiredesk.Analysis;

/// <summary>Everything the pipeline understands of one report, in one call. Holds only read-only state
/// (the knowledge base and its name index), so one instance serves any number of threads.</summary>
public sealed class Analyzer(KnowledgeBaseIndex knowledgeBase)
{
    /// <summary>Stored with every analysis; raise it whenever a change alters results, so stored analyses
    /// from older versions can be found and recomputed.</summary>
    public const int Version = 2;

    private readonly EntityRecognizer _entities = new(knowledgeBase);

    public ReportAnalysis Analyze(string title, string text, DateTimeOffset? published)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        var sentences = SentenceSplitter.Split(text);
        var entities = _entities.Recognize(text, title);
        var quotes = QuoteExtractor.Extract(text, entities);
        var day = published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : (DateOnly?)null;
        var dates = DateExtractor.Extract(text, day);
        var numbers = NumberExtractor.Extract(text, dates);
        var topics = TopicClassifier.Classify(title, text);
        return new ReportAnalysis(sentences, entities, quotes, numbers, dates, topics);
    }

    /// <summary>What the verifier reads in a claim (one sentence it judges): entities, quotes, dates and numbers,
    /// exactly as <see cref="Analyze"/> finds them in the same text. No sentences or topics: no check reads them,
    /// and a draft's candidates are read by the dozen.</summary>
    public ReportAnalysis ReadClaim(string text, DateTimeOffset? published)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entities = _entities.Recognize(text, "");
        var quotes = QuoteExtractor.Extract(text, entities);
        var day = published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : (DateOnly?)null;
        var dates = DateExtractor.Extract(text, day);
        var numbers = NumberExtractor.Extract(text, dates);
        return new ReportAnalysis([], entities, quotes, numbers, dates, []);
    }
}
