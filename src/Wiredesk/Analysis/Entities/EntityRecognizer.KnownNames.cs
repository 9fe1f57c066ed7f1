using Wiredesk.Analysis.KnowledgeBase;

namespace Wiredesk.Analysis.Entities;

public sealed partial class EntityRecognizer
{
    /// <summary>Stage 1: names the knowledge base knows, and the exchange patterns that give companies their tickers.</summary>
    internal sealed partial class Pass
    {
        private void MatchKnowledgeBase()
        {
            for (var i = 0; i < _tokens.Count; i++)
            {
                if (!kb.TryMatch(text, _tokens[i].Start, out var end, out var entry) || entry is not null && (InsideOfName(i) || IsInstrumentName(entry, end)))
                {
                    continue;
                }

                var last = i;
                while (last + 1 < _tokens.Count && _tokens[last + 1].Start < end)
                {
                    last++;
                }

                if (entry is null)
                {
                    // A demonym: not an entity, but its words must not feed the name rules.
                    for (var k = i; k <= last; k++)
                    {
                        _used[k] = true;
                    }
                }
                else
                {
                    var b = EntityFor(entry);
                    b.Mentions.Add((_tokens[i].Start, Math.Min(end, _tokens[last].End)));
                    for (var k = i; k <= last; k++)
                    {
                        _used[k] = true;
                        _owner[k] = b;
                    }
                }

                // "Russia-Ukraine war", "ROK-U.S. alliance": a name joined by a hyphen to the next one.
                var pos = end;
                while (pos + 1 < _tokens[last].End && WordTokenizer.IsHyphen(text[pos]) && kb.TryMatch(text, pos + 1, out var joinedEnd, out var joined) && joinedEnd <= _tokens[last].End)
                {
                    if (joined is not null)
                    {
                        EntityFor(joined).Mentions.Add((pos + 1, joinedEnd));
                    }

                    pos = joinedEnd;
                }

                i = last;
            }
        }

        /// <summary>"Treasury securities", "Treasury yields": an institution's name used for the debt it issues.</summary>
        private bool IsInstrumentName(KnowledgeBaseEntry entry, int end)
        {
            if (entry.Type != EntityType.Organization || end + 1 >= text.Length || text[end] != ' ')
            {
                return false;
            }

            var span = text.AsSpan(end + 1);
            foreach (var noun in InstrumentNouns)
            {
                if (span.StartsWith(noun, StringComparison.Ordinal) && (span.Length == noun.Length || !char.IsLetter(span[noun.Length])))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when word i follows "of" or "of the" inside a capitalised name opened by an organisation
        /// or place head: "Bank of Japan", "Department of the Treasury", "Gulf of Aden" are names of their own.</summary>
        private bool InsideOfName(int i)
        {
            var k = i - 1;
            if (k >= 0 && Word(k) == "the" && JoinedBySpace(k))
            {
                k--;
            }

            if (k < 1 || Word(k) != "of" || !JoinedBySpace(k) || !JoinedBySpace(k - 1))
            {
                return false;
            }

            for (var j = k - 1; j >= 0 && k - j < 8; j--)
            {
                var w = Word(j);
                if (NameLexicon.OrgHeadsBeforeOf.Contains(w) || NameLexicon.PlaceHeadsBeforeOf.Contains(w))
                {
                    return true;
                }

                if (j == 0 || !JoinedBySpace(j - 1) || !IsCapitalised(j) && !IsConnector(j))
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>"ST. PETERSBURG, Fla.", "Washington, DC", "Washington D.C.": the state belongs to the place's
        /// mention; so does a following "region" ("the Indo-Pacific region").</summary>
        private void ExtendDatelines()
        {
            for (var i = 0; i + 1 < _tokens.Count; i++)
            {
                if (_owner[i] is not { Type: EntityType.Place or EntityType.Country } place || _owner[i + 1] == place)
                {
                    continue;
                }

                var gap = Gap(i);
                var state = NameLexicon.StateAbbreviations.Contains(Word(i + 1)) && (gap is ", " or " ");
                var region = place.Type == EntityType.Place && Word(i + 1) == "region" && gap is " ";
                if (!state && !region)
                {
                    continue;
                }

                var index = place.Mentions.FindIndex(m => m.End == _tokens[i].End);
                if (index < 0)
                {
                    continue;
                }

                _owner[i + 1]?.Mentions.RemoveAll(m => m.Start == _tokens[i + 1].Start);
                place.Mentions[index] = (place.Mentions[index].Start, _tokens[i + 1].End);
                _used[i + 1] = true;
                _owner[i + 1] = place;
            }
        }

        /// <summary>"U.S. Department of the Treasury", "U.S. Virgin Islands": an abbreviated country written
        /// right before a known organisation or place is part of that name.</summary>
        private void AbsorbCountryAbbreviations()
        {
            for (var i = 1; i < _tokens.Count; i++)
            {
                if (_owner[i] is not { Type: EntityType.Organization or EntityType.Company or EntityType.Place } named || _owner[i - 1] is not { Type: EntityType.Country } country
                    || named == country || !JoinedBySpace(i - 1) || !IsAllCaps(i - 1) || _tokens[i - 1].Length > 5)
                {
                    continue;
                }

                var countryIndex = country.Mentions.FindIndex(m => m.Start == _tokens[i - 1].Start && m.End == _tokens[i - 1].End);
                var namedIndex = named.Mentions.FindIndex(m => m.Start == _tokens[i].Start);
                if (countryIndex < 0 || namedIndex < 0)
                {
                    continue;
                }

                country.Mentions.RemoveAt(countryIndex);
                named.Mentions[namedIndex] = (_tokens[i - 1].Start, named.Mentions[namedIndex].End);
                _owner[i - 1] = named;
            }
        }

        /// <summary>"(NYSE: HD)": the exchange is an organisation, the ticker names the company just before.</summary>
        private void MatchExchangeTickers()
        {
            for (var i = 1; i + 1 < _tokens.Count; i++)
            {
                if (!Gap(i - 1).EndsWith("("))
                {
                    continue;
                }

                var word = Word(i);
                if (!Exchanges.Contains(word) || Gap(i).Trim().ToString() != ":" || !IsAllCaps(i + 1) && _tokens[i + 1].Length > 1)
                {
                    continue;
                }

                var exchange = _owner[i] ?? Entity("organization:" + NameText.Slug(word), word, EntityType.Organization);
                if (_owner[i] is null)
                {
                    AddMention(exchange, i, i);
                }

                var ticker = Word(i + 1);
                _used[i + 1] = true;
                _pendingTickers.Add((i - 1, ticker, exchange.Name));
            }
        }

        private readonly List<(int BeforeToken, string Ticker, string Exchange)> _pendingTickers = [];

        private void AttachTickers()
        {
            foreach (var (before, ticker, exchange) in _pendingTickers)
            {
                var company = _owner[before];
                if (company is null || company.Type is not (EntityType.Company or EntityType.Organization))
                {
                    continue;
                }

                company.Type = EntityType.Company;
                company.Ticker ??= ticker;
                company.Exchange ??= exchange;
                company.Keys.Add(ticker);
            }
        }
    }
}
