"""Event mentions: who did what to whom, with time, place, quantity, source and certainty.

The engine is generic; the rules are data (``resources/<lang>/events.yaml``). A rule
names a PLOVER type (or a declared extension), its trigger lemmas (verbal or nominal),
an optional object that must be near the trigger, and how roles are found
(:mod:`cronaca.extract.events.roles`, inside the trigger's clause: :mod:`cronaca.extract.events.clauses`).
Time is the time expression nearest the trigger; quantity the one whose unit the rule
counts; place from the trigger's clause or the article's focus (``places``); mode from the
words near the trigger (:mod:`cronaca.extract.events.modes`).

Attribution ("secondo X", "according to X", "X said"; a next sentence "Lo riferiscono i
media statali.") comes from :mod:`cronaca.extract.events.attribution`, factuality (reportative
conditional, modals, rumour, denial, non-acknowledgement, negation, per clause) from
:mod:`cronaca.extract.events.factuality`, both with cue lists in ``resources/<lang>/cues.yaml``.
Lemmas come from simplemma (no Italian statistical spaCy pipeline exists on PyPI); a
lemma-based engine keeps rules short across inflection.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import cache

from cronaca.errors import ResourceError
from cronaca.extract.base import Doc, component
from cronaca.extract.events.attribution import (
    Chain,
    attribution_chain,
    lend_attribution,
    relative_verb,
    reports_previous,
    with_outlet,
)
from cronaca.extract.events.clauses import SENTENCE_PARTS, Clauses, clauses_of
from cronaca.extract.events.coreference import resolve_generic_groups
from cronaca.extract.events.cues import Cues, load_cues  # noqa: F401 (re-exported for scorers)
from cronaca.extract.events.discourse import KINDS as INHERIT_KINDS
from cronaca.extract.events.discourse import RECENT
from cronaca.extract.events.factuality import factuality_at  # noqa: F401 (re-exported for scorers)
from cronaca.extract.events.factuality import sentence_factuality as _factuality  # noqa: F401
from cronaca.extract.events.modes import mode_at
from cronaca.extract.events.places import event_place
from cronaca.extract.events.roles import (
    ACTOR_LABELS,
    PLACE_LABELS,
    THAT,
    RoleContext,
    equipment,
    event_words,
    events_data,
    find_object,
    is_passive,
    is_verbal,
    participants,
    roles,
    victims,
)
from cronaca.extract.sentence_view import SentenceView, actor_from, linked_entities
from cronaca.model import Actor, EventMention, Interval, Mention, Quantity, Span, content_id
from cronaca.resources import load_yaml

COMPONENT = "events@2"
_Sentence = SentenceView  # the name scorers and older callers import
__all__ = ["ACTOR_LABELS", "Rule", "events", "factuality_at", "load_rules"]
TARGETS = {"preps", "next", "direct", "none"}


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
    target: str  # preps | next | direct | none
    target_preps: frozenset[str]
    target_within: int
    require: frozenset[str]
    context_cues: tuple[tuple[str, frozenset[str]], ...]
    genitive: str = ""  # source | target: "la visita di Kim", "l'invasione dell'Ucraina"
    parties: str = ""  # relative: "un accordo in base al quale X fornirà … a Y" is X and Y's
    unless: frozenset[str] = frozenset()  # words right after the trigger that unmake it ("released a video")
    object_optional: bool = False  # the object only tells whose thing was hit (owner), it is not required
    object_place: bool = False  # a named place right after the trigger is the object too ("captured Goma")
    direct: bool = False  # with target preps: a direct object is a target too ("attacked Greece")
    owner: str = ""  # target | source: the object's owner has that role ("downed five Indian jets")
    object_role: str = ""  # source | target: the object names that role ("trasferito i migranti")
    negated_only: bool = False  # fires only when negated: "non ha convalidato" is a rejection
    source_preps: frozenset[str] = frozenset()  # the source follows one: "fell to the rebels"
    subject_role: str = ""  # target: the subject is the target ("X received asylum from Y"); victim: always
    source_sectors: frozenset[str] = frozenset()  # the source must be armed: "i ribelli sono entrati"
    target_sectors: frozenset[str] = frozenset()  # the target must be armed: "Rwanda backs the M23"
    speaker_source: bool = False  # the sentence's speaker is the source ("X must go", said Y)
    noun_subject: bool = True  # False: a nominal trigger takes no subject from its left ("le vittime")
    intransitive: bool = False  # "è fuggito", "si sono scambiati": essere + participle is no passive here
    symmetric: bool = False  # sides named together as subject ("X e Y si sono scambiati"): source and target
    inherit: str = ""  # conflict | reaction: roles from the article's fighting (extract/events/discourse.py)
    verb_only: bool = False  # the trigger words are verbs: "the Syrian conflict" is no event of theirs
    domestic: bool = True  # False: no domestic target ("ha bloccato lo stretto" hits no one at home)
    not_after: frozenset[str] = frozenset()  # nouns the trigger completes ("via di fuga"): no event

    @property
    def toll(self) -> bool:
        """A count of dead or wounded (``assault.casualties``): its people are victims, and a
        state counting them counts its own."""
        return self.type == "ASSAULT" and self.inherit == "conflict"


@cache
def load_rules(language: str) -> tuple[int, tuple[Rule, ...]]:
    try:
        data = load_yaml(f"{language}/events.yaml")
    except ResourceError:
        return 0, ()
    ontology = load_yaml("ontology/plover.yaml")
    known = {**ontology["types"], **ontology["extension"]}
    rules = []
    raws = [(raw, False) for raw in data.get("rules", [])]
    for extra in data.get("include") or []:  # generated rule files, tried after the hand rules
        # dictionaries of verb patterns (PETRARCH-2's): their words are verbs, never nouns
        verbs_only = bool(data.get("include_verbs_only"))
        raws += [(raw, verbs_only) for raw in load_yaml(f"{language}/{extra}").get("rules", [])]
    for raw, verbs_only in raws:
        kind = raw["type"]
        if kind not in known:
            raise ResourceError(f"{language}/events.yaml rule {raw.get('id')}: unknown event type {kind!r}")
        obj = raw.get("object", {})
        target = raw.get("target", "preps")
        if not isinstance(target, list) and target not in TARGETS:
            raise ResourceError(
                f"{language}/events.yaml rule {raw.get('id')}: target {target!r} is not a list of "
                f"prepositions nor one of {sorted(TARGETS)}"
            )
        if raw.get("inherit", "") not in ("", *INHERIT_KINDS):
            raise ResourceError(
                f"{language}/events.yaml rule {raw.get('id')}: inherit {raw['inherit']!r} is not one of "
                f"{sorted(INHERIT_KINDS)}"
            )
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
                genitive=raw.get("genitive", ""),
                parties=raw.get("parties", ""),
                direct=bool(raw.get("direct", False)),
                object_optional=bool(obj.get("optional", False)),
                object_place=bool(obj.get("place", False)),
                unless=frozenset(raw.get("unless", [])),
                owner=raw.get("owner", ""),
                inherit=raw.get("inherit", ""),
                symmetric=bool(raw.get("symmetric", False)),
                intransitive=bool(raw.get("intransitive", False)),
                noun_subject=bool(raw.get("noun_subject", True)),
                source_preps=frozenset(raw.get("source_preps", [])),
                negated_only=bool(raw.get("negated_only", False)),
                object_role=obj.get("role", ""),
                subject_role=raw.get("subject_role", ""),
                speaker_source=bool(raw.get("speaker_source", False)),
                source_sectors=frozenset(raw.get("source_sectors", [])),
                target_sectors=frozenset(raw.get("target_sectors", [])),
                verb_only=verbs_only or bool(raw.get("verb_only", False)),
                domestic=bool(raw.get("domestic", True)),
                not_after=frozenset(raw.get("not_after", [])),
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
        entities = linked_entities(doc)
        timexes = doc.of_kind("timex")
        quantities = doc.of_kind("quantity")
        words = _trigger_words(rules)
        recent: list[Actor] = []  # named sources so far: "l'emittente" is the last broadcaster
        previous: list[int] = []  # indices in doc.events of the previous sentence's events
        forward: Chain | None = None  # "Secondo NHK:" at the end of a sentence cites the next one
        last: Actor | None = None  # the source cited last: "He added that …" is the same one
        sentences = doc.of_kind("sentence")
        for n, sentence in enumerate(sentences):
            sent = SentenceView(doc, sentence, entities)
            if not sent.lower:
                continue
            has_trigger = not (words.isdisjoint(sent.lemmas) and words.isdisjoint(sent.lower))
            cites_previous = reports_previous(sent, cues)
            if not (has_trigger or cites_previous or sent.lower[-1] == ":"):
                previous, forward = [], None  # most sentences: no trigger, so no cue analysis either
                continue
            chain = attribution_chain(doc, sent, cues, tuple(recent), words, last)
            recent.extend(a for a in chain.actors if not a.id.startswith("source:"))
            last = next((a for a in reversed(chain.actors) if a.role == "source"), last)
            first = len(doc.events)
            if has_trigger and _may_fire(rules, sent):

                def told_by(n=n, recent=tuple(recent)) -> tuple[Actor, ...]:
                    return _told_next(doc, sentences, n, entities, cues, recent, words)

                _extract_sentence(doc, sent, rules, version, cues, chain, timexes, quantities, told_by)
            added = list(range(first, len(doc.events)))
            if cites_previous and chain.actors:
                for k in previous:
                    doc.events[k] = lend_attribution(doc.events[k], chain)
            if forward is not None:
                for k in added:
                    doc.events[k] = lend_attribution(doc.events[k], forward)
            forward = chain if sent.lower[-1] == ":" and chain.actors and not added else None
            previous = added
        resolve_generic_groups(doc)  # "the rebels" of an article about the M23 are the M23

    return process


def _may_fire(rules: tuple[Rule, ...], sent: SentenceView) -> bool:
    """Whether some rule of a trigger word of the sentence can fire. A rule that needs an
    object (and takes no place instead) cannot where the sentence holds none of its object
    words: "essere" triggers the forces-present rule, which needs "soldati", "truppe" …, in
    over half the sentences of Italian news. Skipping those leaves the events as they are."""
    words = _trigger_words(rules)
    held: set[str] | None = None
    for lem, low in zip(sent.lemmas, sent.lower, strict=True):
        if lem not in words and low not in words:
            continue
        for rule in _rules_for(rules, lem, low):
            if not rule.objects or rule.object_optional or rule.object_place:
                return True
            if held is None:
                held = {*sent.lemmas, *sent.lower}
            if not rule.objects.isdisjoint(held):
                return True
    return False


def _told_next(doc: Doc, sentences, n: int, entities, cues: Cues, recent, words) -> tuple[Actor, ...]:
    """The speakers of the sentence after the ``n``-th when it only says who told this one
    ("«Il regime sionista si pentirà». È quanto si legge sul profilo X di Pezeshkian")."""
    if n + 1 >= len(sentences):
        return ()
    after = SentenceView(doc, sentences[n + 1], entities)
    if not after.lower or not reports_previous(after, cues):
        return ()
    speakers = _speakers(attribution_chain(doc, after, cues, tuple(recent), words))
    if speakers:
        return speakers
    # "È quanto si legge sul profilo X del presidente Pezeshkian": the one the sentence names
    named = [e for e in after.entities if e.entity_id and e.label in ACTOR_LABELS]
    return (actor_from(named[0]),) if named else ()


def _extract_sentence(doc, sent, rules, version, cues, chain, timexes, quantities, told_by=None) -> None:
    words = _trigger_words(rules)
    cue_tokens = set(chain.cue_tokens)  # "according to" is no AGREE trigger
    # nor is a word inside a time expression or a name ("in March" is no PROTEST "march")
    named = [
        (m.start, m.end)
        for m in (*sent.entities, *timexes)
        if sent.mention.start <= m.start < sent.mention.end
        and m.label != "agent"  # a generic agent is also a trigger: "demonstrators blocked a road"
    ]
    for start, end in named:  # the tokens that start inside the span
        cue_tokens.update(range(bisect.bisect_left(sent.starts, start), bisect.bisect_left(sent.starts, end)))
    cue_tokens |= _in_titles(sent)
    clauses = clauses_of(sent, cues)
    people = doc.cache.get("people")  # the same for every sentence: the events add no mention
    if people is None:
        people = doc.cache["people"] = tuple(
            e for e in doc.of_kind("entity") if e.label == "person" and e.entity_id
        )
    # every person the sentence names, linked or not: a toll's victims ("Hossein Salami was killed")
    named_people = doc.cache.get("persons")
    if named_people is None:
        named_people = doc.cache["persons"] = tuple(e for e in doc.of_kind("entity") if e.label == "person")
    persons = [e for e in named_people if sent.mention.start <= e.start < sent.mention.end]
    ctx = RoleContext(sent, cues, clauses, words, _cited(sent, chain), chain.region, people, doc.language)
    # the story so far: a casualty count inherits its sides (not from what used to happen)
    habitual = doc.cache.get("habitual", set())
    ctx.earlier = [*doc.headline, *(e for e in doc.events if e.id not in habitual)]
    published = doc.article.published
    if published is not None:  # an undated event is the news: the week before its report
        ctx.news = Interval(published.end - RECENT, published.end, "day")
    ctx.speakers = _speakers(chain)
    ctx.speaker_at = dict(chain.where)
    if told_by is not None:
        ctx.told_by = told_by  # read only by a `speaker_source` rule in a sentence that cites no one
    sentence_timexes = [t for t in timexes if sent.mention.start <= t.start < sent.mention.end]
    taken: set[int] = set()
    kept: dict[tuple, int] = {}  # one event per type and actors in a sentence: its index in doc.events
    for i, lem in enumerate(sent.lemmas):
        if lem not in words and sent.lower[i] not in words:
            continue
        # the sources cited in the trigger's part of the sentence (a ";" starts another part)
        attribution = [a for a in chain.actors if _in_scope(sent, i, chain.where.get(a.id, i), cues)]
        for rule in _rules_for(rules, lem, sent.lower[i]):
            if i in taken or i in cue_tokens:
                continue
            if rule.unless and _unmade(sent, i, rule.unless):
                continue
            if rule.not_after and any(sent.lower[j] in rule.not_after for j in range(max(0, i - 2), i)):
                continue  # "via di fuga", "vie di fuga": a noun the trigger completes
            if _an_alternative(sent, i, cues):
                taken.add(i)  # "gli resta la resa o la morte", "war or peace": an option, no event
                continue
            if rule.verb_only and _noun_use(sent, i, cues):
                continue
            if _a_label(sent, i, doc.language, cues, clauses):
                taken.add(i)  # "what he called an “act of war”": a name given, no event
                continue
            if _unreal(sent, i, doc.language):
                # "esercitarsi a bloccare l'isola", "drills simulating attacks"; "per evitare
                # vittime civili", "to avoid casualties": none happened
                taken.add(i)
                continue
            if _depicted(sent, i, doc.language):
                taken.add(i)  # "videos depicting … military vehicles patrolling city streets"
                continue
            if rule.type in DURATIVE_TYPES and _durative(sent, i, cues, doc.language):
                taken.add(i)  # "a 14-year war", "per decenni … migliaia di vittime": background
                continue
            if rule.negated_only and not _negated(sent, i, cues):
                continue
            obj = find_object(sent, i, rule, is_passive(sent, i, cues))
            if obj is None and rule.object_place:
                obj = _place_object(sent, i, cues)
            if rule.objects and obj is None and not rule.object_optional:
                continue
            ctx.time = _time(sent, sentence_timexes, i, cues, chain.region)[0]  # sides inherit within it
            found = roles(ctx, i, obj, rule)
            if found is None:
                continue
            source, target = found
            trigger_span = Span(sent.starts[i], sent.starts[i] + len(sent.texts[i]), sent.texts[i])
            if rule.inherit == "sighting" and target and not attribution:
                # "le forze di difesa taiwanesi hanno rilevato 19 navi cinesi": what was seen is
                # known from the one who saw it
                attribution = [replace(a, role="source", cue=trigger_span.text) for a in target]
            time, time_text = _time(sent, sentence_timexes, i, cues, chain.region)
            published = doc.article.published
            if time is None and published is not None:
                time = Interval.on_or_before(published.end, published.precision)
            context = _context(sent, rule)
            factuality, cue_text = factuality_at(sent, i, cues)
            if rule.negated_only and factuality == "negated":
                factuality, cue_text = "asserted", ""  # the refusal itself is what happened
            if rule.type in THREAT_TYPES and factuality == "future":
                factuality, cue_text = "asserted", ""  # "Israel will pay": the threat is made now
            if factuality in ("denied", "negated") and cue_text.casefold() == trigger_span.text.casefold():
                # "the court denied the request": the denial happened (a future ending on the
                # trigger, "torneranno", still says when)
                factuality, cue_text = "asserted", ""
            if factuality == "asserted" and (demand := _demanded(sent, i, rules, clauses)):
                factuality, cue_text = "future", demand  # "demanded that Israel withdraw": not done
            if factuality == "denied" and not attribution and (denier := _denier(sent, source, cue_text, i)):
                attribution = denier  # "Rwanda has denied such support": Rwanda's own word
            # "«Questo attacco non resterà senza risposta», ha dichiarato Islamabad": the threat is
            # made by saying it, so it stays asserted
            cited = attribution or list(ctx.speakers)
            hearsay = factuality == "asserted" and not _says_it(rule, cited, source)
            if hearsay and attribution:
                factuality, cue_text = "reported", attribution[0].cue
            elif hearsay and (said := _said(sent, i, cues)) is not None:
                factuality, cue_text = "reported", said  # "Chaudhry said five were killed", ", it said"
            event = EventMention(
                id=content_id(doc.article.id, rule.id, str(trigger_span.start), prefix="e_"),
                article_id=doc.article.id,
                type=rule.type,
                mode=rule.mode or mode_at(sent, i, rule.type, doc.language, clauses),
                context=context,
                cameo=rule.cameo,
                start=sent.mention.start,
                end=sent.mention.end,
                text=sent.mention.text,
                trigger=trigger_span,
                source_actors=source,
                target_actors=target,
                place=event_place(doc, sent, clauses, i, (*source, *target)),
                time=time,
                time_text=time_text,
                quantity=None
                if rule.type in UNCOUNTED
                else _quantity(sent, quantities, obj, i, is_passive(sent, i, cues)),
                factuality=factuality,
                factuality_cue=cue_text,
                attribution=with_outlet(doc, attribution),
                participants=_participants(ctx, i, (*source, *target), persons, rule),
                # the object noun is equipment only in a military context ("droni", not "fame")
                equipment=equipment(sent, i, obj if context == "military" else None, doc.language),
                quote=chain.quote,
                rule=f"{rule.id}@{version}",
                component=COMPONENT,
            )
            taken.add(i)
            if _circumstance_of_toll(sent, i, rule, doc.language):
                continue  # "killed in the strikes": the strikes are the toll's circumstance, one event
            if _habitual(sent, i, doc.language):
                # "i siti da dove venivano organizzati gli attacchi contro l'India": what used to
                # happen stays an event, but gives later tolls and reactions no sides
                doc.cache.setdefault("habitual", set()).add(event.id)
            else:
                ctx.told.append((i, event))
            signature = (event.type, tuple(a.id for a in source), tuple(a.id for a in target))
            untargeted = (event.type, signature[1], ())
            near = [
                k for k, n in kept.items() if k[:2] == signature[:2] and _one_telling(doc.events[n], event)
            ]
            if target and source and untargeted in near:
                # "imposed sanctions on Belarus": the verb without its target and the noun with it
                # tell one event; the telling that names the target stands for both
                kept[signature] = kept.pop(untargeted)
                doc.events[kept[signature]] = event
            elif not target and source and near:
                continue
            elif signature not in kept:
                kept[signature] = len(doc.events)
                doc.events.append(event)
            elif event.quantity is not None and doc.events[kept[signature]].quantity is None:
                # the same event told twice: keep the telling that counts it
                doc.events[kept[signature]] = event


@cache
def _request_words(rules: tuple[Rule, ...]) -> frozenset[str]:
    # the hand rules' demands: generated verb patterns hold verbs such as "confirm" under REQUEST
    return frozenset(w for r in rules if r.type == "REQUEST" and ".petrarch." not in r.id for w in r.triggers)


def _demanded(sent: SentenceView, i: int, rules: tuple[Rule, ...], clauses: Clauses) -> str:
    """The demand whose "that"-clause holds the trigger ("demanded that Israel withdraw",
    "chiede che Israele ritiri"): what is demanded is not yet done. Returns the demand's words."""
    marker = clauses.marker(i)
    if marker < 0 or marker >= i or sent.lower[marker] not in THAT:
        return ""
    words = _request_words(rules)
    for j in range(marker - 1, max(-1, marker - 1 - 4), -1):
        if sent.lemmas[j] in words or sent.lower[j] in words:
            return " ".join(sent.texts[j : marker + 1])
    return ""


