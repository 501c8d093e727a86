using System.Globalization;
using System.Text.RegularExpressions;
using Recoupe.Core.Languages;
using Recoupe.Core.Model;
using Recoupe.Core.Segmentation;

namespace Recoupe.Core.Metadata;

/// <summary>
/// Finds title, publication date, dateline, outlet, agency and authors from the text, from what cleaning removed
/// (any reason: repeated titles, credits, embeds, widgets, captions) and from the source's fields.
/// What a preparation stage already found (HTML meta tags) is kept; the source's fields fill what the text leaves open.
/// </summary>
public sealed partial class MetadataStage(DateFinder dates, KnownSources sources, CreditCues cues) : IDocumentStage
{
    public MetadataStage() : this(DateFinder.Default, KnownSources.Default, CreditCues.Default) { }

    public string Name => "metadata";

    /// <summary>Lines longer than this are article prose, not furniture that could carry a date or a credit.</summary>
    private const int ShortLine = 160;

    public void Run(Document document)
    {
        var metadata = document.Metadata;
        var fields = document.Source.Fields;
        var language = metadata.Language is "und" or "" ? null : metadata.Language;
        var lines = CollectLines(document);

        SetTitle(document, fields);
        metadata.Url ??= string.IsNullOrWhiteSpace(fields.Url) ? null : fields.Url.Trim();

        var datedLines = FindDatedLines(lines, metadata.Title);
        var dateline = FindDateline(document, language);
        SetPublished(document, fields, datedLines, dateline);

        SetAgency(document, lines, dateline, language);
        SetOutlet(document, fields, lines, dateline, language);
        SetAuthors(document, fields, lines, dateline, language);
        if (IsMasthead(metadata.Title, metadata) && NextTitleLine(document) is { } below) metadata.Title = WithoutTrailingDate(below);
        metadata.Title = WithoutOutletSuffix(metadata.Title, metadata.Outlet);
        // what the text leaves open: the agency its credits or dateline name, then the site's host (one resolver for every view)
        metadata.Outlet = OutletNames.Resolve(metadata);
    }

    // ---- Lines worth reading ---------------------------------------------------------------------------------

    /// <summary>Where a line comes from: a removed block, or a paragraph of the text (with its index).</summary>
    private sealed record Line(string Text, int Paragraph, bool Removed)
    {
        /// <summary>A title or heading of the text: it may name an agency as its subject, never as a credit.</summary>
        public bool IsHeading { get; init; }
    }

    /// <summary>Every removed line, and the text's lines short enough to be furniture (titles, credits, datelines, embeds).</summary>
    private static List<Line> CollectLines(Document document)
    {
        var lines = new List<Line>();
        for (var p = 0; p < document.Paragraphs.Count; p++)
        {
            var paragraph = document.Paragraphs[p];
            foreach (var line in document.Text[paragraph.Start..paragraph.End].Split('\n'))
            {
                var trimmed = line.Trim();
                if (trimmed.Length > 0 && trimmed.Length <= ShortLine)
                    lines.Add(new Line(trimmed, p, false) { IsHeading = paragraph.Role is ParagraphRole.Title or ParagraphRole.Heading });
            }
        }
        foreach (var removed in document.Removed)
            foreach (var line in removed.Text.Split('\n'))
            {
                var trimmed = line.Trim();
                if (trimmed.Length > 0) lines.Add(new Line(trimmed, -1, true));
            }
        return lines;
    }

    // ---- Title -----------------------------------------------------------------------------------------------

    private void SetTitle(Document document, SourceFields fields)
    {
        var titleParagraph = document.Paragraphs.FirstOrDefault(p => p.Role == ParagraphRole.Title);
        var title = titleParagraph is not null ? document.Slice(titleParagraph) : null;
        title ??= document.Metadata.Title;
        title ??= fields.Title;
        if (string.IsNullOrWhiteSpace(title)) return;
        document.Metadata.Title = WithoutTrailingDate(title.Trim());
    }

