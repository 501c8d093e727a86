using System.Globalization;
using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Core.Segmentation;
using Recoupe.Core.Text;

namespace Recoupe.Core.Digest;

/// <summary>
/// The story's articles made ready for matching: each article's document tokens read once, each sentence turned into content
/// terms (folded, stop words dropped, lightly stemmed, mapped to shared concepts; names to their entity or place key;
/// numbers to their value) and into a TF-IDF vector over the story's own vocabulary.
/// </summary>
internal sealed class StoryText
{
    public StoryText(IReadOnlyList<StoredArticle> articles, Func<StoredArticle, string> outletOf)
    {
        Articles = articles.Select((a, i) => new ArticleText(a, i, outletOf(a))).ToList();
        Sentences = Articles.SelectMany(a => a.Sentences).ToList();
        for (var i = 0; i < Sentences.Count; i++) Sentences[i].StoryIndex = i;
        Space = new TermSpace(Sentences.Select(s => s.Terms));
        foreach (var s in Sentences)
        {
            s.Vector = Space.Vector(s.Terms);
            s.Space = Space;
        }
        _graph = new Lazy<SimilarityGraph>(() => SimilarityGraph.Build(Sentences));
    }

    private readonly Lazy<SimilarityGraph> _graph;

    /// <summary>Which sentences are alike (cosine ≥ <see cref="SimilarityGraph.MinCosine"/>), built on first use.</summary>
    public SimilarityGraph Graph => _graph.Value;

    public IReadOnlyList<ArticleText> Articles { get; }
    public IReadOnlyList<SentenceText> Sentences { get; }
    public TermSpace Space { get; }
}

internal sealed class ArticleText
{
    private readonly IReadOnlyList<Token> _tokens;
    /// <summary>For each token, the entity key term of the mention it starts ("@putin"), "" inside a mention, null outside.</summary>
    private readonly string?[] _entityTerms;
    /// <summary>Tokens of an attribution ("a annoncé le ministre russe de la Défense, Sergueï Choïgou"): not content.</summary>
    private readonly bool[] _attribution;

    public ArticleText(StoredArticle article, int index, string outlet)
    {
        Article = article;
        Index = index;
        Outlet = outlet;
        Language = DigestLanguage.For(article.Metadata.Language);
        Day = article.Metadata.Published is { } p ? DateOnly.FromDateTime(p) : article.Dateline?.Date;
        // the article's document tokens: the segment stage's when it carries them, else its stored text cut as the stage cut it
        _tokens = Tokenizer.Default.TokensOf(article);
        _entityTerms = MapEntities(article, _tokens);
        _attribution = MapAttributions(article, _tokens);

        var sentences = new List<SentenceText>(article.Sentences.Count);
        var bodyOrdinal = 0;
        foreach (var (sentence, start, end) in Units(article))
        {
            var role = RoleOf(article, sentence);
            var terms = Terms(start, end, out var numbers);
            var ordinal = role is ParagraphRole.Title or ParagraphRole.Heading ? -1 : bodyOrdinal++;
            sentences.Add(new SentenceText(this, sentences.Count, start, end, role, ordinal, terms, numbers)
            {
                OpensWithAnaphora = FirstWord(start, end) is { } first && Language.IsAnaphoric(first),
                QuoteShare = QuoteShare(article, start, end),
                Polarity = Polarity(start, end),
                CutsQuotation = CutsQuotation(article, start, end),
            });
        }
        Sentences = sentences;
    }

    public StoredArticle Article { get; }
    public int Index { get; }
    public string Outlet { get; }
    public DigestLanguage Language { get; }
    /// <summary>The day the article speaks from: its publication day, else its dateline's.</summary>
    public DateOnly? Day { get; }
    public IReadOnlyList<SentenceText> Sentences { get; }
    public long Id => Article.Id;

