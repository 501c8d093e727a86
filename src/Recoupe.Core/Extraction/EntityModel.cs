using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>One entity of an article: every mention that refers to it points here.</summary>
public sealed class EntityCluster
{
    public EntityType Type;
    public string Name = "";
    public string Key = "";
    public string? Surname;
    /// <summary>Phonetic key of the surname alone, shared by people of one family name.</summary>
    public string? SurnameKey;
    public string? FirstName;
    public char Gender;
    public readonly List<string> Roles = [];
    // made on first use: most clusters (organisations, places, people named without a role) never get one
    private HashSet<string>? _roleClasses;
    private HashSet<string>? _nationalities;
    public HashSet<string> RoleClasses => _roleClasses ??= new(StringComparer.Ordinal);
    public HashSet<string> Nationalities => _nationalities ??= new(StringComparer.Ordinal);

    /// <summary>Reads that make no set for a cluster that has none.</summary>
    public bool HasRoleClass(string roleClass) => _roleClasses is { } set && set.Contains(roleClass);
    public int RoleClassCount => _roleClasses?.Count ?? 0;
    public int NationalityCount => _nationalities?.Count ?? 0;
    public bool HasNationality(string nationality) => _nationalities is { } set && set.Contains(nationality);
    public int Mentions;
    /// <summary>Token index of its earliest linked mention, so "named before" is one comparison, not a walk over every mention.</summary>
    public int FirstAt = int.MaxValue;
    /// <summary>Lower-case head word of an organisation's name ("ministère"), for "le ministère" later.</summary>
    public string? Head;

    public string? Role => Roles.Count > 0 ? Roles[0] : null;
}

/// <summary>A stretch of text that names or points to an entity.</summary>
public sealed class Mention
{
    public int First;
    public int Last;
    public int Start;
    public int End;
    public EntityType Type;
    public string Via = "name";
    public EntityCluster? Entity;
    public string Text = "";
    public string? Role;
    public RoleInfo? RoleInfo;
    public string? Nationality;
    public char Gender;
    public char Number = 's';
    /// <summary>Not after a preposition, not inside quotation marks: it can be the subject of a verb.</summary>
    public bool SubjectLike;
    public bool InQuote;
    /// <summary>Token where a role phrase before the name starts ("le ministre russe de la Défense, Sergueï Choïgou").</summary>
    public int RoleFirst = -1;

    public bool IsPerson => Type == EntityType.Person;
    public bool IsResolved => Entity is not null;
    public string SpeakerName => Entity?.Name ?? Text;
}

/// <summary>The entity finder's look-up tables, kept with the analysis buffers and emptied for each article.</summary>
internal sealed class EntityTables
{
    public readonly HashSet<string> MidSentenceCaps = new(StringComparer.Ordinal);
    public readonly Dictionary<string, EntityCluster> BySurnameKey = new(StringComparer.Ordinal);
    public readonly Dictionary<(string Kind, string Key), EntityCluster> ByKey = [];
    public readonly Dictionary<string, string> SurnameKeys = new(StringComparer.Ordinal);
    public readonly Dictionary<(string SurnameKey, string Given), EntityCluster> ByFullName = [];
    public readonly Dictionary<string, string> RoleHeads = new(StringComparer.Ordinal);
    public readonly Dictionary<string, string> FoldedRoles = new(StringComparer.Ordinal);
    /// <summary>Runs of capitalised words, and the single-word names left for the last pass (FindNames).</summary>
    public readonly List<(int First, int Last)> Runs = [];
    public readonly List<(int First, int Last)> Singles = [];
    /// <summary>What the article's other uses say of a word, asked once per word (EntityFinder.CommonUses).</summary>
    public readonly Dictionary<string, bool> AcronymAsThing = new(StringComparer.Ordinal);
    public readonly Dictionary<string, bool> MostlyBare = new(StringComparer.Ordinal);
    public readonly Dictionary<string, bool> SurnameAfterGivenName = new(StringComparer.Ordinal);

    public void Clear()
    {
        Runs.Clear();
        Singles.Clear();
        AcronymAsThing.Clear();
        MostlyBare.Clear();
        SurnameAfterGivenName.Clear();
        MidSentenceCaps.Clear();
        BySurnameKey.Clear();
        ByKey.Clear();
        SurnameKeys.Clear();
        ByFullName.Clear();
        RoleHeads.Clear();
        FoldedRoles.Clear();
    }
}
