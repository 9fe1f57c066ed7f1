using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wiredesk.Analysis.Topics;

/// <summary>Assigns IPTC Media Topics (top level) by weighted keyword lexicons shipped in Data/media-topics.json.
/// Every word and two-word phrase of the title (counted twice: a headline states the subject) and the text adds
/// its weights to the topics listing it; a topic is returned when its score reaches the file's minimum and a
/// share of the best score; best first, at most three.</summary>
public static class TopicClassifier
{
    private const int MaxTopics = 3;
    private const int TitleWeight = 2;

    private static readonly Lexicon Data = Lexicon.Load();

    public static IReadOnlyList<Topic> Classify(string title, string text)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        Span<int> scores = stackalloc int[Data.Topics.Length];
        Score(title, text, scores);

        var best = 0;
        foreach (var s in scores)
        {
            best = Math.Max(best, s);
        }

        var floor = Math.Max(Data.MinScore, (int)Math.Ceiling(best * Data.RelativeToBest));
        var result = new List<Topic>(MaxTopics);
        while (result.Count < MaxTopics)
        {
            var top = -1;
            for (var i = 0; i < scores.Length; i++)
            {
                if (scores[i] >= floor && (top < 0 || scores[i] > scores[top]))
                {
                    top = i;
                }
            }

            if (top < 0)
            {
                break;
            }

            result.Add(Data.Topics[top]);
            scores[top] = -1;
        }

        return result;
    }

    /// <summary>Every topic the classifier can assign, in the order of the data file.</summary>
    public static IReadOnlyList<Topic> All => Data.Topics;

    /// <summary>Every topic's score, in the order of the data file (for tests and tuning).</summary>
    internal static IReadOnlyList<(Topic Topic, int Score)> Scores(string title, string text)
    {
        var scores = new int[Data.Topics.Length];
        Score(title, text, scores);
        return [.. Data.Topics.Select((t, i) => (t, scores[i]))];
    }

    private static void Score(string title, string text, Span<int> scores)
    {
        Score(title, TitleWeight, scores);
        Score(text, 1, scores);
    }

    private static void Score(string text, int weight, Span<int> scores)
    {
        var previousStart = -1;
        var previousEnd = -1;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                if (text[i] != ' ')
                {
                    previousStart = -1;
                }

                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (IsWordChar(text[i]) || (text[i] is '-' or '\'' or '’' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))))
            {
                i++;
            }

            var word = text.AsSpan(start, i - start);
            Add(word, weight, scores);
            if (previousStart >= 0 && start == previousEnd + 1)
            {
                Add(text.AsSpan(previousStart, i - previousStart), weight, scores);
            }

            previousStart = start;
            previousEnd = i;
        }
    }

    private static void Add(ReadOnlySpan<char> term, int weight, Span<int> scores)
    {
        if (!Data.Lookup.TryGetValue(term, out var hits) && !(term.Length > 3 && term[^1] is 's' or 'S' && Data.Lookup.TryGetValue(term[..^1], out hits)))
        {
            return;
        }

        foreach (var (topic, w) in hits)
        {
            scores[topic] += w * weight;
        }
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c);

    private sealed class Lexicon
    {
        public required Topic[] Topics { get; init; }

        public required Dictionary<string, (int Topic, int Weight)[]>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; init; }

        public int MinScore { get; init; }

        public double RelativeToBest { get; init; }

        public static Lexicon Load()
        {
            using var stream = typeof(TopicClassifier).Assembly.GetManifestResourceStream("Wiredesk.Analysis.Topics.Data.media-topics.json")
                ?? throw new InvalidOperationException("embedded resource media-topics.json is missing");
            var file = JsonSerializer.Deserialize(stream, LexiconJsonContext.Default.LexiconFile)
                ?? throw new InvalidOperationException("media-topics.json is empty");
            var topics = new Topic[file.Topics.Count];
            var terms = new Dictionary<string, List<(int, int)>>(StringComparer.OrdinalIgnoreCase);
            for (var t = 0; t < file.Topics.Count; t++)
            {
                topics[t] = new Topic(file.Topics[t].Code, file.Topics[t].Name);
                foreach (var (keyword, weight) in file.Topics[t].Keywords)
                {
                    if (!terms.TryGetValue(keyword, out var list))
                    {
                        terms[keyword] = list = [];
                    }

                    list.Add((t, weight));
                }
            }

            var lookup = new Dictionary<string, (int Topic, int Weight)[]>(terms.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var (term, list) in terms)
            {
                lookup[term] = [.. list];
            }

            return new Lexicon
            {
                Topics = topics,
                Lookup = lookup.GetAlternateLookup<ReadOnlySpan<char>>(),
                MinScore = file.MinScore,
                RelativeToBest = file.RelativeToBest,
            };
        }
    }
}

internal sealed record LexiconFile(int MinScore, double RelativeToBest, IReadOnlyList<LexiconTopic> Topics);

internal sealed record LexiconTopic(string Code, string Name, Dictionary<string, int> Keywords);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LexiconFile))]
internal sealed partial class LexiconJsonContext : JsonSerializerContext;
