namespace Wiredesk.Alerts;

/// <summary>One story's words as an <see cref="AlertMatcher"/>'s term ids, for verifying the queries its words
/// trigger: which terms it has (one bit each), where (positions, for phrases), and which phrases it contains — each
/// phrase is checked at most once a story, however many distinct queries use it. One instance per thread, reused
/// from story to story: clearing touches only what the last story set, so a story costs what its words cost, not
/// the size of the vocabulary.</summary>
internal sealed class StoryTerms
{
    /// <summary>Postfix operators of a compiled query (docs/alerts.md, "Index"); a value v >= 0 is a word
    /// (termId &lt;&lt; 1) or a phrase (phraseId &lt;&lt; 1 | 1).</summary>
    public const int And = -1;
    public const int Or = -2;
    public const int Not = -3;
    public const int False = -4;

    /// <summary>The deepest stack a program can need: one value per operand, and a query has at most
    /// <see cref="KeywordQuery.MaxTerms"/> terms.</summary>
    private const int MaxStack = KeywordQuery.MaxTerms + 14;

    [ThreadStatic]
    private static StoryTerms? t_current;

    private ulong[] _has = new ulong[1];
    private int[]?[] _positions = new int[1][];
    private int[] _phraseStamp = new int[1];
    private bool[] _phraseFound = new bool[1];
    private int _stamp;

    /// <summary>The story's term ids (the words of its text that some query uses).</summary>
    public List<int> Terms { get; } = [];

    /// <summary>The trigger postings the story brings, gathered before any is verified.</summary>
    public List<TriggerPosting> Triggered { get; } = [];

    /// <summary>A sink for loads made only to bring memory into the cache (so that they are not optimised away).</summary>
    public int Touched { get; set; }

    /// <summary>This thread's instance, cleared of the last story and large enough for the matcher's vocabulary.</summary>
    public static StoryTerms Rent(int termCount, int phraseCount)
    {
        var terms = t_current ??= new StoryTerms();
        terms.Reset(termCount, phraseCount);
        return terms;
    }

    public void Add(int term, int[] positions)
    {
        Terms.Add(term);
        _has[term >> 6] |= 1UL << term;
        _positions[term] = positions;
    }

    public bool Has(int term) => (_has[term >> 6] & 1UL << term) != 0;

    /// <summary>Both words of a trigger (partner -1: the word alone).</summary>
    public bool Has(int word, int partner) => Has(word) && (partner < 0 || Has(partner));

    /// <summary>Runs a compiled postfix program (empty: true).</summary>
    public bool Satisfies(ReadOnlySpan<int> program, int[][] phrases)
    {
        Span<bool> stack = stackalloc bool[MaxStack];
        var top = 0;
        foreach (var op in program)
        {
            switch (op)
            {
                case >= 0:
                    stack[top++] = (op & 1) == 0 ? Has(op >> 1) : HasPhrase(op >> 1, phrases);
                    break;
                case And:
                    top--;
                    stack[top - 1] &= stack[top];
                    break;
                case Or:
                    top--;
                    stack[top - 1] |= stack[top];
                    break;
                case Not:
                    stack[top - 1] = !stack[top - 1];
                    break;
                default:
                    stack[top++] = false;
                    break;
            }
        }

        return top == 0 || stack[0];
    }

    private bool HasPhrase(int phrase, int[][] phrases)
    {
        if (_phraseStamp[phrase] != _stamp)
        {
            _phraseStamp[phrase] = _stamp;
            _phraseFound[phrase] = ContainsPhrase(phrases[phrase]);
        }

        return _phraseFound[phrase];
    }

    private bool ContainsPhrase(int[] words)
    {
        if (_positions[words[0]] is not { } first)
        {
            return false;
        }

        foreach (var p in first)
        {
            var k = 1;
            while (k < words.Length && _positions[words[k]] is { } positions && Array.BinarySearch(positions, p + k) >= 0)
            {
                k++;
            }

            if (k == words.Length)
            {
                return true;
            }
        }

        return false;
    }

    private void Reset(int termCount, int phraseCount)
    {
        foreach (var term in Terms)
        {
            _has[term >> 6] = 0;
            _positions[term] = null;
        }

        Terms.Clear();
        Triggered.Clear();
        if (termCount > _positions.Length)
        {
            var size = Math.Max(termCount, _positions.Length * 2);
            _positions = new int[size][];
            _has = new ulong[(size + 63) >> 6];
        }

        if (phraseCount > _phraseStamp.Length)
        {
            var size = Math.Max(phraseCount, _phraseStamp.Length * 2);
            _phraseStamp = new int[size];
            _phraseFound = new bool[size];
            _stamp = 0;
        }

        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_phraseStamp);
            _stamp = 1;
        }
    }
}
