using Outcome = Recoupe.Tests.Cli.CliRun;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using Recoupe.Cli.Commands;
using Recoupe.Cli.Startup;
using Recoupe.Cli;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Ingest;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Cli;

/// <summary>
/// The commands end to end, in process: parse real arguments, run, capture standard output and error.
/// Ingest uses a plain-text reader and a blank-line pipeline written here, so these tests check the commands,
/// not the readers' or the cleaning stages' work (tested on their own).
/// </summary>
public sealed class CliCommandTests : IDisposable
{
    private const string Council =
        "Le conseil vote le budget\n\nLes élus de Nantes ont adopté lundi le budget municipal.\n\n« C'est un budget prudent », a dit la maire.";
    private const string Storm =
        "Tempête sur la Bretagne\n\nDes rafales à 150 km/h ont privé 20 000 foyers d'électricité.";

    private readonly TempFolder _folder = TestArticles.TempFolder();
    private string Db => _folder.File("cli.db");

    public void Dispose() => _folder.Dispose();

    private Outcome Run(params string[] args) => Run(Root(), args);

    private static Outcome Run(RootCommand root, string[] args) => Outcome.Of(args, root);

    private RootCommand Root(Stream? standardInput = null) => CliRoot.Create(
        IngestCommand.Create(new IngestServices
        {
            CreatePipeline = () => TestArticles.Pipeline(),
            Read = ReadPlainText,
            OpenStandardInput = () => standardInput ?? Stream.Null,
        }),
        ArticlesCommand.Create(),
        ArticleCommand.Create());

    /// <summary>Each path is one plain-text article; "-" is standard input; a missing file is a read failure.</summary>
    private static IEnumerable<ReadItem> ReadPlainText(IReadOnlyList<string> inputs, Stream? standardInput)
    {
        foreach (var input in inputs)
        {
            if (input == "-")
            {
                using var reader = new StreamReader(standardInput!, Encoding.UTF8);
                yield return new ReadArticle(TestArticles.Raw(reader.ReadToEnd(), "-"));
            }
            else if (File.Exists(input))
                yield return new ReadArticle(TestArticles.Raw(File.ReadAllText(input), input));
            else
                yield return new ReadFailure(input, "no such file");
        }
    }

    [Fact]
    public void Ingest_stores_the_files_and_reports_counts()
    {
        var council = _folder.Write("council.txt", Council);
        var storm = _folder.Write("storm.txt", Storm);

        var result = Run("ingest", council, storm, "--db", Db);

        result.ExitCode.Should().Be(0);
        result.Error.Should().BeEmpty();
        result.Out.Should().StartWith("read 2, stored 2, duplicates 0, failed 0");
        using var store = new SqliteArticleStore(Db);
        store.All().Select(a => a.Raw.Source).Should().Equal(council, storm);
    }

    [Fact]
    public void Ingest_again_reports_duplicates_and_stores_nothing()
    {
        var council = _folder.Write("council.txt", Council);
        Run("--db", Db, "ingest", council).ExitCode.Should().Be(0);

        var again = Run("--db", Db, "ingest", council, "--json");

        again.ExitCode.Should().Be(0);
        using var json = JsonDocument.Parse(again.Out);
        var root = json.RootElement;
        root.GetProperty("read").GetInt32().Should().Be(1);
        root.GetProperty("stored").GetInt32().Should().Be(0);
        root.GetProperty("duplicates").GetInt32().Should().Be(1);
        var item = root.GetProperty("items")[0];
        item.GetProperty("status").GetString().Should().Be("duplicate");
        item.GetProperty("id").GetInt64().Should().Be(1);
    }

