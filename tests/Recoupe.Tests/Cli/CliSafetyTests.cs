using System.CommandLine;
using Recoupe.Cli;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Cli;

/// <summary>
/// What a new user meets on a bad command line or a missing file (issue 17): one error line naming what was wrong,
/// the usage, exit code 2, never a stack trace, and never an empty database left behind. The real program's commands,
/// in process.
/// </summary>
public sealed class CliSafetyTests : IDisposable
{
    private readonly TempFolder _folder = TestArticles.TempFolder();
    private string Db => _folder.File("safety.db");

    public void Dispose() => _folder.Dispose();

    private static CliRun Run(params string[] args) => CliRun.Of(args);

    private static void ShouldBeAUsageError(CliRun result, string firstLine, string usageOf)
    {
        result.ExitCode.Should().Be(ExitCodes.Error, result.Error);
        result.Out.Should().BeEmpty();
        result.FirstErrorLine.Should().Be(firstLine);
        result.Error.Should().Contain("Usage:").And.Contain($"recoupe {usageOf}");
        result.Error.Should().NotContain("   at ", "no stack trace");
    }

    [Theory]
    [InlineData("--limit", "abc", "0 or more", "stories")]
    [InlineData("--limit", "abc", "0 or more", "articles")]
    [InlineData("--limit", "1.5", "0 or more", "quotes")]
    [InlineData("--limit", "-3", "0 or more", "figures")]
    [InlineData("--sentences", "abc", "1 or more", "digest", "ID")]
    [InlineData("--sentences", "0", "1 or more", "digest", "--all")]
    [InlineData("--parallel", "abc", "1 to 256", "ingest", "a.txt")]
    [InlineData("--parallel", "99999999999", "1 to 256", "reprocess")]
    public void A_number_option_given_something_else_is_one_line_naming_the_option_and_the_value_then_the_usage(
        string option, string value, string range, params string[] command)
    {
        var result = Run([.. command, option, value, "--db", Db]);

        ShouldBeAUsageError(result, $"recoupe: {option}: '{value}' is not a whole number ({range})", command[0]);
        File.Exists(Db).Should().BeFalse();
    }

    [Theory]
    [InlineData("notaurl", "is not an http:// or https:// URL (e.g. http://127.0.0.1:5080)")]
    [InlineData("ftp://127.0.0.1:21", "is not an http:// or https:// URL (e.g. http://127.0.0.1:5080)")]
    [InlineData("http://127.0.0.1:5080/base", "is not an address to listen on (a scheme, a host and a port, nothing else)")]
    [InlineData("http://127.0.0.1:5080;nope", "holds 'nope', which is not an http:// or https:// URL")]
    public void Serve_refuses_a_listening_address_that_is_not_an_http_url_before_starting(string urls, string problem)
    {
        var result = Run("serve", "--urls", urls, "--db", Db);

        ShouldBeAUsageError(result, $"recoupe: --urls: '{urls}' {problem}", "serve");
    }

    [Theory]
    [InlineData("*")]
    [InlineData("+")]
    [InlineData("localhost")]
    [InlineData("[::1]")]
    public void A_wildcard_or_named_host_with_a_port_is_a_listening_address(string host)
    {
        OptionValues.ListenUrls($"http://{host}:5080").Should().BeNull();
        OptionValues.ListenUrls($"http://127.0.0.1:5080; https://{host}:5443").Should().BeNull();
    }

    [Theory]
    [InlineData("digest", "--all", "--format", "pdf", "recoupe: --format: 'pdf' is not one of text, markdown, json, html")]
    [InlineData("digest", "--articles", "1,x", "recoupe: --articles: 'x' is not an article id (a whole number, 1 or more)")]
    [InlineData("digest", "--all", "--group", "agences", "recoupe: --group: 'agences' is not NAME=OUTLET[,OUTLET…]")]
    [InlineData("article", "x", "recoupe: <id>: 'x' is not a whole number (1 or more)")]
    [InlineData("quotes", "--speaker", " ", "recoupe: --speaker: ' ' is not a name")]
    public void Every_option_value_is_checked_while_parsing_and_named_in_the_error(params string[] argsThenLine)
    {
        var result = Run([.. argsThenLine[..^1], "--db", Db]);

        ShouldBeAUsageError(result, argsThenLine[^1], argsThenLine[0]);
    }

    [Fact]
    public void A_database_path_that_is_a_folder_is_refused_while_parsing()
    {
        var result = Run("stories", "--db", _folder.Path);

        ShouldBeAUsageError(result, $"recoupe: --db: '{_folder.Path}' is a folder, not a database file", "stories");
    }

