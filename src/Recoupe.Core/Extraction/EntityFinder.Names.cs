using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>Names: runs of capitalised words, people with their given names and surnames, known bodies and places.</summary>
public sealed partial class EntityFinder
{
    private void FindNames()
    {
        // pass 1: fixed names (organisations, places) and runs of capitalised words
        var runs = _tables.Runs;
        for (var i = 0; i < _t.Count; i++)
        {
            // "selon 20 Minutes": a number before an ordinary word capitalised mid-sentence is a title (in a language
            // that capitalises a title's first word only)
            if (NumberOpensTitle(i)) { AddNamed(i, i + 1, EntityType.Organisation, null); i++; continue; }
            if (!_t[i].IsCap) continue;
            var orgLen = _r.OrganisationNames.MatchAt(_t, i, out _);
            var placeLen = KnownPlaceAt(i, out var placeKey);
            // "Europe 1", "France 24": a known name and a small number after it name a channel or a station
            if ((orgLen > 0 || placeLen > 0) && NumberClosesName(i + Math.Max(orgLen, placeLen) - 1) is var withNumber and > 0)
            {
                AddNamed(i, withNumber, EntityType.Organisation, null);
                i = withNumber;
                continue;
            }
            if (placeLen == 1 && orgLen == 0 && MayBeGivenNameBeforeName(i)) placeLen = 0;
            // "Aube", "Terre": a one-word place that is also an ordinary word is the word when it opens a sentence,
            // unless the article also capitalises it mid-sentence
            if (placeLen == 1 && _t[i].InLexicon && _t[i].Is(WordFlags.SentenceInitial) && !_t[i].Is(WordFlags.AllCaps) && !_midSentenceCaps.Contains(_t[i].Lower)) placeLen = 0;
            // "la Commission nationale du débat public": a body's head word is the start of a longer name, read with the organisation phrases
            if (orgLen == 1 && placeLen == 0 && OrganisationHeadBeforeComplement(i)) continue;
            if (orgLen == 1 && placeLen == 0)
            {
                // a known one-word name that is also an ordinary word and opens a sentence is the word, unless the
                // article also capitalises it mid-sentence; a person's surname ("Harrison Ford", then "Ford") is the person's
                // ("UN" in a French heading in capitals is "un")
                if ((_t[i].Is(WordFlags.SentenceInitial) && !_midSentenceCaps.Contains(_t[i].Lower) || _t[i].Is(WordFlags.AllCaps)) && _t[i].InLexicon
                    || SurnameAfterGivenName(_t[i].Lower)) orgLen = 0;
                // "Google Maps", "Sony Pictures": a firm's name before other name words names its product or its unit,
                // which is left unnamed (neither a person nor the firm), unless a firm's ending closes it ("Sony Corporation")
                else if (NameWordsAfterFirm(i) is var unitLast and > 0)
                {
                    if (_t[unitLast].In(WordLists.OrganisationSuffix)) AddNamed(i, unitLast, EntityType.Organisation, null);
                    i = unitLast;
                    continue;
                }
            }
            if (orgLen > 0 || placeLen > 0)
            {
                // a known name is used as such only when written with its capital
                var len = Math.Max(orgLen, placeLen);
                if (orgLen >= placeLen) AddNamed(i, i + len - 1, EntityType.Organisation, null);
                else AddNamed(i, i + len - 1, EntityType.Place, placeKey);
                i += len - 1;
                continue;
            }
            if (!NameLike(i) && !CapitalisedFunctionWordOpensName(i)) continue;
            var j = i;
            while (j + 1 < _t.Count)
            {
                var n = _t[j + 1];
                if (n.Is(WordFlags.LineStart)) break;
                if (NameLike(j + 1) && !n.Is(WordFlags.AllCaps) == !_t[j].Is(WordFlags.AllCaps)) { j++; continue; }
                // (after a capitalised determiner that opens a title, a particle carries on the title over an ordinary
                // word: "La Voix du Nord", "Le Journal du Dimanche")
                if (n.Kind == TokKind.Word && !n.IsCap && n.In(WordLists.NameParticle) && j + 2 < _t.Count && NameLike(j + 2) && !_t[j + 2].Is(WordFlags.AllCaps)
                    && !_t[j + 2].Is(WordFlags.LineStart) && (!_t[j + 2].InLexicon || CapitalisedFunctionWordOpensName(i)))
                { j += 2; continue; }
                // "La République en marche": after a capitalised determiner that opens a title, a connector of the language's
                // and a lower-case noun that ends the phrase belong to the title (between two names a connector is a
                // preposition: "Macron en Chine")
                if (n.Kind == TokKind.Word && !n.IsCap && _own.IsNameConnector(n.Lower) && j + 2 < _t.Count && !_t[j + 2].Is(WordFlags.LineStart)
                    && CapitalisedFunctionWordOpensName(i) && LowerCaseNounEndsPhrase(j + 2))
                { j += 2; continue; }
                // "Jean-Yves Le Drian", "Marine Le Pen": a capitalised particle after a given name carries on the person's name
                if (n.Kind == TokKind.Word && n.IsCap && !n.Is(WordFlags.AllCaps) && n.In(WordLists.NameParticle) && j + 2 < _t.Count && GivenNameWord(j)
                    && _t[j + 2].IsCap && !_t[j + 2].Is(WordFlags.AllCaps) && !_t[j + 2].Is(WordFlags.LineStart) && NameLike(j + 2))
                { j += 2; continue; }
                break;
            }
            // "Studio 7": a small number right after the run is part of the name; after a name written in camel case
            // it is a product's generation ("PlayStation 4"), neither a person nor a body
            if (NumberClosesName(j) is var numbered and > 0)
            {
                if (HasInnerCapital(i, j)) { i = numbered; continue; }
                j = numbered;
            }
            runs.Add((i, j));
            i = j;
        }

        // pass 2: people with two or more name words, or a title, or a role before them
        var singles = _tables.Singles;
        foreach (var (runStart, last) in runs)
        {
            // "A Minneapolis": a capitalised preposition or determiner opening a sentence is not part of the name
            var runFirst = runStart;
            while (runFirst < last && _own.IsFunctionWordAtEdge(_t, runFirst)) runFirst++;
            // "Airbus A321", "PS4": a name carrying a model code (letters and digits) is a product, neither a person nor a body
            if (HasModelCode(runFirst, last)) continue;
            // "Understand How Your Own Brain Works": in a language that capitalises a title's words, ordinary words in a
            // line written in title case are the heading's words
            if (_lang.CapitalisesTitleWords && AllOrdinaryWords(runFirst, last) && InTitleCaseLine(runFirst)) continue;
            // "Les Républicains", "La Voix du Nord", "En Marche": a name that opens with a function word is a title, a party, a medium
            if (CapitalisedFunctionWordOpensName(runFirst))
            {
                // "l'éditorialiste de La Voix du Nord Hervé Favre": a given name before the last word starts a person's name
                if (last - runFirst >= 3 && IsGivenName(last - 1) && !_t[last].InLexicon)
                {
                    AddNamed(runFirst, last - 2, EntityType.Organisation, null);
                    AddPerson(last - 1, last, '\0');
                }
                else AddNamed(runFirst, last, EntityType.Organisation, null);
                continue;
            }
            // "A New York", "--A Los Angeles": once the preposition is out, what is left may be a known place
            if (runFirst > runStart && KnownPlaceAt(runFirst, out var strippedKey) == last - runFirst + 1) { AddNamed(runFirst, last, EntityType.Place, strippedKey); continue; }
            // "l'Etat de New York": a place noun and its particle before a known place leave the place
            if (PlaceAfterPlaceNoun(runFirst, last) is var placeFirst and > 0) { AddNamed(placeFirst, last, EntityType.Place, PlaceKeyAt(placeFirst)); continue; }
            var first = runFirst;
            // "de la Défense Sergueï Choïgou": an ordinary capitalised word before two name words belongs elsewhere
            while (last - first >= 2 && _t[first].InLexicon && !_t[first + 1].InLexicon && !_t[first].Is(WordFlags.AllCaps)) first++;
            // "Insoumis Jean-Luc Mélenchon": ordinary capitalised words before a known given name are not the name
            for (var k = runFirst + 1; k < last; k++)
            {
                if (!_t[k - 1].InLexicon) break;
                if (_r.IsProperName(_a.TokSpan(k), out var gn) && gn != '\0' && !_t[k].InLexicon) { first = k; break; }
            }
            // "Interior Minister Etienne Morvan": capitalised role words before the name are its role, not part of it
            for (var k = first; k < last; k++)
            {
                var roleLength = MatchRole(k, out _);
                if (roleLength == 0 || k + roleLength > last) continue;
                first = k + roleLength;
                break;
            }
            // "Bas-Rhin Antoine Herth", "Deauville Farid Bentoumi": a given name before the last word starts the
            // person's name; the capitalised words before it name something else (a place, an event)
            if (last - first >= 2 && IsGivenName(last - 1) && !IsGivenName(first))
            {
                singles.Add((first, last - 2));
                first = last - 1;
            }
            var title = first > 0 && _t[first - 1].Kind == TokKind.Word && _r.IsTitle(_a.TokSpan(first - 1), out var g) ? (char?)g : null;
            var acronym = first == last && _t[first].Is(WordFlags.AllCaps) && _t[first].Length <= 6;
            if (acronym && title is null)
            {
                // a known surname written in capitals in a heading is that person; other short capitals are organisations
                if (_bySurnameKey.ContainsKey(SurnameKey(_t[first].Lower))) { singles.Add((first, last)); continue; }
                // "an 8-core CPU", "a single USB port": an acronym the article uses as a common noun names a thing
                if (IsThingAcronym(_t[first].Lower) || _own.IsThingAcronym(_t[first].Lower)) continue;
                AddNamed(first, last, EntityType.Organisation, null);
                continue;
            }
            if (_t[first].Is(WordFlags.AllCaps)) { singles.Add((first, last)); continue; }
            var role = RoleBefore(first, out var roleFirst, out var roleInfo);
            var multi = last > first;
            if (role is not null && !multi && title is null && _t[first].InLexicon && !_r.IsProperName(_a.TokSpan(first), out _)) role = null;
            // "l'entraîneur du FC Lyonval, Thierry Caradec": one unknown word that completes the role after "de" names what
            // the role is of, not who holds it, when a person's name follows in apposition
            if (role is not null && !multi && title is null && !IsGivenName(first) && ComplementOfRole(roleFirst, first) && PersonInApposition(last)) role = null;
            // "membre de la troupe Royal Shakespeare Company": a body's name after "de" completes the role
            if (role is not null && multi && title is null && ComplementOfRole(roleFirst, first) && !LooksLikePersonName(first, last)) role = null;
            // "Air Solenne", "Crédit Mutuel": an ordinary word that is no given name opens a firm's or a body's name
            if (title is null && role is null && multi && _t[first].InLexicon && !_t[first].Is(WordFlags.AllCaps) && !_r.IsProperName(_a.TokSpan(first), out _)
                && _r.Places.MatchAt(_t, first, out _) == 0)
            {
                // in a language that capitalises every word of a title ("Special Editions", "Raspberry Pi"), ordinary
                // capitalised words name a work, a product or a heading as often as a firm: a body only with its noun
                if (!_lang.CapitalisesTitleWords || HasOrganisationWord(first, last)) AddNamed(first, last, EntityType.Organisation, null);
                continue;
            }
            if (title is not null || role is not null || (multi && LooksLikePersonName(first, last)))
            {
                var m = AddPerson(first, last, title ?? '\0');
                if (role is not null)
                {
                    m.Role = role; m.RoleInfo = roleInfo; m.RoleFirst = roleFirst;
                    AttachRole(m.Entity!, role, roleInfo, roleFirst, first);
                    var from = roleFirst > 0 && _t[roleFirst - 1].In(WordLists.Determiner) ? roleFirst - 1 : roleFirst;
                    for (var k = from; k < first; k++) RoleOwner[k] ??= m;
                }
                else if (RoleAfter(last, out var after, out var afterInfo)) { m.Role = after; m.RoleInfo = afterInfo; AttachRole(m.Entity!, after!, afterInfo, last + 2, last + 2 + 6); }
                if (title is not null) m.Via = "title";
                continue;
            }
            singles.Add((first, last));
        }

        // pass 3: single words: a known surname, a place after a place preposition, or a speaker
        foreach (var (first, last) in singles)
        {
            var surface = _a.Span(first, last);
            var key = SurnameKey(surface);
            if (ClusterForSurname(key, first) is { } cluster)
            {
                var m = AddMention(first, last, EntityType.Person, "surname");
                Link(m, cluster);
                continue;
            }
            if (_t[first].Is(WordFlags.AllCaps)) continue;
            // "Silego Technology", then "Silego": a firm's name without its ending is the firm
            if (first == last && FirmWithEnding(_t[first].Lower) is { } firm)
            {
                Link(AddMention(first, last, EntityType.Organisation, "name"), firm);
                continue;
            }
            var before = first > 0 ? _t[first - 1].Lower : "";
            // (a word the article mostly uses elsewhere, "Dropbox uses…", is no place for being once "at Dropbox")
            if (_r.PlaceCues.TryGetValue(before, out var cueKind) && cueKind == "prep" && !MostlyUsedOutsidePlaces(_t[first].Lower) || (first > 1 && _r.PlaceCues.TryGetValue(_t[first - 2].Lower, out var k2) && k2 == "noun" && _lang.IsBareOf(before)))
            {
                AddNamed(first, last, EntityType.Place, null);
                continue;
            }
            if (first == last && _t[first].InLexicon && !_r.ProperNames.ContainsKey(surface)) continue;
            // "Grégory", after "Grégory Villemin": a given name alone names the one person the article introduced with it
            if (first == last && PersonByGivenName(first) is { } byGiven)
            {
                Link(AddMention(first, last, EntityType.Person, "surname"), byGiven);
                continue;
            }
            var afterPreposition = first > 0 && (_t[first - 1].In(WordLists.Preposition) || _t[first - 1].In(WordLists.Determiner));
            if (!afterPreposition && (IsSpeechSubject(last) || (_r.ProperNames.TryGetValue(surface, out var gender) && gender != '\0' && first == last && !_t[first].InLexicon
                    && (FollowedByVerb(last) || AfterSpeechVerb(first)))
                || first > 0 && _r.NameIntroducers.Contains(_t[first - 1].Lower) && !_t[first].InLexicon))
            {
                var m = AddPerson(first, last, '\0');
                continue;
            }
            // "l'enlèvement de Grégory": a given name the article writes alone, again and again and never as a place, is a person
            if (first == last && LoneGivenName(first))
            {
                // ("Affaire Grégory" in the title, "Grégory Villemin" further on: the one person of that given name)
                if (PersonByGivenName(first, introducedBefore: false) is { } later) Link(AddMention(first, last, EntityType.Person, "surname"), later);
                else AddPerson(first, last, '\0');
                continue;
            }
            if (last > first)
                AddNamed(first, last, EntityType.Organisation, null);
            // "le G7", "sur C8": one capital and one or two digits, standing alone, name a body (a channel, a summit's club)
            else if (IsShortCode(first)) AddNamed(first, last, EntityType.Organisation, null);
        }
    }