    [Fact]
    public void A_failed_input_is_named_on_stderr_the_others_are_stored_and_the_exit_code_is_1()
    {
        var council = _folder.Write("council.txt", Council);
        var missing = _folder.File("missing.txt");
        var blank = _folder.Write("blank.txt", "\n\n   \n");
        var storm = _folder.Write("storm.txt", Storm);

        var result = Run("ingest", council, missing, blank, storm, "--db", Db);

        result.ExitCode.Should().Be(1);
        result.Out.Should().StartWith("read 4, stored 2, duplicates 0, failed 2");
        result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            $"recoupe: {missing}: no such file",
            $"recoupe: {blank}: rejected: no article text left after cleaning");
        Run("articles", "--db", Db, "--json").Out.Should().Contain("\"id\": 2");
    }

    [Fact]
    public void Ingest_reads_standard_input_given_as_dash()
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(Storm));

        var result = Run(Root(input), ["ingest", "-", "--db", Db]);

        result.ExitCode.Should().Be(0);
        using var store = new SqliteArticleStore(Db);
        var article = store.Get(1)!;
        article.Raw.Source.Should().Be("-");
        article.Text.Should().Be(Storm);
    }

    [Fact]
    public void Articles_lists_a_table_and_json()
    {
        IngestTwo();
        using (var store = new SqliteArticleStore(Db)) store.Count().Should().Be(2);

        var table = Run("articles", "--db", Db);
        var json = Run("articles", "--db", Db, "--json");
        var limited = Run("articles", "--db", Db, "--json", "--limit", "1");

        table.ExitCode.Should().Be(0);
        var lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().MatchRegex(@"^ID\s+DATE\s+OUTLET\s+LANG\s+TITLE$");
        lines.Should().HaveCount(3);
        lines[1].Should().MatchRegex(@"^ 1\s+unknown outlet\s+und\s*$", "no stage set a date or title yet, and no outlet is known");
        using var doc = JsonDocument.Parse(json.Out);
        doc.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).Should().Equal(1, 2);
        doc.RootElement[0].TryGetProperty("language", out _).Should().BeTrue("JSON names are camelCase");
        using var one = JsonDocument.Parse(limited.Out);
        one.RootElement.GetArrayLength().Should().Be(1);
    }

    [Fact]
    public void Article_prints_metadata_and_clean_text_or_the_raw_input()
    {
        var council = _folder.Write("council.txt", "\n\n" + Council + "\n\n\n");
        Run("ingest", council, "--db", Db).ExitCode.Should().Be(0);

        var text = Run("article", "1", "--db", Db);
        var raw = Run("article", "1", "--raw", "--db", Db);

        text.ExitCode.Should().Be(0);
        text.Out.Should().Contain($"Source:     {council} (Text)");
        text.Out.Should().Contain(Council + "\n\nEntities (", "the cleaned text follows the metadata, then the extraction sections");
        raw.Out.Should().Be("\n\n" + Council + "\n\n\n", "--raw prints the original input exactly");
    }

    [Fact]
    public void Article_json_gives_spans_with_the_text_they_cover()
    {
        var council = _folder.Write("council.txt", Council);
        Run("ingest", council, "--db", Db);
        // Add a quote span the way a quotes stage would, then read it back through the command.
        using (var store = new SqliteArticleStore(_folder.File("quotes.db")))
        {
            var document = TestArticles.Pipeline(new QuoteMarks()).Process(TestArticles.Raw(Council, council));
            store.Add(document);
        }

        var result = Run("article", "1", "--db", _folder.File("quotes.db"), "--json", "--raw");

        result.ExitCode.Should().Be(0);
        using var json = JsonDocument.Parse(result.Out);
        var article = json.RootElement;
        var text = article.GetProperty("text").GetString()!;
        article.GetProperty("id").GetInt64().Should().Be(1);
        article.GetProperty("format").GetString().Should().Be("text");
        article.GetProperty("raw").GetString().Should().Be(Council);
        var paragraphs = article.GetProperty("paragraphs").EnumerateArray().ToList();
        paragraphs.Should().HaveCount(3);
        foreach (var span in paragraphs)
            span.GetProperty("text").GetString().Should().Be(
                text[span.GetProperty("start").GetInt32()..span.GetProperty("end").GetInt32()]);
        var quote = article.GetProperty("quotes")[0];
        quote.GetProperty("kind").GetString().Should().Be("direct");
        quote.GetProperty("text").GetString().Should().Be("« C'est un budget prudent »");
        var evidence = quote.GetProperty("evidence");
        evidence.GetProperty("articleId").GetInt64().Should().Be(1);
        evidence.GetProperty("text").GetString().Should().Be(
            text[evidence.GetProperty("start").GetInt32()..evidence.GetProperty("end").GetInt32()]);
    }

    [Fact]
    public void Article_json_without_raw_leaves_the_raw_input_out()
    {
        IngestTwo();

        var result = Run("article", "2", "--db", Db, "--json");

        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.TryGetProperty("raw", out _).Should().BeFalse();
        json.RootElement.GetProperty("text").GetString().Should().Be(Storm);
    }

    [Fact]
    public void An_unknown_id_is_a_clear_error_with_exit_code_2()
    {
        IngestTwo();

        var result = Run("article", "99", "--db", Db);

        result.ExitCode.Should().Be(2);
        result.Out.Should().BeEmpty();
        result.Error.Trim().Should().Be($"recoupe: no article with id 99 in {Db}");
    }

    [Theory]
    [InlineData("article", "not-a-number")]
    [InlineData("articles", "--limit", "-1")]
    [InlineData("ingest")]
    [InlineData("ingest", "a.txt", "--parallel", "0")]
    public void A_command_line_that_does_not_parse_exits_2_with_the_problem_on_stderr(params string[] args)
    {
        var result = Run(args);

        result.ExitCode.Should().Be(2);
        result.Out.Should().BeEmpty();
        result.Error.Should().StartWith("recoupe: ").And.Contain($"see 'recoupe {args[0]} --help'");
        File.Exists(Db).Should().BeFalse();
    }

    [Fact]
    public void Reading_commands_refuse_a_missing_database_without_creating_it()
    {
        var result = Run("articles", "--db", Db);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain($"no database at {Db}");
        File.Exists(Db).Should().BeFalse();
    }

    [Fact]
    public void The_program_registers_the_commands_and_global_options()
    {
        IngestTwo();
        var root = Program.BuildRoot();

        root.Subcommands.Select(c => c.Name).Should().Contain(["ingest", "articles", "article"]);
        var listed = Run(root, ["--db", Db, "articles", "--json"]);
        listed.ExitCode.Should().Be(0);
        JsonDocument.Parse(listed.Out).RootElement.GetArrayLength().Should().Be(2);
    }

    private void IngestTwo()
    {
        var result = Run("ingest", _folder.Write("council.txt", Council), _folder.Write("storm.txt", Storm), "--db", Db);
        result.ExitCode.Should().Be(0, result.Error);
    }

    /// <summary>Marks «…» as a direct quotation, as a quotes stage would.</summary>
    private sealed class QuoteMarks : IDocumentStage
    {
        public string Name => "quotes";

        public void Run(Document document)
        {
            var start = document.Text.IndexOf('«');
            var end = document.Text.IndexOf('»');
            if (start >= 0 && end > start) document.Quotes.Add(new Quotation(start, end + 1, QuoteKind.Direct));
        }
    }
}
