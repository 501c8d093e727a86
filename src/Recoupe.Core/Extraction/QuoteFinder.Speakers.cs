using Recoupe.Core.Languages;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>The quotation finder's speakers: the cue's subject, else the structure around the marks, with how sure it is.</summary>
public sealed partial class QuoteFinder
{
    /// <summary>
    /// A quotation with no cue that repeats words quoted elsewhere with a cue (a headline or a sub-heading quoting the
    /// body) takes the speaker of that passage.
    /// </summary>
    private void SpeakersOfRepeatedWords()
    {
        // (a quotation whose cue names no subject is as speakerless as one with no cue: ""…", a réagi la filière")
        var speakerless = false;
        foreach (var p in _a.Pairs) speakerless |= IsSpeakerless(p);
        if (!speakerless) return;
        // the folded words of the quotations with a speaker, one after the other in a scratch buffer (no string each)
        var cued = new List<(QuotePair Pair, int Start, int Length)>();
        var used = 0;
        foreach (var o in _a.Pairs)
        {
            if (!o.IsQuotation || o.Cue?.Subject is null || o.Speaker is null) continue;
            var end = AppendFoldedWords(o, used);
            cued.Add((o, used, end - used));
            used = end;
        }
        if (cued.Count == 0) return;
        foreach (var p in _a.Pairs)
        {
            if (!IsSpeakerless(p)) continue;
            var wordsEnd = AppendFoldedWords(p, used);
            var buffer = _a.Buffers.FoldScratch;
            var words = buffer.AsSpan(used, wordsEnd - used);
            foreach (var (o, start, length) in cued)
            {
                var other = buffer.AsSpan(start, length);
                if (o != p && (other.IndexOf(words) >= 0 || words.IndexOf(other) >= 0))
                {
                    p.Speaker = o.Speaker;
                    _via[p] = Via.RepeatedWords;
                    break;
                }
            }
        }
    }

    // (a speaker named by an incise or a colon introduction is tied to the marks, not missing)
    private bool IsSpeakerless(QuotePair p) => p.IsQuotation && p.Cue?.Subject is null && p.Parent is null && p.Words >= 3
                                               && !(_via.TryGetValue(p, out var via) && via is Via.Incise or Via.Colon);

    /// <summary>
    /// Writes " word word … " (the quotation's words folded, marks left out) into the analysis's fold scratch from
    /// <paramref name="at"/> on (the scratch grows as needed); returns where it ends.
    /// </summary>
    private int AppendFoldedWords(QuotePair p, int at)
    {
        var n = at;
        for (var k = p.OpenTok + 1; k < p.CloseTok && k < _t.Count; k++)
        {
            if (_t[k].Kind == TokKind.Punct) continue;
            var word = _t[k].Lower;
            var buffer = ScratchFor(n + 1 + 2 * word.Length); // (a ligature folds to two letters)
            buffer[n++] = ' ';
            n += TextFolding.FoldInto(word, buffer.AsSpan(n));
        }
        ScratchFor(n + 1)[n++] = ' ';
        return n;
    }

    private char[] ScratchFor(int length)
    {
        var buffer = _a.Buffers.FoldScratch;
        if (buffer.Length >= length) return buffer;
        Array.Resize(ref buffer, Math.Max(length, buffer.Length * 2));
        return _a.Buffers.FoldScratch = buffer;
    }

