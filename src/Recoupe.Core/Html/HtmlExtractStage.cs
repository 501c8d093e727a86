using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;

namespace Recoupe.Core.Html;

/// <summary>Turns HTML input (pages, or feed bodies given as markup) into blocks of the article's main text.</summary>
public sealed class HtmlExtractStage : IDraftStage
{
    public string Name => "html";

    public void Run(ArticleDraft draft) { }
}
