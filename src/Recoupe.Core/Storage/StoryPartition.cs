namespace Recoupe.Core.Storage;

/// <summary>
/// The articles one story assigner groups on its own (issue 19): those whose detected language is in
/// <see cref="Languages"/>, or, when <see cref="AllBut"/>, every other one. <see cref="All"/> (every article) is what
/// the embedded mode and a single assigner group. A partition's articles in id order give the stories the embedded
/// mode gives them; articles of two partitions never share a story.
/// </summary>
public sealed record StoryPartition
{
    private StoryPartition(string name, IReadOnlyList<string> languages, bool allBut)
    {
        Name = name;
        Languages = languages;
        AllBut = allBut;
    }

    /// <summary>The partition's key in the store: "" for every article, "fr" for one language, "~en,fr" for the rest.</summary>
    public string Name { get; }

    public IReadOnlyList<string> Languages { get; }

    public bool AllBut { get; }

    public static StoryPartition All { get; } = new("", [], allBut: true);

    public bool IsAll => AllBut && Languages.Count == 0;

    /// <summary>Whether an article of this detected language is grouped here.</summary>
    public bool Holds(string? language) => Languages.Contains(language ?? "", StringComparer.Ordinal) != AllBut;

    /// <summary>
    /// One partition per language given, and one for every other language (undetermined included), so that every
    /// article is in exactly one. The rest's name lists the languages in order, so processes started with the same
    /// languages in any order agree on it. No language: <see cref="All"/> alone.
    /// </summary>
    public static IReadOnlyList<StoryPartition> ByLanguage(IEnumerable<string> languages)
    {
        var codes = new List<string>();
        foreach (var given in languages)
        {
            var code = given.Trim().ToLowerInvariant();
            if (code.Length is < 2 or > 3 || !code.All(char.IsAsciiLetterLower))
                throw new ArgumentException($"'{given}' is not a language code (two or three letters, as `articles` shows)");
            if (!codes.Contains(code)) codes.Add(code);
        }
        if (codes.Count == 0) return [All];
        var sorted = codes.Order(StringComparer.Ordinal).ToList();
        return [.. codes.Select(c => new StoryPartition(c, [c], allBut: false)), new StoryPartition("~" + string.Join(',', sorted), sorted, allBut: true)];
    }
}
