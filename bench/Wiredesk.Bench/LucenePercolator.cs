using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Index;
using Lucene.Net.Index.Memory;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Wiredesk.Alerts;

namespace Wiredesk.Bench;

/// <summary>The percolator approach as a peer: every stored query is a Lucene query, run one by one against a
/// Lucene.NET MemoryIndex holding the one story. Keyword queries are written in Lucene's classic syntax from our
/// parse tree and parsed by Lucene's QueryParser at registration; entity, ticker, country and topic items are term
/// queries on the story's direct and exposure key fields (the keys our exposure step computed, so the comparison is
/// about query matching). The text is cut into words by the same rule as <see cref="TextWords"/>.</summary>
public sealed class LucenePercolator : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private readonly Analyzer _words = new WordAnalyzer();
    private readonly Analyzer _keys = new WhitespaceAnalyzer(Version);
    private readonly List<(long Id, long Owner, int Index, WatchlistItemKind Kind, Query? Text, string? Key)> _stored = [];
    private readonly QueryParser _parser;

    public LucenePercolator()
    {
        _parser = new QueryParser(Version, "text", _words) { DefaultOperator = Operator.OR };
    }

    public int Count => _stored.Count;

    public void Dispose()
    {
        _words.Dispose();
        _keys.Dispose();
    }

    public void Add(Watchlist list, WatchlistItemResolver resolver)
    {
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (!resolver.TryResolve(list.Items[i], out var item, out _))
            {
                continue;
            }

            _stored.Add(item!.Query is { } q
                ? (list.Id, list.OwnerId, i, item.Kind, _parser.Parse(ToLucene(q.Root)), null)
                : (list.Id, list.OwnerId, i, item.Kind, null, item.Key));
        }
    }

    /// <summary>(watchlist, item, item kind, match kind) for every stored query the story satisfies.</summary>
    public List<(long Id, long Owner, int Index, WatchlistItemKind ItemKind, MatchKind Kind)> Match(StoryDocument story, StoryRoutes routes)
    {
        var index = new MemoryIndex();
        index.AddField("text", story.Text, _words);
        index.AddField("direct", string.Join(' ', routes.Direct.Select(d => d.Key)), _keys);
        index.AddField("exposure", string.Join(' ', routes.Exposure.Select(d => d.Key)), _keys);
        var found = new List<(long, long, int, WatchlistItemKind, MatchKind)>();
        foreach (var (id, owner, i, kind, text, key) in _stored)
        {
            if (text is not null)
            {
                if (index.Search(text) > 0)
                {
                    found.Add((id, owner, i, kind, MatchKind.Direct));
                }
            }
            else if (index.Search(new TermQuery(new Term("direct", key))) > 0)
            {
                found.Add((id, owner, i, kind, MatchKind.Direct));
            }
            else if (index.Search(new TermQuery(new Term("exposure", key))) > 0)
            {
                found.Add((id, owner, i, kind, MatchKind.Exposure));
            }
        }

        return found;
    }

    /// <summary>Our tree in Lucene syntax. NOT becomes (*:* -x), so that a NOT inside an OR keeps its meaning
    /// (a purely negative Lucene clause would match nothing); terms are lower-case letters and digits, so nothing
    /// needs escaping.</summary>
    public static string ToLucene(QueryNode node) => node switch
    {
        TermNode t => t.Words.Count == 1 ? t.Words[0] : "\"" + string.Join(' ', t.Words) + "\"",
        AndNode a => "(" + string.Join(' ', a.Parts.Select(p => "+" + ToLucene(p))) + ")",
        OrNode o => "(" + string.Join(' ', o.Parts.Select(ToLucene)) + ")",
        NotNode n => "(*:* -" + ToLucene(n.Part) + ")",
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private sealed class WordAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new LetterOrDigitTokenizer(reader);
            return new TokenStreamComponents(tokenizer, new LowerCaseFilter(Version, tokenizer));
        }
    }

    /// <summary>A word is a run of letters or digits of the basic plane, as in <see cref="TextWords"/>.</summary>
    private sealed class LetterOrDigitTokenizer(TextReader reader) : CharTokenizer(Version, reader)
    {
        protected override bool IsTokenChar(int c) => c <= char.MaxValue && char.IsLetterOrDigit((char)c);
    }
}