    /// <summary>Is there a "de"/"du"/"des" between the role's first word and the name (the name completes the role)?</summary>
    private bool ComplementOfRole(int roleFirst, int nameFirst)
    {
        for (var k = roleFirst + 1; k < nameFirst; k++)
            if (_lang.IsOf(_t[k].Lower)) return true;
        return false;
    }

    /// <summary>", Given Surname" right after <paramref name="last"/>: a person's name set in apposition.</summary>
    private bool PersonInApposition(int last)
    {
        var k = last + 1;
        if (k + 2 >= _t.Count || _t[k].Lower != ",") return false;
        return _t[k + 1].IsCap && _t[k + 2].IsCap && (IsGivenName(k + 1) || !_t[k + 1].InLexicon && !_t[k + 2].InLexicon);
    }

    private readonly Dictionary<string, string> _surnameKeys;

    /// <summary><see cref="NameKeys.Surname"/>, once per distinct surface in the article (names recur).</summary>
    private string SurnameKey(string surface)
    {
        if (!_surnameKeys.TryGetValue(surface, out var key)) _surnameKeys[surface] = key = NameKeys.Surname(surface);
        return key;
    }

    /// <summary>A given name we know (with its gender), not a place.</summary>
    private bool IsGivenName(int k) =>
        _t[k].IsCap && _r.IsProperName(_a.TokSpan(k), out var g) && g != '\0' && _r.Places.MatchAt(_t, k, out _) == 0;