    /// <summary>"AGENCE KESTRIA - Service France": the outlet's or agency's own name and a desk, not a headline.</summary>
    private static bool IsMasthead(string? title, ArticleMetadata metadata)
    {
        if (title is null) return false;
        foreach (var name in new[] { metadata.Agency, metadata.Outlet })
        {
            if (string.IsNullOrEmpty(name) || !title.StartsWith(name, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = title[name.Length..].Trim(' ', '-', '–', '—', '|', ':');
            if (rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3) return true;
        }
        return false;
    }

    /// <summary>
    /// The first paragraph after the title that reads as a headline: one short line without final punctuation, not
    /// a line that opens with a date ("10/03/2026 07:52 - INTEMPÉRIES").
    /// </summary>
    private string? NextTitleLine(Document document)
    {
        var index = document.Paragraphs.FindIndex(p => p.Role == ParagraphRole.Title);
        if (index < 0) return null;
        foreach (var paragraph in document.Paragraphs.Skip(index + 1).Take(3))
        {
            var next = document.Slice(paragraph).Trim();
            if (next.Length == 0 || next.Length > ShortLine || next.Contains('\n') || next[^1] is '.' or '!' or '?' or ':') return null;
            if (dates.Find(next).FirstOrDefault() is { Start: 0 }) continue;
            return next;
        }
        return null;
    }

    /// <summary>"Poutine : «…» 20 nov. 2015, 15:59" → "Poutine : «…»".</summary>
    private string WithoutTrailingDate(string title)
    {
        var found = dates.Find(title);
        if (found.Count == 0) return title;
        var last = found[^1];
        if (last.End < title.TrimEnd().Length || !last.IsFull || last.Start == 0) return title;
        var cut = title[..last.Start].TrimEnd(' ', ',', '-', '–', '—', '|', '·', '\u00A0');
        return cut.Length > 0 ? cut : title;
    }

    /// <summary>"Procès … | Médiapulse" → "Procès …" when the suffix is the outlet's name (HTML titles carry it).</summary>
    private static string? WithoutOutletSuffix(string? title, string? outlet)
    {
        if (title is null || string.IsNullOrWhiteSpace(outlet)) return title;
        foreach (var separator in new[] { " | ", " - ", " – ", " — ", " : " })
        {
            var suffix = separator + outlet;
            if (title.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && title.Length > suffix.Length)
                return title[..^suffix.Length].TrimEnd();
        }
        return title;
    }

    // ---- Dates -----------------------------------------------------------------------------------------------

    /// <summary>A full date found on a short line; strong when the line is a date line or the title with its date.</summary>
    private sealed record DatedLine(FoundDate Date, bool Strong);

    private List<DatedLine> FindDatedLines(List<Line> lines, string? title)
    {
        var found = new List<DatedLine>();
        var titleKey = title is null ? null : Key(title);
        foreach (var line in lines)
        {
            foreach (var date in dates.Find(line.Text))
            {
                if (!date.IsFull) continue;
                var rest = (line.Text[..date.Start] + " " + line.Text[date.End..]).Trim();
                // The date's own field of a "Par X | Publié le 08/03/2026 à 10:00 | Lecture 3 min" line.
                var (fieldStart, fieldEnd) = FieldAround(line.Text, date.Start, date.End);
                var fieldRest = line.Text[fieldStart..date.Start] + " " + line.Text[date.End..fieldEnd];
                var restWords = fieldRest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetter));
                var isTitleLine = titleKey is { Length: > 0 } && Key(rest).StartsWith(titleKey, StringComparison.Ordinal);
                found.Add(new DatedLine(date, restWords <= 4 || isTitleLine));
            }
        }
        return found;
    }

    /// <summary>Separators between the fields of a meta line ("Par X · Publié le … · Lecture 6 min").</summary>
    private static readonly string[] FieldSeparators = [" | ", " · ", " • ", " - ", " – ", " — "];

    private static (int Start, int End) FieldAround(string line, int start, int end)
    {
        var fieldStart = 0;
        var fieldEnd = line.Length;
        foreach (var separator in FieldSeparators)
        {
            var before = line.LastIndexOf(separator, Math.Max(0, start - 1), StringComparison.Ordinal);
            if (before >= 0 && before + separator.Length <= start) fieldStart = Math.Max(fieldStart, before + separator.Length);
            var after = line.IndexOf(separator, end, StringComparison.Ordinal);
            if (after >= 0) fieldEnd = Math.Min(fieldEnd, after);
        }
        return (fieldStart, fieldEnd);
    }

