"""Entity mentions: countries, capitals, cities, metonyms, demonyms, organisations, people.

One case-insensitive Aho–Corasick automaton holds every name of every entity in
``resources/entities/`` (generated ``countries.json`` plus the curated YAML files). A
match is kept when it sits between word boundaries (apostrophes and hyphens count, so
"dell’Ucraina" gives Ucraina) and passes its case rule; overlapping matches resolve
leftmost-longest. Every mention resolves to an *actor*: the ISO alpha-3 country for
countries, capitals, cities, demonyms and metonyms (the place kept in ``value``), or the
organisation's or person's own id.

``registry()`` and ``lookup()`` expose the canonical entities to the store, exports and UI.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from cronaca.errors import ResourceError
from cronaca.extract.pipeline import Doc, component
from cronaca.model import Mention
from cronaca.resources import load_yaml, path

VERSION = 1
COMPONENT = f"entities@{VERSION}"
FOLDER = "entities"

# Case rules: how the text must be written for a name to match.
EXACT = "exact"  # acronyms: "UE", "NATO", "AP" match only as written
PROPER = "proper"  # first letter uppercase ("Mosca", never the insect "mosca")
LOWER_OR_CAPITAL = "lower-or-capital"  # Italian demonyms: "nordcoreani", "Nordcoreani"
CAPITAL = "capital"  # English demonyms: "North Koreans"

# Which candidate wins when one written form names several things.
PRIORITY = ("block", "country", "organisation", "metonym", "person", "capital", "demonym", "city")

_APOSTROPHES = {ord(c): "'" for c in "’‘ʼ`´"}
_SPACES = {ord(c): " " for c in "\n\t\r\u00a0\u2009\u202f"}
_TABLE = {**_APOSTROPHES, **_SPACES}


@dataclass(frozen=True)
class Entry:
    """What one name resolves to."""

    label: str  # country | capital | city | metonym | demonym | organisation | person | block
    actor: str
    actor_type: str  # country | organisation | person
    actor_name: str
    rule: str
    place_id: str = ""
    place_name: str = ""
    sector: str = ""
    language: str = ""  # set for demonyms: matched only in texts of that language (or unknown)


@dataclass(frozen=True)
class Candidate:
    rank: tuple[int, int]
    case: str
    surface: str  # the name as written in the data, apostrophes normalised
    entry: Entry


class Gazetteer:
    """The automaton, the entries it points to, and the canonical registry."""

    def __init__(self) -> None:
        self.automaton = ahocorasick.Automaton()
        self.registry: dict[str, dict[str, Any]] = {}
        self.places: dict[str, dict[str, Any]] = {}
        self.military: frozenset[str] = frozenset()
        self._names: dict[str, list[Candidate]] = {}

    def add(self, name: str, entry: Entry, case: str | None = None, weight: int = 0) -> None:
        surface = " ".join(name.translate(_APOSTROPHES).split())
        if not surface:
            return
        case = case or case_rule(surface)
        rank = (PRIORITY.index(entry.label), weight)
        key = normalise(surface)
        self._names.setdefault(key, []).append(Candidate(rank, case, surface, entry))

    def finish(self) -> None:
        for key, candidates in self._names.items():
            candidates.sort(key=lambda c: c.rank)
            self.automaton.add_word(key, (len(key), tuple(candidates)))
        self.automaton.make_automaton()
        self._names = {}


def normalise(text: str) -> str:
    """Lowercase, apostrophes and spaces unified; the result has the same length as ``text``."""
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowercases to two characters: keep offsets aligned
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_TABLE)


def case_rule(name: str) -> str:
    letters = [c for c in name if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return EXACT
    return PROPER


def case_ok(case: str, written: str, surface: str) -> bool:
    if case == EXACT:
        return written.translate(_APOSTROPHES) == surface
    if case == PROPER:
        if surface[0].isupper():
            return written[0].isupper()
        return written.translate(_APOSTROPHES) == surface  # "38 North", "les Escaldes"
    if case == LOWER_OR_CAPITAL:
        return written.islower() or (written[0].isupper() and (len(written) == 1 or written[1:].islower()))
    if case == CAPITAL:
        return written[0].isupper()
    raise ResourceError(f"unknown case rule {case!r}")


# ---------------------------------------------------------------------------- demonyms


def italian_forms(base: str) -> list[str]:
    """Inflected forms of an Italian demonym's masculine singular."""
    stem = base
    if base.endswith("co"):
        endings, stem = ("co", "ca", "ci", "chi", "che"), base[:-2]
    elif base.endswith("go"):
        endings, stem = ("go", "ga", "ghi", "ghe", "gi"), base[:-2]
    elif base.endswith("o"):
        endings, stem = ("o", "a", "i", "e"), base[:-1]
    elif base.endswith("e"):
        endings, stem = ("e", "i"), base[:-1]
    elif base.endswith("a"):
        endings, stem = ("a", "i", "e"), base[:-1]
    else:
        return [base]
    forms = [stem + ending for ending in endings]
    for prefix in ("nord", "sud"):
        if base.startswith(prefix) and len(base) > len(prefix) + 3:
            forms += [f"{prefix}-{f[len(prefix) :]}" for f in forms] + [
                f"{prefix} {f[len(prefix) :]}" for f in forms
            ]
    return forms


