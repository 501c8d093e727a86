using System.Text.Json;
using Recoupe.Cli;
using Recoupe.Cli.Output;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Cli;

/// <summary>
/// Article text is anyone's input: escape sequences in it (ESC, BEL, C1 controls, bidi overrides) must not reach the
/// terminal through any text listing (issue 17, defect 8), while --json keeps the text exact (escaped by the serializer).
/// An article written here goes through the real readers and pipeline, then every listing reads it back.
/// </summary>
public sealed class TerminalOutputTests : IDisposable
{
    private const string Title = "Budget \u001b]0;pwned\u0007 voté \u001b[31men rouge\u001b[0m";
    private const string Article =
        Title + "\n\n" +
        "Les élus de Nantes ont adopté lundi le budget municipal \u001b[2J\u009b2J après un long débat \u202egnol\u202c au conseil.\n\n" +
        "« C'est un budget prudent », a déclaré Johanna Rolland devant la mairie de Nantes.\n\n" +
        "La ville investira 120 millions d'euros en 2025, a annoncé la mairie.\n";

    private readonly TempFolder _folder = TestArticles.TempFolder();
    private string Db => _folder.File("terminal.db");

    public void Dispose() => _folder.Dispose();

    private static CliRun Run(params string[] args) => CliRun.Of(args);

    private void Ingest()
    {
        var result = Run("ingest", _folder.Write("nantes.txt", Article), "--db", Db, "--parallel", "1");
        result.ExitCode.Should().Be(0, result.Error);
    }

    [Fact]
    public void Control_characters_in_article_text_never_reach_the_terminal_through_a_text_listing()
    {
        Ingest();
        using (var json = JsonDocument.Parse(Run("article", "1", "--json", "--db", Db).Out))
            json.RootElement.GetProperty("text").GetString().Should().Contain("\u001b[2J\u009b2J", "the store keeps the input as it came");
        var storyId = JsonDocument.Parse(Run("stories", "--json", "--db", Db).Out).RootElement[0].GetProperty("id").GetString()!;

        string[][] listings =
        [
            ["articles"], ["article", "1"], ["article", "1", "--raw"], ["quotes"], ["figures"], ["stories"], ["story", storyId],
            ["digest", storyId], ["digest", "--all", "--format", "markdown"],
        ];
        foreach (var listing in listings)
        {
            var result = Run([.. listing, "--db", Db]);
            result.ExitCode.Should().Be(0, result.Error);
            var shown = result.Out + result.Error;
            shown.Where(TerminalText.IsUnsafe).Should().BeEmpty($"`{string.Join(' ', listing)}` writes for a terminal");
            if (listing[0] is not ("quotes" or "figures"))
                shown.Should().Contain("\uFFFD", $"`{string.Join(' ', listing)}` shows the article's text, each control character replaced");
        }
        Run("articles", "--db", Db).Out.Should().Contain("Budget \uFFFD]0;pwned\uFFFD voté \uFFFD[31men rouge\uFFFD[0m",
            "each control character is replaced, visibly, where it stood");
    }

    [Fact]
    public void Json_output_keeps_control_characters_exact_as_escapes()
    {
        Ingest();

        var listed = Run("articles", "--json", "--db", Db);
        var article = Run("article", "1", "--json", "--raw", "--db", Db);

        listed.Out.Should().Contain("\\u001B]0;pwned\\u0007").And.NotContain("\u001b");
        using var list = JsonDocument.Parse(listed.Out);
        list.RootElement[0].GetProperty("title").GetString().Should().Be(Title);
        using var one = JsonDocument.Parse(article.Out);
        one.RootElement.GetProperty("raw").GetString().Should().Be(Article);
    }

    [Theory]
    [InlineData("plain text, accents é and tabs\tstay\n", "plain text, accents é and tabs\tstay\n")]
    [InlineData("a\u001b[2Jb\u0007c\u0008d\u007fe\u0085f\u009bg", "a\uFFFD[2Jb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg")]
    [InlineData("right\u202eto left\u2066isolated\u2069", "right\uFFFDto left\uFFFDisolated\uFFFD")]
    [InlineData("windows\r\nlines\r\n", "windows\nlines\n")]
    [InlineData("over\rwritten", "over\uFFFDwritten")]
    public void Terminal_text_replaces_what_could_drive_a_terminal_and_keeps_layout(string text, string expected)
    {
        TerminalText.Clean(text).Should().Be(expected);

        // The writer gives the same text however the writes are cut, a CRLF split across two writes included.
        var whole = new StringWriter();
        using (var writer = new TerminalSafeWriter(whole)) writer.Write(text);
        whole.ToString().Should().Be(expected);
        var byChar = new StringWriter();
        using (var writer = new TerminalSafeWriter(byChar))
            foreach (var c in text) writer.Write(c);
        byChar.ToString().Should().Be(expected);
    }
}
