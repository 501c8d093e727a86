using Recoupe.Core.Model;

namespace Recoupe.Core.Html;

/// <summary>Template cards: small sibling elements stamped from one template, told by a line they all repeat.</summary>
internal static partial class HtmlRegions
{
    /// <summary>Up to this many characters, an element around a repeated line is a card of a template.</summary>
    private const int TemplateCardChars = 400;

    /// <summary>
    /// A line that is no sentence, written the same three times or more ("More about badges | Request a badge",
    /// "Advertisement"),
    /// each time in its own small element (at most <see cref="TemplateCardChars"/> characters) under one parent, is the
    /// mark of a template: badge legends, widgets, ad slots. Those cards are not the article; a story does not repeat a
    /// line in sibling boxes. The cells of data tables, which repeat values by nature, are left alone.
    /// </summary>
    public static void MarkTemplateCards(HtmlBlockWalker walk)
    {
        var blocks = walk.Blocks;
        var elements = walk.Elements;
        var byText = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var b = 0; b < blocks.Count; b++)
        {
            if (blocks[b].Text.Length < 8 || blocks[b].SentenceLike || blocks[b].InDataTable) continue;
            if (!byText.TryGetValue(blocks[b].Text, out var list)) byText[blocks[b].Text] = list = [];
            list.Add(b);
        }
        foreach (var occurrences in byText.Values)
        {
            if (occurrences.Count < 3) continue;
            var cardsByParent = new Dictionary<int, List<int>>();
            foreach (var b in occurrences)
            {
                var card = -1;
                for (var e = blocks[b].Owner; e >= 0 && elements[e].TextChars <= TemplateCardChars && HoldsOne(elements[e], occurrences);
                     e = elements[e].Parent)
                    card = e;
                if (card < 0 || elements[card].Parent < 0) continue;
                if (!cardsByParent.TryGetValue(elements[card].Parent, out var cards)) cardsByParent[elements[card].Parent] = cards = [];
                cards.Add(card);
            }
            foreach (var cards in cardsByParent.Values)
                if (cards.Count >= 3)
                    foreach (var card in cards)
                        for (var i = elements[card].FirstBlock; i < elements[card].EndBlock; i++)
                            blocks[i].Context = RegionKind.Negative;
        }
    }

    private static bool HoldsOne(WalkedElement element, List<int> occurrences)
    {
        var held = 0;
        foreach (var b in occurrences)
            if (b >= element.FirstBlock && b < element.EndBlock) held++;
        return held == 1;
    }
}
