using Wiredesk.Analysis;

namespace Wiredesk.Verification.Checks;

/// <summary>Every person, organisation, country, place and company the sentence names must be named in the
/// aligned source sentences: the same entity (by id), the same words, or for a person named by one word, that word
/// (a surname). Capitalised
/// words the analyzer does not recognise as a name are held to the same rule, word by word.</summary>
public sealed class NameCheck : IVerificationCheck
{
    public string Name => "name";

    public CheckResult Check(CheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claim = context.Claim;
        List<VerificationReason>? reasons = null;
        var covered = new List<(int Start, int End)>();
        foreach (var entity in claim.Analysis.Entities)
        {
            foreach (var mention in entity.Mentions)
            {
                covered.Add((mention.Start, mention.End));
                if (!IsSupported(context, entity, mention))
                {
                    (reasons ??= []).Add(new VerificationReason(Name, "not in the aligned sources", mention.Text));
                }
            }
        }

        foreach (var word in claim.Words)
        {
            if (word.Is(WordKinds.Capitalized) && word.IsContent && !word.Is(WordKinds.Number) && !IsCovered(covered, word)
                && !claim.IsInNumberOrDate(word) && !context.EvidenceHasKey(word.Key) && !context.IsSourceName(word) && !context.EvidenceHasDemonymBase(word))
            {
                (reasons ??= []).Add(new VerificationReason(Name, "not in the aligned sources", claim.TextOf(word)));
            }
        }

        return CheckResult.From(reasons);
    }

    private static bool IsSupported(CheckContext context, Entity entity, Mention mention)
    {
        foreach (var unit in context.Evidence)
        {
            if (unit.EntityIds.Contains(entity.Id))
            {
                return true;
            }
        }

        var words = Words.SplitShort(mention.Text).Where(w => w.IsContent).ToList();
        if (words.Count == 0 || words.TrueForAll(w => context.EvidenceHasKey(w.Key)) || context.IsSourceName(mention.Start, mention.End))
        {
            return true;
        }

        // A person may be named by surname alone ("Blinken" where the source has "Antony Blinken"); a full name
        // the source does not give is not supported by its surname alone (the entity id covers known people).
        return entity.Type == EntityType.Person && words.Count == 1 && context.EvidenceHasKey(words[0].Key);
    }

    private static bool IsCovered(List<(int Start, int End)> spans, Word word) =>
        spans.Exists(s => word.Start >= s.Start && word.End <= s.End);
}
