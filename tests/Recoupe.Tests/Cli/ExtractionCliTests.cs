using Outcome = Recoupe.Tests.Cli.CliRun;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Recoupe.Cli.Commands;
using Recoupe.Cli.Evaluation;
using Recoupe.Cli.Startup;
using Recoupe.Cli;
using Recoupe.Core.Extraction;
using Recoupe.Evaluation;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Cli;

/// <summary>
/// quotes, figures, article's extraction sections, reprocess and eval extract, end to end in process: a small French
/// article written here goes through the real readers and the default pipeline, then the commands read the store.
/// </summary>
public sealed class ExtractionCliTests : IDisposable
{
    private const string Quotation = "Nous ferons tout pour que chaque famille soit relogée avant la fin de la semaine";
    private const string Flood =
        "Crue du Gardon : les habitants évacués\n\n" +
        "La préfète du Gard, Hélène Marchand, a visité mardi les quartiers inondés d'Alès.\n\n" +
        "« " + Quotation + " », a déclaré Hélène Marchand devant la mairie.\n\n" +
        "Plus de 1 200 personnes ont été évacuées depuis dimanche, a annoncé la préfecture du Gard.\n";

    private readonly TempFolder _folder = TestArticles.TempFolder();
    private string Db => _folder.File("extract.db");

    public void Dispose() => _folder.Dispose();

    private static Outcome Run(RootCommand root, params string[] args) => Outcome.Of(args, root);

    private static Outcome Run(params string[] args) => Run(Program.BuildRoot(), args);

    private long IngestFlood()
    {
        var result = Run("ingest", _folder.Write("gardon.txt", Flood), "--db", Db, "--parallel", "1");
        result.ExitCode.Should().Be(0, result.Error);
        return 1;
    }

    private string StoredText(long id)
    {
        using var store = new SqliteArticleStore(Db);
        return store.Get(id)!.Text;
    }

    [Fact]
    public void Quotes_lists_who_said_what_with_evidence_that_is_the_stored_text()
    {
        var id = IngestFlood();
        var text = StoredText(id);

        var table = Run("quotes", "--db", Db);
        var json = Run("quotes", "--db", Db, "--json");

        table.ExitCode.Should().Be(0, table.Error);
        var lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().MatchRegex(@"^SPEAKER\s+KIND\s+ARTICLE\s+OUTLET\s+DATE\s+QUOTE$");
        lines.Should().Contain(l => l.StartsWith("Hélène Marchand", StringComparison.Ordinal) && l.Contains("direct") && l.EndsWith(Quotation));

        json.ExitCode.Should().Be(0);
        using var doc = JsonDocument.Parse(json.Out);
        var quotes = doc.RootElement.EnumerateArray().ToList();
        quotes.Should().NotBeEmpty();
        foreach (var quote in quotes)
        {
            var evidence = quote.GetProperty("evidence");
            evidence.GetProperty("articleId").GetInt64().Should().Be(id);
            var slice = text[evidence.GetProperty("start").GetInt32()..evidence.GetProperty("end").GetInt32()];
            evidence.GetProperty("text").GetString().Should().Be(slice);
            quote.GetProperty("text").GetString().Should().Be(slice);
            quote.GetProperty("article").GetProperty("id").GetInt64().Should().Be(id);
        }
        var direct = quotes.Single(q => q.GetProperty("text").GetString() == Quotation);
        direct.GetProperty("kind").GetString().Should().Be("direct");
        direct.GetProperty("speaker").GetProperty("name").GetString().Should().Be("Hélène Marchand");
        direct.GetProperty("speaker").GetProperty("key").GetString().Should().Be(NameKeys.Surname("Marchand"));
        direct.GetProperty("cue").GetString().Should().Be("a déclaré");
    }

