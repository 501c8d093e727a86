using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Evaluation;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Extraction;

public class ExtractionTests
{
    private static Document Extract(string text, string language = "fr") => Extractor.Run(Extractor.FromText(text, "test", language));

    [Fact]
    public void Inverted_incise_takes_the_previous_speaker()
    {
        var doc = Extract("Le ministre des Finances Jean Dupont a parlé lundi. « Nous allons réduire le déficit cette année », a déclaré Jean Dupont. « Il faudra des efforts de tous », a-t-il ajouté.");
        doc.Quotes.Where(q => q.Kind == QuoteKind.Direct).Should().HaveCount(2);
        doc.Quotes.Where(q => q.Kind == QuoteKind.Direct).Should().OnlyContain(q => q.SpeakerKey == NameKeys.Surname("Dupont"));
    }

    [Fact]
    public void Role_mention_resolves_to_the_named_person()
    {
        var doc = Extract("La porte-parole du gouvernement, Marie Lefort, a répondu aux questions. \"Nous ne reculerons pas sur cette réforme\", a affirmé la porte-parole.");
        var quote = doc.Quotes.Single(q => q.Kind == QuoteKind.Direct);
        quote.SpeakerName.Should().Be("Marie Lefort");
    }

    [Fact]
    public void Ship_names_in_guillemets_are_not_quotations()
    {
        var doc = Extract("Le porte-avions «Clemenceau» a rejoint la frégate «Aconit» au large de Toulon, a indiqué la Marine.");
        doc.Quotes.Where(q => q.Kind != QuoteKind.Indirect).Should().BeEmpty();
    }

    [Fact]
    public void Short_scare_quote_without_cue_is_not_a_quotation()
    {
        var doc = Extract("Les habitants du quartier parlent d'un \"miracle\" après la réouverture de la boulangerie.");
        doc.Quotes.Should().BeEmpty();
    }

    [Fact]
    public void Indirect_speech_with_que_and_selon()
    {
        var doc = Extract("Paul Martin a fait savoir que la réforme serait votée avant l'été. Selon l'Insee, le chômage a reculé de 3,5 % en un an.");
        doc.Quotes.Should().Contain(q => q.Kind == QuoteKind.Indirect && q.SpeakerKey == NameKeys.Surname("Martin"));
        doc.Quotes.Should().Contain(q => q.Kind == QuoteKind.Indirect && q.SpeakerName == "Insee");
    }

    [Fact]
    public void Figures_with_spacing_qualifier_scope_and_claimer()
    {
        var doc = Extract("Plus de 1 200 soldats ont été déployés au cours des deux dernières semaines, a annoncé le ministère de la Défense.");
        var fig = doc.Figures.First(f => f.Value == 1200);
        fig.Counts.Should().StartWith("soldats");
        fig.Qualifier.Should().Be("plus de");
        fig.Scope.Should().StartWith("au cours des deux dernières semaines");
        fig.ClaimedByKey.Should().Be("ministere-defense");
    }

    [Fact]
    public void Dates_years_and_clock_times_are_not_figures()
    {
        var doc = Extract("Le 30 septembre 2015 à 15:59, huit blessés ont été transportés à l'hôpital, selon les pompiers.");
        doc.Figures.Select(f => f.Value).Should().Equal(8m);
    }

    [Fact]
    public void Number_words_and_approximations()
    {
        var doc = Extract("Une dizaine de manifestants ont été interpellés et des dizaines de voitures incendiées.");
        doc.Figures.Should().Contain(f => f.Value == 10 && f.Qualifier == "environ" && f.Counts!.StartsWith("manifestants"));
        doc.Figures.Should().Contain(f => f.Qualifier == "vague");
    }

    [Fact]
    public void Capitalised_names_in_a_noun_slot_are_not_quotations()
    {
        var doc = Extract("L'acteur était connu pour son rôle dans \"Les Voiles du large\", et il animait l'émission \"Nous sommes là\" sur une radio locale. \"Nous partirons demain\", a déclaré Paul Martin.");
        doc.Quotes.Where(q => q.Kind != QuoteKind.Indirect).Select(doc.Slice).Should().Equal("Nous partirons demain");
    }

    [Fact]
    public void Charges_and_recurring_labels_are_not_quotations()
    {
        var doc = Extract("Le suspect est visé par une enquête pour \"violences aggravées\" et \"menaces de mort\". "
                          + "Les \"bonnets verts\" ont défilé samedi. La préfecture a compté mille \"bonnets verts\" dans le cortège.");
        doc.Quotes.Where(q => q.Kind != QuoteKind.Indirect).Should().BeEmpty();
    }

    [Fact]
    public void Short_quotations_beside_a_quotation_are_quotations()
    {
        var doc = Extract("Le maire Paul Martin a dit sa \"colère\" et sa \"honte\" face à ceux qui \"refusent de voir la réalité du terrain\".");
        doc.Quotes.Where(q => q.Kind == QuoteKind.Partial).Select(doc.Slice).Should().Equal("colère", "honte", "refusent de voir la réalité du terrain");
        doc.Quotes.Where(q => q.Kind == QuoteKind.Partial).Should().OnlyContain(q => q.SpeakerName == "Paul Martin");
    }

