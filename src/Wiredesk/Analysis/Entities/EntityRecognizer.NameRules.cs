using Wiredesk.Analysis.KnowledgeBase;

namespace Wiredesk.Analysis.Entities;

public sealed partial class EntityRecognizer
{
    /// <summary>Stage 2: capitalised runs the knowledge base did not claim, classified by titles, heads and context.</summary>
    internal sealed partial class Pass
    {
        private void MatchRuns()
        {
            var i = 0;
            while (i < _tokens.Count)
            {
                if (_used[i] || !IsCapitalised(i))
                {
                    i++;
                    continue;
                }

                var end = i;
                while (end + 1 < _tokens.Count && JoinedBySpace(end) && !_used[end + 1])
                {
                    if (IsCapitalised(end + 1))
                    {
                        end++;
                    }
                    else if (NameLexicon.Connectors.Contains(Word(end + 1)) && end + 2 < _tokens.Count && JoinedBySpace(end + 1) && !_used[end + 2] && (IsCapitalised(end + 2) || NameLexicon.Connectors.Contains(Word(end + 2))))
                    {
                        end++;
                    }
                    else
                    {
                        break;
                    }
                }

                while (end > i && NameLexicon.Connectors.Contains(Word(end)))
                {
                    end--;
                }

                if (end == i && IsAcronymDefinition(i))
                {
                    var owner = _owner[i - 1]!;
                    AddMention(owner, i, i);
                    owner.Keys.Add(Word(i));
                }
                else
                {
                    ProcessRun(i, end);
                }
                i = end + 1;
            }

            AttachTickers();
        }

        /// <summary>True when the capitalised word i is also written in lower case somewhere in the text: a common word
        /// capitalised at a sentence start. Only a few words per text are asked about, so each question is one
        /// vectorised search of the text for the lower-cased word, kept only where a token starts and ends
        /// there, instead of a set of every lower-case word built for the first question.</summary>
        private bool IsLowerElsewhere(int i)
        {
            var word = Word(i);
            if (!(word.Length > 1 && char.IsUpper(word[0]) && !IsAllCaps(i)))
            {
                return false;
            }

            Span<char> lowered = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
            word.AsSpan().CopyTo(lowered);
            lowered[0] = char.ToLowerInvariant(word[0]);
            if (!char.IsLower(lowered[0]))
            {
                return false;
            }

            var tokens = _tokens.AsSpan();
            var from = 0;
            while (from < text.Length)
            {
                var at = text.AsSpan(from).IndexOf(lowered, StringComparison.Ordinal);
                if (at < 0)
                {
                    return false;
                }

                at += from;
                var k = tokens.BinarySearch(new TokenStart(at));
                if (k >= 0 && tokens[k].Length == lowered.Length)
                {
                    return true;
                }

                from = at + 1;
            }

            return false;
        }

        /// <summary>Finds a token by its start in the text's tokens, which are in text order.</summary>
        private readonly struct TokenStart(int start) : IComparable<WordToken>
        {
            public int CompareTo(WordToken other) => start.CompareTo(other.Start);
        }

        private bool IsTitle(int i) => NameLexicon.Titles.Contains(Word(i)) && (IsCapitalised(i) || IsAllCaps(i));

        private bool IsPersonTitle(int i) => NameLexicon.PersonTitles.Contains(Word(i)) && (IsCapitalised(i) || IsAllCaps(i));

        private bool IsConnector(int i) => NameLexicon.Connectors.Contains(Word(i));

