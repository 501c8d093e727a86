using Recoupe.Core.Model;

namespace Recoupe.Ingest;

/// <summary>What a reader yields for each input item: an article, or a failure that names the input.</summary>
public abstract record ReadItem(string Source);

public sealed record ReadArticle(RawArticle Article) : ReadItem(Article.Source);

/// <summary>An input that could not be read; <see cref="ReadItem.Source"/> names it (file, and line or item when known).</summary>
public sealed record ReadFailure(string Source, string Error) : ReadItem(Source);