    private bool LooksLikePersonName(int first, int last)
    {
        // a first name we know, or any two or three capitalised words with no organisation word among them
        if (last - first > 3) return false;
        for (var k = first; k <= last; k++)
            if (_t[k].In(WordLists.OrganisationHead) || _t[k].In(WordLists.OrganisationSuffix) && k == last || (_r.Places.MatchAt(_t, k, out _) > 0) || _r.IsForeignFunctionWord(_t[k].Lower)) return false;
        // "Harris Interactive", "Crédit Agricole": a name ending in a word that is only an adjective names a firm, not a person
        if (last > first && IsOnlyAdjective(last)) return false;
        if (IsGivenName(first)) return true;
        // "Dolby Atmos" beside "Dolby Vision": a brand's or a series' products
        if (OpensSeveralNames(first, last)) return false;
        // an article before unknown capitalised words makes them a title, a medium or a firm ("le Daily Mail"), and so
        // does an organisation's common noun ("la compagnie Air Solenne")
        if (first > 0 && (_t[first - 1].In(WordLists.Determiner) || _t[first - 1].In(WordLists.OrganisationHead))) return false;
        return !_t[last].InLexicon || !_t[first].InLexicon;
    }

    private bool FollowedByVerb(int last)
    {
        var k = last + 1;
        while (k < _t.Count && _lang.IsPreverbalClitic(_t[k].Lower)) k++;
        return k < _t.Count && _t[k].Kind == TokKind.Word && (_t[k].In(WordLists.Auxiliary) || _t[k].CanBeFiniteVerb);
    }

