using Recoupe.App;
using Recoupe.Cli.Output;
using Recoupe.Core.Extraction;
using Recoupe.Core.Storage;
using Recoupe.Core.Views;
using Recoupe.Ingest;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Store;

/// <summary>How sure each quotation's speaker is, kept in the quotation rows (issue 15) and shown by `quotes --json`.</summary>
public sealed class QuoteConfidenceStoreTests
{
    [Theory, SqliteStore, PostgresStore]
    public void Stored_quotations_carry_the_speaker_confidence_the_pipeline_gave_them(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var store = stores.OpenArticles();
        new IngestRunner(store) { Parallelism = 2 }.Run([Path.Combine(SharedData.SamplesDir, "articles", "txt")]).Stored.Should().BeGreaterThan(5);

        var quotes = store.Quotes(new QuoteQuery());
        quotes.Should().NotBeEmpty();
        foreach (var row in quotes)
        {
            row.Quote.SpeakerConfidence.Should().NotBeNull("every quotation the pipeline stores has a confidence, 0 when it has no speaker");
            if (row.Quote.SpeakerName is not null)
                row.Quote.SpeakerConfidence.Should().BeGreaterThanOrEqualTo(SpeakerConfidence.Floor, "a speaker under the floor is left out");
        }
        quotes.Should().Contain(q => q.Quote.SpeakerConfidence > 0.9, "speakers named by their own speech verb are sure");

        var json = System.Text.Json.JsonSerializer.Serialize(quotes.Select(StoredQuoteView.Of), CliJson.Options);
        json.Should().Contain("\"speakerConfidence\": 0.95");
    }
}
