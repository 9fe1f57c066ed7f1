using Wiredesk.Analysis;

namespace Wiredesk.Verification.Checks;

/// <summary>A quote the sentence gives to a named speaker must be that speaker's in the source: the source's
/// quote has the same speaker (entity, name or surname), or, where the source's quote has no named speaker, the
/// speaker is named in the source sentence that carries the quote or the next one. Unnamed speakers ("he",
/// "a senior official") are not judged.</summary>
public sealed class SpeakerCheck : IVerificationCheck
{
    public string Name => "speaker";

    public CheckResult Check(CheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claim = context.Claim;
        List<VerificationReason>? reasons = null;
        foreach (var quote in claim.Analysis.Quotes)
        {
            if (quote.Speaker is not { } speaker || SpeakerKeys(claim.Text[speaker.Start..speaker.End]) is not { Count: > 0 } keys
                || QuoteText.Find(quote.Text, context.Sources) is not { } location)
            {
                continue;
            }

            var sourceQuote = location.Source.Analysis.Quotes.FirstOrDefault(q => q.Start <= location.Start && location.Start < q.End);
            if (sourceQuote?.Speaker is { EntityId: { } sourceId } sourceSpeaker)
            {
                var sourceNames = NamesOf(location.Source, sourceSpeaker, sourceId);
                if (sourceId == speaker.EntityId || keys.TrueForAll(sourceNames.Contains))
                {
                    continue;
                }

                // The analyzers may read the attribution of the same words differently ("X said ... according to
                // Y"): the sentence still keeps the source's speaker if it names them and the source names its own.
                if (NamesSourceSpeaker(claim, sourceSpeaker, sourceNames) && keys.TrueForAll(NearbyKeys(location).Contains))
                {
                    continue;
                }

                (reasons ??= []).Add(new VerificationReason(Name, $"the source gives the quote to {sourceSpeaker.Name}", claim.Text[speaker.Start..speaker.End]));
            }
            else if (!keys.TrueForAll(NearbyKeys(location).Contains))
            {
                (reasons ??= []).Add(new VerificationReason(Name, "the source does not give the quote to this speaker", claim.Text[speaker.Start..speaker.End]));
            }
        }

        return CheckResult.From(reasons);
    }

    /// <summary>The name words that identify a speaker: its capitalised words ("President Biden" → president,
    /// biden), or, for a lower-case descriptor, nothing (an unnamed speaker is not judged).</summary>
    private static List<string>? SpeakerKeys(string surface)
    {
        var words = Words.SplitShort(surface);
        if (words.Length == 0 || !char.IsUpper(surface[words[0].Start]) || words.Length == 1 && surface is "He" or "She" or "They" or "We" or "I")
        {
            return null;
        }

        return [.. words.Where(w => w.IsContent && char.IsUpper(surface[w.Start])).Select(w => w.Key)];
    }

    private static bool NamesSourceSpeaker(Claim claim, Speaker sourceSpeaker, HashSet<string> sourceNames)
    {
        var surname = Words.SplitShort(sourceSpeaker.Name).LastOrDefault(w => w.IsContent).Key;
        return surname is not null && sourceNames.Contains(surname) && claim.Words.Any(w => w.Key == surname);
    }

    private static HashSet<string> NamesOf(VerificationSource source, Speaker speaker, string entityId)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        AddKeys(keys, speaker.Name);
        AddKeys(keys, source.Text[speaker.Start..speaker.End]);
        foreach (var entity in source.Analysis.Entities)
        {
            if (entity.Id == entityId)
            {
                AddKeys(keys, entity.Name);
                foreach (var mention in entity.Mentions)
                {
                    AddKeys(keys, mention.Text);
                }
            }
        }

        return keys;
    }

    private static HashSet<string> NearbyKeys(QuoteText.Location location)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var units = location.Source.Units;
        for (var i = 0; i < units.Length; i++)
        {
            if (units[i].End > location.Start && units[i].Start < location.End || i > 0 && units[i - 1].End > location.Start && units[i - 1].Start < location.End)
            {
                keys.UnionWith(units[i].Keys);
            }
        }

        return keys;
    }

    private static void AddKeys(HashSet<string> keys, string text)
    {
        foreach (var w in Words.SplitShort(text))
        {
            if (w.IsContent)
            {
                keys.Add(w.Key);
            }
        }
    }
}