def _participants(ctx: RoleContext, i: int, roles: tuple, persons: list[Mention], rule: Rule) -> tuple:
    """The clause's other actors; in a count of dead or wounded (``assault.casualties``), the
    people named are its victims first."""
    others = participants(ctx, i, roles)
    if not rule.toll:
        return others
    hit = victims(ctx, i, roles, persons)
    ids = {a.id for a in hit}
    return hit + tuple(a for a in others if a.id not in ids)


# talks count no one: "talks in Istanbul, where both sides agreed to swap 1,000 people each"
UNCOUNTED = frozenset({"CONSULT"})
ONE_TELLING = 25  # characters between a support verb and its noun: "imposed new sanctions"


def _one_telling(a: EventMention, b: EventMention) -> bool:
    """Two triggers close enough to be a verb and the noun it carries, not two acts."""
    return abs(a.trigger.start - b.trigger.start) <= ONE_TELLING


# acts done by saying them: when the one cited is the one who acts, the saying is the act
SPEECH_ACTS = frozenset({"THREATEN", "REQUEST", "ACCUSE", "REJECT", "SUPPORT", "AGREE"})


def _denier(sent: SentenceView, source: list[Actor], cue: str, i: int) -> list[Actor]:
    """The event's source as the one citing, when it denies its own act: named before the
    denial, the denial before the trigger ("Rwanda has denied such support", "il Ruanda nega di
    sostenere l'M23"). A denial by someone else ("Russia denied that Ukraine attacked") has
    the denier before the source: nothing."""
    at = sent.starts[i]
    named = [a for a in source if a.end is not None and a.end <= at]
    if not cue or not named:
        return []
    text, base = sent.mention.text, sent.mention.start
    between = text[max(a.end for a in named) - base : at - base].casefold()
    if cue.casefold() not in between:
        return []
    return [replace(a, role="source", cue=cue) for a in named]


