"""Linking inside one article: role descriptions, short forms, place cues.

Runs after the gazetteer match (``cronaca.extract.entities``) on the same article:

- **role descriptions** — a title next to a country, seat of power or organisation
  ("il presidente russo", "il leader del Cremlino", "the North Korean leader", "Russian
  President", "President of Russia", "Russia's foreign minister", "il ministro russo
  degli Esteri") becomes a ``person`` mention of whoever held the role at the article's
  date (``roles`` in people.yaml, titles in roles.yaml); a name right after the title
  ("il presidente russo Vladimir Putin") wins over the date;
- **short forms** — a bare family name ("Kim", "Xi", "Medvedev") links to the person
  named in full in the article (the nearest before it), else to the only registry person
  with that short form, else to the one in office at the date;
- **place cues** — "regione (russa) di Kursk", "Kursk region" → the region in
  places.yaml (the city mention stays).

Names the registry does not hold are found afterwards by ``cronaca.extract.entities.unknown_names``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cronaca.extract.entities.registry import Entry, Gazetteer, normalise

ANCHOR_LABELS = {"country", "capital", "metonym", "demonym", "organisation"}
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĜĞĠĢĤĪĮİĴĶĹĻĽŁŃŅŇŌŐŒŔŖŘŚŜŞŠŢŤŪŬŮŰŲŴŶŸŹŻŽ"
_WORD = rf"(?:[{_UPPER}]\.(?=[ ][{_UPPER}])|[{_UPPER}][\w'’\-]*)"  # "J. Smith", "Jong-un"


@dataclass
class Linker:
    """Regular expressions and lexicons compiled once per gazetteer."""

    titles: dict[str, tuple[str, list[str]]]  # normalised title → (title key, role keys)
    before_demonym: re.Pattern[str]
    before_of: re.Pattern[str]
    after: re.Pattern[str]
    after_possessive: re.Pattern[str]
    split_head: re.Pattern[str]
    split_tail: re.Pattern[str]
    region_before: re.Pattern[str]
    region_after: re.Pattern[str]
    split: dict[tuple[str, str], str] = field(default_factory=dict)


def _alternation(phrases: list[str]) -> str:
    ordered = sorted({normalise(p) for p in phrases}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered)


def linker(gaz: Gazetteer) -> Linker:
    cached = getattr(gaz, "_linker", None)
    if cached is not None:
        return cached
    titles: dict[str, tuple[str, list[str]]] = {}
    split: dict[tuple[str, str], str] = {}
    for key, spec in gaz.roles["titles"].items():
        for lang in ("it", "en"):
            for title in spec.get(lang, []):
                titles[normalise(title)] = (key, list(spec["roles"]))
                for prep in (" degli ", " della ", " del ", " di "):
                    if prep in title:
                        head, _, tail = title.partition(prep)
                        split[(normalise(head), normalise(prep.strip() + " " + tail))] = normalise(title)
    alt = _alternation(list(titles))
    of = _alternation(gaz.roles["of"]).replace(r"'", r"'\s*")
    heads = _alternation([h for h, _ in split])
    tails = _alternation([t for _, t in split])
    cues = gaz.cues
    regions = [c for c in cues["place"].get("it", []) if c in ("regione", "provincia", "oblast", "distretto")]
    built = Linker(
        titles=titles,
        before_demonym=re.compile(rf"(?<![\w'])({alt})\s+$"),
        before_of=re.compile(rf"(?<![\w'])({alt})\s+(?:{of})\s*$"),
        after=re.compile(rf"^\s+({alt})(?!\w)"),
        after_possessive=re.compile(rf"^'s\s+({alt})(?!\w)"),
        split_head=re.compile(rf"(?<![\w'])({heads})\s+$"),
        split_tail=re.compile(rf"^\s+({tails})(?!\w)"),
        region_before=re.compile(
            rf"(?<![\w'])({'|'.join(map(re.escape, regions))})(?:\s+[a-zà-ù]+)?\s+(?:di|del|della|dello)\s+$"
        ),
        region_after=re.compile(
            rf"^\s+({'|'.join(re.escape(normalise(w)) for w in cues['place'].get('after', []))})(?!\w)"
        ),
        split=split,
    )
    gaz._linker = built  # type: ignore[attr-defined]
    return built


@dataclass
class Found:
    """One mention before it becomes a ``Mention``: span, label, id and value."""

    start: int
    end: int
    label: str
    entity_id: str | None
    value: dict[str, Any]
    rule: str
    entry: Entry | None = None


def when(published: Any) -> tuple[date, date] | None:
    return (published.start, published.end) if published is not None else None


# ---------------------------------------------------------------------------- roles


def _person_value(gaz: Gazetteer, pid: str, **extra: Any) -> dict[str, Any]:
    record = gaz.registry[pid]
    return {
        "name": record["name"],
        "actor": pid,
        "type": "person",
        "sector": record.get("sector", ""),
        **extra,
    }


def link_roles(
    gaz: Gazetteer, text: str, norm: str, language: str, found: list[Found], date_of
) -> list[Found]:
    """Replace anchors that a title makes a role description by the role's holder."""
    lk = linker(gaz)
    persons_at = {f.start: f for f in found if f.label == "person" and f.entity_id}
    out: list[Found] = []
    for f in found:
        if f.label not in ANCHOR_LABELS or not f.entity_id:
            out.append(f)
            continue
        span = _role_span(lk, norm, language, f)
        if span is None:
            out.append(f)
            continue
        start, end, title = span
        key, roles = lk.titles[title]
        rest = text[end : end + 3]
        after = end + (len(rest) - len(rest.lstrip(" "))) if rest[:1] == " " else -1
        named = persons_at.get(after)
        if named is not None:
            pid = named.entity_id
        elif after >= 0 and text[after : after + 1].isupper():
            out.append(f)  # a name not in the registry follows: it is the holder, left unlinked
            continue
        else:
            pid = holder(gaz, roles, f.entity_id, date_of)
        if pid is None:
            out.append(f)
            continue
        value = _person_value(gaz, pid, linked_by="role", role=key, of=f.entity_id)
        out.append(Found(start, end, "person", pid, value, "roles.yaml@" + str(gaz.roles["version"])))
    return out


