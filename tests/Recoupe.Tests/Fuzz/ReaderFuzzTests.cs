using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Xunit.Abstractions;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Ingest;

namespace Recoupe.Tests.Fuzz;

/// <summary>
/// Fuzzing and property tests over the readers (text, HTML, JSON Lines, RSS/Atom, gzip) and the text stages, with
/// fixed seeds and a fixed time budget per target: about 55 s each when CI=true (5.5 min in all), 3.5 s otherwise.
/// Each case must end with articles or the readers' own failures (never an exception, never "internal error"),
/// allocate at most a constant times its size plus a margin, and take at most 2 s per MB of the test thread's CPU time
/// (plus a margin for small cases, where a collection dominates; CPU time, so that a loaded machine does not fail a
/// case). The budget itself is wall-clock time. A summary is printed per target.
/// </summary>
public sealed class ReaderFuzzTests(ITestOutputHelper output)
{
    private static bool InCi => Environment.GetEnvironmentVariable("CI") is { } ci && (ci == "1" || ci.Equals("true", StringComparison.OrdinalIgnoreCase));

    private static TimeSpan Budget => TimeSpan.FromSeconds(InCi ? 55 : 3.5);

    private const double SecondsPerMegabyte = 2.0;
    private const double MarginSeconds = 1.5;
    private const double Megabyte = 1024 * 1024;

    /// <summary>Readers: bytes read in, strings and items out; the bound leaves room for UTF-16 copies and XML trees.</summary>
    private const long ReaderAllocationPerByte = 24;
    /// <summary>Readers then every stage (tokens, spans, annotations of each word).</summary>
    private const long PipelineAllocationPerByte = 400;
    private const long AllocationMargin = 16 * 1024 * 1024;

    /// <summary>Small item limit so that bombs and huge shapes stop early and many cases fit in the budget.</summary>
    private static readonly ReadLimits Limits = ReadLimits.Default with { MaxArticleBytes = 4 * 1024 * 1024 };

    [Fact]
    public void The_text_reader_ends_every_fuzzed_input_with_articles_or_named_failures_within_bounds() =>
        FuzzReader("text", 1701, inputs => inputs.Next(FuzzFormat.Text, gzip: false));

    [Fact]
    public void The_html_reader_ends_every_fuzzed_input_with_articles_or_named_failures_within_bounds() =>
        FuzzReader("html", 1702, inputs => inputs.Next(FuzzFormat.Html, gzip: false));

    [Fact]
    public void The_json_lines_reader_ends_every_fuzzed_input_with_articles_or_named_failures_within_bounds() =>
        FuzzReader("json lines", 1703, inputs => inputs.Next(FuzzFormat.JsonLines, gzip: false));

    [Fact]
    public void The_feed_reader_ends_every_fuzzed_input_with_articles_or_named_failures_within_bounds() =>
        FuzzReader("rss/atom", 1704, inputs => inputs.Next(FuzzFormat.Feed, gzip: false));

    [Fact]
    public void Gzipped_inputs_and_gzip_bombs_end_with_articles_or_named_failures_within_bounds()
    {
        var formats = Enum.GetValues<FuzzFormat>();
        var n = 0;
        FuzzReader("gzip", 1705, inputs =>
        {
            var format = formats[n % formats.Length];
            return n++ % 10 == 9 ? inputs.Bomb(format) : inputs.Next(format, gzip: true);
        });
    }

    [Fact]
    public void The_text_stages_process_every_fuzzed_article_within_bounds()
    {
        var pipeline = DefaultPipeline.Create();
        // Warm up: the first article loads every language resource, which no input should be charged for.
        foreach (var sample in ArticleReader.Read([Path.Combine(Support.SharedData.SamplesDir, "articles")]).OfType<ReadArticle>())
            pipeline.Process(sample.Article);
        var formats = Enum.GetValues<FuzzFormat>();
        var inputs = new FuzzInputs(1706);
        var stats = new FuzzStats("text stages");
        var clock = Stopwatch.StartNew();
        for (var n = 0; clock.Elapsed < Budget; n++)
        {
            var fuzz = inputs.Next(formats[n % formats.Length], gzip: false);
            foreach (var item in ArticleReader.ReadBytes("fuzz", fuzz.Bytes, fuzz.Hint, Limits).OfType<ReadArticle>())
            {
                var size = Math.Max(item.Article.Raw.Length, 1);
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var started = ThreadClock.Now();
                try
                {
                    pipeline.Process(item.Article);
                }
                catch (ArticleRejectedException)
                {
                    // the pipeline's documented refusal of an input with no article in it
                }
                catch (Exception e)
                {
                    Assert.Fail($"case {n} ({fuzz.Recipe}): the pipeline threw {e.GetType().Name}: {e.Message}");
                }
                stats.Add(n, fuzz.Recipe, size, ThreadClock.Now() - started, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore,
                    PipelineAllocationPerByte);
            }
        }
        stats.Report(output, Budget);
    }

