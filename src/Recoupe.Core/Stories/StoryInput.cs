using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Stories;

/// <summary>
/// What the story clusterer needs to know about one article. Small on purpose: the pipeline's <see cref="Document"/>
/// and the store's <see cref="StoredArticle"/> feed it (<see cref="FromDocument"/>, <see cref="FromStored"/>); tests and
/// benchmarks build it directly.
/// </summary>
/// <param name="Id">The article's id in the caller's world (store id, source id); unique per clusterer.</param>
/// <param name="Date">Publication time; null when unknown (the clusterer then uses the latest date it has seen).</param>
/// <param name="Language">ISO 639-1 code, or "und".</param>
/// <param name="Title">Headline; may be empty.</param>
/// <param name="Text">The article's text; the body starts at <see cref="BodyStart"/>.</param>
public sealed record StoryInput(string Id, DateTime? Date, string Language, string Title, string Text)
{
    /// <summary>
    /// Entity keys to match articles on, when the caller has keys made for that; when empty (the default), the clusterer
    /// uses names read from the text (runs of capitalised words: whole name and last word). The entity stage's keys are
    /// not passed by <see cref="FromDocument"/>: they are built to match speakers (phonetic surnames, titles kept with
    /// the name), and on the gold sets they group stories worse than the names themselves (stories-dev pairwise F1 0.850
    /// instead of 0.902; samples 0.796 instead of 0.959, English and French copies of a story no longer meeting).
    /// </summary>
    public IReadOnlyList<string> EntityKeys { get; init; } = [];

    /// <summary>The outlet, for story listings.</summary>
    public string? Outlet { get; init; }

    /// <summary>A hash of the content, stable across machines; story ids are derived from the founding article's one.
    /// When null, the clusterer hashes the title and text itself.</summary>
    public string? ContentKey { get; init; }

    /// <summary>Where the body starts in <see cref="Text"/>: after a title paragraph that repeats <see cref="Title"/>, so it is not counted twice.</summary>
    public int BodyStart { get; init; }

    /// <summary>
    /// The segmenter's tokens of a text when the caller has them (a document's, <see cref="FromDocument"/>); they serve
    /// while <see cref="Text"/> is that text (an input copied with another text reads its own). Otherwise the clusterer
    /// reads the words from the text alone, which gives the words any cut of it gives (<see cref="Words"/>).
    /// </summary>
    public TextTokens? Tokens { get; init; }

    /// <summary>The article's matching features, read from one cut of its text (and of its title when the text does not
    /// start with it).</summary>
    public MatchingFeatures Features(MatchingAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        var tokens = Tokens is { } given && ReferenceEquals(given.Text, Text) && (given.Tokens.Count > 0 || string.IsNullOrWhiteSpace(Text))
            ? given.Tokens
            : null;
        var title = Title ?? "";
        var titleWords = Text.StartsWith(title, StringComparison.Ordinal)
            ? WordsOf(Text, tokens, 0, title.Length)
            : Words.Of(title, 0, title.Length);
        var bodyStart = Math.Clamp(BodyStart, 0, Text.Length);
        return analyzer.Analyze(title, titleWords, Text, WordsOf(Text, tokens, bodyStart, Text.Length));

        // a text without its tokens (a stored one) is read alone: the same words as a new cut gives (Words.Of)
        static List<WordToken> WordsOf(string text, IReadOnlyList<Token>? tokens, int start, int end) =>
            tokens is null ? Words.Of(text, start, end) : Words.Of(text, tokens, start, end);
    }

    internal string EffectiveContentKey => ContentKey ?? StableHash.Hex(StableHash.Of(Title + "\n\n" + Text));

    internal string Body => BodyStart <= 0 ? Text : BodyStart >= Text.Length ? "" : Text[BodyStart..];

    /// <summary>The clusterer's input for a processed document.</summary>
    public static StoryInput FromDocument(string id, Document document) =>
        Build(id, document.Text, document.Metadata, document.Paragraphs, null) with { Tokens = new TextTokens(document.Text, document.Tokens) };

    /// <summary>The clusterer's input for a stored article; its id is the store's id and its content key the store's content hash.</summary>
    public static StoryInput FromStored(StoredArticle article) =>
        Build(article.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), article.Text, article.Metadata,
            article.Paragraphs, article.ContentHash);

    /// <summary>The clusterer's input from the parts of an article it reads (a store may read just these).</summary>
    public static StoryInput Build(string id, string text, ArticleMetadata metadata, IReadOnlyList<Paragraph> paragraphs, string? contentKey)
    {
        var titleParagraph = paragraphs.Count > 0 && paragraphs[0].Role == ParagraphRole.Title ? paragraphs[0] : null;
        var title = metadata.Title ?? (titleParagraph is null ? "" : text[titleParagraph.Start..titleParagraph.End]);
        var bodyStart = 0;
        if (titleParagraph is not null && titleParagraph.Start == 0)
            bodyStart = paragraphs.Count > 1 ? paragraphs[1].Start : titleParagraph.End;
        return new StoryInput(id, metadata.Published, metadata.Language, title, text)
        {
            Outlet = OutletNames.Resolve(metadata),
            ContentKey = contentKey,
            BodyStart = bodyStart,
        };
    }
}

/// <summary>A text and the segmenter's tokens of it.</summary>
public sealed record TextTokens(string Text, IReadOnlyList<Token> Tokens);
