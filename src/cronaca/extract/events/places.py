"""Where an event happened: a place named in the trigger's own clause, else the article's
focus place when the text makes it clear.

- **In the clause**: a town, a region or a sea (``city``/``place`` mentions) in the clause
  that holds the trigger, the nearest to it; a capital or a country counts after a locative
  word ("a Mosca", "in Kyiv", "in Italia": ``resources/geo/event_place.yaml``); a country only
  when it is not one of the event's actors ("inviato truppe in Russia": Russia receives), a
  capital even then ("i ribelli sono entrati a Damasco": the place is Damascus; "Mosca ha
  inviato", with no locative word, is Russia acting). A place in another clause
  is that clause's ("i soldati che combattono a Kursk" does not put the sending in Kursk).
- **The article's focus**, for an event whose sentence names no place and no country or
  capital at all: the dateline place ("TORINO - Un uomo è stato arrestato ..."), else the
  one place the whole article names, if it names exactly one. An article that names two
  places, a sentence that names a place in another clause, or one that names countries
  ("North Korea sent soldiers to Russia": states acting, wherever the article is set) leaves
  the event without one.

The place records how it was found: ``role`` ``clause`` or ``article``, and ``cue``
(``dateline``, ``only place``) for the article's.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from cronaca.extract.base import Doc
from cronaca.extract.events.clauses import Clauses
from cronaca.extract.sentence_view import SentenceView
from cronaca.model import Actor, Mention
from cronaca.resources import load_yaml

TOWN_LABELS = frozenset({"city", "place"})
ACTING_LABELS = frozenset({"capital", "country"})  # a place that may be its country acting


@cache
def _data() -> dict[str, Any]:
    return load_yaml("geo/event_place.yaml")


def _locative(doc: Doc, mention: Mention) -> bool:
    """Whether the word before the mention is a locative preposition of the language."""
    words = set(_data()["locative"].get(doc.language, ()))
    before = doc.text[max(0, mention.start - 12) : mention.start].split()
    return bool(before) and before[-1].lower() in words


def _is_place(doc: Doc, mention: Mention) -> bool:
    if mention.label == "country" and mention.entity_id:
        return _locative(doc, mention)
    if not (mention.value or {}).get("place_id"):
        return False
    return mention.label in TOWN_LABELS or (mention.label == "capital" and _locative(doc, mention))


def _actor(mention: Mention, role: str, cue: str = "") -> Actor:
    value = mention.value or {}
    return Actor(
        id=value.get("place_id") or str(mention.entity_id),
        name=value.get("place_name") or value.get("name") or mention.text,
        start=mention.start,
        end=mention.end,
        role=role,
        cue=cue,
        country=value.get("actor", ""),
    )


def in_clause(
    doc: Doc, sent: SentenceView, clauses: Clauses, i: int, actors: tuple[Actor, ...]
) -> Actor | None:
    """The place nearest the trigger ``i`` inside its clause, if any."""
    own = set(clauses.tokens(i))
    spans = {(a.start, a.end) for a in actors}
    best: tuple[int, Mention] | None = None
    for e in sent.entities:
        if not _is_place(doc, e) or (e.label == "country" and (e.start, e.end) in spans):
            continue  # "inviato truppe in Russia": Russia receives; "entrati a Damasco": there
        j = sent.entity_token(e)
        if j not in own:
            continue
        if best is None or abs(j - i) < best[0]:
            best = (abs(j - i), e)
    return _actor(best[1], "clause") if best else None


def article_focus(doc: Doc) -> Actor | None:
    """The dateline place, else the only place the article names; None when unclear."""
    places = [m for m in doc.of_kind("entity") if _is_place(doc, m) or _dateline_capital(doc, m)]
    if not places:
        return None
    first = min(places, key=lambda m: m.start)
    if _dateline(doc, first):
        return _actor(first, "article", "dateline")
    if len({m.value.get("place_id") or m.entity_id for m in places}) == 1:
        return _actor(first, "article", "only place")
    return None


def _dateline(doc: Doc, mention: Mention) -> bool:
    data = _data()
    if mention.start > data["dateline_within"]:
        return False
    after = doc.text[mention.end : mention.end + 3].lstrip(" ")
    return bool(after) and after[0] in data["dateline"]


def _dateline_capital(doc: Doc, mention: Mention) -> bool:
    """A capital opening the text as its dateline ("ROMA - ..."): the place of the report."""
    return (
        mention.label == "capital" and bool((mention.value or {}).get("place_id")) and _dateline(doc, mention)
    )


def event_place(
    doc: Doc, sent: SentenceView, clauses: Clauses, i: int, actors: tuple[Actor, ...]
) -> Actor | None:
    found = in_clause(doc, sent, clauses, i, actors)
    if found is not None:
        return found
    spans = {(a.start, a.end) for a in actors}
    for e in sent.entities:
        if _is_place(doc, e) and (e.start, e.end) not in spans:
            return None  # the sentence's place belongs to another clause
        if e.label in ACTING_LABELS:
            return None  # states acting: the article's setting says nothing of where
    return article_focus(doc)
