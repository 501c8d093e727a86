using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>One entity of an article: every mention that refers to it points here.</summary>
public sealed class EntityCluster
{
    public EntityType Type;
    public string Name = "";
    public string Key = "";
    public string? Surname;
    /// <summary>Phonetic key of the surname alone, shared by people of one family name.</summary>
    public string? SurnameKey;
    public string? FirstName;
    public char Gender;
    public readonly List<string> Roles = [];
    // made on first use: most clusters (organisations, places, people named without a role) never get one
    private HashSet<string>? _roleClasses;
    private HashSet<string>? _nationalities;
    public HashSet<string> RoleClasses => _roleClasses ??= new(StringComparer.Ordinal);
    public HashSet<string> Nationalities => _nationalities ??= new(StringComparer.Ordinal);

    /// <summary>Reads that make no set for a cluster that has none.</summary>
    public bool HasRoleClass(string roleClass) => _roleClasses is { } set && set.Contains(roleClass);
    public int RoleClassCount => _roleClasses?.Count ?? 0;
    public int NationalityCount => _nationalities?.Count ?? 0;
    public bool HasNationality(string nationality) => _nationalities is { } set && set.Contains(nationality);
    public int Mentions;
    /// <summary>Lower-case head word of an organisation's name ("ministère"), for "le ministère" later.</summary>
    public string? Head;

    public string? Role => Roles.Count > 0 ? Roles[0] : null;
}

/// <summary>A stretch of text that names or points to an entity.</summary>
public sealed class Mention
{
    public int First;
    public int Last;
    public int Start;
    public int End;
    public EntityType Type;
    public string Via = "name";
    public EntityCluster? Entity;
    public string Text = "";
    public string? Role;
    public RoleInfo? RoleInfo;
    public string? Nationality;
    public char Gender;
    public char Number = 's';
    /// <summary>Not after a preposition, not inside quotation marks: it can be the subject of a verb.</summary>
    public bool SubjectLike;
    public bool InQuote;
    /// <summary>Token where a role phrase before the name starts ("le ministre russe de la Défense, Sergueï Choïgou").</summary>
    public int RoleFirst = -1;

    public bool IsPerson => Type == EntityType.Person;
    public bool IsResolved => Entity is not null;
    public string SpeakerName => Entity?.Name ?? Text;
}

/// <summary>The entity finder's look-up tables, kept with the analysis buffers and emptied for each article.</summary>
internal sealed class EntityTables
{
    public readonly HashSet<string> MidSentenceCaps = new(StringComparer.Ordinal);
    public readonly Dictionary<string, EntityCluster> BySurnameKey = new(StringComparer.Ordinal);
    public readonly Dictionary<(string Kind, string Key), EntityCluster> ByKey = [];
    public readonly Dictionary<string, string> SurnameKeys = new(StringComparer.Ordinal);
    public readonly Dictionary<(string SurnameKey, string Given), EntityCluster> ByFullName = [];
    public readonly Dictionary<string, string> RoleHeads = new(StringComparer.Ordinal);
    public readonly Dictionary<string, string> FoldedRoles = new(StringComparer.Ordinal);
    /// <summary>Runs of capitalised words, and the single-word names left for the last pass (FindNames).</summary>
    public readonly List<(int First, int Last)> Runs = [];
    public readonly List<(int First, int Last)> Singles = [];

    public void Clear()
    {
        Runs.Clear();
        Singles.Clear();
        MidSentenceCaps.Clear();
        BySurnameKey.Clear();
        ByKey.Clear();
        SurnameKeys.Clear();
        ByFullName.Clear();
        RoleHeads.Clear();
        FoldedRoles.Clear();
    }
}

/// <summary>
/// Finds people, organisations and places and links the mentions of each within the article (full name, surname,
/// "M. X", role phrases, pronouns in speech attributions). Capitalisation alone does not make a name: a
/// capitalised word that opens a sentence and is an ordinary word of the lexicon is not one unless the article
/// also uses it as a name elsewhere.
/// </summary>
public sealed partial class EntityFinder
{
    private readonly ArticleAnalysis _a;
    private readonly ExtractionResources _r;
    private readonly List<Tok> _t;

    public List<Mention> Mentions { get; } = [];
    public List<EntityCluster> Clusters { get; } = [];
    /// <summary>Mention covering each token, when one does (a buffer of the analysis: it may be longer than the token list).</summary>
    public Mention?[] ByToken { get; }
    /// <summary>For tokens of a role phrase written before a name, the name's mention (a buffer of the analysis, as <see cref="ByToken"/>).</summary>
    public Mention?[] RoleOwner { get; }

    private readonly EntityTables _tables;
    private readonly HashSet<string> _midSentenceCaps;
    private readonly Dictionary<string, EntityCluster> _bySurnameKey;
    /// <summary>Organisations, places and offices by kind ("Organisation", "Place", "Office") and key.</summary>
    private readonly Dictionary<(string Kind, string Key), EntityCluster> _byKey;

    private EntityFinder(ArticleAnalysis a)
    {
        _a = a;
        _r = a.R;
        _t = a.Toks;
        ByToken = a.Buffers.ByToken;
        RoleOwner = a.Buffers.RoleOwner;
        // the look-up tables come emptied from the analysis buffers (made once per thread, not once per article)
        var scratch = a.Buffers.EntityTables ??= new EntityTables();
        scratch.Clear();
        _midSentenceCaps = scratch.MidSentenceCaps;
        _bySurnameKey = scratch.BySurnameKey;
        _byKey = scratch.ByKey;
        _surnameKeys = scratch.SurnameKeys;
        _byFullName = scratch.ByFullName;
        _roleHeads = scratch.RoleHeads;
        _foldedRoles = scratch.FoldedRoles;
        _tables = scratch;
    }

