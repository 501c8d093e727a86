using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Stories;

/// <summary>
/// What the story clusterer needs to know about one article. Small on purpose: the pipeline's
/// <see cref="Document"/> feeds it through <see cref="FromDocument"/>, tests and benchmarks build it directly.
/// </summary>
/// <param name="Id">The article's id in the caller's world (store id, source id); unique per clusterer.</param>
/// <param name="Date">Publication time; null when unknown (the clusterer then uses the latest date it has seen).</param>
/// <param name="Language">ISO 639-1 code, or "und".</param>
/// <param name="Title">Headline; may be empty.</param>
/// <param name="Text">Body text. Copy diffs give sentence ranges as UTF-16 offsets into this string.</param>
public sealed record StoryInput(string Id, DateTime? Date, string Language, string Title, string Text)
{
    /// <summary>Keys of the named entities the entity stage found; when empty, capitalised words stand in for them.</summary>
    public IReadOnlyList<string> EntityKeys { get; init; } = [];

    /// <summary>The outlet, for story listings.</summary>
    public string? Outlet { get; init; }

    /// <summary>A hash of the content, stable across machines; story ids are derived from the founding article's one.
    /// When null, the clusterer hashes the title and text itself.</summary>
    public string? ContentKey { get; init; }

    /// <summary>The clusterer's input for a processed document. The text offsets are those of <see cref="Document.Text"/>.</summary>
    public static StoryInput FromDocument(string id, Document document)
    {
        var entityKeys = document.Entities.Select(e => e.Key).Where(k => !string.IsNullOrEmpty(k)).Distinct(StringComparer.Ordinal).ToArray();
        var titleParagraph = document.Paragraphs.FirstOrDefault(p => p.Role == ParagraphRole.Title);
        var title = document.Metadata.Title ?? (titleParagraph is null ? "" : document.Slice(titleParagraph));
        return new StoryInput(id, document.Metadata.Published, document.Metadata.Language, title, document.Text)
        {
            EntityKeys = entityKeys,
            Outlet = document.Metadata.Outlet,
        };
    }

    internal string EffectiveContentKey => ContentKey ?? StableHash.Hex(StableHash.Of(Title + "\n\n" + Text));
}