    [Fact]
    public void English_quotations_take_their_speaker_from_said_and_told()
    {
        var doc = Extract(
            "Talks open in Glenhaven\n\n\"We will not leave without our fishermen,\" Foreign Minister Helene Darmont told reporters on Monday. "
            + "\"The talks will be long,\" she said. Officials said the ship \"Northern Star\" would stay in port.", "en");
        var quotes = doc.Quotes.Where(q => q.Kind != QuoteKind.Indirect).ToList();
        quotes.Select(doc.Slice).Should().Equal("We will not leave without our fishermen,", "The talks will be long,");
        quotes.Should().OnlyContain(q => q.SpeakerName == "Helene Darmont");
    }

    [Fact]
    public void Stages_pick_their_resources_by_the_document_language()
    {
        ArticleAnalysis.For(Extractor.Run(Extractor.FromText("\"We won,\" the coach said.", "en", "en"))).R.Language.Should().Be("en");
        ArticleAnalysis.For(Extractor.Run(Extractor.FromText("« Nous avons gagné », a dit l'entraîneur.", "fr", "fr"))).R.Language.Should().Be("fr");
    }

    [Fact]
    public void An_analysis_reusing_the_buffers_of_a_longer_article_finds_what_a_fresh_one_finds()
    {
        // names over the places where the short article has its pronoun and its quotation
        const string Long = "Grève à Lyonval\n\nMartine Vasseur, Paul Girardin, Étienne Morvan, Claire Dumont, Jean Dupuis, Marc Lenoir, Anne Roussel "
            + "et Louis Perrin ont signé l'appel devant 300 dockers. Selon la préfecture, 1 200 conteneurs attendent. « C'est une honte », a ajouté "
            + "Paul Girardin. Le ministre des Transports a promis 15 millions d'euros. « Nous verrons », a-t-il dit.";
        const string Short = "Accord à Lyonval\n\nLe maire Claire Dumont a annoncé un accord. « C'est fini », a-t-elle dit.";
        static string Describe(Document d) => string.Join("\n", d.Entities.Select(e => $"{e.Start}-{e.End} {e.Type} {e.Key} {e.Via} {e.Role}")
            .Concat(d.Quotes.Select(q => $"{q.Start}-{q.End} {q.Kind} {q.SpeakerKey} {q.Cue}"))
            .Concat(d.Figures.Select(f => $"{f.Start}-{f.End} {f.Value} {f.Unit} {f.Counts} {f.ClaimedByKey}")));
        string OnNewThread(Func<string> work)
        {
            string? result = null;
            var thread = new Thread(() => result = work());
            thread.Start();
            thread.Join();
            return result!;
        }

        var alone = OnNewThread(() => Describe(Extractor.Run(Extractor.FromText(Short, "short", "fr"))));
        var afterLong = OnNewThread(() =>
        {
            var longDoc = Extractor.Run(Extractor.FromText(Long, "long", "fr"));
            var longAnalysis = ArticleAnalysis.For(longDoc);
            longAnalysis.Toks.Count.Should().BeGreaterThan(40);
            ArticleAnalysis.Release(longDoc);
            var described = Describe(Extractor.Run(Extractor.FromText(Short, "short", "fr")));
            // the long article's analysis, released, gave its buffers to the short one's: using it now is an error, not stale data
            longAnalysis.Invoking(a => a.Toks).Should().Throw<InvalidOperationException>().WithMessage("*long*");
            return described;
        });
        alone.Should().Contain("Person").And.Contain("Direct");
        afterLong.Should().Be(alone);
    }

    [Fact]
    public void Every_word_of_the_samples_points_at_the_one_lexeme_of_its_form()
    {
        // word facts live once per form in the language's vocabulary: tokens of a named form, in any article, share its
        // lexeme; other words read the same lexicon classes the vocabulary gives
        var dir = Path.Combine(SharedData.RepoRoot, "samples");
        var pipeline = Recoupe.Core.Pipeline.DefaultPipeline.Create();
        var words = 0;
        var named = 0;
        var languages = new HashSet<string>();
        var seen = new Dictionary<(string, string), Lexeme>();
        foreach (var read in Recoupe.Ingest.ArticleReader.Read([Path.Combine(dir, "articles")]).OfType<Recoupe.Ingest.ReadArticle>())
        {
            Document doc;
            try { doc = pipeline.Process(read.Article); }
            catch (Recoupe.Core.Model.ArticleRejectedException) { continue; }
            languages.Add(doc.Metadata.Language);
            var analysis = ArticleAnalysis.For(doc);
            foreach (var t in analysis.Toks.Where(t => t.Kind == TokKind.Word))
            {
                words++;
                var lexeme = t.Info;
                lexeme.Lower.Should().Be(t.Lower);
                lexeme.Classes.Should().Be(analysis.R.Vocab[t.Lower].Classes, t.Lower);
                t.InLexicon.Should().Be(lexeme.InLexicon, t.Lower);
                t.Hyphenated.Should().Be(lexeme.Hyphenated, t.Lower);
                t.Elided.Should().Be(lexeme.Elided, t.Lower);
                var isNamed = lexeme.Lists != WordLists.None || lexeme.Speech is not null || lexeme.Number is not null || t.PhraseFirst != 0;
                if (!isNamed) continue;
                named++;
                if (seen.TryGetValue((analysis.R.Language, t.Lower), out var earlier)) lexeme.Should().BeSameAs(earlier, t.Lower);
                else seen[(analysis.R.Language, t.Lower)] = lexeme;
            }
            foreach (var t in analysis.Toks.Where(t => t.Kind != TokKind.Word)) t.Info.Should().BeSameAs(Lexeme.None);
        }
        languages.Should().Contain(["fr", "en"]);
        words.Should().BeGreaterThan(5000);
        named.Should().BeGreaterThan(words / 4, "function words, speech verbs and number words are named by the lists");
    }

