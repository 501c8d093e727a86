using Recoupe.Bench;
using Recoupe.Tests.Support;
using Recoupe.Web.Tests.Support;
using Xunit.Abstractions;

namespace Recoupe.Web.Tests.Hardening;

/// <summary>
/// Issue 17: the server stays under its memory ceiling with 8 concurrent hostile requests beside normal writers, who
/// see no error. A short run of <c>bench/load --hostile</c> (which prints the full figures) on the server in a process
/// of its own, so that its peak memory (VmHWM) is its own.
/// </summary>
public sealed class HostileLoadTests(ITestOutputHelper output)
{
    private const long Ceiling = 1L << 30;

    [Fact]
    public async Task Normal_writers_see_no_error_and_the_server_stays_under_its_memory_ceiling_beside_hostile_requests()
    {
        if (!OperatingSystem.IsLinux()) return; // VmHWM is read from /proc
        var batches = NormalBatches();
        using var server = await ServerChild.StartAsync(new Dictionary<string, string>
        {
            ["Recoupe:MaxInFlightBytes"] = (Ceiling / 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Recoupe:BodyTimeoutSeconds"] = "3",
        });
        var result = await HostileLoad.RunAsync(server.Address, server.Pid, new HostileLoadOptions(batches,
            NormalWriters: 2, HostileClients: 8, Duration: TimeSpan.FromSeconds(15),
            InflatedBytes: 256L << 20, NestingDepth: 20_000));

        output.WriteLine($"normal: {result.NormalRequests} requests, {result.NormalRetries} retries, {result.NormalErrors.Count} errors");
        foreach (var (kind, outcomes) in result.HostileOutcomes)
            output.WriteLine($"hostile {kind}: {string.Join(", ", outcomes.Select(o => $"{o.Key} x{o.Value}"))}");
        output.WriteLine($"peak working set {result.PeakWorkingSetBytes >> 20} MB in {result.Elapsed.TotalSeconds:0.0} s");

        result.NormalErrors.Should().BeEmpty();
        result.NormalRequests.Should().BeGreaterThan(0);
        result.HostileOutcomes.Values.SelectMany(o => o.Keys).Should().NotContain("500", "a hostile body is refused with a reason, never a crash");
        result.HostileOutcomes.Keys.Should().Contain(["gzip Content-Encoding", "gzipped JSON Lines", "gzipped feed", "nested JSON", "huge body", "slow drip"]);
        result.PeakWorkingSetBytes.Should().BeInRange(1, Ceiling);
    }

    /// <summary>Real articles: the fr-news corpus from ../shared when present, else the bundled samples' JSON Lines.</summary>
    private static List<string> NormalBatches()
    {
        var corpus = SharedData.Find(Path.Combine("corpus", "fr-news", "articles.jsonl"));
        var lines = corpus is not null
            ? File.ReadLines(corpus).Where(l => l.Length > 0).Take(2000).ToList()
            : Directory.EnumerateFiles(Path.Combine(SharedData.SamplesDir, "articles"), "*.jsonl", SearchOption.AllDirectories)
                .SelectMany(File.ReadLines).Where(l => l.Length > 0).ToList();
        return lines.Chunk(20).Select(c => string.Join("\n", c)).ToList();
    }
}