    private void AssignSpeaker(QuotePair p)
    {
        // a quotation with no cue of its own shares the cue of a quotation in its sentence
        // (""…", pour "montrer l'ampleur…", a expliqué X")
        var via = Via.Cue;
        if (IsDashHeading(p)) { p.Speaker = null; return; } // (its speaker, if any, comes from the words it repeats)
        // «…, a raconté le technicien. …»: an incise typed inside the marks is the quotation's own cue
        if (p.Cue is null && p.Parent is null && InnerInciseSubject(p) is { } inner)
        {
            (p.Speaker, _via[p]) = inner.Via == "pronoun" ? (RefinePronoun(p, inner), Via.Pronoun) : (inner, inner.Entity is null ? Via.Description : Via.Cue);
            return;
        }
        if (p.Cue is null && p.Parent is null)
        {
            var sentence = _t[p.OpenTok].Sentence;
            foreach (var o in _a.Pairs)
                if (o != p && o.IsQuotation && o.Parent is null && o.OpenTok < _t.Count && _t[o.OpenTok].Sentence == sentence && (o.After ?? o.Before) is { Subject: not null } shared)
                {
                    p.Cue = shared;
                    via = Via.SharedCue;
                    break;
                }
        }
        var cue = p.Cue;
        p.Speaker = cue?.Subject;
        // ("explique Jamie, une manifestante": the subject slot holds the name; the description only says who she is)
        if (p.Speaker is { Via: "role" or "descriptor" } apposed && cue == p.After && ApposedName(apposed) is { } name && name.Last >= cue.LastTok + 1 && name.First <= cue.LastTok + 2)
            (p.Speaker, via) = (name, name.Entity is null ? Via.Description : Via.Cue);
        // "peut-on lire": an indefinite pronoun names nobody; no other name is chained in its place
        if (p.Speaker is { Via: "pronoun" } indefinite && _rules.IsIndefinitePronoun(_t[indefinite.First].Lower))
        {
            // (but "peut-on lire dans le magazine X": the body whose pages are read speaks)
            // ("…", explique-t-on: a body that spoke just before, with no person named since, speaks through "on")
            p.Speaker = cue == p.After ? BodyReadIn(indefinite) ?? BodyThatJustSpoke(p) : null;
            _via[p] = p.Speaker is null ? via : Via.Incise;
            return;
        }
        if (p.Speaker is { Via: "pronoun" }) { p.Speaker = RefinePronoun(p, p.Speaker); via = Via.Pronoun; }
        // "Selon Voici, …", "D'après une vidéo relayée sur Internet, …": the source is the phrase "selon" governs, a name we
        // do not hold or no one; never the speaker chained from before
        if (p.Speaker is null && cue is { IsAccording: true } && cue == (p.After ?? p.Before))
        {
            p.Speaker = HolderPhrase(cue);
            _via[p] = Via.Description;
            return;
        }
        // a pronoun resolved to a place or a thing stands for nobody who speaks
        if (p.Speaker is { Via: "pronoun", Entity: { Type: not (EntityType.Person or EntityType.Organisation) } }) { p.Speaker = null; _via[p] = via; return; }
        // "selon la même source": the one who spoke last
        if (p.Speaker is { } same && same.Last > same.First && _r.SameWords.Contains(_t[same.First + 1].Lower) && PreviousQuotation(p)?.Speaker is { } last)
            p.Speaker = last;
        // «…?», a demandé le vétéran: a question's asker is the incise's own subject, even a description the entities do
        // not hold; the quotation chain would give it to the one asked
        if (p.Speaker is null && cue is { Inverted: false, Joined: false } && cue == p.After && AsksQuestion(cue) && DescriptionAfter(cue.LastTok + 1) is { } described)
            (p.Speaker, via) = (described, Via.Description);
        // the quotation's own speech verb has a subject no entity holds ("ont relaté les gendarmes", "les auteurs de l'étude
        // avertissent"): a description that cannot be someone named before (plural, indefinite, or itself a name) speaks
        // rather than the speaker of the quotation before; a singular one ("affirme le cinéaste") refers back to them
        // a bare name in the verb's subject slot ("said Hicks") is written as a name, so it stands apart from the
        // speaker chained from before as surely as a plural or indefinite description does
        var description = p.Speaker is null && via == Via.Cue && cue is { IsAccording: false } ? DescriptionSubject(p, cue) : null;
        var bareName = description is null && p.Speaker is null && via == Via.Cue && cue is { IsAccording: false } ? BareNameSubject(cue) : null;
        description ??= bareName;
        // ("a déclaré ce dernier": the person named last)
        if (description is not null && LastNamedAntecedent(description) is { } antecedent) (p.Speaker, description, via) = (antecedent, null, Via.Description);
        if (description is not null && (bareName is not null || StandsApart(description))) (p.Speaker, via) = (description, Via.Description);
        if (p.Speaker is null) (p.Speaker, via) = SpeakerWithoutCue(p);
        // (the description is the subject of the quotation's own verb: it outranks a person tied to the marks by no
        // structure, only by being a subject somewhere before or the most named; "…", précise l'arrêté.)
        // (but a singular description of fitting gender, "explique le jeune Français", refers back to the one who spoke
        // the quotation before when the subject found is that same person)
        if (description is not null && (p.Speaker is null || !SpeakerConfidence.Keeps(SpeakerConfidence.Of(via)) || IsLooseTie(via) && !RefersBack(p, description))) (p.Speaker, via) = (description, Via.Description);
        // ("a déclaré la plus vieille fiancée du monde", "raconte la gagnante"): the one person of its gender named before
        if (p.Speaker is { Via: "role" or "descriptor" } subjectDescription && via is Via.Cue or Via.Description && !AddressesSomeone(cue))
            p.Speaker = ResolvedDescription(subjectDescription);
        _via[p] = via;
    }

