"""Event mentions: who did what to whom, with time, place, quantity, source and certainty.

The engine is generic; the rules are data (``resources/<lang>/events.yaml``). A rule
names a PLOVER type (or a declared extension), its trigger lemmas (verbal or nominal),
an optional object that must be near the trigger, and how roles are found:

- source: an agent phrase after the trigger ("da parte della Corea del Nord", "by X"),
  else a demonym on the object ("soldati nordcoreani"), else the nearest actor to the
  left of the trigger in the same clause; a passive trigger swaps subject and agent;
- target: the first actor to the right introduced by one of the rule's prepositions,
  or (``target: next``) the first actor to the right;
- time: the time expression nearest the trigger in the sentence; quantity: the quantity
  in the sentence whose unit the rule counts, else the one nearest the trigger; place:
  a city in the sentence.

Attribution ("secondo X", "according to X", "X said") and factuality (reportative
conditional, modals, rumour, denial, non-acknowledgement) come from cue lists in
``resources/<lang>/cues.yaml``. Lemmas come from simplemma (no Italian statistical
spaCy pipeline exists on PyPI); a lemma-based engine keeps rules short across inflection.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import simplemma

from cronaca.errors import ResourceError
from cronaca.extract.pipeline import Doc, component
from cronaca.model import Actor, EventMention, Interval, Mention, Quantity, Span, content_id
from cronaca.resources import load_yaml

COMPONENT = "events@1"
ACTOR_LABELS = {"country", "capital", "metonym", "demonym", "organisation", "person"}
CLAUSE_BREAKS = {";", ":", "(", ")", "—", "–"}


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    mode: str
    context: str
    cameo: str
    triggers: frozenset[str]
    objects: frozenset[str]
    object_side: str  # after | before | any
    window: int
    target: str  # preps | next | none
    target_preps: frozenset[str]
    target_within: int
    require: frozenset[str]
    context_cues: tuple[tuple[str, frozenset[str]], ...]


@dataclass(frozen=True)
class Cues:
    version: int
    agent: tuple[tuple[str, ...], ...]
    attribution_before: tuple[tuple[str, ...], ...]  # cue, then the source: "secondo X"
    attribution_after: tuple[tuple[str, ...], ...]  # "ha riferito X", ", riporta X"
    reporting_verbs: frozenset[str]  # lemmas: "X ha affermato", "X said"
    attribution_stop: frozenset[str]  # tokens that end a cited-source phrase: ",", "che", "that"
    relative_pronouns: frozenset[str]  # "che", "which": a time after one dates another clause
    passive_aux: frozenset[str]
    participle: str
    factuality: tuple[tuple[str, str, re.Pattern[str]], ...]  # (value, cue text, pattern)


def _tokens(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().split())


@cache
def load_rules(language: str) -> tuple[int, tuple[Rule, ...]]:
    try:
        data = load_yaml(f"{language}/events.yaml")
    except ResourceError:
        return 0, ()
    ontology = load_yaml("ontology/plover.yaml")
    known = {**ontology["types"], **ontology["extension"]}
    rules = []
    for raw in data.get("rules", []):
        kind = raw["type"]
        if kind not in known:
            raise ResourceError(f"{language}/events.yaml rule {raw.get('id')}: unknown event type {kind!r}")
        obj = raw.get("object", {})
        target = raw.get("target", "preps")
        rules.append(
            Rule(
                id=f"{language}.{raw['id']}",
                type=kind,
                mode=raw.get("mode", ""),
                context=raw.get("context", ""),
                cameo=str(raw.get("cameo", known[kind]["cameo"])),
                triggers=frozenset(raw["trigger"]),
                objects=frozenset(obj.get("lemma", [])),
                object_side=obj.get("side", "after"),
                window=int(obj.get("window", 6)),
                target="preps" if isinstance(target, list) else target,
                target_preps=frozenset(target if isinstance(target, list) else data.get("target_preps", [])),
                target_within=int(raw.get("target_within", 1000)),
                require=frozenset(raw.get("require", [])),
                context_cues=tuple(
                    (name, frozenset(lemmas)) for name, lemmas in data.get("context_cues", {}).items()
                ),
            )
        )
    return int(data.get("version", 1)), tuple(rules)


@cache
def load_cues(language: str) -> Cues:
    try:
        data = load_yaml(f"{language}/cues.yaml")
    except ResourceError:
        data = {}
    factuality = []
    for value, phrases in data.get("factuality", {}).items():
        for phrase in phrases:
            factuality.append((value, phrase, _cue_pattern(phrase)))
    return Cues(
        version=int(data.get("version", 1)),
        agent=tuple(_tokens(p) for p in data.get("agent", [])),
        attribution_before=tuple(_tokens(p) for p in data.get("attribution_before", [])),
        attribution_after=tuple(_tokens(p) for p in data.get("attribution_after", [])),
        reporting_verbs=frozenset(data.get("reporting_verbs", [])),
        relative_pronouns=frozenset(data.get("relative_pronouns", [])),
        attribution_stop=frozenset([",", ".", ";", ":", *data.get("attribution_stop", [])]),
        passive_aux=frozenset(data.get("passive_aux", [])),
        participle=data.get("participle", r"$^"),
        factuality=tuple(factuality),
    )


def _cue_pattern(phrase: str) -> re.Pattern[str]:
    """A cue phrase as a regex over lowercased text: ``*`` ends a word stem, ``…`` is a gap."""
    parts = []
    for chunk in phrase.lower().split("…"):
        words = [re.escape(w).replace(r"\*", r"\w*") for w in chunk.split()]
        parts.append(r"\s+".join(words))
    return re.compile(r"(?<!\w)" + r"(?:\W+\w+){0,12}?\W+".join(parts) + r"(?!\w)")


@lru_cache(maxsize=200_000)
def lemma(word: str, language: str) -> str:
    try:
        return simplemma.lemmatize(word, lang=language)
    except ValueError:
        return word


class _Sentence:
    """Tokens, lemmas and entity mentions of one sentence, with position helpers."""

    def __init__(self, doc: Doc, sentence: Mention, entities: list[Mention]) -> None:
        self.mention = sentence
        span = doc.tokens.char_span(sentence.start, sentence.end, alignment_mode="expand")
        self.tokens = list(span) if span is not None else []
        self.lower = [t.lower_.replace("’", "'") for t in self.tokens]
        self.lemmas = [lemma(w.rstrip("'"), doc.language) for w in self.lower]
        self.starts = [t.idx for t in self.tokens]
        self.entities = [e for e in entities if sentence.start <= e.start < sentence.end]
        self._entity_token = {e.start: self.index_at(e.start) for e in self.entities}

    def index_at(self, offset: int) -> int:
        """The token that contains character ``offset``."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def entity_token(self, entity: Mention) -> int:
        return self._entity_token[entity.start]

    def phrase_at(self, i: int, phrase: tuple[str, ...]) -> bool:
        return self.lower[i] == phrase[0] and tuple(self.lower[i : i + len(phrase)]) == phrase

    def clause_bounds(self, i: int) -> tuple[int, int]:
        left = i
        while left > 0 and self.lower[left - 1] not in CLAUSE_BREAKS:
            left -= 1
        right = i
        while right < len(self.tokens) and self.lower[right] not in CLAUSE_BREAKS:
            right += 1
        return left, right


