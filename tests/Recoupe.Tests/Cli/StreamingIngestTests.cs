using System.CommandLine;
using System.Diagnostics;
using System.IO.Pipes;
using System.Text;
using Recoupe.Cli;
using Recoupe.Cli.Commands;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;
using Xunit.Abstractions;

namespace Recoupe.Tests.Cli;

/// <summary><c>ingest -</c> fed over time: each article is stored, and in a story, as it arrives, not at the end of the input.</summary>
public sealed class StreamingIngestTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = TestArticles.TempFolder();
    private string Db => _folder.File("stream.db");

    public void Dispose() => _folder.Dispose();

    private const string First =
        """{"title":"Le conseil de Nantes adopte le budget","text":"Les élus de Nantes ont adopté lundi soir le budget municipal pour l'année prochaine. La maire, Johanna Rolland, a défendu un budget prudent face à la hausse des prix de l'énergie. L'opposition a voté contre, dénonçant une hausse des impôts locaux de 3 %.","outlet":"Ouest Matin","date":"2026-03-02"}""";

    private const string Second =
        """{"title":"Tempête sur la Bretagne","text":"Des rafales à 150 km/h ont privé 20 000 foyers d'électricité dans le Finistère dans la nuit de dimanche à lundi. Les équipes d'Enedis étaient mobilisées dès l'aube pour rétablir le courant. Météo-France a levé la vigilance orange en fin de matinée.","outlet":"Brest Soir","date":"2026-03-02"}""";

    /// <summary>Three more articles, each written once the one before is in a story and after a pause.</summary>
    private static readonly string[] Later =
    [
        """{"title":"Nantes vote son budget","text":"Le conseil municipal de Nantes a voté lundi le budget de l'an prochain. Johanna Rolland défend un budget prudent malgré la hausse de l'énergie, tandis que l'opposition dénonce 3 % d'impôts locaux en plus.","outlet":"Presse Ouest","date":"2026-03-02"}""",
        """{"title":"Le port de Lorient fête ses cent ans","text":"Le port de pêche de Lorient a célébré samedi son centenaire devant 8 000 visiteurs. Les armateurs ont présenté trois nouveaux chalutiers, et la région a promis 12 millions d'euros pour moderniser les quais.","outlet":"Brest Soir","date":"2026-03-03"}""",
        """{"title":"Rennes ouvre une nouvelle ligne de métro","text":"La deuxième ligne du métro de Rennes transporte ses premiers voyageurs depuis mardi matin. La métropole attend 100 000 passagers par jour sur ses quinze stations d'ici la fin de l'année.","outlet":"Ouest Matin","date":"2026-03-04"}""",
    ];

    [Fact]
    public async Task Each_article_read_from_standard_input_is_stored_and_in_a_story_before_the_next_line_arrives_within_two_seconds_once_started()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        using var standardInput = new AnonymousPipeClientStream(PipeDirection.In, pipe.ClientSafePipeHandle);
        var root = CliRoot.Create(IngestCommand.Create(new IngestServices { OpenStandardInput = () => standardInput }));
        var outText = new StringWriter();
        var errorText = new StringWriter();
        var run = Task.Run(() => CliRoot.Run(root, ["ingest", "-", "--db", Db], new InvocationConfiguration { Output = outText, Error = errorText }));

        // The first line also waits for the command to start (store created, code compiled, word lists read).
        var first = await WriteAndWaitUntilGrouped(First, 1);
        output.WriteLine($"line 1 (command starting): stored and in a story {first.TotalSeconds:0.00} s after it was written");
        var latencies = new List<TimeSpan>();
        var lines = new[] { Second }.Concat(Later).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            run.IsCompleted.Should().BeFalse("the input is still open");
            await Task.Delay(300); // a pause in the input
            latencies.Add(await WriteAndWaitUntilGrouped(lines[i], i + 2));
            output.WriteLine($"line {i + 2}: stored and in a story {latencies[^1].TotalSeconds:0.00} s after it was written");
        }
        pipe.Dispose(); // end of input
        (await run).Should().Be(ExitCodes.Ok, errorText.ToString());
        outText.ToString().Should().Contain("read 5, stored 5").And.Contain("stories: 5 article(s) clustered");
        using (var articles = new SqliteArticleStore(Db)) articles.Count().Should().Be(5);
        using (var alerts = new SqliteAlertStore(Db, createIfMissing: false))
            alerts.Position().Should().Be(5, "story alerts were checked, beside the work, up to the last article grouped");

        // A median: one line held up by a loaded machine says nothing about the command; most of them held up would.
        var median = latencies.Order().ElementAt(latencies.Count / 2);
        output.WriteLine($"median {median.TotalSeconds:0.00} s over {latencies.Count} lines");
        median.Should().BeLessThan(TimeSpan.FromSeconds(2), "a running ingest - stores and groups each line within 2 s");

        async Task<TimeSpan> WriteAndWaitUntilGrouped(string line, int count)
        {
            var clock = Stopwatch.StartNew();
            pipe.Write(Encoding.UTF8.GetBytes(line + "\n"));
            pipe.Flush();
            var limit = TimeSpan.FromSeconds(60);
            while (clock.Elapsed < limit)
            {
                if (File.Exists(Db))
                {
                    try
                    {
                        using var stories = new SqliteStoryStore(Db, createIfMissing: false);
                        if (stories.Assignments().Count >= count && stories.PendingArticles() == 0) return clock.Elapsed;
                    }
                    catch (InvalidOperationException) { /* the command is creating the file */ }
                }
                await Task.Delay(20);
            }
            throw new TimeoutException($"no {count} grouped article(s) within {limit.TotalSeconds} s; stderr: {errorText}");
        }
    }
}
