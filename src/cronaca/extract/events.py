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

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from cronaca.errors import ResourceError
from cronaca.extract.attribution import attribution_chain, with_outlet
from cronaca.extract.cues import Cues, load_cues  # noqa: F401 (re-exported for scorers)
from cronaca.extract.pipeline import Doc, component
from cronaca.extract.sentence_view import SentenceView, actor_from
from cronaca.model import Actor, EventMention, Interval, Mention, Quantity, Span, content_id
from cronaca.resources import load_yaml

COMPONENT = "events@2"
_Sentence = SentenceView  # the name scorers and older callers import
ACTOR_LABELS = {"country", "capital", "metonym", "demonym", "organisation", "person"}


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


@component(
    "events",
    version=2,
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
            sent = SentenceView(doc, sentence, entities)
            if not sent.tokens:
                continue
            _extract_sentence(doc, sent, rules, version, cues, timexes, quantities)

    return process


def _extract_sentence(doc, sent, rules, version, cues, timexes, quantities) -> None:
    words = _trigger_words(rules)
    if not any(lem in words or low in words for lem, low in zip(sent.lemmas, sent.lower, strict=True)):
        return  # most sentences: no trigger, so no cue analysis either
    chain = attribution_chain(doc, sent, cues)
    attribution, attribution_ids = chain.actors, chain.offsets
    cue_tokens = chain.cue_tokens  # "according to" is no AGREE trigger
    # nor is a word inside a time expression or a name ("in March" is no PROTEST "march")
    named = [
        (m.start, m.end)
        for m in (*sent.entities, *timexes)
        if sent.mention.start <= m.start < sent.mention.end
    ]
    cue_tokens |= {i for i, t in enumerate(sent.tokens) if any(s <= t.idx < e for s, e in named)}
    sentence_factuality = _factuality(sent, cues)
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
            time, time_text = _time(sent, sentence_timexes, i, cues, chain.region)
            published = doc.article.published
            if time is None and published is not None:
                time = Interval.on_or_before(published.end, published.precision)
            factuality, cue_text = factuality_at(sent, i, cues) if cues.negation else sentence_factuality
            if factuality == "asserted" and attribution:
                factuality, cue_text = "reported", attribution[0].cue
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
                factuality=factuality,
                factuality_cue=cue_text,
                attribution=with_outlet(doc, attribution),
                participants=_participants(sent, i, (*source, *target), attribution_ids),
                equipment=_equipment(sent, i, obj),
                quote=chain.quote,
                rule=f"{rule.id}@{version}",
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


def _find_object(sent: SentenceView, i: int, rule: Rule, passive: bool = False) -> int | None:
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


def _is_passive(sent: SentenceView, i: int, cues: Cues) -> bool:
    if not re.search(cues.participle, sent.lower[i]):
        return False
    return any(sent.lemmas[j] in cues.passive_aux for j in range(max(0, i - 2), i))


def _agent(
    sent: SentenceView, i: int, cues: Cues, hi: int, exclude: set[int], multiword_only: bool
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
        source = [actor_from(agent[0])]
    elif obj is not None:
        # A demonym on the object noun: "soldati nordcoreani", "North Korean troops".
        near = [e for e in actors if e.label == "demonym" and abs(sent.entity_token(e) - obj) <= 2]
        if near:
            source = [actor_from(near[0], "military" if near[0].value.get("sector") else "")]
    subject = [actor_from(left[-1])] if left else []
    if not source and not passive:
        source = subject

    target: list[Actor] = []
    source_ids = {a.id for a in source}
    candidates = [e for e in right if e.entity_id not in source_ids and (not agent or e is not agent[0])]
    if passive and subject and subject[0].id not in source_ids:
        target = subject
    elif rule.target == "next" and candidates:
        target = [actor_from(candidates[0])]
    elif rule.target == "preps":
        for e in candidates:
            k = sent.entity_token(e)
            before = {sent.lower[k - 1], sent.lower[k - 2] if k >= 2 else ""}
            if before & rule.target_preps:
                target = [actor_from(e)]
                break
    if "source" in rule.require and not source:
        return None
    if "target" in rule.require and not target:
        return None
    if not source and not target:
        return None
    return tuple(source), tuple(target)


def factuality_at(sent: SentenceView, i: int, cues: Cues) -> tuple[str, str]:
    """The factuality of the event whose trigger is token ``i``.

    The sentence's strongest cue, except that a negation right before the trigger in its
    own clause ("non ha inviato", "did not send", "never sent") makes it ``negated`` —
    unless the sentence already says who denied or did not acknowledge it.
    """
    value, cue = _factuality(sent, cues)
    if value in ("denied", "not_acknowledged"):
        return value, cue
    lo = i
    while lo > 0 and i - lo < 4 and sent.lower[lo - 1] not in {",", ";", ":"}:
        lo -= 1
    for j in range(lo, i):
        if sent.lower[j] in cues.negation:
            return "negated", " ".join(t.text for t in sent.tokens[j : i + 1])
    return value, cue


def _factuality(sent: SentenceView, cues: Cues) -> tuple[str, str]:
    """The strongest factuality cue in the sentence; the cue list is ordered by priority."""
    text = " ".join(sent.lower)
    for value, _phrase, pattern in cues.factuality:
        match = pattern.search(text)
        if match:
            return value, match.group()
    return "asserted", ""


def _participants(
    sent: SentenceView, i: int, roles: tuple[Actor, ...], exclude: set[int]
) -> tuple[Actor, ...]:
    """Other actors named in the trigger's clause: neither source, target nor a cited source."""
    lo, hi = sent.clause_bounds(i)
    taken = {a.start for a in roles} | exclude
    out: dict[str, Actor] = {}
    for e in sent.entities:
        if e.label in ACTOR_LABELS and e.start not in taken and lo <= sent.entity_token(e) < hi:
            out.setdefault(e.entity_id or "", actor_from(e))
    ids = {a.id for a in roles}
    return tuple(a for key, a in out.items() if key and key not in ids)


def _equipment(sent: SentenceView, i: int, obj: int | None) -> tuple[Actor, ...]:
    """Weapons and equipment in the trigger's clause: recognised weapon entities, else the
    rule's object noun ("droni", "container")."""
    lo, hi = sent.clause_bounds(i)
    weapons = [e for e in sent.entities if e.label == "weapon" and lo <= sent.entity_token(e) < hi]
    if weapons:
        return tuple(actor_from(e) for e in weapons)
    if obj is None:
        return ()
    token = sent.tokens[obj]
    end = token.idx + len(token.text)
    return (Actor(f"equipment:{sent.lemmas[obj]}", token.text, start=token.idx, end=end),)


def _context(sent: SentenceView, rule: Rule) -> str:
    if rule.context:
        return rule.context
    lemmas = set(sent.lemmas)
    for name, words in rule.context_cues:
        if lemmas & words:
            return name
    return ""


def _time(
    sent: SentenceView, timexes: list[Mention], i: int, cues: Cues, skip: set[int] = frozenset()
) -> tuple[Interval | None, str]:
    """The resolved time expression nearest the trigger, outside relative clauses.

    A relative clause between trigger and time ("soldati ... in Russia per combattere le
    forze che hanno occupato Kursk ad agosto") dates something else, not the event.
    """
    resolved = []
    for t in timexes:
        if not t.value.get("start"):
            continue
        k = sent.index_at(t.start)
        if k in skip:  # inside "according to a report published on Wednesday": dates the report
            continue
        lo, hi = sorted((i, k))
        if any(sent.lower[j] in cues.relative_pronouns for j in range(lo + 1, hi)):
            continue
        # a vague reference ("negli ultimi anni", PAST_REF) only when nothing sharper is there
        resolved.append((str(t.value.get("value", "")).endswith("_REF"), abs(k - i), t))
    if not resolved:
        return None, ""
    best = min(resolved, key=lambda item: item[:2])[2]
    return Interval.from_dict(best.value), best.text


def _quantity(sent: SentenceView, quantities: list[Mention], obj: int | None, at: int) -> Quantity | None:
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


def _place(sent: SentenceView, actor_ids: set[str]) -> Actor | None:
    for e in sent.entities:
        if e.label == "city" and e.value.get("place_id"):
            value: dict[str, Any] = e.value
            return Actor(id=value["place_id"], name=value.get("place_name", e.text), start=e.start, end=e.end)
    return None