    [Fact]
    public void A_vocabulary_gives_named_words_their_lexeme_and_reads_other_words_in_the_lexicon()
    {
        var classes = new Dictionary<string, string> { ["abaisse"] = "nv", ["rouge"] = "a" };
        var named = new Lexeme("dit", "v", WordLists.Lexicon, null, null, 0, 0);
        var vocab = new Vocab([named], w => classes.GetValueOrDefault(w));
        vocab["dit"].Should().BeSameAs(named);
        vocab["abaisse"].Classes.Should().Be("nv");
        vocab["abaisse"].Lists.Should().Be(WordLists.None, "no list names it");
        vocab["inconnu"].Classes.Should().BeNull();
        vocab["inconnu"].InLexicon.Should().BeFalse();
        vocab[""].Classes.Should().BeNull();
        vocab.Count.Should().Be(1, "only the named form is kept");
    }

    [Fact]
    public void Samples_gold_quotations_are_found_with_their_speaker()
    {
        // every sample the pipeline can build (the HTML extractor and the cleaner are still being finished elsewhere)
        var dir = Path.Combine(SharedData.RepoRoot, "samples");
        var gold = GoldFormats.ReadSamples(File.ReadAllText(Path.Combine(dir, "gold.json")));
        var pipeline = Recoupe.Core.Pipeline.DefaultPipeline.Create();
        var scored = new List<(GoldDocument, Document)>();
        foreach (var sample in gold)
        {
            var articles = Recoupe.Ingest.ArticleReader.Read([Path.Combine(dir, sample.File)]).OfType<Recoupe.Ingest.ReadArticle>().ToList();
            var index = (sample.Line ?? sample.Item ?? 1) - 1;
            if (index >= articles.Count) continue;
            Document doc;
            try { doc = pipeline.Process(articles[index].Article); }
            catch (Recoupe.Core.Model.ArticleRejectedException) { continue; }
            scored.Add((GoldFormats.Locate(sample, doc.Text, out _), doc));
        }
        scored.Should().HaveCountGreaterThanOrEqualTo(10);
        var s = ExtractionScorer.Score(scored);
        // The target (0.9 for precision and recall with speaker) is met; the floors sit just under the measured
        // level (found 0.995, with speaker P 0.979 R 0.969, direct with speaker F1 0.992).
        s.QuotesFound.F1.Should().BeGreaterThanOrEqualTo(0.95, s.Report("samples"));
        s.QuotesWithSpeaker.Precision.Should().BeGreaterThanOrEqualTo(0.96, s.Report("samples"));
        s.QuotesWithSpeaker.Recall.Should().BeGreaterThanOrEqualTo(0.95, s.Report("samples"));
        s.DirectWithSpeaker.F1.Should().BeGreaterThanOrEqualTo(0.98, s.Report("samples"));
        // the English articles alone (measured P 1.000 R 1.000, direct 1.000)
        var english = ExtractionScorer.Score(scored.Where(d => d.Item2.Metadata.Language == "en"));
        english.QuotesWithSpeaker.Gold.Should().BeGreaterThanOrEqualTo(15);
        english.QuotesWithSpeaker.Precision.Should().BeGreaterThanOrEqualTo(0.95, english.Report("samples [en]"));
        english.QuotesWithSpeaker.Recall.Should().BeGreaterThanOrEqualTo(0.95, english.Report("samples [en]"));
    }

    private static Quotation Quote(Document doc, string words) => doc.Quotes.Single(q => doc.Slice(q).Contains(words));

    [Fact]
    public void A_firms_common_noun_alone_speaks_for_the_company_the_article_names()
    {
        var doc = Extract("La compagnie aérienne Air Brume prévoit d'annuler des vols. Le syndicat des pilotes maintient son appel. "
                          + "Son président, Marc Dulac, a confirmé la grève. La direction a jugé « irresponsable » ce mouvement.");
        Quote(doc, "irresponsable").SpeakerName.Should().Be("Air Brume");
    }