def holder(gaz: Gazetteer, roles: list[str], of: str, when: tuple[date, date] | None) -> str | None:
    """The person who held the first of ``roles`` "of" an actor during ``when`` (most overlap);
    without a date, the one current holder."""
    for role in roles:
        tenures = gaz.tenures.get((role, of), [])
        if when is None:
            current = {t.person for t in tenures if t.end is None}
            if len(current) == 1:
                return current.pop()
            continue
        start, end = when
        best, overlap = None, -1
        for t in tenures:
            days = (min(end, t.end or date.max) - max(start, t.start or date.min)).days
            if days > overlap:
                best, overlap = t.person, days
        if best is not None and overlap >= 0:
            return best
    return None


def _role_span(lk: Linker, norm: str, language: str, f: Found) -> tuple[int, int, str] | None:
    before = norm[max(0, f.start - 60) : f.start]
    after = norm[f.end : f.end + 60]
    base = f.start - len(before)
    if f.label == "demonym":
        m = lk.before_demonym.search(before)
        if m:
            return base + m.start(1), f.end, _key(m.group(1))
        head, tail = lk.split_head.search(before), lk.split_tail.match(after)
        if head and tail:
            title = lk.split.get((_key(head.group(1)), _key(tail.group(1))))
            if title:
                return base + head.start(1), f.end + tail.end(1), title
    else:
        m = lk.before_of.search(before)
        if m:
            return base + m.start(1), f.end, _key(m.group(1))
    if language != "it":
        m = lk.after.match(after)
        if m:
            return f.start, f.end + m.end(1), _key(m.group(1))
        if f.label != "demonym":
            m = lk.after_possessive.match(after)
            if m:
                return f.start, f.end + m.end(1), _key(m.group(1))
    return None


def _key(matched: str) -> str:
    return " ".join(matched.split())


# ---------------------------------------------------------------------------- short forms


def link_short(
    gaz: Gazetteer, text: str, shorts: list[tuple[int, int, Entry]], found: list[Found], date_of
) -> list[Found]:
    """Person mentions for bare family names, resolved against the article and the registry."""
    persons = sorted((f.start, f.entity_id) for f in found if f.label == "person" and f.entity_id)
    out = []
    for start, end, entry in shorts:
        if re.match(rf"[ ]+{_WORD}", text[end : end + 40]) and text[end + 1 : end + 2].isupper():
            continue  # "Kim Yo-jong" when only Kim Jong Un is known: part of a longer name
        pid = _resolve_short(gaz, text[start:end], entry, persons, start, date_of)
        if pid is None:
            value = {"linked": False, "cue": "short_form", "name": text[start:end]}
            out.append(Found(start, end, "person", None, value, entry.rule))
        else:
            out.append(
                Found(start, end, "person", pid, _person_value(gaz, pid, linked_by="short_form"), entry.rule)
            )
    return out


