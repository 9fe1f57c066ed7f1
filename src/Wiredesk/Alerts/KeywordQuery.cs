namespace Wiredesk.Alerts;

/// <summary>A reader's keyword query (docs/alerts.md, "Query language"): words and "exact phrases" combined with
/// AND, OR, NOT and parentheses; terms side by side are joined by AND. Words match whole words of a story's
/// headline and body without regard to case. Immutable; safe to share.</summary>
public sealed class KeywordQuery
{
    public const int MaxLength = 1000;
    public const int MaxTerms = 50;
    public const int MaxDepth = 20;

    private KeywordQuery(QueryNode root) => Root = root;

    public QueryNode Root { get; }

    /// <summary>Parses a query or throws <see cref="QuerySyntaxException"/> with the position (1-based) of the problem.</summary>
    public static KeywordQuery Parse(string text)
    {
        var root = new KeywordQueryParser(text).Parse();
        if (root.Triggers(_ => 0) is null)
        {
            throw new QuerySyntaxException("the query needs a word or phrase outside NOT", 1, "a story cannot be found by what it lacks");
        }

        return new KeywordQuery(root);
    }

    public static bool TryParse(string text, out KeywordQuery? query, out QuerySyntaxException? error)
    {
        try
        {
            query = Parse(text);
            error = null;
            return true;
        }
        catch (QuerySyntaxException e)
        {
            query = null;
            error = e;
            return false;
        }
    }

    public bool Matches(StoryDocument story)
    {
        ArgumentNullException.ThrowIfNull(story);
        return Root.Matches(story);
    }

    /// <summary>Words of which every matching story contains at least one, chosen rarest first by
    /// <paramref name="documentFrequency"/> (lower is rarer): the keys under which the matcher files the query.</summary>
    public IReadOnlyList<string> Triggers(Func<string, int> documentFrequency) => Root.Triggers(documentFrequency)!;

    /// <summary>The canonical form: lower-case terms, explicit operators, parentheses around every group of another
    /// operator. Parsing it gives the same query.</summary>
    public override string ToString() => Root.ToString()!;
}

/// <summary>A node of a parsed query.</summary>
public abstract class QueryNode
{
    internal abstract bool Matches(StoryDocument story);

    /// <summary>Null when the node can match by absence alone (NOT, or an OR with such a branch).</summary>
    internal abstract List<string>? Triggers(Func<string, int> documentFrequency);

    internal static int Cost(List<string> words, Func<string, int> documentFrequency) => words.Sum(documentFrequency);
}

/// <summary>A word (one entry in Words) or an exact phrase (several, in order).</summary>
public sealed class TermNode(IReadOnlyList<string> words) : QueryNode
{
    public IReadOnlyList<string> Words { get; } = words;

    internal override bool Matches(StoryDocument story) => story.ContainsPhrase(Words);

    /// <summary>A phrase is found by its rarest word (ties: the longer, then the first in order).</summary>
    internal override List<string>? Triggers(Func<string, int> documentFrequency) =>
        [Words.OrderBy(documentFrequency).ThenByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).First()];

    public override string ToString() => Words.Count == 1 ? Words[0] : "\"" + string.Join(' ', Words) + "\"";
}

public sealed class AndNode(IReadOnlyList<QueryNode> parts) : QueryNode
{
    public IReadOnlyList<QueryNode> Parts { get; } = parts;

    internal override bool Matches(StoryDocument story) => Parts.All(p => p.Matches(story));

    /// <summary>Any one part that can be found suffices: the cheapest (rarest) one.</summary>
    internal override List<string>? Triggers(Func<string, int> documentFrequency) =>
        Parts.Select(p => p.Triggers(documentFrequency)).OfType<List<string>>()
            .OrderBy(t => Cost(t, documentFrequency)).ThenBy(t => t.Count).FirstOrDefault();

    public override string ToString() => string.Join(" AND ", Parts.Select(p => p is TermNode or NotNode ? p.ToString() : "(" + p + ")"));
}