    [Fact]
    public void An_office_goes_to_its_holder_or_stays_the_office_never_to_the_last_person_named()
    {
        // no holder anywhere: the office itself speaks, not the opposition leader named just before
        var alone = Extract("Le député Paul Garnier a dénoncé « une réforme injuste et mal préparée par le gouvernement ». "
                            + "Le Premier ministre a répondu que la réforme était « une nécessité pour le pays tout entier ».");
        Quote(alone, "une nécessité").SpeakerName.Should().NotBe("Paul Garnier");
        Quote(alone, "une nécessité").SpeakerName.Should().Contain("Premier ministre");
        // the holder named soon after the office is introduced is the one
        var introduced = Extract("La ministre de la Culture s'est rendue à Lyon. Arrivée dans la matinée, Claire Dumont a visité le musée. "
                                 + "« Ce lieu doit rester ouvert à tous les publics », a-t-elle déclaré.");
        Quote(introduced, "rester ouvert").SpeakerName.Should().Be("Claire Dumont");
        // a former office points back to the person in focus
        var former = Extract("Marc Lefort a encore créé la polémique. Dans une tribune, l'ancien ministre a jugé « absurde et dangereuse » cette loi.");
        Quote(former, "absurde").SpeakerName.Should().Be("Marc Lefort");
    }

    [Fact]
    public void A_source_closing_the_sentence_speaks_for_the_words_woven_into_it()
    {
        var doc = Extract("La victime a été frappée samedi. Le jeune homme a dit aux policiers avoir eu « le sentiment » d'un second coup, selon le parquet. "
                          + "Les policiers cherchent encore « l'auteur de ces coups » dans tout le quartier, a indiqué la préfecture, qui lance un appel à témoins.");
        Quote(doc, "le sentiment").SpeakerName.Should().Be("parquet");
        Quote(doc, "l'auteur").SpeakerName.Should().Be("préfecture");
    }

    [Fact]
    public void A_crowd_or_one_of_a_group_speaks_as_itself_not_as_the_last_person_named()
    {
        var doc = Extract("« Nous devons montrer notre solidarité avec les victimes », a expliqué un manifestant, Paul Girard. "
                          + "« Pas de justice, pas de paix ! », a scandé à plusieurs reprises la foule, réunie sur la place. "
                          + "La ministre Anne Roche a rencontré des grévistes. « Vous ne nous faites pas peur du tout », a lancé l'un d'eux à la ministre.");
        Quote(doc, "Pas de justice").SpeakerName.Should().Be("foule");
        Quote(doc, "Vous ne nous faites").SpeakerName.Should().NotBe("Anne Roche");
        doc.Slice(Quote(doc, "Vous ne nous faites").SpeakerSpan!.Value).Should().Be("l'un d'eux");
    }

    [Fact]
    public void Selon_elle_gives_the_source_not_the_subject_named_after_it()
    {
        var doc = Extract("Marie Dupont a réagi lundi. « Ce sont des propos insultants mais une stratégie habile », a-t-elle déclaré, et, selon elle, "
                          + "Paul Martin mesure « l'effet » que peuvent avoir ses propos.");
        Quote(doc, "l'effet").SpeakerName.Should().Be("Marie Dupont");
    }

    [Fact]
    public void A_participle_that_is_also_a_present_form_is_the_verb_after_its_subject()
    {
        var doc = Extract("Léa Morel avait disparu depuis une semaine. Son ami Marc Petit décrit son amie comme une femme « grande et chaleureuse », entourée d'amis.");
        Quote(doc, "grande et chaleureuse").SpeakerName.Should().Be("Marc Petit");
    }

    [Fact]
    public void Anonymous_speakers_are_their_own_speakers()
    {
        var fr = Extract("Le patron, Marc Dulac, se tait. Selon un ancien cadre de l'entreprise, « la direction savait tout depuis des mois ».");
        Quote(fr, "savait tout").SpeakerName.Should().Contain("cadre");
        var en = Extract("Minister Paul Grant defended the deal. A Foreign Office source hit back: \"Nobody was told anything.\"", "en");
        Quote(en, "Nobody was told").SpeakerName.Should().Be("A Foreign Office source", "an indefinite description is the speaker as written");
        Quote(en, "Nobody was told").SpeakerSpan.Should().NotBeNull();
        en.Slice(Quote(en, "Nobody was told").SpeakerSpan!.Value).Should().Be("A Foreign Office source");
    }

    [Fact]
    public void A_possessive_name_determines_an_english_role()
    {
        var doc = Extract("Brumland's farmers yesterday slammed a \"shameful\" deal with their neighbours. Talks resume on Monday, said a minister.", "en");
        var quote = Quote(doc, "shameful");
        doc.Slice(quote.SpeakerSpan!.Value).Should().Be("Brumland's farmers");
    }

    [Fact]
    public void A_speech_verb_right_after_the_marks_reports_them_when_its_subject_follows()
    {
        var doc = Extract("Le débat a été vif. \"Personne ne pense que cette loi suffira\" répond Paul Martin. "
                          + "Le texte \"Horizon\" a convaincu les députés.");
        var quote = Quote(doc, "Personne ne pense");
        quote.Kind.Should().Be(QuoteKind.Direct);
        quote.Cue.Should().Be("répond");
        quote.SpeakerName.Should().Be("Paul Martin");
        doc.Quotes.Should().NotContain(q => doc.Slice(q) == "Horizon");
    }