    /// <summary>Ways of finding a speaker that tie a name to the marks by nearness only, not by a verb, a colon or the last quotation.</summary>
    private static bool IsLooseTie(Via via) => via is Via.SubjectSince or Via.MainPerson or Via.NearestBefore or Via.NearestAfter;

    private const string AskClass = "ask";

    private bool AsksQuestion(Cue cue)
    {
        for (var k = cue.FirstTok; k <= cue.LastTok && k < _t.Count; k++)
            if (_t[k].Speech is { IsSupport: false } form) return form.Class == AskClass; // (the class speech-verbs.txt gives verbs of asking)
        return false;
    }

    /// <summary>A noun phrase opening on a determiner right at <paramref name="k"/> ("le vétéran", "l'ancien combattant"), up to the next punctuation.</summary>
    private Mention? DescriptionAfter(int k)
    {
        if (k >= _t.Count || _t[k].Kind != TokKind.Word || !_t[k].In(WordLists.Determiner) || _t[k].In(WordLists.Preposition) || _a.Enclosing[k] is not null) return null;
        var last = k;
        for (var j = k + 1; j < _t.Count && j <= k + 5; j++)
        {
            var t = _t[j];
            if (t.Kind != TokKind.Word || t.In(WordLists.Preposition) || t.CanBeFiniteVerb && !t.Classes.Contains('n') && !t.Classes.Contains('a')) break;
            last = j;
        }
        if (last == k) return null;
        return new Mention { First = k, Last = last, Start = _t[k].Start, End = _t[last].End, Type = EntityType.Person, Via = "descriptor", Text = _a.Span(k, last) };
    }

    /// <summary>The description that is the subject of a quotation's own cue: after an incise's verb, or right before a verb that introduces the marks.</summary>
    private Mention? DescriptionSubject(QuotePair p, Cue cue)
    {
        if (cue == p.After) return cue.Joined ? null : DescriptionAfter(cue.LastTok + 1);
        return cue == p.Before ? DescriptionBefore(cue.FirstTok) : null;
    }

    /// <summary>The words "selon" governs up to its comma when they are a short noun phrase with no verb or preposition ("Selon Voici,").</summary>
    private Mention? HolderPhrase(Cue according)
    {
        var first = according.LastTok + 1;
        // (the source's words without their article: "selon les sapeurs-pompiers" names "sapeurs-pompiers")
        while (first < _t.Count && _t[first].Kind == TokKind.Word && _t[first].In(WordLists.Determiner) && !_t[first].In(WordLists.Preposition)) first++;
        var last = first - 1;
        for (var k = first; k < _t.Count && k < first + 6; k++)
        {
            var t = _t[k];
            if (t.Lower == ",") break;
            if (t.Kind != TokKind.Word || _a.Enclosing[k] is not null || t.In(WordLists.Preposition) || t.In(WordLists.Auxiliary)
                || t.CanBeFiniteVerb && !t.Classes.Contains('n') && !t.Classes.Contains('a') && !t.IsCap) return null;
            last = k;
        }
        if (last < first || last + 1 >= _t.Count || _t[last + 1].Lower != ",") return null;
        return new Mention { First = first, Last = last, Start = _t[first].Start, End = _t[last].End, Type = EntityType.Organisation, Via = "descriptor", Text = _a.Span(first, last) };
    }

    /// <summary>Does a description name someone of its own: plural, indefinite, or holding a capitalised name ("le blog Shangaiist")?</summary>
    private bool StandsApart(Mention description)
    {
        var determiner = _t[description.First].Lower;
        if (_rules.IsPluralDeterminer(determiner) || _rules.IsIndefiniteDeterminer(determiner)) return true;
        for (var k = description.First + 1; k <= description.Last; k++)
            // ("le jeune Français": a nationality written as a noun names nobody of its own)
            if (_t[k].Kind == TokKind.Word && _t[k].IsCap && !_t[k].In(WordLists.Nationality)) return true;
        return false;
    }

