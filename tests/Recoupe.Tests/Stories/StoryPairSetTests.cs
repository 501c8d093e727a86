using System.Text;
using System.Text.Json;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Stories;

/// <summary>gold/story-pairs.jsonl keeps to its protocol (gold/story-pairs.md): ids only, three labels, the frozen third fixed by hash.</summary>
public class StoryPairSetTests
{
    private static readonly string[] Labels = ["same_event", "same_topic", "unrelated"];

    [Fact]
    public void The_pair_set_holds_over_a_hundred_labelled_pairs_whose_frozen_third_is_chosen_by_the_hash_of_their_key()
    {
        var rows = File.ReadLines(Path.Combine(SharedData.RepoRoot, "gold", "story-pairs.jsonl"))
            .Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rows.Count.Should().BeGreaterThanOrEqualTo(100);
        rows.Select(r => r.GetProperty("key").GetString()).Should().OnlyHaveUniqueItems();
        foreach (var row in rows)
        {
            var key = row.GetProperty("key").GetString()!;
            Labels.Should().Contain(row.GetProperty("label").GetString());
            key.Should().Be($"{row.GetProperty("source").GetString()}:{row.GetProperty("a").GetString()}-{row.GetProperty("b").GetString()}");
            row.GetProperty("split").GetString().Should().Be(Fnv1a(key) % 3 == 0 ? "frozen" : "dev", key);
            // Ids and figures only: no article text in the repository.
            row.EnumerateObject().Select(p => p.Name).Should().BeSubsetOf(["key", "a", "b", "source", "stratum", "cosine", "split", "label"]);
        }
        var frozen = rows.Count(r => r.GetProperty("split").GetString() == "frozen");
        frozen.Should().BeInRange(rows.Count / 4, rows.Count / 2, "about a third is frozen");
    }

    // the split rule of tools/story-pairs/select.py: FNV-1a (32 bits) of the key's UTF-8 bytes
    private static uint Fnv1a(string text) => Recoupe.Core.Text.StableHash.Fnv32(Encoding.UTF8.GetBytes(text));
}
