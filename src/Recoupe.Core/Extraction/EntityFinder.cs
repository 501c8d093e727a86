using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

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
    /// <summary>The finder's own data for the article's language (looked up once an article, not once a name).</summary>
    private readonly EntityLanguageData _own;
    /// <summary>The language's words the finder reads for their grammar.</summary>
    private readonly Languages.EntityRules _lang;

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
        _own = EntityLanguageData.For(a.R);
        _lang = Languages.EntityRules.For(a.R.Language);
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
            if (t.IsCap && !t.Is(WordFlags.SentenceInitial) && !t.Is(WordFlags.AllCaps) && !t.In(WordLists.FunctionWord))
                _midSentenceCaps.Add(t.Lower);
    }

    /// <summary>Can this capitalised token be (part of) a name here?</summary>
    private bool NameLike(int i)
    {
        var t = _t[i];
        if (!t.IsCap || t.Elided || _lang.IsPossessiveMarker(t.Lower)) return false;
        if (_r.IsTitle(_a.Text.AsSpan(t.Start, t.Length))) return false;
        if (t.In(WordLists.Month)) return false;
        if (t.Is(WordFlags.AllCaps) && IsRomanNumeral(i)) return false;
        // "4K", "5G": a capital glued to a number is a unit or a code, no name
        if (t.Is(WordFlags.GluedLeft) && i > 0 && _t[i - 1].Kind == TokKind.Number) return false;
        if (t.Is(WordFlags.AllCaps))
        {
            // headline words in capitals are ordinary words; short unknown capitals are acronyms
            if (t.InLexicon) return false;
            return true;
        }
        // a sentence's first word that is an ordinary word is a name only when the article also capitalises it
        // mid-sentence, or when it is a given name before another name ("Pierre Dupont", not "Affaire Matzneff")
        if (t.Is(WordFlags.SentenceInitial) && (t.InLexicon || t.In(WordLists.FunctionWord)))
            return _midSentenceCaps.Contains(t.Lower) && !t.In(WordLists.FunctionWord)
                   || (i + 1 < _t.Count && _t[i + 1].IsCap && !_t[i + 1].InLexicon && !_t[i + 1].Is(WordFlags.AllCaps) && IsGivenName(i));
        if (t.In(WordLists.FunctionWord)) return false;
        return true;
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