    /// <summary>The first field of a meta line: "Par Mathilde Crozes | Publié le …" → "Par Mathilde Crozes".</summary>
    private static string FirstField(string line)
    {
        var (_, end) = FieldAround(line, 0, 0);
        return line[..end].Trim();
    }

    private static string Key(string text) =>
        new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private void SetPublished(Document document, SourceFields fields, List<DatedLine> datedLines, Dateline? dateline)
    {
        var metadata = document.Metadata;
        var strong = datedLines.FirstOrDefault(d => d.Strong)?.Date;
        var weak = datedLines.FirstOrDefault()?.Date;

        if (metadata.Published is null && ParseSourceDate(fields.Date) is { } fromSource)
        {
            metadata.Published = fromSource.Value;
            metadata.PublishedFrom = "source";
            if (!fromSource.HasTime) MergeTime(metadata, strong);
        }
        else if (metadata.Published is not null && metadata.Published.Value.TimeOfDay == TimeSpan.Zero)
        {
            MergeTime(metadata, strong);
        }

        if (metadata.Published is null && strong is not null)
            Publish(metadata, strong, "text");

        // The dateline's year: its own, else the one that fits a known date (see FoundDate.Resolve), else the one year other full dates agree on.
        if (dateline is not null)
        {
            var reference = metadata.Published is { } p ? DateOnly.FromDateTime(p) : weak?.Resolve(null);
            var found = new FoundDate(dateline.Start, dateline.End) { Month = dateline.Month, Day = dateline.Day, Year = dateline.Date?.Year };
            var resolved = dateline.Date ?? found.Resolve(reference) ?? ResolveWithAgreedYear(found, datedLines);
            if (resolved is not null && dateline.Date is null)
                document.Dateline = dateline with { Date = resolved };
            if (metadata.Published is null && resolved is { } day)
            {
                metadata.Published = day.ToDateTime(TimeOnly.MinValue);
                metadata.PublishedFrom = "dateline";
            }
        }

        if (metadata.Published is null && weak is not null)
            Publish(metadata, weak, "text");

        // A day known without its time takes the time a page line gives for that day ("11/03/2026 19:05").
        if (metadata.Published is { } chosen && chosen.TimeOfDay == TimeSpan.Zero)
            foreach (var dated in datedLines.OrderByDescending(d => d.Strong))
                if (dated.Date.Time is not null && MergeTime(metadata, dated.Date)) break;
    }

    private static DateOnly? ResolveWithAgreedYear(FoundDate found, List<DatedLine> datedLines)
    {
        var years = datedLines.Select(d => d.Date.Year!.Value).Distinct().ToList();
        return years.Count == 1 ? (found with { Year = years[0] }).Resolve(null) : null;
    }

    private static void Publish(ArticleMetadata metadata, FoundDate date, string from)
    {
        if (date.Resolve(null) is not { } day) return;
        metadata.Published = day.ToDateTime(date.Time ?? TimeOnly.MinValue);
        metadata.PublishedFrom = from;
    }

    private static bool MergeTime(ArticleMetadata metadata, FoundDate? textDate)
    {
        if (textDate?.Time is not { } time || textDate.Resolve(null) is not { } day) return false;
        if (metadata.Published is not { } published || DateOnly.FromDateTime(published) != day) return false;
        metadata.Published = day.ToDateTime(time);
        return true;
    }

    [GeneratedRegex(@"^\s*(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(?:[A-Z]{1,4}|[+-]\d{2}:?\d{2}|Z)?\s*$")]
    private static partial Regex Rfc822();

