"""The lexicons that type names the registry does not hold, and the word tests on them.

Built once per gazetteer from ``cues.yaml`` (person, organisation and place cues, and the
``names`` section: head and tail words, institutions, place prepositions, connectors,
adjectives, function words, verbs of saying, words in capitals that are no acronyms),
``first_names.json`` and ``surnames.json``; used by ``cronaca.extract.entities.unknown_names``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import simplemma

from cronaca.extract.entities.registry import Gazetteer, normalise
from cronaca.extract.patterns import trie_alternation

ROMAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
_PUNCT_STOP = set('.,;:!?()[]{}"—–«»“”')
_TOKEN = re.compile(r"[\w.']+|[^\w\s]")


@dataclass
class Names:
    """Lexicons compiled once per gazetteer (from cues.yaml and first_names.json)."""

    cues: dict[str, dict[str, str]]  # class → normalised cue → cue as written in cues.yaml
    between: frozenset[str]
    lead: frozenset[str]  # capitalised title words in front of a name: "Foreign Minister", "Papa"
    person_titles: frozenset[str]
    first_names: frozenset[str]
    org_heads: frozenset[str]
    org_tails: frozenset[str]
    place_heads: frozenset[str]
    place_tails: frozenset[str]
    lower_place_heads: frozenset[str]
    before_name: frozenset[str]  # last words of a lowercase head or a connector after one
    institutions: frozenset[str]
    place_prepositions: frozenset[str]
    connectors: frozenset[str]
    not_acronyms: frozenset[str]
    particles: frozenset[str]
    surnames: frozenset[str]
    speech: re.Pattern[str]
    adjectives: frozenset[str]
    directions: frozenset[str]
    ranks: frozenset[str]
    function_words: frozenset[str]
    saints: frozenset[str]
    regnal_names: frozenset[str]
    # "il governo", "la polizia locale", "la nazionale italiana": institutions named by a
    # lowercase noun after an article (Italian); None when cues.yaml lists none
    lower_institutions: re.Pattern[str] | None
    needs_adjective: frozenset[str]  # "nazionale" only with a demonym or adjective after it
    # offices named with their town that KIND (and the news) read as two names: "Procura di Napoli"
    split_before_place: frozenset[str] = frozenset()
    # Italian province codes ("bg", "mi", casefolded): "Treviglio (BG)" is a place
    province_codes: frozenset[str] = frozenset()
    # offices whose name goes on with a lowercase complement: "Corte d'appello"
    complement_heads: frozenset[str] = frozenset()
    complement_not: frozenset[str] = frozenset()
    event_heads: frozenset[str] = frozenset()  # "Coppa Italia": a contest, not an organisation
    org_prefixes: tuple[str, ...] = ()  # "Wiki": "Wikipedia", "Wikinews"
    # person cues whose "della/dei + Name" is a portfolio or a town: "ministro dei Trasporti"
    portfolio_titles: frozenset[str] = frozenset()
    # "agente di polizia", "fonti di polizia": group 1 is the institution
    of_people: re.Pattern[str] | None = None


def _words(section: Any, *languages: str) -> frozenset[str]:
    if isinstance(section, list):
        return frozenset(normalise(str(w)).rstrip(".") for w in section)
    out: set[str] = set()
    for lang in languages or ("it", "en", "all"):
        out.update(normalise(str(w)).rstrip(".") for w in (section or {}).get(lang, []))
    return frozenset(out)


def stem(phrase: str) -> str:
    """An Italian adjective without its ending: europeo/europea/europei → "europe"."""
    words = phrase.split()
    last = words[-1]
    if len(words) == 1 and len(last) > 3 and last[-1] in "oaie":
        last = last[:-1]
        if last.endswith(("ch", "gh")):
            last = last[:-1]
    return " ".join([*words[:-1], last])


def _alternation(words: frozenset[str]) -> str:
    """A regex alternation of ``words`` in which a longer word wins ("" when none), written
    as a trie: the same matches, found faster over a whole article."""
    return trie_alternation(words) if words else ""


def _lower_institutions(spec: dict[str, Any]) -> re.Pattern[str] | None:
    """One pattern for "<article> <noun>" over normalised text: group 1 is the noun."""
    noun = _alternation(_words({k: v for k, v in spec.items() if k != "articles"}))
    art = _alternation(_words(spec.get("articles", [])))
    if not noun or not art:
        return None
    return re.compile(rf"(?<![\w'])(?:{art})(?:(?<=')|[ ])({noun})(?![\w'])")


def _of_people(spec: dict[str, Any]) -> re.Pattern[str] | None:
    """One pattern for "<person or unit noun> di <institution>" over normalised text."""
    noun = _alternation(_words(spec.get("nouns", [])))
    institution = _alternation(_words(spec.get("institutions", [])))
    if not noun or not institution:
        return None
    return re.compile(rf"(?<![\w'])(?:{noun}) di ({institution})(?![\w'])")


def names(gaz: Gazetteer) -> Names:
    """The lexicons of one gazetteer, compiled on first use."""
    cached = getattr(gaz, "_unknown_names", None)
    if cached is not None:
        return cached
    cues = gaz.cues
    spec = cues.get("names") or {}
    by_class = {
        kind: {normalise(c): c for lang in ("it", "en") for c in cues[kind].get(lang, [])}
        for kind in ("person", "organisation", "place")
    }
    exclude = {n.casefold() for n in cues.get("first_names_exclude", [])}
    between = frozenset(normalise(w) for w in cues["person"].get("between", []))
    lead = (
        frozenset(
            w
            for kind in by_class.values()
            for cue in kind
            for w in cue.split()
            if w not in ("di", "del", "della", "of", "the")
        )
        | between
    )
    built = Names(
        cues=by_class,
        between=between,
        lead=lead,
        person_titles=frozenset(w.rstrip(".") for cue in by_class["person"] for w in cue.split()),
        first_names=frozenset(n for n in gaz.first_names if n not in exclude),
        org_heads=_words(spec.get("organisation_heads")),
        org_tails=_words(spec.get("organisation_tails")),
        place_heads=_words(spec.get("place_heads")),
        place_tails=_words(spec.get("place_tails")),
        lower_place_heads=_words(spec.get("lowercase_place_heads")),
        before_name=frozenset(h.split()[-1] for h in _words(spec.get("lowercase_place_heads")))
        | frozenset("di del della dello dei degli delle d".split()),
        institutions=_words(spec.get("institutions")),
        place_prepositions=_words(spec.get("place_prepositions")),
        connectors=_words(spec.get("connectors")) | {"d'", "dell'", "l'"},
        not_acronyms=frozenset(str(w) for w in spec.get("not_acronyms", [])),
        particles=frozenset(normalise(p) for p in cues.get("particles", [])),
        saints=_words(spec.get("saints")),
        function_words=_words(spec.get("function_words")),
        ranks=_words(spec.get("adjective_titles")),
        adjectives=frozenset(stem(w) for w in _words(spec.get("adjectives"))),
        directions=_words(spec.get("directions")),
        regnal_names=frozenset(gaz.first_names),
        lower_institutions=_lower_institutions(spec.get("lowercase_institutions") or {}),
        needs_adjective=_words((spec.get("lowercase_institutions") or {}).get("needs_adjective", [])),
        split_before_place=_words(spec.get("split_before_place") or []),
        surnames=gaz.surnames,
        province_codes=gaz.province_codes,
        complement_heads=_words(spec.get("complement_heads") or []),
        complement_not=_words(spec.get("complement_not") or []),
        event_heads=_words(spec.get("event_heads") or []),
        org_prefixes=tuple(str(p) for p in spec.get("organisation_prefixes") or ()),
        portfolio_titles=_words(cues["person"].get("portfolio_titles") or []),
        of_people=_of_people(spec.get("institutions_of_people") or {}),
        speech=re.compile(
            r" (?:(?:ha|aveva|avrebbe|has|had) )?(?:"
            + "|".join(
                sorted((re.escape(v) for v in _words(spec.get("speech_verbs"))), key=len, reverse=True)
            )
            + r")\b"
        ),
    )
    gaz._unknown_names = built  # type: ignore[attr-defined]
    return built


def _simplemma_languages() -> frozenset[str]:
    """The languages simplemma has a dictionary for; any other code reads as Italian + English
    (an unknown or unsupported language must not stop an ingest)."""
    try:
        from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES
    except ImportError:  # pragma: no cover - a simplemma without the list
        return frozenset({"it", "en"})
    return frozenset(SUPPORTED_LANGUAGES)


_SIMPLEMMA = _simplemma_languages()


# Italian adjective endings: -ese, -ano, -ino, -ivo, -ale, -ario, -orio, -ico, -ita, -ense
# ("milanese", "siriano", "mandarino", "governativo", "postale", "giudiziario", "provvisorio",
# "islamico", "moscovita", "forense") and the invariable "anticorruzione"
_ADJECTIVAL = re.compile(
    r"..(?:es[ei]|an[oaie]|in[oaie]|iv[oaie]|al[ei]|ari[oa]|ar[ie]|ori[oa]|or[ie]|ic[oa]|ich[ei]|ci"
    r"|it[ao]|ense|ensi|orruzione)$"
)
# adjectives that open a prepositional phrase rather than qualify the name: "vicino a"
_NOT_QUALIFYING = frozenset("vicino vicina vicini vicine relativo relativa relativi relative".split())


@lru_cache(maxsize=16384)
def adjective_form(word: str) -> bool:
    """A lowercase Italian word shaped like an adjective that simplemma does not read as a
    verb: it goes on an office's name ("tribunale milanese", "governo provvisorio", "polizia
    postale") where ``names.adjectives`` of cues.yaml does not list it. "Comunica",
    "indagano" end like adjectives and are verbs."""
    if word in _NOT_QUALIFYING or not _ADJECTIVAL.search(word):
        return False
    return not simplemma.lemmatize(word, lang="it").endswith(("are", "ere", "ire", "rre"))


@lru_cache(maxsize=65536)
def common(word: str, language: str) -> bool:
    """A word simplemma knows in lowercase (Italian texts: Italian or English)."""
    low = word.lower()
    languages = (language,) if language != "it" and language in _SIMPLEMMA else ("it", "en")
    return any(simplemma.is_known(low, lang=lang) for lang in languages)


def capitals(word: str) -> bool:
    """Written mostly in capitals: "NATO", "PdL", "M5S"."""
    letters = [c for c in word if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return 2 <= len(word) <= 8 and upper >= 2 and (upper == len(letters) or upper * 2 >= len(letters))


def org_acronym(nm: Names, word: str, language: str) -> bool:
    """An organisation's acronym: "PdL", "M5S", "FIAT"; not "DNA", "COVID-19", "PS5", "II",
    nor a word in capitals for emphasis ("MAI", "LIVE")."""
    if not capitals(word) or word in nm.not_acronyms or ROMAN.match(word):
        return False
    digits = sum(map(str.isdigit, word))
    if word[-1].isdigit() or "-" in word or len(word.replace(".", "")) < 2 or digits > 1:
        return False  # "COVID-19", "PS5", a number plate "DR806HP"
    letters = word.replace(".", "")
    return not (len(letters) >= 4 and letters.isupper() and common(letters, language))


def place_preposition(nm: Names, norm: str, start: int) -> str:
    """The place preposition right before ``start`` ("in", "nei pressi di"), or ""."""
    before = norm[max(0, start - 20) : start]
    m = re.search(r"(?<![\w'])((?:[a-zà-ù]+ ){0,2}[a-zà-ù]+) $", before)
    if not m:
        return ""
    words = m.group(1).split()
    for n in (3, 2, 1):
        phrase = " ".join(words[-n:])
        if len(words) >= n and phrase in nm.place_prepositions:
            return phrase
    return ""


def alone_on_line(text: str, start: int, end: int) -> bool:
    """Nothing else on the line but the name (a byline)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip(" .")