public sealed class OrNode(IReadOnlyList<QueryNode> parts) : QueryNode
{
    public IReadOnlyList<QueryNode> Parts { get; } = parts;

    internal override bool Matches(StoryDocument story) => Parts.Any(p => p.Matches(story));

    /// <summary>Every branch must be findable, so the union of their triggers.</summary>
    internal override List<string>? Triggers(Func<string, int> documentFrequency)
    {
        var all = new List<string>();
        foreach (var part in Parts)
        {
            if (part.Triggers(documentFrequency) is not { } t)
            {
                return null;
            }

            all.AddRange(t.Where(w => !all.Contains(w, StringComparer.Ordinal)));
        }

        return all;
    }

    public override string ToString() => string.Join(" OR ", Parts.Select(p => p is TermNode or NotNode ? p.ToString() : "(" + p + ")"));
}

public sealed class NotNode(QueryNode part) : QueryNode
{
    public QueryNode Part { get; } = part;

    internal override bool Matches(StoryDocument story) => !Part.Matches(story);

    internal override List<string>? Triggers(Func<string, int> documentFrequency) => null;

    public override string ToString() => "NOT " + (Part is TermNode or NotNode ? Part.ToString() : "(" + Part + ")");
}

/// <summary>An invalid query: Message says what is wrong and where ("unbalanced parenthesis at 14: '(' is never
/// closed"); Position is the 1-based character position, Reason the short name of the problem.</summary>
public sealed class QuerySyntaxException(string reason, int position, string? detail = null)
    : FormatException(detail is null ? $"{reason} at {position}" : $"{reason} at {position}: {detail}")
{
    public string Reason { get; } = reason;
    public int Position { get; } = position;
}

/// <summary>The hand-written recursive-descent parser. Grammar (docs/alerts.md):
/// query = or ; or = and { "OR" and } ; and = unary { ["AND"] unary } ; unary = "NOT" unary | primary ;
/// primary = word | '"' phrase '"' | "(" or ")". Operators are the upper-case words AND, OR, NOT.</summary>
internal sealed class KeywordQueryParser
{
    private readonly List<Token> _tokens;
    private int _next;
    private int _depth;
    private int _terms;

    public KeywordQueryParser(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new QuerySyntaxException("the query is empty", 1);
        }

        if (text.Length > KeywordQuery.MaxLength)
        {
            throw new QuerySyntaxException($"the query is longer than {KeywordQuery.MaxLength} characters", KeywordQuery.MaxLength + 1);
        }