    /// <summary>A date from the source's field: ISO 8601, RFC 822 (feeds), or a written date ("20 novembre 2015"). Clock time as written.</summary>
    private (DateTime Value, bool HasTime)? ParseSourceDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        var rfc = Rfc822().Match(text);
        if (rfc.Success && DateVocabulary.Default.Months.TryGetValue(rfc.Groups[2].Value.ToLowerInvariant(), out var month))
        {
            var year = int.Parse(rfc.Groups[3].Value, CultureInfo.InvariantCulture);
            if (year < 100) year += year < 50 ? 2000 : 1900;
            var day = int.Parse(rfc.Groups[1].Value, CultureInfo.InvariantCulture);
            if (!FoundDate.IsValid(year, month, day)) return null;
            var hasTime = rfc.Groups[4].Success;
            var time = hasTime ? new TimeOnly(Math.Min(23, int.Parse(rfc.Groups[4].Value)), Math.Min(59, int.Parse(rfc.Groups[5].Value))) : TimeOnly.MinValue;
            return (new DateOnly(year, month, day).ToDateTime(time), hasTime);
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
            return (DateTime.SpecifyKind(parsed.DateTime, DateTimeKind.Unspecified), text.Contains(':'));
        var written = dates.Find(text).FirstOrDefault(d => d.IsFull);
        if (written?.Resolve(null) is { } writtenDay)
            return (writtenDay.ToDateTime(written.Time ?? TimeOnly.MinValue), written.Time is not null);
        return null;
    }

    // ---- Dateline --------------------------------------------------------------------------------------------

    [GeneratedRegex(@"\G(?<note>\([^()\n]{0,300}\)\s*)?(?<place>\p{Lu}[\p{L}'’.\-]*(?:[ /]\p{Lu}[\p{L}'’.\-]*){0,3}?)\s*(?:,\s*(?<date>[^()\-–—\n]{3,40}?)\s*)?(?:\((?<agency>[^()\n]{2,40})\)\s*)?[-–—]+\s")]
    private static partial Regex DatelinePattern();

    /// <summary>"MOSCOU, 20 novembre (Reuters) - …", "Paris (AFP) - …", "MOSCOW (AP) — …" at the head of the body.</summary>
    private Dateline? FindDateline(Document document, string? language)
    {
        foreach (var paragraph in document.Paragraphs.Where(p => p.Role is ParagraphRole.Body or ParagraphRole.Lead).Take(8))
        {
            var match = DatelinePattern().Match(document.Text, paragraph.Start);
            if (!match.Success || match.Index + match.Length > paragraph.End) continue;

            var place = match.Groups["place"].Value;
            var allCaps = place.Where(char.IsLetter).All(char.IsUpper);
            string? agency = null;
            if (match.Groups["agency"].Success)
            {
                var inside = match.Groups["agency"].Value;
                var named = sources.FindAll(inside, language, SourceKind.Agency);
                var leftover = named.Aggregate(inside, (rest, m) => rest.Replace(m.Form.Form, ""));
                if (named.Count > 0 && !leftover.Any(char.IsLetter)) agency = named[0].Form.Name;
                // An unknown name in a dateline's parenthesis after a place in capitals is still the wire's name.
                else if (allCaps && IsProperName(inside.Trim(), maxWords: 4)) agency = inside.Trim();
                else continue;
            }
            FoundDate? date = null;
            if (match.Groups["date"].Success)
            {
                var written = match.Groups["date"].Value.Trim();
                var found = dates.Find(written);
                if (found.Count != 1 || found[0].Month is null || found[0].Day is null || found[0].End < written.Length - 1) continue;
                date = found[0];
            }
            if (agency is null && date is null) continue;
            if (!allCaps && agency is null) continue;

            var start = match.Groups["place"].Index;
            var end = match.Index + match.Length;
            while (end > start && char.IsWhiteSpace(document.Text[end - 1])) end--;
            var dateline = new Dateline(start, end)
            {
                Place = allCaps ? TitleCase(place) : place,
                Agency = agency,
                Month = date?.Month,
                Day = date?.Day,
                Date = date?.Year is not null ? date.Resolve(null) : null,
            };
            document.Dateline = dateline;
            document.Metadata.DatelinePlace = dateline.Place;
            return dateline;
        }
        return null;
    }

