using Recoupe.Core.Cleaning;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;

namespace Recoupe.Tests.Cleaning;

/// <summary>The cleaning stages on small texts written here, in English and French, one kind of noise at a time.</summary>
public sealed class CleaningStagesTests
{
    private static readonly Pipeline Cleaner = new(
        [new TextBlocksStage(), new EncodingRepairStage(), new GluedParagraphStage(), new BoilerplateStage()], []);

    private static Document CleanText(string text) =>
        Cleaner.Process(new RawArticle { Source = "test.txt", Format = InputFormat.Text, Raw = text });

    private static Document CleanFields(string? title, string? lead, string body) =>
        Cleaner.Process(new RawArticle
        {
            Source = "test.jsonl:line 1", Format = InputFormat.JsonLines, Raw = "{}",
            Fields = new SourceFields { Title = title, Lead = lead, Body = body },
        });

    private static List<string> Paragraphs(Document d) => d.Paragraphs.Select(d.Slice).ToList();

    private static string Removed(Document d, string reason) =>
        string.Join(" | ", d.Removed.Where(r => r.Reason == reason).Select(r => r.Text));

    // Fictional article bodies, long enough to read as prose.
    private const string EnBody1 = "The city council of Northbridge approved a new budget for its harbour on Tuesday, after three months of debate between the mayor and the opposition.";
    private const string EnBody2 = "\"We have waited long enough for these repairs,\" said council member Ada Lindqvist, who voted for the plan. The works should start in the spring and last two years.";
    private const string EnBody3 = "Harbour traders welcomed the vote but warned that the construction could disrupt the summer season, when most visitors come to the old port.";
    private const string FrBody1 = "Le conseil municipal de Valbourg a adopté mardi un nouveau budget pour son port, après trois mois de débats entre le maire et l'opposition.";
    private const string FrBody2 = "« Nous avons assez attendu ces travaux », a déclaré l'élue Ada Lindqvist, qui a voté pour le projet. Les travaux doivent commencer au printemps et durer deux ans.";
    private const string FrBody3 = "Les commerçants du port ont salué le vote mais craignent que le chantier ne perturbe la saison d'été, quand la plupart des visiteurs viennent au vieux port.";

    // ---- blocks ----

    [Fact]
    public void A_text_file_gives_its_first_line_as_title_and_one_block_per_paragraph()
    {
        var d = CleanText($"Northbridge approves harbour budget\n\n{EnBody1}\n\n{EnBody2}\n\n{EnBody3}\n");
        d.Paragraphs[0].Role.Should().Be(ParagraphRole.Title);
        Paragraphs(d).Should().Equal("Northbridge approves harbour budget", EnBody1, EnBody2, EnBody3);
    }

    [Fact]
    public void Hard_wrapped_prose_is_joined_and_separate_lines_stay_apart()
    {
        const string wrapped = "The city council of Northbridge approved a new budget for its\nharbour on Tuesday, after three months of debate between the mayor\nand the opposition, which had asked for a smaller plan.";
        var d = CleanText($"Harbour budget approved\n\n{wrapped}\n\n{EnBody2}\n{EnBody3}");
        Paragraphs(d).Should().Equal("Harbour budget approved",
            "The city council of Northbridge approved a new budget for its harbour on Tuesday, after three months of debate between the mayor and the opposition, which had asked for a smaller plan.",
            EnBody2, EnBody3);
    }

    [Fact]
    public void White_space_is_normalised_but_characters_are_kept()
    {
        var d = CleanText("Titre\u00A0: un\tessai\n\n« Nous avons\u00A0 assez attendu ces travaux », a déclaré l'élue, qui a voté pour le projet du port ce mardi.");
        Paragraphs(d).Should().Equal("Titre : un essai", "« Nous avons assez attendu ces travaux », a déclaré l'élue, qui a voté pour le projet du port ce mardi.");
    }

