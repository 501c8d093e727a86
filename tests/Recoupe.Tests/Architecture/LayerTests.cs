using Mono.Cecil;
using Xunit.Abstractions;

namespace Recoupe.Tests.Architecture;

/// <summary>
/// The layers of docs/architecture.md, read from the compiled assemblies: no two namespaces use each other (directly or
/// round a loop), and each assembly references only the assemblies below it, so Core never reaches an adapter.
/// </summary>
public sealed class LayerTests(ITestOutputHelper output)
{
    /// <summary>Each of our assemblies and the only ones of ours it may reference.</summary>
    private static readonly Dictionary<string, string[]> AllowedReferences = new()
    {
        ["Recoupe.Core"] = [],
        ["Recoupe.App"] = ["Recoupe.Core"],
        ["Recoupe.Ingest"] = ["Recoupe.Core", "Recoupe.App"],
        ["Recoupe.Store.Sqlite"] = ["Recoupe.Core"],
        ["Recoupe.Store.Postgres"] = ["Recoupe.Core"],
        ["Recoupe.Stores"] = ["Recoupe.Core", "Recoupe.Store.Sqlite", "Recoupe.Store.Postgres"],
        ["Recoupe.Queue"] = ["Recoupe.Core", "Recoupe.App"],
        ["Recoupe.Web"] = ["Recoupe.Core", "Recoupe.App", "Recoupe.Ingest", "Recoupe.Stores", "Recoupe.Queue"],
        ["Recoupe.Evaluation"] = ["Recoupe.Core"],
        ["Recoupe.Cli"] = ["Recoupe.Core", "Recoupe.App", "Recoupe.Evaluation", "Recoupe.Ingest", "Recoupe.Store.Sqlite", "Recoupe.Store.Postgres", "Recoupe.Queue", "Recoupe.Web"],
    };

    /// <summary>Adapters: what the world talks to. Core and the application layer name none of their namespaces.</summary>
    private static readonly string[] Adapters = ["Recoupe.Ingest", "Recoupe.Store.Sqlite", "Recoupe.Store.Postgres", "Recoupe.Stores", "Recoupe.Queue", "Recoupe.Web", "Recoupe.Cli"];

    private static IEnumerable<string> AssemblyPaths() => AllowedReferences.Keys.Select(name =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        File.Exists(path).Should().BeTrue($"{name}.dll is built beside the tests (a missing assembly must not pass the layer checks)");
        return path;
    });

    [Fact]
    public void No_two_namespaces_depend_on_each_other_directly_or_round_a_loop()
    {
        var graph = NamespaceGraph.Read(AssemblyPaths());
        output.WriteLine($"{graph.Namespaces.Count()} namespaces, {graph.Edges.Sum(e => e.Value.Count)} dependencies");
        var cycles = graph.Cycles();
        var explained = cycles.Select(c => string.Join(", ", c) + ":\n    " + string.Join("\n    ", graph.Explain(c)));
        cycles.Should().BeEmpty("namespaces in a cycle cannot be understood or moved one at a time:\n" + string.Join("\n", explained));
    }

    [Fact]
    public void Each_assembly_references_only_the_layers_below_it()
    {
        foreach (var path in AssemblyPaths())
        {
            using var assembly = AssemblyDefinition.ReadAssembly(path);
            var name = assembly.Name.Name;
            var ours = assembly.MainModule.AssemblyReferences.Select(r => r.Name)
                .Where(r => AllowedReferences.ContainsKey(r) || r.StartsWith("Recoupe.", StringComparison.Ordinal));
            ours.Should().BeSubsetOf(AllowedReferences[name], $"{name} may reference only the layers below it");
        }
    }

    [Fact]
    public void Core_and_the_application_layer_name_no_adapter_namespace()
    {
        var graph = NamespaceGraph.Read(AssemblyPaths());
        var fromCore = graph.Edges.Where(e => e.Key.StartsWith("Recoupe.Core", StringComparison.Ordinal) || e.Key.StartsWith("Recoupe.App", StringComparison.Ordinal))
            .SelectMany(e => e.Value.Where(t => Adapters.Any(a => t.Key == a || t.Key.StartsWith(a + ".", StringComparison.Ordinal)))
                .Select(t => $"{e.Key} -> {t.Key} ({t.Value})"));
        fromCore.Should().BeEmpty("Core is the model and the stages; the store, readers, web and CLI plug into it");
    }

    [Fact]
    public void The_model_uses_no_other_namespace_of_ours()
    {
        var graph = NamespaceGraph.Read(AssemblyPaths());
        graph.Edges.GetValueOrDefault("Recoupe.Core.Model")?.Select(t => $"{t.Key} ({t.Value})")
            .Should().BeEmpty("every stage, store and view reads the model, so it can read none of them");
    }

    [Fact]
    public void The_cycle_finder_finds_a_loop_of_three_and_passes_a_chain()
    {
        var loop = NamespaceGraph.Of(("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"));
        loop.Cycles().Should().ContainSingle().Which.Should().Equal("A", "B", "C");
        loop.Explain(loop.Cycles()[0]).Should().HaveCount(3);

        NamespaceGraph.Of(("A", "B"), ("B", "C"), ("A", "C")).Cycles().Should().BeEmpty();
    }
}