def _actor(entity: Mention, sector: str | None = None) -> Actor:
    value = entity.value or {}
    return Actor(
        id=entity.entity_id or "",
        name=value.get("name", entity.text),
        sector=sector if sector is not None else value.get("sector", ""),
        start=entity.start,
        end=entity.end,
    )


@component(
    "events",
    version=1,
    requires=["tokens", "sentences", "entities", "timexes", "quantities"],
    assigns=["events"],
)
def events():
    """Find event triggers from the language's rule file and fill their roles."""

    def process(doc: Doc) -> None:
        version, rules = load_rules(doc.language)
        if not rules:
            return
        cues = load_cues(doc.language)
        entities = [m for m in doc.of_kind("entity") if m.entity_id]
        timexes = doc.of_kind("timex")
        quantities = doc.of_kind("quantity")
        for sentence in doc.of_kind("sentence"):
            sent = _Sentence(doc, sentence, entities)
            if not sent.tokens:
                continue
            _extract_sentence(doc, sent, rules, version, cues, timexes, quantities)

    return process


def _extract_sentence(doc, sent, rules, version, cues, timexes, quantities) -> None:
    words = _trigger_words(rules)
    if not any(lem in words or low in words for lem, low in zip(sent.lemmas, sent.lower, strict=True)):
        return  # most sentences: no trigger, so no cue analysis either
    attribution, attribution_ids = _attribution(doc, sent, cues)
    cue_tokens = _cue_tokens(sent, cues)  # "according to" is no AGREE trigger
    factuality, cue_text = _factuality(sent, cues)
    taken: set[int] = set()
    seen: set[tuple] = set()  # one event per type and actors in a sentence
    for i, lem in enumerate(sent.lemmas):
        if lem not in words and sent.lower[i] not in words:
            continue
        for rule in rules:
            if i in taken or i in cue_tokens:
                continue
            if lem not in rule.triggers and sent.lower[i] not in rule.triggers:
                continue
            obj = _find_object(sent, i, rule, _is_passive(sent, i, cues))
            if rule.objects and obj is None:
                continue
            roles = _roles(sent, i, obj, rule, cues, attribution_ids)
            if roles is None:
                continue
            source, target = roles
            trigger = sent.tokens[i]
            trigger_span = Span(trigger.idx, trigger.idx + len(trigger.text), trigger.text)
            sentence_timexes = [t for t in timexes if sent.mention.start <= t.start < sent.mention.end]
            time, time_text = _time(sent, sentence_timexes, i, cues)
            published = doc.article.published
            if time is None and published is not None:
                time = Interval.on_or_before(published.end, published.precision)
            event = EventMention(
                id=content_id(doc.article.id, rule.id, str(trigger_span.start), prefix="e_"),
                article_id=doc.article.id,
                type=rule.type,
                mode=rule.mode,
                context=_context(sent, rule),
                cameo=rule.cameo,
                start=sent.mention.start,
                end=sent.mention.end,
                text=sent.mention.text,
                trigger=trigger_span,
                source_actors=source,
                target_actors=target,
                place=_place(sent, {a.id for a in (*source, *target)}),
                time=time,
                time_text=time_text,
                quantity=_quantity(sent, quantities, obj, trigger_span.start),
                factuality=factuality if factuality != "asserted" or not attribution else "reported",
                attribution=_with_outlet(doc, attribution),
                rule=f"{rule.id}@{version}" + (f"; factuality cue: {cue_text}" if cue_text else ""),
                component=COMPONENT,
            )
            taken.add(i)
            signature = (event.type, tuple(a.id for a in source), tuple(a.id for a in target))
            if signature not in seen:
                seen.add(signature)
                doc.events.append(event)