    /// <summary>
    /// A noun phrase ending right before a verb group at <paramref name="verbFirst"/> (object pronouns and adverbs
    /// between), from a determiner that opens its clause: "Les trois médecins y estimaient", "les auteurs de l'étude avertissent".
    /// </summary>
    private Mention? DescriptionBefore(int verbFirst)
    {
        var sentence = verbFirst < _t.Count ? _t[verbFirst].Sentence : 0;
        var start = _a.SentenceStartTok(sentence);
        var j = verbFirst - 1;
        while (j >= start && _t[j].Kind == TokKind.Word && (_t[j].In(WordLists.Filler) || _rules.IsObjectPronoun(_t[j].Lower)) && _e.At(j) is null) j--;
        var last = j;
        for (var hops = 0; j >= start && hops < 8; j--, hops++)
        {
            var t = _t[j];
            if (_a.Enclosing[j] is not null || _e.At(j) is { Type: EntityType.Place or EntityType.Person }) return null;
            if (t.Kind == TokKind.Number) continue;
            if (t.Kind != TokKind.Word) return null;
            if (t.In(WordLists.Determiner) && !t.In(WordLists.Preposition))
            {
                // (the determiner after "de" opens a complement: "les auteurs de l'étude")
                if (j > start && _rules.BuildsSubject(_t[j - 1].Lower)) continue;
                var opensClause = j == start || _t[j - 1].Kind == TokKind.Punct && _t[j - 1].Lower is "," or ":" or ";" or "." || IsCloseTok(j - 1);
                if (!opensClause || j == last) return null;
                return new Mention { First = j, Last = last, Start = _t[j].Start, End = _t[last].End, Type = EntityType.Person, Via = "descriptor", Text = _a.Span(j, last) };
            }
            if (_rules.BuildsSubject(t.Lower)) continue;
            if (t.In(WordLists.Preposition) || t.In(WordLists.Auxiliary) || t.CanBeFiniteVerb && !t.Classes.Contains('n') && !t.Classes.Contains('a')) return null;
        }
        return null;
    }

    private bool IsStandalone(QuotePair p)
    {
        var k = p.OpenTok;
        if (k == 0 || _t[k].Is(WordFlags.LineStart)) return true;
        if (_a.SentenceStartTok(_t[k].Sentence) == k) return true;
        var prev = _t[k - 1];
        if (prev.Kind == TokKind.Punct && prev.Lower is "." or "!" or "?" or ":" or "…" or "—" or "–" or "-") return true;
        if (IsCloseTok(k - 1)) return true;
        // "Mais "c'est maintenant…"": a coordinator opening the sentence
        if (prev.Kind == TokKind.Word && prev.Is(WordFlags.SentenceInitial) && prev.Classes == "f" && !_rules.IsComplementizer(prev.Lower)) return true;
        return false;
    }

    private bool WorkCueBefore(QuotePair p)
    {
        // "le porte-hélicoptère «Charles-de-Gaulle»", "du croiseur russe «Moscou»", "le documentaire "The Last Dance""
        var k = p.OpenTok - 1;
        // "son premier livre, « Un soldat en déroute »": a capitalised title in apposition after the work's noun and a
        // comma, with no speech verb after it
        // ("selon X" after the title reports the fact, not words: "une série, « Yunus Emre », selon X")
        if (k >= 1 && _t[k].Lower == "," && p.After is null or { IsAccording: true } && !p.Sentences && OpensCapitalised(p)) k--;
        // ("accompagné du slogan : « … »": a work's noun introducing its words with a colon)
        if (k >= 1 && _t[k].Lower == ":" && p.After is null) k--;
        var copula = false;
        for (var hops = 0; k >= 0 && hops < 3; k--, hops++)
        {
            var t = _t[k];
            if (t.Kind != TokKind.Word) return false;
            if (t.In(WordLists.WorkCue)) return true;
            // "dont le slogan était '…'": one auxiliary verb between the noun and the marks
            if (!copula && hops == 0 && t.In(WordLists.Auxiliary)) { copula = true; continue; }
            if (!t.In(WordLists.Nationality) && !t.In(WordLists.Determiner) && !t.Classes.Contains('a') && !t.IsCap) return false;
        }
        return false;
    }