    /// <summary>"MOSCOU" → "Moscou", "NEW YORK" → "New York", "SAINT-DENIS" → "Saint-Denis".</summary>
    private static string TitleCase(string place)
    {
        var chars = place.ToLowerInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (i == 0 || chars[i - 1] is ' ' or '-' or '/' or '\'' or '’') chars[i] = char.ToUpperInvariant(chars[i]);
        return new string(chars);
    }

    // ---- Agency and outlet -----------------------------------------------------------------------------------

    private void SetAgency(Document document, List<Line> lines, Dateline? dateline, string? language)
    {
        var metadata = document.Metadata;
        if (dateline?.Agency is { } fromDateline)
        {
            metadata.Agency = fromDateline;
            return;
        }
        if (metadata.Agency is not null) return;
        foreach (var line in CreditCandidates(document, lines))
        {
            if ((KnownAgencyCredit(line, language) ?? UnknownAgencyCredit(line, dateline, language)) is not { } agency) continue;
            metadata.Agency = agency;
            return;
        }
    }

    /// <summary>
    /// A known agency credited by a short line ("AFP/M.R.", "Source : Reuters", "© AFP 2015") or by a parenthesis that
    /// closes a line ("… (avec AFP)"); not a picture credit ("(Photo : AFP)"), not an agency the prose names
    /// ("l'Administration pénitentiaire (AP) belge", "a confié à l'AFP").
    /// </summary>
    private string? KnownAgencyCredit(string line, string? language)
    {
        var lineWords = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        foreach (var match in sources.FindAll(line, language, SourceKind.Agency))
        {
            var (context, contextStart) = Enclosing(line, match.Start);
            var lower = context.ToLowerInvariant();
            if (cues.Photo.Any(c => CreditCues.HasWord(lower, c))) continue; // "(Photo : AFP)" credits a picture
            var lead = lower[..(match.Start - contextStart)].TrimEnd().TrimEnd(':').TrimEnd();
            var cued = cues.Agency.Any(c => lead.EndsWith(c, StringComparison.Ordinal)
                && (lead.Length == c.Length || !char.IsLetter(lead[^(c.Length + 1)]) || !char.IsLetter(c[0])));
            // "ancien PDG de l'AFP": an agency after an article or a preposition is what the line is about.
            if (!cued && IsAfterFunctionWord(line[..match.Start].ToLowerInvariant(), language)) continue;
            if (lineWords <= 8) return match.Form.Name;
            var inParenthesis = contextStart > 0;
            var closesLine = inParenthesis && line[(contextStart + context.Length + 1)..].Trim().Trim('.', ';', ',').Length == 0;
            var contextWords = context.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            if (closesLine && (cued || contextWords <= 2)) return match.Form.Name;
        }
        return null;
    }

    [GeneratedRegex(@"^(?<name>\p{Lu}[\p{L}.’'\- ]{0,40}?)\s*/\s*(?<initials>\p{Lu}\.(?:-?\p{Lu}\.){0,3}(?:\s*/\s*\p{Lu}\.(?:-?\p{Lu}\.){0,3})*)\s*$")]
    private static partial Regex InitialsCredit();

    [GeneratedRegex(@"^\(?\s*(?<cue>[\p{L}©][\p{L} ]{0,30}?)\s*:?\s+(?<name>\p{Lu}[\p{L}’'\-]*(?: \p{Lu}[\p{L}’'\-]*){0,3})\s*[.)]?")]
    private static partial Regex CuedName();