    /// <summary>Is the name right before a speech verb ("X a déclaré") or right after one ("a déclaré X")?</summary>
    internal bool IsSpeechSubject(int last)
    {
        var k = last + 1;
        // the comma that closes an apposition: "L'avocat de X, Me Olivier Sarrazin, a plaidé"
        if (k + 1 < _t.Count && _t[k].Lower == "," && (_t[k + 1].In(WordLists.Auxiliary) || _t[k + 1].Speech is not null)) k++;
        if (k < _t.Count && _t[k].In(WordLists.Auxiliary)) k++;
        while (k < _t.Count && _t[k].In(WordLists.Filler)) k++;
        if (k < _t.Count && _t[k].Speech is { } form && (!form.IsSupport || SpeechPhraseAt(k, form.Lemma))) return true;
        return false;
    }

    /// <summary>A support verb with the words that make it a speech cue after it ("a fait savoir").</summary>
    private bool SpeechPhraseAt(int k, string lemma) => _r.SpeechPhraseEnd(lemma, _t, k, _t.Count) >= 0;

    /// <summary>Right after a speech verb, as its inverted subject: "», soupirait Inès", "», a dit Kelly".</summary>
    internal bool AfterSpeechVerb(int first)
    {
        var k = first - 1;
        while (k >= 0 && _t[k].Kind == TokKind.Word && _t[k].In(WordLists.Filler)) k--;
        return k >= 0 && _t[k].Speech is { IsSupport: false } f && (f.IsFinite || f.IsParticiple);
    }

