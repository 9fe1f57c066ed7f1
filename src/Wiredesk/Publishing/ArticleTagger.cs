using Wiredesk.Analysis;
using Wiredesk.Drafting;

namespace Wiredesk.Publishing;

/// <summary>Derives what a published story is about from the analyses of its source reports. A report names many
/// things in passing, so an entity becomes a tag only when the story itself names it (any of its mentions appears in
/// the headline or a sentence) or rests a sentence on a knowledge-base fact about it ("kb:company:AAPL",
/// "exposure:country:KR"). Topics are the source reports' IPTC media topics.</summary>
public static class ArticleTagger
{
    public static IReadOnlyList<ArticleTag> Tag(Draft draft, IEnumerable<ReportAnalysis> analyses)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(analyses);
        var text = string.Join("\n", draft.Sections.SelectMany(s => s.Sentences).Select(s => s.Text).Prepend(draft.Headline));
        var factEntities = draft.Sections.SelectMany(s => s.Sentences).SelectMany(s => s.Facts).Select(f => FactEntity(f.Id))
            .OfType<string>().ToHashSet(StringComparer.Ordinal);

        var tags = new List<ArticleTag>();
        foreach (var analysis in analyses)
        {
            foreach (var entity in analysis.Entities)
            {
                if (factEntities.Contains(entity.Id) || entity.Mentions.Select(m => m.Text).Append(entity.Name).Any(n => Names(text, n)))
                {
                    tags.AddRange(TagsOf(entity));
                }
            }

            tags.AddRange(analysis.Topics.Select(t => new ArticleTag(TagKinds.Topic, TagKinds.KeyOf(TagKinds.Topic, t.Name), t.Name, t.Code)));
        }

        return [.. tags.Where(t => t.Key.Length > 0).DistinctBy(t => (t.Kind, t.Key)).OrderBy(t => t.Kind, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal)];
    }

    private static IEnumerable<ArticleTag> TagsOf(Entity entity)
    {
        switch (entity.Type)
        {
            case EntityType.Company:
                var company = TagKinds.KeyOf(TagKinds.Company, entity.Name);
                yield return new ArticleTag(TagKinds.Company, company, entity.Name, entity.Id);
                if (!string.IsNullOrWhiteSpace(entity.Ticker))
                {
                    yield return new ArticleTag(TagKinds.Ticker, TagKinds.KeyOf(TagKinds.Ticker, entity.Ticker), entity.Ticker.Trim().ToUpperInvariant(), entity.Exchange, company);
                }

                break;
            case EntityType.Person:
                yield return new ArticleTag(TagKinds.Person, TagKinds.KeyOf(TagKinds.Person, entity.Name), entity.Name, entity.Id);
                break;
            case EntityType.Country:
                yield return new ArticleTag(TagKinds.Country, TagKinds.KeyOf(TagKinds.Country, entity.Name), entity.Name, entity.Id);
                break;
            case EntityType.Organization:
                yield return new ArticleTag(TagKinds.Organization, TagKinds.KeyOf(TagKinds.Organization, entity.Name), entity.Name, entity.Id);
                break;
            default:
                break;
        }
    }

    /// <summary>The entity a fact is about: "kb:company:AAPL" and "exposure:country:KR" name one; theme exposures
    /// and report facts do not.</summary>
    private static string? FactEntity(string factId) =>
        factId.StartsWith("kb:", StringComparison.Ordinal) ? factId[3..]
        : factId.StartsWith("exposure:country:", StringComparison.Ordinal) ? factId["exposure:".Length..]
        : null;

    /// <summary>Whether the text names <paramref name="name"/> as a whole word (so "Apple" is not found in "Applebee's").</summary>
    private static bool Names(string text, string name)
    {
        if (name.Length < 2)
        {
            return false;
        }

        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            var end = at + name.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }

        return false;
    }
}