    /// <summary>
    /// An agency the data does not list, credited where only an agency can stand: "Meridien/J.L." when the dateline or an
    /// agency word names it, "(avec Agence Kestria)", "Source : Kestria News Agency", "Additional reporting by Kestria".
    /// The name must carry an agency word ("Agence", "Agency"), be the dateline's agency, or be a single word closing a
    /// reporting credit, so "(avec Jean Dupont)" is not taken.
    /// </summary>
    private string? UnknownAgencyCredit(string line, Dateline? dateline, string? language)
    {
        var initials = InitialsCredit().Match(line);
        var name = initials.Success ? initials.Groups["name"].Value.Trim() : null;
        var byReporting = false;
        if (name is null)
        {
            var cued = CuedName().Match(line);
            if (!cued.Success) return null;
            var cue = SegmentationRules.Normalise(cued.Groups["cue"].Value);
            byReporting = cues.Byline.Contains(cue);
            if (!cues.Agency.Contains(cue) && !byReporting) return null;
            name = cued.Groups["name"].Value;
        }
        if (sources.Exactly(name, language) is { Kind: SourceKind.Agency } known) return known.Name;
        if (dateline?.Agency is { } wire && (wire == name || wire.EndsWith(" " + name, StringComparison.Ordinal))) return wire;
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!IsProperName(name, maxWords: 5)) return null;
        if (words.Any(w => cues.AgencyWords.Contains(SegmentationRules.Normalise(w)))) return name;
        // "Additional reporting by Northwire": credits name people in full, so one word after a reporting cue is an organisation.
        return byReporting && words.Length == 1 && line.TrimEnd().TrimEnd('.', ')').EndsWith(name, StringComparison.Ordinal) ? name : null;
    }

    /// <summary>
    /// One to <paramref name="maxWords"/> words of letters (and ' - .), no digits; the first and last capitalised, the
    /// others too unless they are short linking words ("Le Courrier du Val", "L'Écho de la Combrelle").
    /// </summary>
    private bool IsProperName(string text, int maxWords)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 1 || words.Length > maxWords) return false;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (!word.All(c => char.IsLetter(c) || c is '-' or '\'' or '’' or '.')) return false;
            if (char.IsUpper(word[0])) continue;
            var linking = cues.Particles.Contains(SegmentationRules.Normalise(word)) || word.Length <= 3;
            if (i == 0 || i == words.Length - 1 || !linking) return false;
        }
        return true;
    }

    /// <summary>Whether the last word of <paramref name="lowerBefore"/> is an elision ("l'") or a stop word of the language.</summary>
    private static bool IsAfterFunctionWord(string lowerBefore, string? language)
    {
        var trimmed = lowerBefore.TrimEnd();
        if (trimmed.Length == 0) return false;
        if (Tokenizer.IsApostrophe(trimmed[^1])) return true;
        var start = trimmed.Length;
        while (start > 0 && char.IsLetter(trimmed[start - 1])) start--;
        var word = trimmed[start..];
        if (word.Length == 0) return false;
        var stopwords = language is null ? null : StopWords.GetOrAdd(language, code => LanguageResources.For(code).Set("stopwords"));
        return stopwords?.Contains(word) == true;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, HashSet<string>> StopWords = new();

    /// <summary>Short lines, plus parentheses closing the last body paragraphs ("… (avec AFP)").</summary>
    private static IEnumerable<string> CreditCandidates(Document document, List<Line> lines)
    {
        foreach (var line in lines)
            if (!line.IsHeading) yield return line.Text;
        foreach (var closing in TrailingParentheses(document)) yield return closing;
    }

    /// <summary>
    /// The parenthesis that ends a body paragraph, last paragraph first: credits close a dispatch, and uncleaned pages may
    /// leave furniture after them. Prose puts a period after a closing parenthesis, so these are rare in the body.
    /// </summary>
    private static IEnumerable<string> TrailingParentheses(Document document)
    {
        foreach (var paragraph in document.Paragraphs.Where(p => p.Role == ParagraphRole.Body).Reverse())
        {
            var text = document.Slice(paragraph).TrimEnd();
            if (!text.EndsWith(')')) continue;
            var open = text.LastIndexOf('(');
            if (open >= 0) yield return text[open..];
        }
    }

    /// <summary>The parenthesis around <paramref name="at"/> if any, else the whole line.</summary>
    private static (string Text, int Start) Enclosing(string line, int at)
    {
        var open = line.LastIndexOf('(', at);
        var close = open >= 0 ? line.IndexOf(')', open) : -1;
        if (open >= 0 && close > at) return (line[(open + 1)..close], open + 1);
        return (line, 0);
    }

    [GeneratedRegex(@"^[—–-]\s*(?<name>[^()@\n]{2,60}?)\s*\((?<handle>@\w{1,30})\)")]
    private static partial Regex EmbedSignature();

    private void SetOutlet(Document document, SourceFields fields, List<Line> lines, Dateline? dateline, string? language)
    {
        var metadata = document.Metadata;
        if (metadata.Outlet is not null) return;
        if (!string.IsNullOrWhiteSpace(fields.Outlet))
        {
            // A feed's title may carry a tagline: "RTN Info – Toute l'actualité".
            metadata.Outlet = FirstField(fields.Outlet.Trim());
            return;
        }
        if (metadata.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && sources.ForHost(uri.Host, language) is { } byHost)
        {
            metadata.Outlet = byHost.Name;
            return;
        }

        // Page furniture: "Commenter via Sputnik", "Suivez RT France sur Twitter", "© RT France".
        foreach (var line in lines)
        {
            var lower = line.Text.ToLowerInvariant();
            foreach (var match in sources.FindAll(line.Text, language, SourceKind.Outlet))
            {
                var before = lower[..match.Start].TrimEnd();
                if (cues.Widget.Concat(cues.Agency).Any(c => before.EndsWith(c, StringComparison.Ordinal)
                        && (before.Length == c.Length || !char.IsLetter(before[^(c.Length + 1)]) || !char.IsLetter(c[0]))))
                {
                    metadata.Outlet = match.Form.Name;
                    return;
                }
            }
        }

        // An embedded post signed by the outlet itself: "— RT France (@RTenfrancais) 17 novembre 2015".
        foreach (var line in lines)
        {
            var signature = EmbedSignature().Match(line.Text);
            if (!signature.Success) continue;
            var known = sources.Exactly(signature.Groups["handle"].Value, language) ?? sources.Exactly(signature.Groups["name"].Value, language);
            if (known is { Kind: SourceKind.Outlet })
            {
                metadata.Outlet = known.Name;
                return;
            }
        }

        // A dispatch that nothing else claims is the wire's own copy: "MOSCOU, 20 novembre (Reuters) -".
        if (dateline?.Agency is { } wire)
        {
            metadata.Outlet = wire;
            return;
        }

        // Cleaning cuts the site's name off the page title and keeps it aside as "site-name".
        foreach (var removed in document.Removed)
        {
            var name = removed.Text.Trim();
            if (removed.Reason != "site-name" || !IsProperName(name, maxWords: 4)) continue;
            metadata.Outlet = sources.Exactly(name, language)?.Name ?? name;
            return;
        }

        // Page titles end with the site's name: "Procès de l'ancien maire … | Médiapulse" (the title, or a title line
        // among the first lines of the page when cleaning did not take it for the title).
        var heads = new[] { metadata.Title }.Concat(lines.Where(l => !l.Removed && l.Paragraph < 3).Select(l => l.Text));
        foreach (var head in heads)
        {
            if (head is null || head.LastIndexOf(" | ", StringComparison.Ordinal) is not (var bar and > 0)) continue;
            var suffix = head[(bar + 3)..].Trim();
            if (!IsProperName(suffix, maxWords: 4) || head[..bar].Split(' ').Length < 3) continue;
            metadata.Outlet = sources.Exactly(suffix, language)?.Name ?? suffix;
            return;
        }
    }

    // ---- Authors ---------------------------------------------------------------------------------------------

    private void SetAuthors(Document document, SourceFields fields, List<Line> lines, Dateline? dateline, string? language)
    {
        var authors = document.Metadata.Authors;
        foreach (var author in fields.Authors)
            if (!string.IsNullOrWhiteSpace(author) && !authors.Contains(author.Trim())) authors.Add(author.Trim());
        if (authors.Count > 0) return;

        var candidates = new List<string>();
        foreach (var line in lines)
        {
            var text = line.Text;
            if (text.StartsWith('(') && text.EndsWith(')')) candidates.Add(text[1..^1]);
            else if (StripByline(FirstField(text)) is { } afterCue) candidates.Add(afterCue);
        }
        foreach (var closing in TrailingParentheses(document)) candidates.Add(closing[1..^1]);

        foreach (var candidate in candidates)
        {
            if (ParseNames(candidate) is not { Count: > 0 } names) continue;
            foreach (var name in names)
                if (!authors.Contains(name)) authors.Add(name);
            return;
        }

        // Wire credits sign with initials after the agency: "AFP/M.R.", "Meridien/J.L./C.M.".
        foreach (var line in lines)
        {
            var credit = InitialsCredit().Match(line.Text);
            if (!credit.Success) continue;
            var agency = credit.Groups["name"].Value.Trim();
            var isAgency = sources.Exactly(agency, language) is { Kind: SourceKind.Agency }
                || document.Metadata.Agency is { } known && (known == agency || known.EndsWith(" " + agency, StringComparison.Ordinal));
            if (!isAgency) continue;
            foreach (var initials in credit.Groups["initials"].Value.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (!authors.Contains(initials)) authors.Add(initials);
            return;
        }
    }

    /// <summary>"Par Jean Dupont" → "Jean Dupont"; null when the line does not open with a byline cue.</summary>
    private string? StripByline(string line)
    {
        var lower = line.ToLowerInvariant();
        foreach (var cue in cues.Byline)
            if (lower.StartsWith(cue + " ", StringComparison.Ordinal)) return line[(cue.Length + 1)..].Trim();
        return null;
    }

    [GeneratedRegex(@"\s*;\s*|\s*,\s*")]
    private static partial Regex ListSeparator();

    /// <summary>
    /// "Vladimir Soldatkine, Dmitri Antonov et John Davison; Danielle Rouquié pour le service français" → four names.
    /// Every part must be a name (after a cue such as "reporting by" is dropped and a role such as "pour …" cut off),
    /// otherwise the text is not a credit and nothing is returned.
    /// </summary>
    public List<string>? ParseNames(string text)
    {
        var names = new List<string>();
        foreach (var piece in ListSeparator().Split(text.Trim()))
        {
            foreach (var raw in SplitOnJoiners(piece))
            {
                var part = raw.Trim();
                if (part.Length == 0) continue;
                if (StartsWithAny(part, cues.Editor)) continue; // "Editing by …": editors are not authors
                part = StripByline(part) ?? part;
                part = StripLeadingRole(part);
                part = CutAtRole(part);
                if (!IsPersonName(part)) return null;
                names.Add(part);
            }
        }
        return names;
    }

    private IEnumerable<string> SplitOnJoiners(string piece)
    {
        var words = piece.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string>();
        foreach (var word in words)
        {
            if ((cues.Joiners.Contains(word.ToLowerInvariant()) || word == "&") && current.Count > 0)
            {
                yield return string.Join(' ', current);
                current.Clear();
                continue;
            }
            current.Add(word);
        }
        if (current.Count > 0) yield return string.Join(' ', current);
    }

    private static bool StartsWithAny(string part, List<string> cueList)
    {
        var lower = part.ToLowerInvariant();
        return cueList.Any(c => lower.StartsWith(c + " ", StringComparison.Ordinal));
    }

    private string StripLeadingRole(string part)
    {
        var lower = part.ToLowerInvariant();
        foreach (var cue in cues.Role)
            if (cue.Contains(' ') && lower.StartsWith(cue + " ", StringComparison.Ordinal)) return part[(cue.Length + 1)..].Trim();
        return part;
    }

    private string CutAtRole(string part)
    {
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < words.Length; i++)
        {
            var rest = string.Join(' ', words[i..]).ToLowerInvariant();
            if (cues.Role.Any(c => rest == c || rest.StartsWith(c + " ", StringComparison.Ordinal)))
                return string.Join(' ', words[..i]);
        }
        return part;
    }

    /// <summary>Two to five words, capitalised except for name particles ("de", "van"), letters only (and ' - .).</summary>
    private bool IsPersonName(string part)
    {
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 5) return false;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (!word.All(c => char.IsLetter(c) || c is '-' or '\'' or '’' or '.')) return false;
            if (char.IsUpper(word[0])) continue;
            if (i > 0 && i < words.Length - 1 && cues.Particles.Contains(SegmentationRules.Normalise(word))) continue;
            return false;
        }
        // All-capital words of two or more letters are acronyms (agencies, parties), not given names and surnames.
        return words.Count(w => w.Length > 1 && w.Where(char.IsLetter).All(char.IsUpper)) < words.Length;
    }
}