    [Fact]
    public void Source_fields_become_title_lead_and_body_blocks()
    {
        var d = CleanFields("Valbourg adopte le budget du port", "Le vote a eu lieu mardi soir.", $"{FrBody1}\n\n{FrBody2}");
        d.Paragraphs.Select(p => p.Role).Should().Equal(ParagraphRole.Title, ParagraphRole.Lead, ParagraphRole.Body, ParagraphRole.Body);
        Paragraphs(d).Should().Equal("Valbourg adopte le budget du port", "Le vote a eu lieu mardi soir.", FrBody1, FrBody2);
    }

    [Fact]
    public void Html_input_is_left_to_the_html_stage()
    {
        var draft = new ArticleDraft(new RawArticle { Source = "a.html", Format = InputFormat.Html, Raw = "<p>Hello</p>" });
        new TextBlocksStage().Run(draft);
        draft.Blocks.Should().BeEmpty();
        var feed = new ArticleDraft(new RawArticle
        {
            Source = "f.xml#item 1", Format = InputFormat.Rss, Raw = "<item/>",
            Fields = new SourceFields { Title = "T", Body = "<p>Hello</p>", BodyIsHtml = true },
        });
        new TextBlocksStage().Run(feed);
        feed.Blocks.Should().BeEmpty();
    }

    // ---- mojibake ----

    [Theory]
    [InlineData("Le prÃ©sident a dÃ©clarÃ© quâ€™il viendrait.", "Le président a déclaré qu’il viendrait.")]
    [InlineData("Ã‰tats-Unis : lâ€™accord est Â«Â historiqueÂ Â»", "États-Unis : l’accord est « historique »")]
    [InlineData("The cafÃ© owner said â€œnoâ€\u009D â€” twice.", "The café owner said “no” — twice.")]
    public void Repairs_utf8_read_as_windows_1252(string broken, string repaired)
    {
        Mojibake.TryRepair(broken, out var result).Should().BeTrue();
        result.Should().Be(repaired);
    }

    [Theory]
    [InlineData("Le président a déclaré qu’il viendrait à Noël.")]
    [InlineData("«ÉTÉ» est le titre de l'exposition.")]
    [InlineData("São Paulo, Zürich, Øresund, Ærø, Ça va.")]
    [InlineData("Il lui avait « conseillé\u00A0» de répondre, puis « décidé\u00A0» de partir.")]
    public void Leaves_correct_text_alone(string text)
    {
        Mojibake.TryRepair(text, out var result).Should().BeFalse();
        result.Should().Be(text);
    }

    [Fact]
    public void Repairs_a_no_break_space_lost_to_normalisation_only_next_to_certain_repairs()
    {
        // "à" is C3 A0: its second byte read as a no-break space became a plain space.
        var d = CleanText("Le retour du voyageur\n\nIl est arrivÃ© Ã  Paris aprÃ¨s un long voyage en train de nuit depuis la frontière.");
        Paragraphs(d)[1].Should().Be("Il est arrivé à Paris après un long voyage en train de nuit depuis la frontière.");
    }

    [Fact]
    public void Repairs_other_scripts_only_where_they_make_up_the_text()
    {
        Mojibake.TryRepair("ÐœÐ¾Ñ\u0081ÐºÐ²Ð°", out var cyrillic).Should().BeTrue();
        cyrillic.Should().Be("Москва");
    }

    [Fact]
    public void Repairs_text_encoded_wrongly_twice()
    {
        Mojibake.TryRepair("dÃƒÂ©jÃƒÂ vu", out var result).Should().BeTrue();
        result.Should().Be("déjà vu");
    }

    // ---- glued paragraphs ----

    private static List<string> Pieces(string text) => ParagraphUngluer.Split(text).Select(p => (p.IsHeading ? "H:" : "") + p.Text).ToList();

    [Fact]
    public void Splits_paragraphs_run_together()
    {
        Pieces("La neige est tombée sur les Pyrénées.Alors que les stations ouvraient, les routes ont été fermées.")
            .Should().Equal("La neige est tombée sur les Pyrénées.", "Alors que les stations ouvraient, les routes ont été fermées.");
        Pieces("Il a cité l'AFP.Les secours sont arrivés vers midi, selon la préfecture.")
            .Should().Equal("Il a cité l'AFP.", "Les secours sont arrivés vers midi, selon la préfecture.");
        Pieces("Ils ont mis deux semaines à se rétablir.28 jours après, ils ont reçu une autre dose.")
            .Should().Equal("Ils ont mis deux semaines à se rétablir.", "28 jours après, ils ont reçu une autre dose.");
        Pieces("Que disent les victimes ?Des témoins racontent la scène.")
            .Should().Equal("Que disent les victimes ?", "Des témoins racontent la scène.");
        Pieces("The vote was close.Critics said the plan came too late.")
            .Should().Equal("The vote was close.", "Critics said the plan came too late.");
    }