def _says_it(rule: Rule, attribution: list[Actor], source: list[Actor]) -> bool:
    """A threat, a demand, an accusation told as its doer's words ("Iran said Israel will pay a
    heavy price", "«Questo attacco non resterà senza risposta», ha dichiarato Islamabad") is
    asserted, not reported: who is cited made it by saying it."""
    doers = {a.id for a in source} | {a.country for a in source if a.country}
    return (
        rule.type in SPEECH_ACTS
        and bool(doers)
        and all(a.id in doers or (a.country and a.country in doers) for a in attribution)
    )


# a threat tells what is to come: its future tense is the threat's, not a doubt about it
THREAT_TYPES = frozenset({"THREATEN"})
STATE_SECTORS = frozenset({"military", "government", "police", "intelligence"})


def _speakers(chain: Chain) -> tuple[Actor, ...]:
    """Who the sentence cites, as actors that can do what they say they did: named sources,
    and an unnamed state organ of a named country ("the Sudanese army said it shot down …")
    as that country."""
    from cronaca.extract.entities import lookup

    out = []
    for a in chain.actors:
        if a.role != "source":
            continue
        if not a.id.startswith("source:"):
            out.append(a)
        elif a.country and a.sector in STATE_SECTORS:
            name = (lookup(a.country) or {}).get("name", a.country)
            out.append(Actor(a.country, name, a.sector, country=a.country))
    return tuple(out)


