using Wiredesk.Analysis.KnowledgeBase;

namespace Wiredesk.Analysis.Entities;

public sealed partial class EntityRecognizer
{
    /// <summary>Stage 3: later mentions linked to entities already found.</summary>
    internal sealed partial class Pass
    {
        /// <summary>"Office of Foreign Assets Control (OFAC)": the acronym names the same entity, here and later.</summary>
        private void LinkAcronymDefinitions()
        {
            for (var i = 1; i < _tokens.Count; i++)
            {
                if (_owner[i] is null && IsAcronymDefinition(i))
                {
                    var b = _owner[i - 1]!;
                    AddMention(b, i, i);
                    b.Keys.Add(Word(i));
                }
            }
        }

        private bool IsAcronymDefinition(int i) =>
            i > 0 && _owner[i - 1] is { Type: not EntityType.Person } && IsAllCaps(i) && Gap(i - 1).ToString() is " (" or "("
            && (i + 1 < _tokens.Count ? Gap(i).StartsWith(")") : text.AsSpan(_tokens[i].End).StartsWith(")"));

        /// <summary>A lone capitalised word that is the surname, family name, head word, acronym or ticker
        /// of an entity already found links to it ("Putin", "Campbell", "the Committee", "EA").</summary>
        private void LinkSingleWords()
        {
            var byKey = new Dictionary<string, Builder>(StringComparer.OrdinalIgnoreCase);
            foreach (var b in _order)
            {
                foreach (var key in b.Keys)
                {
                    byKey.TryAdd(key, b);
                }

            }

            for (var i = 0; i < _tokens.Count; i++)
            {
                if (_used[i] || !IsCapitalised(i))
                {
                    continue;
                }

                var w = Word(i);
                if (!byKey.TryGetValue(w, out var b))
                {
                    // "the Committee", "the Board": a capitalised head after "the" names an institution even
                    // when its full name is not in the text.
                    if (i > 0 && Word(i - 1) == "the" && JoinedBySpace(i - 1) && HeadsAlone.Contains(w) && (i + 1 >= _tokens.Count || !JoinedBySpace(i) || !IsCapitalised(i + 1)))
                    {
                        var institution = Entity("organization:" + NameText.Slug(w), w, EntityType.Organization);
                        AddMention(institution, i, i);
                        byKey[w] = institution;
                        institution.Keys.Add(w);
                    }

                    continue;
                }

                // Case must agree unless the text is in capitals ("CAMPBELL" in a transcript label).
                var matchesCase = b.Keys.Contains(w) || IsAllCaps(i);
                var isHead = b.Type is EntityType.Organization or EntityType.Company && NameLexicon.OrgHeads.Contains(w);
                if (matchesCase && !(isHead && StartsSentence(i)))
                {
                    AddMention(b, i, i);
                }
            }
        }

        /// <summary>"the ministry said": the lower-case noun refers to the last organisation named before it
        /// whose name contains the noun ("the company", "the firm": the last company).</summary>
        private void LinkOrgAnaphors()
        {
            // Built at the first "the ministry"-style word only: most texts have none, and then no list is sorted.
            List<(int End, Builder Builder)>? orgMentions = null;
            var latest = new Dictionary<string, Builder>(StringComparer.Ordinal);
            var next = 0;
            for (var i = 1; i < _tokens.Count; i++)
            {
                if (_used[i] || !char.IsLower(text[_tokens[i].Start]))
                {
                    continue;
                }

                if (WordSpan(i - 1) is not ("the" or "The"))
                {
                    continue;
                }

                var w = Word(i);
                if (!OrgAnaphors.Contains(w) || !JoinedBySpace(i - 1))
                {
                    continue;
                }

                orgMentions ??= _order.Where(b => b.Type is EntityType.Organization or EntityType.Company)
                    .SelectMany(b => b.Mentions.Select(m => (m.End, Builder: b))).OrderBy(m => m.End).ToList();
                if (orgMentions.Count == 0)
                {
                    return;
                }

                for (; next < orgMentions.Count && orgMentions[next].End <= _tokens[i].Start; next++)
                {
                    var b = orgMentions[next].Builder;
                    foreach (var noun in OrgAnaphors)
                    {
                        if (b.Name.Contains(noun, StringComparison.OrdinalIgnoreCase) || noun is "company" or "firm" && b.Type == EntityType.Company)
                        {
                            latest[noun] = b;
                        }
                    }
                }

                if (latest.TryGetValue(w, out var target))
                {
                    AddMention(target, i, i);
                }
            }
        }
    }
}
