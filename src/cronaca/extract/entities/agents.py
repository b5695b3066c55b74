"""Generic agents as actors: "la polizia", "i ribelli", "the army", "Syrian rebels".

Unnamed groups and institutions are how the news names half of its actors. Each agent
phrase (``resources/entities/agents.<lang>.yaml``: written by hand for Italian, generated
from PETRARCH-2's ``Phoenix.agents.txt`` for English) has a CAMEO sector code and a family
id (``agent:police``, ``agent:rebels``; ``agents.yaml`` maps codes to sectors and ids).

The country comes from the words next to it: a demonym right after the noun in Italian
("l'esercito congolese", "i ribelli siriani"), right before it in English ("the Israeli
army", "Syrian rebels"), a country's possessive ("Israel's army") or "di/of" + a country,
capital or city ("il governo di Kiev"). A state agent (government, military, police,
intelligence, judiciary, legislature) with a country *is* that country's actor, as
"soldati nordcoreani" is ``PRK``: with a demonym, the demonym stays the actor and takes the
agent's sector ("the Israeli army" → ``ISR``, sector ``military``; the roles engine reads a
demonym on an object noun); with "di + country" or a possessive, the agent's id is the
country's (``UKR``, sector ``government``). A non-state agent keeps its family id with the
country after it (``agent:rebels:SYR``), so that rebels are never taken for their state.

Institutions ("la polizia", "il governo") are labelled ``organisation``, people named by what
they are ("i manifestanti") ``agent``; both carry ``entity_id`` so the event engine takes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cronaca.errors import ResourceError
from cronaca.extract.entities.linking import Found
from cronaca.extract.entities.registry import normalise
from cronaca.extract.patterns import trie_alternation
from cronaca.extract.sentence_view import lemma
from cronaca.resources import load_yaml

FOLDER = "entities"
LANGUAGES = ("it", "en")
COUNTRY_LABELS = ("country", "capital", "city", "metonym")


def _owner(f: Found) -> str:
    """The country a mention stands for when it owns an agent: a country, capital, city or
    seat of power ("il governo di Kiev"), or a person with a country ("Assad's forces")."""
    if f.label in COUNTRY_LABELS or f.label == "demonym":
        return str(f.value.get("actor") or "")
    if f.label == "person" and f.entity_id:
        return str(f.value.get("country") or "")
    return ""


STATE_TYPES = ("country",)


@dataclass(frozen=True)
class Agent:
    """One written form of a generic agent."""

    id: str  # family id: agent:police
    code: str  # CAMEO sector code: COP
    sector: str  # cronaca's sector word: police
    state: bool
    label: str  # organisation | agent
    name: str  # the family's English name: police
    rule: str  # agents.it.yaml@1
    owned: bool = False  # read only with an owner next to it ("le forze di Assad")


@dataclass(frozen=True)
class Lexicon:
    """Every agent form of one language, as one regular expression, and the rules of use."""

    pattern: re.Pattern[str] | None
    forms: dict[str, Agent]
    modifiers: frozenset[str]
    follow: frozenset[str]
    before_group: frozenset[str]
    families: dict[str, dict[str, Any]]
    titles: frozenset[str] = frozenset()
    needs_article: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()


def sectors() -> dict[str, dict[str, Any]]:
    return _shared()["sectors"]


@lru_cache(maxsize=1)
def _shared() -> dict[str, Any]:
    data = load_yaml(f"{FOLDER}/agents.yaml")
    if not isinstance(data, dict) or "version" not in data or not isinstance(data.get("sectors"), dict):
        raise ResourceError("agents.yaml: needs a version and a sectors mapping")
    return data


def families() -> dict[str, dict[str, Any]]:
    """Every agent family id → {id, type, name, sector, cameo}: the records ``lookup`` returns."""
    out: dict[str, dict[str, Any]] = {}
    shared = _shared()
    for code, spec in shared["sectors"].items():
        out[spec["id"]] = _record(spec["id"], spec["id"].split(":", 1)[1], code, spec)
    for fid, spec in (shared.get("families") or {}).items():
        code = spec["sector"]
        out[fid] = _record(fid, spec.get("name", fid.split(":", 1)[1]), code, shared["sectors"][code])
    return out


def _record(fid: str, name: str, code: str, spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": fid,
        "type": "agent",
        "name": name,
        "sector": spec["sector"],
        "cameo": code,
        "state": bool(spec.get("state")),
    }


def record(entity_id: str, countries: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The record of an agent id, with or without its country: ``agent:rebels:SYR``."""
    if not entity_id.startswith("agent:"):
        return None
    fid, _, country = entity_id.partition(":")[2].partition(":")
    base = families().get(f"agent:{fid}")
    if base is None or (country and country not in countries):
        return None
    if not country:
        return dict(base)
    return {
        **base,
        "id": entity_id,
        "country": country,
        "name": f"{base['name']} ({countries[country]['name']})",
        "cameo": f"{country}{base['cameo']}",
    }


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Office words shared by all languages ("minister", "presidente"): after them an agent is
    part of a title, before a name they introduce a person (titled_people)."""
    return frozenset(normalise(w) for w in _shared().get("titles", []))


@lru_cache(maxsize=4)  # built once per language: the alternation of every agent form
def lexicon(language: str) -> Lexicon:
    shared = _shared()
    fams = families()
    name = f"agents.{language}.yaml"
    try:
        data = load_yaml(f"{FOLDER}/{name}")
    except FileNotFoundError:
        return Lexicon(None, {}, frozenset(), frozenset(), frozenset(), fams)
    if not isinstance(data, dict) or "version" not in data:
        raise ResourceError(f"{name} has no version field")
    rule = f"{name}@{data['version']}"
    forms: dict[str, Agent] = {}
    for i, item in enumerate(data.get("agents") or []):
        code = item.get("sector", "")
        spec = shared["sectors"].get(code)
        if spec is None:
            raise ResourceError(f"{name} entry {i + 1}: unknown sector code {code!r} (see agents.yaml)")
        fid = item.get("id") or spec["id"]
        if fid not in fams:
            raise ResourceError(f"{name} entry {i + 1}: unknown agent id {fid!r} (see agents.yaml)")
        label = item.get("label", "agent")
        if label not in ("organisation", "agent"):
            raise ResourceError(f"{name} entry {i + 1}: label must be organisation or agent")
        agent = Agent(fid, code, spec["sector"], bool(spec.get("state")), label, fams[fid]["name"], rule)
        for form in item.get(language) or []:
            if not isinstance(form, str) or not form.strip():
                raise ResourceError(f"{name} entry {i + 1}: every form must be a string (quote numbers)")
            forms.setdefault(normalise(form), agent)
    # forms a generated list lacks, read with it ("the opposition": PETRARCH-2 has only "main
    # opposition", "exiled opposition" …); `extra` in agents.yaml, by sector code
    heads = frozenset(normalise(w) for w in (shared.get(language) or {}).get("institution_heads", []))
    for code, extra in ((shared.get("extra") or {}).get(language) or {}).items():
        spec = shared["sectors"][code]
        for form in extra:
            label = "organisation" if normalise(str(form)).split()[-1] in heads else "agent"
            agent = Agent(
                spec["id"],
                code,
                spec["sector"],
                bool(spec.get("state")),
                label,
                fams[spec["id"]]["name"],
                "agents.yaml@" + str(shared["version"]),
            )
            forms.setdefault(normalise(str(form)), agent)
    mil = shared["sectors"]["MIL"]
    for form in (shared.get("owned") or {}).get(language, []):
        owned = Agent(mil["id"], "MIL", mil["sector"], True, "agent", fams[mil["id"]]["name"], rule, True)
        forms.setdefault(normalise(str(form)), owned)
    if not forms:
        return Lexicon(None, {}, frozenset(), frozenset(), frozenset(), fams)
    # a trie finds what the alternation of the forms (longest first) finds, faster
    pattern = re.compile(rf"(?<!\w)(?:{trie_alternation(forms)})(?!\w)")
    rules = shared.get(language) or {}
    return Lexicon(
        pattern,
        forms,
        frozenset(normalise(w) for w in rules.get("modifiers", [])),
        frozenset(normalise(w) for w in rules.get("follow", [])),
        frozenset(normalise(w) for w in rules.get("before_group", [])),
        fams,
        titles(),
        frozenset(normalise(w) for w in rules.get("needs_article", [])),
        frozenset(normalise(w) for w in rules.get("articles", [])),
    )


# ---------------------------------------------------------------------------- finding

_WORD = re.compile(r"\s*([\w'’]+|[^\w\s])")
_PREV_WORD = re.compile(r"([\w'’]+|[^\w\s])\s*$")
_DI = frozenset({"di", "d'"})
_POSSESSIVES = frozenset(
    {
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "your",
        "suo",
        "sua",
        "suoi",
        "sue",
        "loro",
        "proprio",
        "propria",
        "propri",
        "proprie",
        "nostro",
        "nostra",
        "nostri",
        "nostre",
    }
)
_GENITIVE_IT = frozenset({"di", "del", "della", "dello", "dell'", "dei", "degli", "delle", "d'"})


def find_agents(
    gaz: Any,
    text: str,
    norm: str,
    language: str,
    found: list[Found],
    adjectives: frozenset[str] = frozenset(),
) -> list[Found]:
    """``found`` plus the generic agents of the text; demonyms an agent absorbs are removed."""
    langs = (language,) if language in LANGUAGES else LANGUAGES
    for f in found:  # a person's country, for "Assad's forces", "le forze di Assad"
        if f.label == "person" and f.entity_id and f.entity_id in gaz.registry:
            country = gaz.registry[f.entity_id].get("country")
            if country:
                f.value.setdefault("country", country)
    taken = sorted((f.start, f.end) for f in found)
    by_start = {f.start: f for f in found}
    by_end = {f.end: f for f in found}
    drop: set[int] = set()
    out: list[Found] = []
    for lang in langs:
        lex = lexicon(lang)
        if lex.pattern is None:
            continue
        for m in lex.pattern.finditer(norm):
            start, end = m.span()
            if _overlaps(taken, start, end):
                continue
            written = text[start:end]
            if not (written.islower() or written[:1].isupper()):
                continue
            agent = lex.forms[m.group(0)]
            if lang == "it" and agent.label == "organisation":
                continue  # named by unknown_names (its spans are KIND's), linked by link_institutions
            f = _agent(gaz, text, norm, lang, lex, agent, start, end, by_start, by_end, drop, adjectives)
            if f is not None:
                out.append(f)
                taken.append((f.start, f.end))
                taken.sort()
    kept = [f for f in found if id(f) not in drop]
    return kept + out


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in taken)


def _agent(
    gaz: Any,
    text: str,
    norm: str,
    lang: str,
    lex: Lexicon,
    agent: Agent,
    start: int,
    end: int,
    by_start: dict[int, Found],
    by_end: dict[int, Found],
    drop: set[int],
    adjectives: frozenset[str],
) -> Found | None:
    before = _PREV_WORD.search(norm, max(0, start - 80), start)
    prev = before.group(1).replace("’", "'") if before else ""
    if prev in _QUOTES and before is not None:  # 'Lai as a "separatist"'
        earlier = _PREV_WORD.search(norm, max(0, before.start(1) - 80), before.start(1))
        prev = earlier.group(1).replace("’", "'") if earlier else ""
    if prev in _POSSESSIVES:
        return None  # "its troops", "le sue truppe": the subject's own forces, no actor of their own
    if _after_title(norm, start, lex.titles):
        return None  # "the head of the army", "il capo dell'esercito": one person's title
    if prev in _INDEFINITE and norm[start:end].split()[-1] not in _COLLECTIVE:
        return None  # "depicted him as a separatist", "un giudice": one person described
    if lang == "it" and agent.label == "organisation" and prev in _DI:
        return None  # "agenti di polizia", "colpo di stato"
    if lang == "it" and prev[:1].isalpha() and prev not in lex.before_group:
        return None  # an adjective after its noun: "comandanti militari", "vittime civili"
    if lang == "en":
        after = _WORD.match(norm, end)
        nxt = after.group(1) if after else ""
        if norm[start:end] in lex.modifiers and nxt and nxt not in lex.follow and not _verb_form(nxt):
            return None  # "military aid", "police station"
        if text[start].isupper() and _inside_name(text, norm, start, by_end):
            return None  # inside a name: "Free Syrian Army", "Irish Republican Army"
    if lang == "en" and not _plural_en(norm[start:end]) and _next_capitalised(text, end):
        return None  # a title before a name: "Judge Alejandro Rivera"
    group = _named_group(text, norm, lang, start, end, by_start, by_end)
    if group is not None:  # "M23 rebels", "NATO troops", "i miliziani di Hamas": the group itself
        value = {**group.value, "sector": agent.sector, "cameo": agent.code, "agent": agent.id}
        return Found(start, end, agent.label, group.entity_id, value, agent.rule)
    country: Found | None = None
    span_start, span_end = start, end
    bare = lang == "en" and norm[start:end] in lex.needs_article and prev not in lex.articles
    if lang == "it":
        span_end, country = _country_after_it(text, norm, end, by_start, adjectives, agent)
    else:
        country, span_start = _country_before_en(text, norm, start, by_end)
        if country is None and (agent.label == "organisation" or agent.owned):
            country = _country_of_en(norm, end, by_start)
        if bare and country is None and not _sentence_start(text, start):
            return None  # "joint army, navy and air force exercises": a modifier, not the army
    local = agent.label == "agent" and agent.sector not in PLACE_NOT_ORIGIN
    if country is None and not agent.state and local:
        # "Rebels in the Ivory Coast", "i manifestanti a Tbilisi": where a non-state group acts is
        # its country; its own mention stays (a state's troops in a country are not its army)
        country = _country_in(norm, span_end, by_start, lang)
    if country is not None and country.label == "person" and not agent.state:
        country = None  # a person owns a state's forces ("Assad's army"), not rebels
    if agent.owned and country is None:
        return None  # "le forze politiche", "join forces": no owner, no agent
    if (
        country is not None
        and agent.state
        and (agent.label == "agent" or country.label == "demonym")
        and not (agent.owned and country.label != "demonym")  # "le forze di Assad" → SYR
    ):
        if country.label == "demonym":  # "soldati nordcoreani", "the Israeli army": the demonym
            country.value["sector"] = agent.sector  # stays the actor, with the agent's sector
            country.value["cameo"] = agent.code
        return None  # "le truppe dell'Ucraina", "US officials": the country's own mention is the actor
    cid = _owner(country) if country is not None else ""
    value = _value(gaz, agent, cid)
    entity_id = value["actor"]
    if country is not None and country.label == "demonym":
        drop.add(id(country))  # the demonym is inside the agent's span: one mention
    elif country is not None and span_start == country.start:
        drop.add(id(country))  # "US officials": the country is the agent's modifier
    elif (
        country is not None
        and country.label in COUNTRY_LABELS
        and (country.label in TOWN_LABELS if lang == "en" else not agent.state)
    ):
        country.value["names"] = value["actor"]  # "il tribunale di Roma", "a Rome court": Rome names it
    return Found(span_start, span_end, agent.label, entity_id, value, agent.rule)


_INDEFINITE = frozenset({"a", "an", "un", "una", "uno", "un'"})
_QUOTES = frozenset({'"', "'", "«", "“", "‘"})


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\n\"'«“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?:;"


_OF = re.compile(r"(\w+)\s+(?:of\s+(?:the\s+)?|d(?:i|el|ella|ello|ei|egli|elle)\s+|dell')$")


# singular nouns that name a group, an agent even after "a"/"un": "a militia", "un gruppo armato"
_COLLECTIVE = frozenset(
    {
        "group",
        "militia",
        "gang",
        "force",
        "army",
        "unit",
        "squad",
        "brigade",
        "battalion",
        "faction",
        "movement",
        "armato",
        "ribelle",
        "milizia",
        "guerriglia",
        "banda",
        "fazione",
        "esercito",
    }
)


def _after_title(norm: str, start: int, titles: frozenset[str]) -> bool:
    m = _OF.search(norm, max(0, start - 40), start)
    return bool(m) and m.group(1) in titles


_OF_IT = re.compile(r"\s+(?:(?:di|del|della|dello|dei|degli|delle)\s+|dell'|dell’)?")


def _plural_en(form: str) -> bool:
    last = form.split()[-1]
    return last.endswith(("s", "men")) or last in ("police", "military", "intelligence")


def _next_capitalised(text: str, end: int) -> bool:
    m = re.match(r" ([A-Z][a-z]+)", text[end : end + 30])
    return bool(m)


def _named_group(
    text: str,
    norm: str,
    lang: str,
    start: int,
    end: int,
    by_start: dict[int, Found],
    by_end: dict[int, Found],
) -> Found | None:
    """A named organisation the group noun belongs to: before it in English ("M23 rebels",
    "Hamas militants", "Rwanda-backed M23 rebels"), after it in Italian ("i ribelli dell'M23",
    "i miliziani di Hamas", "i miliziani Houthi")."""
    if lang == "en":
        m = _PREV_WORD.search(norm, max(0, start - 80), start)
        f = by_end.get(m.end(1)) if m and start - m.end(1) <= 1 else None
    else:
        m = _OF_IT.match(norm, end)
        f = by_start.get(m.end()) if m else None
    if f is not None and f.label == "organisation" and f.entity_id:
        return f
    return None


def _verb_form(word: str) -> bool:
    """A past or -ing form: "fired", "firing", and irregular ones simplemma lemmatises
    ("struck" → strike, "took" → take); a word in -s is left alone (plural noun or verb)."""
    if len(word) > 4 and word.endswith(("ed", "ing")):
        return True
    return not word.endswith("s") and lemma(word, "en") not in (word, "")


def _inside_name(text: str, norm: str, start: int, by_end: dict[int, Found]) -> bool:
    """A capitalised agent after a capitalised word that is no sentence start ("Free Syrian
    Army"); a demonym or country right before is skipped over ("the Israeli Army")."""
    at = start
    for _ in range(2):
        m = _PREV_WORD.search(norm, max(0, at - 80), at)
        if not m or not m.group(1)[:1].isalpha() or at - m.end(1) > 1:
            return False
        if not text[m.start(1)].isupper():
            return False
        f = by_end.get(m.end(1))
        if f is None or f.label not in ("demonym", "country"):
            before = _PREV_WORD.search(norm, max(0, m.start(1) - 80), m.start(1))
            return bool(before) and before.group(1) not in (".", "!", "?", ":", '"')
        at = f.start
    return False


def _country_after_it(
    text: str, norm: str, end: int, by_start: dict[int, Found], adjectives: frozenset[str], agent: Agent
) -> tuple[int, Found | None]:
    """The span end with the adjectives after the noun, and a demonym or "di + country"."""
    from cronaca.extract.entities.name_lexicon import stem

    span_end = end
    for _ in range(3):
        m = _WORD.match(norm, span_end)
        if not m or not m.group(1)[:1].isalpha():
            break
        at = m.start(1)
        f = by_start.get(at)
        if f is not None and f.label == "demonym":
            return f.end, f
        if f is None and text[at].islower() and stem(m.group(1)) in adjectives:
            span_end = m.end(1)
            continue
        word = m.group(1).replace("’", "'")
        elided = word.find("'")
        nxt = None
        if elided > 0 and word[: elided + 1] in _GENITIVE_IT:  # "dell'Ucraina"
            g = by_start.get(m.start(1) + elided + 1)
        elif word in _GENITIVE_IT:
            nxt = _WORD.match(norm, m.end(1))
            g = by_start.get(nxt.start(1)) if nxt else None
        else:
            g = None
        if g is not None and _owner(g):
            return span_end, g
        if nxt is not None and g is None and text[nxt.start(1)].isupper():
            span_end = nxt.end(1)  # "il ministero della Difesa | di Taipei": past the office's name
            continue
        break
    return span_end, None


BEFORE_AGENT = frozenset({"demonym", "country", "capital", "city"})
TOWN_LABELS = frozenset({"capital", "city"})


def _country_before_en(
    text: str, norm: str, start: int, by_end: dict[int, Found]
) -> tuple[Found | None, int]:
    """A demonym, country or town right before the agent ("Syrian rebels", "the Israeli army",
    "a Rome court", "Kabul police"), or a country's possessive ("Israel's army")."""
    m = _PREV_WORD.search(norm, max(0, start - 80), start)
    if not m:
        return None, start
    f = by_end.get(m.end(1))
    if f is not None and f.label in BEFORE_AGENT and text[f.start - 1 : f.start] != "-":
        # "Syrian rebels", "US officials" are one mention; a town keeps its own ("a Rome court":
        # Rome stays a place that names the court); not "anti-Syria journalists"
        return f, (start if f.label in TOWN_LABELS else f.start)
    at = start
    for _ in range(4):  # "Israel's army", "Algeria's leading human rights activist"
        m = _PREV_WORD.search(norm, max(0, at - 80), at)
        if not m:
            break
        word = m.group(1)
        if word.endswith(("'s", "’s")) or word in ("'s", "’s"):
            g = by_end.get(m.end(1) - 2)
            if g is not None and _owner(g):
                return g, start
            break
        if not word.isalpha() or not text[m.start(1)].islower():
            break
        at = m.start(1)
    return None, start


_OF_EN = re.compile(r"\s+of\s+(?:the\s+)?")


# where refugees and migrants are is not where they come from
PLACE_NOT_ORIGIN = frozenset({"refugee"})
_IN = {
    "en": re.compile(r"\s+in\s+(?:the\s+)?"),
    "it": re.compile(r"\s+(?:in|a|nel|nella|nello|negli|nelle|nell')\s*"),
}


def _country_in(norm: str, end: int, by_start: dict[int, Found], lang: str) -> Found | None:
    """A country, capital or city right after "in"/"a": "rebels in Syria", "i ribelli nella
    Repubblica Centrafricana", "demonstrators in Baghdad"."""
    pattern = _IN.get(lang)
    m = pattern.match(norm, end) if pattern is not None else None
    if not m:
        return None
    g = by_start.get(m.end())
    return g if g is not None and g.label in COUNTRY_LABELS and _owner(g) else None


def _country_of_en(norm: str, end: int, by_start: dict[int, Found]) -> Found | None:
    """ "the army of Israel", "the government of Sudan", "the forces of President Assad"
    (up to two title words before a person)."""
    m = _OF_EN.match(norm, end)
    if not m:
        return None
    at = m.end()
    for hop in range(3):
        g = by_start.get(at)
        if g is not None and _owner(g) and (hop == 0 or g.label == "person"):
            return g
        w = _WORD.match(norm, at)
        if not w or not w.group(1)[:1].isalpha():
            break
        at = w.end(1) + 1
    return None


_ARTICLE = re.compile(r"^(?:(?:il|lo|la|i|gli|le)\s+|l')", re.IGNORECASE)


def link_institutions(gaz: Any, text: str, norm: str, language: str, found: list[Found]) -> list[Found]:
    """Italian institutions that ``unknown_names`` marked ("il governo", "l'esercito russo",
    "la Procura di Milano", "il Ministero della Salute") linked as agents: the country from a
    demonym inside the name (which then goes: one mention), a country, capital or city inside it,
    or "di/del + country" right after it."""
    if language not in ("it", ""):
        return found
    lex = lexicon("it")
    if lex.pattern is None:
        return found
    by_start = {f.start: f for f in found}
    drop: set[int] = set()
    for f in found:
        if f.entity_id is not None or f.label != "organisation" or f.value.get("linked") is not False:
            continue
        if f.value.get("cue") == "of_person":
            continue  # "agenti di polizia": the agent around it is the actor
        m = lex.pattern.match(norm, f.start)
        if m is None or m.end() > f.end or _after_title(norm, f.start, lex.titles):
            continue  # no agent form, or "il capo dell'esercito"
        agent = lex.forms[m.group(0)]
        if agent.label != "organisation":
            continue
        inside = [g for g in found if g is not f and f.start <= g.start and g.end <= f.end and g.entity_id]
        country = next((g for g in inside if g.label == "demonym"), None)
        country = country or next((g for g in inside if _owner(g)), None)
        after = None
        if country is None:
            _, country = _country_after_it(text, norm, f.end, by_start, frozenset(), agent)
            if country is not None and country.label == "demonym":
                country = None  # only "di + country" after a name that ended
            after = country
        if country is not None and country.label == "demonym" and agent.state:
            country.value["sector"] = agent.sector  # "l'esercito israeliano": the demonym stays the
            country.value["cameo"] = agent.code  # actor (roles read it on an object noun), the
            continue  # institution stays an unlinked name
        cid = _owner(country) if country is not None else ""
        value = _value(gaz, agent, cid)
        value["cue"] = f.value.get("cue", "institution")
        if country is not None and country.label == "demonym":
            drop.add(id(country))
        elif after is not None and not agent.state and after.label in COUNTRY_LABELS:
            # "il tribunale di Roma", "la Procura di Milano": the town names the office; it stays
            # a place mention but is no second actor (Rome, a capital, stands for Italy's government)
            after.value["names"] = value["actor"]
        f.entity_id, f.value, f.rule = value["actor"], value, agent.rule
    return [f for f in found if id(f) not in drop]


def _value(gaz: Any, agent: Agent, cid: str) -> dict[str, Any]:
    value: dict[str, Any] = {"sector": agent.sector, "cameo": agent.code, "agent": agent.id}
    if cid and agent.state:
        value.update(name=gaz.registry[cid]["name"], actor=cid, type="country", country=cid)
    elif cid:
        actor = f"{agent.id}:{cid}"
        value.update(
            name=f"{agent.name} ({gaz.registry[cid]['name']})", actor=actor, type="agent", country=cid
        )
    else:
        value.update(name=agent.name, actor=agent.id, type="agent")
    return value
