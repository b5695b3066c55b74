"""Linking inside one article: role descriptions, short forms, place cues, unlinked names.

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
  places.yaml (the city mention stays);
- **unlinked names** — capitalised names after a title or kind word ("il ministro degli
  Esteri Mario Bianchi", "l'agenzia Xyz", "il villaggio di Novoselivka"), or starting with
  a known first name, or alone on a line (a byline): ``person`` / ``organisation`` /
  ``place`` mentions with ``entity_id`` None and ``value = {"linked": False, "cue": ...}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cronaca.extract.registry import Entry, Gazetteer, holder, normalise

ANCHOR_LABELS = {"country", "capital", "metonym", "demonym", "organisation"}
_PUNCT_STOP = set('.,;:!?()[]{}"—–«»“”')
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
    cues: dict[str, dict[str, str]]  # class → normalised cue → cue as written in cues.yaml
    between: frozenset[str]
    titles_only: frozenset[str]
    first_names: frozenset[str]
    name: re.Pattern[str]
    region_before: re.Pattern[str]
    region_after: re.Pattern[str]
    split: dict[tuple[str, str], str] = field(default_factory=dict)
    lead: frozenset[str] = frozenset()  # capitalised title words before a name: "Foreign Minister"


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
    by_class = {
        kind: {normalise(c): c for lang in ("it", "en") for c in cues[kind].get(lang, [])}
        for kind in ("person", "organisation", "place")
    }
    particles = "|".join(re.escape(p) for p in cues.get("particles", []))
    exclude = {n.casefold() for n in cues.get("first_names_exclude", [])}
    regions = [c for c in cues["place"].get("it", []) if c in ("regione", "provincia", "oblast", "distretto")]
    built = Linker(
        titles=titles,
        before_demonym=re.compile(rf"(?<![\w'])({alt})\s+$"),
        before_of=re.compile(rf"(?<![\w'])({alt})\s+(?:{of})\s*$"),
        after=re.compile(rf"^\s+({alt})(?!\w)"),
        after_possessive=re.compile(rf"^'s\s+({alt})(?!\w)"),
        split_head=re.compile(rf"(?<![\w'])({heads})\s+$"),
        split_tail=re.compile(rf"^\s+({tails})(?!\w)"),
        cues=by_class,
        between=frozenset(normalise(w) for w in cues["person"].get("between", [])),
        titles_only=frozenset(normalise(w) for w in cues["person"].get("titles_only", [])),
        first_names=frozenset(n for n in gaz.first_names if n not in exclude),
        name=re.compile(rf"(?<![\w\-]){_WORD}(?:[ ](?:(?:{particles})[ ])?{_WORD}){{0,3}}"),
        region_before=re.compile(
            rf"(?<![\w'])({'|'.join(map(re.escape, regions))})(?:\s+[a-zà-ù]+)?\s+(?:di|del|della|dello)\s+$"
        ),
        region_after=re.compile(
            rf"^\s+({'|'.join(re.escape(normalise(w)) for w in cues['place'].get('after', []))})(?!\w)"
        ),
        split=split,
        lead=frozenset(
            w
            for kind in by_class.values()
            for cue in kind
            for w in cue.split()
            if w not in ("di", "del", "della", "of", "the")
        )
        | frozenset(normalise(w) for w in cues["person"].get("between", [])),
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


# ---------------------------------------------------------------------------- unlinked names


def find_unlinked(gaz: Gazetteer, text: str, norm: str, found: list[Found]) -> list[Found]:
    """People, organisations and places the registry does not know, from cues and first names."""
    lk = linker(gaz)
    mask = bytearray(len(text))
    for f in found:
        mask[f.start : f.end] = b"\x01" * (f.end - f.start)
    rule = "cues.yaml@" + str(gaz.cues["version"])
    surnames: dict[str, str] = {}
    out: list[Found] = []
    for m in lk.name.finditer(text):
        start, end = m.start(), m.end()
        covered = mask.find(1, start, end)
        if covered == start:
            continue
        if covered != -1:
            end = text.rfind(" ", start, covered)
            if end <= start:
                continue
        name = text[start:end].rstrip(".")
        words = name.split()
        while len(words) > 1 and normalise(words[0]) in lk.lead:  # "Foreign Minister Penny Wong"
            start += len(words[0]) + 1
            words = words[1:]
        if normalise(words[0]) in lk.lead:
            continue  # "degli Esteri", "della Difesa": part of a title
        name = " ".join(words)
        end = start + len(name)
        kind, cue = _cue_before(lk, norm, mask, start)
        if kind is None:
            if 2 <= len(words) <= 4 and _alone_on_line(text, start, end):
                kind, cue = "person", "byline"
            elif len(words) >= 2 and words[0].casefold() in lk.first_names:
                kind, cue = "person", "first_name"
            elif len(words) == 1 and len(name) >= 3 and name in surnames:
                kind, cue = "person", "short_form"
        if kind is None:
            continue
        value: dict[str, Any] = {"linked": False, "cue": cue}
        if kind == "person" and cue == "short_form":
            value["name"] = surnames[name]
        if kind == "person" and len(words) >= 2 and words[-1].casefold() not in _NOT_SURNAMES:
            surnames.setdefault(words[-1], name)
        out.append(Found(start, end, kind, None, value, rule))
        mask[start:end] = b"\x01" * (end - start)
    return out


def _alone_on_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip(" .")


_NOT_SURNAMES = frozenset(
    "il lo la le gli un uno una per con dal dalla nel nella sul sulla e ma se che the a an and but "
    "in on of for to by at it he she they".split()
)
_TOKEN = re.compile(r"[\w.']+|[^\w\s]")


def _cue_before(lk: Linker, norm: str, mask: bytearray, start: int) -> tuple[str | None, str]:
    """The cue class and cue word in up to six words before ``start`` (no punctuation between)."""
    lo = max(0, start - 80)
    window = norm[lo:start]
    tokens = [(lo + t.start(), lo + t.end(), t.group()) for t in _TOKEN.finditer(window)]
    skipped = 0
    for i in range(len(tokens) - 1, -1, -1):
        s, e, word = tokens[i]
        if word in _PUNCT_STOP:
            return None, ""
        for n in (3, 2, 1):
            if i - n + 1 < 0:
                continue
            phrase = " ".join(t[2] for t in tokens[i - n + 1 : i + 1])
            bare = phrase.split("'")[-1] if "'" in phrase else phrase  # "l'agenzia" → "agenzia"
            for kind in ("person", "organisation", "place"):
                cue = lk.cues[kind].get(phrase) or lk.cues[kind].get(bare)
                if cue and (kind != "place" or skipped <= 1):
                    return kind, cue
        if word in lk.between or word.split("'")[-1] in lk.between or mask[s] or mask.find(1, s, e) != -1:
            skipped += 1
            if skipped > 5:
                return None, ""
            continue
        if word in ("di", "del", "della", "dello", "of", "stampa", "news"):
            skipped += 1
            continue
        return None, ""
    return None, ""