    [Fact]
    public void Keeps_quotes_with_the_sentence_they_close_or_open()
    {
        Pieces("Il a dit \"oui\".Le lendemain, il a changé d'avis.")
            .Should().Equal("Il a dit \"oui\".", "Le lendemain, il a changé d'avis.");
        Pieces("Il a parlé aux journalistes.\"Nous reviendrons\", a-t-il promis.")
            .Should().Equal("Il a parlé aux journalistes.", "\"Nous reviendrons\", a-t-il promis.");
        Pieces("\"Nous reviendrons.\"Le maire a quitté la salle.")
            .Should().Equal("\"Nous reviendrons.\"", "Le maire a quitté la salle.");
        Pieces("Elle a parlé d'un projet « rétro ».Le studio n'a pas commenté.")
            .Should().Equal("Elle a parlé d'un projet « rétro ».", "Le studio n'a pas commenté.");
    }

    [Theory]
    [InlineData("Evoquant les frappes, M.Poutine a indiqué qu'elles seraient coordonnées.")]
    [InlineData("Les U.S.A. et le Canada ont signé. Les U.S.Army ont confirmé.")]
    [InlineData("Il est né en 52 av. J.-C.et a régné longtemps.")]
    [InlineData("Une unité de chasseurs Sy-27SM3 et un Su-34 ont décollé.")]
    [InlineData("Voir https://example.org/Page.Html et www.Example.com pour les détails.")]
    [InlineData("La croissance a atteint 3.5 % et le taux 2.75 % cette année.")]
    [InlineData("Des fruits, des légumes, etc.) ont été distribués.")]
    [InlineData("Écrivez à jean.Dupont@example.org pour vous inscrire.")]
    [InlineData("Mr.Smith and Dr.Jones met Mme.Dupont at St.Louis.")]
    [InlineData("The W.O. Bentley car and the ID.R prototype were shown.")]
    public void Does_not_split_abbreviations_initials_addresses_or_decimals(string text)
    {
        Pieces(text).Should().Equal(text);
    }

    [Fact]
    public void Lifts_an_all_caps_subheading_out_of_a_paragraph()
    {
        Pieces("Les frappes se poursuivent, selon l'ONG. LES PROCHAINES PHASES Selon un bilan officiel, 731 cibles ont été visées.")
            .Should().Equal("Les frappes se poursuivent, selon l'ONG.", "H:LES PROCHAINES PHASES", "Selon un bilan officiel, 731 cibles ont été visées.");
        Pieces("The talks ended late.\"A NEW DEAL\"Negotiators will meet again in May.")
            .Should().Equal("The talks ended late.", "H:\"A NEW DEAL\"", "Negotiators will meet again in May.");
    }

    [Fact]
    public void Lifts_wire_subheadings_between_dashes_and_capitals_glued_to_the_next_word()
    {
        Pieces("Le vote a eu lieu mardi.- Pression internationale -Très critiqué, le maire a cédé.")
            .Should().Equal("Le vote a eu lieu mardi.", "H:Pression internationale", "Très critiqué, le maire a cédé.");
        Pieces("Une polémique est née. LA GRÈCE SAISIT L'UNESCOCette initiative a surpris.")
            .Should().Equal("Une polémique est née.", "H:LA GRÈCE SAISIT L'UNESCO", "Cette initiative a surpris.");
        const string aside = "Le débat - houleux - a duré toute la nuit.";
        Pieces(aside).Should().Equal(aside);
    }

