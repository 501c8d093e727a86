using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Recoupe.Bench;

/// <summary>
/// Load test of the server from a second process: starts <c>recoupe serve</c> on a free loopback port with a fresh
/// database, POSTs a JSON Lines corpus in batches (several writers) while readers GET stories (or articles, when the
/// server has no stories), then checks that every line came back stored or duplicate and that every stored article
/// is in the database exactly once. Bounded in time (--max-seconds) and in reads (--max-reads).
///   load [PATH] [--batch N] [--writers N] [--readers N] [--max-seconds S] [--max-reads N] [--recoupe PATH]
/// </summary>
public static class LoadBench
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static int Run(string[] args)
    {
        if (args.Contains("--hostile")) return HostileLoadBench.Run(args);
        var options = Options.Parse(args);
        if (!File.Exists(options.Corpus))
        {
            Console.Error.WriteLine($"load: no corpus at {options.Corpus}");
            return 2;
        }
        var folder = Path.Combine(Path.GetTempPath(), "recoupe-load-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            return RunAsync(options, Path.Combine(folder, "load.db")).GetAwaiter().GetResult();
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<int> RunAsync(Options options, string dbPath)
    {
        var lines = File.ReadAllLines(options.Corpus).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var batches = lines.Chunk(options.Batch).Select((chunk, index) => (Index: index, Lines: chunk)).ToList();
        Console.WriteLine($"corpus    {options.Corpus}: {lines.Count} lines, {batches.Count} batches of {options.Batch}");
        Console.WriteLine($"server    {options.Recoupe} serve --db {dbPath}");

        using var server = await ServerProcess.StartAsync(options.Recoupe, dbPath);
        Console.WriteLine($"listening {server.Address} (pid {server.Pid}, a second process)");
        using var http = new HttpClient { BaseAddress = new Uri(server.Address), Timeout = TimeSpan.FromMinutes(5) };
        var deadline = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(options.MaxSeconds);

        var storiesAvailable = (await http.GetAsync("/api/stories?limit=1")).StatusCode == HttpStatusCode.OK;
        Console.WriteLine($"reads     {(storiesAvailable ? "GET /api/stories (paged) and /api/stories/{id}" : "GET /api/articles/{id} (this server has no stories)")}");

        // Writers take batches in order from one queue; results are kept per line.
        var results = new ItemResult?[lines.Count];
        var queue = new ConcurrentQueue<(int Index, string[] Lines)>(batches);
        var writeErrors = new ConcurrentBag<string>();
        var storedIds = new ConcurrentBag<long>();
        var writersDone = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, options.Writers).Select(_ => Task.Run(async () =>
        {
            while (deadline.Elapsed < limit && queue.TryDequeue(out var batch))
            {
                try
                {
                    var content = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join("\n", batch.Lines)));
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                    var response = await http.PostAsync("/api/articles", content);
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity))
                    {
                        writeErrors.Add($"batch {batch.Index}: {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
                        continue;
                    }
                    var items = JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().ToList();
                    if (items.Count != batch.Lines.Length)
                        writeErrors.Add($"batch {batch.Index}: {items.Count} results for {batch.Lines.Length} lines");
                    for (var i = 0; i < items.Count && i < batch.Lines.Length; i++)
                    {
                        var item = items[i];
                        var status = item.GetProperty("status").GetString()!;
                        long? id = item.TryGetProperty("id", out var idValue) ? idValue.GetInt64() : null;
                        results[batch.Index * options.Batch + i] = new ItemResult(status, id,
                            item.TryGetProperty("error", out var error) ? error.GetString() : null);
                        if (status == "stored") storedIds.Add(id!.Value);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                {
                    writeErrors.Add($"batch {batch.Index}: {e.GetType().Name}: {e.Message}");
                }
            }
        })).ToList();
        var allWrites = Task.WhenAll(writers).ContinueWith(_ => writersDone.Cancel(), TaskScheduler.Default);

        // Readers run until the writers are done (or the time or read limit is reached).
        var latencies = new ConcurrentBag<double>();
        var readErrors = new ConcurrentBag<string>();
        var reads = 0;
        var readers = Enumerable.Range(0, options.Readers).Select(r => Task.Run(async () =>
        {
            var random = new Random(r + 1);
            while (!writersDone.IsCancellationRequested && deadline.Elapsed < limit && Interlocked.Increment(ref reads) <= options.MaxReads)
            {
                var path = ReadPath(random, storiesAvailable, storedIds);
                var timer = Stopwatch.StartNew();
                try
                {
                    using var response = await http.GetAsync(path);
                    var body = await response.Content.ReadAsStringAsync();
                    timer.Stop();
                    latencies.Add(timer.Elapsed.TotalMilliseconds);
                    if (response.StatusCode != HttpStatusCode.OK) readErrors.Add($"{path}: {(int)response.StatusCode}");
                    else if (storiesAvailable && path.StartsWith("/api/stories?", StringComparison.Ordinal))
                        RememberStory(body);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    readErrors.Add($"{path}: {e.GetType().Name}");
                }
            }
        })).ToList();

        await allWrites;
        var writeSeconds = clock.Elapsed.TotalSeconds;
        await Task.WhenAll(readers);

        // Checks: every line answered, stored ids distinct and all in the database, duplicates point to stored articles.
        var answered = results.Count(r => r is not null);
        var stored = results.Count(r => r?.Status == "stored");
        var duplicates = results.Count(r => r?.Status == "duplicate");
        var failed = results.Count(r => r?.Status == "error");
        var distinctStored = storedIds.Distinct().Count();
        var status = JsonDocument.Parse(await http.GetStringAsync("/api/status")).RootElement;
        var inDatabase = status.GetProperty("articles").GetInt64();
        var duplicateTargets = results.Where(r => r?.Status == "duplicate").Select(r => r!.Id!.Value).Distinct().ToList();
        var danglingDuplicates = duplicateTargets.Count(id => !storedIds.Contains(id));

        // Stories: every stored article in exactly one story (paging through the whole list).
        var inStories = new List<long>();
        if (storiesAvailable)
        {
            for (var offset = 0; ; offset += 200)
            {
                using var page = JsonDocument.Parse(await http.GetStringAsync($"/api/stories?limit=200&offset={offset}"));
                var items = page.RootElement.GetProperty("items");
                foreach (var story in items.EnumerateArray())
                    inStories.AddRange(story.GetProperty("articles").EnumerateArray().Select(a => a.GetInt64()));
                if (items.GetArrayLength() < 200) break;
            }
        }
        var storiesConsistent = !storiesAvailable || (inStories.Count == inStories.Distinct().Count() && inStories.Count == stored);

        // The same first batch again: every line must now be a duplicate of the article it became the first time.
        var again = batches.Count > 0 ? await Repost(http, batches[0].Lines) : [];
        var firstTime = results.Take(again.Count).ToList();
        var repostConsistent = again.Count == firstTime.Count && again.Zip(firstTime).All(p =>
            p.First.Status == (p.Second?.Status == "error" ? "error" : "duplicate") && p.First.Id == p.Second?.Id);

        var sorted = latencies.OrderBy(x => x).ToList();
        Console.WriteLine();
        Console.WriteLine($"writes    {answered} of {lines.Count} lines answered in {writeSeconds:0.0} s by {options.Writers} writer(s): " +
                          $"{answered / writeSeconds:0} articles/s ({batches.Count} batches of {options.Batch})");
        Console.WriteLine($"          stored {stored}, duplicates {duplicates}, failed {failed}, request errors {writeErrors.Count}");
        Console.WriteLine($"reads     {sorted.Count} by {options.Readers} reader(s) during the writes: p50 {Percentile(sorted, 0.50):0.0} ms, " +
                          $"p99 {Percentile(sorted, 0.99):0.0} ms, max {(sorted.Count > 0 ? sorted[^1] : 0):0.0} ms, errors {readErrors.Count}");
        Console.WriteLine($"check     stored ids distinct: {distinctStored == stored} ({distinctStored}); in database: {inDatabase} " +
                          $"(= stored: {inDatabase == stored}); duplicates pointing to a stored article: {duplicateTargets.Count - danglingDuplicates}/{duplicateTargets.Count}; " +
                          $"re-sent batch all duplicates of the same ids: {repostConsistent}");
        if (storiesAvailable)
            Console.WriteLine($"stories   {inStories.Count} articles listed in stories, each once: {storiesConsistent}");
        foreach (var error in writeErrors.Take(5)) Console.WriteLine($"  write error: {error}");
        foreach (var error in readErrors.Take(5)) Console.WriteLine($"  read error: {error}");
        foreach (var failure in results.Select((r, i) => (r, i)).Where(x => x.r?.Status == "error").Take(5))
            Console.WriteLine($"  failed line {failure.i + 1}: {failure.r!.Error}");

        var exactlyOnce = answered == lines.Count && distinctStored == stored && inDatabase == stored && danglingDuplicates == 0 && repostConsistent
                          && storiesConsistent;
        Console.WriteLine(exactlyOnce && writeErrors.IsEmpty && readErrors.IsEmpty
            ? "result    every article stored exactly once; no request failed"
            : "result    FAILED (see above)");
        return exactlyOnce && writeErrors.IsEmpty && readErrors.IsEmpty ? 0 : 1;
    }

    private static readonly ConcurrentQueue<string> KnownStories = new();

    private static string ReadPath(Random random, bool stories, ConcurrentBag<long> storedIds)
    {
        if (stories)
        {
            if (random.Next(2) == 0 && KnownStories.TryPeek(out var story)) return $"/api/stories/{Uri.EscapeDataString(story)}";
            return $"/api/stories?limit=20&offset={random.Next(3) * 20}";
        }
        // An article stored so far (ConcurrentBag has no indexer: sample its current snapshot cheaply).
        var count = storedIds.Count;
        if (count == 0) return "/api/status";
        var skip = random.Next(Math.Min(count, 512));
        var id = storedIds.Skip(skip).FirstOrDefault();
        return id > 0 ? $"/api/articles/{id}" : "/api/status";
    }

    private static void RememberStory(string body)
    {
        using var page = JsonDocument.Parse(body);
        if (!page.RootElement.TryGetProperty("items", out var items)) return;
        foreach (var story in items.EnumerateArray().Take(3))
        {
            if (story.TryGetProperty("id", out var id) && id.GetString() is { } value) KnownStories.Enqueue(value);
        }
        while (KnownStories.Count > 200) KnownStories.TryDequeue(out _);
    }

    private static async Task<List<ItemResult>> Repost(HttpClient http, string[] lines)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var response = await http.PostAsync("/api/articles", content);
        var body = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray()
            .Select(i => new ItemResult(i.GetProperty("status").GetString()!, i.TryGetProperty("id", out var id) ? id.GetInt64() : null, null))
            .ToList();
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private sealed record ItemResult(string Status, long? Id, string? Error);

    private sealed record Options(string Corpus, int Batch, int Writers, int Readers, int MaxSeconds, int MaxReads, string Recoupe)
    {
        public static Options Parse(string[] args)
        {
            var rest = args.ToList();
            int Take(string name, int fallback) => TakeOption(rest, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
            string? TakeText(string name) => TakeOption(rest, name);
            var options = new Options(
                Corpus: "",
                Batch: Take("--batch", 100),
                Writers: Take("--writers", 2),
                Readers: Take("--readers", 2),
                MaxSeconds: Take("--max-seconds", 600),
                MaxReads: Take("--max-reads", 200_000),
                Recoupe: TakeText("--recoupe") ?? RepoFile("recoupe"));
            return options with { Corpus = rest.Count > 0 ? Path.GetFullPath(rest[0]) : DefaultCorpus() };
        }
    }

    /// <summary>Removes "NAME VALUE" from <paramref name="args"/> and returns VALUE, or null when NAME is not there.</summary>
    internal static string? TakeOption(List<string> args, string name)
    {
        var at = args.IndexOf(name);
        if (at < 0) return null;
        var value = args[at + 1];
        args.RemoveRange(at, 2);
        return value;
    }

    /// <summary>The fr-news corpus in ../shared.</summary>
    internal static string DefaultCorpus() => Path.GetFullPath(Path.Combine(RepoFile(".."), "shared", "corpus", "fr-news", "articles.jsonl"));

    /// <summary>A path under the repository's root (the folder holding Recoupe.sln).</summary>
    internal static string RepoFile(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Recoupe.sln"))) return Path.Combine(dir.FullName, relative);
        throw new InvalidOperationException("Recoupe.sln not found above the current folder");
    }
}

