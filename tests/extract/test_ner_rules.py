"""Rules added for KIND-style NER (issue 10): each on sentences written for these tests.

An officer named after an organisation's word, an Italian province code after a town, a
platform read as the site where something is published, a town after a masculine article
(its club), and abbreviations in capitals that are no organisation.
"""

from __future__ import annotations

import pytest

from cronaca.extract.pipeline import Pipeline
from cronaca.model import Article, Mention


def annotate(text: str, language: str = "it") -> list[Mention]:
    article = Article(id=Article.make_id("", text), text=text, language=language)
    return Pipeline(["sentences", "entities"])(article).of_kind("entity")


def labels(text: str, language: str = "it") -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in annotate(text, language)]


# ---------------------------------------------------------------------------- officers


@pytest.mark.parametrize(
    "text, name",
    [
        ("Ha parlato il presidente della Fondazione Teresa Lombardini.", "Teresa Lombardini"),
        ("I file sono sul sito di Giorgio Varanelli da ieri.", "Giorgio Varanelli"),
        ("Lo ha detto il segretario del partito Marco Ferrandi.", "Marco Ferrandi"),
    ],
)
def test_a_first_name_after_an_organisation_word_is_a_person(text, name):
    assert (name, "person") in labels(text)


def test_a_first_name_after_a_registry_place_starts_a_second_name():
    got = labels("Il funzionario della Regione Lombardia Marco Ferrandi si è dimesso.")
    assert ("Marco Ferrandi", "person") in got
    assert not any(t.endswith("Ferrandi") and label == "organisation" for t, label in got)


# ---------------------------------------------------------------------------- province codes


def test_a_province_code_after_a_town_is_a_place():
    got = labels("Un incidente a Treviglio (BG) e uno a Padova ( PD ) nella notte.")
    assert ("BG", "place") in got and ("PD", "place") in got
    assert not any(label == "organisation" for _, label in got)


def test_a_province_code_after_a_person_or_a_region_stays_what_it_was():
    got = labels("Hanno votato Anna Ferrandi (PD) e Marco Bellini (FI); in Liguria (FI) si è votato.")
    assert ("PD", "organisation") in got
    assert ("FI", "place") not in got


# ---------------------------------------------------------------------------- sites


@pytest.mark.parametrize(
    "text, written",
    [
        ("Il cantante ha scritto su Instagram che il concerto è rinviato.", "Instagram"),
        ("Lo ha annunciato sul suo profilo Facebook ieri sera.", "Facebook"),
        ("La notizia è stata confermata via Twitter dal sindaco.", "Twitter"),
        ("The singer said on YouTube that the tour was over.", "YouTube"),
    ],
)
def test_a_platform_where_something_is_published_is_a_website(text, written):
    language = "en" if text.startswith("The") else "it"
    got = [(m.text, m.label, m.entity_id) for m in annotate(text, language) if m.text == written]
    assert got and got[0][1] == "website" and got[0][2]  # the id stays


def test_a_platform_coordinated_with_a_site_is_a_site_and_the_company_stays_a_company():
    got = labels("Le foto sono su Facebook e Twitter; Facebook ha comprato una società.")
    assert got[:2] == [("Facebook", "website"), ("Twitter", "website")]
    assert ("Facebook", "organisation") in got[2:]


# ---------------------------------------------------------------------------- clubs


@pytest.mark.parametrize(
    "text, town",
    [
        ("Il difensore del Livorno è stato squalificato.", "Livorno"),
        ("Domenica il Bologna ha perso in casa.", "Bologna"),
        ("La partita contro il Liverpool è finita due a zero.", "Liverpool"),
    ],
)
def test_a_town_after_a_masculine_article_is_its_club(text, town):
    got = [m for m in annotate(text) if m.text == town]
    assert got and got[0].label == "organisation" and got[0].entity_id is None
    assert got[0].value["cue"] == "club" and got[0].value["place_id"]


@pytest.mark.parametrize(
    "text, town",
    [
        ("Il sindaco di Livorno ha parlato a Bologna.", "Livorno"),
        ("La statua è tornata in piazza del Campidoglio.", "Campidoglio"),
        ("Il Cardiff City ha vinto ancora.", "Cardiff"),
    ],
)
def test_a_town_without_a_masculine_article_stays_a_town(text, town):
    assert not [m for m in annotate(text) if m.text == town and m.value.get("cue") == "club"]


# ---------------------------------------------------------------------------- abbreviations


