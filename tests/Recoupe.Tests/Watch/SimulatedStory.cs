using System.Globalization;

namespace Recoupe.Tests.Watch;

/// <summary>
/// One story of the simulated news: a happening that outlets tell while it runs (a new one every
/// <see cref="Every"/>, each running <see cref="Lasts"/>, so about 18 at a time and 144 a day), with words of its own
/// (an invented place and person, a body, what it did to what, an amount). Grouping then has many bounded stories to
/// tell apart, as a real day has, rather than one story of every article.
/// </summary>
public sealed record SimulatedStory(int Number, string Person, string Place, string Body, string Action, string Object, int Amount)
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Lasts = TimeSpan.FromHours(3);

    private static readonly string[] Syllables = ["ka", "vel", "mor", "tan", "ri", "sol", "bren", "ath", "lu", "dor", "mi", "quen", "zar", "ost", "el", "vik", "na", "thal", "pe", "gor"];
    private static readonly string[] FirstNames = ["Amara", "Tomas", "Helena", "Ravi", "Ines", "Paul", "Yara", "Owen", "Lena", "Marco", "Sofia", "Jonas"];
    private static readonly string[] Bodies = ["the regional council", "the transport authority", "the hospital trust", "the fishing cooperative", "the university board", "the water company", "the port operator", "the teachers' union"];
    private static readonly string[] Actions = ["approved a budget of", "postponed a vote on", "announced a review of", "rejected a plan for", "opened talks about", "published figures on", "cut spending on", "doubled funding for"];
    private static readonly string[] Objects = ["the new bridge", "night bus services", "flood defences", "the harbour extension", "school meals", "rural clinics", "the wind farm", "housing repairs"];
    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

    /// <summary>The story of a number: its place and its person's surname are made of its own syllables (unique below 400).</summary>
    public static SimulatedStory Of(int number)
    {
        var random = new Random(number * 7919 + 17);
        var place = Cap(Syllables[number % 20] + Syllables[number / 20 % 20]) + "ton";
        var surname = Cap(Syllables[(number * 7 + 3) % 20] + Syllables[(number / 20 * 3 + number) % 20] + "an");
        return new SimulatedStory(number, $"{FirstNames[random.Next(FirstNames.Length)]} {surname}", place,
            Bodies[random.Next(Bodies.Length)], Actions[random.Next(Actions.Length)], Objects[random.Next(Objects.Length)], random.Next(5, 900));
    }

    /// <summary>The story an article tells: one of those running when it is published (the web starts at <paramref name="start"/>), chosen by the article.</summary>
    public static SimulatedStory For(DateTimeOffset start, int outlet, int article, DateTimeOffset published)
    {
        var newest = (int)((published - start) / Every);
        var running = (int)(Lasts / Every);
        var pick = (int)((uint)(outlet * 31 + article * 17 + outlet * article) % (uint)running);
        return Of(Math.Max(0, newest - pick));
    }

    public string Title(int variant) => (variant % 3) switch
    {
        0 => $"{Place}: {Body} {Action} {Object}",
        1 => $"{Person} defends the decision on {Object} in {Place}",
        _ => $"{Cap(Body)} of {Place} {Action} {Object}",
    };

    /// <summary>Sentences of the story, varied by <paramref name="random"/>; <paramref name="report"/> makes each article's text its own.</summary>
    public string Sentence(Random random, string report) => random.Next(6) switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{Cap(Body)} of {Place} {Action} {Object} worth {Amount} million euros, according to {Person}."),
        1 => string.Create(CultureInfo.InvariantCulture, $"{Person} told reporters in {Place} that the decision on {Object} would be reviewed within {random.Next(2, 30)} days."),
        2 => string.Create(CultureInfo.InvariantCulture, $"About {random.Next(100, 5000)} residents of {Place} signed a petition about {Object}."),
        3 => $"Critics said {Body} had not consulted the people of {Place} before it {Action} {Object}.",
        4 => $"{Person} is expected to answer questions on {Object} on {Days[random.Next(Days.Length)]}.",
        _ => string.Create(CultureInfo.InvariantCulture, $"Officials in {Place} put the cost at {Amount} million euros in {report}."),
    };

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
