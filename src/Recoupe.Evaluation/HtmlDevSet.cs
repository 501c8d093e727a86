using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Recoupe.Core.Html;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Evaluation;

/// <summary>What a dev page's expected-metadata.json says (null: not given, so not scored).</summary>
public sealed record HtmlDevMetadata(string? Title, string? Byline, string? Language, string? SiteName, string? Published);

/// <summary>One page of an html-readability-dev-shaped folder: <c>pages/NAME/source.html[.gz]</c>, expected.txt, expected-metadata.json.</summary>
public sealed record HtmlDevPage(string Name, string Html, string Expected, HtmlDevMetadata Metadata)
{
    /// <summary>True for the pages set aside to check tuning (see <see cref="HtmlDevSet.IsFrozen"/>).</summary>
    public bool Frozen => HtmlDevSet.IsFrozen(Name);
}

/// <summary>
/// One scored page: token F1 (null when the expected text is empty), the refusal if any, each metadata match, and for
/// each metadata field that missed, what was found and what was expected.
/// </summary>
public sealed record HtmlDevResult(
    string Name, bool Frozen, double? F1, string? Refusal, double Confidence, IReadOnlyList<string> Warnings,
    IReadOnlyDictionary<string, bool> Metadata, IReadOnlyList<HtmlDevMiss> Misses);

/// <summary>A metadata field that did not match: the extractor's value (null: none) and the expected one.</summary>
public sealed record HtmlDevMiss(string Field, string? Got, string Expected);

/// <summary>Figures over a set of pages: mean token F1, refusals of pages with expected text, and metadata right / given.</summary>
public sealed record HtmlDevSummary(string Split, int Pages, int Scored, double MeanF1, int Refusals, IReadOnlyDictionary<string, (int Right, int Given)> Metadata)
{
    public double Share(string field) => Metadata.TryGetValue(field, out var m) && m.Given > 0 ? (double)m.Right / m.Given : 1;

    public string Line() =>
        string.Create(CultureInfo.InvariantCulture, $"{Split,-7} {Pages,3} pages  mean token F1 {MeanF1:F3} over {Scored}  refused {Refusals}  ") +
        string.Join("  ", HtmlDevSet.Fields.Select(f => $"{f} {Metadata[f].Right}/{Metadata[f].Given}"));
}

/// <summary>
/// Scores the HTML extractor on a folder laid out as <c>html-readability-dev</c>, as its <c>score.py</c> does: per page,
/// bag-of-words F1 against expected.txt (words are runs of Unicode letters, digits and underscores after NFKC (full-width
/// forms folded by hand: see <see cref="FoldWidth"/>) and
/// lower-casing; pages with empty expected text are skipped), averaged over pages; title, byline (authors joined by
/// ", "), site name: equal ignoring case and runs of white space; language: same first two letters; published time: the
/// same instant (or the same clock time when either side gives no offset).
/// <para>
/// The set is split once for all by a rule that does not look at the pages: a page is in the frozen split when the
/// FNV-1a hash (32 bits) of its name's UTF-8 bytes is divisible by 3 (about a third). Tuning looks only at the other
/// split's failures; the frozen split tells whether a change was general.
/// </para>
/// </summary>
public static class HtmlDevSet
{
    public static readonly string[] Fields = ["title", "byline", "lang", "siteName", "published"];

    public static bool IsFrozen(string name)
    {
        return StableHash.Fnv32(Encoding.UTF8.GetBytes(name)) % 3 == 0;
    }

    /// <summary>True when <paramref name="folder"/> is laid out as html-readability-dev (a pages/ folder of page folders).</summary>
    public static bool IsDevFolder(string folder) => Directory.Exists(Path.Combine(folder, "pages"));

