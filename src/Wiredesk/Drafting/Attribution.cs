using System.Text.RegularExpressions;

namespace Wiredesk.Drafting;

/// <summary>How a draft credits the report it borrows from, derived from the report's source field: a news
/// organisation "reported" ("..., Demo Wire reported."), a document kind is cited ("according to a U.S. Department
/// of State readout"), any other publisher "said". Only the source field's own words are used, so the phrase rests
/// on the report's metadata.</summary>
public static partial class Attribution
{
    // Trim's params overloads make and fill a new array on every call: these run for every candidate sentence.
    private static readonly char[] NameEnd = [',', '.', ':'];

    private static readonly string[] DocumentKinds =
    [
        "press statement", "press release", "joint statement", "statement", "readout", "release", "transcript", "speech text",
        "written ministerial statement", "press briefing", "briefing", "remarks", "report",
    ];

    private static readonly string[] NewsWords =
    [
        "News", "Newsroom", "Wire", "Times", "Post", "Journal", "Press", "Reuters", "Agency", "Voice of America", "Bloomberg",
        "Telegraph", "Guardian", "Herald", "Tribune", "Gazette", "Broadcasting", "Radio", "Television", "KCNA", "Yonhap", "Xinhua", "TASS",
    ];

    /// <summary>Built once: a pattern made per call would be parsed again each time (the shared regex cache holds
    /// only a few).</summary>
    private static readonly Regex[] NewsWordPatterns = [.. NewsWords.Select(w => new Regex($@"\b{Regex.Escape(w)}\b", RegexOptions.CultureInvariant))];

    /// <summary>The publisher as a short name: the source field without what it republished through, its parenthetical
    /// notes or site names ("U.S. Department of State, Office of the Spokesperson (republished by X)" →
    /// "U.S. Department of State"). Null when the field is empty.</summary>
    public static string? Publisher(string? source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return null;
        }

        var s = Parenthetical().Replace(source, " ");
        foreach (var cut in new[] { " via ", " — ", " – ", " - ", ", ", "; ", " republished" })
        {
            var at = s.IndexOf(cut, StringComparison.Ordinal);
            if (at > 0)
            {
                s = s[..at];
            }
        }

        s = Spaces().Replace(s, " ").Trim().TrimEnd(NameEnd);
        // Numbers in a publisher's name ("10 Downing Street", "press release 2024-90") would read as facts.
        s = Spaces().Replace(AnyNumber().Replace(s, ""), " ").Trim();
        return s.Length == 0 ? null : s;
    }

    /// <summary>The phrase that ends a lede: "Demo Wire reported", "according to a U.S. Department of State
    /// readout", "the Federal Reserve Board said". Null when the report has no source.</summary>
    public static string? Phrase(string? source) => source is null ? null : Remembered(Phrases, source, MakePhrase);

    /// <summary>The publisher as a sentence may name it ("the U.S. Department of State", "Demo Wire").</summary>
    public static string? Name(string? source) => source is null ? null : Remembered(Names, source, s => Publisher(s) is { } p ? WithThe(p) : null);

    /// <summary>A draft asks for the same few publishers' phrase and name again and again (every slot, every
    /// draft of their reports), and each answer takes several patterns: kept by source field, in a bounded set
    /// emptied when full.</summary>
    private static string? Remembered(System.Collections.Concurrent.ConcurrentDictionary<string, string?> known, string source, Func<string, string?> make)
    {
        if (known.TryGetValue(source, out var answer))
        {
            return answer;
        }

        answer = make(source);
        // Count takes every lock, but only a source field not seen before gets here.
        if (known.Count >= MaxRemembered)
        {
            known.Clear();
        }

        known.TryAdd(source, answer);
        return answer;
    }

    private const int MaxRemembered = 4_096;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> Phrases = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> Names = new(StringComparer.Ordinal);

    private static string? MakePhrase(string source)
    {
        if (Publisher(source) is not { } publisher)
        {
            return null;
        }

        foreach (var kind in DocumentKinds)
        {
            if (publisher.EndsWith(" " + kind, StringComparison.OrdinalIgnoreCase))
            {
                return $"according to {Article(publisher)} {publisher}";
            }
        }

        if (NewsWordPatterns.Any(w => w.IsMatch(publisher)))
        {
            return $"{WithThe(publisher)} reported";
        }

        return $"{WithThe(publisher)} said";
    }

    /// <summary>"the U.S. Department of State", "the Federal Reserve Board"; names that take no article
    /// (a person, "Palantir Technologies") are left alone when they carry no institution word.</summary>
    private static string WithThe(string publisher)
    {
        if (publisher.StartsWith("The ", StringComparison.Ordinal))
        {
            return "the " + publisher[4..];
        }

        return InstitutionWord().IsMatch(publisher) ? "the " + publisher : publisher;
    }

    /// <summary>By sound: "an FOMC statement", "a UK statement", "an Ofcom notice", "a U.S. readout".</summary>
    private static string Article(string word)
    {
        var acronym = word.Length > 1 && char.IsUpper(word[0]) && (char.IsUpper(word[1]) || word[1] == '.');
        if (acronym)
        {
            return "AEFHILMNORSX".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
        }

        return "AEIO".Contains(char.ToUpperInvariant(word[0]), StringComparison.Ordinal) ? "an" : "a";
    }

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthetical();

    [GeneratedRegex(@"\S*\d\S*")]
    private static partial Regex AnyNumber();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\b(?:Department|Ministry|Office|Board|Bureau|Commission|Agency|Committee|Government|Parliament|Reserve|Bank|Embassy|Council|House|Treasury|Service|Administration)\b")]
    private static partial Regex InstitutionWord();
}