    [Fact]
    public void Does_not_take_a_dateline_or_an_acronym_for_a_subheading()
    {
        const string dateline = "Le vote est prévu. NEW YORK, 20 novembre (Reuters) - Les négociations ont repris.";
        Pieces(dateline).Should().Equal(dateline);
        const string acronym = "Le vote est prévu. La SNCF a prévenu les usagers.";
        Pieces(acronym).Should().Equal(acronym);
    }

    [Fact]
    public void Lifts_a_subheading_glued_to_the_next_paragraph()
    {
        Pieces("Le film sortira en 2022.Des réactions émuesLe réalisateur a remercié ses fans.")
            .Should().Equal("Le film sortira en 2022.", "H:Des réactions émues", "Le réalisateur a remercié ses fans.");
        Pieces("Il a été retrouvé vivant. - Proche des deux familles AndrewGhislaine a témoigné hier.")
            .Should().Equal("Il a été retrouvé vivant.", "H:Proche des deux familles Andrew", "Ghislaine a témoigné hier.");
    }

    [Fact]
    public void Tells_a_paragraph_end_from_a_subheading_and_follows_list_markers()
    {
        // A name ends a paragraph that had no final period: a cut, not a subheading.
        Pieces("\"La jungle va bien\", ajoute M. KhanLe parc est resté fermé.")
            .Should().Equal("\"La jungle va bien\", ajoute M. Khan", "Le parc est resté fermé.");
        Pieces("Les preuves s'accumulent.- Une pharmacie pleineOutre ces médicaments, d'autres ont été saisis.")
            .Should().Equal("Les preuves s'accumulent.", "H:Une pharmacie pleine", "Outre ces médicaments, d'autres ont été saisis.");
    }

    [Theory]
    [InlineData("Sur son profil LinkedIn, retrouvé par la presse, elle dit tout.")]
    [InlineData("Selon un sondage YouGov pour le journal, la majorité approuve.")]
    [InlineData("Les covoiturages organisés via RoseCar sont nombreux.")]
    [InlineData("Madeleine McCann a disparu en 2007 au Portugal.")]
    [InlineData("Leonardo DiCaprio a publié une vidéo sur YouTube et LinkedIn.")]
    [InlineData("Le laboratoire AstraZeneca et la société PlayStation ont répondu.")]
    [InlineData("Il a acheté un iPhone sur eBay avant de rejoindre McDonald's.")]
    public void Keeps_names_with_inner_capitals_whole(string text)
    {
        Pieces(text).Should().Equal(text);
    }

    [Fact]
    public void Ungluing_keeps_every_character_of_the_text()
    {
        const string glued = "Un texte.Deux phrases collées.UNE PARTIE Le texte continue.Une sous-partieIci encore.";
        var pieces = ParagraphUngluer.Split(glued);
        string.Concat(pieces.Select(p => p.Text)).Replace(" ", "").Should().Be(glued.Replace(" ", ""));
    }

    // ---- boilerplate ----

    [Fact]
    public void Drops_repeated_paragraphs_and_keeps_the_first()
    {
        var d = CleanText($"Harbour budget approved\n\n{EnBody1}\n\n{EnBody2}\n\n{EnBody1}\n\n{EnBody3}\n\n{EnBody2}");
        Paragraphs(d).Should().Equal("Harbour budget approved", EnBody1, EnBody2, EnBody3);
        d.Removed.Where(r => r.Reason == "repeat").Should().HaveCount(2);
    }

    [Fact]
    public void Drops_a_near_copy_but_keeps_a_longer_restatement()
    {
        const string lead = "Le ministère de la Mer est prêt à signer avec la région un accord visant à coordonner les travaux des deux ports, a de son côté annoncé le ministre Paul Ardent.";
        const string nearCopy = "Le ministère de la Mer est prêt à signer avec la région un accord visant à coordonner les travaux des deux ports, a annoncé de son côté M.Ardent.";
        const string quote = "« Le port doit rouvrir avant l'été », a déclaré le ministre.";
        const string restated = "« Le port doit rouvrir avant l'été », a déclaré le ministre lors d'une visite sur le chantier, accompagné du maire et de plusieurs élus régionaux.";
        var d = CleanText($"Accord sur les ports\n\n{lead}\n\n{FrBody1}\n\n{quote}\n\n{nearCopy}\n\n{restated}\n\n{FrBody3}");
        Paragraphs(d).Should().Equal("Accord sur les ports", lead, FrBody1, quote, restated, FrBody3);
        Removed(d, "repeat").Should().Be(nearCopy);
    }