    [Fact]
    public void Speakers_after_the_verb_in_incises_and_descriptions()
    {
        var doc = Extract("La réunion a duré trois heures. « Rien ne change pour les habitants », a quant à lui déclaré le maire Jean Roux. "
                          + "« On a attendu toute la nuit », soupirait Léa, venue de Lyon. "
                          + "« J'ai entendu deux détonations », a raconté auprès de la presse une voisine du quartier, prénommée Nadia.");
        Quote(doc, "Rien ne change").SpeakerName.Should().Be("Jean Roux");
        Quote(doc, "toute la nuit").SpeakerName.Should().Be("Léa");
        Quote(doc, "deux détonations").SpeakerName.Should().Be("Nadia");
    }

    [Fact]
    public void The_holder_of_a_role_is_the_name_in_apposition_not_what_the_role_is_of()
    {
        var doc = Extract("L'entraîneur du FC Brumeval, Marc Dulac, a voulu rassurer. « Nous jouerons chaque match pour gagner », a-t-il déclaré. "
                          + "Paul Roux, qui fut longtemps le président du club, a affirmé qu'il ne « regrettait rien ».");
        Quote(doc, "chaque match").SpeakerName.Should().Be("Marc Dulac");
        Quote(doc, "regrettait rien").SpeakerName.Should().Be("Paul Roux");
        doc.Entities.Should().NotContain(e => e.Type == EntityType.Person && e.Name == "Brumeval");
    }

    [Fact]
    public void A_body_speaks_through_a_support_verb_and_a_later_subject_takes_over_a_pronoun()
    {
        var doc = Extract("Le ministre Paul Roux est attendu mardi. Le gouvernement a fait savoir qu'il agirait « dans les plus brefs délais ». "
                          + "« Tout le monde est sain et sauf », assure la directrice, Anne Morel. Elle a indiqué que trois personnes étaient soignées. "
                          + "La maire, Claire Dubois, a passé la nuit sur place. « Nous n'avions jamais vu cela », a-t-elle résumé.");
        Quote(doc, "brefs délais").SpeakerName.Should().Be("gouvernement");
        Quote(doc, "jamais vu cela").SpeakerName.Should().Be("Claire Dubois");
    }

    [Fact]
    public void The_same_source_is_the_one_that_spoke_last()
    {
        var doc = Extract("« Le site restera fermé jusqu'à lundi », a indiqué la préfecture. Une enquête a été ouverte. "
                          + "« Les analyses prendront plusieurs jours », selon la même source.");
        Quote(doc, "plusieurs jours").SpeakerName.Should().Be("préfecture");
    }

    [Fact]
    public void Quoted_names_of_works_and_woven_fragments()
    {
        var doc = Extract("Il a longtemps animé \"Tout le monde en parle\", émission culte de la chaîne. "
                          + "Il réclame une réforme \"juste et rapide qui protège enfin les salariés\", a-t-il dit.");
        doc.Quotes.Should().NotContain(q => doc.Slice(q) == "Tout le monde en parle");
        Quote(doc, "juste et rapide").Kind.Should().Be(QuoteKind.Partial);
    }

    [Fact]
    public void Unnamed_speakers_keep_their_description()
    {
        var doc = Extract("L'affaire a été racontée par le frère de la victime. \"Ils l'ont frappé sans raison\", a écrit le frère sur Facebook. "
                          + "\"L'enquête se poursuit pour retrouver les auteurs\", a indiqué le parquet.");
        var quotes = doc.Quotes.Where(q => q.Kind == QuoteKind.Direct).ToList();
        quotes.Should().HaveCount(2);
        quotes[0].SpeakerName.Should().Be("frère de la victime");
        quotes[1].SpeakerName.Should().Be("parquet");
    }

    [Fact]
    public void Figure_glued_to_its_noun_is_read_apart()
    {
        var doc = Extract("L'agence régionale de santé comptabilisait 2.827cas confirmés dimanche.");
        doc.Figures.Should().ContainSingle(f => f.Value == 2827m).Which.Counts.Should().StartWith("cas");
    }

    [Fact]
    public void The_English_lexicon_gives_speech_verbs_nouns_adjectives_and_adverbs_their_classes()
    {
        // derived from WordNet by tools/english-words/derive.py: a lemma's inflections take its class, irregular forms too
        var en = ExtractionResources.For("en");
        en.Classes("says").Should().Contain("v");
        en.Classes("said").Should().Be("vp", "the adjective 'said' is too rare in the tagged corpus to count");
        en.Classes("told").Should().Contain("v").And.Contain("p");
        en.Classes("reports").Should().Contain("n").And.Contain("v");
        en.Classes("bigger").Should().Be("a");
        en.Classes("quickly").Should().Be("d");
        en.Classes("may").Should().Contain("v", "modals are finite verbs");
        en.Classes("he").Should().Be("f", "our function lists win over WordNet's helium");
    }

    [Fact]
    public void Compact_lexicon_reads_forms_and_values()
    {
        var lexicon = new CompactLexicon("# comment\nabaisse\tnv\nabaisser\ti\nabaisse\ta\nnu\n");
        lexicon.Count.Should().Be(3);
        lexicon.Get("abaisse").Should().Be("nv", "the first entry of a form wins");
        lexicon.Get("abaisser").Should().Be("i");
        lexicon.Get("nu").Should().Be("");
        lexicon.Contains("abais").Should().BeFalse();
        lexicon.Contains("# comment").Should().BeFalse();
        lexicon.FormsWithValue("i").Should().Equal("abaisser");
    }

