namespace Recoupe.Core.Extraction;

// What the language's word lists say about a word or phrase (the values of ExtractionResources' tables and lexemes).

public sealed record SpeechForm(string Lemma, string Class, char Tense)
{
    public bool IsParticiple => Tense == 'K';
    public bool IsInfinitive => Tense == 'W';
    public bool IsGerund => Tense == 'G';
    public bool IsFinite => Tense is 'P' or 'I' or 'J' or 'F' or 'C' or 'S';
    /// <summary>A participle that is also a finite form of the same verb ("dit", "décrit", "écrit").</summary>
    public bool AlsoFinite { get; init; }
    public bool IsSupport => Class == "support";
}

public sealed record RoleInfo(string Phrase, char Gender, string Class);

public sealed record PronounInfo(char Gender, char Number, string Use);

public sealed record NumberWord(decimal Value, string Kind);

public sealed record UnitInfo(string Unit, string Class);

/// <summary>Which word lists a word form belongs to.</summary>
[Flags]
public enum WordLists
{
    None = 0,
    Lexicon = 1 << 0,
    Determiner = 1 << 1,
    Preposition = 1 << 2,
    Auxiliary = 1 << 3,
    Filler = 1 << 4,
    ClauseMarker = 1 << 5,
    ClauseIntroducer = 1 << 6,
    NameParticle = 1 << 7,
    WorkCue = 1 << 8,
    OrganisationHead = 1 << 9,
    FigureIdentifier = 1 << 10,
    Month = 1 << 11,
    Nationality = 1 << 12,
    /// <summary>A determiner, a preposition or a word the lexicon knows only as a function word.</summary>
    FunctionWord = 1 << 13,
    /// <summary>A word that names a legal proceeding ("enquête", "plainte", "mis en examen").</summary>
    ChargeCue = 1 << 14,
    /// <summary>A preposition that introduces the name of a charge ("pour", "de").</summary>
    ChargeIntroducer = 1 << 15,
    /// <summary>A word that ends the names of firms and bodies ("Construction", "Airlines"): the name is no person's.</summary>
    OrganisationSuffix = 1 << 16,
}
