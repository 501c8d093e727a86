using System.Collections.Concurrent;
using System.Reflection;

namespace Recoupe.Core.Languages;

/// <summary>
/// Per-language word lists, read once from the data files embedded under Languages/{code}/{name}.txt.
/// One entry per line; blank lines and lines starting with '#' are ignored; a line may hold several
/// fields separated by a tab (see each file's header comment). Adding a language is adding a folder.
/// </summary>
public sealed class LanguageResources
{
    private static readonly ConcurrentDictionary<string, LanguageResources> Cache = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _lists = new();

    private LanguageResources(string code) => Code = code;

    public string Code { get; }

    public static LanguageResources For(string code) => Cache.GetOrAdd(code, c => new LanguageResources(c));

    /// <summary>Language codes that have a data folder.</summary>
    public static IReadOnlyList<string> Available { get; } = typeof(LanguageResources).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith("Recoupe.Languages.", StringComparison.Ordinal))
        .Select(n => n["Recoupe.Languages.".Length..].Split('/', '\\', '.')[0])
        .Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>The lines of Languages/{Code}/{name}.txt; empty when the language has no such file.</summary>
    public IReadOnlyList<string> Lines(string name) => _lists.GetOrAdd(name, Load);

    /// <summary>
    /// The whole text of Languages/{Code}/{name}.txt, comments included (empty when there is no such file): for
    /// large lists that a reader indexes in place rather than as one string per line.
    /// </summary>
    public string Text(string name)
    {
        using var stream = Open(name);
        if (stream is null) return "";
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The first field of each line, as a set (case-sensitive as written in the file).</summary>
    public HashSet<string> Set(string name, StringComparer? comparer = null) =>
        new(Lines(name).Select(l => l.Split('\t')[0]), comparer ?? StringComparer.Ordinal);

    /// <summary>Lines with two or more tab-separated fields, as first field → second field.</summary>
    public Dictionary<string, string> Map(string name, StringComparer? comparer = null)
    {
        var map = new Dictionary<string, string>(comparer ?? StringComparer.Ordinal);
        foreach (var line in Lines(name))
        {
            var parts = line.Split('\t');
            if (parts.Length >= 2) map.TryAdd(parts[0], parts[1]);
        }
        return map;
    }

    private Stream? Open(string name)
    {
        var assembly = typeof(LanguageResources).Assembly;
        var wanted = $"Recoupe.Languages.{Code}/{name}.txt";
        var resource = assembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.Replace('\\', '/') == wanted);
        return resource is null ? null : assembly.GetManifestResourceStream(resource);
    }

    private IReadOnlyList<string> Load(string name)
    {
        using var stream = Open(name);
        if (stream is null) return [];
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            lines.Add(trimmed);
        }
        return lines;
    }
}
