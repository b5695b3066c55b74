"""Entity mentions: countries, places, seats of power, demonyms, organisations, people, weapons.

The registry (``cronaca.extract.entities.registry``: packaged data plus the user's registry files
from ``options["entities"]``) is one case-insensitive Aho–Corasick automaton. A match is
kept when it sits between word boundaries (apostrophes and hyphens count, so
"dell’Ucraina" gives Ucraina) and passes its case rule; overlapping matches resolve
leftmost-longest. Every actor mention resolves to an *actor*: the ISO alpha-3 country for
countries, capitals, cities, demonyms and metonyms (the place kept in ``value``), or the
organisation's or person's own id. Places (seas, regions) and weapons are entities of
their own. ``cronaca.extract.entities.linking`` then links role descriptions and short forms to
people at the article's date and marks names the registry lacks as unlinked.

``registry()`` and ``lookup()`` expose the canonical entities to the store, exports and UI.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from cronaca.extract.base import Doc, component
from cronaca.extract.entities import agents, anaphora, linking, titled_people, unknown_names
from cronaca.extract.entities.linking import Found
from cronaca.extract.entities.name_lexicon import names as name_lexicon
from cronaca.extract.entities.registry import (
    CAPITAL,
    EXACT,
    LOWER_OR_CAPITAL,
    PRIORITY,
    PROPER,
    Candidate,
    Entry,
    Gazetteer,
    case_ok,
    case_rule,
    english_forms,
    gazetteer,
    italian_forms,
    normalise,
    user_gazetteers,
)
from cronaca.model import Mention

__all__ = [
    "CAPITAL",
    "COMPONENT",
    "EXACT",
    "LOWER_OR_CAPITAL",
    "PRIORITY",
    "PROPER",
    "Candidate",
    "Entry",
    "Gazetteer",
    "case_rule",
    "english_forms",
    "entities",
    "find",
    "gazetteer",
    "italian_forms",
    "lookup",
    "normalise",
    "registry",
]

VERSION = 3
COMPONENT = f"entities@{VERSION}"


def matches(
    gaz: Gazetteer, text: str, language: str = "", norm: str | None = None
) -> list[tuple[int, int, tuple[Entry, ...]]]:
    """Leftmost-longest, non-overlapping matches as (start, end, entries that pass, best first);
    ``norm``: ``normalise(text)`` when the caller has it."""
    found: list[tuple[int, int, tuple[Entry, ...]]] = []
    size = len(text)
    for last, (length, candidates) in gaz.automaton.iter(normalise(text) if norm is None else norm):
        start, end = last - length + 1, last + 1
        if start > 0 and text[start - 1].isalnum():
            continue
        if end < size and text[end].isalnum():
            continue
        if end < size and text[end] in "'’" and _elided(text, start, end, language):
            continue
        written = text[start:end]
        entries = tuple(
            c.entry
            for c in candidates
            if not (c.entry.language and language in ("it", "en") and c.entry.language != language)
            and case_ok(c.case, written, c.surface)
        )
        if entries:
            found.append((start, end, entries))
    found.sort(key=lambda m: (m[0], -m[1]))
    chosen = []
    reach = 0
    for start, end, entries in found:
        if start >= reach:
            chosen.append((start, end, entries))
            reach = end
    return [m for m in chosen if m[2][0].label != "block"]


def _elided(text: str, start: int, at: int, language: str) -> bool:
    """An apostrophe at ``at`` that elides the word ``start:at``: "Dell'accaduto", and in
    Italian text tokenised with a space after the apostrophe, "Dell' episodio". Such a word
    is a preposition or an article ("Dell'", "Nell'"), never the registry name it spells; an
    English possessive ("Russia's") and a closing quote ("il gruppo 'Wagner' ha") are not
    elisions."""
    if at - start > 5 or (start > 0 and text[start - 1] in "'‘’"):
        return False  # elided words are short: dell', nell', sull', quell'
    after = text[at + 1 : at + 3]
    if after[:1].isalpha():
        return not (after[:1] in "sS" and not after[1:2].isalnum())
    return language in ("it", "") and after[:1] == " " and text[at + 2 : at + 3].islower()


def find(text: str, language: str = "", extra: tuple[str, ...] = ()) -> list[tuple[int, int, Entry]]:
    """Registry names in ``text`` as (start, end, entry); bare short forms are left out."""
    out = []
    for start, end, entries in matches(gazetteer(extra), text, language):
        entry = next((e for e in entries if e.label != "short"), None)
        if entry is not None:
            out.append((start, end, entry))
    return out


def _found(entry: Entry, start: int, end: int, sector: str) -> Found:
    if entry.label == "weapon":
        value: dict[str, Any] = {"name": entry.actor_name, "category": entry.sector}
        return Found(start, end, "weapon", entry.actor, value, entry.rule, entry)
    value = {"name": entry.actor_name, "actor": entry.actor, "type": entry.actor_type, "sector": sector}
    if entry.place_id:
        value["place_id"] = entry.place_id
        value["place_name"] = entry.place_name
    if entry.label == "place":
        value["type"] = "place"
        return Found(start, end, "place", entry.place_id, value, entry.rule, entry)
    return Found(start, end, entry.label, entry.actor, value, entry.rule, entry)


def annotate(gaz: Gazetteer, doc: Doc) -> list[Found]:
    """All entity mentions of one article, linked where the registry and the context allow."""
    text, language = doc.text, doc.language or ""
    norm = normalise(text)
    date_of = linking.when(doc.article.published)
    found: list[Found] = []
    shorts: list[tuple[int, int, Entry]] = []
    starts: list[int] | None = None
    for start, end, entries in matches(gaz, text, language, norm):
        entry = _in_context(gaz, text, norm, start, end, entries, language)
        if entry is None:
            continue
        if entry.label == "short":
            shorts.append((start, end, entry))
            continue
        sector = entry.sector
        if entry.label == "demonym":
            if starts is None:
                starts = doc.tokens.to_array("IDX").tolist() if doc.tokens is not None else []
            if _near(starts, doc, start, end, gaz.military):
                sector = "military"
        f = _found(entry, start, end, sector)
        if entry.label == "person" and any(e.label == "short" and entry.actor in e.people for e in entries):
            f.value["linked_by"] = "short_form"
        found.append(f)
    found = linking.link_roles(gaz, text, norm, language, found, date_of)
    found += linking.link_short(gaz, text, shorts, found, date_of)
    found += linking.link_places(gaz, text, norm, found)
    found = linking.read_sites(gaz, norm, found)
    found = linking.read_clubs(gaz, text, norm, language, found)
    found = linking.read_matches(gaz, text, norm, found)
    found = linking.read_products(norm, language, found)
    found = agents.find_agents(gaz, text, norm, language, found, name_lexicon(gaz).adjectives)
    found.sort(key=lambda f: (f.start, -f.end))
    sentences = frozenset(m.start for m in doc.mentions if m.kind == "sentence")
    found = unknown_names.find_unlinked(gaz, text, norm, found, language, sentences)
    found = titled_people.name_people(text, found)  # "Gambian President Dawda Jawara": an actor
    if anaphors := anaphora.anaphor_mentions(text, language, found):  # "the island": Taiwan
        found = sorted(found + anaphors, key=lambda f: (f.start, -f.end))
    return agents.link_institutions(gaz, text, norm, language, found)


_PREV = re.compile(r"([\w'’]+)\s+$")
TOWNS = ("city", "capital")


def _in_context(
    gaz: Gazetteer, text: str, norm: str, start: int, end: int, entries: tuple[Entry, ...], language: str
) -> Entry | None:
    """The entry a written form stands for here. An acronym that is also a town ("NIS", the
    South Korean service, and Niš) is the town after a place preposition ("in", "a", "near")
    and the organisation elsewhere; a town written in capitals that the registry has as a
    plain name ("SBU", "HUR" when no organisation holds them) is an acronym, left to the
    unknown-name pass, unless a place preposition stands before it."""
    entry = entries[0]
    written = text[start:end]
    if entry.label not in ("organisation", *TOWNS) or not (len(written) >= 2 and written.isupper()):
        return entry
    m = _PREV.search(norm, max(0, start - 20), start)
    after_place_prep = bool(m) and m.group(1).replace("’", "'") in _place_prepositions(gaz, language)
    town = next((e for e in entries if e.label in TOWNS), None)
    if entry.label == "organisation":
        return town if (town is not None and after_place_prep) else entry
    if not after_place_prep and len(written) <= 5 and not any(c.isupper() for c in entry.place_name[1:]):
        return None  # a town's name in capitals, no place cue: an acronym
    return entry


def _place_prepositions(gaz: Gazetteer, language: str) -> frozenset[str]:
    """One-word place prepositions of ``cues.yaml`` (``names.place_prepositions``), with
    "from"/"da"; both languages' when the article's is neither."""
    cache: dict[str, frozenset[str]] = gaz.__dict__.setdefault("_place_preps", {})
    if language not in cache:
        spec = (gaz.cues.get("names") or {}).get("place_prepositions") or {}
        langs = [language] if language in spec else list(spec)
        words = {w for lang in langs for w in spec.get(lang, []) if " " not in w}
        words |= {"from"} if "en" in langs else set()
        words |= {"da"} if "it" in langs else set()
        cache[language] = frozenset(words)
    return cache[language]


def mention(doc: Doc, f: Found) -> Mention:
    return Mention(
        "entity",
        f.start,
        f.end,
        doc.text[f.start : f.end],
        label=f.label,
        entity_id=f.entity_id,
        value=f.value,
        component=COMPONENT,
        rule=f.rule,
    )


@component("entities", version=VERSION, requires=["tokens", "sentences"], assigns=["entities"])
def entities(options: dict[str, Any] | None = None):
    """Registry entity mentions linked to canonical ids, role and short-form linking, unlinked names."""
    extra = tuple(str(p) for p in (options or {}).get("entities", ()) or ())
    gaz = gazetteer(extra)

    def process(doc: Doc) -> None:
        doc.mentions.extend(mention(doc, f) for f in annotate(gaz, doc))

    return process


def _near(starts: list[int], doc: Doc, start: int, end: int, words: frozenset[str]) -> bool:
    """A military noun within three tokens before ("le forze di terra israeliane") or two after
    the span, not across punctuation."""
    if not starts:
        return False
    tokens = doc.tokens
    first = max(bisect_right(starts, start) - 1, 0)
    last = max(bisect_right(starts, end - 1) - 1, first)
    for steps in (range(first - 1, first - 4, -1), range(last + 1, last + 3)):
        for i in steps:
            if i < 0 or i >= len(starts) or tokens[i].is_punct:
                break
            if tokens[i].lower_ in words:
                return True
    return False


# ---------------------------------------------------------------------------- registry


def registry(extra: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Every canonical actor: countries, organisations, people (id, type, name, names, ...)."""
    return [dict(record) for record in gazetteer(tuple(extra)).registry.values()]


def lookup(entity_id: str, extra: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """The record of an actor ("PRK", "Q7747", "org:kcna"), a place ("geonames:524901",
    "place:sea-of-japan") or a weapon ("weapon:drone"). Ids from user registry files are
    found when ``extra`` names them, or once this process has loaded them."""
    gaz = gazetteer(tuple(extra))
    if entity_id.startswith("agent:"):  # "agent:police", "agent:rebels:SYR"
        return agents.record(entity_id, gaz.registry)
    record = gaz.record(entity_id)
    if record is None and not extra:
        for loaded in user_gazetteers():
            record = loaded.record(entity_id)
            if record is not None:
                break
    return dict(record) if record else None