    [Fact]
    public void Drops_the_title_repeated_with_its_date_and_keeps_the_date_aside()
    {
        var d = CleanText($"Valbourg adopte le budget du port 20 nov. 2015, 15:59\n\nValbourg adopte le budget du port 20 nov. 2015, 15:59\n\n{FrBody1}\n\n{FrBody2}");
        Paragraphs(d).Should().Equal("Valbourg adopte le budget du port", FrBody1, FrBody2);
        Removed(d, "date").Should().Be("20 nov. 2015, 15:59");
        Removed(d, "repeat").Should().StartWith("Valbourg adopte le budget du port");
        d.Metadata.Title.Should().Be("Valbourg adopte le budget du port");
    }

    [Fact]
    public void Drops_breadcrumbs_and_takes_the_next_line_as_title()
    {
        var d = CleanText($"Home > World > Harbour budget approved\n\nHarbour budget approved\n\n{EnBody1}\n\n{EnBody2}");
        Paragraphs(d).Should().Equal("Harbour budget approved", EnBody1, EnBody2);
        d.Paragraphs[0].Role.Should().Be(ParagraphRole.Title);
        Removed(d, "breadcrumb").Should().Be("Home > World > Harbour budget approved");
    }

    [Fact]
    public void Drops_photo_captions()
    {
        var d = CleanText($"Valbourg adopte le budget du port\n\nLe vieux port de Valbourg au lever du jour. (Photo : AFP)\n\n{FrBody1}\n\nThe old harbour at dawn. (Photo: Reuters)\n\n{FrBody2}");
        Paragraphs(d).Should().Equal("Valbourg adopte le budget du port", FrBody1, FrBody2);
        d.Removed.Count(r => r.Reason == "caption").Should().Be(2);
    }

    [Fact]
    public void Cuts_a_photo_credit_off_a_full_sentence()
    {
        var d = CleanText($"Vente record\n\n{FrBody1}\n\nLe prix de vente de ce modèle ancien est estimé entre 700 000 et 900 000 euros. Crédit photo : Maison Dupré");
        Paragraphs(d).Should().Equal("Vente record", FrBody1, "Le prix de vente de ce modèle ancien est estimé entre 700 000 et 900 000 euros.");
        Removed(d, "caption").Should().Be("Crédit photo : Maison Dupré");
    }

    [Fact]
    public void Drops_comment_boxes_and_login_prompts()
    {
        var fr = CleanText($"Titre du port\n\n{FrBody1}\n\n{FrBody2}\n\nVous devez être membre pour ajouter des commentaires.\nDevenez membre, ou connectez-vous.\nAucun commentaire n'est disponible pour l'instant");
        Paragraphs(fr).Should().Equal("Titre du port", FrBody1, FrBody2);
        var en = CleanText($"Harbour title\n\n{EnBody1}\n\n{EnBody2}\n\nComments\n\nSign in to join the conversation\n\nI think this plan is a waste of money and nobody asked the people who live near the port.");
        Paragraphs(en).Should().Equal("Harbour title", EnBody1, EnBody2);
        Removed(en, "login").Should().Be("Sign in to join the conversation");
    }

    [Fact]
    public void Drops_widgets_and_counters()
    {
        var d = CleanText($"Harbour budget approved\n\nle\n0\n\nShare\nSubscribe\n3310010\n\n{EnBody1}\n\n{EnBody2}\n\nPrint");
        Paragraphs(d).Should().Equal("Harbour budget approved", EnBody1, EnBody2);
        d.Removed.Where(r => r.Reason == "widget").Select(r => r.Text).Should().Contain(["le", "0", "Share", "Subscribe", "3310010", "Print"]);
    }

