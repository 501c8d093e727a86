using System.Text.Json;
using Recoupe.Cli;
using Recoupe.Tests.Cli;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Alerts;

/// <summary><c>alerts</c> and <c>hooks</c> end to end, in process, after ingesting the samples.</summary>
public sealed class AlertsCliTests
{
    [Fact]
    public void Alerts_and_hooks_on_an_unreachable_PostgreSQL_address_fail_in_one_line_and_leave_no_SQLite_file_named_after_it()
    {
        var address = "postgres://nobody:secret@127.0.0.1:1/recoupe";
        var before = Directory.GetFiles(Environment.CurrentDirectory, "*", SearchOption.AllDirectories).Length;
        foreach (var command in new[] { "alerts", "hooks" })
        {
            var run = CliRun.Of(command == "alerts" ? ["alerts", "--db", address] : ["hooks", "list", "--db", address]);
            run.ExitCode.Should().Be(ExitCodes.Error);
            run.Error.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("cannot open store 'postgres://127.0.0.1:1/recoupe'")
                .And.NotContain("secret");
        }
        Directory.GetFiles(Environment.CurrentDirectory, "*", SearchOption.AllDirectories).Length.Should().Be(before);
    }

    [Theory, SqliteStore, PostgresStore]
    public void Ingest_finds_the_alerts_that_alerts_lists_rules_are_added_and_removed_and_a_hook_gets_only_later_events(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        CliRun Run(params string[] args) => CliRun.Of([.. args, "--db", stores.CliLocation]);
        Run("ingest", SharedData.SamplesDir).ExitCode.Should().Be(0);

        var listed = Run("alerts", "--limit", "100");
        listed.ExitCode.Should().Be(0);
        listed.Out.Should().Contain("story.new").And.Contain("new story in 5 outlets");
        var json = Run("alerts", "--json").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        json.Should().NotBeEmpty().And.OnlyContain(e => e.GetProperty("id").GetString()!.StartsWith('r') && e.GetProperty("detail").ValueKind == JsonValueKind.Object);

        Run("alerts", "add", "--speaker", "Morvan", "--query", "combrelle").Out.Should().Contain("rule 4 added: a new statement by Morvan, stories about \"combrelle\"");
        Run("alerts", "add", "--growth", "3", "--within", "2h").Out.Should().Contain("rule 5 added: a story gaining 3 outlets within 2h");
        var both = Run("alerts", "add", "--outlets", "2", "--conflicts");
        both.ExitCode.Should().Be(ExitCodes.Error);
        both.Error.Should().Contain("exactly one of");
        Run("alerts", "rules").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(5);
        Run("alerts", "remove", "5").ExitCode.Should().Be(0);
        Run("alerts", "remove", "5").Error.Should().Contain("no rule 5");

        var hook = Run("hooks", "add", "http://127.0.0.1:9/hook", "--on", "story.new", "--on", "story.conflict");
        hook.Out.Should().Contain("hook 1 added: http://127.0.0.1:9/hook on story.new, story.conflict").And.Contain("secret (shown once");
        Run("hooks", "add", "http://127.0.0.1:9/hook", "--on", "story.gone").Error.Should().Contain("story.gone");
        Run("hooks", "list").Out.Should().Contain("deliveries: 0 delivered, 0 pending, 0 given up", "events found before the hook are not sent to it");
        Run("hooks", "remove", "1").ExitCode.Should().Be(0);
    }
}
