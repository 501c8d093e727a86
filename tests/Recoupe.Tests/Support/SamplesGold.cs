using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Recoupe.Core.Model;

namespace Recoupe.Tests.Support;

/// <summary>
/// The gold annotations of the bundled sample corpus (samples/gold.json, schema in samples/README.md),
/// plus the helpers that find an article's raw content and compare gold snippets with it.
/// </summary>
public static partial class SamplesGold
{
    private static readonly Lazy<SamplesGoldFile> Cached = new(() => Load(Path.Combine(SharedData.SamplesDir, "gold.json")));

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    static SamplesGold() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>samples/gold.json, read once.</summary>
    public static SamplesGoldFile Load() => Cached.Value;

    public static SamplesGoldFile Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<SamplesGoldFile>(stream, Options)
               ?? throw new InvalidDataException($"{path}: empty gold file");
    }

    /// <summary>The article with this gold id.</summary>
    public static GoldArticle Article(string id) =>
        Load().Articles.SingleOrDefault(a => a.Id == id) ?? throw new KeyNotFoundException($"no sample article with id '{id}'");

    public static string FullPath(GoldArticle article) => Path.Combine(SharedData.SamplesDir, article.File);

    /// <summary>
    /// The raw content this article was given as, decoded to text: the whole .txt file; the whole HTML page (gunzipped,
    /// decoded with its declared encoding); for JSONL the record's title, heading and text joined by blank lines;
    /// for a feed the item's or entry's markup.
    /// </summary>
    public static string RawText(GoldArticle article)
    {
        var path = FullPath(article);
        switch (article.Format)
        {
            case GoldFormat.Text:
                return File.ReadAllText(path, Encoding.UTF8);
            case GoldFormat.Html:
            {
                var bytes = File.ReadAllBytes(path);
                if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
                {
                    using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                    using var plain = new MemoryStream();
                    gz.CopyTo(plain);
                    bytes = plain.ToArray();
                }
                return Encoding.GetEncoding(article.Encoding ?? "utf-8").GetString(bytes);
            }
            case GoldFormat.Jsonl:
            {
                var line = File.ReadLines(path, Encoding.UTF8).ElementAtOrDefault((article.Line ?? 0) - 1)
                           ?? throw new InvalidDataException($"{article.File}: no line {article.Line}");
                using var record = JsonDocument.Parse(line);
                string Field(string name) => record.RootElement.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";
                return Field("title") + "\n\n" + Field("heading") + "\n\n" + Field("text");
            }
            case GoldFormat.Rss:
            case GoldFormat.Atom:
            {
                var pattern = article.Format == GoldFormat.Rss ? RssItem() : AtomEntry();
                var items = pattern.Matches(File.ReadAllText(path, Encoding.UTF8));
                var index = (article.Item ?? 0) - 1;
                if (index < 0 || index >= items.Count)
                    throw new InvalidDataException($"{article.File}: no item {article.Item} (the feed has {items.Count})");
                return items[index].Value;
            }
            default:
                throw new InvalidDataException($"{article.Id}: unknown format {article.Format}");
        }
    }

    /// <summary>
    /// The text gold snippets are looked for in: the raw text with markup removed and entities decoded (twice, for
    /// feeds whose HTML is escaped) for HTML and feeds, and every run of white space (no-break spaces included) as one space.
    /// </summary>
    public static string SearchableText(GoldArticle article)
    {
        var raw = RawText(article);
        if (article.Format is GoldFormat.Html or GoldFormat.Rss or GoldFormat.Atom)
        {
            for (var pass = 0; pass < 2; pass++)
                raw = WebUtility.HtmlDecode(Tag().Replace(raw, ""));
        }
        return CollapseSpace(raw);
    }

    /// <summary>A gold snippet as it should appear in <see cref="SearchableText"/> (mojibake applied when the file carries it).</summary>
    public static string SearchableSnippet(GoldArticle article, string snippet) =>
        CollapseSpace(article.Mojibake ? Mojibake(snippet) : snippet);

    /// <summary>Every run of white space, no-break spaces included, as one ASCII space; trimmed.</summary>
    public static string CollapseSpace(string text) => Space().Replace(text, " ").Trim();

    /// <summary>What UTF-8 text looks like when its bytes are read as Windows-1252 ("é" → "Ã©").</summary>
    public static string Mojibake(string text) => Encoding.GetEncoding(1252).GetString(Encoding.UTF8.GetBytes(text));

    /// <summary>How many times a snippet occurs in the article's searchable text (non-overlapping).</summary>
    public static int CountIn(GoldArticle article, string searchable, string snippet)
    {
        var needle = SearchableSnippet(article, snippet);
        if (needle.Length == 0) return 0;
        var count = 0;
        for (var at = searchable.IndexOf(needle, StringComparison.Ordinal); at >= 0;
             at = searchable.IndexOf(needle, at + needle.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    [GeneratedRegex(@"<item\b.*?</item>", RegexOptions.Singleline)]
    private static partial Regex RssItem();

    [GeneratedRegex(@"<entry\b.*?</entry>", RegexOptions.Singleline)]
    private static partial Regex AtomEntry();
}

public enum GoldFormat { Text, Html, Jsonl, Rss, Atom }

public enum GoldQuoteKind { Direct, Partial, Indirect, NotQuote }

public enum GoldEntityType { Person, Organisation, Place }

public sealed record SamplesGoldFile
{
    public int Schema { get; init; }
    public string About { get; init; } = "";
    /// <summary>Story label → one-line description.</summary>
    public IReadOnlyDictionary<string, string> Stories { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<GoldDivergence> Divergences { get; init; } = [];
    public IReadOnlyList<GoldArticle> Articles { get; init; } = [];
}

public sealed record GoldArticle
{
    /// <summary>The gold key (also what <see cref="CopyOf"/> and divergences refer to).</summary>
    public required string Id { get; init; }
    /// <summary>Path relative to samples/.</summary>
    public required string File { get; init; }
    /// <summary>1-based line, for JSONL.</summary>
    public int? Line { get; init; }
    /// <summary>1-based item or entry index, for feeds.</summary>
    public int? Item { get; init; }
    public GoldFormat Format { get; init; }
    public required string Title { get; init; }
    public required string Language { get; init; }
    public required string Outlet { get; init; }
    public string? Agency { get; init; }
    /// <summary>ISO date ("2026-03-10") or local date and time ("2026-03-10T07:52") as the source states it.</summary>
    public required string Published { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string? Story { get; init; }
    public string? CopyOf { get; init; }
    public string? Url { get; init; }
    public string? Dateline { get; init; }
    /// <summary>The file's encoding when not UTF-8 (e.g. "windows-1252").</summary>
    public string? Encoding { get; init; }
    /// <summary>The file holds the text as UTF-8 bytes read as Windows-1252; gold snippets are the repaired text.</summary>
    public bool Mojibake { get; init; }
    /// <summary>Paragraphs of the article's own text after the title (lead, intertitles and body paragraphs).</summary>
    public int Paragraphs { get; init; }
    public int Words { get; init; }
    public IReadOnlyList<string> Keep { get; init; } = [];
    public IReadOnlyList<string> Once { get; init; } = [];
    public IReadOnlyList<string> Drop { get; init; } = [];
    public IReadOnlyList<GoldQuote> Quotes { get; init; } = [];
    public IReadOnlyList<GoldFigure> Figures { get; init; } = [];
    public IReadOnlyList<GoldEntity> Entities { get; init; } = [];

    public InputFormat InputFormat => Format switch
    {
        GoldFormat.Text => InputFormat.Text,
        GoldFormat.Html => InputFormat.Html,
        GoldFormat.Jsonl => InputFormat.JsonLines,
        GoldFormat.Rss => InputFormat.Rss,
        _ => InputFormat.Atom,
    };

    /// <summary>The source suffix readers use for one record of a multi-article file: ":line N", "#item N", or "".</summary>
    public string SourceSuffix => Line is { } line ? $":line {line}" : Item is { } item ? $"#item {item}" : "";
}

public sealed record GoldQuote(string Text, string? Speaker, GoldQuoteKind Kind);

public sealed record GoldFigure
{
    /// <summary>The number exactly as written ("4 300", "sept", "15 millions d'euros").</summary>
    public required string Text { get; init; }
    public decimal Value { get; init; }
    public string? Unit { get; init; }
    public string? Counts { get; init; }
    public string? Qualifier { get; init; }
    public string? Scope { get; init; }
    public string? ClaimedBy { get; init; }
    /// <summary>A longer exact snippet around <see cref="Text"/> when the text alone is ambiguous in the article.</summary>
    public string? Context { get; init; }
}

public sealed record GoldEntity(string Name, GoldEntityType Type, IReadOnlyList<string>? Mentions = null);

public sealed record GoldDivergence
{
    public required string Story { get; init; }
    /// <summary>"figure" or "quote".</summary>
    public required string Kind { get; init; }
    /// <summary>True for a real disagreement between sources; false for look-alikes that must not be reported as one.</summary>
    public bool Conflict { get; init; }
    public string What { get; init; } = "";
    public string Why { get; init; } = "";
    public IReadOnlyList<GoldDivergenceItem> Items { get; init; } = [];
}

public sealed record GoldDivergenceItem(string Article, string Text, string? ClaimedBy = null, string? Scope = null, string? Speaker = null);