    [Fact]
    public void Surname_keys_meet_across_transliterations()
    {
        NameKeys.Surname("Choïgou").Should().Be(NameKeys.Surname("Shoigu"));
        NameKeys.Surname("Guérassimov").Should().Be(NameKeys.Surname("Gerasimov"));
        NameKeys.Surname("Poutine").Should().Be(NameKeys.Surname("Putin"));
        NameKeys.Surname("Zhikharev").Should().Be(NameKeys.Surname("Jikharev"));
        NameKeys.Surname("Peskov").Should().NotBe(NameKeys.Surname("Lavrov"));
    }

    [Fact]
    public void Capitalised_sentence_opener_is_not_a_name()
    {
        var doc = Extract("Auparavant, Sophie Durand avait quitté Lyon. Ensuite elle est partie.");
        doc.Entities.Should().NotContain(e => e.Name.StartsWith("Auparavant"));
        doc.Entities.Should().Contain(e => e.Type == EntityType.Person && e.Name == "Sophie Durand");
    }

    private static ExtractionScores ScoreSeeds()
    {
        var gold = GoldFormats.ReadGeneric(File.ReadAllText(Path.Combine(SharedData.RepoRoot, "gold", "seeds-extract.json")));
        var dir = SharedData.Find("seeds")!;
        return ExtractionScorer.Score(gold.Select(g => (g, Extract(File.ReadAllText(Path.Combine(dir, g.Source!))))));
    }

    [SharedFact("seeds")]
    public void Seeds_quotations_with_speaker_reach_the_target()
    {
        var s = ScoreSeeds();
        s.QuotesWithSpeaker.Precision.Should().BeGreaterThanOrEqualTo(0.95, s.Report("seeds"));
        s.QuotesWithSpeaker.Recall.Should().BeGreaterThanOrEqualTo(0.95, s.Report("seeds"));
        s.DirectWithSpeaker.F1.Should().Be(1.0, s.Report("seeds"));
        s.LongDirectWithSpeaker.Recall.Should().Be(1.0, "every direct quotation of six words or more has its speaker");
        s.NotQuoteTaken.Should().Be(0, "ship names in guillemets are no quotations");
    }

    [SharedFact("seeds")]
    public void A_selon_phrase_inside_an_apposition_reports_no_clause_of_the_sentence_around_it()
    {
        // seed 000: "…, la seule force, selon Moscou, capable de…": the phrase qualifies the apposition, so the clause the
        // reporter writes before it (the Kremlin's refusal of a ground operation) is no paraphrase of anyone
        var dir = SharedData.Find("seeds")!;
        var d = Extract(File.ReadAllText(Directory.GetFiles(dir, "000_*.txt").Single()));
        var selon = d.Text.IndexOf("selon Moscou,", StringComparison.Ordinal);
        selon.Should().BeGreaterThan(0, "the seed holds the phrase");
        var sentence = d.Sentences.First(s => s.Start <= selon && selon < s.End);

        d.Quotes.Where(q => q.Kind == QuoteKind.Indirect && q.Start >= sentence.Start && q.End <= sentence.End)
            .Should().BeEmpty("a mid-sentence « selon X, » is no reported-speech cue for the clause before it");
    }

    [SharedFact("seeds")]
    public void Seeds_attributed_figures_are_found_with_counts_and_claimer()
    {
        var dir = SharedData.Find("seeds")!;
        var reuters = Extract(File.ReadAllText(Directory.GetFiles(dir, "002_*.txt").Single()));
        var rt = Extract(File.ReadAllText(Directory.GetFiles(dir, "003_*.txt").Single()));
        reuters.Figures.Should().Contain(f => f.Value == 600 && f.Counts!.StartsWith("rebelles") && f.ClaimedByKey == NameKeys.Surname("Choïgou"));
        reuters.Figures.Should().Contain(f => f.Value == 394 && f.Counts == "sorties" && f.ClaimedByKey == "ministere-russe-defense" && f.Scope!.Contains("trois derniers jours"));
        reuters.Figures.Should().Contain(f => f.Value == 731 && f.Counts == "cibles" && f.ClaimedByKey == "ministere-russe-defense");
        rt.Figures.Should().Contain(f => f.Value == 4111 && f.Counts!.StartsWith("cibles") && f.ClaimedByKey == NameKeys.Surname("Guérassimov"));
        rt.Figures.Should().Contain(f => f.Value == 2289 && f.Counts == "sorties" && f.ClaimedByKey == NameKeys.Surname("Guérassimov"));
        var s = ScoreSeeds();
        // every figure of the seeds, attributed or not, found with what it counts and who claims it
        s.FiguresFound.F1.Should().Be(1.0, s.Report("seeds"));
        s.FiguresCounts.Recall.Should().Be(1.0, s.Report("seeds"));
        s.FiguresClaimer.Recall.Should().Be(1.0, s.Report("seeds"));
        s.FiguresClaimer.F1.Should().Be(1.0, s.Report("seeds"));
    }