@cache
def _trigger_words(rules: tuple[Rule, ...]) -> frozenset[str]:
    return frozenset().union(*(r.triggers for r in rules))


def _find_object(sent: _Sentence, i: int, rule: Rule, passive: bool = False) -> int | None:
    """The object lemma near the trigger; a passive trigger's object is its subject, before it."""
    if not rule.objects:
        return None
    lo, hi = sent.clause_bounds(i)
    side = "any" if passive and rule.object_side == "after" else rule.object_side
    if side in ("after", "any"):
        for j in range(i + 1, min(hi, i + 1 + rule.window)):
            if sent.lemmas[j] in rule.objects or sent.lower[j] in rule.objects:
                return j
    if side in ("before", "any"):
        for j in range(i - 1, max(lo - 1, i - 1 - rule.window), -1):
            if sent.lemmas[j] in rule.objects or sent.lower[j] in rule.objects:
                return j
    return None


def _is_passive(sent: _Sentence, i: int, cues: Cues) -> bool:
    if not re.search(cues.participle, sent.lower[i]):
        return False
    return any(sent.lemmas[j] in cues.passive_aux for j in range(max(0, i - 2), i))


def _agent(
    sent: _Sentence, i: int, cues: Cues, hi: int, exclude: set[int], multiword_only: bool
) -> list[Mention]:
    """Actors of an agent phrase after the trigger: "da parte di X", "by X"."""
    for j in range(i + 1, hi):
        for phrase in cues.agent:
            if multiword_only and len(phrase) < 2:
                continue
            if sent.phrase_at(j, phrase):
                after = j + len(phrase)
                found = [e for e in sent.entities if after <= sent.entity_token(e) <= after + 2]
                found = [e for e in found if e.start not in exclude]
                if found:
                    return found[:1]
    return []


