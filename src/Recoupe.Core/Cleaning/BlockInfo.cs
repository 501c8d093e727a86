using Recoupe.Core.Model;

namespace Recoupe.Core.Cleaning;

/// <summary>The shape of one block, measured once: what the boilerplate rules look at.</summary>
internal sealed class BlockInfo
{
    public BlockInfo(Block block, int index)
    {
        Block = block;
        Index = index;
        Text = block.Text.Trim();
        Measure();
    }

    public Block Block { get; }
    public int Index { get; }
    /// <summary>The block's text as the cleaner now has it (pieces may have been cut off); set it with <see cref="Cut"/>.</summary>
    public string Text { get; private set; }
    private string? _key;
    private string? _lineKey;

    /// <summary>Lower case, apostrophes unified, spaces collapsed (of the text as first measured).</summary>
    public string Key => _key ??= TextShape.CueKey(Text);
    /// <summary><see cref="Key"/> without framing punctuation ("lire aussi :" → "lire aussi").</summary>
    public string LineKey => _lineKey ??= TextShape.LineKey(Key);

    public int Words { get; private set; }
    public int Letters { get; private set; }
    public int UpperLetters { get; private set; }
    public int Digits { get; private set; }
    public int CapitalisedWords { get; private set; }
    public int Urls { get; private set; }
    public int Hashtags { get; private set; }
    public int Handles { get; private set; }
    /// <summary>Menu separators standing alone between items: | › > • · and » when the block has no «.</summary>
    public int Separators { get; private set; }
    public int Commas { get; private set; }
    public bool EndsSentence { get; private set; }
    public bool EndsWithPeriod { get; private set; }
    /// <summary>A sentence end followed by another sentence inside the block.</summary>
    public bool HasInnerSentenceEnd { get; private set; }

    /// <summary>Why the block goes (null while kept).</summary>
    public string? Reason { get; set; }
    /// <summary>A "follow" cue's reason: the blocks after it share it while they look like its items.</summary>
    public string? FollowReason { get; set; }
    public bool BodyLike { get; set; }
    /// <summary>Pieces cut off the kept block (update note, credits, script), in text order.</summary>
    public List<RemovedBlock>? Cuts { get; set; }

    private HashSet<string>? _stems;

    /// <summary>Content-word stems (lower case, no function words, first five letters).</summary>
    public HashSet<string> Stems(CleaningLexicon lexicon)
    {
        if (_stems is not null) return _stems;
        _stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in TextShape.LowerWords(Text))
        {
            if (word.Length < 3 || lexicon.IsStopWord(word) || char.IsDigit(word[0])) continue;
            _stems.Add(word.Length > 5 ? word[..5] : word);
        }
        return _stems;
    }

    /// <summary>Cuts a piece off the block: <paramref name="removed"/> goes to the removed list with its reason, <paramref name="kept"/> stays and is measured again.</summary>
    public void Cut(string removed, string reason, string kept)
    {
        (Cuts ??= []).Add(new RemovedBlock(removed, reason));
        Text = kept;
        _key = _lineKey = null;
        _stems = null;
        Words = Letters = UpperLetters = Digits = CapitalisedWords = Urls = Hashtags = Handles = Separators = Commas = 0;
        HasInnerSentenceEnd = false;
        Measure();
    }

    /// <summary>Replaces the text without recording a cut (the title's date and site name are recorded by the caller).</summary>
    public void Replace(string text)
    {
        Text = text;
        _key = _lineKey = null;
        _stems = null;
        Words = Letters = UpperLetters = Digits = CapitalisedWords = Urls = Hashtags = Handles = Separators = Commas = 0;
        HasInnerSentenceEnd = false;
        Measure();
    }

    private void Measure()
    {
        var text = Text;
        EndsSentence = TextShape.EndsSentence(text);
        var last = text.Length - 1;
        while (last >= 0 && TextShape.IsCloser(text[last])) last--;
        EndsWithPeriod = last >= 0 && text[last] == '.' && !(last >= 2 && text[last - 1] == '.' && text[last - 2] == '.');
        var hasOpeningGuillemet = text.Contains('«');

        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == ' ') { i++; continue; }
            var start = i;
            while (i < text.Length && text[i] != ' ') i++;
            MeasureToken(text.AsSpan(start, i - start), hasOpeningGuillemet);
        }

        for (var k = 0; k + 2 < text.Length; k++)
        {
            if (TextShape.IsTerminal(text[k]) && text[k + 1] == ' ' && (char.IsUpper(text[k + 2]) || text[k + 2] is '"' or '«'))
            {
                HasInnerSentenceEnd = true;
                break;
            }
        }
    }

    private void MeasureToken(ReadOnlySpan<char> token, bool hasOpeningGuillemet)
    {
        if (token.Length == 1 && token[0] is '|' or '›' or '>' or '•' or '·' or '/' || (token.Length == 1 && token[0] == '»' && !hasOpeningGuillemet))
        {
            Separators++;
            return;
        }
        var bare = token.TrimStart("(\"«“'");
        if ((bare.Contains('/') || bare.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
            && (bare.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || bare.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                || bare.StartsWith("www.", StringComparison.OrdinalIgnoreCase) || bare.Contains("://", StringComparison.Ordinal)
                || bare.StartsWith("pic.twitter.com", StringComparison.OrdinalIgnoreCase) || bare.Contains("t.co/", StringComparison.OrdinalIgnoreCase)))
            Urls++;
        else if (bare.Length > 1 && bare[0] == '#' && char.IsLetter(bare[1])) Hashtags++;
        else if (bare.Length > 1 && bare[0] == '@' && (char.IsLetterOrDigit(bare[1]) || bare[1] == '_')) Handles++;

        var hasLetterOrDigit = false;
        var firstLetter = true;
        foreach (var c in token)
        {
            if (char.IsLetter(c))
            {
                Letters++;
                if (char.IsUpper(c)) UpperLetters++;
                if (firstLetter && char.IsUpper(c)) CapitalisedWords++;
                firstLetter = false;
                hasLetterOrDigit = true;
            }
            else if (char.IsDigit(c))
            {
                Digits++;
                hasLetterOrDigit = true;
                firstLetter = false;
            }
            else if (c is ',' or ';') Commas++;
        }
        if (hasLetterOrDigit) Words++;
    }
}
