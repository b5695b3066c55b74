"""People the registry does not hold, introduced with their country and office.

News introduces a foreign official once, with country and title: "Gambian President Dawda
Jawara", "South African leader F.W. de Klerk", "il ministro degli Esteri iraniano Abbas
Araghchi". The registry cannot list every official; left unlinked, such a person is no actor,
so "Gambian President Jawara will visit Mauritania" has no source and a casualty report's named
victims are no one. Here an unlinked person named right after a title and a demonym (or a
country's possessive) becomes an actor of its own, ``person:<name>``, with that country; the
mention keeps its text and label. Without both a title and a country nothing is made up.
"""

from __future__ import annotations

import re

from cronaca.extract.entities.agents import titles as office_words
from cronaca.extract.entities.linking import Found
from cronaca.extract.sentence_view import country_of
from cronaca.model import slug

COUNTRY_LABELS = frozenset({"demonym", "country", "organisation"})  # an organisation: one of a country
BETWEEN = 5  # words from the country to the name: "Pakistani Defense Minister Khawaja Asif"
_WORD = re.compile(r"[\w'’.-]+")
LINKS = frozenset(
    {"of", "the", "for", "di", "degli", "del", "della", "dei", "dello", "delle", "dell'", "'s", "’s"}
)
NAME = re.compile(r"[^\W\d_][\w'’-]+(?: [^\W\d_][\w'’-]+)*")  # words of two letters or more


def _country(g: Found) -> str:
    value = g.value or {}
    if g.label == "organisation":
        # "il comandante delle Guardie Rivoluzionarie X", "Revolutionary Guard chief X": a state's
        # organ gives its country; an organisation of no country (Hamas, the UN) gives none
        return country_of(g.entity_id) if g.entity_id else ""
    return str(value.get("actor") or value.get("country") or g.entity_id or "")


def _title_ahead(before: str, titles: frozenset[str] | set[str]) -> bool:
    """An office word shortly before the demonym, with only its portfolio between:
    "il presidente francese X", "il ministro degli Esteri francese X"."""
    words = _WORD.findall(before)[-4:]
    for i, w in enumerate(words):
        if w.casefold() in titles and all(v[:1].isupper() or v.casefold() in LINKS for v in words[i + 1 :]):
            return True
    return False


def name_people(text: str, found: list[Found]) -> list[Found]:
    """Give unlinked people introduced by "<country> <title> <name>" or "<title> <demonym>
    <name>" an actor id and their country."""
    titles = office_words()
    countries = sorted((g for g in found if g.label in COUNTRY_LABELS and _country(g)), key=lambda g: g.end)
    for f in found:
        if f.label != "person" or f.entity_id is not None:
            continue
        before = [g for g in countries if g.end <= f.start and f.start - g.end <= 60]
        if not before:
            continue
        g = before[-1]
        between = _WORD.findall(text[g.end : f.start])
        if len(between) > BETWEEN:
            continue
        words = [w.casefold().rstrip(".").removesuffix("'s").removesuffix("’s") for w in between]
        # "Gambian President X", "Pakistani Defense Minister X", "Pakistan's Prime Minister X";
        # "il presidente francese X": an office, capitalised or a title, and nothing else between
        office = all(w[:1].isupper() or w.casefold() in titles | LINKS for w in between)
        titled_between = office and any(w in titles for w in words)
        titled_ahead = not between and _title_ahead(text[max(0, g.start - 60) : g.start], titles)
        if not (titled_between or titled_ahead):
            continue
        name = text[f.start : f.end]
        if not NAME.fullmatch(name):
            continue  # "F.W": initials cut from a name, no one to name
        f.entity_id = f"person:{slug(name)}"
        f.value = {**f.value, "actor": f.entity_id, "type": "person", "name": name, "country": _country(g)}
        f.value.pop("linked", None)
        f.value["cue"] = "title"
    return found