    public static List<HtmlDevPage> Load(string folder)
    {
        var pages = new List<HtmlDevPage>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(folder, "pages")).OrderBy(d => d, StringComparer.Ordinal))
            if (LoadPage(dir) is { } page) pages.Add(page);
        return pages;
    }

    /// <summary>One page folder (pages/NAME), or null when it lacks its source or expected text.</summary>
    public static HtmlDevPage? LoadPage(string dir)
    {
        var source = new[] { "source.html.gz", "source.html" }.Select(f => Path.Combine(dir, f)).FirstOrDefault(File.Exists);
        var expected = Path.Combine(dir, "expected.txt");
        if (source is null || !File.Exists(expected)) return null;
        var metadataPath = Path.Combine(dir, "expected-metadata.json");
        var metadata = File.Exists(metadataPath) ? ReadMetadata(File.ReadAllText(metadataPath)) : new HtmlDevMetadata(null, null, null, null, null);
        return new HtmlDevPage(Path.GetFileName(dir), HtmlCharset.Decode(ReadBytes(source)), File.ReadAllText(expected), metadata);
    }

    private static HtmlDevMetadata ReadMetadata(string json)
    {
        using var document = JsonDocument.Parse(json);
        string? Get(string key) => document.RootElement.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String &&
                                   !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString() : null;
        return new HtmlDevMetadata(Get("title"), Get("byline"), Get("lang"), Get("siteName"), Get("publishedTime"));
    }

    /// <summary>A page file's bytes, gunzipped when its name ends in .gz.</summary>
    public static byte[] ReadBytes(string file)
    {
        if (!file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) return File.ReadAllBytes(file);
        using var gz = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gz.CopyTo(memory);
        return memory.ToArray();
    }

    public static List<HtmlDevResult> Evaluate(IEnumerable<HtmlDevPage> pages) => pages.Select(Evaluate).ToList();

    public static HtmlDevResult Evaluate(HtmlDevPage page)
    {
        HtmlExtraction? extraction = null;
        string? refusal = null;
        try
        {
            extraction = HtmlArticleExtractor.Extract(page.Html);
        }
        catch (ArticleRejectedException rejected)
        {
            refusal = rejected.Message;
        }
        double? f1 = page.Expected.Trim().Length == 0 ? null : WordF1(extraction?.Text ?? "", page.Expected);
        var md = page.Metadata;
        var matches = new Dictionary<string, bool>();
        var misses = new List<HtmlDevMiss>();
        void Score(string field, string? expected, string? got, Func<string?, string, bool> same)
        {
            if (expected is null) return;
            matches[field] = same(got, expected);
            if (!matches[field]) misses.Add(new HtmlDevMiss(field, got, expected));
        }
        Score("title", md.Title, extraction?.Title, SameText);
        // Readability's byline is the credit as shown, which Byline holds; Authors holds the names alone.
        Score("byline", md.Byline, extraction?.Byline ?? (extraction is null ? null : string.Join(", ", extraction.Authors)), SameText);
        Score("lang", md.Language, extraction?.Language, SameLanguage);
        Score("siteName", md.SiteName, extraction?.Outlet, SameText);
        Score("published", md.Published, extraction?.Published?.ToString("o", CultureInfo.InvariantCulture),
            (got, want) => SameInstant(extraction?.Published, want));
        return new HtmlDevResult(page.Name, page.Frozen, f1, refusal, extraction?.Confidence ?? 0, extraction?.Warnings ?? [], matches, misses);
    }

    public static HtmlDevSummary Summarize(string split, IReadOnlyCollection<HtmlDevResult> results)
    {
        var scored = results.Where(r => r.F1 is not null).ToList();
        var metadata = Fields.ToDictionary(f => f, f =>
        {
            var given = results.Where(r => r.Metadata.ContainsKey(f)).ToList();
            return (given.Count(r => r.Metadata[f]), given.Count);
        });
        return new HtmlDevSummary(split, results.Count, scored.Count, scored.Count == 0 ? 0 : scored.Average(r => r.F1!.Value),
            scored.Count(r => r.Refusal is not null), metadata);
    }

    /// <summary>The whole set, then the tuning split, then the frozen split.</summary>
    public static List<HtmlDevSummary> Summaries(IReadOnlyCollection<HtmlDevResult> results) =>
    [
        Summarize("all", results),
        Summarize("tune", results.Where(r => !r.Frozen).ToList()),
        Summarize("frozen", results.Where(r => r.Frozen).ToList()),
    ];

    /// <summary>
    /// True when a title or byline miss is ours written as Readability writes it: the expected value holds ours whole
    /// (the &lt;title&gt; with the site's name after the headline, a byline line with its "By" and its date).
    /// </summary>
    public static bool WithinExpected(HtmlDevMiss miss) =>
        miss.Field is "title" or "byline" && Squeeze(miss.Got).Length > 0 && Squeeze(miss.Expected).Contains(Squeeze(miss.Got), StringComparison.Ordinal);

    /// <summary>Per split, how many title and byline misses are <see cref="WithinExpected"/> (a diagnostic beside score.py's figures).</summary>
    public static string WithinLine(string split, IEnumerable<HtmlDevResult> results)
    {
        var misses = results.SelectMany(r => r.Misses).Where(m => m.Field is "title" or "byline").ToList();
        string Count(string field) => $"{field} {misses.Count(m => m.Field == field && WithinExpected(m))}/{misses.Count(m => m.Field == field)}";
        return $"{split,-7} misses whose expected value holds ours whole: {Count("title")}  {Count("byline")}";
    }

    /// <summary>Bag-of-words F1 with score.py's words: runs of letters, digits and '_' after NFKC, lower-cased.</summary>
    public static double WordF1(string extracted, string expected)
    {
        var got = Words(extracted, out var gotCount);
        var want = Words(expected, out var wantCount);
        var common = 0;
        foreach (var (word, count) in got)
            if (want.TryGetValue(word, out var other)) common += Math.Min(count, other);
        var precision = (double)common / Math.Max(1, gotCount);
        var recall = (double)common / Math.Max(1, wantCount);
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    private static Dictionary<string, int> Words(string text, out int count)
    {
        var bag = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        var normalized = FoldWidth(text.Normalize(NormalizationForm.FormKC)).ToLowerInvariant();
        var word = new StringBuilder();
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (Rune.IsLetter(rune) || Rune.IsNumber(rune) || rune.Value == '_')
            {
                word.Append(rune.ToString());
                continue;
            }
            Flush();
        }
        Flush();
        count = total;
        return bag;

        void Flush()
        {
            if (word.Length == 0) return;
            var key = word.ToString();
            bag[key] = bag.GetValueOrDefault(key) + 1;
            total++;
            word.Clear();
        }
    }

    /// <summary>
    /// Full-width ASCII forms to ASCII: what NFKC does to them, done by hand because the project runs with invariant
    /// globalization, where normalization leaves non-ASCII text as it is.
    /// </summary>
    private static string FoldWidth(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\uFF01', '\uFF5E')) return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] is >= '\uFF01' and <= '\uFF5E') chars[i] = (char)(chars[i] - 0xFEE0);
        return new string(chars);
    }

    /// <summary>score.py's equality: ignoring case and runs of white space.</summary>
    public static bool SameText(string? got, string expected) => Squeeze(got) == Squeeze(expected);

    private static string Squeeze(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private static bool SameLanguage(string? got, string expected)
    {
        static string Two(string s) => s.Length <= 2 ? s.ToLowerInvariant() : s[..2].ToLowerInvariant();
        return Two(got ?? "") == Two(expected);
    }

    private static bool SameInstant(DateTime? got, string expected)
    {
        if (got is not { } value) return false;
        var hasOffset = HtmlMetadataReader.ParseDate(expected) is { Kind: DateTimeKind.Utc };
        if (!DateTimeOffset.TryParse(expected, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var wanted)) return false;
        // Either side without an offset: compare clock times.
        if (value.Kind != DateTimeKind.Utc || !hasOffset) return value == (hasOffset ? wanted.DateTime : wanted.UtcDateTime) || value == wanted.DateTime;
        return value == wanted.UtcDateTime;
    }
}
