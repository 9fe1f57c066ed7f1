using System.Text;

namespace Wiredesk.Tests.Quality;

/// <summary>How the quality tables decide that a gold surface form was found. Shared by every quality table
/// so that figures are comparable.</summary>
public static class SurfaceMatch
{
    /// <summary>Case-insensitive, typographic quotes and apostrophes straightened, dashes and non-breaking
    /// hyphens made plain, runs of whitespace collapsed, surrounding punctuation trimmed.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var lastWasSpace = true;
        foreach (var raw in text)
        {
            var c = raw switch
            {
                '\u2018' or '\u2019' or '\u02BC' or '`' => '\'',
                '\u201C' or '\u201D' => '"',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' => '-',
                _ => char.ToLowerInvariant(raw),
            };
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    sb.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            sb.Append(c);
            lastWasSpace = false;
        }

        return sb.ToString().Trim().Trim('"', '\'', ',', ';', ':', '.', '(', ')');
    }

    /// <summary>Normalised texts are equal.</summary>
    public static bool MatchesExactly(string gold, string found) => Normalize(gold) == Normalize(found);

    /// <summary>The containment rule used for numbers and dates: the normalised texts are equal, or one contains
    /// the other as whole words (no letter or digit touches either end of the contained text). So the found
    /// "$18.5 billion" matches the gold "more than $18.5 billion" and the found "8 Houthi targets" matches the gold
    /// "8 Houthi targets"; the found "2" matches neither "202" nor "$2.5 billion", because a digit group with its
    /// decimal point or thousands separator counts as one word.</summary>
    public static bool Matches(string gold, string found)
    {
        var g = Normalize(gold);
        var f = Normalize(found);
        if (g.Length == 0 || f.Length == 0)
        {
            return false;
        }

        return g == f || ContainsAsWords(g, f) || ContainsAsWords(f, g);
    }

    private static bool ContainsAsWords(string outer, string inner)
    {
        for (var at = outer.IndexOf(inner, StringComparison.Ordinal); at >= 0; at = outer.IndexOf(inner, at + 1, StringComparison.Ordinal))
        {
            var end = at + inner.Length;
            var leftOk = !char.IsLetterOrDigit(inner[0]) || !JoinsWord(outer, at - 1, -1);
            var rightOk = !char.IsLetterOrDigit(inner[^1]) || !JoinsWord(outer, end, +1);
            if (leftOk && rightOk)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the character at <paramref name="i"/> continues the word next to it: a letter or digit,
    /// or a decimal point or thousands separator with a digit beyond it.</summary>
    private static bool JoinsWord(string s, int i, int direction)
    {
        if (i < 0 || i >= s.Length)
        {
            return false;
        }

        if (char.IsLetterOrDigit(s[i]))
        {
            return true;
        }

        var beyond = i + direction;
        return s[i] is '.' or ',' && beyond >= 0 && beyond < s.Length && char.IsDigit(s[beyond]);
    }
}