    private bool OpensCapitalised(QuotePair p)
    {
        var first = p.OpenTok + 1;
        return first < p.CloseTok && first < _t.Count && _t[first].IsCap && !_t[first].Is(WordFlags.AllCaps);
    }

    /// <summary>"qu'"On n'est pas couché", émission qui…", ""X", son nouveau talk-show": a work's noun in apposition after the marks.</summary>
    private bool WorkCueAfter(QuotePair p)
    {
        var k = p.CloseTok + 1;
        if (p.Unclosed || k >= _t.Count || _t[k].Lower != ",") return false;
        for (var hops = 0; ++k < _t.Count && hops < 3; hops++)
        {
            var t = _t[k];
            if (t.Kind != TokKind.Word) return false;
            if (t.In(WordLists.WorkCue)) return true;
            if (!t.In(WordLists.Determiner) && !t.Classes.Contains('a')) return false;
        }
        return false;
    }

    /// <summary>Does the sentence report speech (a speech verb or "selon") outside the quotation marks?</summary>
    private bool SpeechContext(QuotePair p)
    {
        var sentence = _t[p.OpenTok].Sentence;
        var start = _a.SentenceStartTok(sentence);
        var end = _a.SentenceEndTok(sentence);
        for (var k = start; k < end; k++)
        {
            if (_a.Enclosing[k] is not null) continue;
            if (_t[k].Speech is { IsSupport: false } f && (f.IsFinite || f.IsParticiple || f.IsGerund)) return true;
            if (_r.ClaimCues.MatchAt(_t, k, out var kind) > 0 && kind == "according") return true;
        }
        return false;
    }

    private QuotePair? PreviousQuotation(QuotePair p)
    {
        QuotePair? prev = null;
        foreach (var o in _a.Pairs)
        {
            if (o.OpenTok >= p.OpenTok) break;
            if (o.IsQuotation && o.Depth == p.Depth && o.Speaker is not null) prev = o;
        }
        return prev;
    }

    private Mention? RefinePronoun(QuotePair p, Mention pronoun)
    {
        var prev = PreviousQuotation(p);
        var idx = _e.Mentions.IndexOf(pronoun);
        if (idx < 0) return pronoun;
        // a person introduced as a subject since the previous quotation takes over, the subject of a speech verb
        // before any other ("X a assuré que Y…"); else the previous speaker
        // (a person merely named since, as an object or inside a clause, does not take over from the previous speaker)
        var from = prev is null ? 0 : prev.CloseTok;
        var fresh = SalientSubject(idx, pronoun.Gender, from, out var score);
        if (fresh is not null && score >= 1) return Relink(pronoun, fresh);
        if (prev?.Speaker?.Entity is { } c && (pronoun.Gender == '\0' || c.Gender == '\0' || c.Gender == pronoun.Gender) && c.Type == EntityType.Person)
            return Relink(pronoun, c);
        // (an unnamed speaker, "la propriétaire", goes on speaking when no person came up as a subject since)
        if (prev?.Speaker is { Entity: null, Via: "descriptor" or "role" } unnamed && (fresh is null || score < 1) && PronounFits(pronoun.Gender, DescriptionGender(unnamed))
            && NoPersonSince(prev.CloseTok, pronoun.First)) return unnamed;
        if (fresh is not null) return Relink(pronoun, fresh);
        // a body that just spoke goes on speaking ("ajoute la Confédération. … », insiste-t-elle") when no person came up since
        if (prev?.Speaker?.Entity is { Type: EntityType.Organisation } body && NoPersonSince(prev.CloseTok, pronoun.First)) return Relink(pronoun, body);
        return pronoun;
    }

    private bool NoPersonSince(int fromTok, int toTok)
    {
        for (var k = fromTok; k < toTok && k < _t.Count; k++)
            if (_a.Enclosing[k] is null && _e.At(k) is { Type: EntityType.Person, Via: not "pronoun" }) return false;
        return true;
    }