    /// <summary>How many mentions the quote stage has linked to another entity since the entity stage ran (0: the entity list is as it wrote it).</summary>
    internal int Relinked;

    /// <summary>The mention a token belongs to, as a name or as the role phrase before a name.</summary>
    public Mention? At(int tok) => tok >= 0 && tok < _t.Count ? ByToken[tok] ?? RoleOwner[tok] : null;

    public static EntityFinder Run(ArticleAnalysis a)
    {
        var f = new EntityFinder(a);
        f.CollectCapitalisedWords();
        f.FindNames();
        f.FindOrganisationPhrases();
        f.FindRoleMentions();
        f.FindPronouns();
        f.Mentions.Sort((x, y) => x.First.CompareTo(y.First));
        f.ResolveRolesAndPronouns();
        return f;
    }


    private void CollectCapitalisedWords()
    {
        foreach (var t in _t)
            if (t.IsCap && !t.Is(TokFlags.Initial) && !t.Is(TokFlags.AllCaps) && !t.In(WordLists.FunctionWord))
                _midSentenceCaps.Add(t.Lower);
    }

    /// <summary>Can this capitalised token be (part of) a name here?</summary>
    private bool NameLike(int i)
    {
        var t = _t[i];
        if (!t.IsCap || t.Is(TokFlags.Elided) || t.Lower == "'s") return false;
        if (_r.IsTitle(_a.Text.AsSpan(t.Start, t.Length))) return false;
        if (t.In(WordLists.Month)) return false;
        if (t.Is(TokFlags.AllCaps))
        {
            // headline words in capitals are ordinary words; short unknown capitals are acronyms
            if (t.InLexicon) return false;
            return true;
        }
        // a sentence's first word that is an ordinary word is a name only when the article also capitalises it
        // mid-sentence, or when it is a given name before another name ("Pierre Dupont", not "Affaire Matzneff")
        if (t.Is(TokFlags.Initial) && (t.InLexicon || t.In(WordLists.FunctionWord)))
            return _midSentenceCaps.Contains(t.Lower) && !t.In(WordLists.FunctionWord)
                   || (i + 1 < _t.Count && _t[i + 1].IsCap && !_t[i + 1].InLexicon && !_t[i + 1].Is(TokFlags.AllCaps) && IsGivenName(i));
        if (t.In(WordLists.FunctionWord)) return false;
        return true;
    }