def _in_titles(sent: SentenceView) -> set[int]:
    """Capitalised words inside a run of capitalised words in running text: part of a title or
    a name ("the ministry's Deputy Press Secretary", "il Comitato per la Protesta Civile"), no
    trigger. A sentence mostly in capitals (a title-case headline) is left alone."""
    words = [k for k, text in enumerate(sent.texts) if text[:1].isalpha()]
    capital = {k for k in words if sent.texts[k][:1].isupper()}
    if not words or len(capital) * 2 > len(words):
        return set()
    joiners = {"of", "for", "di", "per", "del", "della", "dei", "degli", "delle", "la", "il", "e", "and"}

    def capitalised_next(k: int, step: int) -> bool:
        j = k + step
        while 0 <= j < len(sent.lower) and sent.lower[j] in joiners and abs(j - k) <= 2:
            j += step
        return j in capital and j != 0

    return {k for k in capital if k > 0 and (capitalised_next(k, -1) or capitalised_next(k, 1))}


PUNCTUATION = frozenset(',;:.()"«»“”')
UNLESS_WINDOW = 6  # "released a series of propaganda videos": the unmaking noun may sit this far


def _unmade(sent: SentenceView, i: int, unless: frozenset[str]) -> bool:
    """Whether a word of the rule's ``unless`` list follows the trigger in its phrase (up to
    the next punctuation): "released a video", "were killed in" (a passive, not a presence)."""
    for j in range(i + 1, min(len(sent.lower), i + 1 + UNLESS_WINDOW)):
        if sent.lemmas[j] in unless or sent.lower[j] in unless:
            return True
        if sent.lower[j] in PUNCTUATION:
            return False
    return False