    /// <summary>The sentence holding an offset, or null.</summary>
    public SentenceText? SentenceAt(int offset)
    {
        int lo = 0, hi = Sentences.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var s = Sentences[mid];
            if (offset < s.Start) hi = mid - 1;
            else if (offset >= s.End) lo = mid + 1;
            else return s;
        }
        return null;
    }

    /// <summary>Content terms of a stretch of the text (duplicates kept, in text order).</summary>
    public List<string> Terms(int start, int end) => Terms(start, end, out _);

    public List<string> Terms(int start, int end, out HashSet<string> numbers)
    {
        var terms = new List<string>();
        numbers = new HashSet<string>(StringComparer.Ordinal);
        var i = FirstTokenAt(start);
        for (; i < _tokens.Count && _tokens[i].Start < end; i++)
        {
            var tok = _tokens[i];
            if (_attribution[i]) continue;
            if (_entityTerms[i] is { } entity)
            {
                if (entity.Length > 0) terms.Add(entity);
                continue;
            }
            if (TermOf(tok, Language) is not { } term) continue;
            if (term[0] == '#') numbers.Add(term);
            terms.Add(term);
        }
        return terms;
    }

    /// <summary>
    /// Content terms of a free text (a figure's counted thing or scope), without entity keys. When every word is a
    /// stop word ("personnes" is one, as "personne" means nobody) the words' stems are kept instead.
    /// </summary>
    public static List<string> TermsOf(string text, DigestLanguage language)
    {
        var terms = new List<string>();
        var tokens = Tokenizer.Default.Tokenize(text);
        foreach (var tok in tokens)
            if (TermOf(tok, language) is { } term) terms.Add(term);
        if (terms.Count == 0)
            foreach (var tok in tokens)
                if (tok.Kind == TokenKind.Word && TextFolding.Fold(tok.Norm) is { Length: >= 3 } folded && char.IsLetter(folded[0])
                    && !folded.EndsWith('\'') && language.NumberWord(folded) is null)
                    terms.Add(language.Stem(TextFolding.Lower(tok.Norm)));
        return terms;
    }

    /// <summary>The word right before an offset, folded, when it is in the same sentence; else null.</summary>
    public string? WordBefore(int offset, int sentenceStart) => WordsBefore(offset, sentenceStart, 1).FirstOrDefault();

    /// <summary>Up to <paramref name="count"/> words right before an offset (nearest first), folded, stopping at punctuation or the sentence start.</summary>
    public List<string> WordsBefore(int offset, int sentenceStart, int count)
    {
        var words = new List<string>(count);
        for (var i = FirstTokenAt(offset) - 1; i >= 0 && _tokens[i].Start >= sentenceStart && words.Count < count; i--)
            if (_tokens[i].Kind == TokenKind.Word) words.Add(TextFolding.Fold(_tokens[i].Norm));
            else if (_tokens[i].Kind == TokenKind.Punctuation) break;
        return words;
    }

    /// <summary>When the article was published; a date without a time counts as noon.</summary>
    public DateTime? PublishedAt => Article.Metadata.Published is { } p
        ? p.TimeOfDay == TimeSpan.Zero ? p.Date.AddHours(12) : p
        : Day is { } d ? d.ToDateTime(new TimeOnly(12, 0)) : null;

    /// <summary>The content term of one token: "#value" for a number, "@key" for a place, "~concept" or a stem; null for the rest.</summary>
    private static string? TermOf(Token tok, DigestLanguage language)
    {
        if (tok.Kind == TokenKind.Number) return NumberTerm(tok.Norm, language);
        if (tok.Kind != TokenKind.Word) return null;
        return language.WordTerm(tok.Norm, WordTerm);
    }

    private static string? WordTerm(string lower, DigestLanguage language)
    {
        var folded = TextFolding.Fold(lower);
        if (folded.Length < 2 || folded.EndsWith('\'')) return null;
        // a stop word listed in the concepts file is a content word for matching ("found" → find, "stop")
        if (language.IsStopword(folded))
            return char.IsLetter(folded[0]) && language.Concept(language.Stem(TextFolding.Lower(lower))) is { } kept ? "~" + kept : null;
        if (language.NumberWord(folded) is { } number) return number.Length > 0 ? number : null;
        if (language.Place(folded) is { } place) return "@" + place;
        if (!char.IsLetter(folded[0])) return null;
        var stem = language.Stem(TextFolding.Lower(lower));
        return language.Concept(stem) is { } concept ? "~" + concept : stem;
    }

    /// <summary>
    /// The article's sentences as the digest reads them: trimmed, and joined where the segmenter cut a quotation at
    /// one of its full stops («Les objectifs… exécutés. Mais cela…», a déclaré…), so a statement and its attribution
    /// stay one unit and no unit starts or ends between the quotation marks.
    /// </summary>
    private static List<(Sentence First, int Start, int End)> Units(StoredArticle article)
    {
        var units = new List<(Sentence First, int Start, int End)>(article.Sentences.Count);
        foreach (var sentence in article.Sentences)
        {
            var (start, end) = Trim(article, sentence);
            if (end <= start) continue;
            if (units.Count > 0 && units[^1].First.Paragraph == sentence.Paragraph
                && article.Quotes.Any(q => q.Start < start && start < q.End && q.Start < units[^1].End))
            {
                units[^1] = (units[^1].First, units[^1].Start, end);
                continue;
            }
            units.Add((sentence, start, end));
        }
        return units;
    }

    /// <summary>Whether a stretch says no (a negation outside the attribution) and whether it only says "maybe".</summary>
    private SentencePolarity Polarity(int start, int end)
    {
        var meaning = MeaningLanguage.For(Language);
        var polarity = SentencePolarity.None;
        for (var i = FirstTokenAt(start); i < _tokens.Count && _tokens[i].Start < end; i++)
        {
            if (_attribution[i] || _tokens[i].Kind != TokenKind.Word) continue;
            var folded = TextFolding.Fold(_tokens[i].Norm);
            if (meaning.IsNegation(folded)) polarity |= SentencePolarity.Negated;
            else if (meaning.IsHedge(folded)) polarity |= SentencePolarity.Hedged;
        }
        return polarity;
    }

    /// <summary>
    /// True when a stretch starts or ends inside a quotation (the segmenter cut it at a full stop between the marks), or
    /// leaves a quotation mark unpaired: such a stretch cannot stand alone as a summary line.
    /// </summary>
    private static bool CutsQuotation(StoredArticle article, int start, int end)
    {
        foreach (var q in article.Quotes)
            if ((q.Start < start && start < q.End) || (q.Start < end && end < q.End)) return true;
        int opening = 0, closing = 0, straight = 0;
        for (var i = start; i < end; i++)
            switch (article.Text[i])
            {
                case '«' or '“': opening++; break;
                case '»' or '”': closing++; break;
                case '"': straight++; break;
            }
        return opening != closing || straight % 2 != 0;
    }

    private string? FirstWord(int start, int end)
    {
        for (var i = FirstTokenAt(start); i < _tokens.Count && _tokens[i].Start < end; i++)
            if (_tokens[i].Kind == TokenKind.Word) return TextFolding.Fold(_tokens[i].Norm);
        return null;
    }

    /// <summary>The share of a stretch of text that lies between the marks of a direct quotation.</summary>
    private static double QuoteShare(StoredArticle article, int start, int end)
    {
        var inside = 0;
        foreach (var q in article.Quotes)
            if (q.Kind == QuoteKind.Direct && q.Start < end && start < q.End)
                inside += Math.Min(end, q.End) - Math.Max(start, q.Start);
        return end > start ? Math.Min(1.0, (double)inside / (end - start)) : 0;
    }

    private int FirstTokenAt(int offset)
    {
        int lo = 0, hi = _tokens.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_tokens[mid].End <= offset) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>"4 111" → "#4111", "6,40" → "#6.4", "3,400" (English) → "#3400"; null for what is not a plain number.</summary>
    private static string? NumberTerm(string text, DigestLanguage language)
    {
        var digits = new string(text.Where(c => char.IsDigit(c) || c is ',' or '.').ToArray());
        var english = language.Code == "en";
        // a separator followed by exactly three digits is a thousands separator when the language uses it so
        var sep = digits.LastIndexOfAny([',', '.']);
        if (sep >= 0 && digits.Length - sep - 1 == 3 && (english ? digits[sep] == ',' : digits[sep] == '.'))
            digits = digits.Replace(digits[sep].ToString(), "");
        digits = english ? digits.Replace(",", "") : digits.Replace(',', '.');
        return decimal.TryParse(digits, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? "#" + value.ToString("0.############", CultureInfo.InvariantCulture)
            : null;
    }

    private static string?[] MapEntities(StoredArticle article, IReadOnlyList<Token> tokens)
    {
        var map = new string?[tokens.Count];
        if (article.Entities.Count == 0) return map;
        var mentions = article.Entities
            .Where(e => e.Via != "pronoun" && e.Key.Length >= 3)
            .OrderBy(e => e.Start).ThenByDescending(e => e.End).ToList();
        var t = 0;
        foreach (var mention in mentions)
        {
            while (t < tokens.Count && tokens[t].End <= mention.Start) t++;
            var first = true;
            for (var k = t; k < tokens.Count && tokens[k].Start < mention.End; k++)
            {
                if (map[k] is not null) continue;
                map[k] = first ? "@" + mention.Key : "";
                first = false;
            }
        }
        return map;
    }

    /// <summary>
    /// Marks the attribution of each quotation: its cue and its speaker and what lies between them when they are
    /// close ("a annoncé le ministre russe de la Défense, Sergueï Choïgou"), so that two sentences do not look alike
    /// because both say who spoke.
    /// </summary>
    private static bool[] MapAttributions(StoredArticle article, IReadOnlyList<Token> tokens)
    {
        const int MaxGap = 60;
        var mask = new bool[tokens.Count];
        foreach (var q in article.Quotes)
        {
            if (q.CueSpan is not { } cue) continue;
            var (start, end) = (cue.Start, cue.End);
            if (q.SpeakerSpan is { } speaker && (speaker.Start >= cue.End ? speaker.Start - cue.End : cue.Start - speaker.End) <= MaxGap
                && !(speaker.Start < q.End && q.Start < speaker.End))
                (start, end) = (Math.Min(start, speaker.Start), Math.Max(end, speaker.End));
            // never mask the quoted words themselves
            if (start < q.End && q.Start < end) continue;
            var lo = 0;
            var hi = tokens.Count;
            while (lo < hi) { var mid = (lo + hi) / 2; if (tokens[mid].End <= start) lo = mid + 1; else hi = mid; }
            for (var k = lo; k < tokens.Count && tokens[k].Start < end; k++) mask[k] = true;
        }
        return mask;
    }

    private static ParagraphRole RoleOf(StoredArticle article, Sentence sentence) =>
        sentence.Paragraph >= 0 && sentence.Paragraph < article.Paragraphs.Count
            ? article.Paragraphs[sentence.Paragraph].Role
            : ParagraphRole.Body;

    /// <summary>The sentence without surrounding blanks and without the wire dateline that opens it.</summary>
    private static (int Start, int End) Trim(StoredArticle article, Sentence sentence)
    {
        var start = sentence.Start;
        var end = sentence.End;
        if (article.Dateline is { } d && d.Start >= start && d.Start < end && d.End <= end) start = Math.Max(start, d.End);
        var text = article.Text;
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        return (start, end);
    }
}

