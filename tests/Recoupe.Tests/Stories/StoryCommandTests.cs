using System.CommandLine;
using System.Text.Json;
using Recoupe.Cli.Commands;
using Recoupe.Cli.Startup;
using Recoupe.Cli;
using Recoupe.Core.Pipeline;
using Recoupe.Ingest;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Stories;

/// <summary>
/// The story commands end to end, in process, on a JSON Lines file of fictional articles written here, read and cleaned
/// by the real readers and pipeline: ingest clusters, stories, story, recluster, eval stories.
/// </summary>
public sealed class StoryCommandTests : IDisposable
{
    private readonly TempFolder _folder = TestArticles.TempFolder();
    private string Db => _folder.File("stories.db");

    public void Dispose() => _folder.Dispose();

    private sealed record Outcome(int ExitCode, string Out, string Error);

    private static Outcome Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliRoot.Run(Program.BuildRoot(), args, new InvocationConfiguration { Output = output, Error = error });
        return new Outcome(code, output.ToString(), error.ToString());
    }

    private static string Line(string id, string date, string title, string text, string? story) =>
        JsonSerializer.Serialize(new { id, date, title, text, outlet = "Test Presse", lang = "fr", story });

    /// <summary>Three articles on a flood, two on a rail strike, one on a cheese fair; "story" labels for eval.</summary>
    private string WriteCorpus() => _folder.Write("corpus.jsonl", string.Join("\n",
        Line("1", "2026-03-10", "Crue de la Loubière : deux morts à Varenne-sur-Loubière",
            "La Loubière est sortie de son lit lundi à Varenne-sur-Loubière, après deux jours de pluies diluviennes. Deux habitants sont morts et la préfète Hélène Corvisart a ordonné l'évacuation de trois cents personnes. Les pompiers de la Haute-Loubière ont secouru des familles bloquées sur les toits du quartier des Tanneurs.", "crue"),
        Line("2", "2026-03-11", "Inondations : la décrue de la Loubière se fait attendre",
            "À Varenne-sur-Loubière, la décrue n'a pas commencé mardi, selon la préfète Hélène Corvisart. Les pompiers poursuivent les évacuations dans le quartier des Tanneurs, toujours sous les eaux. Le bilan reste de deux morts ; un centre d'accueil a ouvert au gymnase pour les sinistrés de la Loubière.", "crue"),
        Line("3", "2026-03-12", "Grève chez Ferralpe : les conducteurs de trains régionaux cessent le travail",
            "Les conducteurs de la compagnie ferroviaire Ferralpe sont en grève depuis mercredi à l'appel du syndicat SNAR. Ils réclament une hausse de salaire et dénoncent la suppression de quarante postes. La direction de Ferralpe annonce un train régional sur trois dans la vallée de l'Orvanne.", "greve"),
        Line("4", "2026-03-13", "Ferralpe : la grève des conducteurs se durcit",
            "Deuxième jour de grève chez Ferralpe : le syndicat SNAR appelle les conducteurs à reconduire le mouvement. Les usagers de la vallée de l'Orvanne attendent des trains régionaux supprimés. La direction de Ferralpe refuse de revenir sur la suppression des postes et propose une prime.", "greve"),
        Line("5", "2026-03-13", "Loubière : les sinistrés de Varenne découvrent l'ampleur des dégâts",
            "Trois jours après la crue de la Loubière, les habitants de Varenne-sur-Loubière nettoient leurs maisons. La préfète Hélène Corvisart a promis une aide d'urgence aux sinistrés du quartier des Tanneurs. Les assureurs estiment les dégâts à plusieurs millions d'euros après les inondations.", "crue"),
        Line("6", "2026-03-12", "Le festival du fromage de Montrevel attire les gourmets",
            "Plus de quarante producteurs de fromage exposent ce week-end sur la place du marché de Montrevel. Les visiteurs dégustent comtés, tommes et chèvres affinés dans les caves de la région. Le concours du meilleur affineur sera jugé dimanche par un jury de chefs.", null)));

    [Fact]
    public void Ingest_groups_articles_into_stories_that_the_listing_and_the_detail_show()
    {
        var corpus = WriteCorpus();
        var ingest = Run("ingest", corpus, "--db", Db);
        ingest.ExitCode.Should().Be(0, ingest.Error);
        ingest.Out.Should().Contain("stories: 6 article(s) clustered").And.Contain("(3 in all)");

        var list = Run("stories", "--db", Db);
        list.ExitCode.Should().Be(0);
        list.Out.Should().Contain("Loubière").And.Contain("Ferralpe").And.Contain("Montrevel");

        var json = Run("stories", "--db", Db, "--json");
        using var stories = JsonDocument.Parse(json.Out);
        var all = stories.RootElement.EnumerateArray().ToList();
        all.Should().HaveCount(3);
        var flood = all.Single(s => s.GetProperty("size").GetInt32() == 3);
        flood.GetProperty("articles").EnumerateArray().Select(a => a.GetInt64()).Should().HaveCount(3);
        flood.GetProperty("outlets").EnumerateArray().Select(o => o.GetString()).Should().Equal("Test Presse");
        flood.GetProperty("firstDate").GetString().Should().Be("2026-03-10");
        flood.GetProperty("lastDate").GetString().Should().Be("2026-03-13");
        var id = flood.GetProperty("id").GetString()!;

        var detail = Run("story", id[..6], "--db", Db);
        detail.ExitCode.Should().Be(0);
        detail.Out.Should().StartWith($"Story {id}:");
        detail.Out.Should().Contain("Crue de la Loubière : deux morts").And.Contain("Inondations : la décrue").And.Contain("découvrent l'ampleur");
        detail.Out.Should().NotContain("Ferralpe");

        var detailJson = Run("story", id, "--db", Db, "--json");
        using var story = JsonDocument.Parse(detailJson.Out);
        story.RootElement.GetProperty("story").GetProperty("id").GetString().Should().Be(id);
        story.RootElement.GetProperty("articles").GetArrayLength().Should().Be(3);
    }

    [Fact]
    public void A_second_ingest_adds_to_the_stories_and_recluster_gives_the_same_ones()
    {
        var lines = File.ReadAllLines(WriteCorpus());
        var first = _folder.Write("first.jsonl", string.Join("\n", lines.Take(3)));
        var second = _folder.Write("second.jsonl", string.Join("\n", lines.Skip(3)));
        Run("ingest", first, "--db", Db).ExitCode.Should().Be(0);
        var more = Run("ingest", second, "--db", Db);
        more.Out.Should().Contain("stories: 3 article(s) clustered");
        var before = Run("stories", "--db", Db, "--json").Out;

        var recluster = Run("recluster", "--db", Db);
        recluster.ExitCode.Should().Be(0, recluster.Error);
        recluster.Out.Should().StartWith("reclustered 6 article(s) into 3 stories");
        Run("stories", "--db", Db, "--json").Out.Should().Be(before);
    }

    [Fact]
    public void An_ingest_that_stores_nothing_new_groups_what_a_killed_ingest_stored_but_did_not_group()
    {
        var corpus = WriteCorpus();
        var uninterrupted = _folder.File("uninterrupted.db");
        Run("ingest", corpus, "--db", uninterrupted).ExitCode.Should().Be(0);
        // What a kill -9 between storing and grouping leaves: every article stored, none in a story.
        using (var articles = new SqliteArticleStore(Db))
            new IngestRunner(articles, DefaultPipeline.Create()).Run(ArticleReader.Read([corpus])).Stored.Should().Be(6);

        var again = Run("ingest", corpus, "--db", Db);

        again.ExitCode.Should().Be(0, again.Error);
        again.Out.Should().StartWith("read 6, stored 0, duplicates 6").And.Contain("stories: 6 article(s) clustered");
        Run("stories", "--db", Db, "--json").Out.Should().Be(Run("stories", "--db", uninterrupted, "--json").Out,
            "the same articles in the same order give the same stories and ids");
        Run("ingest", corpus, "--db", Db).Out.Should().NotContain("stories:", "nothing is pending any more");
    }

    [Fact]
    public void Reprocess_reclusters_the_stories_so_that_they_match_the_new_texts()
    {
        Run("ingest", WriteCorpus(), "--db", Db).ExitCode.Should().Be(0);
        var before = Run("stories", "--db", Db, "--json").Out;

        var reprocess = Run("reprocess", "--db", Db);

        reprocess.ExitCode.Should().Be(0, reprocess.Error);
        reprocess.Out.Should().Contain("stories: reclustered 6 article(s) into 3 stories");
        // The same pipeline gives the same texts, hence the same stories under the same ids.
        Run("stories", "--db", Db, "--json").Out.Should().Be(before);
    }

    [Fact]
    public void An_unknown_story_is_an_error_naming_it()
    {
        Run("ingest", WriteCorpus(), "--db", Db).ExitCode.Should().Be(0);
        var result = Run("story", "snothere", "--db", Db);
        result.ExitCode.Should().Be(ExitCodes.Error);
        result.Error.Should().Contain("no story snothere");
        Run("stories", "--db", _folder.File("missing.db")).Error.Should().Contain("no database");
    }

    [Fact]
    public void Eval_stories_scores_a_labelled_json_lines_file()
    {
        var result = Run("eval", "stories", WriteCorpus());
        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain("6 articles, 3 gold clusters → 3 stories");
        result.Out.Should().Contain("pairwise  P 1.000  R 1.000  F1 1.000");

        var json = Run("eval", "stories", WriteCorpus(), "--json");
        using var scores = JsonDocument.Parse(json.Out);
        var set = scores.RootElement.GetProperty("sets")[0];
        set.GetProperty("pairwise").GetProperty("f1").GetDouble().Should().Be(1.0);
        set.GetProperty("bCubed").GetProperty("f1").GetDouble().Should().Be(1.0);
    }
}