ALTERNATIVE = frozenset({"o", "or", "oppure", "either"})


def _an_alternative(sent: SentenceView, i: int, cues: Cues) -> bool:
    """A trigger offered as one of two options ("gli resta la resa o la morte", "surrender or
    death", "withdraw or face sanctions"): "or" right after it, or right before it past an
    article. An option is no event."""
    low, arts = sent.lower, cues.clauses.articles
    after = i + 1 < len(low) and low[i + 1] in ALTERNATIVE
    j = i - 1
    while j >= 0 and low[j] in arts:
        j -= 1
    before = j >= 0 and low[j] in ALTERNATIVE and j < i - 1
    return after or before


AVOIDANCE_WINDOW = 4  # "evitare il più possibile vittime"
REHEARSAL_WINDOW = 3


HABITUAL_WINDOW = 6  # "venivano organizzati e diretti gli attacchi"


@cache
def _habitual_cues(
    language: str,
) -> tuple[frozenset[str], re.Pattern[str] | None, tuple[tuple[str, ...], ...]]:
    """``habitual`` of the language's events.yaml: auxiliaries, trigger endings, phrases."""
    spec = events_data(language).get("habitual") or {}
    endings = spec.get("endings") or []
    ending = re.compile(r"..(?:" + "|".join(map(re.escape, endings)) + ")$") if endings else None
    phrases = tuple(tuple(str(p).split()) for p in spec.get("phrases") or [])
    return frozenset(spec.get("auxiliaries") or []), ending, phrases


def _habitual(sent: SentenceView, i: int, language: str) -> bool:
    """Whether the trigger tells what used to happen (``habitual`` in events.yaml): an
    auxiliary up to six words before it ("da dove venivano organizzati gli attacchi"), a
    trigger with a habitual ending ("attaccavano i villaggi"), or a phrase ending before it
    ("used to")."""
    auxiliaries, ending, phrases = _habitual_cues(language)
    for j in range(i, max(-1, i - 1 - HABITUAL_WINDOW), -1):
        if j < i and sent.lower[j] in PUNCTUATION:
            return False
        word = sent.lower[j]
        if word in auxiliaries or (j == i and ending is not None and ending.match(word)):
            return True
        if any(j + 1 >= len(p) and tuple(sent.lower[j + 1 - len(p) : j + 1]) == p for p in phrases):
            return True
    return False


def _unreal(sent: SentenceView, i: int, language: str) -> bool:
    """Whether the trigger is what a drill rehearses, a word of ``rehearsal`` up to three words
    before it ("per esercitarsi a bloccare l'isola", "drills simulating an attack on Taiwan",
    "a mock invasion"), or what one means to avoid, a word of ``avoidance`` up to four words
    before it ("per evitare il più possibile vittime civili", "to avoid civilian
    casualties"), with no punctuation between: no event either way. One walk back serves both."""
    rehearsal, avoidance = event_words(language, "rehearsal"), event_words(language, "avoidance")
    for j in range(i - 1, max(-1, i - 1 - max(REHEARSAL_WINDOW, AVOIDANCE_WINDOW)), -1):
        word, lemma = sent.lower[j], sent.lemmas[j]
        if word in PUNCTUATION:
            return False
        if i - j <= REHEARSAL_WINDOW and (word in rehearsal or lemma in rehearsal):
            return True
        if i - j <= AVOIDANCE_WINDOW and (word in avoidance or lemma in avoidance):
            return True
    return False