def test_abbreviations_in_capitals_are_no_organisations():
    got = labels("Il GP è stato rinviato, l'OPA è fallita e il GIP ha deciso; la FIOM protesta.")
    assert [t for t, label in got if label == "organisation"] == ["FIOM"]


# ---------------------------------------------------------------------------- office names


@pytest.mark.parametrize(
    "text, name",
    [
        ("La sentenza è stata confermata dalla Corte d'appello di Bari.", "Corte d'appello"),
        ("Una nota del ministero degli esteri ha smentito la notizia.", "ministero degli esteri"),
        (
            "Il Ministero del lavoro e delle politiche sociali ha risposto.",
            "Ministero del lavoro e delle politiche sociali",
        ),
        ("Lo dice il Centro nazionale degli uragani di Miami.", "Centro nazionale degli uragani"),
    ],
)
def test_an_office_name_goes_on_with_its_lowercase_complement(text, name):
    assert (name, "organisation") in labels(text)


@pytest.mark.parametrize(
    "text, name",
    [
        # an adjective that names.adjectives does not list, by its ending
        ("Il ricorso è stato respinto dal tribunale milanese ieri.", "tribunale milanese"),
        ("Il governo provvisorio ha fissato le elezioni.", "governo provvisorio"),
        ("La denuncia è arrivata alla polizia postale.", "polizia postale"),
        ("Lo ha chiesto la procura anticorruzione di Madrid.", "procura anticorruzione"),
        ("Le truppe dell'esercito governativo siriano sono entrate.", "esercito governativo siriano"),
        # a capitalised noun in the complement
        ("Un funzionario del ministero degli Interni ha parlato.", "ministero degli Interni"),
        ("Lo ha annunciato il ministero della Giustizia iracheno.", "ministero della Giustizia iracheno"),
    ],
)
def test_an_office_name_goes_on_with_adjectives_and_capitalised_complements(text, name):
    assert (name, "organisation") in labels(text)


@pytest.mark.parametrize(
    "text, name",
    [
        # a verb that ends like an adjective ends the name
        ("La polizia indaga e il governo comunica le misure.", "polizia"),
        ("Il governo indica la strada.", "governo"),
        # "vicino a" opens a place, it does not qualify the office
        ("Un reclutamento dell'esercito vicino a Times Square.", "esercito"),
        # a first name after the office starts a person's name
        ("Il presidente del Consiglio Enrico Letta ha parlato.", "Consiglio"),
    ],
)
def test_what_ends_an_office_name(text, name):
    assert (name, "organisation") in labels(text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Il traghetto della compagnia genovese Marelunga ha urtato il molo.", "Marelunga"),
        ("Il treno della compagnia ferroviaria spagnola Ferrovia Iberia era partito.", "Ferrovia Iberia"),
    ],
)
def test_adjectives_between_an_organisation_cue_and_its_name(text, name):
    assert (name, "organisation") in labels(text)


def test_an_elided_word_is_no_registry_name():
    # "Dell'" is a preposition, not the company; the company and possessives stay
    assert "Dell" not in [t for t, _ in labels("Dell'accaduto è stata informata la Digos.")]
    assert ("Digos", "organisation") in labels("Dell'accaduto è stata informata la Digos.")
    assert "Dell" not in [t for t, _ in labels("Dell' episodio è stata fatta denuncia.")]
    assert ("Dell", "organisation") in labels("La Dell ha superato Lenovo.")
    assert ("Russia", "country") in labels("Russia's army advanced.", "en")
    # a name in single quotes is no elision
    assert ("Wagner", "organisation") in labels("Il gruppo 'Wagner' ha smentito.")


@pytest.mark.parametrize(
    "text, name",
    [
        ("Il Ministero per combatterlo ha stanziato fondi.", "Ministero"),
        ("Si è riunito il consiglio comunale della città.", "consiglio comunale"),
    ],
)
def test_a_verb_or_a_place_noun_ends_the_office_name(text, name):
    assert (name, "organisation") in labels(text)


# ---------------------------------------------------------------------------- contests, prefixes, leagues


def test_a_contest_named_after_a_country_is_no_organisation():
    got = labels("La finale di Coppa Italia e il Giro d'Italia si corrono a maggio.")
    assert not [t for t, label in got if label == "organisation"]
    assert ("Italia", "country") in got


def test_wiki_names_and_italian_leagues_are_organisations():
    got = labels("Le voci di Wikipedia e gli articoli di Wikinews parlano della Serie A e della Serie B.")
    orgs = [t for t, label in got if label == "organisation"]
    assert orgs == ["Wikipedia", "Wikinews", "Serie A", "Serie B"]
    assert not [t for t, label in labels("La serie A di puntate e la Wiki.") if label == "organisation"]


