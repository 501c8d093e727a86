using Recoupe.App;
using Recoupe.Core.Storage;

namespace Recoupe.Queue;

/// <summary>
/// The one writer of stories for a store: while it holds the lease, it groups the articles stored after the saved
/// state's last article, in id order, every <paramref name="interval"/>; the state and the stories are written in one
/// transaction, so a new assigner resumes from the last committed position. A standby waits for the lease. The same
/// articles in the same id order give the same story ids as the embedded mode (it is the same <see cref="StoryIndexer"/>).
/// Given a partition (<c>assign --languages</c>), it groups that partition's articles with that partition's store and
/// lease, beside the assigners of the other partitions.
/// </summary>
public sealed class StoryAssigner(IArticleReadStore articles, IStoryStore stories, IWriterLease lease, TimeSpan interval,
    StoryPartition? partition = null)
{
    /// <summary>The lease's name for a partition: every article keeps the name a single assigner always had.</summary>
    public static string LeaseName(StoryPartition partition) => partition.IsAll ? "story-assigner" : "story-assigner:" + partition.Name;

    /// <summary>Said when the lease is taken, and after each run that grouped articles.</summary>
    public Action<string>? Log { get; init; }

    public bool Active { get; private set; }

    public async Task RunAsync(CancellationToken cancellation)
    {
        var indexer = new StoryIndexer(articles, stories, partition: partition);
        var first = true;
        while (!cancellation.IsCancellationRequested)
        {
            var held = lease.TryAcquire();
            if (held != Active || first) Log?.Invoke(held ? "assigner active: holds the lease" : "assigner standby: the lease is held elsewhere");
            Active = held;
            first = false;
            if (held && stories.PendingArticles() > 0)
            {
                var run = indexer.Update();
                Log?.Invoke($"grouped {run.Clustered} article(s): {run.Stories} stories");
                // No run straight after a run: every run writes the whole clusterer state (megabytes), so while
                // workers commit batch after batch, one run an interval takes what several commits brought.
            }
            try { await Task.Delay(interval, cancellation); }
            catch (OperationCanceledException) { break; }
        }
    }
}
