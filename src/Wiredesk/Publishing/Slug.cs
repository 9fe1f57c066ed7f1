using System.Text;

namespace Wiredesk.Publishing;

/// <summary>URL slugs: lower-case ASCII letters and digits joined by single hyphens ("Étoile's 3% rise" becomes
/// "etoile-s-3-rise"), at most <see cref="MaxLength"/> characters, cut at a word boundary.</summary>
public static class Slug
{
    public const int MaxLength = 80;

    public static string From(string text, string fallback = "story")
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(Math.Min(text.Length, MaxLength + 16));
        foreach (var original in text)
        {
            var c = Fold(original);
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (c is >= 'A' and <= 'Z')
            {
                builder.Append((char)(c + ('a' - 'A')));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }

            if (builder.Length > MaxLength + 1)
            {
                break;
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > MaxLength)
        {
            var cut = slug.LastIndexOf('-', MaxLength);
            slug = (cut > 0 ? slug[..cut] : slug[..MaxLength]).Trim('-');
        }

        return slug.Length == 0 ? fallback : slug;
    }

    // The app runs with invariant globalization (no ICU), where Normalize() does not decompose accented letters, so
    // the Latin letters news names use are folded by table.
    private const string Accented = "ÀÁÂÃÄÅàáâãäåĀāĂăĄąÇçĆćČčĎďÈÉÊËèéêëĒēĖėĘęĚěĞğÌÍÎÏìíîïĪīİıŁłÑñŃńŇňÒÓÔÕÖØòóôõöøŌōŐőŘřŚśŠšŞşŤťÙÚÛÜùúûüŪūŮůŰűÝýÿŹźŻżŽž";
    private const string Plain = "AAAAAAaaaaaaAaAaAaCcCcCcDdEEEEeeeeEeEeEeEeGgIIIIiiiiIiIiLlNnNnNnOOOOOOooooooOoOoRrSsSsSsTtUUUUuuuuUuUuUuYyyZzZzZz";

    private static char Fold(char c)
    {
        if (c < 128)
        {
            return c;
        }

        var at = Accented.IndexOf(c, StringComparison.Ordinal);
        return at >= 0 ? Plain[at] : c;
    }
}