    [Fact]
    public void Drops_unrelated_headlines_after_a_read_more_cue()
    {
        var d = CleanText($"Harbour budget approved\n\n{EnBody1}\n\n{EnBody2}\n\n{EnBody3}\n\nRead more:\n\nFootball club signs young striker from Lisbon\nCelebrity chef opens third restaurant in the capital\nWeather: heavy snow expected across the north");
        Paragraphs(d).Should().Equal("Harbour budget approved", EnBody1, EnBody2, EnBody3);
        d.Removed.Count(r => r.Reason == "related").Should().Be(4);
    }

    [Fact]
    public void Drops_an_inline_read_also_link_but_keeps_the_body_after_it()
    {
        var d = CleanText($"Valbourg adopte le budget du port\n\n{FrBody1}\n\nLire aussi : Un festival de jazz annulé à cause de la pluie\n\n{FrBody2}\n\n{FrBody3}");
        Paragraphs(d).Should().Equal("Valbourg adopte le budget du port", FrBody1, FrBody2, FrBody3);
        Removed(d, "related").Should().StartWith("Lire aussi");
    }

    [Fact]
    public void Drops_tag_lines()
    {
        var d = CleanText($"Valbourg adopte le budget du port\n\n{FrBody1}\n\n{FrBody2}\n\nTags:\nport, budget, conseil municipal, Valbourg, Ada Lindqvist");
        Paragraphs(d).Should().Equal("Valbourg adopte le budget du port", FrBody1, FrBody2);
        Removed(d, "tags").Should().Contain("port, budget");
    }

    [Fact]
    public void Drops_an_embedded_post_and_keeps_its_handle_line_aside()
    {
        var d = CleanText($"Harbour budget approved\n{EnBody1}\nThe #harbour plan passed tonight in #Northbridge\nhttps://t.co/AbC123pic.twitter.com/XyZ789\n— Northbridge Herald (@nbherald) 3 March 2024\n{EnBody3}");
        Paragraphs(d).Should().Equal("Harbour budget approved", EnBody1, EnBody3);
        d.Removed.Should().Contain(new RemovedBlock("— Northbridge Herald (@nbherald) 3 March 2024", "embed"));
        d.Removed.Count(r => r.Reason == "embed").Should().Be(3);
    }

    [Fact]
    public void Drops_media_cards_and_issue_notes()
    {
        var d = CleanText($"Valbourg adopte le budget du port\n\n{FrBody1}\n\nVidéo – 02:14 – Le vieux port sous la neige\n\n{FrBody2}\n\nCet article est paru dans le numéro 212 du Journal de Valbourg");
        Paragraphs(d).Should().Equal("Valbourg adopte le budget du port", FrBody1, FrBody2);
        Removed(d, "embed").Should().StartWith("Vidéo");
        Removed(d, "footer").Should().StartWith("Cet article est paru");
    }

    [Fact]
    public void Never_drops_the_title_given_by_the_source()
    {
        var d = CleanFields("Commentaires", null, $"{FrBody1}\n\n{FrBody2}");
        Paragraphs(d).Should().Equal("Commentaires", FrBody1, FrBody2);
        d.Paragraphs[0].Role.Should().Be(ParagraphRole.Title);
    }

    [Fact]
    public void Drops_a_media_card_glued_to_its_source()
    {
        var d = CleanText($"Valbourg adopte le budget du port\n\n{FrBody1}\n\nLe port de Valbourg va-t-il survivre ?par Radio Côte\n\n{FrBody2}");
        Paragraphs(d).Should().Equal("Valbourg adopte le budget du port", FrBody1, FrBody2);
        Removed(d, "embed").Should().Be("Le port de Valbourg va-t-il survivre ?par Radio Côte");
    }

    [Fact]
    public void Cuts_trailing_credits_off_the_last_paragraph()
    {
        var en = CleanText($"Harbour budget approved\n\n{EnBody1}\n\n{EnBody3} (Reporting by Ada Lindqvist; Editing by Tom Berg)");
        Paragraphs(en).Should().Equal("Harbour budget approved", EnBody1, EnBody3);
        Removed(en, "credits").Should().Be("(Reporting by Ada Lindqvist; Editing by Tom Berg)");

        var fr = CleanText($"Valbourg adopte le budget du port\n\n{FrBody1}\n\n{FrBody3}\n\nAFP/P.L.");
        Paragraphs(fr).Should().Equal("Valbourg adopte le budget du port", FrBody1, FrBody3);
        Removed(fr, "credits").Should().Be("AFP/P.L.");
    }

