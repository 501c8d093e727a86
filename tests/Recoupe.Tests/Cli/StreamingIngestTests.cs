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

    [Fact]
    public async Task An_article_read_from_standard_input_is_stored_and_grouped_before_the_next_line_arrives()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        using var standardInput = new AnonymousPipeClientStream(PipeDirection.In, pipe.ClientSafePipeHandle);
        var root = CliRoot.Create(IngestCommand.Create(new IngestServices { OpenStandardInput = () => standardInput }));
        var outText = new StringWriter();
        var errorText = new StringWriter();
        var run = Task.Run(() => CliRoot.Run(root, ["ingest", "-", "--db", Db], new InvocationConfiguration { Output = outText, Error = errorText }));

        var clock = Stopwatch.StartNew();
        pipe.Write(Encoding.UTF8.GetBytes(First + "\n"));
        pipe.Flush();
        var seenAfter = await WaitForGroupedArticles(1, TimeSpan.FromSeconds(30));
        output.WriteLine($"first article stored and in a story {seenAfter.TotalSeconds:0.00} s after its line was written");
        run.IsCompleted.Should().BeFalse("the input is still open");

        pipe.Write(Encoding.UTF8.GetBytes(Second + "\n"));
        pipe.Dispose(); // end of input
        (await run).Should().Be(ExitCodes.Ok, errorText.ToString());
        outText.ToString().Should().Contain("read 2, stored 2").And.Contain("stories: 2 article(s) clustered");
        using var articles = new SqliteArticleStore(Db);
        articles.Count().Should().Be(2);
        seenAfter.Should().BeLessThan(TimeSpan.FromSeconds(30));

        async Task<TimeSpan> WaitForGroupedArticles(int count, TimeSpan limit)
        {
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
                await Task.Delay(50);
            }
            throw new TimeoutException($"no {count} grouped article(s) within {limit.TotalSeconds} s; stderr: {errorText}");
        }
    }
}
