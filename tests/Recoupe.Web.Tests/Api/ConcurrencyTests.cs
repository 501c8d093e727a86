using System.Collections.Concurrent;
using System.Net;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Api;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly RecoupeAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static string Article(int n) =>
        $"""
        Le conseil de la commune numéro {n} vote son budget

        Le conseil municipal de la commune numéro {n} a voté jeudi un budget de {n * 1000 + 7} euros pour l'entretien des écoles et des routes.

        « Ce budget protège les services publics de la commune {n} », a déclaré la maire Hélène Garnier{n} à l'issue de la séance.
        """;

    [Fact]
    public async Task Concurrent_batches_and_reads_lose_nothing_and_store_each_text_once()
    {
        const int batches = 8, perBatch = 12;
        var client = _app.CreateClient();
        var readErrors = new ConcurrentBag<string>();
        var seenIds = new ConcurrentBag<long>();
        using var stop = new CancellationTokenSource();

        // Readers: status, search and every article id already returned, until the writers are done.
        var readers = Enumerable.Range(0, 3).Select(r => Task.Run(async () =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested || reads < 5)
            {
                reads++;
                var path = (reads % 3) switch
                {
                    0 => "/api/status",
                    1 => "/api/search?q=budget",
                    _ => seenIds.TryPeek(out var id) ? $"/api/articles/{id}" : "/api/status",
                };
                var response = await client.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.OK) readErrors.Add($"{path}: {(int)response.StatusCode}");
            }
        })).ToList();

        // Writers: batches sent at once; every third article of a batch is one another batch also sends.
        var writers = Enumerable.Range(0, batches).Select(b => Task.Run(async () =>
        {
            var numbers = Enumerable.Range(b * perBatch, perBatch).Select(n => n % 3 == 0 ? n / 3 : n).ToList();
            var body = string.Join("\n", numbers.Select(n => Articles.Json($"Budget {n}", Article(n))));
            var answer = await ApiJson.Read(await client.PostAsync("/api/articles", Http.Body(body, "application/x-ndjson")), HttpStatusCode.OK);
            var items = answer["items"].Arr();
            items.Should().HaveCount(perBatch);
            var results = numbers.Zip(items, (n, item) => (n, Status: item!["status"].Str(), Id: item["id"]?.GetValue<long>())).ToList();
            foreach (var r in results.Where(r => r.Id is not null)) seenIds.Add(r.Id!.Value);
            return results;
        })).ToList();

        var all = (await Task.WhenAll(writers)).SelectMany(r => r).ToList();
        stop.Cancel();
        await Task.WhenAll(readers);

        readErrors.Should().BeEmpty();
        all.Should().OnlyContain(r => r.Status == "stored" || r.Status == "duplicate");
        var distinct = all.Select(r => r.n).Distinct().Count();
        all.Count(r => r.Status == "stored").Should().Be(distinct, "each text is stored exactly once");
        // Every copy of one text points to the same article, and different texts to different articles.
        all.GroupBy(r => r.n).Should().OnlyContain(g => g.Select(r => r.Id).Distinct().Count() == 1);
        all.GroupBy(r => r.Id).Should().OnlyContain(g => g.Select(r => r.n).Distinct().Count() == 1);

        var status = await ApiJson.Read(await client.GetAsync("/api/status"), HttpStatusCode.OK);
        status["articles"].Long().Should().Be(distinct);
        var search = await ApiJson.Read(await client.GetAsync("/api/search?q=budget&limit=1"), HttpStatusCode.OK);
        search["articles"]!["total"].Long().Should().Be(distinct, "the search index holds every stored article once");
    }
}
