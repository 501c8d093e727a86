using Recoupe.Core.Model;

namespace Recoupe.App;

/// <summary>
/// Where raw articles go instead of the store when a work queue is configured (<c>ingest --queue</c>, <c>watch --queue</c>,
/// the API under <c>serve --queue</c>): workers take them from there, run the pipeline and store them, each once (the
/// store's content hash makes a second delivery a duplicate).
/// </summary>
public interface IArticlePublisher
{
    /// <summary>
    /// Publishes the articles in order, each confirmed by the queue when this returns; waits first while the queue is
    /// longer than its limit (back-pressure), so a fast reader cannot bury slow workers.
    /// </summary>
    Task PublishAsync(IReadOnlyList<RawArticle> articles, CancellationToken cancellation = default);
}