    private void FuzzReader(string name, int seed, Func<FuzzInputs, FuzzCase> next)
    {
        var inputs = new FuzzInputs(seed);
        var stats = new FuzzStats(name);
        var clock = Stopwatch.StartNew();
        for (var n = 0; clock.Elapsed < Budget; n++)
        {
            var fuzz = next(inputs);
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var started = ThreadClock.Now();
            List<ReadItem> items;
            try
            {
                items = ArticleReader.ReadBytes("fuzz", fuzz.Bytes, fuzz.Hint, Limits).ToList();
            }
            catch (Exception e)
            {
                Assert.Fail($"case {n} ({fuzz.Recipe}): the reader threw {e.GetType().Name}: {e.Message}");
                return;
            }
            var elapsed = ThreadClock.Now() - started;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            items.Should().NotBeEmpty($"case {n} ({fuzz.Recipe}) gives an article or a failure");
            foreach (var failure in items.OfType<ReadFailure>())
                failure.Error.Should().NotStartWith("internal error", $"case {n} ({fuzz.Recipe}) fails with a reader's own error");
            // What the reader had to look at: the content once inflated, up to where the limits stop it.
            stats.Add(n, fuzz.Recipe, ReadSize(fuzz), elapsed, allocated, ReaderAllocationPerByte);
        }
        stats.Report(output, Budget);
    }

    /// <summary>The input's size as read: inflated when gzipped, counted up to the point where a reader must stop.</summary>
    private static long ReadSize(FuzzCase fuzz)
    {
        if (fuzz.Bytes is not [0x1F, 0x8B, ..]) return fuzz.Bytes.Length;
        var cap = 2 * Limits.MaxArticleBytes;
        try
        {
            using var gz = new GZipStream(new MemoryStream(fuzz.Bytes), CompressionMode.Decompress);
            var buffer = new byte[81920];
            long total = 0;
            int n;
            while (total < cap && (n = gz.Read(buffer)) > 0) total += n;
            return Math.Min(total, cap);
        }
        catch (InvalidDataException)
        {
            return fuzz.Bytes.Length;
        }
    }

    private sealed class FuzzStats(string name)
    {
        private int _cases;
        private long _bytes;
        private double _worstSecondsPerMegabyte;
        private string _worstTimeCase = "none";
        private double _worstAllocationRatio;
        private string _worstAllocationCase = "none";

        public void Add(int n, string recipe, long size, TimeSpan elapsed, long allocated, long allocationPerByte)
        {
            _cases++;
            _bytes += size;
            var megabytes = size / Megabyte;
            var allowed = SecondsPerMegabyte * megabytes + MarginSeconds;
            elapsed.TotalSeconds.Should().BeLessThanOrEqualTo(allowed,
                $"case {n} ({recipe}, {size:N0} bytes) must take at most {SecondsPerMegabyte} s per MB (+{MarginSeconds} s)");
            allocated.Should().BeLessThanOrEqualTo(allocationPerByte * size + AllocationMargin,
                $"case {n} ({recipe}, {size:N0} bytes) must allocate at most {allocationPerByte} bytes per input byte (+16 MB)");
            // Ratios are only telling on inputs large enough for the margin not to hide them.
            if (size < 64 * 1024) return;
            var perMegabyte = elapsed.TotalSeconds / megabytes;
            if (perMegabyte > _worstSecondsPerMegabyte) (_worstSecondsPerMegabyte, _worstTimeCase) = (perMegabyte, $"{recipe}, {size:N0} bytes");
            var ratio = (double)allocated / size;
            if (ratio > _worstAllocationRatio) (_worstAllocationRatio, _worstAllocationCase) = (ratio, $"{recipe}, {size:N0} bytes");
        }

        public void Report(ITestOutputHelper output, TimeSpan budget)
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"fuzz {name}: {_cases} cases, {_bytes / Megabyte:0.0} MB read in a {budget.TotalSeconds:0.#} s budget (CI={InCi}); " +
                $"worst {_worstSecondsPerMegabyte:0.000} s/MB of {ThreadClock.Kind} ({_worstTimeCase}); worst allocation {_worstAllocationRatio:0.0} bytes per byte ({_worstAllocationCase})");
            output.WriteLine(line);
            Console.WriteLine(line);
            _cases.Should().BeGreaterThan(0);
        }
    }
}
