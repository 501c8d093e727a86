using Recoupe.Core.Model;

namespace Recoupe.Core.Storage;

/// <summary>
/// Refuses a document the store would keep wrong: a span outside the text (a stage bug) would be stored as
/// evidence that does not match the text. Checked before any write, so a refused article leaves nothing behind.
/// </summary>
public static class DocumentCheck
{
    public static void Validate(Document document)
    {
        var length = document.Text.Length;
        if (length == 0) throw new ArgumentException("the document's text is empty", nameof(document));
        if (!double.IsFinite(document.Metadata.LanguageConfidence))
            throw new ArgumentException("language confidence is not a number", nameof(document));

        foreach (var span in document.Paragraphs) Check(span, "paragraph", length);
        foreach (var span in document.Sentences) Check(span, "sentence", length);
        foreach (var span in document.Entities) Check(span, "entity", length);
        foreach (var span in document.Figures) Check(span, "figure", length);
        foreach (var span in document.Dates) Check(span, "date", length);
        foreach (var quote in document.Quotes)
        {
            Check(quote, "quotation", length);
            if (quote.SpeakerSpan is { } speaker) Check(speaker, "quotation speaker", length);
            if (quote.CueSpan is { } cue) Check(cue, "quotation cue", length);
        }
        if (document.Dateline is { } dateline) Check(dateline, "dateline", length);
    }

    private static void Check(ISpan span, string kind, int length)
    {
        if (span.Start < 0 || span.End < span.Start || span.End > length)
            throw new ArgumentException($"{kind} span [{span.Start}, {span.End}) lies outside the text (length {length})");
    }
}
