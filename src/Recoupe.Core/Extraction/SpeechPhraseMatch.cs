namespace Recoupe.Core.Extraction;

/// <summary>
/// The one match of a support verb's speech phrase ("a fait savoir", "a tenu à préciser": the language's phrases in
/// <see cref="ExtractionResources.SpeechPhrases"/>), shared by the quotation, entity and figure finders.
/// </summary>
internal static class SpeechPhraseMatch
{
    /// <summary>
    /// Where a speech phrase of the support verb <paramref name="lemma"/> at token <paramref name="k"/> ends (the index
    /// of "savoir" in "a fait savoir"), or -1 when none of its phrases follows it before token <paramref name="end"/>.
    /// </summary>
    public static int SpeechPhraseEnd(this ExtractionResources resources, string lemma, List<Tok> toks, int k, int end)
    {
        if (!resources.SpeechPhrases.TryGetValue(lemma, out var phrases)) return -1;
        foreach (var words in phrases)
        {
            if (k + words.Length >= end) continue;
            var ok = true;
            for (var w = 0; w < words.Length && ok; w++) ok = toks[k + 1 + w].Lower == words[w];
            if (ok) return k + words.Length;
        }
        return -1;
    }
}