internal sealed class SentenceText(
    ArticleText article, int index, int start, int end, ParagraphRole role, int ordinal,
    List<string> terms, HashSet<string> numbers)
{
    public ArticleText Article { get; } = article;
    /// <summary>Index among the article's kept sentences.</summary>
    public int Index { get; } = index;
    /// <summary>Index among all the story's sentences.</summary>
    public int StoryIndex { get; set; }
    public int Start { get; } = start;
    public int End { get; } = end;
    public ParagraphRole Role { get; } = role;
    /// <summary>Position among the article's body and lead sentences (0 = first); -1 for titles and intertitles.</summary>
    public int Ordinal { get; } = ordinal;
    public List<string> Terms { get; } = terms;
    private HashSet<string>? _termSet;
    /// <summary>The distinct terms.</summary>
    public HashSet<string> TermSet => _termSet ??= new HashSet<string>(Terms, StringComparer.Ordinal);
    public HashSet<string> Numbers { get; } = numbers;
    public SparseVector Vector { get; set; } = SparseVector.Empty;
    /// <summary>The story's vocabulary the vector's ids refer to.</summary>
    public TermSpace Space { get; set; } = null!;
    /// <summary>Opens with a word that refers back to an earlier sentence ("Ces déclarations…").</summary>
    public bool OpensWithAnaphora { get; init; }
    /// <summary>Share of the sentence inside direct quotation marks.</summary>
    public double QuoteShare { get; init; }
    public SentencePolarity Polarity { get; init; }
    public bool Negated => (Polarity & SentencePolarity.Negated) != 0;
    public bool Hedged => (Polarity & SentencePolarity.Hedged) != 0;
    /// <summary>Starts or ends inside a quotation, or leaves a quotation mark unpaired.</summary>
    public bool CutsQuotation { get; init; }
    public string Text => Article.Article.Text[Start..End];
    public Evidence Evidence => Evidence.Of(Article.Article, Start, End);
}

/// <summary>Whether a sentence says no, and whether it states a possibility rather than a fact.</summary>
[Flags]
internal enum SentencePolarity { None = 0, Negated = 1, Hedged = 2 }
