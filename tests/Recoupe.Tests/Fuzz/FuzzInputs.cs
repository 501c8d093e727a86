using System.IO.Compression;
using System.Text;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Fuzz;

/// <summary>Which reader an input is meant for; the hint (a file name) given with it says so.</summary>
public enum FuzzFormat { Text, Html, JsonLines, Feed }

/// <summary>One generated input: its bytes, the name hint that picks the reader, and what made it (printed on failure).</summary>
public sealed record FuzzCase(byte[] Bytes, string Hint, string Recipe);

/// <summary>
/// Seeded inputs for the fuzz harness: real inputs (the samples, and ../shared/seeds when present) mutated, and hostile
/// shapes (deep nesting, huge single tokens, gzip bombs, lone surrogates, NULs, mixed encodings). The same seed gives
/// the same cases on any machine.
/// </summary>
public sealed class FuzzInputs(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly Lazy<Dictionary<FuzzFormat, List<byte[]>>> Seeds = new(LoadSeeds);

    private static Dictionary<FuzzFormat, List<byte[]>> LoadSeeds()
    {
        var seeds = Enum.GetValues<FuzzFormat>().ToDictionary(f => f, _ => new List<byte[]>());
        var files = Directory.EnumerateFiles(Path.Combine(SharedData.SamplesDir, "articles"), "*", SearchOption.AllDirectories).ToList();
        if (SharedData.Find("seeds") is { } shared) files.AddRange(Directory.EnumerateFiles(shared, "*.txt"));
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var name = file.EndsWith(".gz", StringComparison.Ordinal) ? file[..^3] : file;
            FuzzFormat? format = Path.GetExtension(name) switch
            {
                ".txt" => FuzzFormat.Text,
                ".html" or ".htm" => FuzzFormat.Html,
                ".jsonl" => FuzzFormat.JsonLines,
                ".rss" or ".atom" => FuzzFormat.Feed,
                _ => null,
            };
            if (format is null) continue;
            var bytes = File.ReadAllBytes(file);
            if (file.EndsWith(".gz", StringComparison.Ordinal)) bytes = Gunzip(bytes);
            seeds[format.Value].Add(bytes);
        }
        return seeds;
    }

    public static string HintFor(FuzzFormat format) => format switch
    {
        FuzzFormat.Text => "article.txt",
        FuzzFormat.Html => "page.html",
        FuzzFormat.JsonLines => "articles.jsonl",
        _ => "feed.rss",
    };

    /// <summary>The next case for a reader: most are mutated real inputs, some hostile shapes; some come gzipped.</summary>
    public FuzzCase Next(FuzzFormat format, bool gzip)
    {
        var (bytes, recipe) = _random.Next(4) == 0 ? Hostile(format) : Mutated(format);
        var hint = HintFor(format);
        if (gzip)
        {
            bytes = Gzip(bytes);
            hint += ".gz";
            recipe = "gzip(" + recipe + ")";
        }
        return new FuzzCase(bytes, hint, recipe);
    }

    /// <summary>A gzip bomb: a small member that inflates to tens of megabytes of one shape.</summary>
    public FuzzCase Bomb(FuzzFormat format)
    {
        var size = _random.Next(20, 80) * 1024 * 1024;
        var (head, tail) = format switch
        {
            FuzzFormat.Feed => ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>B</title><description>", "</description></item></channel></rss>"),
            FuzzFormat.JsonLines => ("{\"title\": \"B\", \"text\": \"", "\"}\n"),
            FuzzFormat.Html => ("<html><body><p>", "</p></body></html>"),
            _ => ("Titre\n\n", "\n"),
        };
        var bomb = GzipBombs.Of(head, size, tail, (byte)"a <b"[_random.Next(format == FuzzFormat.Html ? 4 : 2)]);
        return new FuzzCase(bomb, HintFor(format) + ".gz", $"bomb {format} {size / (1024 * 1024)} MB");
    }

    private (byte[] Bytes, string Recipe) Mutated(FuzzFormat format)
    {
        var seeds = Seeds.Value[format];
        var bytes = seeds[_random.Next(seeds.Count)].ToList();
        var steps = new List<string>();
        var count = 1 + _random.Next(6);
        for (var i = 0; i < count; i++) steps.Add(Mutate(bytes, format));
        return (bytes.ToArray(), $"{format} seed, {string.Join(", ", steps)}");
    }

    private static readonly string[] Splices =
    [
        "\0", "\\ud800", "\\udc00\\ud800", "\uFEFF", "\r", "\r\n", "\u2028", "\u0085", "\x1B[2J", "\u0007",
        "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "&a;", "&amp;", "&#0;", "&#xD800;", "<", ">", "</", "/>",
        "<item>", "</item>", "<entry>", "<div>", "</p><p>", "<script>", "<!--", "-->", "{", "}", "[", "]", "\"", "\\", ":", ",",
        "\"text\": [1, 2]", "\"title\": true", "\"title\": null", "\"authors\": {\"x\": 1}", "null", "1e400",
        "«", "»", "\u00A0", "\u202F", "M.", "Mme", "a déclaré", "said", "« Nous ", " », a dit Odile Fermat.", "1,5 million d'euros", "42 %",
    ];

    private string Mutate(List<byte> bytes, FuzzFormat format)
    {
        var at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count + 1);
        switch (_random.Next(9))
        {
            case 0: // flip a byte
                if (bytes.Count == 0) goto default;
                at = Math.Min(at, bytes.Count - 1);
                bytes[at] = (byte)_random.Next(256);
                return $"byte {at}";
            case 1: // cut the tail
                var keep = _random.Next(bytes.Count + 1);
                bytes.RemoveRange(keep, bytes.Count - keep);
                return $"cut at {keep}";
            case 2: // a raw invalid UTF-8 byte or a Windows-1252 letter
                bytes.Insert(at, (byte)(_random.Next(2) == 0 ? 0xE9 : 0x80 + _random.Next(64)));
                return $"raw byte at {at}";
            case 3: // repeat a slice many times (grows inputs, repeats names and roles)
                if (bytes.Count == 0) goto default;
                var from = _random.Next(bytes.Count);
                var length = Math.Min(bytes.Count - from, 1 + _random.Next(400));
                var times = 1 + _random.Next(_random.Next(10) == 0 ? 2000 : 20);
                var slice = bytes.GetRange(from, length);
                for (var i = 0; i < times; i++) bytes.InsertRange(at, slice);
                return $"slice {from}+{length} x{times}";
            case 4: // delete a span
                if (bytes.Count == 0) goto default;
                var start = _random.Next(bytes.Count);
                var span = Math.Min(bytes.Count - start, 1 + _random.Next(200));
                bytes.RemoveRange(start, span);
                return $"delete {start}+{span}";
            case 5: // nesting at a random point
                var depth = 1 + _random.Next(_random.Next(5) == 0 ? 20_000 : 300);
                var (open, close) = format switch
                {
                    FuzzFormat.JsonLines => ("{\"a\":", "}"),
                    FuzzFormat.Text => ("(", ")"),
                    _ => ("<div>", "</div>"),
                };
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Repeat(open, depth) + "x" + Repeat(close, depth)));
                return $"nest {depth} at {at}";
            case 6: // text in another encoding
                var latin = Encoding.Latin1.GetBytes("Réunion à Pénestin : « été » — coût 3 €");
                bytes.InsertRange(at, latin);
                return $"latin-1 at {at}";
            default: // a hostile token
                var token = Splices[_random.Next(Splices.Length)];
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(token));
                return $"splice {Escape(token)} at {at}";
        }
    }

    private (byte[] Bytes, string Recipe) Hostile(FuzzFormat format)
    {
        var size = _random.Next(10) == 0 ? _random.Next(1, 4) * 1024 * 1024 : _random.Next(1, 256) * 1024;
        var shape = _random.Next(4);
        string body = shape switch
        {
            0 => Words(size, punctuation: false),
            1 => new string((char)('a' + _random.Next(26)), size),
            2 => Names(size),
            _ => Words(size, punctuation: true),
        };
        var shapeName = shape switch { 0 => "paragraph without punctuation", 1 => "single token", 2 => "names and roles", _ => "long paragraph" };
        string text = format switch
        {
            FuzzFormat.Html => $"<html><body><article><h1>Titre</h1><p>{body}</p></article></body></html>",
            FuzzFormat.JsonLines => $"{{\"title\": \"Titre\", \"text\": \"{body}\"}}\n",
            FuzzFormat.Feed => $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>Titre</title><description>{body}</description></item></channel></rss>",
            _ => "Titre\n\n" + body + "\n",
        };
        return (Encoding.UTF8.GetBytes(text), $"{format} {shapeName} {size / 1024} KB");
    }

    private static readonly string[] Vocabulary =
    [
        "le", "la", "de", "des", "port", "maire", "ministre", "député", "il", "elle", "conseil", "région", "travaux", "pont",
        "marée", "habitants", "hausse", "a", "déclaré", "selon", "préfecture", "société", "groupe", "the", "minister", "said",
    ];

    private static readonly string[] People = ["Odile Fermat", "Fermat", "M. Lestrade", "Jean Belkacem", "Paul Belkacem", "Belkacem", "Air Solenne", "Mme Liang"];

    private string Words(int size, bool punctuation)
    {
        var text = new StringBuilder(size + 32);
        while (text.Length < size)
        {
            text.Append(Vocabulary[_random.Next(Vocabulary.Length)]);
            text.Append(punctuation && _random.Next(12) == 0 ? ". " : " ");
        }
        return text.ToString();
    }

    private string Names(int size)
    {
        var text = new StringBuilder(size + 32);
        while (text.Length < size)
        {
            text.Append(_random.Next(3) == 0 ? People[_random.Next(People.Length)] : Vocabulary[_random.Next(Vocabulary.Length)]);
            text.Append(' ');
        }
        return text.ToString();
    }

    private static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();

    private static string Escape(string token) =>
        string.Concat(token.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString()));

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest)) gz.Write(bytes);
        return output.ToArray();
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
