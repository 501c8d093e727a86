using System.Text.Json;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Cleaning;

/// <summary>
/// The five seeds, cleaned, against gold/seeds-clean.json: the gold names raw line numbers and character ranges
/// only, the text is read from ../shared/seeds at test time.
/// </summary>
public sealed class SeedCleaningTests
{
    private static readonly JsonElement Gold = LoadGold();

    private static JsonElement LoadGold()
    {
        var path = Path.Combine(SharedData.RepoRoot, "gold", "seeds-clean.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("seeds").Clone();
    }

    public static TheoryData<string> SeedFiles()
    {
        var data = new TheoryData<string>();
        foreach (var seed in Gold.EnumerateObject()) data.Add(seed.Name);
        return data;
    }

    private sealed record Seed(string[] Lines, Document Document, string Flat);

    private static Seed Load(string file)
    {
        var path = Path.Combine(SharedData.Find("seeds")!, file);
        var text = File.ReadAllText(path);
        var raw = new RawArticle { Source = path, Format = InputFormat.Text, Raw = text };
        var document = DefaultPipeline.Create().Process(raw);
        var flat = Normalise(string.Join(" ", document.Paragraphs.Select(document.Slice)));
        return new Seed(text.Replace("\r\n", "\n").Split('\n'), document, flat);
    }

    /// <summary>White space (no-break spaces, tabs, line breaks) collapsed to single spaces, ends trimmed.</summary>
    internal static string Normalise(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('\u00A0', '\u202F')).Where(w => w.Length > 0));

    private static string Range(Seed seed, JsonElement item)
    {
        var line = seed.Lines[item.GetProperty("line").GetInt32() - 1];
        var start = item.TryGetProperty("start", out var s) ? s.GetInt32() : 0;
        var end = item.TryGetProperty("end", out var e) ? e.GetInt32() : line.Length;
        return Normalise(line[start..end]);
    }

    private static int Occurrences(string haystack, string needle)
    {
        var count = 0;
        for (var at = haystack.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(needle, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    [SharedTheory("seeds")]
    [MemberData(nameof(SeedFiles))]
    public void Keeps_every_body_line_in_full(string file)
    {
        var seed = Load(file);
        foreach (var item in Gold.GetProperty(file).GetProperty("body").EnumerateArray())
        {
            var body = Range(seed, item);
            seed.Flat.Should().Contain(body, $"line {item.GetProperty("line").GetInt32()} of {file} is article text");
        }
    }

    [SharedTheory("seeds")]
    [MemberData(nameof(SeedFiles))]
    public void Drops_the_noise(string file)
    {
        var seed = Load(file);
        var gold = Gold.GetProperty(file);
        var expected = gold.GetProperty("body").EnumerateArray().Select(b => Range(seed, b)).ToList();
        if (gold.GetProperty("title").ValueKind != JsonValueKind.Null) expected.Add(Range(seed, gold.GetProperty("title")));
        // Paragraphs that are not (part of) the title or body lines: each must not come from a noise line.
        var paragraphs = seed.Document.Paragraphs.Select(p => Normalise(seed.Document.Slice(p)))
            .Where(p => !expected.Any(e => e.Contains(p, StringComparison.Ordinal))).ToList();
        foreach (var item in gold.GetProperty("noise").EnumerateArray())
        {
            var noise = Range(seed, item);
            var where = $"line {item.GetProperty("line").GetInt32()} of {file}";
            if (noise.Length >= 12) seed.Flat.Should().NotContain(noise, $"{where} is noise");
            paragraphs.Should().NotContain(p => noise.Contains(p, StringComparison.Ordinal), $"no kept paragraph may come from the noise of {where}");
        }
    }

    [SharedTheory("seeds")]
    [MemberData(nameof(SeedFiles))]
    public void Keeps_a_repeated_paragraph_once(string file)
    {
        var seed = Load(file);
        var paragraphs = seed.Document.Paragraphs.Select(p => Normalise(seed.Document.Slice(p))).ToList();
        paragraphs.Should().OnlyHaveUniqueItems();
        if (!Gold.GetProperty(file).TryGetProperty("copyOf", out var copies)) return;
        foreach (var copy in copies.EnumerateArray())
        {
            var original = Normalise(seed.Lines[copy.GetProperty("of").GetInt32() - 1]);
            Normalise(seed.Lines[copy.GetProperty("line").GetInt32() - 1]).Should().Be(original, "the gold says the line is a copy");
            Occurrences(seed.Flat, original).Should().Be(1, $"line {copy.GetProperty("of").GetInt32()} of {file} is kept once");
        }
    }

    [SharedTheory("seeds")]
    [MemberData(nameof(SeedFiles))]
    public void Finds_the_title(string file)
    {
        var seed = Load(file);
        var titles = seed.Document.Paragraphs.Where(p => p.Role == ParagraphRole.Title).Select(p => seed.Document.Slice(p)).ToList();
        var gold = Gold.GetProperty(file).GetProperty("title");
        if (gold.ValueKind == JsonValueKind.Null)
        {
            titles.Should().BeEmpty($"{file} has no title line");
            return;
        }
        titles.Should().ContainSingle().Which.Should().Be(Range(seed, gold));
        seed.Document.Paragraphs[0].Role.Should().Be(ParagraphRole.Title, "the title opens the text");
    }

    [SharedTheory("seeds")]
    [MemberData(nameof(SeedFiles))]
    public void Records_what_it_removed_and_why(string file)
    {
        var seed = Load(file);
        var removed = seed.Document.Removed.Select(r => (Text: Normalise(r.Text), r.Reason)).ToList();
        foreach (var item in Gold.GetProperty(file).GetProperty("removed").EnumerateArray())
        {
            var expected = (Range(seed, item), item.GetProperty("reason").GetString()!);
            removed.Should().Contain(expected, $"line {item.GetProperty("line").GetInt32()} of {file} goes with that reason");
        }
    }

    [SharedTheory("seeds")]
    [MemberData(nameof(SeedFiles))]
    public void Lifts_inline_subheadings(string file)
    {
        var seed = Load(file);
        if (!Gold.GetProperty(file).TryGetProperty("headings", out var headings)) return;
        var found = seed.Document.Paragraphs.Where(p => p.Role == ParagraphRole.Heading).Select(seed.Document.Slice).ToList();
        foreach (var item in headings.EnumerateArray()) found.Should().Contain(Range(seed, item));
    }
}