    /// <summary>
    /// The person a pronoun most likely stands for among the subjects since <paramref name="fromTok"/>: the subject of a
    /// speech verb first, then the subject that opens its sentence, then the nearest; gender must fit.
    /// </summary>
    private EntityCluster? SalientSubject(int pronounIdx, char gender, int fromTok, out int bestScore)
    {
        EntityCluster? best = null;
        bestScore = -1;
        var bestSentence = int.MaxValue;
        for (var k = pronounIdx - 1; k >= 0; k--)
        {
            var o = _e.Mentions[k];
            if (o.First < fromTok) break;
            // a salient subject of a later sentence takes over from those of earlier ones
            if (bestScore >= 1 && _t[o.First].Sentence < bestSentence) break;
            if (o.Entity is not { Type: EntityType.Person } c || o.InQuote || o.Number == 'p') continue;
            // ("le directeur de l'association X, Julien Marquis": the role is the person named in apposition after it)
            if (o.Via is "role" or "descriptor" && NameAfterDescription(o) is { Entity: { Type: EntityType.Person } named }) c = named;
            // the holder named by "selon X" or "Pour X," speaks as much as a subject does
            var holder = o.First > 0 && _r.ClaimCues.MatchEndingAt(_t, (o.RoleFirst >= 0 ? Math.Min(o.RoleFirst, o.First) : o.First) - 1, out _) > 0;
            if (!o.SubjectLike && !holder) continue;
            if (gender != '\0' && c.Gender != '\0' && gender != c.Gender) continue;
            var score = 0;
            // (the inverted subject of a speech verb speaks as much as one before it: "…, a annoncé X, ministre de Y.")
            if (_e.IsSpeechSubject(o.Last) || holder || _e.AfterSpeechVerb(o.RoleFirst >= 0 ? Math.Min(o.RoleFirst, o.First) : o.First)) score += 2;
            var sentenceStart = _a.SentenceStartTok(_t[o.First].Sentence);
            // the subject that opens its sentence, or the first one named in it after an opening adverbial ("De son côté, X…")
            var opening = o.RoleFirst >= 0 ? o.RoleFirst : o.First;
            if (opening <= sentenceStart + 2 || k == 0 || _e.Mentions[k - 1].First < sentenceStart && opening > 0 && _t[opening - 1].Lower == ",") score += 1;
            if (score > bestScore) { best = c; bestScore = score; bestSentence = _t[o.First].Sentence; }
        }
        return best;
    }

    private Mention Relink(Mention m, EntityCluster c)
    {
        if (!ReferenceEquals(m.Entity, c)) _e.Relinked++;
        m.Entity = c;
        return m;
    }

