using Recoupe.Core.Languages;

namespace Recoupe.Tests.Digest;

/// <summary>
/// The thesaurus lists under Languages/fr and Languages/en are derived from Debian's mythes-fr / mythes-en-us by
/// tools/mythes/derive.py: every synonym they list must be one the installed thesaurus gives for that headword.
/// </summary>
public sealed class ThesaurusListTests
{
    public sealed class MythesFactAttribute : FactAttribute
    {
        public MythesFactAttribute()
        {
            if (!File.Exists("/usr/share/mythes/th_fr_FR_v2.dat") || !File.Exists("/usr/share/mythes/th_en_US_v2.dat"))
                Skip = "needs Debian's mythes-fr and mythes-en-us (/usr/share/mythes), which are not installed";
        }
    }

    [MythesFact]
    public void Every_listed_synonym_is_one_the_installed_thesaurus_gives()
    {
        foreach (var (code, file) in new[] { ("fr", "th_fr_FR_v2.dat"), ("en", "th_en_US_v2.dat") })
        {
            var installed = Read("/usr/share/mythes/" + file);
            var lines = LanguageResources.For(code).Lines("thesaurus");
            lines.Should().HaveCountGreaterThan(10_000, $"the {code} list is derived");
            for (var i = 0; i < lines.Count; i += 97)
            {
                var parts = lines[i].Split('\t');
                installed.Should().ContainKey(parts[0]);
                installed[parts[0]].Should().Contain(parts[1].Split('|'), $"{code}: {parts[0]}");
            }
        }
    }

    /// <summary>MyThes .dat: "word|meanings", then one "(pos)|synonym|…" line per meaning.</summary>
    private static Dictionary<string, HashSet<string>> Read(string path)
    {
        var entries = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        using var reader = new StreamReader(path);
        reader.ReadLine();
        while (reader.ReadLine() is { } head)
        {
            var bar = head.LastIndexOf('|');
            if (bar < 0 || !int.TryParse(head[(bar + 1)..], out var count)) continue;
            if (!entries.TryGetValue(head[..bar], out var set)) entries[head[..bar]] = set = new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < count && reader.ReadLine() is { } meaning; k++)
                foreach (var word in meaning.Split('|').Skip(1)) set.Add(word);
        }
        return entries;
    }
}
