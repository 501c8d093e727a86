using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Recoupe.Core.Storage;
using Recoupe.Core.Text;

namespace Recoupe.App.Alerts;

/// <summary>How webhooks are sent.</summary>
public sealed record HookDeliveryOptions
{
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    /// <summary>Wait before the second attempt; each further one waits twice as long (±20% jitter), up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromHours(1);
    /// <summary>Attempts before a delivery is given up (10: about 3 hours of retries with the defaults).</summary>
    public int MaxAttempts { get; init; } = 10;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>How often <see cref="HookDeliverer.RunAsync"/> looks for new events when nothing is due.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(1);
    public string UserAgent { get; init; } = "Recoupe";
}

/// <summary>What one pass of deliveries did.</summary>
public sealed record DeliveryPass(int Attempts, int Delivered, int Retrying, int GivenUp);

/// <summary>
/// Sends pending webhook deliveries: each event is POSTed as JSON to each hook that wants it, signed with the hook's
/// secret (<see cref="SignatureHeader"/>: <c>sha256=</c> and the hex HMAC-SHA256 of the body), with the event's id in
/// <see cref="DeliveryHeader"/> for the receiver to deduplicate on. A 2xx delivers it; anything else (an error, a
/// timeout, no answer) is tried again later with exponential backoff and jitter, until <see cref="HookDeliveryOptions.MaxAttempts"/>.
/// Each attempt is logged in the store. It runs on its own, never in the way of storing: events wait in the store
/// (written with their delivery rows), so a receiver down, a restart or a kill delays them and loses none.
/// </summary>
public sealed class HookDeliverer(IHookStore store, HttpClient http, HookDeliveryOptions? options = null)
{
    public const string SignatureHeader = "X-Recoupe-Signature-256";
    public const string DeliveryHeader = "X-Recoupe-Delivery";
    public const string EventHeader = "X-Recoupe-Event";

    private readonly HookDeliveryOptions _options = options ?? new HookDeliveryOptions();

    private DateTime Now => _options.Clock.GetUtcNow().UtcDateTime;

    /// <summary>Sends every delivery due now, one at a time in event order.</summary>
    public async Task<DeliveryPass> DeliverDueAsync(CancellationToken cancellation = default)
    {
        int attempts = 0, delivered = 0, retrying = 0, givenUp = 0;
        while (!cancellation.IsCancellationRequested)
        {
            var due = store.Due(Now, 64);
            if (due.Count == 0) break;
            foreach (var delivery in due)
            {
                var outcome = await SendAsync(delivery, cancellation).ConfigureAwait(false);
                attempts++;
                switch (outcome)
                {
                    case DeliveryStatus.Delivered: delivered++; break;
                    case DeliveryStatus.Failed: givenUp++; break;
                    default: retrying++; break;
                }
            }
        }
        return new DeliveryPass(attempts, delivered, retrying, givenUp);
    }

    /// <summary>Delivers until cancelled, sleeping until the next retry is due or <see cref="HookDeliveryOptions.Poll"/> passes.</summary>
    public async Task RunAsync(Action<DeliveryPass>? onPass = null, CancellationToken cancellation = default)
    {
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                var pass = await DeliverDueAsync(cancellation).ConfigureAwait(false);
                if (pass.Attempts > 0) onPass?.Invoke(pass);
                var wait = _options.Poll;
                if (store.NextDue() is { } next && next - Now < wait) wait = next - Now;
                if (wait < TimeSpan.FromMilliseconds(10)) wait = TimeSpan.FromMilliseconds(10);
                await Task.Delay(wait, _options.Clock, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<DeliveryStatus> SendAsync(HookDelivery delivery, CancellationToken cancellation)
    {
        var attempt = delivery.Attempts + 1;
        var body = Body(delivery.Event);
        var clock = Stopwatch.StartNew();
        int? status = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Hook.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            request.Headers.Add(EventHeader, delivery.Event.Kind);
            request.Headers.Add(DeliveryHeader, delivery.Event.Id);
            request.Headers.Add("X-Recoupe-Attempt", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(SignatureHeader, Sign(delivery.Hook.Secret, body));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(_options.Timeout);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) error = response.ReasonPhrase ?? "not a 2xx answer";
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            error = $"no answer within {_options.Timeout.TotalSeconds:0} s";
        }
        catch (HttpRequestException e)
        {
            error = e.Message;
        }
        var now = Now;
        var outcome = error is null ? DeliveryStatus.Delivered : attempt >= _options.MaxAttempts ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        var next = outcome == DeliveryStatus.Pending ? now + Backoff(delivery, attempt) : now;
        store.SaveAttempt(delivery with { Status = outcome, Attempts = attempt, NextAttempt = next },
            new HookAttempt(delivery.Hook.Id, delivery.Event.Seq, delivery.Event.Id, attempt, now, status, error, clock.ElapsedMilliseconds));
        return outcome;
    }

    /// <summary>FirstDelay × 2^(attempt−1), capped, ±20% from a hash of the hook, event and attempt: reproducible under a simulated clock.</summary>
    private TimeSpan Backoff(HookDelivery delivery, int attempt)
    {
        var ticks = Math.Min(_options.MaxDelay.Ticks, _options.FirstDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30)));
        var hash = StableHash.Of($"{delivery.Hook.Id}:{delivery.Event.Seq}:{attempt}");
        var unit = (hash >> 11) * (1.0 / (1UL << 53)) * 2 - 1;
        return TimeSpan.FromTicks((long)(ticks * (1 + 0.2 * unit)));
    }

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the body under the secret (UTF-8).</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>The JSON sent for an event: the same bytes at every attempt (its detail as stored).</summary>
    public static byte[] Body(AlertEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", e.Id);
            json.WriteString("kind", e.Kind);
            json.WriteString("at", e.At);
            if (e.StoryId is not null) json.WriteString("storyId", e.StoryId);
            if (e.ArticleId is { } article) json.WriteNumber("articleId", article);
            json.WriteString("title", e.Title);
            json.WritePropertyName("detail");
            json.WriteRawValue(e.Detail);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
