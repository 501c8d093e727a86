using Npgsql;
using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Store;

/// <summary>The PostgreSQL speaker filter reads only the speakers whose key or name words match (migration 0007).</summary>
public sealed class PostgresSpeakerWordsTests
{
    private static IArticleStore StoreWith(TestStores stores, params (string Name, string Key)[] speakers)
    {
        var store = stores.OpenArticles();
        for (var i = 0; i < speakers.Length; i++)
        {
            var document = TestArticles.Document($"Article {i}\n\n« Voici la citation numéro {i} de cet article », a dit quelqu'un.", $"a{i}.txt");
            var start = document.Text.IndexOf("Voici", StringComparison.Ordinal);
            var end = document.Text.IndexOf(" »", StringComparison.Ordinal);
            document.Quotes.Add(new Quotation(start, end, QuoteKind.Direct) { SpeakerName = speakers[i].Name, SpeakerKey = speakers[i].Key });
            store.Add(document);
        }
        return store;
    }

    private static List<string?[]> NameWords(TestStores stores)
    {
        using var connection = new NpgsqlConnection(stores.Location);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT name_words FROM speakers ORDER BY speaker_name;", connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read()) rows.Add(reader.IsDBNull(0) ? null! : (string[])reader.GetValue(0));
        return rows;
    }

    [Theory, PostgresStore]
    public void Speakers_are_stored_with_their_name_words_and_pairs_stored_before_get_them_when_first_filtered(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var store = StoreWith(stores, ("Sergueï Choïgou", NameKeys.Surname("Choïgou")), ("Vladimir Poutine", NameKeys.Surname("Poutine")));
        var written = NameWords(stores);
        string?[][] expected = [[.. SpeakerFilter.NameWords("Sergueï Choïgou")], [.. SpeakerFilter.NameWords("Vladimir Poutine")]];
        written.Should().Equal(expected, (a, b) => a.SequenceEqual(b));
        written.Should().OnlyContain(words => words.Length == 2, "the first name and the surname, folded and phonetic");

        // A store written before migration 0007 has no name words: such pairs are still found, and filled on the way.
        using (var connection = new NpgsqlConnection(stores.Location))
        {
            connection.Open();
            using var clear = new NpgsqlCommand("UPDATE speakers SET name_words = NULL;", connection);
            clear.ExecuteNonQuery();
        }
        store.Quotes(new QuoteQuery { Speaker = "Shoigu" }).Select(q => q.Quote.SpeakerName).Should().Equal("Sergueï Choïgou");
        NameWords(stores).Should().Equal(written, (a, b) => a != null && a.SequenceEqual(b));
        store.Quotes(new QuoteQuery { Speaker = "Putin" }).Select(q => q.Quote.SpeakerName).Should().Equal("Vladimir Poutine");
        store.Quotes(new QuoteQuery { Speaker = "Lavrov" }).Should().BeEmpty();
    }
}
