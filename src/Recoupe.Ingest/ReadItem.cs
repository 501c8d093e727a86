using Recoupe.Core.Model;

namespace Recoupe.Ingest;

/// <summary>What a reader yields for each input item: an article, or a failure that names the input.</summary>
public abstract record ReadItem(string Source);

/// <summary>An article read; <see cref="Warning"/> says what the reader had to guess (an encoding), when it did.</summary>
public sealed record ReadArticle(RawArticle Article) : ReadItem(Article.Source)
{
    public string? Warning { get; init; }
}

/// <summary>An input that could not be read; <see cref="ReadItem.Source"/> names it (file, and line or item when known).</summary>
public sealed record ReadFailure(string Source, string Error) : ReadItem(Source)
{
    /// <summary>The input or item passed a size limit (counted while read; nothing beyond the limit was held).</summary>
    public bool OverLimit { get; init; }
}
