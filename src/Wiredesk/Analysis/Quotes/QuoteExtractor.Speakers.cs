using Wiredesk.Analysis.Entities;

namespace Wiredesk.Analysis.Quotes;

public static partial class QuoteExtractor
{
    private static Speaker? FindSpeaker(string text, int open, int close, EntityMention[] mentions)
    {
        var (from, to) = SentenceAround(text, open, close);
        var nextQuote = to > close ? text.AsSpan(close, to - close).IndexOfAny('“', '"') : -1;
        if (nextQuote >= 0)
        {
            to = close + nextQuote;
        }

        // The attribution before a quote never reaches back into an earlier quote.
        var lastClose = open > from ? text.AsSpan(from, open - from).LastIndexOfAny('”', '"') : -1;
        if (lastClose >= 0)
        {
            from += lastClose + 1;
        }

        return SpeakerAfter(text, close, to, mentions, open)
            ?? SpeakerBefore(text, from, open, mentions)
            ?? AccordingTo(text, close, to, mentions)
            ?? AccordingTo(text, from, open, mentions)
            ?? IntroducedBefore(text, open, mentions);
    }

    /// <summary>A quote standing as its own paragraph after one that ends with a colon ("... issued the
    /// following statement:") is the statement of the person that paragraph names.</summary>
    private static Speaker? IntroducedBefore(string text, int open, EntityMention[] mentions)
    {
        var k = open - 1;
        while (k >= 0 && text[k] is ' ' or '\t')
        {
            k--;
        }

        if (k < 0 || text[k] != '\n')
        {
            return null;
        }

        while (k >= 0 && char.IsWhiteSpace(text[k]))
        {
            k--;
        }

        if (k < 0 || text[k] != ':')
        {
            return null;
        }

        var paragraphStart = text.LastIndexOf('\n', k) + 1;
        return FirstPersonIn(mentions, paragraphStart, k) is { } person ? ToSpeaker(person) : null;
    }

    /// <summary>"...," said Jane Doe / "...," Jane Doe said / "...," he said / "...," said a senior official.</summary>
    private static Speaker? SpeakerAfter(string text, int from, int to, EntityMention[] mentions, int quoteOpen)
    {
        foreach (var (ws, we) in Words(text, from, to))
        {
            var word = text[ws..we];
            // "according to" is weighed last; a participle after the quote ("..., insisting the treaty is
            // peaceful") continues its sentence's subject instead of naming a new speaker.
            if (!LexiconSays(word) || word == "according" || word.EndsWith("ing", StringComparison.Ordinal))
            {
                continue;
            }

            // Subject before the verb: an unnamed "a senior official", else the person nearest the verb ("Jane
            // Doe, a spokesperson for the ministry, said"), else the last organisation or pronoun there.
            var person = LastPersonIn(mentions, from, ws);
            if (person is null && UnnamedSubject(text, from, ws) is { } unnamed)
            {
                return unnamed;
            }

            var before = person ?? LastMentionIn(mentions, from, ws) ?? GovernmentBefore(text, mentions, from, ws);
            if (before is { } b)
            {
                return ToSpeaker(b);
            }

            var pronoun = PronounIn(text, from, ws);
            if (pronoun is { } p)
            {
                return Resolve(text, p, quoteOpen, mentions);
            }

            // Speaker after the verb: "said Under Secretary ... Brian E. Nelson", "said a Korea specialist ...".
            var after = FirstPersonIn(mentions, we, to) ?? FirstMentionIn(mentions, we, to);
            var descriptor = Descriptor(text, we, to);
            if (after is { } a && (descriptor is null || a.Start <= descriptor.Start || a.Entity.Type == EntityType.Person && a.Start < descriptor.End && !DescriptorHasOf(descriptor)))
            {
                return ToSpeaker(a);
            }

            return descriptor;
        }

        return null;
    }

    private static bool DescriptorHasOf(Speaker d) => d.Name.Contains(" of ", StringComparison.Ordinal) || d.Name.Contains(" at ", StringComparison.Ordinal);