    [Fact]
    public void Keeps_a_closing_parenthesis_that_is_part_of_a_sentence()
    {
        const string last = "Les travaux seront financés par la région et l'État (pour un tiers chacun).";
        var d = CleanText($"Valbourg adopte le budget du port\n\n{FrBody1}\n\n{last}");
        Paragraphs(d).Should().Equal("Valbourg adopte le budget du port", FrBody1, last);
        d.Removed.Should().BeEmpty();
    }

    [Fact]
    public void Cuts_a_leading_update_note_and_keeps_the_dateline()
    {
        var d = CleanText("Harbour budget approved\n\n(Updates with mayor's comments) NORTHBRIDGE, March 3 (Reuters) - The city council approved a new budget for its harbour on Tuesday, after three months of debate.");
        Paragraphs(d).Should().Equal("Harbour budget approved",
            "NORTHBRIDGE, March 3 (Reuters) - The city council approved a new budget for its harbour on Tuesday, after three months of debate.");
        Removed(d, "update-note").Should().Be("(Updates with mayor's comments)");
    }

    [Fact]
    public void Drops_page_footers_and_script_residue()
    {
        var d = CleanText($"Harbour budget approved\n\n{EnBody1}\n\n{EnBody2} window.player_1 = new Player('x', {{id: \"a1\", autoplay: false}});\n\n© 2024 Northbridge Herald. All rights reserved.");
        Paragraphs(d).Should().Equal("Harbour budget approved", EnBody1, EnBody2);
        Removed(d, "footer").Should().Contain("All rights reserved");
        Removed(d, "script").Should().StartWith("window.player_1");
    }

    [Fact]
    public void Drops_site_furniture_before_an_untitled_body()
    {
        var d = CleanText($"International\nURL courte\nGrands travaux dans les ports de l'Ouest (12)\n4512\nS'abonner\n\n{FrBody1}\n\n{FrBody2}");
        Paragraphs(d).Should().Equal(FrBody1, FrBody2);
        d.Paragraphs.Should().NotContain(p => p.Role == ParagraphRole.Title);
    }

    [Fact]
    public void Skips_a_section_label_and_a_dated_header_line_above_the_title()
    {
        var d = CleanText($"NORTHBRIDGE HERALD - City desk\n03/03/2024 09:15 - LOCAL / HARBOUR\n\nHarbour budget approved after long debate\n\n{EnBody1}\n\n{EnBody2}");
        Paragraphs(d).Should().Equal("Harbour budget approved after long debate", EnBody1, EnBody2);
        d.Paragraphs[0].Role.Should().Be(ParagraphRole.Title);
    }

    [Fact]
    public void Keeps_a_title_with_a_live_tag_when_no_other_title_follows()
    {
        var d = CleanText($"EN DIRECT - Le budget du port adopté\n\n{FrBody1}\n\n{FrBody2}");
        Paragraphs(d).Should().Equal("EN DIRECT - Le budget du port adopté", FrBody1, FrBody2);
    }

    [Fact]
    public void Cuts_the_site_name_off_the_title_and_drops_a_two_item_breadcrumb()
    {
        var d = CleanText($"Valbourg Info > Politique\n\nValbourg adopte le budget du port | Valbourg Info\n\n{FrBody1}\n\n{FrBody2}");
        Paragraphs(d).Should().Equal("Valbourg adopte le budget du port", FrBody1, FrBody2);
        Removed(d, "site-name").Should().Be("Valbourg Info");
        Removed(d, "breadcrumb").Should().Be("Valbourg Info > Politique");
    }

