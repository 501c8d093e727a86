using Microsoft.Data.Sqlite;
using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Store;

/// <summary>The SQLite speaker filter reads only the speakers whose key or name words match (migration 0013).</summary>
public sealed class SqliteSpeakerWordsTests
{
    private static void Add(IArticleStore store, int i, string name, string? key)
    {
        var document = TestArticles.Document($"Article {i}\n\n« Voici la citation numéro {i} de cet article », a dit quelqu'un.", $"a{i}.txt");
        var start = document.Text.IndexOf("Voici", StringComparison.Ordinal);
        var end = document.Text.IndexOf(" »", StringComparison.Ordinal);
        document.Quotes.Add(new Quotation(start, end, QuoteKind.Direct) { SpeakerName = name, SpeakerKey = key });
        store.Add(document);
    }

    private static List<string> Rows(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)));
        return rows;
    }

    [Theory, SqliteStore]
    public void Speakers_are_stored_with_their_name_words_and_pairs_stored_before_get_them_when_the_store_opens(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var store = stores.OpenArticles();
        Add(store, 0, "Sergueï Choïgou", NameKeys.Surname("Choïgou"));
        Add(store, 1, "Vladimir Poutine", NameKeys.Surname("Poutine"));
        Add(store, 2, "Un porte-parole", null);
        const string Words = "SELECT word, speaker_key, speaker_name FROM speaker_words ORDER BY speaker_name, word;";
        var written = Rows(stores.Location, Words);
        written.Should().Equal(new[] { ("Sergueï Choïgou", NameKeys.Surname("Choïgou")), ("Un porte-parole", ""), ("Vladimir Poutine", NameKeys.Surname("Poutine")) }
            .SelectMany(s => SpeakerFilter.NameWords(s.Item1).Select(w => $"{w}|{s.Item2}|{s.Item1}")));
        store.Quotes(new QuoteQuery { Speaker = "Shoigu" }).Select(q => q.Quote.SpeakerName).Should().Equal("Sergueï Choïgou");
        store.Quotes(new QuoteQuery { Speaker = "porte-parole" }).Select(q => q.Quote.SpeakerKey).Should().Equal([null]);
        store.Quotes(new QuoteQuery { Speaker = "Lavrov" }).Should().BeEmpty();
        store.Dispose();

        // A file written before migration 0013 has no name words: the store fills them when it opens.
        Rows(stores.Location, "DELETE FROM speaker_words; INSERT INTO speaker_words_unfilled VALUES (13); SELECT 'x';");
        var reopened = stores.OpenArticles();
        Rows(stores.Location, Words).Should().Equal(written);
        Rows(stores.Location, "SELECT count(*) FROM speaker_words_unfilled;").Should().Equal("0");
        reopened.Quotes(new QuoteQuery { Speaker = "Putin" }).Select(q => q.Quote.SpeakerName).Should().Equal("Vladimir Poutine");
    }
}
