using System.Collections.Concurrent;
using Recoupe.App;
using Recoupe.Core.Digest;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Web.Storage;

namespace Recoupe.Web.Stories;

/// <summary>
/// Digests of stories (the project's <see cref="DigestBuilder"/> over the story's stored articles), kept while the
/// story's articles stay the same: a digest is deterministic for a set of articles, so it is built once per set.
/// </summary>
public sealed class StoryDigests(ReadStores stores, ILogger<StoryDigests> log)
{
    private const int Capacity = 256;
    private readonly ConcurrentDictionary<string, StoryDigest> _cache = new(StringComparer.Ordinal);

    public (StoryDigest? Digest, string? Error) For(StoryEntry story)
    {
        var key = story.Story.Id + ":" + string.Join(',', story.ArticleIds);
        if (_cache.TryGetValue(key, out var cached)) return (cached, null);
        try
        {
            var articles = stores.Read(store => story.ArticleIds.Select(store.Get).OfType<StoredArticle>().ToList());
            if (articles.Count == 0) return (null, "none of the story's articles could be read");
            var digest = DigestBuilder.Build(articles, new DigestOptions { StoryId = story.Story.Id, StoryLabel = story.Story.Label });
            if (_cache.Count >= Capacity) _cache.Clear();
            _cache[key] = digest;
            return (digest, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogError(e, "digest of story {Story} failed", story.Story.Id);
            return (null, $"the digest could not be built ({e.GetType().Name})");
        }
    }
}
