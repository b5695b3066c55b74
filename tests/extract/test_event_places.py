"""An event's place: the place in its own clause, else the article's focus place."""

from __future__ import annotations

from datetime import date

import pytest

from cronaca.extract.pipeline import default_pipeline
from cronaca.model import Article, Interval


@pytest.fixture(scope="module")
def nlp():
    return default_pipeline()


def _events(nlp, text: str, language: str = "it"):
    article = Article(id="a_t", text=text, language=language, published=Interval.day(date(2024, 6, 20)))
    return nlp(article).events


def _place(event):
    return (event.place.name, event.place.role, event.place.cue) if event.place else None


def test_a_capital_after_a_locative_word_is_the_place(nlp):
    (meeting,) = _events(nlp, "Putin ha incontrato Kim Jong Un a Pyongyang il 19 giugno 2024.")
    assert _place(meeting) == ("Pyongyang", "clause", "")
    assert meeting.place.id == "geonames:1871859" and meeting.place.country == "PRK"


def test_a_capital_that_acts_is_no_place(nlp):
    (aid,) = _events(nlp, "Mosca ha inviato armi alla Corea del Nord, secondo Seul.")
    assert [a.id for a in aid.source_actors] == ["RUS"] and aid.place is None


def test_a_place_in_a_relative_clause_is_not_the_events(nlp):
    (aid,) = _events(nlp, "La Corea del Nord ha inviato soldati in Russia che combattono a Kursk.")
    assert aid.place is None  # the fighting is in Kursk; the sending is not placed there


def test_the_nearest_place_in_the_clause(nlp):
    fight = next(e for e in _events(nlp, "Russian forces shelled Kharkiv on Monday, Ukraine said.", "en"))
    assert _place(fight) == ("Kharkiv", "clause", "")


def test_an_event_without_a_place_takes_the_articles_only_place(nlp):
    events = _events(
        nlp, "Russian forces shelled Kharkiv on Monday, Ukraine said. Zelensky condemned the attack.", "en"
    )
    accuse = next(e for e in events if e.type == "ACCUSE")
    assert _place(accuse) == ("Kharkiv", "article", "only place")


def test_states_acting_take_no_place_from_the_article(nlp):
    text = "Putin met Kim Jong Un in Pyongyang on Monday. North Korea sent soldiers to Russia."
    meeting, aid = _events(nlp, text, "en")
    assert _place(meeting) == ("Pyongyang", "clause", "")
    assert aid.type == "AID" and aid.place is None


def test_a_dateline_is_the_articles_focus(nlp):
    text = (
        "BERGAMO - Un incendio ha distrutto un capannone. Poi la polizia ha arrestato due uomini a "
        "Milano. I carabinieri hanno arrestato un giovane."
    )
    milan, bergamo = _events(nlp, text)
    assert _place(milan) == ("Milan", "clause", "")
    assert _place(bergamo) == ("Bergamo", "article", "dateline")


def test_two_places_and_no_dateline_leave_an_unplaced_event_unplaced(nlp):
    text = "La polizia ha arrestato un uomo. Viveva tra Bergamo e Brescia."
    assert all(e.place is None for e in _events(nlp, text))


def test_a_capital_taken_is_where_it_happened(nlp):
    (entered,) = [e for e in _events(nlp, "I ribelli sono entrati a Damasco domenica.") if e.type == "FIGHT"]
    assert _place(entered) == ("Damascus", "clause", "") and entered.place.country == "SYR"
    (sent,) = _events(nlp, "La Bielorussia ha inviato truppe in Russia.")
    assert sent.place is None  # a country receiving is no place
