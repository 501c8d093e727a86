using Recoupe.Core.Html;
using Recoupe.Core.Model;

namespace Recoupe.Ingest;

/// <summary>
/// An HTML page is one article. Decoding follows the page's own charset rules (<see cref="HtmlCharset"/>);
/// main-text extraction is the pipeline's job, so a truncated page is passed on as it is.
/// </summary>
internal static class HtmlArticleReader
{
    public static ReadItem Read(string source, byte[] bytes, string? transportCharset, string noun)
    {
        var html = HtmlCharset.Decode(bytes, transportCharset);
        html = ContentChecks.NormaliseNewlines(ContentChecks.StripBom(html));
        if (ContentChecks.IsBlank(html)) return new ReadFailure(source, $"{noun} is empty (only whitespace)");
        return new ReadArticle(new RawArticle { Source = source, Format = InputFormat.Html, Raw = html });
    }
}
