using System.Net;
using System.Security.Cryptography;
using System.Text;
using Recoupe.App.Alerts;
using Recoupe.Core.Storage;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Alerts;

/// <summary>Webhooks of the sample corpus's alerts, sent to a receiver that goes down for a while and sometimes loses its answers.</summary>
public sealed class HookDeliveryTests
{
    private const string Secret = "s3cret-for-tests";

    /// <summary>
    /// A receiver as a webhook consumer writes one: it checks the signature, keeps each delivery id once, and answers 2xx.
    /// It is down (503, then no connection) for its first <paramref name="outage"/> requests, and every fifth request it
    /// processes loses its answer (500 after keeping it), so the same event comes again.
    /// </summary>
    private sealed class Receiver(int outage) : HttpMessageHandler
    {
        public int Requests;
        public int BadSignatures;
        public readonly List<string> Received = [];
        public readonly HashSet<string> Kept = new(StringComparer.Ordinal);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var n = ++Requests;
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            if (n <= outage)
            {
                if (n % 2 == 0) throw new HttpRequestException("connection refused");
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            }
            var signature = request.Headers.GetValues(HookDeliverer.SignatureHeader).Single();
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));
            if (signature != expected)
            {
                BadSignatures++;
                return new HttpResponseMessage(HttpStatusCode.Unauthorized);
            }
            var id = request.Headers.GetValues(HookDeliverer.DeliveryHeader).Single();
            Received.Add(id);
            Kept.Add(id);
            return new HttpResponseMessage(n % 5 == 0 ? HttpStatusCode.InternalServerError : HttpStatusCode.NoContent);
        }
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Each_event_reaches_the_receiver_once_after_deduplication_across_an_outage_signed_and_retried_with_growing_waits(StoreKind kind)
    {
        using var store = new AlertStore(kind);
        var hook = store.Alerts.AddHook("https://receiver.example/hooks", Secret, ["*"], DateTime.UtcNow);
        var events = store.Ingest().Events;
        events.Should().HaveCountGreaterThan(5);
        // Down for two rounds of every event, so the first event meets the outage twice whatever the number of events.
        var receiver = new Receiver(outage: 2 * events.Count);
        using var http = new HttpClient(receiver);
        var deliverer = new HookDeliverer(store.Alerts, http, new HookDeliveryOptions { Clock = store.Clock });

        // The clock jumps to each retry's time, as a long-running watch would wait for it.
        for (var pass = 0; pass < 50 && store.Alerts.NextDue() is { } next; pass++)
        {
            store.Clock.AdvanceTo(new DateTimeOffset(next, TimeSpan.Zero));
            await deliverer.DeliverDueAsync();
        }

        store.Alerts.Counts()[DeliveryStatus.Delivered].Should().Be(events.Count);
        store.Alerts.Counts()[DeliveryStatus.Pending].Should().Be(0);
        receiver.BadSignatures.Should().Be(0);
        receiver.Kept.Should().BeEquivalentTo(events.Select(e => e.Id), "every event, once after deduplication");
        receiver.Received.Count.Should().BeGreaterThan(receiver.Kept.Count, "answers were lost, so some events came twice");

        var log = store.Alerts.Log(1000).Where(a => a.HookId == hook.Id).ToList();
        log.Should().HaveCount(receiver.Requests);
        log.Where(a => a.Status is null).Should().OnlyContain(a => a.Error == "connection refused");
        var first = log.Where(a => a.EventSeq == events[0].Seq).OrderBy(a => a.Attempt).ToList();
        first.Count.Should().BeGreaterThan(2, "the first event met the outage");
        for (var i = 2; i < first.Count; i++)
            (first[i].At - first[i - 1].At).Should().BeGreaterThan(first[i - 1].At - first[i - 2].At, "each wait is longer than the last");
        (first[1].At - first[0].At).Should().BeCloseTo(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task A_hook_added_after_events_gets_only_later_ones_and_a_receiver_that_never_answers_is_given_up_after_the_last_attempt(StoreKind kind)
    {
        using var store = new AlertStore(kind);
        store.Ingest("txt", "jsonl");
        var hook = store.Alerts.AddHook("https://down.example/", Secret, [AlertKinds.NewStory], DateTime.UtcNow);
        var later = store.Ingest("html", "feeds").Events;
        var wanted = later.Where(e => e.Kind == AlertKinds.NewStory).ToList();
        wanted.Should().NotBeEmpty();
        var receiver = new Receiver(outage: int.MaxValue);
        using var http = new HttpClient(receiver);
        var options = new HookDeliveryOptions { Clock = store.Clock, MaxAttempts = 4 };
        var deliverer = new HookDeliverer(store.Alerts, http, options);

        for (var pass = 0; pass < 50 && store.Alerts.NextDue() is { } next; pass++)
        {
            store.Clock.AdvanceTo(new DateTimeOffset(next, TimeSpan.Zero));
            await deliverer.DeliverDueAsync();
        }

        receiver.Requests.Should().Be(wanted.Count * options.MaxAttempts);
        store.Alerts.Counts()[DeliveryStatus.Failed].Should().Be(wanted.Count);
        store.Alerts.Log(1000).Select(a => a.EventId).Distinct().Should().BeEquivalentTo(wanted.Select(e => e.Id));
        hook.Wants(AlertKinds.Conflict).Should().BeFalse();
    }
}