    [Theory]
    [InlineData("marchand")]
    [InlineData("MARCHAND")]
    [InlineData("Hélène Marchand")]
    [InlineData("helene marchand")]
    [InlineData("Mme Marchand")]
    public void Quotes_speaker_filter_ignores_case_and_accents(string speaker)
    {
        IngestFlood();

        var result = Run("quotes", "--speaker", speaker, "--db", Db, "--json");

        result.ExitCode.Should().Be(0, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        doc.RootElement.EnumerateArray().Select(q => q.GetProperty("speaker").GetProperty("name").GetString())
            .Should().NotBeEmpty().And.OnlyContain(name => name == "Hélène Marchand");
    }

    [Fact]
    public void Quotes_by_an_unknown_speaker_is_an_empty_list_not_an_error()
    {
        IngestFlood();

        var json = Run("quotes", "-s", "Jean Dupont", "--db", Db, "--json");
        var table = Run("quotes", "-s", "Hélène Dupont", "--db", Db);

        json.ExitCode.Should().Be(0);
        JsonDocument.Parse(json.Out).RootElement.GetArrayLength().Should().Be(0);
        table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle("only the header: another Hélène is not Marchand");
        table.Error.Should().Contain("no quotation by a speaker matching 'Hélène Dupont'");
    }

    [Theory]
    [InlineData("...")]
    [InlineData(" ")]
    public void A_speaker_without_letters_is_refused_on_the_command_line(string speaker)
    {
        IngestFlood();

        var result = Run("quotes", "--speaker", speaker, "--db", Db);

        result.ExitCode.Should().Be(2);
        result.Out.Should().BeEmpty();
        result.Error.Should().StartWith("recoupe: --speaker").And.Contain("see 'recoupe quotes --help'");
    }

    [Fact]
    public void Figures_lists_what_is_counted_and_who_claims_it()
    {
        var id = IngestFlood();
        var text = StoredText(id);

        var table = Run("figures", "--db", Db);
        var json = Run("figures", "--db", Db, "--json");

        table.ExitCode.Should().Be(0, table.Error);
        var lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().MatchRegex(@"^VALUE\s+UNIT\s+COUNTS\s+QUALIFIER\s+SCOPE\s+CLAIMED BY\s+OUTLET\s+ARTICLE$");
        lines.Should().Contain(l => Regex.IsMatch(l, @"^1200\s+personnes\s+plus de\s+.*préfecture du Gard\s+unknown outlet\s+1$"));

        using var doc = JsonDocument.Parse(json.Out);
        var figure = doc.RootElement.EnumerateArray().Single(f => f.GetProperty("value").GetDecimal() == 1200m);
        figure.GetProperty("counts").GetString().Should().StartWith("personnes");
        figure.GetProperty("qualifier").GetString().Should().Be("plus de");
        figure.GetProperty("claimedBy").GetString().Should().Be("préfecture du Gard");
        var evidence = figure.GetProperty("evidence");
        evidence.GetProperty("text").GetString().Should().Be("1 200")
            .And.Be(text[evidence.GetProperty("start").GetInt32()..evidence.GetProperty("end").GetInt32()]);
        foreach (var name in new[] { "value", "unit", "counts", "qualifier", "scope", "claimedBy", "evidence" })
            figure.TryGetProperty(name, out _).Should().BeTrue($"a figure has {name} (DESIGN.md)");
    }

    [Fact]
    public void Article_shows_entities_quotations_and_figures_after_the_text()
    {
        var id = IngestFlood();
        var text = StoredText(id);

        var result = Run("article", "1", "--db", Db);

        result.ExitCode.Should().Be(0, result.Error);
        var output = result.Out;
        var textAt = output.IndexOf(text, StringComparison.Ordinal);
        textAt.Should().BeGreaterThan(0);
        var entities = output.IndexOf("\nEntities (", StringComparison.Ordinal);
        var quotations = output.IndexOf("\nQuotations (", StringComparison.Ordinal);
        var figures = output.IndexOf("\nFigures (", StringComparison.Ordinal);
        entities.Should().BeGreaterThan(textAt + text.Length - 1);
        quotations.Should().BeGreaterThan(entities);
        figures.Should().BeGreaterThan(quotations);
        var entityRows = output[entities..quotations].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        entityRows.Should().Contain(l => l.StartsWith("Hélène Marchand", StringComparison.Ordinal) && l.Contains("person") && l.Contains("préfète"));
        output[quotations..figures].Should().Contain("Hélène Marchand").And.Contain("direct").And.Contain(Quotation);
        output[figures..].Split('\n').Should().Contain(l => Regex.IsMatch(l, @"^1200\s+personnes\s+plus de\s+depuis dimanche\s+préfecture du Gard\s+1 200$"));

        var json = Run("article", "1", "--db", Db, "--json");
        using var doc = JsonDocument.Parse(json.Out);
        var article = doc.RootElement;
        foreach (var list in new[] { "quotes", "figures" })
        {
            article.GetProperty(list).GetArrayLength().Should().BeGreaterThan(0);
            foreach (var item in article.GetProperty(list).EnumerateArray())
            {
                var evidence = item.GetProperty("evidence");
                evidence.GetProperty("articleId").GetInt64().Should().Be(id);
                evidence.GetProperty("text").GetString().Should().Be(
                    text[evidence.GetProperty("start").GetInt32()..evidence.GetProperty("end").GetInt32()]);
            }
        }
        var quote = article.GetProperty("quotes").EnumerateArray().Single(q => q.GetProperty("kind").GetString() == "direct");
        quote.GetProperty("speaker").GetProperty("key").GetString().Should().Be(NameKeys.Surname("Marchand"));
    }

    [Fact]
    public void Reprocess_runs_the_pipeline_again_keeping_ids_and_rows()
    {
        IngestFlood();
        Run("ingest", _folder.Write("other.txt", "Un autre titre\n\nLa mairie de Nîmes a ouvert deux gymnases.\n"), "--db", Db)
            .ExitCode.Should().Be(0);
        var before = Run("quotes", "--db", Db, "--json").Out;

        var result = Run("reprocess", "--db", Db, "--parallel", "2");

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().StartWith("reprocessed 2: replaced 2, duplicates 0, failed 0");
        Run("quotes", "--db", Db, "--json").Out.Should().Be(before, "the same pipeline gives the same rows, under the same ids");
        using var store = new SqliteArticleStore(Db);
        store.List().Select(a => a.Id).Should().Equal(1, 2);
        store.CountToReprocess().Should().Be(0);
    }

    [Fact]
    public void Program_registers_the_extraction_commands()
    {
        var root = Program.BuildRoot();
        root.Subcommands.Select(c => c.Name).Should().Contain(["quotes", "figures", "reprocess", "eval"]);
        root.Subcommands.Single(c => c.Name == "eval").Subcommands.Select(c => c.Name).Should().Contain("extract");
        Run("figures", "--db", Db).ExitCode.Should().Be(2, "a reading command refuses a missing database");
    }

    private static Outcome Eval(ExtractionGoldSets sets, params string[] args) => Run(RootWith(sets), args);

    private static RootCommand RootWith(ExtractionGoldSets sets)
    {
        var eval = new Command("eval", "Measure Recoupe against gold annotations");
        eval.Subcommands.Add(EvalExtractCommand.Create(() => sets));
        return CliRoot.Create(eval);
    }

    [SharedFact("seeds")]
    public void Eval_extract_on_the_seeds_prints_precision_and_recall_that_the_scorer_computes()
    {
        var result = Eval(new ExtractionGoldSets(SharedData.RepoRoot, SharedData.Root), "eval", "extract", "--gold", "seeds");

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().StartWith("seeds: 5 documents");
        var line = result.Out.Split('\n').Single(l => l.TrimStart().StartsWith("quotations + speaker", StringComparison.Ordinal));
        var match = Regex.Match(line, @"P (\d\.\d{3})\s+R (\d\.\d{3})\s+F1 (\d\.\d{3})");
        match.Success.Should().BeTrue(line);

        // The same numbers straight from the scorer on the same gold and texts.
        var gold = GoldFormats.ReadGeneric(File.ReadAllText(Path.Combine(SharedData.RepoRoot, ExtractionGoldSets.SeedsGold)));
        var seeds = SharedData.Find("seeds")!;
        var scores = ExtractionEvaluation.ScoreOnRawTexts("seeds",
            gold.Select(g => (g, (string?)File.ReadAllText(Path.Combine(seeds, g.Source!)), (string?)null)), "fr").Scores;
        match.Groups[1].Value.Should().Be(scores.QuotesWithSpeaker.Precision.ToString("0.000", CultureInfo.InvariantCulture));
        match.Groups[2].Value.Should().Be(scores.QuotesWithSpeaker.Recall.ToString("0.000", CultureInfo.InvariantCulture));
        result.Out.Should().MatchRegex(@"quotations found\s+P \d\.\d{3}\s+R \d\.\d{3}");
        result.Out.Should().MatchRegex(@"figures found\s+P \d\.\d{3}\s+R \d\.\d{3}");
        result.Out.Should().Contain("entities                    not annotated in this gold");
    }

    [Fact]
    public void Eval_extract_scores_the_samples_and_reports_absent_gold_sets_as_skipped()
    {
        var sets = new ExtractionGoldSets(SharedData.RepoRoot, sharedRoot: null);

        var result = Eval(sets, "eval", "extract");
        var json = Eval(sets, "eval", "extract", "--json");
        var asked = Eval(sets, "eval", "extract", "--gold", "quotes-dev");

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().MatchRegex(@"^samples: \d+ documents");
        result.Out.Should().MatchRegex(@"quotations \+ speaker\s+P \d\.\d{3}\s+R \d\.\d{3}\s+F1 \d\.\d{3}");
        result.Out.Should().MatchRegex(@"entities\s+P \d\.\d{3}\s+R \d\.\d{3}");
        result.Out.Should().Contain("seeds: skipped (../shared/seeds not found");
        result.Out.Should().Contain("quotes-dev: skipped (../shared/corpus/quotes-dev/gold.jsonl not found");

        using var doc = JsonDocument.Parse(json.Out);
        var runs = doc.RootElement.GetProperty("sets").EnumerateArray().ToList();
        runs.Select(r => r.GetProperty("name").GetString()).Should().Equal("samples", "seeds", "quotes-dev");
        var samples = runs[0];
        samples.GetProperty("documents").GetInt32().Should().BeGreaterThan(0);
        var withSpeaker = samples.GetProperty("quotations").GetProperty("withSpeaker");
        withSpeaker.GetProperty("gold").GetInt32().Should().BeGreaterThan(0);
        withSpeaker.GetProperty("precision").GetDouble().Should().BeInRange(0, 1);
        samples.GetProperty("entities").GetProperty("gold").GetInt32().Should().BeGreaterThan(0);
        // the samples mix French and English: each language is also scored apart, and the parts add up to the whole
        result.Out.Should().MatchRegex(@"\[en\] quotations \+ speaker\s+P \d\.\d{3}\s+R \d\.\d{3}");
        result.Out.Should().MatchRegex(@"\[fr\] direct \+ speaker\s+P \d\.\d{3}\s+R \d\.\d{3}");
        var byLanguage = samples.GetProperty("byLanguage");
        int Gold(string language) => byLanguage.GetProperty(language).GetProperty("quotationsWithSpeaker").GetProperty("gold").GetInt32();
        Gold("en").Should().BeGreaterThan(0);
        (Gold("en") + Gold("fr")).Should().Be(withSpeaker.GetProperty("gold").GetInt32());
        runs[1].GetProperty("skipped").GetString().Should().Contain("seeds");

        asked.ExitCode.Should().Be(1, "a gold set asked for by name and not found is a failed input");
        asked.Error.Should().Contain("recoupe: gold set quotes-dev:");
    }

    [Fact]
    public void Eval_extract_scores_a_gold_file_given_by_path()
    {
        // Gold in the seeds shape over a text written here: offsets of the quotation and the figure in that text.
        var text = Flood;
        _folder.Write("gardon.txt", text);
        var quoteStart = text.IndexOf(Quotation, StringComparison.Ordinal);
        var figureStart = text.IndexOf("1 200", StringComparison.Ordinal);
        var gold = $$"""
            {"documents": [{"id": "gardon", "source": "gardon.txt",
              "quotes": [{"start": {{quoteStart}}, "end": {{quoteStart + Quotation.Length}}, "kind": "direct", "speaker": "Hélène Marchand"}],
              "figures": [{"start": {{figureStart}}, "end": {{figureStart + 5}}, "value": 1200, "counts": "personnes", "claimedBy": "préfecture du Gard"}]}]}
            """;
        var goldPath = _folder.Write("gold.json", gold);

        var result = Eval(new ExtractionGoldSets(SharedData.RepoRoot, null), "eval", "extract", "--gold", goldPath, "--json");
        var missing = Eval(new ExtractionGoldSets(SharedData.RepoRoot, null), "eval", "extract", "--gold", _folder.File("none.json"));

        result.ExitCode.Should().Be(0, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        var run = doc.RootElement.GetProperty("sets")[0];
        run.GetProperty("documents").GetInt32().Should().Be(1);
        run.GetProperty("quotations").GetProperty("withSpeaker").GetProperty("recall").GetDouble().Should().Be(1.0);
        run.GetProperty("figures").GetProperty("claimer").GetProperty("recall").GetDouble().Should().Be(1.0);
        missing.ExitCode.Should().Be(1);
        missing.Error.Should().Contain("none.json: no such file");
    }
}
