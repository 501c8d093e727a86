namespace Recoupe.Core.Extraction;

/// <summary>How a quotation's speaker was found, from the surest path to the weakest.</summary>
public enum Via
{
    /// <summary>The subject of the quotation's own speech verb or "selon" (an incise, a colon introduction, X said).</summary>
    Cue,
    /// <summary>The subject of the quotation's own incise, a description no entity holds ("a demandé le vétéran").</summary>
    Description,
    /// <summary>A pronoun subject of the quotation's own cue, resolved to a person.</summary>
    Pronoun,
    /// <summary>The cue of another quotation of the same sentence.</summary>
    SharedCue,
    /// <summary>"X : «…»": a name and a colon opening the sentence.</summary>
    Colon,
    /// <summary>The speaker of the quotation that holds this one.</summary>
    Parent,
    /// <summary>Words quoted again elsewhere with a cue (a headline quoting the body).</summary>
    RepeatedWords,
    /// <summary>A person (or a speaking body) named as subject since the previous quotation.</summary>
    SubjectSince,
    /// <summary>The subject of a speech verb named since the previous quotation ("X a expliqué … . «…»").</summary>
    SpeechSubjectSince,
    /// <summary>The speaker of the previous quotation, a few sentences before: the paragraph's speaker chain.</summary>
    PreviousSpeaker,
    /// <summary>A person named right after the closing mark and a comma, in an incise whose verb the language data does not know.</summary>
    Incise,
    /// <summary>The nearest person named, who is also the one the article names most: no structure ties them.</summary>
    MainPerson,
    /// <summary>The nearest person named before the marks, with no structure tying them.</summary>
    NearestBefore,
    /// <summary>The noun phrase that opens the clause whose predicate holds the marks ("L'entreprise a jugé les « … »").</summary>
    ClauseSubject,
    /// <summary>The nearest person named after the marks.</summary>
    NearestAfter,
}

/// <summary>
/// A confidence 0–1 for each way of finding a speaker, and the floor under which the speaker is left out (null):
/// a quotation with no speaker beats one given to the wrong person.
/// </summary>
public static class SpeakerConfidence
{
    /// <summary>Speakers found with less than this are not named.</summary>
    public const double Floor = 0.5;

    public static double Of(Via via) => via switch
    {
        Via.Cue => 0.95,
        Via.Description => 0.8,
        Via.Pronoun => 0.8,
        Via.SharedCue => 0.8,
        Via.Colon => 0.85,
        Via.Parent => 0.8,
        Via.RepeatedWords => 0.75,
        Via.SubjectSince => 0.6,
        // (right 18 times in 23 on the tune split of gold/quotes, against 39 in 86 for any subject since)
        Via.SpeechSubjectSince => 0.7,
        Via.PreviousSpeaker => 0.55,
        Via.ClauseSubject => 0.7,
        Via.Incise => 0.7,
        Via.MainPerson => 0.5,
        Via.NearestBefore => 0.3,
        _ => 0.2,
    };

    public static bool Keeps(double confidence) => confidence >= Floor;
}