    [Fact]
    public void Samples_figures_do_not_regress()
    {
        var run = new Recoupe.Cli.Evaluation.ExtractionGoldSets(SharedData.RepoRoot, sharedRoot: null).Samples();
        var s = run.Scores!.Scores;
        // floors at the measured level (French and English articles of samples/)
        s.FiguresFound.F1.Should().BeGreaterThanOrEqualTo(0.96, s.Report("samples"));
        s.FiguresCounts.F1.Should().BeGreaterThanOrEqualTo(0.93, s.Report("samples"));
        s.FiguresClaimer.F1.Should().BeGreaterThanOrEqualTo(0.77, s.Report("samples"));
    }

    [SharedFact("corpus/quotes-dev/gold.jsonl")]
    public void Quotes_dev_scores_do_not_regress()
    {
        var articles = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(SharedData.Find("corpus/fr-news/articles.jsonl")!))
        {
            using var j = System.Text.Json.JsonDocument.Parse(line);
            var r = j.RootElement;
            articles[r.GetProperty("id").ToString()] = r.GetProperty("title").GetString() + "\n\n" + r.GetProperty("heading").GetString() + "\n\n" + r.GetProperty("text").GetString();
        }
        var gold = GoldFormats.ReadQuotesDev(File.ReadAllText(SharedData.Find("corpus/quotes-dev/gold.jsonl")!));
        var s = ExtractionScorer.Score(gold.Select(g => (g, Extract(articles[g.Id]))));
        // the targets (direct with speaker F1 0.9, at most 5 % of not-quotations taken) are met (measured F1 0.916,
        // 0/66 taken); the other floors sit at the measured level (found 0.978, with speaker 0.884)
        s.NotQuoteTakenRate.Should().BeLessThanOrEqualTo(0.02, s.Report("quotes-dev"));
        s.QuotesFound.F1.Should().BeGreaterThanOrEqualTo(0.97, s.Report("quotes-dev"));
        s.QuotesWithSpeaker.F1.Should().BeGreaterThanOrEqualTo(0.88, s.Report("quotes-dev"));
        s.QuotesWithSpeaker.Precision.Should().BeGreaterThanOrEqualTo(0.90, s.Report("quotes-dev"));
        s.DirectWithSpeaker.F1.Should().BeGreaterThanOrEqualTo(0.91, s.Report("quotes-dev"));
        s.DirectWithSpeaker.Precision.Should().BeGreaterThanOrEqualTo(0.93, s.Report("quotes-dev"));
        s.FiguresFound.F1.Should().BeGreaterThanOrEqualTo(0.98, s.Report("quotes-dev"));
        s.FiguresCounts.F1.Should().BeGreaterThanOrEqualTo(0.98, s.Report("quotes-dev"));
        s.FiguresClaimer.F1.Should().BeGreaterThanOrEqualTo(0.95, s.Report("quotes-dev"));
    }

    [Fact]
    public void What_is_said_of_the_counted_thing_names_it()
    {
        var doc = Extract("Au moins sept personnes sont mortes dans l'incendie de l'entrepôt, a annoncé la préfecture du Rhône. Les corps de deux ouvriers ont été retrouvés mardi.");
        var dead = doc.Figures.Single(f => f.Value == 7);
        dead.Counts.Should().Be("morts");
        dead.Qualifier.Should().Be("au moins");
        dead.ClaimedBy.Should().Contain("préfecture");
        doc.Figures.Single(f => f.Value == 2).Counts.Should().StartWith("corps");
    }

    [Fact]
    public void Selon_at_the_end_gives_its_source_to_a_list_of_figures()
    {
        var doc = Extract("Plus de 2 100 habitants ont été évacués depuis dimanche, dont près de 700 au cours des dernières 24 heures, selon les sapeurs-pompiers, qui ont mené quelque 900 interventions.");
        var all = doc.Figures.Single(f => f.Value == 2100);
        all.Scope.Should().Be("depuis dimanche");
        all.ClaimedBy.Should().StartWith("sapeurs-pompiers");
        var last = doc.Figures.Single(f => f.Value == 700);
        last.Counts.Should().StartWith("habitants", "« dont près de 700 » counts what the figure before it counts");
        last.Scope.Should().Be("au cours des dernières 24 heures");
        last.ClaimedBy.Should().StartWith("sapeurs-pompiers");
        doc.Figures.Single(f => f.Value == 900).ClaimedBy.Should().StartWith("sapeurs-pompiers");
    }

    [Fact]
    public void A_report_leads_to_its_author_and_the_base_of_a_share_is_nobody_s_claim()
    {
        var doc = Extract("La compagnie a annulé 180 vols lundi, selon un décompte de Médiapulse. Le syndicat, qui revendique 60 % des 540 pilotes, réclame une hausse.");
        doc.Figures.Single(f => f.Value == 180).ClaimedBy.Should().Be("Médiapulse");
        doc.Figures.Single(f => f.Value == 60).ClaimedBy.Should().NotBeNull();
        doc.Figures.Single(f => f.Value == 540).ClaimedBy.Should().BeNull();
    }

    [Fact]
    public void An_incise_speaks_for_its_main_clause_not_for_a_relative_clause()
    {
        var doc = Extract("Au moins quatre randonneurs sont morts dans l'avalanche, qui a suivi trois jours de chutes de neige, a annoncé la gendarmerie de Savoie.");
        doc.Figures.Single(f => f.Value == 4).ClaimedBy.Should().Contain("gendarmerie");
        doc.Figures.Single(f => f.Value == 3).ClaimedBy.Should().BeNull();
    }

    [Fact]
    public void The_subject_of_a_claim_verb_claims_its_figures()
    {
        var doc = Extract("Le ministre de l'Agriculture, Paul Garnier, a annoncé une aide de 40 millions d'euros. « Nous serons aux côtés des éleveurs », a assuré Paul Garnier, annonçant un second fonds de 12 millions d'euros. "
                          + "Le syndicat, qui revendique 30 % des éleveurs, réclame une hausse de 8 % des prix.");
        doc.Figures.Single(f => f.Value == 40_000_000).ClaimedByKey.Should().Be(NameKeys.Surname("Garnier"));
        doc.Figures.Single(f => f.Value == 12_000_000).ClaimedByKey.Should().Be(NameKeys.Surname("Garnier"), "a gerund speaks for the verb before it");
        var rise = doc.Figures.Single(f => f.Value == 8);
        rise.Unit.Should().Be("%");
        rise.Counts.Should().StartWith("hausse");
    }

    [Fact]
    public void Times_of_day_are_not_figures_but_durations_are()
    {
        var doc = Extract("Il était un peu plus de 22 heures, lundi, quand l'alerte a été donnée. Les secours sont arrivés à 23 heures et ont travaillé pendant 48 heures. Le magasin ouvre de 8 heures à 20 heures.");
        doc.Figures.Select(f => f.Value).Should().Equal(48m);
    }

    [Fact]
    public void Numbers_in_words_with_units_fractions_and_ratios()
    {
        var doc = Extract("En moins d'une heure, l'eau a atteint un mètre cinquante lundi soir, et près d'un tiers des digues a cédé. Seul un bus sur trois circule. Ils ont été placés en quarantaine.");
        doc.Figures.Should().Contain(f => f.Value == 1 && f.Unit == "h" && f.Qualifier == "moins de");
        doc.Figures.Should().Contain(f => f.Value == 1.5m && f.Unit == "m");
        doc.Figures.Should().Contain(f => Math.Abs(f.Value - 0.3333m) < 0.001m && f.Qualifier == "près de");
        doc.Figures.Should().Contain(f => Math.Abs(f.Value - 0.3333m) < 0.001m && f.Counts == "bus");
        doc.Figures.Should().NotContain(f => f.Value == 50 || f.Value == 40, "« cinquante » belongs to the metres, « en quarantaine » is no count");
    }

    [Fact]
    public void A_bare_number_counts_what_the_figure_before_it_counts()
    {
        var doc = Extract("Douze films sont en compétition, dont quatre signés par des réalisatrices. La préfecture compte 12 morts, quand le ministère en recense 14.");
        doc.Figures.Single(f => f.Value == 4).Counts.Should().StartWith("films");
        doc.Figures.Single(f => f.Value == 14).Counts.Should().Be("morts");
    }

    [Fact]
    public void Scope_phrases_in_a_row_make_one_scope()
    {
        var doc = Extract("Le buteur a marqué 14 buts en championnat cette saison et 17 buts toutes compétitions confondues.");
        doc.Figures.Single(f => f.Value == 14).Scope.Should().Be("en championnat cette saison");
    }

    [Fact]
    public void English_figures_get_what_they_count_and_who_claims_them()
    {
        var doc = Extract("At least 12 people have died since Monday in floods in the valley, the regional prefecture said on Wednesday, although the interior ministry has put the toll at 14. "
                          + "Rovers will pay £38million for the 22-year-old striker, who signed a five-year contract. The airline cancelled 180 of its 430 scheduled flights.", "en");
        var dead = doc.Figures.Single(f => f.Value == 12);
        dead.Counts.Should().Be("deaths");
        dead.Scope.Should().Be("since Monday");
        // (the lexicon knows "regional" as an adjective: the holder is the prefecture, as the samples gold names it in the
        // same sentence, crue-northwire-0312)
        dead.ClaimedBy.Should().Be("prefecture");
        doc.Figures.Single(f => f.Value == 14).Counts.Should().Be("deaths");
        doc.Figures.Single(f => f.Value == 38_000_000).Unit.Should().Be("GBP");
        doc.Figures.Single(f => f.Value == 22).Unit.Should().Be("years");
        doc.Figures.Single(f => f.Value == 5).Unit.Should().Be("years");
        doc.Figures.Single(f => f.Value == 180).Counts.Should().Be("flights");
    }

    [Fact]
    public void A_conversion_between_brackets_is_the_reporter_s()
    {
        var doc = Extract("The club will receive 42 million euros ($45.7 million) for the striker, both clubs said.", "en");
        doc.Figures.Single(f => f.Value == 42_000_000).ClaimedBy.Should().NotBeNull();
        var dollars = doc.Figures.Single(f => f.Value == 45_700_000);
        dollars.Unit.Should().Be("USD");
        dollars.ClaimedBy.Should().BeNull();
    }
}