        private void ProcessRun(int a, int b)
        {
            // A run that opens a sentence may start with a capitalised common word ("Today Treasury ...",
            // "Shares of ..."): a stopword, or a word the same text also writes in lower case.
            while (a <= b && (NameLexicon.Stopwords.Contains(Word(a)) || IsConnector(a) || a < b && StartsSentence(a) && IsLowerElsewhere(a) && !(NameLexicon.OrgHeads.Contains(Word(a + 1)) || NameLexicon.PlaceHeads.Contains(Word(a + 1)))) && !IsTitle(a))
            {
                a++;
            }

            while (b >= a && IsConnector(b))
            {
                b--;
            }

            if (a > b)
            {
                return;
            }

            // A name printed twice in a row (a caption beside its photo) is two mentions.
            var length = b - a + 1;
            if (length >= 2 && length % 2 == 0 && Enumerable.Range(0, length / 2).All(k => Word(a + k) == Word(a + (length / 2) + k)))
            {
                ProcessRun(a, a + (length / 2) - 1);
                ProcessRun(a + (length / 2), b);
                return;
            }

            // Titles of laws and agreements are not entities, nor are the names inside them.
            if (NameLexicon.DocumentHeads.Contains(Word(b)) && a < b)
            {
                return;
            }

            // Headline capitals: "Kim Hong Kyun Before Their Meeting" splits at the common words.
            for (var k = a + 1; k < b; k++)
            {
                if (NameLexicon.Stopwords.Contains(Word(k)) && !IsTitle(k))
                {
                    ProcessRun(a, k - 1);
                    ProcessRun(k + 1, b);
                    return;
                }
            }

            if (a < b && IsOrgName(a, b) || IsFollowedByLegalForm(b) || a == b && IsHeadAfterPlace(a))
            {
                EmitOrg(a, b);
                return;
            }

            if (a < b && IsPlaceName(a, b))
            {
                EmitPlace(a, b);
                return;
            }

            // Two names side by side: "Exposition Authority McCormick Place" ends one name at its head word.
            for (var k = a + 1; k < b; k++)
            {
                if ((IsOrgName(a, k) || IsPlaceName(a, k)) && !IsConnector(k + 1) && !IsTitle(k + 1))
                {
                    ProcessRun(a, k);
                    ProcessRun(k + 1, b);
                    return;
                }
            }

            // Split at titles: "Air Force | Maj. Gen. | Pat Ryder", "Deputy Secretary | of State | Kurt Campbell".
            var segStart = a;
            var afterTitle = a > 0 && IsRoleBefore(a);
            var personTitle = false;
            for (var k = a; k <= b + 1; k++)
            {
                if (k <= b && !IsTitle(k))
                {
                    continue;
                }

                if (k <= b && IsPersonTitle(k))
                {
                    personTitle = true;
                }

                if (k == segStart)
                {
                    segStart = k + 1;
                    afterTitle = personTitle;
                    continue;
                }

                var s = segStart;
                var e = k - 1;
                if (s <= e && IsConnector(s))
                {
                    // "High Commissioner for Human Rights": words after "for"/"of" name the office, not a person.
                    afterTitle = false;
                }

                while (s <= e && IsConnector(s))
                {
                    s++;
                }

                while (e >= s && IsConnector(e))
                {
                    e--;
                }

                if (s <= e)
                {
                    ClassifySegment(s, e, afterTitle);
                }

                personTitle = k <= b && IsPersonTitle(k);
                afterTitle = personTitle;
                segStart = k + 1;
            }
        }

        /// <summary>A lower-case role noun right before the name: "leader Kim Jong Un", "vice foreign minister, Kim Hong-kyun".</summary>
        private bool IsRoleBefore(int a)
        {
            var gap = Gap(a - 1).Trim();
            if (gap.Length > 1 || gap.Length == 1 && gap[0] != ',')
            {
                return false;
            }

            var w = Word(a - 1);
            return NameLexicon.RoleNouns.Contains(w) || IsPersonTitle(a - 1) && !_used[a - 1];
        }

        private bool IsOrgName(int a, int b)
        {
            var last = Word(b);
            if (NameLexicon.OrgHeads.Contains(last) && b > a)
            {
                // "Kurt Campbell Group" is still an organisation; but "Secretary of the Treasury" is not.
                return !HasPersonTitle(a, b) || NameLexicon.OrgHeadsBeforeOf.Contains(Word(a));
            }

            return b > a + 1 && NameLexicon.OrgHeadsBeforeOf.Contains(Word(a)) && Word(a + 1) == "of";
        }