def _roles(sent, i, obj, rule, cues, exclude) -> tuple[tuple[Actor, ...], tuple[Actor, ...]] | None:
    lo, hi = sent.clause_bounds(i)
    actors = [e for e in sent.entities if e.label in ACTOR_LABELS and e.start not in exclude]
    left = [
        e for e in actors if lo <= sent.entity_token(e) < i and (obj is None or sent.entity_token(e) != obj)
    ]
    right = [e for e in actors if i < sent.entity_token(e) < min(hi, i + 1 + rule.target_within)]
    passive = _is_passive(sent, i, cues)

    source: list[Actor] = []
    # An agent phrase names the doer of a passive or nominal trigger ("l'invio ... da parte
    # della Corea del Nord"); a one-word agent ("by") after an active verb with a subject
    # is something else ("supplied by Iran" in a clause about Russia).
    agent = _agent(sent, i, cues, min(hi, i + 10), exclude, multiword_only=bool(left) and not passive)
    if agent:
        source = [_actor(agent[0])]
    elif obj is not None:
        # A demonym on the object noun: "soldati nordcoreani", "North Korean troops".
        near = [e for e in actors if e.label == "demonym" and abs(sent.entity_token(e) - obj) <= 2]
        if near:
            source = [_actor(near[0], "military" if near[0].value.get("sector") else "")]
    subject = [_actor(left[-1])] if left else []
    if not source and not passive:
        source = subject

    target: list[Actor] = []
    source_ids = {a.id for a in source}
    candidates = [e for e in right if e.entity_id not in source_ids and (not agent or e is not agent[0])]
    if passive and subject and subject[0].id not in source_ids:
        target = subject
    elif rule.target == "next" and candidates:
        target = [_actor(candidates[0])]
    elif rule.target == "preps":
        for e in candidates:
            k = sent.entity_token(e)
            before = {sent.lower[k - 1], sent.lower[k - 2] if k >= 2 else ""}
            if before & rule.target_preps:
                target = [_actor(e)]
                break
    if "source" in rule.require and not source:
        return None
    if "target" in rule.require and not target:
        return None
    if not source and not target:
        return None
    return tuple(source), tuple(target)


def _attribution(doc: Doc, sent: _Sentence, cues: Cues) -> tuple[list[Actor], set[int]]:
    """Who the sentence says is speaking: "secondo X e Y", "riporta X", "X ha affermato".

    Returns the speakers and the offsets of the mentions that name them, which are then
    kept out of the event's own roles.
    """
    found: list[Mention] = []
    n = len(sent.tokens)
    for i in range(n):
        for phrase in cues.attribution_before + cues.attribution_after:
            if sent.phrase_at(i, phrase):
                j = i + len(phrase)
                # the coordinated actors that follow, up to a comma or the start of a clause
                while j < n and sent.lower[j] not in cues.attribution_stop and j < i + len(phrase) + 8:
                    found += [e for e in sent.entities if sent.entity_token(e) == j]
                    j += 1
        if sent.lemmas[i] in cues.reporting_verbs:
            # "X ha affermato" / "X said": the actor just before the verb (with an auxiliary)
            for e in sent.entities:
                k = sent.entity_token(e) + len(e.text.split())
                # up to four words between ("le agenzie sudcoreane e occidentali hanno stimato")
                if 0 <= i - k <= 4 and not _has_comma(sent, k, i):
                    found.append(e)
    actors, ids, offsets = [], set(), set()
    for e in found:
        offsets.add(e.start)
        if e.entity_id not in ids:
            ids.add(e.entity_id)
            actors.append(_actor(e))
    return actors, offsets


