"""Attribution spans: where a sentence says who speaks ("X said", "according to Y").

The attribution chain (``extract/events/attribution.py``) keeps the *actors* a sentence cites;
this module returns the spans themselves, a (cue, source) pair per attribution, for any
sentence, so that they can be scored against PolNeAR and later written on claims.

The cue words are the ones the events engine uses, from ``resources/<lang>/cues.yaml``
(``attribution_before``, ``sub_source``, ``attribution_after``, ``reporting_verbs``,
``attribution_stop``, ``relative_pronouns``), loaded by
:func:`cronaca.extract.events.cues.load_cues`. The source heuristic works on tokens, without a
parser:

- a cue before its source ("according to the Post", "citing officials"): the source is
  the tokens after the cue up to an ``attribution_stop`` token, a clause break or
  ``MAX_SOURCE`` tokens;
- a reporting verb ("Trump said", "the source added", "he has told reporters"): the
  source is the span from the start of the verb's clause (a comma, a quotation mark, a
  clause break or a complementiser) to the verb, without auxiliaries before the verb and without
  leading conjunctions; "officials who said" reaches back over the relative pronoun;
- nothing before the verb (", said Trump"): the source is the phrase after the verb, as
  for a cue before its source, unless that phrase starts with a preposition or "that";
- a speaker label that opens a sentence ("PENCE: Well, ...", "Poll: ..."): the colon is
  the cue, the label the source;
- a dash right after a closing quote ("“...” ― Carla Rossi"): the dash is the cue, the
  name after it (in the next sentence when the splitter cut there) the source.

A reporting-verb lemma right after a determiner ("the report", "a claim") is a noun and
no cue, and so is a capitalised one inside the sentence ("United States") and the second
half of a hyphenated word ("so-called"). Forms listed in ``attribution_noun_forms``
("state", "claims", "show") are cues only after a subject pronoun or an auxiliary ("he
claims", "has stated").

Beyond the events engine's ``reporting_verbs``, these spans take the verbs of
``attribution_verbs`` ("noted", "warned", "a poll shows"). As in PolNeAR, a cue takes in
the auxiliaries and adverbs before its verb ("has also said"), a colon right after it
("said:") and the particle ``attribution_phrasal`` gives its verb ("called for", "ha
parlato di"; "pointed to", where "pointed" alone is no cue). The few
function words this needs (auxiliaries, determiners, conjunctions, prepositions,
complementisers) are grammar, not cues: they are read from optional ``cues.yaml`` keys
of the same names when present, else from the per-language defaults below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from cronaca.errors import ResourceError
from cronaca.extract.base import Doc
from cronaca.extract.events.cues import Cues, load_cues
from cronaca.extract.sentence_view import SentenceView, linked_entities
from cronaca.model import Mention, Span
from cronaca.resources import load_yaml

VERSION = 2
MAX_SOURCE = 10  # tokens in a source phrase after its cue
MAX_SUBJECT = 12  # tokens from a clause start to a reporting verb
QUOTES = {'"', "“", "”", "‘", "’", "'", "``", "''", "«", "»"}
MAX_LABEL = 3  # words in a speaker label before a colon
SIGNATURE_DASHES = {"―", "—", "–"}
CLOSING_QUOTES = {'"', "”", "’", "'", "»"}
CLAUSE_BREAKS = {",", ";", ":", "(", ")", "—", "–", "-", "―", ".", "?", "!", *QUOTES}

# Function words by language, space-separated; a ``cues.yaml`` key of the same name
# (a list) replaces one.
GRAMMAR_DEFAULTS: dict[str, dict[str, str]] = {
    "en": {
        "auxiliaries": "has have had will would also later then previously once repeatedly did does do "
        "could might may can should must never not n't is was were are been",
        "determiners": "the a an this that these those his her its their our my your whose no any each every",
        "conjunctions": "and but so yet or then as while when because however although though if",
        "prepositions": "in on at during after before with for from about to that of by this last through",
        "complementisers": "that",
        "subject_pronouns": "i you he she it we they who which",
    },
    "it": {
        "auxiliaries": "ha hanno aveva avevano è sono era anche poi",
        "determiners": "il lo la i gli le un uno una l' questo",
        "conjunctions": "e ma però mentre quando perché se",
        "prepositions": "in a da di con su per che durante",
        "complementisers": "che",
    },
}


@dataclass(frozen=True)
class AttributionSpan:
    """One attribution: the cue, the source when one is found, and the rule that found it."""

    cue: Span
    source: Span | None
    rule: str  # cue_before | verb_subject | verb_inverted | verb_no_source | label | signature


@dataclass(frozen=True)
class Grammar:
    auxiliaries: frozenset[str]
    determiners: frozenset[str]
    conjunctions: frozenset[str]
    prepositions: frozenset[str]
    complementisers: frozenset[str]
    # cues of these spans only (``cues.yaml``; the events engine reads ``reporting_verbs``)
    attribution_verbs: frozenset[str] = frozenset()  # lemmas: "noted", "warned", "argued"
    attribution_noun_forms: frozenset[str] = frozenset()  # "state", "claims": verbs only after a subject
    subject_pronouns: frozenset[str] = frozenset()
    # verb lemma → the particles that join its cue ("called for", "warned against"); a verb
    # here and in no cue list is a cue only with its particle ("pointed to")
    attribution_phrasal: dict[str, frozenset[str]] = field(default_factory=dict)


@cache
def load_grammar(language: str) -> Grammar:
    try:
        data = load_yaml(f"{language}/cues.yaml")
    except ResourceError:  # no cue file: the defaults, as in load_cues
        data = {}
    defaults = GRAMMAR_DEFAULTS.get(language, {})
    lists = {
        key: frozenset(data[key] if key in data else defaults.get(key, "").split())
        for key in Grammar.__dataclass_fields__
        if key != "attribution_phrasal"
    }
    phrasal = {verb: frozenset(words) for verb, words in data.get("attribution_phrasal", {}).items()}
    return Grammar(**lists, attribution_phrasal=phrasal)


def sentence_attributions(sent: SentenceView, cues: Cues, grammar: Grammar) -> list[AttributionSpan]:
    """The (cue, source) pairs of one sentence, left to right."""
    found: list[AttributionSpan] = []
    n = len(sent.lower)
    # cue-then-source phrases, shortest first: "according to" before "according to the"
    before = sorted(cues.attribution_before + cues.sub_source, key=len)
    verbs_after = {p[0] for p in cues.attribution_after if len(p) == 1}
    taken: set[int] = set()
    label = _speaker_label(sent)
    if label is not None:  # "PENCE: Well, ..."; "Poll: voters ..."
        taken.add(label)
        found.append(
            AttributionSpan(_span(sent, label, label + 1), _span(sent, _label_start(sent), label), "label")
        )
    for i in range(n):
        if i in taken:
            continue
        if _quote_signature(sent, i):  # “…” ― Name
            k = i + 1
            while k < n and not sent.texts[k].strip():
                k += 1
            source = _phrase_after(sent, k, cues, grammar) if k < n else None
            found.append(AttributionSpan(_span(sent, i, i + 1), source, "signature"))
            continue
        phrase = next((p for p in before if sent.phrase_at(i, p)), None)
        if phrase is not None:
            end = i + len(phrase)
            taken.update(range(i, end))
            found.append(
                AttributionSpan(_span(sent, i, end), _phrase_after(sent, end, cues, grammar), "cue_before")
            )
            continue
        particle = _particle(sent, i, grammar)
        if not particle and not _is_verb_cue(sent, i, cues, grammar, verbs_after):
            continue
        taken.add(i)
        cue = _span(sent, _cue_start(sent, i, grammar), _cue_end(sent, i + particle))
        subject = _subject(sent, i, cues, grammar)
        if subject is not None:
            found.append(AttributionSpan(cue, _span(sent, *subject), "verb_subject"))
            continue
        after = _phrase_after(sent, i + 1, cues, grammar)
        if after is not None and sent.lower[i + 1] not in grammar.prepositions:
            found.append(AttributionSpan(cue, after, "verb_inverted"))
        else:
            found.append(AttributionSpan(cue, None, "verb_no_source"))
    return found


def doc_attributions(doc: Doc) -> list[AttributionSpan]:
    """Attributions of every sentence of a tokenised, sentence-split document."""
    cues = load_cues(doc.language)
    grammar = load_grammar(doc.language)
    entities = linked_entities(doc)
    result: list[AttributionSpan] = []
    sentences = doc.of_kind("sentence")
    for n, sentence in enumerate(sentences):
        sent = SentenceView(doc, sentence, entities)
        if not sent.lower:
            continue
        for found in sentence_attributions(sent, cues, grammar):
            if found.rule == "signature" and found.source is None and n + 1 < len(sentences):
                found = AttributionSpan(found.cue, _first_line(doc.text, sentences[n + 1]), found.rule)
            result.append(found)
    return result


def _first_line(text: str, sentence: Mention) -> Span | None:
    """The first line of a sentence when it is short enough to be a name ("Carlos Rossi")."""
    line = text[sentence.start : sentence.end].split("\n", 1)[0]
    start = sentence.start + len(line) - len(line.lstrip())
    line = line.strip().rstrip(".")
    if not line or len(line.split()) > MAX_SOURCE:
        return None
    return Span(start, start + len(line), line)


def _is_verb_cue(
    sent: SentenceView, i: int, cues: Cues, grammar: Grammar, verbs_after: set[str] | None = None
) -> bool:
    """A reporting verb, unless a determiner makes it a noun ("the report", "a claim") or a
    capital inside the sentence makes it part of a name ("the United States")."""
    lemma, word = sent.lemmas[i], sent.lower[i]
    if (
        lemma not in cues.reporting_verbs
        and word not in cues.reporting_verbs  # forms simplemma gets wrong: "detto"
        and lemma not in grammar.attribution_verbs
        and word not in grammar.attribution_verbs
        and word not in (verbs_after or ())
    ):
        return False
    if i > 0 and sent.texts[i][:1].isupper():
        return False
    token = sent.tokens[i]
    if token.idx > 0 and token.doc.text[token.idx - 1] in "-‐‑":  # "so-called", "self-described"
        return False
    if word in grammar.attribution_noun_forms:  # "the state of", "his claims": a verb only after a subject
        before = sent.lower[i - 1] if i > 0 else ""
        return before in grammar.subject_pronouns or before in grammar.auxiliaries
    return not (i > 0 and sent.lower[i - 1] in grammar.determiners)


def _label_start(sent: SentenceView) -> int:
    """The first token after opening quotes."""
    start = 0
    while start < len(sent.lower) and sent.lower[start] in QUOTES:
        start += 1
    return start


def _speaker_label(sent: SentenceView) -> int | None:
    """The colon of a speaker label that opens a sentence: one to ``MAX_LABEL`` capitalised
    words, then a colon and more text ("PENCE: Well, ...", "Poll: voters ...")."""
    start = _label_start(sent)
    for k in range(start, min(start + MAX_LABEL, len(sent.lower) - 1)):
        if sent.lower[k] == ":":
            return k if k > start and k + 1 < len(sent.lower) else None
        word = sent.texts[k]
        if not word[:1].isupper() and word not in {"-", "'s", "’s", "."}:
            return None
    return None


def _quote_signature(sent: SentenceView, i: int) -> bool:
    """A dash right after a closing quote, before a capitalised name: the quote's signature
    (the name may stand in the next sentence: see :func:`doc_attributions`)."""
    if sent.lower[i] not in SIGNATURE_DASHES:
        return False
    token = sent.tokens[i]
    text = token.doc.text
    before = text[: token.idx].rstrip()
    after = text[token.idx + len(token.text) :].lstrip()
    return before[-1:] in CLOSING_QUOTES and after[:1].isupper()


def _particle(sent: SentenceView, i: int, grammar: Grammar) -> int:
    """1 when the verb at ``i`` takes the particle after it into its cue ("called for",
    "pointed to"), else 0."""
    particles = grammar.attribution_phrasal.get(sent.lemmas[i], frozenset())
    if i + 1 < len(sent.lower) and sent.lower[i + 1] in particles and not sent.texts[i][:1].isupper():
        return 1
    return 0


def _cue_start(sent: SentenceView, i: int, grammar: Grammar) -> int:
    """The cue takes in the auxiliaries and adverbs right before its verb, as PolNeAR does:
    "has said", "is also calling", "did not respond"."""
    start = i
    while start > 0 and (
        sent.lower[start - 1] in grammar.auxiliaries or sent.lower[start - 1] in {"'s", "’s"}
    ):
        start -= 1
    return start


def _cue_end(sent: SentenceView, i: int) -> int:
    """The end of a cue whose last word is token ``i``: a colon right after it joins it ("said:")."""
    return i + 2 if i + 1 < len(sent.lower) and sent.lower[i + 1] == ":" else i + 1


def _span(sent: SentenceView, start: int, end: int) -> Span:
    """Character span of tokens ``start`` .. ``end - 1``."""
    first, last = sent.tokens[start], sent.tokens[end - 1]
    a, b = first.idx, last.idx + len(last.text)
    return Span(a, b, first.doc.text[a:b])


def _phrase_after(sent: SentenceView, at: int, cues: Cues, grammar: Grammar) -> Span | None:
    """The source phrase after a cue: up to a stop word, a clause break or MAX_SOURCE tokens."""
    end = at
    while (
        end < len(sent.lower)
        and end - at < MAX_SOURCE
        and sent.lower[end] not in cues.attribution_stop
        and sent.lower[end] not in CLAUSE_BREAKS
        and not (end > at and _is_verb_cue(sent, end, cues, grammar))
    ):
        end += 1
    return _span(sent, at, end) if end > at else None


def _subject(sent: SentenceView, i: int, cues: Cues, grammar: Grammar) -> tuple[int, int] | None:
    """Token range of the phrase before a reporting verb, from its clause start."""
    end = i
    while end > 0 and sent.lower[end - 1] in grammar.auxiliaries:
        end -= 1
    if end > 0 and sent.lower[end - 1] in cues.relative_pronouns:
        end -= 1  # "officials who said": the officials
    start = end
    while (
        start > 0
        and end - start < MAX_SUBJECT
        and sent.lower[start - 1] not in CLAUSE_BREAKS
        and sent.lower[start - 1] not in cues.relative_pronouns
        and sent.lower[start - 1] not in grammar.complementisers
        and not _is_verb_cue(sent, start - 1, cues, grammar)
    ):
        start -= 1
    while start < end and (sent.lower[start] in grammar.conjunctions or sent.lower[start] in QUOTES):
        start += 1
    return (start, end) if start < end else None