    private Mention AddMention(int first, int last, EntityType type, string via)
    {
        var m = new Mention
        {
            First = first, Last = last, Start = _t[first].Start, End = _t[last].End, Type = type, Via = via,
            Text = _a.Span(first, last), InQuote = _a.Enclosing[first] is not null,
        };
        m.SubjectLike = !m.InQuote && !(first > 0 && _t[first - 1].Kind == TokKind.Word && _t[first - 1].In(WordLists.Preposition));
        Mentions.Add(m);
        for (var k = first; k <= last; k++) ByToken[k] = m;
        return m;
    }

    private void AddNamed(int first, int last, EntityType type, string? placeKey)
    {
        var m = AddMention(first, last, type, "name");
        var key = placeKey ?? TextFolding.Slug(m.Text);
        var kind = type switch { EntityType.Person => "Person", EntityType.Organisation => "Organisation", _ => "Place" };
        if (!_byKey.TryGetValue((kind, key), out var c))
        {
            c = new EntityCluster { Type = type, Name = m.Text, Key = key, Head = _t[first].Lower };
            _byKey[(kind, key)] = c;
            Clusters.Add(c);
        }
        Link(m, c);
    }

    private Mention AddPerson(int first, int last, char titleGender)
    {
        var m = AddMention(first, last, EntityType.Person, "name");
        var words = 0;
        for (var k = first; k <= last; k++) if (_t[k].IsCap || _t[k].Is(WordFlags.AllCaps)) words++;
        string surname, firstName = "";
        if (last > first && words >= 2 && (titleGender == '\0' || _r.IsProperName(_a.TokSpan(first), out _)))
        {
            // given name first, surname after it (particles included: "Bachar al-Assad", "Marine Le Pen")
            firstName = _a.TokText(first);
            surname = _a.Span(first + 1, last);
        }
        else surname = m.Text;
        var key = SurnameKey(surname);
        if (key.Length == 0) key = TextFolding.Slug(m.Text);
        var given = firstName.Length > 0 ? TextFolding.Fold(firstName) : null;
        EntityCluster? c = null;
        if (given is not null) _byFullName.TryGetValue((key, given), out c);
        if (c is null && _bySurnameKey.TryGetValue(key, out var bySurname) && !OtherGivenName(bySurname, given)) c = bySurname;
        if (c is null)
        {
            // a second person with this surname ("Brigitte Macron" beside "Emmanuel Macron") keeps the given name in its key
            var taken = false;
            foreach (var o in Clusters) taken |= o.Type == EntityType.Person && o.Key == key;
            c = new EntityCluster
            {
                Type = EntityType.Person, Name = m.Text, Key = taken ? key + "-" + NameKeys.Phonetic(given ?? "") : key,
                Surname = surname, SurnameKey = key, FirstName = firstName.Length > 0 ? firstName : null,
            };
            Clusters.Add(c);
        }
        else if (c.FirstName is null && firstName.Length > 0)
        {
            c.FirstName = firstName;
            c.Name = m.Text;
        }
        // a bare surname later stands for the person last named with it
        _bySurnameKey[key] = c;
        if (c.FirstName is not null) _byFullName[(key, TextFolding.Fold(c.FirstName))] = c;
        if (c.Gender == '\0')
        {
            if (titleGender != '\0') c.Gender = titleGender;
            else if (firstName.Length > 0 && _r.ProperNames.TryGetValue(firstName, out var g)) c.Gender = g;
            // "Anne-Sophie", "Jean-Baptiste": a compound given name has the gender of its first part
            else if (firstName.IndexOf('-') is > 0 and var dash && _r.IsProperName(firstName.AsSpan(0, dash), out var g1)) c.Gender = g1;
        }
        if (m.Via == "name" && last == first) m.Via = "surname";
        Link(m, c);
        return m;
    }

