using System.Text;
using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Digest;

/// <summary>
/// Who said what. Quotations are grouped by the speaker the extractor gave them (never across speakers), then the
/// quotations of one speaker that report the same statement are joined into one entry: across articles when their
/// content terms overlap enough (stems and shared concepts, so "remplis" meets "exécutés"), and within an article
/// only when a partial quotation is contained in a fuller one. Quotations from articles far apart in time must
/// overlap more, since a speaker repeats words from one occasion to the next.
/// </summary>
internal static class QuoteGrouper
{
    private const double MinOverlap = 0.5;
    private const double MinCosine = 0.45;
    private const int FarApartDays = 3;

    private sealed class QuoteText(ArticleText article, Quotation quote, List<string> terms, SparseVector vector, string words)
    {
        public ArticleText Article { get; } = article;
        public Quotation Quote { get; } = quote;
        public HashSet<string> Terms { get; } = new(terms, StringComparer.Ordinal);
        public SparseVector Vector { get; } = vector;
        /// <summary>The quoted words folded and joined by single spaces, for wording comparisons.</summary>
        public string Words { get; } = words;
        public string Text => Article.Article.Text[Quote.Start..Quote.End];
    }

    public static List<SpeakerStatements> Group(StoryText story)
    {
        var quotes = new List<QuoteText>();
        foreach (var article in story.Articles)
            foreach (var q in article.Article.Quotes.OrderBy(q => q.Start))
            {
                if (q.End <= q.Start || q.End > article.Article.Text.Length) continue;
                var terms = article.Terms(q.Start, q.End);
                quotes.Add(new QuoteText(article, q, terms, story.Space.Vector(terms), Words(article.Article.Text[q.Start..q.End])));
            }

        var bySpeaker = quotes
            .GroupBy(SpeakerKey, StringComparer.Ordinal)
            .Select(g => g.ToList())
            .ToList();

        var result = new List<SpeakerStatements>();
        var statementNumber = 0;
        foreach (var group in bySpeaker)
        {
            var parent = Enumerable.Range(0, group.Count).ToArray();
            int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
            for (var i = 0; i < group.Count; i++)
                for (var j = i + 1; j < group.Count; j++)
                    if (SameStatement(group[i], group[j]))
                    {
                        var (a, b) = (Find(i), Find(j));
                        if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
                    }

            var speaker = SpeakerOf(group);
            var statements = Enumerable.Range(0, group.Count)
                .GroupBy(Find)
                .Select(g => g.Select(i => group[i]).ToList())
                .Select(members => Statement(speaker, members))
                .OrderByDescending(s => s.Outlets.Count)
                .ThenBy(s => s.Variants[0].ArticleId).ThenBy(s => s.Variants[0].Evidence.Start)
                .ToList();
            result.Add(new SpeakerStatements(speaker, statements));
        }

        // the most quoted first; ids numbered in display order so they are stable for a given input
        var ordered = result
            .OrderBy(s => s.Speaker.Key is null ? 1 : 0)
            .ThenByDescending(s => s.Statements.Sum(x => x.Outlets.Count))
            .ThenByDescending(s => s.Statements.Count)
            .ThenBy(s => s.Speaker.Name, StringComparer.Ordinal)
            .ToList();
        return ordered.Select(s => s with
        {
            Statements = s.Statements.Select(x => x with { Id = $"q{++statementNumber}" }).ToList(),
        }).ToList();
    }

    /// <summary>The extractor's speaker key, else the folded name; quotations without a speaker stay apart (one key each).</summary>
    private static string SpeakerKey(QuoteText q) =>
        q.Quote.SpeakerKey is { Length: > 0 } key ? key
        : q.Quote.SpeakerName is { Length: > 0 } name ? "name:" + TextFolding.Fold(name)
        : $"none:{q.Article.Id}:{q.Quote.Start}";