    private void FindNames()
    {
        // pass 1: fixed names (organisations, places) and runs of capitalised words
        var runs = _tables.Runs;
        for (var i = 0; i < _t.Count; i++)
        {
            if (!_t[i].IsCap) continue;
            var orgLen = _r.OrganisationNames.MatchAt(_t, i, out _);
            var placeLen = KnownPlaceAt(i, out var placeKey);
            if (placeLen == 1 && orgLen == 0 && MayBeGivenNameBeforeName(i)) placeLen = 0;
            // "la Commission nationale du débat public": a body's head word is the start of a longer name, read with the organisation phrases
            if (orgLen == 1 && placeLen == 0 && OrganisationHeadBeforeComplement(i)) continue;
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
                if (n.Is(TokFlags.LineStart)) break;
                if (NameLike(j + 1) && !n.Is(TokFlags.AllCaps) == !_t[j].Is(TokFlags.AllCaps)) { j++; continue; }
                if (n.Kind == TokKind.Word && !n.IsCap && n.In(WordLists.NameParticle) && j + 2 < _t.Count && NameLike(j + 2) && !_t[j + 2].Is(TokFlags.AllCaps)
                    && !_t[j + 2].InLexicon)
                { j += 2; continue; }
                break;
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
            while (runFirst < last && NameEdges.IsFunctionWordAtEdge(_r, _t[runFirst])) runFirst++;
            // "Airbus A321", "PS4": a name carrying a model code (letters and digits) is a product, neither a person nor a body
            if (HasModelCode(runFirst, last)) continue;
            // "Les Républicains", "La Voix du Nord", "En Marche": a name that opens with a function word is a title, a party, a medium
            if (CapitalisedFunctionWordOpensName(runFirst)) { AddNamed(runFirst, last, EntityType.Organisation, null); continue; }
            var first = runFirst;
            // "de la Défense Sergueï Choïgou": an ordinary capitalised word before two name words belongs elsewhere
            while (last - first >= 2 && _t[first].InLexicon && !_t[first + 1].InLexicon && !_t[first].Is(TokFlags.AllCaps)) first++;
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
            var acronym = first == last && _t[first].Is(TokFlags.AllCaps) && _t[first].Length <= 6;
            if (acronym && title is null)
            {
                // a known surname written in capitals in a heading is that person; other short capitals are organisations
                if (_bySurnameKey.ContainsKey(SurnameKey(_t[first].Lower))) { singles.Add((first, last)); continue; }
                AddNamed(first, last, EntityType.Organisation, null);
                continue;
            }
            if (_t[first].Is(TokFlags.AllCaps)) { singles.Add((first, last)); continue; }
            var role = RoleBefore(first, out var roleFirst, out var roleInfo);
            var multi = last > first;
            if (role is not null && !multi && title is null && _t[first].InLexicon && !_r.IsProperName(_a.TokSpan(first), out _)) role = null;
            // "l'entraîneur du FC Lyonval, Thierry Caradec": one unknown word that completes the role after "de" names what
            // the role is of, not who holds it, when a person's name follows in apposition
            if (role is not null && !multi && title is null && !IsGivenName(first) && ComplementOfRole(roleFirst, first) && PersonInApposition(last)) role = null;
            // "membre de la troupe Royal Shakespeare Company": a body's name after "de" completes the role
            if (role is not null && multi && title is null && ComplementOfRole(roleFirst, first) && !LooksLikePersonName(first, last)) role = null;
            // "Air Solenne", "Crédit Mutuel": an ordinary word that is no given name opens a firm's or a body's name
            if (title is null && role is null && multi && _t[first].InLexicon && !_t[first].Is(TokFlags.AllCaps) && !_r.IsProperName(_a.TokSpan(first), out _)
                && _r.Places.MatchAt(_t, first, out _) == 0)
            {
                AddNamed(first, last, EntityType.Organisation, null);
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
            if (_t[first].Is(TokFlags.AllCaps)) continue;
            var before = first > 0 ? _t[first - 1].Lower : "";
            if (_r.PlaceCues.TryGetValue(before, out var cueKind) && cueKind == "prep" || (first > 1 && _r.PlaceCues.TryGetValue(_t[first - 2].Lower, out var k2) && k2 == "noun" && before is "de" or "d'"))
            {
                AddNamed(first, last, EntityType.Place, null);
                continue;
            }
            if (first == last && _t[first].InLexicon && !_r.ProperNames.ContainsKey(surface)) continue;
            var afterPreposition = first > 0 && (_t[first - 1].In(WordLists.Preposition) || _t[first - 1].In(WordLists.Determiner));
            if (!afterPreposition && (IsSpeechSubject(last) || (_r.ProperNames.TryGetValue(surface, out var gender) && gender != '\0' && first == last && !_t[first].InLexicon
                    && (FollowedByVerb(last) || AfterSpeechVerb(first)))
                || first > 0 && _r.NameIntroducers.Contains(_t[first - 1].Lower) && !_t[first].InLexicon))
            {
                var m = AddPerson(first, last, '\0');
                continue;
            }
            if (last > first)
                AddNamed(first, last, EntityType.Organisation, null);
        }
    }

    /// <summary>Is there a "de"/"du"/"des" between the role's first word and the name (the name completes the role)?</summary>
    private bool ComplementOfRole(int roleFirst, int nameFirst)
    {
        for (var k = roleFirst + 1; k < nameFirst; k++)
            if (_t[k].Lower is "de" or "d'" or "du" or "des") return true;
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
        if (IsGivenName(first)) return true;
        // an article before unknown capitalised words makes them a title, a medium or a firm ("le Daily Mail"), and so
        // does an organisation's common noun ("la compagnie Air Solenne")
        if (first > 0 && (_t[first - 1].In(WordLists.Determiner) || _t[first - 1].In(WordLists.OrganisationHead))) return false;
        return !_t[last].InLexicon || !_t[first].InLexicon;
    }

    private bool FollowedByVerb(int last)
    {
        var k = last + 1;
        while (k < _t.Count && _t[k].Lower is "ne" or "n'" or "lui" or "se" or "s'" or "l'" or "y") k++;
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
    private bool AfterSpeechVerb(int first)
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
        for (var k = first; k <= last; k++) if (_t[k].IsCap || _t[k].Is(TokFlags.AllCaps)) words++;
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

    private bool IsDeterminerAfterDe(int k) => k > 0 && _t[k - 1].Lower is "de" or "d'" && _t[k].Lower is "la" or "l'";

    /// <summary>The role phrase right before a name ("le président russe Vladimir Poutine", "le ministre …, X").</summary>
    private string? RoleBefore(int nameFirst, out int roleFirst, out RoleInfo? info)
    {
        roleFirst = -1;
        info = null;
        var k = nameFirst - 1;
        if (k >= 0 && _t[k].Lower == ",") k--;
        // "chef de l'État", "président de la République": the capitalised word completes the role, it is no name
        if (k < 0 || _t[k].Kind != TokKind.Word || _t[k].In(WordLists.Determiner) || _t[k].In(WordLists.Preposition)) return null;
        var lowest = -1;
        var steps = 0;
        while (k >= 0 && steps < 12 && !_t[k + 1].Is(TokFlags.LineStart))
        {
            var t = _t[k];
            if (t.Kind != TokKind.Word) break;
            if (t.In(WordLists.Determiner) && !IsDeterminerAfterDe(k) && t.Lower is not ("des" or "du")) break;
            if (t.In(WordLists.Auxiliary) || (t.Speech is not null && !t.IsCap && _r.Roles.MatchAt(_t, k, out _) == 0)) break;
            if (t.In(WordLists.Preposition) && t.Lower is not ("de" or "d'" or "des" or "du")) break;
            if (ByToken[k] is { Type: EntityType.Person }) break;
            lowest = k;
            k--;
            steps++;
        }
        if (lowest < 0) return null;
        for (var s = lowest; s < nameFirst; s++)
        {
            var len = MatchRole(s, out var ri);
            if (len == 0) continue;
            var end = nameFirst - 1;
            if (_t[end].Lower == ",") end--;
            if (end < s) return null;
            roleFirst = s;
            info = ri;
            return _a.Span(s, end);
        }
        return null;
    }

    /// <summary>An apposition after a name: "Dmitri Peskov, porte-parole du Kremlin,".</summary>
    private bool RoleAfter(int nameLast, out string? role, out RoleInfo? info)
    {
        role = null;
        info = null;
        var k = nameLast + 1;
        if (k >= _t.Count || _t[k].Lower != ",") return false;
        k++;
        if (k < _t.Count && _t[k].In(WordLists.Determiner) && _t[k].Lower is "le" or "la" or "l'") k++;
        var len = MatchRole(k, out var ri);
        if (len == 0) return false;
        var end = k + len - 1;
        while (end + 1 < _t.Count && _t[end + 1].Kind == TokKind.Word && end - k < 8 && !_t[end + 1].In(WordLists.Auxiliary) && _t[end + 1].Speech is null
               && !(_t[end + 1].In(WordLists.Preposition) && _t[end + 1].Lower is not ("de" or "d'" or "des" or "du")) && _t[end + 1].Lower is not ("qui" or "que" or "et"))
            end++;
        role = _a.Span(k, end);
        info = ri;
        return true;
    }

    private int MatchRole(int k, out RoleInfo info)
    {
        info = null!;
        if (k < 0 || k >= _t.Count || _t[k].Kind != TokKind.Word) return 0;
        var len = _r.Roles.MatchAt(_t, k, out info);
        if (len > 0) return len;
        // "ex-chef de l'Etat", "ex-ministre"
        var lower = _t[k].Lower;
        if (_t[k].Is(TokFlags.Hyphenated) && lower.Length >= 3 && lower[0] == 'e' && lower[1] == 'x' && lower[2] == '-') // "ex-" (read only in hyphenated words)
        {
            var saved = _t[k];
            var probe = saved;
            probe.Lower = lower[3..];
            probe.Describe(_r.Vocab);
            _t[k] = probe;
            len = _r.Roles.MatchAt(_t, k, out info);
            _t[k] = saved;
        }
        return len;
    }

    private void FindOrganisationPhrases()
    {
        for (var i = 1; i < _t.Count; i++)
        {
            if (ByToken[i] is not null || _t[i].Kind != TokKind.Word || !_t[i].In(WordLists.OrganisationHead)) continue;
            var det = _t[i - 1].Lower;
            if (!_r.Determiners.ContainsKey(det) && det is not "de" and not "d'") continue;
            var end = i;
            var k = i + 1;
            var lowercaseRun = 0;
            while (k < _t.Count && k - i < 10 && !_t[k].Is(TokFlags.LineStart))
            {
                var t = _t[k];
                if (ByToken[k] is { Type: EntityType.Organisation } named) { end = named.Last; k = named.Last + 1; lowercaseRun = 0; continue; }
                if (t.Kind == TokKind.Punct && t.Lower == "(" && k + 2 < _t.Count && _t[k + 1].Is(TokFlags.AllCaps) && _t[k + 2].Lower == ")") { end = k + 2; k += 3; break; }
                if (t.Kind != TokKind.Word) break;
                if (t.Lower is "de" or "d'" or "des" or "du")
                {
                    var n = k + 1;
                    if (n < _t.Count && _t[n].Lower is "la" or "l'") n++;
                    // "un groupe de dix": a number after the noun counts members, it names no body
                    if (n < _t.Count && (_t[n].Number is not null || _t[n].Kind == TokKind.Number)) break;
                    if (n < _t.Count && _t[n].Kind == TokKind.Word && !_t[n].In(WordLists.Determiner) && !_t[n].In(WordLists.Auxiliary)
                        && (_t[n].IsCap || _t[n].Classes.Contains('n')) && ByToken[n] is not { Type: EntityType.Person })
                    { end = n; k = n + 1; lowercaseRun = 0; continue; }
                    break;
                }
                if (t.IsCap && ByToken[k] is null && !t.Is(TokFlags.Initial)) { end = k; k++; lowercaseRun = 0; continue; }
                if (t.In(WordLists.Nationality)) { end = k; k++; continue; }
                var cls = t.Classes;
                if (lowercaseRun == 0 && cls.Contains('a') && !cls.Contains('v') && t.Speech is null) { end = k; k++; lowercaseRun++; continue; }
                break;
            }
            // a name at the end of the phrase is the organisation itself ("l'agence de presse russe RIA Novosti")
            if (ByToken[end] is { Type: EntityType.Organisation } inner && inner.First > i) continue;
            // "la direction de la régie": the firm noun stands for the body named after it, found on its own
            if (end > i && _r.FirmNouns.Contains(_t[i].Lower) && i + 2 <= end && _t[i + 1].Lower is "de" or "d'" or "du"
                && (_t[i + 2].In(WordLists.OrganisationHead) || i + 3 <= end && _t[i + 2].Lower is "la" or "l'" && _t[i + 3].In(WordLists.OrganisationHead)))
                continue;
            var m = AddMention(i, end, EntityType.Organisation, "name");
            var key = TextFolding.Slug(m.Text, OrgDrop);
            if (end == i)
            {
                // "le ministère" alone: the last organisation with this head
                var last = LastCluster(c => c.Type == EntityType.Organisation && c.Head == _t[i].Lower, m.First);
                if (last is not null) { Link(m, last); m.Via = "role"; continue; }
                // "la compagnie", "la direction": the company the article is about, when it names one
                if (_r.FirmNouns.Contains(_t[i].Lower) && SalientFirm() is { } firm) { Link(m, firm); m.Via = "role"; continue; }
                // "a indiqué le parquet", "selon la préfecture": a body that speaks, unnamed; it keeps its common noun
                if (SpeaksAround(i - 1, i))
                {
                    var anonymous = new EntityCluster { Type = EntityType.Organisation, Name = _t[i].Lower, Key = _t[i].Lower, Head = _t[i].Lower };
                    Clusters.Add(anonymous);
                    Link(m, anonymous);
                    continue;
                }
                // a bare common noun ("le groupe", "le site") names no organisation by itself
                Mentions.RemoveAt(Mentions.Count - 1); // m, just added (Remove would search the whole list)
                ByToken[i] = null;
                continue;
            }
            // "la police de la ville", "le site de rencontre": a body described in common words, not named
            if (!AnyCapitalised(i, end)) m.Via = "role";
            if (!_byKey.TryGetValue(("Organisation", key), out var c))
            {
                c = new EntityCluster { Type = EntityType.Organisation, Name = m.Text, Key = key, Head = _t[i].Lower };
                _byKey[("Organisation", key)] = c;
                Clusters.Add(c);
            }
            Link(m, c);
        }
    }

    /// <summary>
    /// The company an article is about, for a firm's common noun written alone: of the organisations named by a proper
    /// name (not by a common noun nor an acronym), the one the article names most, the first named on a tie.
    /// </summary>
    private EntityCluster? SalientFirm()
    {
        EntityCluster? best = null;
        foreach (var c in Clusters)
        {
            if (c.Type != EntityType.Organisation || c.Head is null || _r.OrganisationHeads.Contains(c.Head) || c.Name.Length == 0
                || c.Name.All(ch => !char.IsLetter(ch) || char.IsUpper(ch))) continue;
            if (best is null || c.Mentions > best.Mentions) best = c;
        }
        return best;
    }

    /// <summary>Is the noun phrase <paramref name="first"/>..<paramref name="last"/> the subject of a speech verb (before or after it) or the source after "selon"?</summary>
    private bool SpeaksAround(int first, int last)
    {
        if (IsSpeechSubject(last)) return true;
        var k = first - 1;
        while (k >= 0 && _t[k].In(WordLists.Filler)) k--;
        return k >= 0 && (_t[k].Speech is { IsSupport: false } f && (f.IsFinite || f.IsParticiple) || _r.ClaimCues.MatchEndingAt(_t, k, out _) > 0);
    }

    private static readonly HashSet<string> OrgDrop = new(StringComparer.Ordinal) { "de", "d", "du", "des", "la", "le", "l", "les" };

    private EntityCluster? LastCluster(Func<EntityCluster, bool> match, int beforeTok)
    {
        for (var k = Mentions.Count - 1; k >= 0; k--)
        {
            var m = Mentions[k];
            if (m.First < beforeTok && m.Entity is not null && match(m.Entity)) return m.Entity;
        }
        return null;
    }

    private void FindRoleMentions()
    {
        for (var i = 0; i < _t.Count; i++)
        {
            if (ByToken[i] is not null || RoleOwner[i] is not null || _t[i].Kind != TokKind.Word) continue;
            var len = MatchRole(i, out var info);
            if (len == 0) continue;
            // a determiner (possibly with an adjective: "l'ancien président") must open the phrase
            var d = i - 1;
            // "a Foreign Office source", "a government spokesman": an organisation named before the role noun qualifies it
            if (d >= 1 && ByToken[d] is { Type: EntityType.Organisation } qualifier && qualifier.First > 0 && _t[qualifier.First - 1].In(WordLists.Determiner)
                && _r.Roles.MatchAt(_t, i, out var qualified) > 0 && qualified.Class is "descriptor" or "source" or "spokes")
                d = qualifier.First - 1;
            if (d >= 0 && _t[d].Kind == TokKind.Word && !_t[d].In(WordLists.Determiner) && _t[d].Classes.Contains('a')) d--;
            // "Aldmere's fishermen", "Britain's prime minister": a name in the possessive determines the role
            var possessive = d >= 1 && _t[d].Lower is "'s" or "’s" && _t[d - 1].IsCap;
            if (possessive) d = At(d - 1) is { } owner ? Math.Min(owner.First, owner.RoleFirst >= 0 ? owner.RoleFirst : owner.First) : d - 1;
            // "Deux autres journalistes", "3 témoins": a number counts the people a plural role describes
            var counted = d >= 0 && (_t[d].Kind == TokKind.Number || _t[d].Number is { Value: > 1 }) && _t[i].Lower.EndsWith('s') && info.Class is "descriptor" or "source";
            if (d < 0 || !_t[d].In(WordLists.Determiner) && !counted && !possessive) continue;
            var det = counted ? "des" : _t[d].Lower;
            var end = i + len - 1;
            // modifiers: nationality, "de la Défense", "du Kremlin", "des Républicains"
            var k = end + 1;
            while (k < _t.Count && k - end < 7 && !_t[k].Is(TokFlags.LineStart))
            {
                var t = _t[k];
                if (t.Kind != TokKind.Word) break;
                if (t.In(WordLists.Nationality)) { end = k; k++; continue; }
                if (t.Lower is "de" or "d'" or "des" or "du")
                {
                    var n = k + 1;
                    if (n < _t.Count && _t[n].Lower is "la" or "l'") n++;
                    if (n < _t.Count && _t[n].Kind == TokKind.Word && (_t[n].IsCap || _t[n].Classes.Contains('n')) && !_t[n].In(WordLists.Auxiliary)
                        && ByToken[n] is not { Type: EntityType.Person })
                    {
                        end = ByToken[n] is { } named ? named.Last : n;
                        k = end + 1;
                        continue;
                    }
                }
                break;
            }
            // followed by a name: the role belongs to that name (handled with the name)
            var after = end + 1;
            if (after < _t.Count && _t[after].Lower == ",") after++;
            if (after < _t.Count && ByToken[after] is { Type: EntityType.Person }) { i = end; continue; }
            // "son fils, le réalisateur Pierre-François Lebrun": a role in apposition to a role and a name is that
            // person's too ("son fils" later is him)
            if (after > end + 1 && after < _t.Count && RoleOwner[after] is { Type: EntityType.Person, Entity: { } apposed })
            {
                AddRoleOf(apposed, d, i, end, info);
                i = end;
                continue;
            }
            var plural = det is "les" or "des" or "ces" or "ses" or "leurs" or "nos" or "vos" || _t[i].Lower.EndsWith('s') && info.Class is "source";
            var m = AddMention(d, end, EntityType.Person, "role");
            // "au médecin", "aux enquêteurs": the one spoken to, never a subject
            if (det is "au" or "aux") m.SubjectLike = false;
            m.RoleInfo = info;
            m.Role = _a.Span(i, end);
            m.Number = plural ? 'p' : 's';
            m.Gender = det is "la" or "cette" or "une" ? 'f' : det is "le" or "ce" or "cet" or "un" or "au" or "du" ? 'm' : info.Gender;
            if (m.Gender == '\0') m.Gender = info.Gender;
            foreach (var w in m.Role.AsSpan().Split(' '))
                if (_r.NationalityOf(m.Role.AsSpan(w)) is { } nat) m.Nationality = nat;
            i = end;
        }
    }

    /// <summary>A role phrase <paramref name="d"/>..<paramref name="end"/> that names <paramref name="person"/> (kept out of the role loop, which stays small).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void AddRoleOf(EntityCluster person, int d, int roleFirst, int end, RoleInfo info)
    {
        var role = _a.Span(roleFirst, end);
        var owned = AddMention(d, end, EntityType.Person, "role");
        owned.RoleInfo = info;
        owned.Role = role;
        AttachRole(person, role, info, roleFirst, end);
        Link(owned, person);
    }

    private void FindPronouns()
    {
        for (var i = 0; i < _t.Count; i++)
        {
            var t = _t[i];
            if (t.Kind != TokKind.Word || ByToken[i] is not null) continue;
            var len = _r.Pronouns.MatchAt(_t, i, out var info);
            if (len == 0) continue;
            var last = i + len - 1;
            bool attributes;
            if (t.Is(TokFlags.Inverted)) attributes = true;
            else if (info.Use == "stressed") attributes = i > 0 && (_r.ClaimCues.MatchEndingAt(_t, i - 1, out _) > 0 || _t[i - 1].Lower == "pour");
            // ("selon elle": a subject form that is also the stressed one)
            else attributes = IsSpeechSubject(last) || FollowedByVerb(last) || i > 0 && _r.ClaimCues.MatchEndingAt(_t, i - 1, out _) > 0;
            if (!attributes) continue;
            var m = AddMention(i, last, EntityType.Person, "pronoun");
            m.Gender = info.Gender;
            m.Number = info.Number;
            m.SubjectLike = !m.InQuote;
            i = last;
        }
    }

    private static bool GenderFits(char want, char have) => want == '\0' || have == '\0' || want == have;

    private void ResolveRolesAndPronouns()
    {
        for (var idx = 0; idx < Mentions.Count; idx++)
        {
            var m = Mentions[idx];
            if (m.Entity is not null || m.Number == 'p') continue;
            if (m.Via == "role") ResolveRole(m, idx);
            else if (m.Via == "pronoun") ResolvePronoun(m, idx);
        }
    }

    private void ResolveRole(Mention m, int idx)
    {
        var info = m.RoleInfo!;
        var role = m.Role!;
        EntityCluster? pick = null;
        // 1. the same role seen with a name; 2. a role of the same class (and nationality); 3. generic words: the last person
        var generic = info.Class == "generic";
        if (info.Class == "descriptor")
        {
            // "le frère de la victime", "un internaute", "ce journaliste": the one last described so, else someone new,
            // keyed by the description (never a named person it does not describe)
            var describedHead = RoleHead(role);
            var described = LastPerson(idx, c => HasRoleWithHead(c, describedHead), '\0');
            // a person named later with that role ("son fils … son fils Pierre-François Lebrun")
            if (described is null && _t[m.First].Lower is not ("un" or "une"))
                described = NextPerson(idx, c => IsNamed(c) && HasRoleWithHead(c, describedHead), m.Gender);
            // a demonstrative with nothing described before points back to someone named ("cet ancien salarié de PSA")
            if (described is null && _t[m.First].Lower is "ce" or "cet" or "cette") described = LastPerson(idx, IsNamed, m.Gender);
            if (described is null || _t[m.First].Lower is "un" or "une")
            {
                described = new EntityCluster { Type = EntityType.Person, Name = role, Key = TextFolding.Slug(role, OrgDrop), Gender = m.Gender };
                described.Roles.Add(role);
                described.RoleClasses.Add("descriptor");
                Clusters.Add(described);
            }
            Link(m, described);
            return;
        }
        // the same role: the same words, or the same head noun ("le député" for "le député LREM du Bas-Rhin")
        // (a one-word role by its head; a longer one must open the role it stands for: "chef de l'Etat" is not "chef de file")
        var head = RoleHead(role);
        var folded = TextFolding.Fold(role);
        var manyWords = role.Contains(' ');
        // (loops, not LINQ: the test runs for every person the search meets)
        bool SameRole(EntityCluster c)
        {
            foreach (var r in c.Roles)
                if (string.Equals(r, role, StringComparison.OrdinalIgnoreCase) || (manyWords ? FoldedRole(r).StartsWith(folded, StringComparison.Ordinal) : RoleHead(r) == head))
                    return true;
            return false;
        }
        if (generic)
            pick = LastPerson(idx, IsNamed, m.Gender);
        else
        {
            pick = LastPerson(idx, SameRole, m.Gender) ?? NextPerson(idx, SameRole, m.Gender)
                   ?? LastPerson(idx, c => c.HasRoleClass(info.Class) && NationalityFits(m, c), m.Gender);
            if (pick is null && info.Class is "head" or "leader")
                pick = LastPerson(idx, c => (c.HasRoleClass("head") || c.HasRoleClass("leader")) && NationalityFits(m, c), m.Gender);
            // 4. a person with no role before, then the last named subject holding no other office ("le député" for the
            //    party leader just quoted); then the same class, then any fitting person after
            // an office ("le Premier ministre", "la ministre") is held by one person the article names with it (before or
            // after); with no holder known it stays the office itself rather than the last person named
            if (pick is null && StrictOffices.Contains(info.Class) && !IsFormerRole(m))
                pick = NextPerson(idx, c => c.HasRoleClass(info.Class) && NationalityFits(m, c), m.Gender)
                       ?? NewPersonSoonAfter(m, idx)
                       ?? OfficeItself(m, role, info);
            pick ??= LastPerson(idx, c => c.RoleClassCount == 0, m.Gender)
                     ?? LastPerson(idx, c => IsNamed(c) && !c.HasRoleClass(info.Class) && !HoldsOtherOffice(c, info.Class) && NationalityFits(m, c), m.Gender, subjectOnly: true)
                     ?? NextPerson(idx, c => c.HasRoleClass(info.Class) && NationalityFits(m, c), m.Gender)
                     ?? NextPerson(idx, c => c.RoleClassCount == 0, m.Gender);
        }
        if (pick is null) return;
        Link(m, pick);
        if (generic) return;
        if (!pick.Roles.Contains(role)) pick.Roles.Add(role);
        pick.RoleClasses.Add(info.Class);
        if (m.Nationality is not null) pick.Nationalities.Add(m.Nationality);
    }

    /// <summary>Offices resolved only to a person the article gives them to.</summary>
    private static readonly HashSet<string> StrictOffices = new(StringComparer.Ordinal) { "premier", "minister" };

    /// <summary>
    /// A person with no role named shortly after an office mentioned alone ("Le ministre de l'Intérieur s'est rendu…
    /// Étienne Morvan a longé…"): the article introduces the holder. A name that may be a place's (no given name, no
    /// title) is not taken, nor one governed by a preposition.
    /// </summary>
    private EntityCluster? NewPersonSoonAfter(Mention m, int idx)
    {
        const int window = 250;
        for (var k = idx + 1; k < Mentions.Count; k++)
        {
            var o = Mentions[k];
            if (o.First > m.Last + window) break;
            if (o.Entity is not { Type: EntityType.Person } c || o.InQuote || o.Via != "name" && o.Via != "title") continue;
            // a known given name or a title makes it a person for sure (a place's name may pass for one)
            if (c.RoleClassCount > 0 || c.Gender == '\0' || !GenderFits(m.Gender, c.Gender)) continue;
            // (one named after a preposition is a complement, not the one introduced: "la mort de George Floyd")
            if (o.First > 0 && _t[o.First - 1].In(WordLists.Preposition)) continue;
            // (one named in the office's own sentence is someone else: "X n'a pas dit s'il garderait le Premier ministre")
            if (NamedInSentenceBefore(c, idx)) continue;
            return c;
        }
        return null;
    }

    private bool NamedInSentenceBefore(EntityCluster c, int idx)
    {
        var sentence = _t[Mentions[idx].First].Sentence;
        for (var k = idx - 1; k >= 0 && _t[Mentions[k].First].Sentence == sentence; k--)
            if (Mentions[k].Entity == c) return true;
        return false;
    }

    /// <summary>"l'ancien ministre", "l'ex-ministre": a former office, held by many.</summary>
    private bool IsFormerRole(Mention m)
    {
        for (var k = m.First; k < _t.Count && k <= m.Last; k++)
        {
            var w = _t[k].Lower;
            if (_r.FormerMarkers.Contains(w) || w.StartsWith("ex-", StringComparison.Ordinal)) return true;
            if (_r.Roles.MatchAt(_t, k, out _) > 0) break;
        }
        return false;
    }

    /// <summary>An office with no known holder: one cluster per office, keyed by its words ("le Premier ministre").</summary>
    private EntityCluster OfficeItself(Mention m, string role, RoleInfo info)
    {
        var key = TextFolding.Slug(role, OrgDrop);
        if (_byKey.TryGetValue(("Office", key), out var c)) return c;
        c = new EntityCluster { Type = EntityType.Person, Name = role, Key = key, Gender = m.Gender };
        c.Roles.Add(role);
        c.RoleClasses.Add("descriptor");
        _byKey[("Office", key)] = c;
        Clusters.Add(c);
        return c;
    }

    /// <summary>Offices one person does not hold together: a minister is not the president.</summary>
    private static readonly HashSet<string> ExclusiveOffices = new(StringComparer.Ordinal) { "head", "premier", "minister", "spokes", "military", "diplomat", "justice" };

    private static bool HoldsOtherOffice(EntityCluster c, string roleClass)
    {
        if (!ExclusiveOffices.Contains(roleClass) || c.RoleClassCount == 0) return false;
        foreach (var r in c.RoleClasses)
            if (r != roleClass && ExclusiveOffices.Contains(r)) return true;
        return false;
    }

    /// <summary>Has the cluster a role with this <see cref="RoleHead"/>?</summary>
    private bool HasRoleWithHead(EntityCluster c, string head)
    {
        foreach (var r in c.Roles)
            if (RoleHead(r) == head) return true;
        return false;
    }

    /// <summary>A person the article names (not one it only describes).</summary>
    private static bool IsNamed(EntityCluster c) => !c.HasRoleClass("descriptor");

    /// <summary>The first word of a role phrase, folded and without a feminine or plural ending: "députée" and "député" meet.</summary>
    private readonly Dictionary<string, string> _roleHeads;
    private readonly Dictionary<string, string> _foldedRoles;

    /// <summary><see cref="HeadOf"/>, once per distinct role in the article (resolution compares roles many times).</summary>
    private string RoleHead(string role)
    {
        if (!_roleHeads.TryGetValue(role, out var head)) _roleHeads[role] = head = HeadOf(role);
        return head;
    }

    private string FoldedRole(string role)
    {
        if (!_foldedRoles.TryGetValue(role, out var folded)) _foldedRoles[role] = folded = TextFolding.Fold(role);
        return folded;
    }

    private static string HeadOf(string role)
    {
        var space = role.IndexOf(' ');
        var word = TextFolding.Fold(space < 0 ? role : role[..space]);
        if (word.StartsWith("ex-", StringComparison.Ordinal)) word = word[3..];
        if (word.Length > 4 && word[^1] == 's') word = word[..^1];
        if (word.Length > 4 && word[^1] == 'e') word = word[..^1];
        return word;
    }

    private static bool NationalityFits(Mention m, EntityCluster c) => m.Nationality is null || c.NationalityCount == 0 || c.HasNationality(m.Nationality);

    private bool HeadFits(Mention m, EntityCluster c) => true;

    private void ResolvePronoun(Mention m, int idx)
    {
        var pick = LastPerson(idx, _ => true, m.Gender, subjectOnly: true) ?? LastPerson(idx, _ => true, m.Gender);
        if (pick is null) return;
        // a pronoun that attributes speech follows the paragraph's speaker chain (the quote stage checks it against the
        // quotation); any other resolves only when one person fits it within reach, else it stays unresolved
        if (!AttributesSpeech(m) && OtherFittingPersonInReach(m, idx, pick)) return;
        Link(m, pick);
    }

    /// <summary>"a-t-elle dit", "elle a déclaré", "selon elle": a pronoun that says whose words or claim these are.</summary>
    private bool AttributesSpeech(Mention m) =>
        _t[m.First].Is(TokFlags.Inverted) || IsSpeechSubject(m.Last) || m.First > 0 && _r.ClaimCues.MatchEndingAt(_t, m.First - 1, out _) > 0;

    /// <summary>Sentences before a pronoun's own that its antecedent may lie in.</summary>
    private const int PronounReach = 2;

    /// <summary>
    /// Is a person other than <paramref name="pick"/>, of a fitting gender, named after pick's last mention and within
    /// the pronoun's sentence or the <see cref="PronounReach"/> before it? Then the pronoun may be either of them.
    /// </summary>
    private bool OtherFittingPersonInReach(Mention m, int idx, EntityCluster pick)
    {
        var sentence = _t[m.First].Sentence;
        for (var k = idx - 1; k >= 0; k--)
        {
            var o = Mentions[k];
            if (_t[o.First].Sentence < sentence - PronounReach) break;
            if (o.InQuote || o.Number == 'p' || o.Entity is not { Type: EntityType.Person } c) continue;
            if (c == pick) return false;
            if (GenderFits(m.Gender, c.Gender)) return true;
        }
        return false;
    }

    /// <summary>The mentions as the document model records them (resolved ones only).</summary>
    public IEnumerable<EntityMention> ToModel()
    {
        var list = new List<EntityMention>(Mentions.Count);
        AddModelTo(list);
        return list;
    }

    /// <summary>Adds <see cref="ToModel"/>'s mentions to <paramref name="target"/> (no list in between).</summary>
    public void AddModelTo(List<EntityMention> target)
    {
        target.EnsureCapacity(target.Count + Mentions.Count);
        foreach (var m in Mentions)
        {
            if (m.Entity is not { } c) continue;
            target.Add(new EntityMention(m.Start, m.End, c.Type, c.Name, c.Key)
            {
                Role = m.Role ?? c.Role,
                Via = m.Via,
            });
        }
    }
}
