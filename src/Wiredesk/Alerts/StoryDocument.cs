using Wiredesk.Analysis;
using Wiredesk.Drafting;

namespace Wiredesk.Alerts;

/// <summary>One entity of a story as matching sees it. Main marks the entities the story is about (named at least
/// twice or in the headline): exposure facts are triggered by main entities only, as in the draft writer.</summary>
public sealed record StoryEntity(string Id, string Name, EntityType Type, string? Ticker, int Mentions, bool Main);

/// <summary>What a story offers to alert matching: its words (headline and body), its entities with
/// knowledge-base ids, and its topics. Build it from parts, or from a draft and the analyses of its source reports.
/// Immutable; safe to share.</summary>
public sealed class StoryDocument
{
    private readonly Dictionary<string, int[]> _positions;
    private string? _lowerText;

    public StoryDocument(string id, string headline, string body, IEnumerable<StoryEntity> entities, IEnumerable<Topic> topics)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(headline);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(topics);
        Id = id;
        Headline = headline;
        Body = body;
        Text = headline + "\n" + body;
        // Most prominent first: the order direct matches are ranked in.
        Entities = [.. entities.DistinctBy(e => e.Id).OrderByDescending(e => e.Main).ThenByDescending(e => e.Mentions).ThenBy(e => e.Id, StringComparer.Ordinal)];
        Topics = [.. topics.DistinctBy(t => t.Code)];
        MainEntityIds = Entities.Where(e => e.Main).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var words = TextWords.Split(Text);
        var positions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            if (!positions.TryGetValue(words[i], out var list))
            {
                positions[words[i]] = list = [];
            }

            list.Add(i);
        }

        _positions = positions.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        WordCount = words.Count;
    }

    public string Id { get; }
    public string Headline { get; }
    public string Body { get; }
    /// <summary>Headline and body, the text keyword queries and exposure keywords are matched against.</summary>
    public string Text { get; }
    /// <summary>The text lower-cased (same positions), made once: exposure keywords are searched in it.</summary>
    internal string LowerText => _lowerText ??= Text.ToLowerInvariant();
    public IReadOnlyList<StoryEntity> Entities { get; }
    public IReadOnlyList<Topic> Topics { get; }
    public IReadOnlySet<string> MainEntityIds { get; }
    public int WordCount { get; }

    /// <summary>The distinct words of the text in order of first use, lower-cased (<see cref="TextWords"/>).</summary>
    public IEnumerable<string> DistinctWords => _positions.Keys;

    public bool ContainsWord(string word) => _positions.ContainsKey(word);

    /// <summary>Word positions (ascending) of a lower-case word, or null when the text lacks it.</summary>
    public int[]? PositionsOf(string word) => _positions.GetValueOrDefault(word);

    /// <summary>True when the words occur consecutively (a single word: anywhere).</summary>
    public bool ContainsPhrase(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0 || !_positions.TryGetValue(words[0], out var first))
        {
            return false;
        }

        if (words.Count == 1)
        {
            return true;
        }

        var rest = new int[words.Count - 1][];
        for (var k = 1; k < words.Count; k++)
        {
            if (!_positions.TryGetValue(words[k], out rest[k - 1]!))
            {
                return false;
            }
        }

        foreach (var p in first)
        {
            var k = 0;
            while (k < rest.Length && Array.BinarySearch(rest[k], p + k + 1) >= 0)
            {
                k++;
            }

            if (k == rest.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A story from one analysed report (a breaking report, or a benchmark's synthetic story).</summary>
    public static StoryDocument FromReport(string id, string title, string text, ReportAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return new StoryDocument(id, title, text, Merge(title, [analysis]), analysis.Topics);
    }

    /// <summary>A published draft: its headline and sentences are the text; the entities and topics are those of
    /// the source reports' stored analyses that the draft's text still names.</summary>
    public static StoryDocument FromDraft(string id, Draft draft, IReadOnlyList<ReportAnalysis> sourceAnalyses)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(sourceAnalyses);
        var body = string.Join("\n", draft.Sections.SelectMany(s => s.Sentences).Select(s => s.Text));
        var text = draft.Headline + "\n" + body;
        var entities = Merge(draft.Headline, sourceAnalyses)
            .Where(e => text.Contains(e.Name, StringComparison.OrdinalIgnoreCase) || NamedIn(text, e, sourceAnalyses));
        var topics = sourceAnalyses.SelectMany(a => a.Topics).GroupBy(t => t.Code).OrderByDescending(g => g.Count()).Select(g => g.First());
        return new StoryDocument(id, draft.Headline, body, entities, topics);
    }

    private static bool NamedIn(string text, StoryEntity entity, IReadOnlyList<ReportAnalysis> analyses) =>
        analyses.SelectMany(a => a.Entities).Where(e => e.Id == entity.Id).SelectMany(e => e.Mentions)
            .Any(m => m.Text.Length >= 2 && text.Contains(m.Text, StringComparison.Ordinal));

    private static IEnumerable<StoryEntity> Merge(string headline, IReadOnlyList<ReportAnalysis> analyses) =>
        analyses.SelectMany(a => a.Entities).GroupBy(e => e.Id, StringComparer.Ordinal).Select(g =>
        {
            var first = g.First();
            var mentions = g.Sum(e => e.Mentions.Count);
            var inHeadline = g.SelectMany(e => e.Mentions).Select(m => m.Text).Append(first.Name)
                .Any(n => n.Length >= 2 && headline.Contains(n, StringComparison.Ordinal));
            return new StoryEntity(first.Id, first.Name, first.Type, first.Ticker, mentions, mentions >= 2 || inHeadline);
        });
}
