using Recoupe.Core.Storage;

namespace Recoupe.Store.Postgres;

/// <summary>
/// PostgreSQL's text cannot hold the character U+0000 (SQLite's can): an article whose columns hold one is refused
/// before any write, with the reason, rather than failing inside its transaction.
/// </summary>
internal static class TextCheck
{
    public static void Refuse(ArticleRow row)
    {
        foreach (var value in row.Values())
            if (value is string text && text.Contains('\0', StringComparison.Ordinal))
                throw new ArgumentException("the article holds the character U+0000, which a PostgreSQL store cannot keep");
    }
}