    /// <summary>People by surname key and folded given name.</summary>
    private readonly Dictionary<(string SurnameKey, string Given), EntityCluster> _byFullName;

    /// <summary>Does the cluster carry a given name that is not this one (nor a short form of it: "Jean" of "Jean-Luc")?</summary>
    private static bool OtherGivenName(EntityCluster c, string? given)
    {
        if (given is null || c.FirstName is null) return false;
        var known = TextFolding.Fold(c.FirstName);
        // (a word glued before the name by a scraper, "AllemagneJean-Luc", still ends with it)
        // (but "Pierre-François" is not "François": a compound given name is a name of its own)
        return !(known.StartsWith(given, StringComparison.Ordinal) || given.StartsWith(known, StringComparison.Ordinal)
                 || GluedEnd(known, given) || GluedEnd(given, known));
    }

    private static bool GluedEnd(string longer, string shorter)
    {
        if (!longer.EndsWith(shorter, StringComparison.Ordinal)) return false;
        var at = longer.Length - shorter.Length;
        return at == 0 || longer[at - 1] != '-';
    }

    private static void Link(Mention m, EntityCluster c)
    {
        m.Entity = c;
        c.Mentions++;
        if (m.First < c.FirstAt) c.FirstAt = m.First;
        if (m.Gender == '\0') m.Gender = c.Gender;
    }

    private void AttachRole(EntityCluster c, string role, RoleInfo? info, int from, int to)
    {
        if (!c.Roles.Contains(role)) c.Roles.Add(role);
        if (info is not null)
        {
            c.RoleClasses.Add(info.Class);
            if (c.Gender == '\0' && info.Gender != '\0') c.Gender = info.Gender;
        }
        foreach (var w in role.AsSpan().Split(' '))
            if (_r.NationalityOf(role.AsSpan(w)) is { } nat) c.Nationalities.Add(nat);
    }
}