        _tokens = Lex(text);
    }

    public QueryNode Parse()
    {
        var root = ParseOr();
        var rest = _tokens[_next];
        if (rest.Kind == TokenKind.Close)
        {
            throw new QuerySyntaxException("unbalanced parenthesis", rest.Position, "')' has no '(' before it");
        }

        return root;
    }

    private QueryNode ParseOr()
    {
        var parts = new List<QueryNode> { ParseAnd() };
        while (_tokens[_next].Kind == TokenKind.Or)
        {
            var op = _tokens[_next++];
            RequireTermAfter(op, "OR");
            parts.Add(ParseAnd());
        }

        return parts.Count == 1 ? parts[0] : new OrNode(Flatten<OrNode>(parts, o => o.Parts));
    }

    private QueryNode ParseAnd()
    {
        var parts = new List<QueryNode> { ParseUnary() };
        while (true)
        {
            var token = _tokens[_next];
            if (token.Kind == TokenKind.And)
            {
                _next++;
                RequireTermAfter(token, "AND");
                parts.Add(ParseUnary());
            }
            else if (StartsTerm(token.Kind))
            {
                parts.Add(ParseUnary());
            }
            else
            {
                break;
            }
        }

        return parts.Count == 1 ? parts[0] : new AndNode(Flatten<AndNode>(parts, a => a.Parts));
    }

    private QueryNode ParseUnary()
    {
        var token = _tokens[_next];
        if (token.Kind != TokenKind.Not)
        {
            return ParsePrimary();
        }

        _next++;
        RequireTermAfter(token, "NOT");
        return new NotNode(ParseUnary());
    }

    private QueryNode ParsePrimary()
    {
        var token = _tokens[_next++];
        switch (token.Kind)
        {
            case TokenKind.Term:
                if (++_terms > KeywordQuery.MaxTerms)
                {
                    throw new QuerySyntaxException($"the query has more than {KeywordQuery.MaxTerms} terms", token.Position);
                }

                return new TermNode(token.Words!);
            case TokenKind.Open:
                if (++_depth > KeywordQuery.MaxDepth)
                {
                    throw new QuerySyntaxException($"parentheses are nested deeper than {KeywordQuery.MaxDepth}", token.Position);
                }

                if (_tokens[_next].Kind == TokenKind.Close)
                {
                    throw new QuerySyntaxException("empty parentheses", token.Position);
                }

                var inner = ParseOr();
                if (_tokens[_next].Kind != TokenKind.Close)
                {
                    throw new QuerySyntaxException("unbalanced parenthesis", token.Position, "'(' is never closed");
                }

                _next++;
                _depth--;
                return inner;
            case TokenKind.And or TokenKind.Or:
                throw new QuerySyntaxException($"{token.Text} needs a term before it", token.Position);
            case TokenKind.Close:
                throw new QuerySyntaxException("unbalanced parenthesis", token.Position, "')' has no '(' before it");
            default:
                throw new QuerySyntaxException("the query ends where a term is expected", token.Position);
        }
    }

    private void RequireTermAfter(Token op, string name)
    {
        if (!StartsTerm(_tokens[_next].Kind))
        {
            throw new QuerySyntaxException($"{name} needs a term after it", op.Position);
        }
    }

    private static bool StartsTerm(TokenKind kind) => kind is TokenKind.Term or TokenKind.Open or TokenKind.Not;

    private static List<QueryNode> Flatten<T>(List<QueryNode> parts, Func<T, IReadOnlyList<QueryNode>> children)
        where T : QueryNode =>
        [.. parts.SelectMany(p => p is T same ? children(same) : [p])];

    private static List<Token> Lex(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '(' || c == ')')
            {
                tokens.Add(new Token(c == '(' ? TokenKind.Open : TokenKind.Close, c.ToString(), i + 1, null));
                i++;
            }
            else if (c == '"')
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    throw new QuerySyntaxException("unclosed quote", i + 1, "the phrase has no closing '\"'");
                }

                var words = TextWords.Split(text[(i + 1)..close]);
                if (words.Count == 0)
                {
                    throw new QuerySyntaxException("empty phrase", i + 1, "a phrase needs a letter or digit");
                }

                tokens.Add(new Token(TokenKind.Term, text[i..(close + 1)], i + 1, [.. words]));
                i = close + 1;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '"'))
                {
                    i++;
                }

                var word = text[start..i];
                tokens.Add(word switch
                {
                    "AND" => new Token(TokenKind.And, word, start + 1, null),
                    "OR" => new Token(TokenKind.Or, word, start + 1, null),
                    "NOT" => new Token(TokenKind.Not, word, start + 1, null),
                    _ => Term(word, start + 1),
                });
            }
        }

        tokens.Add(new Token(TokenKind.End, "", text.Length + 1, null));
        return tokens;
    }

    private static Token Term(string word, int position)
    {
        var words = TextWords.Split(word);
        if (words.Count == 0)
        {
            throw new QuerySyntaxException($"'{word}' has no letters or digits", position);
        }

        return new Token(TokenKind.Term, word, position, [.. words]);
    }

    private enum TokenKind { Term, And, Or, Not, Open, Close, End }

    private sealed record Token(TokenKind Kind, string Text, int Position, string[]? Words);
}
