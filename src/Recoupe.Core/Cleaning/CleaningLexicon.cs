using Recoupe.Core.Languages;

namespace Recoupe.Core.Cleaning;

/// <summary>How a boilerplate cue from Languages/{code}/boilerplate.txt matches a block.</summary>
internal enum CueMatch { Line, Follow, Start, Contains, Note, Credit, Byline, Media }

internal sealed record Cue(string Text, string Reason, CueMatch Match);

/// <summary>
/// The language data the cleaner uses, merged over every language that has data: the language of an article is
/// not known while it is being cleaned, and web furniture ("Lire aussi", "Read more") is cheap to test for.
/// Loaded once; read-only afterwards, so stages can share it across threads.
/// </summary>
internal sealed class CleaningLexicon
{
    public static CleaningLexicon Shared { get; } = new(LanguageResources.Available);

    /// <summary>Cues that must be the whole block (matched on <see cref="TextShape.CueKey"/>), with "follow" cues.</summary>
    public Dictionary<string, Cue> WholeBlockCues { get; } = new(StringComparer.Ordinal);
    /// <summary>Cues a block starts with, longest first.</summary>
    public List<Cue> StartCues { get; } = [];
    /// <summary>Cues a short block contains.</summary>
    public List<Cue> ContainsCues { get; } = [];
    /// <summary>First words of a leading "(Actualisé avec …)" note, lower case.</summary>
    public List<string> NoteCues { get; } = [];
    /// <summary>Words that open a media card ("Vidéo – 02:14 – …"), lower case.</summary>
    public List<string> MediaWords { get; } = [];
    /// <summary>Phrases allowed inside a trailing credit group besides names ("pour le service français"), longest first.</summary>
    public List<string> CreditPhrases { get; } = [];
    /// <summary>Words that open a byline ("par", "by"), lower case.</summary>
    public HashSet<string> BylineWords { get; } = new(StringComparer.Ordinal);
    /// <summary>Words that often open a sentence, as written there ("Le", "The"), of every language.</summary>
    public HashSet<string> SentenceStarters { get; } = new(StringComparer.Ordinal);
    /// <summary>Function words of every language, lower case.</summary>
    public HashSet<string> StopWords { get; } = new(StringComparer.Ordinal);
    /// <summary>Titles written with a final period that never ends a sentence, as written without it ("Mme", "Dr", "av").</summary>
    public HashSet<string> Abbreviations { get; } = new(StringComparer.Ordinal);
    /// <summary>Month names and abbreviations, lower case, of every language.</summary>
    public List<string> MonthNames { get; } = [];

    private CleaningLexicon(IEnumerable<string> languages)
    {
        var months = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in languages)
        {
            var data = LanguageResources.For(code);
            foreach (var line in data.Lines("boilerplate"))
            {
                var fields = line.Split('\t');
                if (fields.Length < 3 || !TryParseMatch(fields[2], out var match)) continue;
                var text = TextShape.CueKey(fields[0]);
                if (text.Length == 0) continue;
                var cue = new Cue(text, fields[1].Trim(), match);
                switch (match)
                {
                    case CueMatch.Line or CueMatch.Follow:
                        // A "follow" cue wins over a plain whole-line cue with the same text.
                        if (match == CueMatch.Follow || !WholeBlockCues.ContainsKey(text)) WholeBlockCues[text] = cue;
                        break;
                    case CueMatch.Start: StartCues.Add(cue); break;
                    case CueMatch.Contains: ContainsCues.Add(cue); break;
                    case CueMatch.Note: NoteCues.Add(text); break;
                    case CueMatch.Credit: CreditPhrases.Add(text); break;
                    case CueMatch.Byline: BylineWords.Add(text); break;
                    case CueMatch.Media: MediaWords.Add(text); break;
                }
            }
            foreach (var word in data.Lines("stopwords")) StopWords.Add(word.Split('\t')[0].Trim().ToLowerInvariant());
            foreach (var word in data.Lines("sentence-starters")) SentenceStarters.Add(word.Split('\t')[0].Trim().Replace('’', '\''));
            foreach (var line in data.Lines("abbreviations"))
            {
                // Only titles ("Mme", "Dr") never end a sentence; other abbreviations ("etc.") may end one before a
                // capitalised word, which is exactly where a glued paragraph starts.
                var fields = line.Split('\t');
                if (fields.Length > 1 && fields[1].Trim() != "title") continue;
                Abbreviations.Add(fields[0].Trim().TrimEnd('.'));
            }
            foreach (var month in data.Map("months").Keys) months.Add(month.Trim().ToLowerInvariant());
        }
        StartCues.Sort((a, b) => b.Text.Length != a.Text.Length ? b.Text.Length - a.Text.Length : string.CompareOrdinal(a.Text, b.Text));
        CreditPhrases.Sort((a, b) => b.Length != a.Length ? b.Length - a.Length : string.CompareOrdinal(a, b));
        MonthNames.AddRange(months.OrderByDescending(m => m.Length).ThenBy(m => m, StringComparer.Ordinal));
    }

    private static bool TryParseMatch(string field, out CueMatch match)
    {
        switch (field.Trim())
        {
            case "line": match = CueMatch.Line; return true;
            case "follow": match = CueMatch.Follow; return true;
            case "start": match = CueMatch.Start; return true;
            case "contains": match = CueMatch.Contains; return true;
            case "note": match = CueMatch.Note; return true;
            case "credit": match = CueMatch.Credit; return true;
            case "byline": match = CueMatch.Byline; return true;
            case "media": match = CueMatch.Media; return true;
            default: match = default; return false;
        }
    }

    public bool IsStopWord(string lowerWord) => StopWords.Contains(lowerWord);
}
