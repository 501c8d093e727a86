using System.Globalization;
using System.Text.Json;
using Recoupe.Core.Stories;

namespace Recoupe.Bench;

/// <summary>Reads the shared corpora (JSON Lines of OrangeSum articles, raw seed files) into clusterer inputs.</summary>
internal static class StoriesData
{
    public sealed record LabelledInput(StoryInput Input, string? Gold);

    public static string SharedRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("RECOUPE_SHARED");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv)) return fromEnv;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Recoupe.sln"))) dir = dir.Parent;
        var candidate = Path.GetFullPath(Path.Combine(dir?.FullName ?? ".", "..", "shared"));
        if (!Directory.Exists(candidate)) throw new DirectoryNotFoundException("../shared not found; set RECOUPE_SHARED");
        return candidate;
    }

    /// <summary>The bundled samples' gold: title + kept paragraphs, language, publication date and story label of each article.</summary>
    public static List<LabelledInput> ReadSamplesGold(string goldPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(goldPath));
        var list = new List<LabelledInput>();
        foreach (var a in doc.RootElement.GetProperty("articles").EnumerateArray())
        {
            var keep = a.GetProperty("keep").EnumerateArray().Select(k => k.GetString() ?? "").ToList();
            var date = DateTime.Parse(a.GetProperty("published").GetString()!, CultureInfo.InvariantCulture);
            var story = a.GetProperty("story").ValueKind == JsonValueKind.String ? a.GetProperty("story").GetString() : null;
            var input = new StoryInput(a.GetProperty("id").GetString()!, date, a.GetProperty("language").GetString()!,
                a.GetProperty("title").GetString() ?? "", string.Join("\n\n", keep)) { Outlet = a.GetProperty("outlet").GetString() };
            list.Add(new LabelledInput(input, story));
        }
        return list.OrderBy(x => x.Input.Date).ThenBy(x => x.Input.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The five seed articles read raw: title = first line, text = the whole file, French, the given date.</summary>
    public static List<StoryInput> ReadSeeds(DateTime? date)
    {
        var folder = Path.Combine(SharedRoot(), "seeds");
        return Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal).Select(path =>
        {
            var text = File.ReadAllText(path);
            var title = text.Split('\n', 2)[0].Trim();
            return new StoryInput("seed:" + Path.GetFileNameWithoutExtension(path), date, "fr", title, text);
        }).ToList();
    }

    /// <summary>Articles of an OrangeSum JSON Lines file in date order (ties by numeric id): title, heading + text.</summary>
    public static List<LabelledInput> ReadJsonLines(string path)
    {
        var list = new List<LabelledInput>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var id = root.GetProperty("id").ValueKind == JsonValueKind.Number ? root.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture) : root.GetProperty("id").GetString()!;
            var title = root.GetProperty("title").GetString() ?? "";
            var heading = root.TryGetProperty("heading", out var h) ? h.GetString() ?? "" : "";
            var text = root.GetProperty("text").GetString() ?? "";
            var date = DateTime.ParseExact(root.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            string? gold = root.TryGetProperty("story", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            var body = heading.Length > 0 ? heading + "\n\n" + text : text;
            list.Add(new LabelledInput(new StoryInput(id, date, "fr", title, body), gold));
        }
        // RECOUPE_FILE_ORDER keeps the file's order, as `recoupe ingest` reads it.
        if (Environment.GetEnvironmentVariable("RECOUPE_FILE_ORDER") is not null) return list;
        return list.OrderBy(x => x.Input.Date).ThenBy(x => long.Parse(x.Input.Id, CultureInfo.InvariantCulture)).ToList();
    }
}
