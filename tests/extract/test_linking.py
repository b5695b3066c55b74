"""Linking inside an article: roles at a date, short forms, places, weapons, unlinked names,
and user registry files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cronaca.errors import ResourceError
from cronaca.extract import entities
from cronaca.extract.pipeline import Pipeline
from cronaca.model import Article, Interval, Mention

DATA = Path(__file__).resolve().parents[1] / "data" / "entities"


def annotate(text: str, language: str = "it", day: str | None = None, options=None) -> list[Mention]:
    published = Interval.day(date.fromisoformat(day)) if day else None
    article = Article(id=Article.make_id("", text), text=text, language=language, published=published)
    return Pipeline(["sentences", "entities"], options=options)(article).of_kind("entity")


def people(text: str, language: str = "it", day: str | None = None) -> list[tuple[str, str | None, str]]:
    return [
        (m.text, m.entity_id, m.value.get("linked_by") or m.value.get("cue", ""))
        for m in annotate(text, language, day)
        if m.label == "person"
    ]


# ---------------------------------------------------------------------------- roles


@pytest.mark.parametrize(
    "text, language, day, expected",
    [
        ("Il presidente russo ha firmato il decreto.", "it", "2010-03-01", "person:dmitry-medvedev"),
        ("Il presidente russo ha firmato il decreto.", "it", "2020-03-01", "Q7747"),
        ("The US President spoke to reporters.", "en", "2018-06-01", "Q22686"),
        ("The US President spoke to reporters.", "en", "2022-06-01", "Q6279"),
        ("Il premier giapponese è atteso a Roma.", "it", "2023-05-01", "person:fumio-kishida"),
        ("Il premier giapponese è atteso a Roma.", "it", "2025-03-01", "person:shigeru-ishiba"),
        ("Il segretario generale della NATO ha parlato.", "it", "2023-01-10", "person:jens-stoltenberg"),
        ("Il segretario generale della NATO ha parlato.", "it", "2025-01-10", "person:mark-rutte"),
    ],
)
def test_role_description_resolves_to_the_holder_at_the_date(text, language, day, expected):
    found = people(text, language, day)
    assert [(pid, how) for _, pid, how in found] == [(expected, "role")]


def test_role_description_forms_in_both_languages():
    day = "2023-09-15"
    assert people("Il leader del Cremlino ha risposto.", "it", day) == [
        ("leader del Cremlino", "Q7747", "role")
    ]
    assert people("Il ministro russo degli Esteri è arrivato.", "it", day) == [
        ("ministro russo degli Esteri", "person:sergei-lavrov", "role")
    ]
    assert people(
        "Il capo della diplomazia cinese ha incontrato il ministro della Difesa russo.", "it", day
    ) == [
        ("capo della diplomazia cinese", "person:wang-yi", "role"),
        ("ministro della Difesa russo", "person:sergei-shoigu", "role"),
    ]
    assert people("The North Korean leader met Russia's foreign minister.", "en", day) == [
        ("North Korean leader", "person:kim-jong-un", "role"),
        ("Russia's foreign minister", "person:sergei-lavrov", "role"),
    ]
    assert people("President of Ukraine and the Chinese President spoke.", "en", day) == [
        ("President of Ukraine", "person:volodymyr-zelensky", "role"),
        ("Chinese President", "Q15031", "role"),
    ]


def test_role_mention_replaces_the_anchor_and_carries_the_role():
    mentions = annotate("Il cancelliere tedesco è atteso a Parigi.", day="2024-02-01")
    scholz = mentions[0]
    assert (scholz.text, scholz.label, scholz.entity_id) == (
        "cancelliere tedesco",
        "person",
        "person:olaf-scholz",
    )
    assert scholz.value == {
        "name": "Olaf Scholz",
        "actor": "person:olaf-scholz",
        "type": "person",
        "sector": "government",
        "linked_by": "role",
        "role": "chancellor",
        "of": "DEU",
        "country": "DEU",  # the person's country (people.yaml), for "le forze di X"
    }
    assert [m.text for m in mentions] == ["cancelliere tedesco", "Parigi"]  # no separate demonym


def test_a_name_after_the_title_wins_over_the_date():
    found = people("Il presidente russo Dmitry Medvedev ha parlato.", day="2020-01-01")
    assert found == [
        ("presidente russo", "person:dmitry-medvedev", "role"),
        ("Dmitry Medvedev", "person:dmitry-medvedev", ""),
    ]


def test_unknown_holder_keeps_the_demonym_and_becomes_a_titled_person():
    # not in the registry: an actor of its own with the country the title gives (titled_people.py)
    mentions = annotate("Il ministro della Difesa nordcoreano No Kwang Chol ha parlato.", day="2024-01-01")
    assert [(m.text, m.label, m.entity_id) for m in mentions] == [
        ("nordcoreano", "demonym", "PRK"),
        ("No Kwang Chol", "person", "person:no-kwang-chol"),
    ]
    assert mentions[1].value["country"] == "PRK" and mentions[1].value["cue"] == "title"


def test_without_a_date_the_current_holder_is_used():
    assert people("Il presidente ucraino ha parlato.") == [
        ("presidente ucraino", "person:volodymyr-zelensky", "role")
    ]


# ---------------------------------------------------------------------------- short forms


def test_short_form_links_to_the_person_named_before():
    text = "Kim Yo Jong ha minacciato Seul. Kim ha poi aggiunto che Xi sarebbe d'accordo."
    assert people(text, day="2024-05-01") == [
        ("Kim Yo Jong", "person:kim-yo-jong", ""),
        ("Kim", "person:kim-yo-jong", "short_form"),
        ("Xi", "Q15031", "short_form"),
    ]


def test_ambiguous_short_form_alone_goes_to_the_office_holder():
    assert people("Kim ha ispezionato una fabbrica di droni.", day="2024-05-01") == [
        ("Kim", "person:kim-jong-un", "short_form")
    ]


def test_hyphen_and_spacing_variants():
    text = "Kim Jong-un e Kim Jongun; Yoon Suk-yeol, Yoon Suk Yeol."
    assert [pid for _, pid, _ in people(text)] == [
        "person:kim-jong-un",
        "person:kim-jong-un",
        "person:yoon-suk-yeol",
        "person:yoon-suk-yeol",
    ]


def test_short_form_inside_a_longer_unknown_name_is_not_linked():
    found = people("Il generale Kim Yong Bok ha visitato Kursk.", day="2024-12-01")
    assert found == [("Kim Yong Bok", None, "generale")]


# ---------------------------------------------------------------------------- unlinked


def test_unlinked_people_organisations_and_places():
    text = (
        "Il ministro degli Esteri Mario Bianchi ha detto all'agenzia Ventopress che il villaggio "
        "di Novoselivka è stato colpito. Bianchi ha poi lasciato Roma.\n\nCarla Neri\n"
    )
    mentions = [m for m in annotate(text) if m.entity_id is None]
    assert [(m.text, m.label, m.value["cue"]) for m in mentions] == [
        ("Mario Bianchi", "person", "ministro"),
        ("Ventopress", "organisation", "agenzia"),
        ("Novoselivka", "place", "villaggio"),
        ("Bianchi", "person", "short_form"),
        ("Carla Neri", "person", "byline"),
    ]
    assert all(m.value["linked"] is False for m in mentions)
    assert mentions[3].value["name"] == "Mario Bianchi"


def test_unlinked_names_in_english():
    text = (
        "Foreign Minister Penny Wong said the news agency Bernama had reported it, "
        "according to analyst Tom Hale."
    )
    mentions = [m for m in annotate(text, "en") if m.entity_id is None]
    assert [(m.text, m.label) for m in mentions] == [
        ("Penny Wong", "person"),
        ("Bernama", "organisation"),
        ("Tom Hale", "person"),
    ]


def test_capitalised_words_without_a_cue_stay_unmarked():
    text = "Ieri il Festival ha aperto. Presidente e Gran Premio: nessun nome. Solo Tour."
    assert [m for m in annotate(text) if m.entity_id is None] == []


# ---------------------------------------------------------------------------- places, weapons


def test_seas_and_regions():
    mentions = annotate("Missili nel Mar del Giappone; attacchi nella regione di Belgorod e a Sumy Oblast.")
    places = [(m.text, m.label, m.entity_id, m.value.get("actor")) for m in mentions if m.label == "place"]
    assert places == [
        ("Mar del Giappone", "place", "place:sea-of-japan", ""),
        ("regione di Belgorod", "place", "place:belgorod-oblast", "RUS"),
        ("Sumy Oblast", "place", "place:sumy-oblast", "UKR"),
    ]
    assert "Belgorod" in [m.text for m in mentions if m.label == "city"]  # the city stays for events
    english = annotate("Launches into the Sea of Japan and the Yellow Sea.", "en")
    assert [m.entity_id for m in english] == ["place:sea-of-japan", "place:yellow-sea"]
    assert entities.lookup("place:sea-of-japan")["type"] == "place"


@pytest.mark.parametrize(
    "text, language, expected",
    [
        (
            "Sono stati lanciati droni kamikaze e droni «suicidi».",
            "it",
            ["weapon:loitering-munition", "weapon:loitering-munition"],
        ),
        (
            "Forniture di missili antiaerei e proiettili d'artiglieria.",
            "it",
            ["weapon:anti-aircraft-missile", "weapon:artillery-shell"],
        ),
        (
            "Due sottomarini nucleari, aerei radar e un missile balistico intercontinentale.",
            "it",
            ["weapon:nuclear-submarine", "weapon:early-warning-aircraft", "weapon:icbm"],
        ),
        (
            "Ballistic missiles, fighter jets, artillery shells and early-warning aircraft.",
            "en",
            [
                "weapon:ballistic-missile",
                "weapon:fighter",
                "weapon:artillery-shell",
                "weapon:early-warning-aircraft",
            ],
        ),
    ],
)
def test_weapons_with_inflection(text, language, expected):
    mentions = [m for m in annotate(text, language) if m.label == "weapon"]
    assert [m.entity_id for m in mentions] == expected
    assert set(mentions[0].value) == {"name", "category"}


def test_think_tank_is_no_weapon():
    assert [m.label for m in annotate("Il think tank CSIS.")] == ["organisation"]


# ---------------------------------------------------------------------------- user registries


def test_user_registry_extends_the_packaged_one():
    user = str(DATA / "user.yaml")
    text = (
        "Secondo il Centro Studi Aurora, il ministro della Difesa italiano ha visitato il Golfo Aurora, "
        "dove è stato provato un aliante kamikaze. Lo ha detto Vladimir Vladimirovich Putin."
    )
    mentions = annotate(text, day="2031-06-01", options={"entities": (user,)})
    got = [(m.text, m.label, m.entity_id) for m in mentions]
    assert got == [
        ("Centro Studi Aurora", "organisation", "org:centro-studi-aurora"),
        ("ministro della Difesa italiano", "person", "person:ilaria-fontanesi"),
        ("Golfo Aurora", "place", "place:golfo-aurora"),
        ("aliante kamikaze", "weapon", "weapon:loitering-glider"),
        ("Vladimir Vladimirovich Putin", "person", "Q7747"),
    ]
    assert mentions[0].rule == "user:user.yaml@3"
    assert entities.lookup("org:centro-studi-aurora")["name"] == "Centro Studi Aurora"
    without = annotate("Il Centro Studi Aurora.")  # without the file: an unlinked organisation
    assert [(m.text, m.entity_id) for m in without if m.label == "organisation"] == [
        ("Centro Studi Aurora", None)
    ]


@pytest.mark.parametrize(
    "name, reason",
    [
        ("broken.yaml", "every role needs 'role' and 'of'"),
        ("no_version.yaml", "no version field"),
        ("bad_yaml.yaml", "not valid YAML"),
        ("missing.yaml", "cannot be read"),
    ],
)
def test_malformed_user_registry_is_a_resource_error(name, reason):
    file = str(DATA / name)
    with pytest.raises(ResourceError, match=reason) as error:
        Pipeline(["sentences", "entities"], options={"entities": (file,)})(
            Article(id="a_x", text="x", language="it")
        )
    assert name in str(error.value)


# ---------------------------------------------------------------------------- the seeds' kinds of actors


def test_the_kinds_of_actors_in_conflict_news_come_out_linked():
    text = (
        "Secondo l'agenzia Yonhap e il sito 38 North, immagini di Planet Labs e Maxar mostrano "
        "navi nel porto di Rason. Il leader cinese ha ricevuto a Pechino il ministro degli Esteri "
        "nordcoreano; Xi ha promesso aiuti, riporta Xinhua. Il CSIS e l'IISS stimano che 3.000 "
        "militari nordcoreani siano schierati nella regione di Kursk, ha riferito la TASS citando "
        "la KCNA. Seul e Tokyo hanno protestato per i missili caduti nel Mar del Giappone, mentre "
        "Mosca e il Cremlino tacciono e il presidente Lee Jae-myung convoca la Casa Blu."
    )
    mentions = annotate(text, day="2025-07-01")
    ids = {m.entity_id for m in mentions}
    assert {
        "org:yonhap",
        "org:38-north",
        "org:planet-labs",
        "org:maxar",
        "place:rason",
        "Q15031",
        "CHN",
        "person:choe-son-hui",
        "org:xinhua",
        "org:csis",
        "org:iiss",
        "place:kursk-oblast",
        "RUS",
        "org:tass",
        "org:kcna",
        "KOR",
        "JPN",
        "place:sea-of-japan",
        "person:lee-jae-myung",
    } <= ids
    soldiers = next(m for m in mentions if m.text == "nordcoreani")
    assert (soldiers.entity_id, soldiers.value["sector"]) == ("PRK", "military")
    xi = next(m for m in mentions if m.text == "Xi")
    assert xi.value["linked_by"] == "short_form"
