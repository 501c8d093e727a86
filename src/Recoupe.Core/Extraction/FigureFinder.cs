using Recoupe.Core.Model;

namespace Recoupe.Core.Extraction;

public static class FigureFinder
{
    public static List<Figure> Run(ArticleAnalysis a) => [];
}