def english_forms(base: str) -> list[str]:
    if base.endswith(("ese", "sh", "ch", "ss")):
        return [base]
    return [base, base + "s"]


# ---------------------------------------------------------------------------- loading


def _rule(name: str, data: dict[str, Any]) -> str:
    if "version" not in data:
        raise ResourceError(f"resources/{FOLDER}/{name} has no version field")
    return f"{name}@{data['version']}"


def _load_countries(gaz: Gazetteer) -> dict[str, dict[str, Any]]:
    name = "countries.json"
    try:
        with path(f"{FOLDER}/{name}").open("r", encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError as e:
        raise ResourceError(f"{name} is missing: run scripts/build_resources.py") from e
    rule = _rule(name, data)
    countries = {c["id"]: c for c in data["countries"]}
    by_population = sorted(countries.values(), key=lambda c: -c["population"])
    weight = {c["id"]: i for i, c in enumerate(by_population)}
    for country in data["countries"]:
        cid, cname = country["id"], country["name"]
        gaz.registry[cid] = {
            "id": cid,
            "type": "country",
            "name": cname,
            "names": country["names"],
            "iso2": country["iso2"],
            "capital": {"place_id": country["capital"]["place_id"], "name": country["capital"]["name"]}
            if country["capital"]
            else None,
        }
        entry = Entry("country", cid, "country", cname, rule)
        for names in country["names"].values():
            for n in names:
                gaz.add(n, entry, weight=weight[cid])
        capital = country["capital"]
        if capital:
            gaz.places[capital["place_id"]] = {
                "id": capital["place_id"],
                "type": "place",
                "name": capital["name"],
                "names": capital["names"],
                "country": cid,
                "capital": True,
            }
            entry = Entry("capital", cid, "country", cname, rule, capital["place_id"], capital["name"])
            for names in capital["names"].values():
                for n in names:
                    gaz.add(n, entry, weight=weight[cid])
    for rank, city in enumerate(data["cities"]):  # sorted by population
        cid = city["country"]
        gaz.places[city["place_id"]] = {
            "id": city["place_id"],
            "type": "place",
            "name": city["name"],
            "names": {"all": city["names"]},
            "country": cid,
            "capital": False,
        }
        entry = Entry("city", cid, "country", countries[cid]["name"], rule, city["place_id"], city["name"])
        for n in city["names"]:
            gaz.add(n, entry, weight=rank)
    return countries


def _load_aliases(gaz: Gazetteer, countries: dict[str, dict[str, Any]]) -> None:
    data = load_yaml(f"{FOLDER}/aliases.yaml")
    rule = _rule("aliases.yaml", data)
    for cid, by_language in (data.get("countries") or {}).items():
        if cid not in countries:
            raise ResourceError(f"aliases.yaml names unknown country {cid!r}")
        entry = Entry("country", cid, "country", countries[cid]["name"], rule)
        for names in by_language.values():
            for n in names:
                gaz.add(n, entry)
    block = Entry("block", "", "", "", rule)
    for n in data.get("block", []):
        gaz.add(n, block)


def _load_demonyms(gaz: Gazetteer, countries: dict[str, dict[str, Any]]) -> None:
    data = load_yaml(f"{FOLDER}/demonyms.yaml")
    rule = _rule("demonyms.yaml", data)
    exclude = {e.lower() for e in data.get("exclude", [])}
    gaz.military = frozenset(w.lower() for words in data["military"].values() for w in words)
    for cid, spec in data["countries"].items():
        if cid not in countries:
            raise ResourceError(f"demonyms.yaml names unknown country {cid!r}")
        cname = countries[cid]["name"]
        italian = Entry("demonym", cid, "country", cname, rule, language="it")
        english = Entry("demonym", cid, "country", cname, rule, language="en")
        forms = [f for base in spec.get("it", []) for f in italian_forms(base.lower())]
        for form in dict.fromkeys(forms):
            if form not in exclude:
                gaz.add(form, italian, LOWER_OR_CAPITAL)
        for form in spec.get("forms", []):
            gaz.add(form, italian, EXACT)
        for base in spec.get("en", []):
            for form in english_forms(base):
                gaz.add(form, english, CAPITAL)


def _load_metonyms(gaz: Gazetteer, countries: dict[str, dict[str, Any]]) -> None:
    data = load_yaml(f"{FOLDER}/metonyms.yaml")
    rule = _rule("metonyms.yaml", data)
    for item in data["metonyms"]:
        actor = gaz.registry.get(item["actor"])
        if actor is None:
            raise ResourceError(f"metonyms.yaml: {item['id']} names unknown actor {item['actor']!r}")
        entry = Entry(
            "metonym", actor["id"], actor["type"], actor["name"], rule, sector=item.get("sector", "")
        )
        for lang in ("it", "en", "all"):
            for n in item.get(lang, []):
                gaz.add(n, entry)


def _load_named(gaz: Gazetteer, file: str, key: str, kind: str) -> None:
    data = load_yaml(f"{FOLDER}/{file}")
    rule = _rule(file, data)
    for item in data[key]:
        if item["id"] in gaz.registry:
            raise ResourceError(f"{file}: id {item['id']!r} is used twice")
        names = {lang: item[lang] for lang in ("it", "en", "all") if item.get(lang)}
        record = {"id": item["id"], "type": kind, "name": item["name"], "names": names}
        record["sector"] = item.get("sector", "")
        if "country" in item:
            record["country"] = item["country"]
        gaz.registry[item["id"]] = record
        entry = Entry(kind, item["id"], kind, item["name"], rule, sector=item.get("sector", ""))
        for ns in names.values():
            for n in ns:
                gaz.add(n, entry)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Build the automaton once per process."""
    gaz = Gazetteer()
    countries = _load_countries(gaz)
    _load_aliases(gaz, countries)
    _load_demonyms(gaz, countries)
    _load_named(gaz, "organisations.yaml", "organisations", "organisation")
    _load_named(gaz, "people.yaml", "people", "person")
    _load_metonyms(gaz, countries)
    gaz.finish()
    return gaz


# ---------------------------------------------------------------------------- matching


def find(text: str, language: str = "") -> list[tuple[int, int, Entry]]:
    """Leftmost-longest, non-overlapping entity matches in ``text`` as (start, end, entry)."""
    gaz = gazetteer()
    found: list[tuple[int, int, Entry]] = []
    size = len(text)
    for last, (length, candidates) in gaz.automaton.iter(normalise(text)):
        start, end = last - length + 1, last + 1
        if start > 0 and text[start - 1].isalnum():
            continue
        if end < size and text[end].isalnum():
            continue
        written = text[start:end]
        for candidate in candidates:
            entry = candidate.entry
            if entry.language and language in ("it", "en") and entry.language != language:
                continue
            if case_ok(candidate.case, written, candidate.surface):
                found.append((start, end, entry))
                break
    found.sort(key=lambda m: (m[0], -m[1]))
    chosen: list[tuple[int, int, Entry]] = []
    reach = 0
    for start, end, entry in found:
        if start >= reach:
            chosen.append((start, end, entry))
            reach = end
    return [m for m in chosen if m[2].label != "block"]


def mention(doc: Doc, start: int, end: int, entry: Entry, sector: str) -> Mention:
    value: dict[str, Any] = {
        "name": entry.actor_name,
        "actor": entry.actor,
        "type": entry.actor_type,
        "sector": sector,
    }
    if entry.place_id:
        value["place_id"] = entry.place_id
        value["place_name"] = entry.place_name
    return Mention(
        "entity",
        start,
        end,
        doc.text[start:end],
        label=entry.label,
        entity_id=entry.actor,
        value=value,
        component=COMPONENT,
        rule=entry.rule,
    )


@component("entities", version=VERSION, requires=["tokens", "sentences"], assigns=["entities"])
def entities():
    """Gazetteer entity mentions linked to canonical actors (ISO alpha-3, org and person ids)."""
    gaz = gazetteer()

    def process(doc: Doc) -> None:
        starts: list[int] | None = None
        for start, end, entry in find(doc.text, doc.language or ""):
            sector = entry.sector
            if entry.label == "demonym":
                if starts is None:
                    starts = [t.idx for t in doc.tokens] if doc.tokens is not None else []
                if _near(starts, doc, start, end, gaz.military):
                    sector = "military"
            doc.mentions.append(mention(doc, start, end, entry, sector))

    return process


def _near(starts: list[int], doc: Doc, start: int, end: int, words: frozenset[str]) -> bool:
    """A military noun within two tokens before or after the span, not across punctuation."""
    if not starts:
        return False
    tokens = doc.tokens
    first = max(bisect_right(starts, start) - 1, 0)
    last = max(bisect_right(starts, end - 1) - 1, first)
    for steps in (range(first - 1, first - 3, -1), range(last + 1, last + 3)):
        for i in steps:
            if i < 0 or i >= len(starts) or tokens[i].is_punct:
                break
            if tokens[i].lower_ in words:
                return True
    return False


# ---------------------------------------------------------------------------- registry


def registry() -> list[dict[str, Any]]:
    """Every canonical actor: countries, organisations, people (id, type, name, names, ...)."""
    return [dict(record) for record in gazetteer().registry.values()]


def lookup(entity_id: str) -> dict[str, Any] | None:
    """The record of an actor id ("PRK", "Q7747", "org:kcna") or a place id ("geonames:524901")."""
    gaz = gazetteer()
    record = gaz.registry.get(entity_id) or gaz.places.get(entity_id)
    return dict(record) if record else None