# ---------------------------------------------------------------------------- title + "della" + name


@pytest.mark.parametrize(
    "text, name",
    [
        ("Lo ha detto il segretario della Fiom Tessile ieri.", "Fiom Tessile"),
        ("Il portavoce della Vantrel ha smentito.", "Vantrel"),
        ("Il leader dei Disubbidienti Veneti è stato fermato.", "Disubbidienti Veneti"),
    ],
)
def test_a_name_after_a_title_and_an_articulated_preposition_is_an_organisation(text, name):
    assert (name, "organisation") in labels(text)


def test_a_portfolio_after_a_ministers_title_is_no_name():
    got = labels("Il ministro dei Trasporti Aldo Ferrucci ha parlato.")
    assert ("Aldo Ferrucci", "person") in got
    assert not [t for t, label in got if t == "Trasporti"]


# ---------------------------------------------------------------------------- branches, newspapers, teams


def test_an_organisation_and_a_country_after_it_are_its_branch():
    got = labels("Lo ha detto il WWF Italia, non la NATO.")
    assert ("WWF Italia", "organisation") in got
    assert ("Italia", "country") in got  # the registry names stay inside for events


def test_a_newspaper_named_with_an_article_needs_its_capital():
    assert ("Il Mattino", "organisation") in labels("Lo scrive Il Mattino di oggi.")
    assert not [t for t, label in labels("Il mattino dopo siamo partiti.") if label == "organisation"]


def test_two_places_joined_by_a_dash_in_a_match_are_teams():
    got = annotate("Durante la partita Bulgaria - Francia l'arbitro ha espulso due giocatori.")
    teams = [(m.text, m.label, m.value.get("cue")) for m in got if m.text in ("Bulgaria", "Francia")]
    assert teams == [("Bulgaria", "organisation", "team"), ("Francia", "organisation", "team")]
    assert [m.label for m in annotate("Il treno Roma - Cassino è in ritardo.") if m.text == "Roma"] != [
        "organisation"
    ]
    got = labels("Finisce Italia - Germania 3-1 a Roma.")
    assert ("Italia", "organisation") in got and ("Germania", "organisation") in got


# ---------------------------------------------------------------------------- articles and names


@pytest.mark.parametrize(
    "text, name",
    [
        ("I giocatori del Wisla Brodnica hanno vinto.", "Wisla Brodnica"),
        ("Il direttore della Kessler Vantrup ha parlato.", "Kessler Vantrup"),
    ],
)
def test_a_name_after_an_article_is_no_person(text, name):
    assert (name, "person") not in labels(text)


def test_a_name_without_an_article_or_with_a_first_name_stays_a_person():
    assert ("Jairo Mora", "person") in labels("Lo ha visto Jairo Mora ieri.")
    assert ("Mario Bellini", "person") in labels("Ha parlato il Mario Bellini di sempre.")


def test_a_name_ending_in_an_exclamation_mark_is_matched_when_tokenised():
    for text in ("Yahoo! ha risposto.", "Yahoo ! ha risposto."):
        got = [(m.text, m.entity_id) for m in annotate(text)]
        assert got and got[0][1] == "org:yahoo" and got[0][0].endswith("!")


# ---------------------------------------------------------------------------- police, products, labels


def test_the_police_named_after_one_of_its_people_is_an_unlinked_organisation():
    got = annotate("Un agente di polizia è stato ferito; secondo fonti di polizia giudiziaria è grave.")
    police = [(m.text, m.label, m.entity_id, m.value.get("cue")) for m in got if m.text.startswith("polizia")]
    assert police == [
        ("polizia", "organisation", None, "of_person"),
        ("polizia giudiziaria", "organisation", None, "of_person"),
    ]
    assert not [
        m for m in annotate("Le forze di polizia sono arrivate.") if m.value.get("cue") == "of_person"
    ]


def test_a_company_after_an_indefinite_article_is_its_product():
    got = [
        (m.text, m.label)
        for m in annotate("Una Peugeot 206 ha urtato un Boeing fermo; la Peugeot ha risposto.")
    ]
    assert got[:2] == [("Peugeot", "product"), ("Boeing", "product")]
    assert ("Peugeot", "organisation") in got[2:]


def test_a_single_letter_after_a_cue_is_no_name():
    assert not [t for t, label in labels("La squadra è nel gruppo B con la Francia.") if t == "B"]