def cue_before(nm: Names, norm: str, mask: bytearray, start: int) -> tuple[str | None, str]:
    """The cue class and cue word in up to six words before ``start`` (no punctuation between)."""
    lo = max(0, start - 64)
    window = norm[lo:start]
    tokens = [(lo + t.start(), lo + t.end(), t.group()) for t in _TOKEN.finditer(window)]
    skipped = adjectives = 0
    for i in range(len(tokens) - 1, -1, -1):
        s, e, word = tokens[i]
        if word in _PUNCT_STOP or (word.endswith(".") and word.rstrip(".") not in nm.person_titles):
            return None, ""
        for n in (3, 2, 1):
            if i - n + 1 < 0:
                continue
            phrase = " ".join(t[2] for t in tokens[i - n + 1 : i + 1])
            bare = phrase.split("'")[-1] if "'" in phrase else phrase  # "l'agenzia" → "agenzia"
            for kind in ("person", "organisation", "place"):
                cue = nm.cues[kind].get(phrase) or nm.cues[kind].get(bare)
                if cue and (kind != "place" or skipped <= 1) and (not adjectives or kind == "organisation"):
                    return kind, cue
        if word in nm.between or word.split("'")[-1] in nm.between or mask[s] or mask.find(1, s, e) != -1:
            skipped += 1
            if skipped > 5:
                return None, ""
            continue
        if adjectives < 2 and adjective_form(word):
            # "la compagnia genovese Costa Crociere", "la compagnia ferroviaria spagnola
            # Renfe": adjectives between an organisation's cue and its name
            adjectives += 1
            skipped += 1
            continue
        if word in ("di", "del", "della", "dello", "of", "stampa", "news"):
            skipped += 1
            continue
        return None, ""
    return None, ""
