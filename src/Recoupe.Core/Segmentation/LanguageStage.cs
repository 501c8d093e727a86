using Recoupe.Core.Model;

namespace Recoupe.Core.Segmentation;

/// <summary>
/// Identifies the language from the text itself (our own identifier, over the tokens the segmenter made).
/// A language claimed by the source (its field, or an HTML lang attribute found while preparing) only settles
/// a case the text leaves open, and only when the text's own evidence ranks that language first.
/// </summary>
public sealed class LanguageStage(LanguageIdentifier identifier) : IDocumentStage
{
    public LanguageStage() : this(LanguageIdentifier.Default) { }

    public string Name => "language";

    public void Run(Document document)
    {
        var guess = identifier.Identify(document);
        var metadata = document.Metadata;
        if (guess.Language == "und")
        {
            var claimed = ClaimedLanguage(document.Source.Fields.Language) ?? ClaimedLanguage(metadata.Language);
            if (claimed is not null && ShareIfFirst(document, claimed) is { } share)
                guess = new LanguageGuess(claimed, Math.Round(share / 2, 3)); // half: the text alone did not decide
        }
        metadata.Language = guess.Language;
        metadata.LanguageConfidence = guess.Confidence;
    }

    /// <summary>The language's share of the text's evidence when no language scores higher; null otherwise.</summary>
    private double? ShareIfFirst(Document document, string language)
    {
        var scores = identifier.Scores(document.Tokens.Where(t => t.Kind == TokenKind.Word).Select(t => t.Norm));
        if (!scores.TryGetValue(language, out var own) || own <= 0 || scores.Any(s => s.Value > own)) return null;
        return own / scores.Values.Sum();
    }

    /// <summary>"fr", "fr-FR", "FR_fr", "French"? Only ISO-like codes are read: the first two letters of a code.</summary>
    private static string? ClaimedLanguage(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var code = value.Trim().Split('-', '_')[0].ToLowerInvariant();
        return code.Length == 2 && code.All(char.IsAsciiLetterLower) ? code : null;
    }
}
