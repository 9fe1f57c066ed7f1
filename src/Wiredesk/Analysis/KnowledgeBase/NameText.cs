namespace Wiredesk.Analysis.KnowledgeBase;

/// <summary>The character folding every name comparison shares, so that a name written with a curly
/// apostrophe, a non-breaking hyphen or a non-breaking space still matches the knowledge base.</summary>
internal static class NameText
{
    public static char Fold(char c) => c switch
    {
        '\u2019' or '\u2018' or '\u02BC' or '\u2032' or '`' => '\'',
        '\u2010' or '\u2011' or '\u2012' or '\u00AD' => '-',
        '\u00A0' or '\u202F' or '\u2007' or '\t' => ' ',
        _ => c,
    };

    /// <summary>Folds every character and collapses runs of spaces; used for keys and for comparing surface forms.</summary>
    public static string Normalize(string s)
    {
        var chars = new char[s.Length];
        var n = 0;
        var lastSpace = true;
        foreach (var raw in s)
        {
            var c = Fold(raw);
            if (char.IsWhiteSpace(c))
            {
                if (!lastSpace)
                {
                    chars[n++] = ' ';
                }

                lastSpace = true;
                continue;
            }

            chars[n++] = c;
            lastSpace = false;
        }

        if (n > 0 && chars[n - 1] == ' ')
        {
            n--;
        }

        return new string(chars, 0, n);
    }

    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c);

    public static string Slug(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length);
        var dash = false;
        foreach (var c in Normalize(name))
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
                dash = false;
            }
            else if (!dash && sb.Length > 0)
            {
                sb.Append('-');
                dash = true;
            }
        }

        return sb.ToString().TrimEnd('-');
    }
}