def _depicted(sent: SentenceView, i: int, language: str) -> bool:
    """Whether the trigger is part of what a picture or a video depicts ("propaganda videos
    depicting Chinese warships encircling Taiwan and military vehicles patrolling city
    streets", "lo ha raffigurato come un insetto … su una Taiwan in fiamme"): a scene, no
    event. Only depicting verbs: "a video showing troops shelling a village" is evidence of
    one."""
    words = event_words(language, "depiction")
    for j in range(i - 1, -1, -1):
        if sent.lower[j] in SENTENCE_PARTS:
            return False
        if sent.lower[j] in words or sent.lemmas[j] in words:
            return True
    return False


DURATIVE_TYPES = frozenset({"FIGHT", "ASSAULT"})
AGO = frozenset({"ago", "fa", "later", "dopo", "before", "prima", "earlier"})


@cache
def _durative_cues(language: str) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """``durative`` words and phrases of the language's events.yaml."""
    data = events_data(language).get("durative", {})
    return frozenset(data.get("words", [])), tuple(tuple(p.split()) for p in data.get("phrases", []))


def _durative(sent: SentenceView, i: int, cues: Cues, language: str) -> bool:
    """Whether a conflict is told by its length, so it is the background and no event: a
    length word on a nominal trigger ("a 14-year war", "decades of insurgency", "una guerra
    decennale", "un conflitto di 14 anni"), or a phrase of duration before the trigger in the
    sentence ("per decenni c'è stata un'insurrezione che ha causato migliaia di vittime").
    "Two years ago" and "in decades" (a comparison) are no length."""
    words, phrases = _durative_cues(language)
    low = sent.lower
    for n in range(i):
        if any(tuple(low[n : n + len(p)]) == p for p in phrases) and n + 1 < i:
            return True
    if is_verbal(sent, i, cues):
        return False
    for j in range(max(0, i - 3), min(len(low), i + 4)):
        if j == i or low[j] not in words:
            continue
        if j + 1 < len(low) and low[j + 1] in AGO:
            continue
        if j > 0 and low[j - 1] in ("in", "da", "dal", "since", "within", "entro", "tra", "fra"):
            continue
        if j < i or j == i + 1 or low[i + 1] in ("di", "of", "lunga", "long", "durata"):
            return True
    return False


SAID_AFTER = 3  # ", it said", "», ha dichiarato il ministro": the verb this close after a comma


def _said(sent: SentenceView, i: int, cues: Cues) -> str | None:
    """A reporting verb that governs the trigger though no source was linked: an unknown or
    pronoun speaker ("Chaudhry said three people were killed", "He added that Pakistan had
    begun strikes", "Assad is reported to have fled", "…, it said"). Returns the verb. A verb
    right before a noun is an announcement of that act, which the gold codes as done
    ("Turkey announced direct contacts"), so the clause must come at least three words on."""
    low = sent.lower
    for j in range(i - 1, -1, -1):
        if low[j] in SENTENCE_PARTS or low[j] == ",":
            break  # "…, sottolineando che …, Xi ha lanciato": that verb's clause ended at the comma
        if _reporting(sent, j, cues) and i - j >= 3 and j > 0:
            return sent.texts[j]
    for j in range(i + 1, len(low)):
        if low[j] in SENTENCE_PARTS:
            break
        if (
            _reporting(sent, j, cues)
            and any(low[k] in (",", "»", "”", '"') for k in range(max(i + 1, j - SAID_AFTER), j))
            and not relative_verb(sent, j, cues)  # "fell to the rebels, who announced …"
        ):
            return sent.texts[j]
    return None


def _reporting(sent: SentenceView, j: int, cues: Cues) -> bool:
    return sent.lemmas[j] in cues.reporting_verbs or sent.lower[j] in cues.reporting_verbs  # "detto"


def _noun_use(sent: SentenceView, i: int, cues: Cues) -> bool:
    """A trigger word used as a noun: after a determiner, past demonyms and numbers ("the
    Syrian conflict", "a strike", "their struggle")."""
    cc = cues.clauses
    j = i - 1
    while j >= 0 and (any(e.label == "demonym" for e in sent.entities_at(j)) or sent.lower[j].isdigit()):
        j -= 1
    return j >= 0 and (sent.lower[j] in cc.articles or sent.lower[j] in cc.possessives)


NAMING_WINDOW = 5  # tokens from a naming verb to the label noun: "called it an “act of war”"
NOT_NAMING = frozenset({"for", "on", "upon", "off", "per", "a"})  # "called for attacks": a request
LABEL_MARKS = frozenset({"a", "an", "as", "un", "una", "uno", "un'", "come"})  # what opens the name given


@cache
def _naming_verbs(language: str) -> frozenset[str]:
    """The name-calling rules' triggers ("call", "brand", "definire"): what follows them is a name."""
    return frozenset(w for r in load_rules(language)[1] if r.id.endswith("name_calling") for w in r.triggers)


def _a_label(sent: SentenceView, i: int, language: str, cues: Cues, clauses: Clauses) -> bool:
    """Whether a nominal trigger is the name a speaker gives something ("condemned the strikes,
    calling them a cowardly attack", "what he called an act of war", "l'ha definita
    un'aggressione"): the thing named is told elsewhere, the name is no event of its own."""
    naming = _naming_verbs(language)
    near = range(max(0, i - NAMING_WINDOW), i)
    if not any(sent.lemmas[j] in naming or sent.lower[j] in naming for j in near):
        return False  # most triggers: no naming verb near, nothing more to read
    if is_verbal(sent, i, cues):
        return False
    for j in range(i - 1, max(-1, i - 1 - NAMING_WINDOW), -1):
        if not clauses.same(j, i) or sent.lower[j] in (",", ";", ":", "."):
            return False
        if (sent.lemmas[j] in naming or sent.lower[j] in naming) and (
            j + 1 >= len(sent.lower) or sent.lower[j + 1] not in NOT_NAMING
        ):
            # the name, not the thing named: "branded the raid an act of aggression"
            return any(sent.lower[k] in LABEL_MARKS for k in range(j + 1, i))
    return False


