namespace Recoupe.Core.Model;

/// <summary>What a block is, as far as its source shows (HTML tags, source fields) before cleaning judges it.</summary>
public enum BlockHint { Unknown, Title, Lead, Heading, Paragraph, ListItem, Quote, Caption, Preformatted }

/// <summary>A candidate paragraph before cleaning, with the signals its source gave.</summary>
public sealed class Block
{
    public Block(string text, BlockHint hint = BlockHint.Unknown)
    {
        Text = text;
        Hint = hint;
    }

    public string Text { get; set; }
    public BlockHint Hint { get; set; }
    /// <summary>Share of the block's characters inside links (HTML only; null when unknown).</summary>
    public double? LinkDensity { get; set; }
}

/// <summary>
/// The article while it is being prepared: decoded, extracted from markup, cut into blocks and cleaned.
/// Preparation stages work on this; once cleaning is done, <see cref="Pipeline.Pipeline"/> builds the <see cref="Document"/>.
/// </summary>
public sealed class ArticleDraft
{
    public ArticleDraft(RawArticle raw) => Raw = raw;

    public RawArticle Raw { get; }
    public List<Block> Blocks { get; } = [];
    public List<RemovedBlock> Removed { get; } = [];
    /// <summary>Metadata found while preparing (HTML meta tags, a title line, a date next to it).</summary>
    public ArticleMetadata Found { get; } = new();

    public void Remove(Block block, string reason)
    {
        Blocks.Remove(block);
        Removed.Add(new RemovedBlock(block.Text, reason));
    }
}