def _resolve_short(gaz, written, entry, persons, at, date_of) -> str | None:
    ids = set(entry.people)
    earlier = [pid for s, pid in persons if s < at and pid in ids]
    if earlier:
        return earlier[-1]
    anywhere = [pid for _, pid in persons if pid in ids]
    if anywhere:
        return anywhere[0]
    if len(ids) == 1:
        pid = next(iter(ids))
        if entry.sector == "explicit" or (len(written) >= 4 and written.casefold() not in gaz.first_names):
            return pid
    if date_of is not None:
        start, end = date_of
        office = {
            t.person
            for tenures in gaz.tenures.values()
            for t in tenures
            if t.person in ids and (t.start or date.min) <= end and start <= (t.end or date.max)
        }
        if len(office) == 1:
            return office.pop()
    return None


# ---------------------------------------------------------------------------- places


def link_places(gaz: Gazetteer, text: str, norm: str, found: list[Found]) -> list[Found]:
    """Regions named by a cue around a city or place core: "regione russa di Kursk", "Kursk region"."""
    lk = linker(gaz)
    out = []
    for f in found:
        if f.label not in ("city", "capital", "place"):
            continue
        core = gaz.place_cores.get(norm[f.start : f.end])
        before = norm[max(0, f.start - 40) : f.start]
        m = lk.region_before.search(before)
        a = lk.region_after.match(norm[f.end : f.end + 20])
        if not m and not a:
            continue
        start = f.start - len(before) + m.start(1) if m else f.start
        end = f.end + a.end(1) if a else f.end
        cue = _key(m.group(1)) if m else _key(a.group(1))
        if core:
            record = gaz.places[core]
            value = {
                "name": record["name"],
                "actor": record["country"],
                "type": "place",
                "sector": "",
                "place_id": core,
                "place_name": record["name"],
            }
            out.append(Found(start, end, "place", core, value, "places.yaml@1"))
        else:
            value = {"linked": False, "cue": cue, "actor": f.value.get("actor", "")}
            out.append(Found(start, end, "place", None, value, "cues.yaml@" + str(gaz.cues["version"])))
    return out


# ---------------------------------------------------------------------------- sites

_CAPITAL_NEXT = re.compile(rf" {_WORD}")
_SITE_GAP = re.compile(r"[\s,]*(?:e|ed|o|and|or|,)[\s]+$")


def read_sites(gaz: Gazetteer, norm: str, found: list[Found]) -> list[Found]:
    """A platform read as the place where something is published ("su Facebook", "sul suo
    profilo Instagram", "via Twitter", "on YouTube"), not as the company: label ``website``,
    same id and value. ``sites`` in cues.yaml lists the platforms (organisation ids) and the
    words that make the reading; a platform coordinated with one so read is read alike ("su
    Facebook e Twitter")."""
    spec = gaz.cues.get("sites") or {}
    platforms = frozenset(spec.get("organisations") or ())
    if not platforms:
        return found
    pattern = _site_pattern(gaz, spec)
    out: list[Found] = []
    last_site = -1
    for f in found:
        if f.label == "organisation" and f.entity_id in platforms:
            before = norm[max(0, f.start - 40) : f.start]
            coordinated = last_site >= 0 and _SITE_GAP.fullmatch(norm[last_site : f.start]) is not None
            if coordinated or pattern.search(before):
                f = Found(f.start, f.end, "website", f.entity_id, dict(f.value), f.rule, f.entry)
                last_site = f.end
        out.append(f)
    return out


def _site_pattern(gaz: Gazetteer, spec: dict[str, Any]) -> re.Pattern[str]:
    cached = getattr(gaz, "_site_pattern", None)
    if cached is None:
        words = [w for lang in ("it", "en") for w in (spec.get("before") or {}).get(lang, [])]
        cached = re.compile(rf"(?<![\w'])(?:{_alternation(words)})(?:\s+di)?\s+$")
        gaz._site_pattern = cached  # type: ignore[attr-defined]
    return cached


# ---------------------------------------------------------------------------- clubs