    private static bool SameStatement(QuoteText a, QuoteText b)
    {
        if (a.Words.Length > 0 && a.Words == b.Words) return true;
        var shared = a.Terms.Count(b.Terms.Contains);
        var small = Math.Min(a.Terms.Count, b.Terms.Count);
        if (small == 0 || shared == 0) return false;
        var overlap = (double)shared / small;

        if (a.Article == b.Article)
        {
            // within one article, only a partial quotation taken from a fuller one is the same statement
            var (part, whole) = a.Terms.Count <= b.Terms.Count ? (a, b) : (b, a);
            return part.Quote.Kind == QuoteKind.Partial && overlap == 1.0 && whole.Words.Contains(part.Words, StringComparison.Ordinal);
        }

        var farApart = a.Article.Day is { } da && b.Article.Day is { } db && Math.Abs(da.DayNumber - db.DayNumber) > FarApartDays;
        if (farApart) return shared >= 3 && overlap >= 0.8;

        // a short partial quotation: all its words must be in the other
        if (small <= 2) return overlap == 1.0 && (a.Quote.Kind == QuoteKind.Partial || b.Quote.Kind == QuoteKind.Partial || shared == 2);
        return (shared >= 2 && overlap >= MinOverlap) || a.Vector.Cosine(b.Vector) >= MinCosine;
    }

    private static Speaker SpeakerOf(List<QuoteText> quotes)
    {
        var key = quotes[0].Quote.SpeakerKey is { Length: > 0 } k ? k : null;
        // the name written most often, the fullest on a tie
        var name = quotes.Select(q => q.Quote.SpeakerName).Where(n => !string.IsNullOrWhiteSpace(n))
            .GroupBy(n => n!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key.Length).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault();
        return new Speaker(name ?? "(speaker not identified)", key);
    }

    private static Statement Statement(Speaker speaker, List<QuoteText> members)
    {
        members = members.OrderBy(m => m.Article.Index).ThenBy(m => m.Quote.Start).ToList();
        var reference = members
            .OrderBy(m => m.Quote.Kind switch { QuoteKind.Direct => 0, QuoteKind.Indirect => 1, _ => 2 })
            .ThenByDescending(m => m.Terms.Count).ThenBy(m => m.Article.Index).ThenBy(m => m.Quote.Start)
            .First();

        var variants = new List<QuoteVariant>(members.Count);
        foreach (var m in members)
        {
            int? partOf = null;
            if (m.Quote.Kind == QuoteKind.Partial)
            {
                var container = members.FindIndex(o => o != m && o.Words.Length > m.Words.Length
                                                            && o.Words.Contains(m.Words, StringComparison.Ordinal));
                if (container < 0)
                    container = members.FindIndex(o => o != m && o.Terms.Count > m.Terms.Count && m.Terms.IsSubsetOf(o.Terms));
                if (container >= 0) partOf = container;
            }
            var differs = m != reference && !reference.Words.Contains(m.Words, StringComparison.Ordinal)
                                         && !m.Words.Contains(reference.Words, StringComparison.Ordinal);
            variants.Add(new QuoteVariant
            {
                Outlet = m.Article.Outlet,
                ArticleId = m.Article.Id,
                Text = m.Text,
                Kind = m.Quote.Kind,
                Cue = m.Quote.Cue,
                Speaker = new Speaker(m.Quote.SpeakerName ?? speaker.Name, m.Quote.SpeakerKey),
                Differs = differs,
                PartOf = partOf,
                Evidence = Evidence.Of(m.Article.Article, m.Quote),
            });
        }

        var outlets = new List<string>();
        foreach (var m in members)
            if (!outlets.Contains(m.Article.Outlet)) outlets.Add(m.Article.Outlet);
        var refOutlet = reference.Article.Outlet;
        var wordedDifferently = variants.Any(v => v.Differs && v.Outlet != refOutlet && v.PartOf is null);
        return new Statement
        {
            Id = "",
            Speaker = speaker,
            Text = reference.Text,
            Outlets = outlets,
            WordedDifferently = wordedDifferently,
            Variants = variants,
        };
    }

    /// <summary>Letters and digits folded, words joined by one space.</summary>
    private static string Words(string text)
    {
        var folded = TextFolding.Fold(text);
        var sb = new StringBuilder(folded.Length);
        var pendingSpace = false;
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && sb.Length > 0) sb.Append(' ');
                pendingSpace = false;
                sb.Append(c);
            }
            else pendingSpace = true;
        }
        return sb.ToString();
    }
}