    private (Mention?, Via) SpeakerWithoutCue(QuotePair p)
    {
        // "Poutine : «…»" — a name and a colon before the quotation
        var k = p.OpenTok - 1;
        if (k >= 1 && _t[k].Lower == ":" && _e.At(k - 1) is { } named && named.Type != EntityType.Place
            && (named.RoleFirst >= 0 ? named.RoleFirst : named.First) <= _a.SentenceStartTok(_t[k].Sentence) + 1) return (named, Via.Colon);
        if (p.Parent is { Speaker: { } parentSpeaker }) return (parentSpeaker, Via.Parent);
        // «…», s'enthousiasme X / «…» a expliqué X: a name right after the marks and a verb group names the speaker even
        // when the verb is one the language data does not know; it outranks the chain from earlier quotations
        if (InciseSpeaker(p) is { } incise) return (incise, Via.Incise);
        if (BareNameBeforeSpeechVerb(p) is { } bareSubject) return (bareSubject, Via.Incise);
        if (DescriptionIncise(p) is { } describedSubject) return (describedSubject, Via.Incise);
        // "X, senior analyst at Y, shared her perspective on these findings: «…»": the subject of the sentence the colon ends
        if (ColonSentenceSubject(p) is { } introducer) return (introducer, Via.Colon);
        if (ClauseSubjectDescription(p) is { } clauseSubject) return (clauseSubject, Via.ClauseSubject);
        var sentence = _t[p.OpenTok].Sentence;
        var prev = PreviousQuotation(p);
        // a person named as subject since the previous quotation (in this or the previous two sentences)
        var floor = _a.SentenceStartTok(Math.Max(0, sentence - 2));
        if (prev is not null) floor = Math.Max(floor, prev.CloseTok);
        for (var j = p.OpenTok - 1; j >= floor; j--)
        {
            if (_a.Enclosing[j] is not null) continue;
            // ("il y a", "il s'agit": an impersonal subject stands for nobody)
            if (_e.At(j) is { Via: "pronoun" } impersonal && impersonal.Last + 1 < _t.Count && _rules.IsImpersonalFollower(_t[impersonal.Last + 1].Lower)) continue;
            // (a body counts only as the subject of a speech verb: "who has fished the Corran Bank" names no speaker)
            // (a body counts only as the subject of a speech verb, or of the very sentence whose object holds the marks:
            // "La Cour des comptes avait épinglé … des résultats « … »")
            // (a description in apposition after a name is that name's bearer: "said Mark Warner, a Virginia Democrat.")
            if (_e.At(j) is { Type: EntityType.Person or EntityType.Organisation } m && m.SubjectLike && (m.Entity is not null || m.Via == "role") && ApposedName(m) is null && (m.Via == "pronoun" || !InSubordinateClause(m))
                && (m.Type == EntityType.Person || _e.IsSpeechSubject(m.Last) || _t[m.First].Sentence == sentence && OpensClause(m)))
                return (m, _e.IsSpeechSubject(m.Last) ? Via.SpeechSubjectSince : Via.SubjectSince);
        }
        if (prev is not null && _t[prev.CloseTok < _t.Count ? prev.CloseTok : _t.Count - 1].Sentence >= sentence - 3) return (prev.Speaker, Via.PreviousSpeaker);
        // otherwise the nearest person mentioned before, or after
        for (var j = p.OpenTok - 1; j >= 0; j--)
            if (_a.Enclosing[j] is null && _e.At(j) is { Type: EntityType.Person, Entity: not null } m) return (m, OnlyPerson(m.Entity) ? Via.MainPerson : Via.NearestBefore);
        for (var j = p.CloseTok + 1; j < _t.Count; j++)
            if (_a.Enclosing[j] is null && _e.At(j) is { Type: EntityType.Person, Entity: not null } m)
                return (m, IsIncise(p, m) ? Via.Incise : OnlyPerson(m.Entity) ? Via.MainPerson : Via.NearestAfter);
        return (prev?.Speaker, Via.PreviousSpeaker);
    }

    /// <summary>Is this the person the article names most often outside quotation marks, strictly more than any other?</summary>
    private bool OnlyPerson(EntityCluster person)
    {
        _personMentions ??= CountPersonMentions();
        var mine = _personMentions.GetValueOrDefault(person);
        foreach (var (other, count) in _personMentions)
            if (other != person && count >= mine) return false;
        return true;
    }

    private Dictionary<EntityCluster, int>? _personMentions;

    private Dictionary<EntityCluster, int> CountPersonMentions()
    {
        var counts = new Dictionary<EntityCluster, int>();
        foreach (var m in _e.Mentions)
            if (m.Entity is { Type: EntityType.Person } c && !m.InQuote) counts[c] = counts.GetValueOrDefault(c) + 1;
        return counts;
    }

    /// <summary>
    /// A role ("le directeur du lancement") stands for the person it is linked to when that person was named before the
    /// quotation ends, or holds that role by name; a person named only later with other roles may be someone else, so
    /// the role itself is the speaker.
    /// </summary>
    private bool NamedBefore(Mention speaker, int end)
    {
        if (speaker.Via != "role" || speaker.Entity is not { } person || speaker.Role is not { } role || SharesRole(person, role)) return true;
        foreach (var m in _e.Mentions)
        {
            if (m.Start < end && m.Entity == person && m.Via is "name" or "surname" or "title") return true;
        }
        return false;
    }

    /// <summary>
    /// Does the person keep the description's head word ("président" of "président russe") where named with a title?
    /// A person never given a title beside the name keeps any.
    /// </summary>
    private bool SharesRole(EntityCluster person, string role)
    {
        var space = role.IndexOf(' ');
        var head = TextFolding.Fold(space < 0 ? role : role[..space]);
        var titled = false;
        foreach (var m in _e.Mentions)
        {
            if (m.Entity != person || m.Via is not ("name" or "surname" or "title") || m.Role is not { } given) continue;
            titled = true;
            if (TextFolding.Fold(given).Contains(head, StringComparison.Ordinal)) return true;
        }
        return !titled;
    }
}