def read_clubs(gaz: Gazetteer, text: str, norm: str, language: str, found: list[Found]) -> list[Found]:
    """Italian: a town after a masculine article is its football club ("il Napoli", "del
    Livorno", "al Torino"): a town is feminine and takes no article ("a Napoli", "di
    Livorno"). The mention becomes an unlinked ``organisation`` (cue ``club``) that keeps the
    town in ``value``. ``clubs`` in cues.yaml lists the articles."""
    spec = (gaz.cues.get("clubs") or {}).get(language if language else "it")
    if not spec or language not in ("it", ""):
        return found
    articles, places = _club_words(gaz, spec)
    out: list[Found] = []
    for f in found:
        if (
            f.label == "city"
            and f.start >= 2
            and norm[f.start - 1] == " "
            and not _CAPITAL_NEXT.match(text, f.end)
        ):
            before = norm[max(0, f.start - 40) : f.start - 1].split(" ")
            # "piazza del Campidoglio": a place head before the article names a place;
            # "Cardiff City", "Columbus Day": a longer name
            if before[-1] in articles and not (len(before) > 1 and before[-2] in places):
                value = {
                    "linked": False,
                    "cue": "club",
                    "place_id": f.value.get("place_id", ""),
                    "place_name": f.value.get("place_name", ""),
                }
                f = Found(
                    f.start, f.end, "organisation", None, value, "cues.yaml@" + str(gaz.cues["version"])
                )
        out.append(f)
    return out


def _club_words(gaz: Gazetteer, spec: dict[str, Any]) -> tuple[frozenset[str], frozenset[str]]:
    """The articles and the place words of ``clubs``, compiled once per gazetteer."""
    cached = getattr(gaz, "_club_words", None)
    if cached is None:
        heads = ((gaz.cues.get("names") or {}).get("lowercase_place_heads") or {}).get("it", [])
        cached = (
            frozenset(normalise(a) for a in spec.get("articles", [])),
            frozenset(normalise(w) for w in [*heads, *spec.get("not_after", [])]),
        )
        gaz._club_words = cached  # type: ignore[attr-defined]
    return cached


# ---------------------------------------------------------------------------- teams

_SCORE = re.compile(r"\s*\d{1,3}\s?[-–:]\s?\d{1,3}\b")
_DASH = re.compile(r"\s?[-–]\s?")


def read_matches(gaz: Gazetteer, text: str, norm: str, found: list[Found]) -> list[Found]:
    """Two countries or towns joined by a dash are the teams of a match when a word of a
    match stands before them or a score follows ("la partita Italia - Francia", "Bulgaria -
    Germania 0-3"; ``teams`` in cues.yaml): unlinked ``organisation`` mentions (cue ``team``)
    that keep the place. A line or a border stays places ("la linea Roma - Cassino",
    "tensione Usa - Cina")."""
    words = getattr(gaz, "_team_words", None)
    if words is None:
        spec = gaz.cues.get("teams") or {}
        words = frozenset(normalise(w) for lang in ("it", "en") for w in spec.get(lang) or [])
        gaz._team_words = words  # type: ignore[attr-defined]
    if not words:
        return found
    places = ("country", "city", "capital")
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.label not in places or b.label not in places or not _DASH.fullmatch(text[a.end : b.start]):
            continue
        before = norm[max(0, a.start - 40) : a.start].split()[-3:]
        if not (_SCORE.match(text, b.end) or any(w in words for w in before)):
            continue
        for j in (i, i + 1):
            f = out[j]
            value = {"linked": False, "cue": "team", "actor": f.value.get("actor", "")}
            if f.value.get("place_id"):
                value["place_id"] = f.value["place_id"]
            out[j] = Found(
                f.start, f.end, "organisation", None, value, "cues.yaml@" + str(gaz.cues["version"])
            )
    return out


# ---------------------------------------------------------------------------- products

_INDEFINITE = re.compile(r"(?<![\w'])(?:un|una|uno|un')\s?$")


def read_products(norm: str, language: str, found: list[Found]) -> list[Found]:
    """Italian: a company after an indefinite article is one of its products ("una Peugeot
    206", "un Boeing 777", "un'Alfa Romeo"): label ``product``, same id and value; "la
    Peugeot ha annunciato" stays the company."""
    if language not in ("it", ""):
        return found
    out = []
    for f in found:
        if (
            f.label == "organisation"
            and f.entity_id
            and f.value.get("sector") == "commercial"
            and _INDEFINITE.search(norm, max(0, f.start - 5), f.start)
        ):
            f = Found(f.start, f.end, "product", f.entity_id, dict(f.value), f.rule, f.entry)
        out.append(f)
    return out
