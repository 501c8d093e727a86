using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Recoupe.Tests.Support;
using Xunit.Abstractions;

namespace Recoupe.Tests.Crash;

/// <summary>
/// Kill -9 harness: <c>ingest</c>, <c>serve</c> (during a POST) and <c>recluster</c> run as real child processes and are
/// killed with SIGKILL at 20 seeded random moments each; the next command (the same ingest again, a server start, a
/// recluster) must leave every stored article in exactly one story, a store that passes <c>PRAGMA integrity_check</c>,
/// no article stored twice, and, once the input is all in, the same articles, stories and ids as an uninterrupted run.
/// The moments are drawn early in the run, at a random store transaction, or just after the last article is stored, so
/// that kills land in reading, storing and grouping (the phase each kill hit is read from the store it left, and printed).
/// </summary>
public sealed class KillNineTests(ITestOutputHelper output) : IDisposable
{
    private const string Corpus = "corpus/fr-news/articles.jsonl";
    private const int ArticleCount = 150;
    private const int Kills = 20;
    private const int ServeChunks = 2; // 75 articles a POST: two store transactions (64 each), so a kill can land between them
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private const string Missed = "ended before the kill";

    private readonly TempFolder _folder = TestArticles.TempFolder();
    private readonly SortedDictionary<string, int> _phases = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];
    private double _pace = 1; // shrinks after each kill that came too late

    public void Dispose() => _folder.Dispose();

    [SharedFact(Corpus)]
    public void Ingest_killed_at_any_moment_is_completed_by_the_same_ingest_run_again()
    {
        var clock = Stopwatch.StartNew();
        var input = Input();
        var reference = _folder.File("reference.db");
        var (allStored, end) = RunTimed(reference, "ingest", input);
        var expected = Snapshot(reference);
        var random = new Random(1701);

        for (var kill = 0; kill < Kills; kill++)
        {
            var db = _folder.File($"ingest-{kill}.db");
            bool killed;
            using (var cli = CliProcess.Start("ingest", input, "--db", db))
                killed = KillAtRandom(cli, db, random, allStored * 0.9, ArticleCount, (end - allStored) * 0.6);
            var phase = !killed ? Missed : !File.Exists(db) ? "reading" : IngestPhase(db);
            Resume($"ingest kill {kill} ({phase})", () => CliProcess.Run(Patience, "ingest", input, "--db", db), db, expected, phase);
            DeleteStore(db);
        }
        Report("ingest", clock);
    }

    [SharedFact(Corpus)]
    public void Recluster_killed_at_any_moment_leaves_a_store_that_the_next_recluster_or_ingest_completes()
    {
        var clock = Stopwatch.StartNew();
        var input = Input();
        var based = _folder.File("base.db");
        CliProcess.Run(Patience, "ingest", input, "--db", based);
        var expected = Snapshot(based);
        var reference = CopyStore(based, "reference.db");
        var (_, end) = RunTimed(reference, "recluster");
        if (StoreProbe.FirstDifference(expected, Snapshot(reference)) is { } changed)
            _problems.Add($"an uninterrupted recluster changed the stories: {changed}");
        var random = new Random(1703);

        for (var kill = 0; kill < Kills; kill++)
        {
            var db = CopyStore(based, $"recluster-{kill}.db");
            string savedBefore;
            using (var probe = new StoreProbe(db)) savedBefore = probe.StateSavedAt ?? "";
            bool killed;
            // A recluster writes nothing before its end, so there is no store event to wait for: the moments are drawn
            // between a third of its usual run (past most of the process's start-up) and 93% of it.
            using (var cli = CliProcess.Start("recluster", "--db", db))
            {
                Thread.Sleep(end / 3 * _pace);
                killed = KillAtRandom(cli, db, random, end * 0.6, allStoredAt: null, lateWindow: TimeSpan.Zero);
            }
            string phase;
            using (var probe = new StoreProbe(db))
                phase = !killed ? Missed : probe.Stories == 0 ? "cleared, not written" : probe.StateSavedAt != savedBefore ? "written" : "before any write";
            // The next command alternates: recluster again, or an ingest of the same input (all duplicates).
            var next = kill % 2 == 0 ? new[] { "recluster", "--db", db } : new[] { "ingest", input, "--db", db };
            Resume($"recluster kill {kill} ({phase}) then {next[0]}", () => CliProcess.Run(Patience, next), db, expected, phase);
            DeleteStore(db);
        }
        Report("recluster", clock);
    }

    [SharedFact(Corpus)]
    public void Serve_killed_during_a_post_is_completed_by_the_next_start_and_the_client_posting_again()
    {
        var clock = Stopwatch.StartNew();
        var perChunk = ArticleCount / ServeChunks;
        var chunks = InputLines().Chunk(perChunk).Select(lines => string.Join('\n', lines) + "\n").ToArray();
        using var http = new HttpClient { Timeout = Patience };

        // The uninterrupted run: the chunks posted one after the other, then an orderly stop.
        var reference = _folder.File("reference.db");
        var postTimes = new TimeSpan[chunks.Length];
        var groupTimes = new TimeSpan[chunks.Length];
        using (var server = CliProcess.Start("serve", "--db", reference, "--urls", "http://127.0.0.1:0"))
        {
            var address = server.WaitForListening(Patience);
            for (var i = 0; i < chunks.Length; i++)
            {
                var post = Stopwatch.StartNew();
                var posting = Post(http, address, chunks[i]);
                var stored = WaitUntil(reference, p => p.Articles >= (i + 1) * perChunk || posting.IsCompleted);
                posting.GetAwaiter().GetResult().EnsureSuccessStatusCode();
                postTimes[i] = post.Elapsed;
                groupTimes[i] = post.Elapsed - stored;
            }
            server.Terminate(Patience).Should().Be(0);
        }
        var expected = Snapshot(reference);
        var expectedWithoutLabels = Snapshot(reference, labels: false);
        var random = new Random(1705);

        for (var kill = 0; kill < Kills; kill++)
        {
            var db = _folder.File($"serve-{kill}.db");
            var killed = random.Next(chunks.Length);
            bool hit;
            long before;
            using (var server = CliProcess.Start("serve", "--db", db, "--urls", "http://127.0.0.1:0"))
            {
                var address = server.WaitForListening(Patience);
                for (var i = 0; i < killed; i++) Post(http, address, chunks[i]).GetAwaiter().GetResult().EnsureSuccessStatusCode();
                before = killed * perChunk;
                var posting = Post(http, address, chunks[killed]);
                hit = KillAtRandom(server, db, random, postTimes[killed] * 0.9, before + perChunk, groupTimes[killed] * 0.6, before);
                try { posting.GetAwaiter().GetResult(); } catch (HttpRequestException) { } // the answer died with the server
            }
            string phase;
            using (var probe = new StoreProbe(db))
                phase = !hit ? Missed : probe.Articles == before ? "reading" : probe.Articles < before + perChunk ? "storing" : probe.Pending > 0 ? "grouping" : "after grouping";

            // The next start groups what was left pending before it takes requests; the client then posts again from the
            // batch that got no answer (what was stored of it comes back as duplicates).
            Resume($"serve kill {kill} in batch {killed} ({phase})", () =>
            {
                using var server = CliProcess.Start("serve", "--db", db, "--urls", "http://127.0.0.1:0");
                var address = server.WaitForListening(Patience);
                WaitUntil(db, p => p.Pending == 0);
                using (var probe = new StoreProbe(db))
                    foreach (var problem in probe.Violations()) _problems.Add($"serve kill {kill} ({phase}), after the next start: {problem}");
                for (var i = killed; i < chunks.Length; i++) Post(http, address, chunks[i]).GetAwaiter().GetResult().EnsureSuccessStatusCode();
                var code = server.Terminate(Patience);
                if (code != 0) throw new InvalidOperationException($"serve exited with {code}: {server.Output}");
                return server.Output;
            }, db, phase == "storing" ? expectedWithoutLabels : expected, phase, labels: phase != "storing");
            DeleteStore(db);
        }
        Report("serve", clock);
    }

    private static string IngestPhase(string db)
    {
        using var probe = new StoreProbe(db);
        return probe.Articles == 0 ? "reading" : probe.Articles < ArticleCount ? "storing" : probe.Pending > 0 ? "grouping" : "after grouping";
    }

    /// <summary>The first articles of the corpus, in its order.</summary>
    private static string[] InputLines() => File.ReadLines(SharedData.Find(Corpus)!).Take(ArticleCount).ToArray();

    /// <summary>The same articles as a JSON Lines file.</summary>
    private string Input() => _folder.Write("input.jsonl", string.Join('\n', InputLines()) + "\n");

    private static Task<HttpResponseMessage> Post(HttpClient http, string address, string body) =>
        http.PostAsync(address.TrimEnd('/') + "/api/articles", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));

    /// <summary>
    /// Kills the process at a seeded random moment, in one of three ways: within <paramref name="early"/> from now; as
    /// soon as the store holds a random number of articles between <paramref name="storedBefore"/> and
    /// <paramref name="allStoredAt"/> (a kill between two store transactions); or, half the time, within
    /// <paramref name="lateWindow"/> after it holds them all, i.e. while they are grouped. The times come from the
    /// uninterrupted run and the machine's load changes them: a kill that comes after the end (a miss: false) makes the
    /// next ones sooner.
    /// </summary>
    private bool KillAtRandom(CliProcess cli, string db, Random random, TimeSpan early, long? allStoredAt, TimeSpan lateWindow, long storedBefore = 0)
    {
        var way = allStoredAt is null ? 0 : random.Next(4); // 0: early, 1: while storing, 2 and 3: while grouping
        var fraction = random.NextDouble() * _pace;
        if (way == 1)
        {
            var threshold = storedBefore + 1 + random.NextInt64(allStoredAt!.Value - storedBefore - 1);
            WaitUntil(db, p => p.Articles >= threshold || cli.HasExited);
        }
        else if (way >= 2)
        {
            WaitUntil(db, p => p.Articles >= allStoredAt || cli.HasExited);
            Thread.Sleep(lateWindow * fraction);
        }
        else
        {
            Thread.Sleep(early * fraction);
        }
        if (cli.KillNine()) return true;
        _pace *= 0.6;
        return false;
    }

    /// <summary>Runs the next command, then checks the store it leaves against the uninterrupted run.</summary>
    /// <remarks>
    /// A story's label is computed when the story changes, from the term weights of that moment: after a kill in the
    /// middle of a POST the restart groups part of the batch and the repeated POST the rest, so stories untouched by
    /// the second part keep a label from the first; those trials compare all but the labels (<paramref name="labels"/>).
    /// </remarks>
    private void Resume(string trial, Func<string> next, string db, IReadOnlyList<string> expected, string phase, bool labels = true)
    {
        Tally(phase);
        try
        {
            next();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
        {
            _problems.Add($"{trial}: the next command failed: {e.Message}");
            return;
        }
        using var probe = new StoreProbe(db);
        foreach (var problem in probe.Violations()) _problems.Add($"{trial}: {problem}");
        if (StoreProbe.FirstDifference(expected, probe.Snapshot(labels)) is { } difference)
            _problems.Add($"{trial}: differs from an uninterrupted run at {difference}");
    }

    /// <summary>Runs a command to its end, noting when the store first held every input article and when it ended.</summary>
    private static (TimeSpan AllStored, TimeSpan End) RunTimed(string db, params string[] args)
    {
        using var cli = CliProcess.Start([.. args, "--db", db]);
        var allStored = args[0] == "ingest" ? WaitUntil(db, p => p.Articles >= ArticleCount || cli.HasExited) : TimeSpan.Zero;
        var code = cli.WaitForExit(Patience);
        if (code != 0) throw new InvalidOperationException($"recoupe {args[0]} exited with {code}: {cli.Output}");
        return (allStored, cli.Clock.Elapsed);
    }

    /// <summary>Polls the store (one connection, kept while it works) until <paramref name="done"/> holds; returns how long that took.</summary>
    private static TimeSpan WaitUntil(string db, Func<StoreProbe, bool> done)
    {
        var clock = Stopwatch.StartNew();
        StoreProbe? probe = null;
        try
        {
            while (clock.Elapsed < Patience)
            {
                try
                {
                    if (probe is null && File.Exists(db)) probe = new StoreProbe(db);
                    if (probe is not null && done(probe)) return clock.Elapsed;
                }
                catch (SqliteException)
                {
                    // Created or migrated at this very moment: look again on a new connection.
                    probe?.Dispose();
                    probe = null;
                }
                Thread.Sleep(2);
            }
        }
        finally
        {
            probe?.Dispose();
        }
        throw new TimeoutException($"{Path.GetFileName(db)}: condition not reached within {Patience}");
    }

    private static IReadOnlyList<string> Snapshot(string db, bool labels = true)
    {
        using var probe = new StoreProbe(db);
        probe.Violations().Should().BeEmpty("an uninterrupted run leaves a complete store");
        return probe.Snapshot(labels);
    }

    private string CopyStore(string from, string name)
    {
        var to = _folder.File(name);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(from + suffix)) File.Copy(from + suffix, to + suffix, overwrite: true);
        return to;
    }

    private static void DeleteStore(string db)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(db + suffix);
    }

    private void Tally(string phase) => _phases[phase] = _phases.GetValueOrDefault(phase) + 1;

    private void Report(string command, Stopwatch clock)
    {
        var phases = string.Join(", ", _phases.Select(p => $"{p.Key} {p.Value}"));
        var kills = Kills - _phases.GetValueOrDefault(Missed);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kill -9 {command}: {kills} kills in {Kills} runs over {ArticleCount} fr-news articles; phases hit: {phases}; " +
            $"{(_problems.Count == 0 ? "all checks passed" : $"{_problems.Count} problems")} ({clock.Elapsed.TotalSeconds:0} s)"));
        foreach (var problem in _problems.Take(40)) output.WriteLine("  " + problem);
        _problems.Should().BeEmpty();
    }
}