def _cue_tokens(sent: _Sentence, cues: Cues) -> set[int]:
    covered: set[int] = set()
    for i in range(len(sent.tokens)):
        for phrase in cues.attribution_before + cues.attribution_after + cues.agent:
            if sent.phrase_at(i, phrase):
                covered.update(range(i, i + len(phrase)))
    return covered


def _has_comma(sent: _Sentence, a: int, b: int) -> bool:
    return any(sent.lower[k] == "," for k in range(a, b))


def _with_outlet(doc: Doc, attribution: list[Actor]) -> tuple[Actor, ...]:
    if not doc.article.outlet:
        return tuple(attribution)
    slug = re.sub(r"[^a-z0-9]+", "-", doc.article.outlet.lower()).strip("-")
    return (Actor(id=f"outlet:{slug}", name=doc.article.outlet, sector="media"), *attribution)


def _factuality(sent: _Sentence, cues: Cues) -> tuple[str, str]:
    """The strongest factuality cue in the sentence; the cue list is ordered by priority."""
    text = " ".join(sent.lower)
    for value, _phrase, pattern in cues.factuality:
        match = pattern.search(text)
        if match:
            return value, match.group()
    return "asserted", ""


def _context(sent: _Sentence, rule: Rule) -> str:
    if rule.context:
        return rule.context
    lemmas = set(sent.lemmas)
    for name, words in rule.context_cues:
        if lemmas & words:
            return name
    return ""


def _time(sent: _Sentence, timexes: list[Mention], i: int, cues: Cues) -> tuple[Interval | None, str]:
    """The resolved time expression nearest the trigger, outside relative clauses.

    A relative clause between trigger and time ("soldati ... in Russia per combattere le
    forze che hanno occupato Kursk ad agosto") dates something else, not the event.
    """
    resolved = []
    for t in timexes:
        if not t.value.get("start"):
            continue
        k = sent.index_at(t.start)
        lo, hi = sorted((i, k))
        if any(sent.lower[j] in cues.relative_pronouns for j in range(lo + 1, hi)):
            continue
        resolved.append((abs(k - i), t))
    if not resolved:
        return None, ""
    best = min(resolved, key=lambda pair: pair[0])[1]
    return Interval.from_dict(best.value), best.text


def _quantity(sent: _Sentence, quantities: list[Mention], obj: int | None, at: int) -> Quantity | None:
    inside = [q for q in quantities if sent.mention.start <= q.start < sent.mention.end]
    if not inside:
        return None
    if obj is not None:
        obj_lemma = sent.lemmas[obj]
        counted = [
            q
            for q in inside
            if q.end <= sent.tokens[obj].idx + len(sent.tokens[obj].text) + 40
            and sent.tokens[obj].idx - q.end < 40
            and (q.label or q.value.get("unit"))
        ]
        counted = [q for q in counted if _unit_matches(q, obj_lemma)] or counted
        if counted:
            inside = counted
    best = min(inside, key=lambda q: abs(q.start - at))
    v = best.value
    return Quantity(
        value=v.get("value"),
        lower=v.get("lower"),
        upper=v.get("upper"),
        unit=v.get("unit", best.label),
        text=best.text,
        start=best.start,
        end=best.end,
    )


def _unit_matches(q: Mention, obj_lemma: str) -> bool:
    unit = (q.value.get("unit") or q.label or "").lower()
    return bool(unit) and (unit.startswith(obj_lemma[:5]) or obj_lemma in q.text.lower())


def _place(sent: _Sentence, actor_ids: set[str]) -> Actor | None:
    for e in sent.entities:
        if e.label == "city" and e.value.get("place_id"):
            value: dict[str, Any] = e.value
            return Actor(id=value["place_id"], name=value.get("place_name", e.text), start=e.start, end=e.end)
    return None