    [Fact]
    public void Eval_html_names_a_missing_gold_file_and_folder_before_reading_anything()
    {
        var gold = _folder.File("gold.json");
        var pages = _folder.File("pages");

        var result = Run("eval", "html", gold, pages);

        result.ExitCode.Should().Be(ExitCodes.Error);
        result.Error.Split('\n').Take(2).Should().Equal($"recoupe: <gold>: '{gold}' does not exist", $"recoupe: <html-dir>: '{pages}' does not exist");
        result.Error.Should().Contain("recoupe eval html <gold>");
    }

    [Fact]
    public void An_unknown_command_is_named_alone_then_the_commands_with_exit_code_2()
    {
        var result = Run("frobnicate");

        ShouldBeAUsageError(result, "recoupe: unknown command 'frobnicate'", "[command]");
        result.Error.Should().NotContain("Required command");
        result.Error.Should().Contain("Commands:").And.Contain("ingest <inputs>");
        Run("eval", "frobnicate").FirstErrorLine.Should().Be("recoupe: unknown command 'eval frobnicate'");
        Run().FirstErrorLine.Should().Be("recoupe: a command is required");
    }

    [Fact]
    public void An_exception_no_command_expected_is_one_line_without_a_stack_trace()
    {
        var boom = new Command("boom");
        boom.SetAction(_ => ((string?)null)!.Length);
        var root = CliRoot.Create(boom);

        var result = CliRun.Of(["boom"], root);

        result.ExitCode.Should().Be(ExitCodes.Unexpected);
        result.Error.TrimEnd().Split('\n').Should().ContainSingle()
            .Which.Should().StartWith("recoupe: unexpected error: NullReferenceException: ");
        result.Error.Should().NotContain("   at ");
    }

    [Fact]
    public void Ingest_says_on_standard_error_which_file_was_read_as_windows_1252()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var file = _folder.File("ancien.txt");
        File.WriteAllBytes(file, System.Text.Encoding.GetEncoding(1252).GetBytes(
            "Le pont de Valmer rouvre\n\nLe pont a rouvert samedi après deux années de travaux, a annoncé la mairie."));

        var result = Run("ingest", file, "--db", Db);

        result.ExitCode.Should().Be(ExitCodes.Ok);
        result.Out.Should().StartWith("read 1, stored 1, duplicates 0, failed 0");
        result.Error.Should().Contain($"recoupe: warning: {file}: invalid UTF-8 at byte offset").And.Contain("read as Windows-1252");
    }

    [Fact]
    public void Ingest_of_a_missing_file_says_so_and_creates_no_database()
    {
        var missing = _folder.File("missing.txt");

        var result = Run("ingest", missing, "--db", Db);

        result.ExitCode.Should().Be(ExitCodes.InputsFailed);
        result.Error.Trim().Should().Be($"recoupe: {missing}: no such file or folder");
        result.Out.Should().StartWith("read 1, stored 0, duplicates 0, failed 1 (0.00 s, no database created)");
        File.Exists(Db).Should().BeFalse();
    }

    [Theory]
    [InlineData("articles")]
    [InlineData("article", "1")]
    [InlineData("quotes")]
    [InlineData("figures")]
    [InlineData("stories")]
    [InlineData("story", "s0123456789ab")]
    [InlineData("digest", "--all")]
    [InlineData("recluster")]
    [InlineData("reprocess")]
    public void A_command_that_reads_refuses_a_missing_database_and_creates_none(params string[] args)
    {
        var result = Run([.. args, "--db", Db]);

        result.ExitCode.Should().Be(ExitCodes.Error);
        result.Error.Trim().Should().Be($"recoupe: no database at {Db}; run `recoupe ingest` first (or pass --db PATH)");
        File.Exists(Db).Should().BeFalse();
    }

    [Fact]
    public void A_store_opened_only_to_read_refuses_a_missing_file_and_creates_nothing()
    {
        var path = _folder.File(Path.Combine("absent", "read.db"));

        var articles = () => new SqliteArticleStore(path, new SqliteStoreOptions { CreateIfMissing = false });
        var stories = () => new SqliteStoryStore(path, createIfMissing: false);

        articles.Should().Throw<InvalidOperationException>().WithMessage("cannot open store*");
        stories.Should().Throw<InvalidOperationException>().WithMessage("cannot open store*");
        Directory.Exists(Path.GetDirectoryName(path)).Should().BeFalse();
    }
}
