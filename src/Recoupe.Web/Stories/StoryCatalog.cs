using System.Globalization;
using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Core.Stories;

namespace Recoupe.Web.Stories;

/// <summary>A story as the server lists it: the clusterer's view plus what the filters need.</summary>
public sealed record StoryEntry(StoryView View, IReadOnlyList<long> ArticleIds, IReadOnlyList<string> Languages, string FoldedText);

/// <summary>What story readers see: an immutable picture published by the writer after each batch.</summary>
public sealed class StorySnapshot
{
    public static StorySnapshot NotReady { get; } = new([], new Dictionary<string, string>(), ready: false, articles: 0);

    public StorySnapshot(IReadOnlyList<StoryEntry> stories, IReadOnlyDictionary<string, string> redirects, bool ready, int articles)
    {
        Stories = stories;
        Redirects = redirects;
        Ready = ready;
        Articles = articles;
        ById = stories.ToDictionary(s => s.View.Id, StringComparer.Ordinal);
    }

    /// <summary>Newest first (by last date), then largest, then id: the order of the story list.</summary>
    public IReadOnlyList<StoryEntry> Stories { get; }
    public IReadOnlyDictionary<string, StoryEntry> ById { get; }
    /// <summary>Former ids (merged stories) and the live story each stands for now.</summary>
    public IReadOnlyDictionary<string, string> Redirects { get; }
    public bool Ready { get; }
    public int Articles { get; }

    /// <summary>The story an id names, following merges; null when unknown.</summary>
    public StoryEntry? Find(string id) =>
        ById.TryGetValue(id, out var story) ? story
        : Redirects.TryGetValue(id, out var live) && ById.TryGetValue(live, out var merged) ? merged
        : null;
}

/// <summary>
/// The server's stories: the project's incremental <see cref="StoryClusterer"/>, fed on the writer thread with every
/// article as it is stored (and, at start, with the stored articles in id order, so the same store always gives the
/// same stories and ids), read through <see cref="StorySnapshot"/>s that the writer publishes after each batch.
/// </summary>
public sealed class StoryCatalog
{
    private readonly StoryClusterer _clusterer = new();
    // Writer thread only.
    private readonly Dictionary<long, (string Language, string? Title)> _articles = [];
    private volatile StorySnapshot _snapshot = StorySnapshot.NotReady;

    public StorySnapshot Snapshot => _snapshot;

    /// <summary>Clusters one stored article (writer thread). Call <see cref="Publish"/> to let readers see it.</summary>
    public void Add(StoredArticle article)
    {
        var id = article.Id.ToString(CultureInfo.InvariantCulture);
        if (_articles.ContainsKey(article.Id)) return;
        var metadata = article.Metadata;
        var titleParagraph = article.Paragraphs.FirstOrDefault(p => p.Role == ParagraphRole.Title);
        var title = metadata.Title ?? (titleParagraph is null ? "" : article.Text[titleParagraph.Start..titleParagraph.End]);
        _clusterer.Add(new StoryInput(id, metadata.Published, metadata.Language, title, article.Text)
        {
            EntityKeys = article.Entities.Select(e => e.Key).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToArray(),
            Outlet = metadata.Outlet ?? metadata.Agency,
            ContentKey = article.ContentHash,
        });
        _articles[article.Id] = (metadata.Language, title);
    }

    /// <summary>Builds and publishes a new snapshot (writer thread).</summary>
    public void Publish()
    {
        var entries = new List<StoryEntry>();
        foreach (var view in _clusterer.Stories())
        {
            var ids = view.Articles.Select(a => long.Parse(a, CultureInfo.InvariantCulture)).ToList();
            var languages = ids.Select(i => _articles[i].Language).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var text = string.Join(' ', new[] { view.Label, view.Headline }
                .Concat(view.KeyEntities).Concat(view.KeyWords).Concat(ids.Select(i => _articles[i].Title ?? "")));
            entries.Add(new StoryEntry(view, ids, languages, TextFold.Fold(text)));
        }
        entries.Sort((a, b) =>
        {
            var byDate = b.View.LastDate.CompareTo(a.View.LastDate);
            if (byDate != 0) return byDate;
            var bySize = b.View.Size.CompareTo(a.View.Size);
            return bySize != 0 ? bySize : string.CompareOrdinal(a.View.Id, b.View.Id);
        });
        _snapshot = new StorySnapshot(entries, _clusterer.Redirects(), ready: true, _articles.Count);
    }
}
