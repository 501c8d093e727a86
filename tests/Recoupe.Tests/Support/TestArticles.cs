using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;

namespace Recoupe.Tests.Support;

/// <summary>Small articles and pipelines for tests that must not depend on the real cleaning stages.</summary>
public static class TestArticles
{
    public static RawArticle Raw(string text, string source = "test.txt", InputFormat format = InputFormat.Text) =>
        new() { Source = source, Format = format, Raw = text };

    /// <summary>A document whose paragraphs are the blank-line-separated parts of <paramref name="text"/>.</summary>
    public static Document Document(string text, string source = "test.txt") =>
        Pipeline().Process(Raw(text, source));

    /// <summary>A pipeline that only cuts the raw text into paragraphs at blank lines, then runs <paramref name="annotate"/>.</summary>
    public static Pipeline Pipeline(params IDocumentStage[] annotate) => new([new BlankLineBlocks()], annotate);

    /// <summary>A throw-away folder, deleted on dispose.</summary>
    public static TempFolder TempFolder() => new();

    private sealed class BlankLineBlocks : IDraftStage
    {
        public string Name => "blocks";

        public void Run(ArticleDraft draft)
        {
            var parts = draft.Raw.Raw.ReplaceLineEndings("\n").Split("\n\n");
            foreach (var part in parts)
                if (!string.IsNullOrWhiteSpace(part)) draft.Blocks.Add(new Block(part.Trim(), BlockHint.Paragraph));
        }
    }
}

public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "recoupe-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
