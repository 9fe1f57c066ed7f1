namespace Wiredesk.Editorial;

/// <summary>How a piece of the diff differs: kept in both versions, only in the new one, only in the old one.</summary>
public enum DiffKind
{
    Same,
    Added,
    Removed,
}

/// <summary>A run of words (with the spaces between them) of one kind.</summary>
public sealed record DiffPiece(DiffKind Kind, string Text);

/// <summary>A word-level diff between two versions of a text: the longest common subsequence of their words, so an
/// editor's change reads as the words struck and the words added. Quadratic in words; a draft has a few hundred,
/// and longer inputs fall back to "all removed, all added" rather than burn the server.</summary>
public static class WordDiff
{
    public const int MaxWords = 5000;

    public static IReadOnlyList<DiffPiece> Compare(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Words(before);
        var b = Words(after);
        var pieces = new List<DiffPiece>();
        if ((long)a.Length * b.Length > (long)MaxWords * MaxWords / 4)
        {
            Add(pieces, DiffKind.Removed, a);
            Add(pieces, DiffKind.Added, b);
            return pieces;
        }

        // lengths[i, j] = LCS length of a[i..] and b[j..].
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                Add(pieces, DiffKind.Same, [a[x++]]);
                y++;
            }
            else if (y < b.Length && (x == a.Length || lengths[x, y + 1] > lengths[x + 1, y]))
            {
                Add(pieces, DiffKind.Added, [b[y++]]);
            }
            else
            {
                Add(pieces, DiffKind.Removed, [a[x++]]);
            }
        }

        return pieces;
    }

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Appends words, merging with the last piece when it is of the same kind.</summary>
    private static void Add(List<DiffPiece> pieces, DiffKind kind, string[] words)
    {
        if (words.Length == 0)
        {
            return;
        }

        var text = string.Join(' ', words);
        if (pieces.Count > 0 && pieces[^1].Kind == kind)
        {
            pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + " " + text };
        }
        else
        {
            pieces.Add(new DiffPiece(kind, text));
        }
    }
}