    /// <summary>Jane Doe said: "..." / Putin said the deal contains a clause that "..." / Decker continued, "...".</summary>
    private static Speaker? SpeakerBefore(string text, int from, int to, EntityMention[] mentions)
    {
        (int Start, int End)? verb = null;
        foreach (var w in Words(text, from, to))
        {
            if (LexiconSays(text[w.Start..w.End]))
            {
                verb = w;
            }
        }

        if (verb is not { } v)
        {
            return null;
        }

        var person = LastPersonIn(mentions, from, v.Start);
        if (person is null && UnnamedSubject(text, from, v.Start) is { } unnamed)
        {
            return unnamed;
        }

        var subject = person ?? LastMentionIn(mentions, from, v.Start) ?? GovernmentBefore(text, mentions, from, v.Start);
        if (subject is { } s)
        {
            return ToSpeaker(s);
        }

        var pronoun = PronounIn(text, from, v.Start);
        if (pronoun is { } p)
        {
            return Resolve(text, p, to, mentions);
        }

        return FirstMentionIn(mentions, v.End, to) is { } after ? ToSpeaker(after) : null;
    }

    private static Speaker? AccordingTo(string text, int from, int to, EntityMention[] mentions)
    {
        var k = text.IndexOf("according to ", from, Math.Max(0, to - from), StringComparison.OrdinalIgnoreCase);
        if (k < 0)
        {
            return null;
        }

        var start = k + "according to ".Length;
        var m = FirstMentionIn(mentions, start, to);
        return m is { } found && found.Start - start < 40 ? ToSpeaker(found) : null;
    }

    private static bool LexiconSays(string word) => NameLexicon.SpeechVerbs.Contains(word);

    private static IEnumerable<(int Start, int End)> Words(string text, int from, int to)
    {
        var k = from;
        while (k < to)
        {
            while (k < to && !char.IsLetter(text[k]))
            {
                k++;
            }

            var ws = k;
            while (k < to && char.IsLetter(text[k]))
            {
                k++;
            }

            if (k > ws)
            {
                yield return (ws, k);
            }
        }
    }

    private static EntityMention? LastMentionIn(EntityMention[] mentions, int from, int to)
    {
        EntityMention? found = null;
        for (var k = FirstAtOrAfter(mentions, from); k < mentions.Length && mentions[k].Start < to; k++)
        {
            var m = mentions[k];
            if (m.End <= to && m.Entity.Type is EntityType.Person or EntityType.Organization or EntityType.Company)
            {
                found = m;
            }
        }

        return found;
    }

