using Recoupe.Core.Model;

namespace Recoupe.Core.Digest;

/// <summary>How a statement's words are shown, in every format and in the coverage labels.</summary>
public static class StatementWords
{
    /// <summary>
    /// Words as a speaker's: a direct or partial quotation between quotation marks; reported speech («&#160;a annoncé
    /// que…&#160;») never, since the words are the outlet's, not the speaker's.
    /// </summary>
    public static string Quoted(QuoteKind kind, string text) => kind == QuoteKind.Indirect ? text : $"« {text} »";

    /// <summary>The variant whose words are the statement's reference wording.</summary>
    public static QuoteVariant Reference(Statement statement) =>
        statement.Variants.FirstOrDefault(v => v.Text == statement.Text) ?? statement.Variants[0];

    /// <summary>A statement as one line: « words » for a quotation; "paraphrase (cue): words" for reported speech.</summary>
    public static string Line(Statement statement)
    {
        var reference = Reference(statement);
        return reference.Kind == QuoteKind.Indirect
            ? $"paraphrase{(reference.Cue is { } cue ? $" ({cue})" : "")}: {statement.Text}"
            : Quoted(reference.Kind, statement.Text);
    }
}
