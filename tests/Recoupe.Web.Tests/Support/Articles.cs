namespace Recoupe.Web.Tests.Support;

/// <summary>Small articles written for these tests (no publisher's text).</summary>
public static class Articles
{
    public static string French(string topic = "la réforme des retraites") =>
        $"""
        Le gouvernement présente {topic} à Paris

        PARIS, 12 mars - Le ministre de l'Économie, Jean Dupont, a présenté mardi {topic} devant l'Assemblée nationale.

        « Nous ne reculerons pas sur l'essentiel », a déclaré Jean Dupont devant les députés.

        Selon le ministère, plus de 1 200 000 personnes seraient concernées par la mesure dès l'été prochain.

        Les syndicats de l'État dénoncent un texte préparé sans concertation et appellent à manifester jeudi.
        """;

    public static string English(string topic = "the harbour bridge") =>
        $"""
        Council approves funding for {topic}

        The city council approved funding for {topic} on Tuesday after a long debate about its cost.

        "This is the most important project of the decade," said Mayor Anna Kowalski after the vote.

        The project is expected to cost about 45 million pounds and to take three years to complete.
        """;

    public static string Json(string title, string text, string? url = null, string? outlet = null) =>
        ApiJson.Compact(new Dictionary<string, string?>
        {
            ["title"] = title,
            ["text"] = text,
            ["url"] = url,
            ["outlet"] = outlet,
            ["date"] = "2026-03-12",
        }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value));

    public static string Rss(params (string Title, string Body)[] items) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Test feed</title><link>https://feed.example/</link>
        {string.Join("\n", items.Select((item, i) => $"<item><title>{item.Title}</title><link>https://feed.example/{i}</link><pubDate>Tue, 10 Mar 2026 08:00:00 GMT</pubDate><description>{item.Body}</description></item>"))}
        </channel></rss>
        """;

    public static string Atom(params (string Title, string Body)[] entries) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Test atom</title><id>urn:test</id><updated>2026-03-10T08:00:00Z</updated>
        {string.Join("\n", entries.Select((e, i) => $"<entry><title>{e.Title}</title><id>urn:test:{i}</id><updated>2026-03-10T08:00:00Z</updated><content type=\"text\">{e.Body}</content></entry>"))}
        </feed>
        """;
}
