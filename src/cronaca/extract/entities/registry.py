"""The entity registry: every name of every canonical entity, in one automaton.

Sources, all under ``resources/entities/`` (each with a ``version``): the generated
``countries.json``, ``first_names.json``, ``surnames.json`` and ``provinces.json``, and the
curated ``aliases.yaml``, ``demonyms.yaml``, ``metonyms.yaml``, ``organisations.yaml``, ``people.yaml``,
``places.yaml``, ``weapons.yaml`` and ``roles.yaml``; plus any user registry files
(same shape as the curated ones) given as ``extra`` paths.

One case-insensitive Aho–Corasick automaton maps each normalised name to its candidate
entries, best first. Normalising keeps offsets: lowercase, curly apostrophes straight,
hyphens and line breaks read as spaces ("Kim Jong-un" = "Kim Jong Un"), quotes unified.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from cronaca.errors import ResourceError
from cronaca.extract.entities.inflection import (  # noqa: F401  (re-exported)
    english_forms,
    english_plurals,
    italian_forms,
    italian_plurals,
    name_variants,
)
from cronaca.resources import load_yaml, path

FOLDER = "entities"

# Case rules: how the text must be written for a name to match.
EXACT = "exact"  # acronyms: "UE", "NATO", "AP" match only as written
PROPER = "proper"  # first letter uppercase ("Mosca", never the insect "mosca")
LOWER_OR_CAPITAL = "lower-or-capital"  # Italian demonyms, weapons: "nordcoreani", "Droni"
CAPITAL = "capital"  # English demonyms: "North Koreans"

# Which candidate wins when one written form names several things ("short" = a bare
# surname or family name, resolved in context by cronaca.extract.entities.linking).
PRIORITY = (
    "block",
    "country",
    "organisation",
    "metonym",
    "person",
    "capital",
    "place",
    "demonym",
    "city",
    "weapon",
    "short",
)
NAMED_KINDS = {"organisations": "organisation", "people": "person"}
LANGUAGE_KEYS = ("it", "en", "all")
FAMILY_NAME_FIRST = frozenset({"PRK", "KOR", "CHN", "TWN", "VNM", "MNG"})

_APOSTROPHES = {ord(c): "'" for c in "’‘ʼ`´"}
_SPACES = {ord(c): " " for c in "\n\t\r\u00a0\u2009\u202f-\u2010\u2011"}
_QUOTES = {ord(c): '"' for c in "“”„«»"}
_TABLE = {**_APOSTROPHES, **_SPACES, **_QUOTES}
# the same mapping as (character, replacement) pairs: no replacement is itself replaced
_REPLACEMENTS = tuple((chr(k), v) for k, v in _TABLE.items())
_ELISION = re.compile(r"(?<=\w)'(?=\w)")


@dataclass(frozen=True)
class Entry:
    """What one name resolves to."""

    label: (
        str  # country | capital | city | metonym | demonym | organisation | person | place | weapon | short
    )
    actor: str  # the actor id (weapon id for weapons, "" for a place without a country)
    actor_type: str  # country | organisation | person | place | weapon
    actor_name: str
    rule: str
    place_id: str = ""
    place_name: str = ""
    sector: str = ""  # for weapons: the category
    language: str = ""  # set for demonyms: matched only in texts of that language (or unknown)
    people: tuple[str, ...] = ()  # for short forms: the person ids it may stand for
    # (a short form's sector is "explicit" when people.yaml lists it under ``short``)


@dataclass(frozen=True)
class Candidate:
    rank: tuple[int, int]
    case: str
    surface: str  # the name as written in the data, apostrophes normalised
    entry: Entry


@dataclass(frozen=True)
class Tenure:
    """A role held by a person: "president" of "RUS" from ``start`` to ``end`` (None: still)."""

    role: str
    of: str
    person: str
    start: date | None
    end: date | None


class Gazetteer:
    """The automaton, the entries it points to, the canonical records and the roles."""

    def __init__(self) -> None:
        self.automaton = ahocorasick.Automaton()
        self.registry: dict[str, dict[str, Any]] = {}  # actors: countries, organisations, people
        self.places: dict[str, dict[str, Any]] = {}  # capitals, cities, regions, seas
        self.weapons: dict[str, dict[str, Any]] = {}
        self.tenures: dict[tuple[str, str], list[Tenure]] = {}
        self.place_cores: dict[str, str] = {}  # "kursk" → place id, read after a cue ("regione di")
        self.first_names: frozenset[str] = frozenset()
        self.surnames: frozenset[str] = frozenset()
        self.province_codes: frozenset[str] = frozenset()  # "bg", "mi": Italian provinces
        self.military: frozenset[str] = frozenset()
        self.roles: dict[str, Any] = {}
        self.cues: dict[str, Any] = {}
        self._names: dict[str, list[Candidate]] = {}
        self._short: dict[str, dict[str, tuple[str, str]]] = {}

    def add(self, name: str, entry: Entry, case: str | None = None, weight: int = 0) -> None:
        surface = " ".join(name.translate(_APOSTROPHES).split())
        if not surface:
            return
        case = case or case_rule(surface)
        rank = (PRIORITY.index(entry.label), weight)
        candidate = Candidate(rank, case, surface, entry)
        self._names.setdefault(normalise(surface), []).append(candidate)
        if "'" in surface:  # "d'America" is also written "d' America"
            spaced = _ELISION.sub("' ", surface)
            if spaced != surface:
                self._names.setdefault(normalise(spaced), []).append(candidate)
        if surface[-1] == "!" and len(surface) > 2 and surface[-2] != " ":
            # "Yahoo!" is also written "Yahoo !" in tokenised text
            self._names.setdefault(normalise(surface[:-1] + " !"), []).append(candidate)

    def add_short(self, name: str, person: str, rule: str, explicit: bool) -> None:
        self._short.setdefault(normalise(name), {})[person] = (name, rule, explicit)

    def finish(self) -> None:
        for people in self._short.values():
            surface, rule, _ = next(iter(people.values()))
            ids = tuple(sorted(people))
            explicit = "explicit" if all(e for _, _, e in people.values()) else ""
            self.add(surface, Entry("short", "", "person", "", rule, sector=explicit, people=ids), PROPER)
        for key, candidates in self._names.items():
            candidates.sort(key=lambda c: c.rank)
            self.automaton.add_word(key, (len(key), tuple(candidates)))
        self.automaton.make_automaton()
        self._names, self._short = {}, {}

    def record(self, entity_id: str) -> dict[str, Any] | None:
        return self.registry.get(entity_id) or self.places.get(entity_id) or self.weapons.get(entity_id)


def normalise(text: str) -> str:
    """Lowercase, apostrophes, hyphens, spaces and quotes unified; same length as ``text``."""
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowercases to two characters: keep offsets aligned
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # what translate(_TABLE) gives, a dozen times faster on a whole article: translate looks
    # every character up in a dict, replace only scans for the few it changes
    for char, replacement in _REPLACEMENTS:
        if char in lowered:
            lowered = lowered.replace(char, replacement)
    return lowered


def case_rule(name: str) -> str:
    if not name.isupper():  # fast path: some letter is lowercase (or none is cased)
        return PROPER
    letters = [c for c in name if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return EXACT
    return PROPER


_ARTICLE_NAME = re.compile(r"(?:Il|Lo|La|I|Gli|Le|The) [A-Z]")


def case_ok(case: str, written: str, surface: str) -> bool:
    if case == EXACT:
        return written.translate(_APOSTROPHES) == surface
    if case == PROPER:
        if surface[0].isupper():
            if " " in surface[:4] and _ARTICLE_NAME.match(surface):
                # "Il Mattino", "La Stampa", "The Times": the noun after the article is
                # capitalised too, else it is the common noun ("Il mattino dopo", "La stampa")
                return written[0].isupper() and written[surface.index(" ") + 1 :][:1].isupper()
            return written[0].isupper()
        return written.translate(_APOSTROPHES) == surface  # "38 North", "les Escaldes"
    if case == LOWER_OR_CAPITAL:
        return written.islower() or (written[0].isupper() and (len(written) == 1 or written[1:].islower()))
    if case == CAPITAL:
        return written[0].isupper()
    raise ResourceError(f"unknown case rule {case!r}")


# ---------------------------------------------------------------------------- loading


def _rule(name: str, data: Any) -> str:
    if not isinstance(data, dict) or "version" not in data:
        raise ResourceError(f"{name} has no version field")
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
    for region in data.get("regions", []):  # continents, US states
        pid, country = region["place_id"], region["country"]
        gaz.places[pid] = {
            "id": pid,
            "type": "place",
            "kind": region["kind"],
            "name": region["name"],
            "names": region["names"],
            "country": country,
            "capital": False,
        }
        actor = countries[country]["name"] if country else region["name"]
        entry = Entry("place", country, "country" if country else "place", actor, rule, pid, region["name"])
        for names in region["names"].values():
            for n in names:
                gaz.add(n, entry)
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


def _load_aliases(gaz: Gazetteer) -> None:
    data = load_yaml(f"{FOLDER}/aliases.yaml")
    rule = _rule("aliases.yaml", data)
    for cid, by_language in (data.get("countries") or {}).items():
        if cid not in gaz.registry:
            raise ResourceError(f"aliases.yaml names unknown country {cid!r}")
        entry = Entry("country", cid, "country", gaz.registry[cid]["name"], rule)
        for names in by_language.values():
            for n in names:
                gaz.add(n, entry)
    block = Entry("block", "", "", "", rule)
    for n in data.get("block", []):
        gaz.add(n, block)


@lru_cache(maxsize=1)
def military_nouns() -> frozenset[str]:
    """Nouns for armed forces (``military`` in demonyms.yaml), both languages: beside a demonym
    they make it a state's forces, after a withdrawal's "of" they name whose forces withdraw."""
    data = load_yaml(f"{FOLDER}/demonyms.yaml")
    return frozenset(w.lower() for words in data["military"].values() for w in words)


def _load_demonyms(gaz: Gazetteer) -> None:
    data = load_yaml(f"{FOLDER}/demonyms.yaml")
    rule = _rule("demonyms.yaml", data)
    exclude = {e.lower() for e in data.get("exclude", [])}
    gaz.military = military_nouns()
    for cid, spec in data["countries"].items():
        if cid not in gaz.registry:
            raise ResourceError(f"demonyms.yaml names unknown country {cid!r}")
        cname = gaz.registry[cid]["name"]
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


def _load_metonyms(gaz: Gazetteer) -> None:
    data = load_yaml(f"{FOLDER}/metonyms.yaml")
    rule = _rule("metonyms.yaml", data)
    for item in data["metonyms"]:
        actor = gaz.registry.get(item["actor"])
        if actor is None:
            raise ResourceError(f"metonyms.yaml: {item['id']} names unknown actor {item['actor']!r}")
        entry = Entry(
            "metonym", actor["id"], actor["type"], actor["name"], rule, sector=item.get("sector", "")
        )
        for lang in LANGUAGE_KEYS:
            for n in item.get(lang, []):
                gaz.add(n, entry)


def _names_of(item: dict[str, Any], where: str) -> dict[str, list[str]]:
    """Names per language: top-level ``it``/``en``/``all`` lists, or a ``names`` mapping."""
    names = dict(item.get("names") or {})
    for lang in LANGUAGE_KEYS:
        if item.get(lang):
            names.setdefault(lang, [])
            names[lang] = [*names[lang], *item[lang]]
    for lang, ns in names.items():
        if not isinstance(ns, list) or not all(isinstance(n, str) and n.strip() for n in ns):
            raise ResourceError(f"{where}: names for {lang!r} must be a list of strings")
    if not any(names.values()):
        raise ResourceError(f"{where}: no names given")
    return names


def _date(value: Any, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as e:
        raise ResourceError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from e


def _load_named(gaz: Gazetteer, items: Any, kind: str, rule: str, where: str, merge: bool) -> None:
    if not isinstance(items, list):
        raise ResourceError(f"{where}: expected a list of entries")
    for i, item in enumerate(items):
        at = f"{where} entry {i + 1}"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            raise ResourceError(f"{at}: every entry needs an id")
        eid = item["id"]
        names = _names_of(item, f"{at} ({eid})")
        old = gaz.registry.get(eid)
        if old is not None and not (merge and old["type"] == kind):
            raise ResourceError(f"{at}: id {eid!r} is used twice")
        if old is not None:  # a user file adds names (and roles) to a packaged entity
            for lang, ns in names.items():
                old["names"][lang] = [*old["names"].get(lang, []), *ns]
            record = old
        else:
            if not isinstance(item.get("name"), str):
                raise ResourceError(f"{at} ({eid}): a name is required")
            record = {"id": eid, "type": kind, "name": item["name"], "names": names}
            record["sector"] = item.get("sector", "")
            if "country" in item:
                record["country"] = item["country"]
            if "cameo" in item:  # the PETRARCH actor code of a generated entry ("PSEREB")
                record["cameo"] = item["cameo"]
            gaz.registry[eid] = record
        entry = Entry(kind, eid, kind, record["name"], rule, sector=record.get("sector", ""))
        for ns in names.values():
            for n in ns:
                for variant in name_variants(n) if kind == "person" else [n]:
                    gaz.add(variant, entry)
        only_it = item.get("it_only") or []
        if not isinstance(only_it, list) or not all(isinstance(n, str) and n.strip() for n in only_it):
            raise ResourceError(f"{at} ({eid}): it_only must be a list of names")
        for n in only_it:  # "Milan" the club in Italian texts, the city in English ones
            gaz.add(n, replace(entry, language="it"))
        if kind == "person":
            _load_person_extras(gaz, item, record, rule, at)


def _load_person_extras(gaz: Gazetteer, item: dict[str, Any], record: dict, rule: str, at: str) -> None:
    shorts = item.get("short")
    explicit = shorts is not None
    if shorts is None:  # the family name: first for East Asian names, else last
        parts = record["name"].replace("-", " ").split()
        first = record.get("country") in FAMILY_NAME_FIRST
        shorts = [parts[0] if first else parts[-1]] if len(parts) > 1 else []
    for short in shorts:
        gaz.add_short(short, record["id"], rule, explicit)
    roles = item.get("roles") or []
    if not isinstance(roles, list):
        raise ResourceError(f"{at}: roles must be a list")
    for role in roles:
        if not isinstance(role, dict) or not role.get("role") or not role.get("of"):
            raise ResourceError(f"{at}: every role needs 'role' and 'of'")
        tenure = Tenure(
            role["role"],
            role["of"],
            record["id"],
            _date(role.get("start"), at),
            _date(role.get("end"), at),
        )
        gaz.tenures.setdefault((tenure.role, tenure.of), []).append(tenure)
        record.setdefault("roles", []).append(
            {k: (v.isoformat() if isinstance(v, date) else v) for k, v in role.items()}
        )


def _load_places(gaz: Gazetteer, items: Any, rule: str, where: str) -> None:
    if not isinstance(items, list):
        raise ResourceError(f"{where}: expected a list of places")
    for i, item in enumerate(items):
        at = f"{where} place {i + 1}"
        if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
            raise ResourceError(f"{at}: every place needs an id and a name")
        country = item.get("country") or ""
        if country and country not in gaz.registry:
            raise ResourceError(f"{at} ({item['id']}): unknown country {country!r}")
        names = (
            _names_of(item, f"{at} ({item['id']})")
            if any(k in item for k in (*LANGUAGE_KEYS, "names"))
            else {}
        )
        gaz.places[item["id"]] = {
            "id": item["id"],
            "type": "place",
            "kind": item.get("kind", ""),
            "name": item["name"],
            "names": names,
            "country": country,
            "capital": False,
        }
        actor = gaz.registry[country] if country else None
        entry = Entry(
            "place",
            country,
            "country" if country else "place",
            actor["name"] if actor else item["name"],
            rule,
            item["id"],
            item["name"],
        )
        for ns in names.values():
            for n in ns:
                gaz.add(n, entry)
        for core in item.get("core", []):
            gaz.place_cores[normalise(core)] = item["id"]


def _load_weapons(gaz: Gazetteer, data: Any, rule: str, where: str) -> None:
    categories = data.get("categories") or {}
    items = data.get("weapons") or []
    if not isinstance(items, list):
        raise ResourceError(f"{where}: weapons must be a list")
    for i, item in enumerate(items):
        at = f"{where} weapon {i + 1}"
        if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
            raise ResourceError(f"{at}: every weapon needs an id and a name")
        category = item.get("category", "")
        if categories and category not in categories:
            raise ResourceError(f"{at} ({item['id']}): unknown category {category!r}")
        names = _names_of(item, f"{at} ({item['id']})")
        gaz.weapons[item["id"]] = {
            "id": item["id"],
            "type": "weapon",
            "name": item["name"],
            "names": names,
            "category": category,
        }
        entry = Entry("weapon", item["id"], "weapon", item["name"], rule, sector=category)
        for lang, ns in names.items():
            for n in ns:
                forms = [n]
                if not item.get("invariable"):
                    if lang == "it":
                        forms += italian_plurals(n)
                    elif lang == "en":
                        forms += english_plurals(n)
                for form in dict.fromkeys(forms):
                    gaz.add(form, entry, EXACT if case_rule(form) == EXACT else LOWER_OR_CAPITAL)


def _load_names_list(name: str) -> frozenset[str]:
    """A generated list of names (first_names.json, surnames.json, provinces.json), casefolded."""
    try:
        with path(f"{FOLDER}/{name}").open("r", encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError as e:
        raise ResourceError(f"{name} is missing: run scripts/build_resources.py") from e
    _rule(name, data)
    return frozenset(n.casefold() for n in data["names"])


def load_file(gaz: Gazetteer, data: Any, name: str, user: bool = False) -> None:
    """Load one registry file's sections (organisations, people, places, weapons)."""
    rule = _rule(name, data)
    known = {"version", "organisations", "people", "places", "weapons", "categories", "description", "source"}
    if user:
        unknown = sorted(set(data) - known)
        if unknown:
            raise ResourceError(
                f"{name}: unknown section(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
    for key, kind in NAMED_KINDS.items():
        if key in data:
            _load_named(gaz, data[key], kind, rule, name, merge=user)
    if "places" in data:
        _load_places(gaz, data["places"], rule, name)
    if "weapons" in data:
        _load_weapons(gaz, data, rule, name)


def read_user_file(file: str | Path) -> Any:
    target = Path(file)
    try:
        text = target.read_text(encoding="utf-8")
    except OSError as e:
        raise ResourceError(f"entity registry {target}: cannot be read ({e.strerror or e})") from e
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise ResourceError(f"entity registry {target}: not valid YAML: {e}") from e
    if not isinstance(data, dict):
        raise ResourceError(f"entity registry {target}: expected a mapping with version and lists")
    return data


@lru_cache(maxsize=8)
def gazetteer(extra: tuple[str, ...] = ()) -> Gazetteer:
    """Build the automaton once per process (and per set of user registry files)."""
    gaz = Gazetteer()
    _load_countries(gaz)
    _load_aliases(gaz)
    _load_demonyms(gaz)
    for file in (
        "organisations.yaml",
        "armed_groups.yaml",
        "international.yaml",
        "people.yaml",
        "places.yaml",
        "weapons.yaml",
    ):
        load_file(gaz, load_yaml(f"{FOLDER}/{file}"), file)
    _load_metonyms(gaz)
    for file in extra:
        try:
            load_file(gaz, read_user_file(file), f"user:{Path(file).name}", user=True)
        except ResourceError as e:
            message = str(e)
            if str(file) not in message:
                message = f"entity registry {file}: {message}"
            raise ResourceError(message) from e
        except (KeyError, TypeError, AttributeError) as e:
            raise ResourceError(f"entity registry {file}: malformed entry ({e!r})") from e
    roles = load_yaml(f"{FOLDER}/roles.yaml")
    _rule("roles.yaml", roles)
    gaz.roles = roles
    gaz.cues = load_yaml(f"{FOLDER}/cues.yaml")
    _rule("cues.yaml", gaz.cues)
    gaz.first_names = _load_names_list("first_names.json")
    gaz.surnames = _load_names_list("surnames.json")
    gaz.province_codes = _load_names_list("provinces.json")
    for people in gaz.tenures.values():
        people.sort(key=lambda t: t.start or date.min)
    _check(gaz)
    gaz.finish()
    if extra:
        _USER[extra] = gaz
    return gaz


_USER: dict[tuple[str, ...], Gazetteer] = {}


def user_gazetteers() -> list[Gazetteer]:
    """The gazetteers this process built with user registry files (for ``lookup``)."""
    return list(_USER.values())


def _check(gaz: Gazetteer) -> None:
    for record in gaz.registry.values():
        country = record.get("country")
        if country and country not in gaz.registry:
            raise ResourceError(f"{record['id']}: unknown country {country!r}")
    for (role, of), tenures in gaz.tenures.items():
        if of not in gaz.registry:
            raise ResourceError(f"{tenures[0].person}: role {role!r} of unknown actor {of!r}")