    private static EntityMention? FirstMentionIn(EntityMention[] mentions, int from, int to)
    {
        for (var k = FirstAtOrAfter(mentions, from); k < mentions.Length && mentions[k].Start < to; k++)
        {
            var m = mentions[k];
            if (m.End <= to && m.Entity.Type is EntityType.Person or EntityType.Organization or EntityType.Company)
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>Index of the first mention starting at or after <paramref name="position"/> (mentions are sorted by start).</summary>
    private static int FirstAtOrAfter(EntityMention[] mentions, int position)
    {
        int lo = 0, hi = mentions.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (mentions[mid].Start < position)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static EntityMention? FirstPersonIn(EntityMention[] mentions, int from, int to)
    {
        for (var k = FirstAtOrAfter(mentions, from); k < mentions.Length && mentions[k].Start < to; k++)
        {
            var m = mentions[k];
            if (m.End <= to && m.Entity.Type == EntityType.Person)
            {
                return m;
            }
        }

        return null;
    }

    private static EntityMention? LastPersonIn(EntityMention[] mentions, int from, int to)
    {
        EntityMention? found = null;
        for (var k = FirstAtOrAfter(mentions, from); k < mentions.Length && mentions[k].Start < to; k++)
        {
            var m = mentions[k];
            if (m.End <= to && m.Entity.Type == EntityType.Person)
            {
                found = m;
            }
        }

        return found;
    }

    /// <summary>A country or capital right before the verb speaks for its government: "Seoul said", "what Pyongyang called".</summary>
    private static EntityMention? GovernmentBefore(string text, EntityMention[] mentions, int from, int verbStart)
    {
        for (var k = FirstAtOrAfter(mentions, from); k < mentions.Length && mentions[k].Start < verbStart; k++)
        {
            var m = mentions[k];
            if (m.End <= verbStart && m.Entity.Type is EntityType.Country or EntityType.Place && text.AsSpan(m.End, verbStart - m.End).IsWhiteSpace())
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>A subject with an indefinite article is an unnamed speaker: "An ECB official, who asked not to
    /// be named, said" → "An ECB official" (up to the first comma or the verb).</summary>
    private static Speaker? UnnamedSubject(string text, int from, int verbStart)
    {
        var k = from;
        while (k < verbStart && (char.IsWhiteSpace(text[k]) || text[k] is ',' or '”' or '"'))
        {
            k++;
        }

        if (!(StartsIgnoringCase(text, k, "a ") || StartsIgnoringCase(text, k, "an ") || StartsIgnoringCase(text, k, "one ")))
        {
            return null;
        }

        var e = k;
        while (e < verbStart && text[e] is not (',' or ';' or '('))
        {
            e++;
        }

        while (e > k && char.IsWhiteSpace(text[e - 1]))
        {
            e--;
        }

        return e > k ? new Speaker(null, text[k..e], k, e) : null;
    }

    private static bool StartsIgnoringCase(string text, int k, string word) => k + word.Length <= text.Length && string.Compare(text, k, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;

    private static (int Start, int End)? PronounIn(string text, int from, int to)
    {
        foreach (var w in Words(text, from, to))
        {
            if (Pronouns.Contains(text[w.Start..w.End]))
            {
                return w;
            }
        }

        return null;
    }

    /// <summary>"he" or "she" is the most recent person named before the quote.</summary>
    private static Speaker? Resolve(string text, (int Start, int End) pronoun, int before, EntityMention[] mentions)
    {
        EntityMention? last = null;
        for (var k = FirstAtOrAfter(mentions, before) - 1; k >= 0; k--)
        {
            if (mentions[k].End <= before && mentions[k].Entity.Type == EntityType.Person)
            {
                last = mentions[k];
                break;
            }
        }

        return last is { } l ? new Speaker(l.Entity.Id, l.Entity.Name, pronoun.Start, pronoun.End) : new Speaker(null, text[pronoun.Start..pronoun.End], pronoun.Start, pronoun.End);
    }

    /// <summary>An unnamed speaker after the verb: "a senior official", "an analyst at ...": from the article to the next comma or the sentence end.</summary>
    private static Speaker? Descriptor(string text, int from, int to)
    {
        var k = from;
        while (k < to && char.IsWhiteSpace(text[k]))
        {
            k++;
        }

        if (!(Starts(text, k, "a ") || Starts(text, k, "an ") || Starts(text, k, "the ") || Starts(text, k, "one ") || Starts(text, k, "two ")))
        {
            return null;
        }

        var e = k;
        while (e < to && text[e] is not (',' or ';' or '\n' or '(' or '—'))
        {
            e++;
        }

        while (e > k && (char.IsWhiteSpace(text[e - 1]) || text[e - 1] is '.' or '!' or '?'))
        {
            e--;
        }

        return e > k ? new Speaker(null, text[k..e], k, e) : null;
    }

    private static bool Starts(string text, int k, string word) => string.CompareOrdinal(text, k, word, 0, word.Length) == 0;

    private static Speaker ToSpeaker(EntityMention m) => new(m.Entity.Id, m.Entity.Name, m.Start, m.End);

    /// <summary>A quote with no attribution of its own continues the previous one when only an attribution
    /// clause, or a paragraph break, lies between them.</summary>
    private static bool IsContinuation(string text, int previousEnd, int open)
    {
        if (previousEnd < 0 || open - previousEnd > AttributionWindow)
        {
            return false;
        }

        var between = text.AsSpan(previousEnd, open - previousEnd);
        var breaks = between.Count('\n');
        if (breaks == 0)
        {
            return true;
        }

        // The next paragraph opens with the quote: only whitespace after the break.
        var lastBreak = between.LastIndexOf('\n');
        return between[(lastBreak + 1)..].Trim().IsEmpty && between[..between.IndexOf('\n')].Trim().Length < 120;
    }
}