    [Fact]
    public void Drops_bylines_credit_lines_and_a_widget_glued_after_them()
    {
        var d = CleanFields("Valbourg adopte le budget du port", "Le vote a eu lieu mardi soir, après trois mois de débats au conseil municipal.",
            $"Par Jeanne Morel\n\n{FrBody1}\n\n{FrBody2}\n\n(Avec Jeanne Morel et Paul Ardent à Valbourg)\n\nAvec Agence Ouest. Partagez cet article : 52 partages");
        Paragraphs(d).Should().Equal("Valbourg adopte le budget du port", "Le vote a eu lieu mardi soir, après trois mois de débats au conseil municipal.", FrBody1, FrBody2);
        Removed(d, "credits").Should().Be("Par Jeanne Morel | (Avec Jeanne Morel et Paul Ardent à Valbourg) | Avec Agence Ouest.");
        Removed(d, "widget").Should().Be("Partagez cet article : 52 partages");
    }

    [Fact]
    public void Drops_an_embedded_post_without_links_before_its_handle_line()
    {
        var d = CleanText($"Valbourg adopte le budget du port\n\n{FrBody1}\n\nLe vote est une victoire pour tout le port. Merci aux élus !\n— Ada Lindqvist (@ada_lq) 3 mars 2024\n\n{FrBody3}");
        Paragraphs(d).Should().Equal("Valbourg adopte le budget du port", FrBody1, FrBody3);
        d.Removed.Count(r => r.Reason == "embed").Should().Be(2);
    }

    [Fact]
    public void Drops_a_caption_signed_by_a_photographer_above_the_body()
    {
        var d = CleanText($"Harbour budget approved\n\nThe old harbour of Northbridge at dawn, March 2, 2024. Herald/Tom Berg\n\n{EnBody1}\n\n{EnBody2}");
        Paragraphs(d).Should().Equal("Harbour budget approved", EnBody1, EnBody2);
        Removed(d, "caption").Should().StartWith("The old harbour");
    }

    [Fact]
    public void A_first_line_that_is_a_sentence_is_body_not_title()
    {
        var d = CleanText($"{FrBody1}\n\n{FrBody2}");
        Paragraphs(d).Should().Equal(FrBody1, FrBody2);
        d.Paragraphs.Should().OnlyContain(p => p.Role == ParagraphRole.Body);
    }

    [Fact]
    public void A_short_clean_article_loses_nothing()
    {
        var d = CleanFields("Valbourg adopte le budget du port", "Vote serré mardi soir.", $"{FrBody1}\n\nUn vote attendu\n\n{FrBody2}\n\n{FrBody3}");
        Paragraphs(d).Should().Equal("Valbourg adopte le budget du port", "Vote serré mardi soir.", FrBody1, "Un vote attendu", FrBody2, FrBody3);
        d.Removed.Should().BeEmpty();
    }

    [Fact]
    public void A_megabyte_of_glued_noisy_text_is_cleaned_in_linear_time()
    {
        // About 1.5 million characters in one paragraph: glued paragraphs and subheadings, mojibake, script residue.
        // Linear work takes about a second; a quadratic step would take hours.
        var text = new System.Text.StringBuilder("Titre du texte\n\n");
        for (var i = 0; i < 20000; i++)
        {
            text.Append(i % 7 == 0 ? "Des réactions émues" : $"Le conseil a voté le budget du port numéro {i} après un long débat");
            text.Append(i % 3 == 0 ? ".Alors " : i % 5 == 0 ? " Ã  Valbourg Â« oui Â» " : ". ");
            if (i % 11 == 0) text.Append("LES PROCHAINES PHASES Selon ");
            if (i % 13 == 0) text.Append("window.a = new Player({id: 1, \"autoplay\": false}); ");
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var d = CleanText(text.ToString());
        watch.Stop();
        d.Paragraphs.Count.Should().BeGreaterThan(5000);
        d.Text.Should().Contain("à Valbourg « oui »");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Same_input_gives_same_output()
    {
        var text = $"Home > World > Harbour\n\nHarbour\n\n{EnBody1}\n\n{EnBody1}\n\n{EnBody2}\n\nRead more:\nA headline about something else entirely\nAnother unrelated headline for the page";
        var a = CleanText(text);
        var b = CleanText(text);
        a.Text.Should().Be(b.Text);
        a.Removed.Should().Equal(b.Removed);
    }
}