        private bool HasPersonTitle(int a, int b)
        {
            for (var k = a; k <= b; k++)
            {
                if (IsPersonTitle(k))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsPlaceName(int a, int b) =>
            _tokens[a].Length > 1 && NameLexicon.PlaceHeads.Contains(Word(b)) && !HasPersonTitle(a, b)
            || b > a + 1 && NameLexicon.PlaceHeadsBeforeOf.Contains(Word(a)) && Word(a + 1) == "of";

        /// <summary>A country or place written right before an organisation is part of its name ("U.S. Central
        /// Command", "Ukraine Security Assistance Initiative"); an abbreviated country before a place too ("U.S. Virgin Islands").</summary>
        private int AbsorbPlacePrefix(int a, bool countriesOnly)
        {
            if (a == 0 || !JoinedBySpace(a - 1) || _owner[a - 1] is not { Type: EntityType.Country or EntityType.Place } prefix || !MentionEndsAt(prefix, a - 1))
            {
                return a;
            }

            if (countriesOnly && (prefix.Type != EntityType.Country || !IsAllCaps(a - 1)))
            {
                return a;
            }

            prefix.Mentions.RemoveAll(m => m.End == _tokens[a - 1].End);
            var p = a - 1;
            while (p > 0 && _owner[p - 1] == prefix && JoinedBySpace(p - 1))
            {
                p--;
            }

            return p;
        }

        private void EmitPlace(int a, int b)
        {
            a = AbsorbPlacePrefix(a, countriesOnly: true);
            var name = text[_tokens[a].Start.._tokens[b].End];
            var entity = FindByName(name, EntityType.Place, EntityType.Country) ?? Entity("place:" + NameText.Slug(name), name, EntityType.Place);
            AddMention(entity, a, b);
        }

        /// <summary>"Washington University", "Seoul Bank": an organisation head right after a known place.</summary>
        private bool IsHeadAfterPlace(int a) =>
            a > 0 && NameLexicon.OrgHeads.Contains(Word(a)) && !NameLexicon.CompanySuffixes.Contains(Word(a)) && JoinedBySpace(a - 1)
            && _owner[a - 1] is { Type: EntityType.Country or EntityType.Place }
            && (a < 2 || !Gap(a - 2).EndsWith("-", StringComparison.Ordinal)); // not "U.S.-ROK Alliance"

        /// <summary>"Brightline Robotics, Inc.": a legal form after the comma makes the run a company.</summary>
        private bool IsFollowedByLegalForm(int b) =>
            b + 1 < _tokens.Count && !_used[b + 1] && Gap(b) is ", " && NameLexicon.CompanySuffixes.Contains(Word(b + 1)) && !NameLexicon.Stopwords.Contains(Word(b));

        private void EmitOrg(int a, int b)
        {
            var type = NameLexicon.CompanySuffixes.Contains(Word(b)) ? EntityType.Company : EntityType.Organization;

            // "Superior Group of Companies, Inc.", "Kroll Bond Rating Agency, LLC".
            if (b + 1 < _tokens.Count && Gap(b).ToString() == ", " && NameLexicon.CompanySuffixes.Contains(Word(b + 1)) && !_used[b + 1])
            {
                b++;
                type = EntityType.Company;
            }

            a = AbsorbPlacePrefix(a, countriesOnly: false);

            var name = text[_tokens[a].Start.._tokens[b].End];
            var entity = FindByName(name, EntityType.Organization, EntityType.Company) ?? Entity((type == EntityType.Company ? "company:" : "organization:") + NameText.Slug(name), name, type);
            AddMention(entity, a, b);
            if (NameLexicon.OrgHeads.Contains(Word(b)) && !NameLexicon.CompanySuffixes.Contains(Word(b)))
            {
                entity.Keys.Add(Word(b));
            }

            if (entity.Type == EntityType.Company && a < b && (IsAllCaps(a) || !NameLexicon.GivenNames.Contains(Word(a)) && !IsLowerElsewhere(a) && !NameLexicon.Stopwords.Contains(Word(a))))
            {
                // "SRS Distribution Inc." is later "SRS", "Brightline Robotics, Inc." is later "Brightline".
                entity.Keys.Add(Word(a));
            }
        }

        /// <summary>"Kroll Bond Rating Agency, LLC": a legal-form suffix after any organisation's name is part of it.</summary>
        private void ExtendCompanySuffixes()
        {
            for (var i = 0; i + 1 < _tokens.Count; i++)
            {
                // A subsidiary named by its parent, a place and a legal form: "Kroll Bond Rating Agency Europe Limited".
                if (i + 2 < _tokens.Count && _owner[i] is { Type: EntityType.Organization or EntityType.Company } parent && _owner[i + 1] is { Type: EntityType.Country or EntityType.Place } region
                    && parent != region && JoinedBySpace(i) && JoinedBySpace(i + 1) && !_used[i + 2] && NameLexicon.CompanySuffixes.Contains(Word(i + 2)))
                {
                    var at = parent.Mentions.FindIndex(m => m.End == _tokens[i].End);
                    if (at >= 0)
                    {
                        region.Mentions.RemoveAll(m => m.Start == _tokens[i + 1].Start);
                        parent.Mentions[at] = (parent.Mentions[at].Start, _tokens[i + 2].End);
                        _used[i + 2] = true;
                        _owner[i + 1] = parent;
                        _owner[i + 2] = parent;
                        continue;
                    }
                }

                // After a comma any legal form ("Kroll Bond Rating Agency, LLC"); after a space only an
                // abbreviated one ("Sony Group Corp."), since "Sony Group" may itself be the name.
                if (_owner[i] is not { Type: EntityType.Organization or EntityType.Company } org || _used[i + 1])
                {
                    continue;
                }

                var gap = Gap(i);
                var suffix = Word(i + 1);
                if (!NameLexicon.CompanySuffixes.Contains(suffix)
                    || !(gap is ", " || gap is " " && (suffix[^1] == '.' || IsAllCaps(i + 1))))
                {
                    continue;
                }

                var index = org.Mentions.FindIndex(m => m.End == _tokens[i].End);
                if (index >= 0)
                {
                    org.Mentions[index] = (org.Mentions[index].Start, _tokens[i + 1].End);
                    _used[i + 1] = true;
                    _owner[i + 1] = org;
                }
            }
        }

        private bool MentionEndsAt(Builder prefix, int tokenIndex) => prefix.Mentions.Exists(m => m.End == _tokens[tokenIndex].End);

        private Builder? FindByName(string name, params EntityType[] types) =>
            _byName.TryGetValue(NameText.Normalize(name), out var same) ? same.Find(e => types.Contains(e.Type)) : null;

        private void ClassifySegment(int s, int e, bool afterTitle)
        {
            // A name printed twice in a row (a caption beside its photo) is two mentions.
            var length = e - s + 1;
            if (length >= 2 && length % 2 == 0 && Enumerable.Range(0, length / 2).All(k => Word(s + k) == Word(s + (length / 2) + k)))
            {
                ClassifySegment(s, s + (length / 2) - 1, afterTitle);
                ClassifySegment(s + (length / 2), e, afterTitle);
                return;
            }

            if (s < e && IsOrgName(s, e))
            {
                EmitOrg(s, e);
                return;
            }

            if (s < e && IsPlaceName(s, e))
            {
                EmitPlace(s, e);
                return;
            }

            // A role after a lone word is weak evidence ("Media Relations, press@..."); it needs two words.
            var contextual = afterTitle || SaidNear(s, e) || e > s && RoleAfter(e);
            if (contextual && e - s <= 3 && AllNameWords(s, e))
            {
                EmitPerson(s, e);
                return;
            }

            var nameStart = PersonNameStart(s, e);
            if (nameStart >= 0 && (e > nameStart || contextual))
            {
                EmitPerson(nameStart, e);
                return;
            }

            if (contextual && e - s > 3 && AllNameWords(e - 1, e))
            {
                EmitPerson(e - 1, e);
                return;
            }

            if (s == e && !StartsSentence(s) && StandaloneInstitutions.Contains(Word(s)) && !(e + 1 < _tokens.Count && IsTitle(e + 1)))
            {
                AddMention(Entity("organization:" + NameText.Slug(Word(s)), Word(s), EntityType.Organization), s, s);
            }
        }

        /// <summary>Where a person's name begins inside words s..e: at a given name or a family-first surname
        /// from which every following word can be part of a name; -1 when none.</summary>
        private int PersonNameStart(int s, int e)
        {
            for (var k = s; k <= e; k++)
            {
                var w = Word(k);
                var shape = NameLexicon.GivenNames.Contains(w) || NameLexicon.NameOpeners.Contains(w) && k < e
                    || (NameLexicon.FamilyFirstSurnames.Contains(w) || NameLexicon.JapaneseSurnames.Contains(w)) && e - k is >= 1 and <= 2;
                if (shape && e - k <= 5 && AllNameWords(k, e))
                {
                    return k;
                }
            }

            return -1;
        }

        private bool AllNameWords(int s, int e)
        {
            for (var k = s; k <= e; k++)
            {
                var w = Word(k);
                if (NameLexicon.NameParticles.Contains(w) && k > s && k < e)
                {
                    continue;
                }

                if (!IsCapitalised(k) || w.Length <= 4 && w.Length > 1 && w[0] == 'I' && WordTokenizer.IsApostrophe(w[1]) || NameLexicon.OrgHeads.Contains(w) || NameLexicon.Stopwords.Contains(w) || IsTitle(k) || char.IsDigit(w[^1]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>"said Jane Doe" or "Jane Doe said".</summary>
        private bool SaidNear(int s, int e)
        {
            if (s > 0 && JoinedBySpace(s - 1) && Word(s - 1) is "said" or "says" or "added" or "told")
            {
                return true;
            }

            // Bylines and credits: "by Jane Doe", "Photo by Jane Doe/Agency".
            if (e > s && s > 0 && JoinedBySpace(s - 1) && Word(s - 1) is "by" or "By")
            {
                return true;
            }

            return e > s && e + 1 < _tokens.Count && JoinedBySpace(e) && Word(e + 1) is "said" or "says" or "told";
        }

        /// <summary>"Ted Decker, chair, president and CEO", "Andrew Wilson, CEO of EA".</summary>
        private bool RoleAfter(int e)
        {
            if (e + 1 >= _tokens.Count || Gap(e).Trim().ToString() != ",")
            {
                return false;
            }

            var w = Word(e + 1);
            if (NameLexicon.PersonTitles.Contains(w) || NameLexicon.RoleNouns.Contains(w))
            {
                return true;
            }

            // "Jane Doe, a former minister", "Jane Doe, the company's chief executive".
            if (w is not ("the" or "a" or "an"))
            {
                return false;
            }

            for (var k = e + 2; k < _tokens.Count && k <= e + 4 && JoinedBySpace(k - 1) || k < _tokens.Count && k <= e + 4 && Gap(k - 1) is "'s " or "’s "; k++)
            {
                if (NameLexicon.RoleNouns.Contains(Word(k).ToLowerInvariant()))
                {
                    return true;
                }
            }

            return false;
        }

        private void EmitPerson(int s, int e)
        {
            // Trailing generational suffixes stay; nothing after them.
            var name = text[_tokens[s].Start.._tokens[e].End];
            var first = Word(s);
            var last = Word(e);
            var existing = FindByName(name, EntityType.Person)
                ?? (s == e ? (_personByKey.GetValueOrDefault(last) ?? (IsAllCaps(s) ? _personByCapsKey.GetValueOrDefault(last) : null)) : _personByEnds.GetValueOrDefault((first, last)));
            if (existing is null && s == e && kb.FindPersonBySurname(last) is { } known)
            {
                // "Secretary Blinken", "PRESIDENT BIDEN": a titled surname of a known person.
                existing = EntityFor(known);
            }

            var entity = existing ?? Entity("person:" + NameText.Slug(name), name, EntityType.Person);
            if (existing is null)
            {
                SetPersonEnds(entity, first, NameLexicon.NameSuffixes.Contains(last) && e > s ? Word(e - 1) : last);
                AddPersonKey(entity, entity.LastWord!);
                if (NameLexicon.FamilyFirstSurnames.Contains(first) || NameLexicon.JapaneseSurnames.Contains(first))
                {
                    AddPersonKey(entity, first);
                }
            }

            AddMention(entity, s, e);
        }
    }
}