def _place_object(sent: SentenceView, i: int, cues: Cues) -> int | None:
    """The first token of a town, region or capital named right after the trigger (articles
    skipped): "captured Goma", "seized the Gaza Strip"."""
    j = i + 1
    while j < len(sent.lower) and sent.lower[j] in cues.clauses.articles:
        j += 1
    for e in sent.entities:
        if e.label in PLACE_LABELS and sent.entity_token(e) == j:
            return j
    return None


def _negated(sent: SentenceView, i: int, cues: Cues) -> bool:
    """A negation within three words before the trigger ("non ha convalidato", "did not approve")."""
    return any(sent.lower[j] in cues.negation for j in range(max(0, i - 3), i))


@cache
def _circumstances(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """``circumstance`` prepositions and ``toll`` words of the language's events.yaml."""
    data = events_data(language)
    return frozenset(data.get("circumstance", [])), frozenset(data.get("toll", []))


def _circumstance_of_toll(sent: SentenceView, i: int, rule: Rule, language: str) -> bool:
    """A nominal attack right after "in"/"nei"/"during" in a sentence that counts the dead
    ("were killed in the strikes", "sono morti nei raid") is the toll's circumstance: the toll
    event tells the fact, a second FIGHT event would tell it twice."""
    if rule.type != "FIGHT":
        return False
    preps, tolls = _circumstances(language)
    before = {sent.lower[k] for k in range(max(0, i - 3), i)}
    if not before & preps:
        return False
    return any(lem in tolls or low in tolls for lem, low in zip(sent.lemmas, sent.lower, strict=True))


def _cited(sent: SentenceView, chain: Chain) -> set[int]:
    """Entity offsets of cited sources, with the other names they go by right beside them
    ("Korean Central News Agency (Kcna)")."""
    cited = set(chain.offsets)
    # a demonym inside a generic source ("the Sudanese army said") names no other mention
    ids = {e.entity_id for e in sent.entities if e.start in cited and e.label != "demonym"}
    for e in sent.entities:
        if e.entity_id in ids and e.start not in cited:
            k = sent.entity_token(e)
            if any(abs(sent.entity_token(c) - k) <= 4 for c in sent.entities if c.start in cited):
                cited.add(e.start)
    return cited


_INDEXES: dict[int, tuple[tuple[Rule, ...], frozenset[str], dict[str, tuple[int, ...]]]] = {}


def _index(rules: tuple[Rule, ...]) -> tuple[frozenset[str], dict[str, tuple[int, ...]]]:
    """Every trigger word of a rule set, and for each word the positions of the rules it
    triggers, in file order. Keyed by the identity of the (cached, immutable) rule tuple:
    hashing a thousand frozen rules on every sentence cost more than the rules themselves."""
    hit = _INDEXES.get(id(rules))
    if hit is None or hit[0] is not rules:
        by_word: dict[str, list[int]] = {}
        for k, rule in enumerate(rules):
            for word in rule.triggers:
                by_word.setdefault(word, []).append(k)
        hit = (rules, frozenset(by_word), {w: tuple(ks) for w, ks in by_word.items()})
        _INDEXES[id(rules)] = hit
    return hit[1], hit[2]


def _trigger_words(rules: tuple[Rule, ...]) -> frozenset[str]:
    return _index(rules)[0]


def _rules_for(rules: tuple[Rule, ...], lemma: str, word: str) -> list[Rule]:
    """The rules a token fires, in file order: those listing its lemma or its form."""
    by_word = _index(rules)[1]
    positions = set(by_word.get(lemma, ())) | set(by_word.get(word, ()))
    return [rules[k] for k in sorted(positions)]


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
        if _dateline(sent, k, sent.index_at(max(t.start, t.end - 1))):
            continue  # "Roma, 30 gennaio 2025 - …": the day of the report, not of the event
        lo, hi = sorted((i, k))
        if any(
            sent.lower[j] in cues.relative_pronouns or sent.lower[j] in SENTENCE_PARTS
            for j in range(lo + 1, hi)
        ):
            continue  # nor does a time in another part of the sentence ("…; Seul ha affermato a ottobre")
        if _in_other_clause(sent, cues, i, k):
            continue  # "the province, where the rebels launched an offensive in March, saw …"
        if k > i and _reduced_relative(sent, cues, i, k):
            continue  # "the swap … under an agreement reached in Istanbul earlier this month"
        if _first_time_since(sent, k):
            continue  # "per la prima volta dalla guerra dell'ottobre 1973": not when, but since when
        # a vague reference ("negli ultimi anni", PAST_REF) only when nothing sharper is there
        resolved.append((str(t.value.get("value", "")).endswith("_REF"), abs(k - i), t))
    if not resolved:
        return None, ""
    best = min(resolved, key=lambda item: item[:2])[2]
    return Interval.from_dict(best.value), best.text


SINCE = frozenset({"since", "da", "dal", "dalla", "dallo", "dall'", "dai", "dagli", "dalle"})
FIRST_TIME = (("first", "time"), ("prima", "volta"))
SINCE_WINDOW = 8  # tokens from "since" to its time: "dalla guerra dello Yom Kippur dell'ottobre 1973"


def _first_time_since(sent: SentenceView, k: int) -> bool:
    """Whether the time at ``k`` is what "the first time since" counts from ("for the first
    time since 2014", "per la prima volta dal 1973", "… dalla guerra dell'ottobre 1973"): the
    event happens now, that time is the last one it happened before."""
    low = sent.lower
    for j in range(k - 1, max(-1, k - 1 - SINCE_WINDOW), -1):
        if low[j] in PUNCTUATION:
            return False
        if low[j] in SINCE:
            return any(tuple(low[n : n + 2]) in FIRST_TIME for n in range(max(0, j - 3), j))
    return False


def _reduced_relative(sent: SentenceView, cues: Cues, i: int, k: int) -> bool:
    """Whether a past participle right after a noun stands between the trigger and a later
    time ("a swap carried out under an agreement reached in Istanbul earlier this month",
    "lo scambio previsto dall'accordo firmato a Istanbul il 16 maggio"): the time dates that
    participle's event. The trigger's own participle ("the swap, completed on Sunday") is the
    first one after it, and counts only past a noun other than the trigger."""
    for j in range(i + 2, k):
        if not re.search(cues.participle, sent.lower[j]) or sent.lemmas[j] in cues.passive_aux:
            continue
        before, cc = sent.lower[j - 1], cues.clauses
        if before in cues.passive_aux or before in cc.finite_aux or before == ",":
            continue  # "was completed on Sunday", ", completed on Sunday": the trigger's own verb
        if before in cc.articles or before in cc.prepositions or before in cc.genitive:
            continue  # "dello scorso 22 aprile": an adjective
        if before in ("and", "or", "e", "o", "ed") or before.endswith(("ly", "mente")):
            continue  # "has fled and received asylum": the same subject's verb
        after = sent.lower[j + 1] if j + 1 < len(sent.lower) else ""
        if not (after in cc.prepositions or j + 1 == k):
            continue  # a reduced relative goes on with where or when: "reached in Istanbul"
        # the noun opens its own phrase ("an agreement reached", "l'accordo firmato"); "200
        # carri armati in Ucraina" is a noun and its adjective
        det = sent.lower[j - 2] if j >= 2 else ""
        if not (det in cc.articles or det in cc.prepositions or det in cc.genitive):
            continue
        if before.isalpha() and not sent.texts[j - 1][:1].isupper() and j - 1 != i:
            return True
    return False


def _in_other_clause(sent: SentenceView, cues: Cues, i: int, k: int) -> bool:
    """Whether token ``k`` (a time expression) sits in a relative clause that does not hold
    the trigger at ``i``: that time dates the relative clause's event. (A temporal clause
    dates its main clause too: "quando a marzo il Sudan ha attaccato, il Ciad ha schierato".)"""
    clauses = clauses_of(sent, cues)
    return clauses.kind(k) == "relative" and not clauses.same(i, k)


DASHES = frozenset({"-", "–", "—"})


def _dateline(sent: SentenceView, first: int, last: int) -> bool:
    """A date opening the text before a dash, after at most a place and a comma ("ROMA, 30
    GEN -", "Kyiv, May 25 –"): the dateline of the report."""
    if sent.mention.start > 200:  # only at the top of the text
        return False
    after = {sent.lower[j] for j in range(last + 1, min(len(sent.lower), last + 3))}
    return first <= 5 and bool(after & DASHES)


def _quantity(
    sent: SentenceView, quantities: list[Mention], obj: int | None, i: int, passive: bool = False
) -> Quantity | None:
    """The quantity near the object whose unit it counts, else the one nearest the trigger;
    never one from another part of the sentence (after a ";")."""
    at = sent.starts[i]
    inside = [
        q
        for q in quantities
        if sent.mention.start <= q.start < sent.mention.end and _same_part(sent, i, sent.index_at(q.start))
    ]
    if not inside:
        return None
    if obj is not None:
        obj_lemma = sent.lemmas[obj]
        counted = [
            q
            for q in inside
            if q.end <= sent.starts[obj] + len(sent.texts[obj]) + 40
            and sent.starts[obj] - q.end < 40
            and (q.label or q.value.get("unit"))
        ]
        counted = [q for q in counted if _unit_matches(q, obj_lemma)] or counted
        if counted:
            inside = counted
    if passive:  # "14 persone sono state uccise e 30 ferite": the subject's count, before the participle
        inside = [q for q in inside if q.end <= at] or inside
    # a count that holds the trigger counts it ("almeno cinque morti e cinquanta feriti": 5 dead)
    best = min(inside, key=lambda q: 0 if q.start <= at < q.end else abs(q.start - at))
    v = best.value
    unit = v.get("unit", best.label)
    if any(e.label == "demonym" and best.start < e.start < best.end for e in sent.entities):
        unit = "people"  # "25 indiani", "12 Palestinians": people, whatever their country
    return Quantity(
        value=v.get("value"),
        lower=v.get("lower"),
        upper=v.get("upper"),
        unit=unit,
        text=best.text,
        start=best.start,
        end=best.end,
    )


COMPLEMENTIZERS = frozenset({"that", "che", "whether", "se"})


def _in_scope(sent: SentenceView, i: int, at: int, cues: Cues) -> bool:
    """Whether a source cited at token ``at`` speaks for the trigger at ``i``: in the same part
    of the sentence, and not a speaker named after the trigger whose words open a clause of
    their own ("Mentre la Turchia ha annunciato contatti…, l'Iran ha sottolineato che …": not
    Iran's). "Israel struck Gaza, Iran said" and "«…», ha detto Biden" stay the speaker's."""
    if not _same_part(sent, i, at):
        return False
    if at <= i:
        return True
    if relative_verb(sent, at, cues):
        return False  # "in mano ai ribelli che annunciano …": the relative speaks for itself only
    # a reporting verb right before "that"/"che" opens the speaker's own complement; "secondo la
    # Francia, che cita fonti" is a relative clause about the source, which still speaks
    return not any(
        sent.lower[k] in COMPLEMENTIZERS and _reporting(sent, k - 1, cues)
        for k in range(at + 1, min(len(sent.lower), at + 5))
    )


def _same_part(sent: SentenceView, a: int, b: int) -> bool:
    lo, hi = sorted((a, b))
    return not any(sent.lower[j] in SENTENCE_PARTS for j in range(lo, hi))


def _unit_matches(q: Mention, obj_lemma: str) -> bool:
    unit = (q.value.get("unit") or q.label or "").lower()
    return bool(unit) and (unit.startswith(obj_lemma[:5]) or obj_lemma in q.text.lower())