/// <summary><c>recoupe serve</c> in its own process, on a free loopback port; stopped (SIGTERM, then kill) on dispose.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string address)
    {
        _process = process;
        Address = address;
    }

    public string Address { get; }
    public int Pid => _process.Id;

    public static async Task<ServerProcess> StartAsync(string recoupe, string dbPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(recoupe)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        foreach (var arg in new[] { "serve", "--db", dbPath, "--urls", "http://127.0.0.1:0" }) info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {recoupe}");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        // `recoupe serve` says "serving DB on URL" on standard error once it listens (the script may build first).
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) { ready.TrySetException(new InvalidOperationException("the server exited before listening")); return; }
            var at = e.Data.IndexOf(" on http://", StringComparison.Ordinal);
            if (e.Data.StartsWith("recoupe: serving", StringComparison.Ordinal) && at > 0)
                ready.TrySetResult(e.Data[(at + 4)..].Split(' ', ',')[0]);
            else if (!ready.Task.IsCompleted) Console.Error.WriteLine($"  server: {e.Data}");
        };
        process.BeginErrorReadLine();
        var address = await ready.Task.WaitAsync(TimeSpan.FromMinutes(5));
        if (!new Uri(address).IsLoopback) throw new InvalidOperationException($"server listens on {address}, not loopback");
        return new ServerProcess(process, address);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) term?.WaitForExit();
            if (!_process.WaitForExit(15_000)) _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
