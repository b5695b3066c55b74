"""Who did it to whom: the source and target actors of one event trigger, without a parser.

Roles are looked for inside the trigger's clause (:mod:`cronaca.extract.events.clauses`):

- **source**: (1) an agent phrase after the trigger ("da parte della Corea del Nord", "by
  X") that belongs to it: none when another trigger or participle stands between them
  ("fornire supporto allo sviluppo … da parte della Corea del Nord": the developer is not
  the supplier); (2) for rules with ``genitive: source``, a name right after "di"/"of"
  ("la visita di Kim"); (3) a demonym on the object ("soldati nordcoreani"); (4) for an
  active trigger, the nearest actor on its left in the clause, unless that actor is the
  object of a verb of its own ("a sfidare gli Stati Uniti e a testare le armi": the United
  States do not test); (5) with none of these, the clause's implicit subject: the antecedent
  of a relative clause ("la Corea del Sud che produceva"), the subject of the sentence for a
  coordinate or gerund clause ("Kim ha affermato … e ha ordinato"), or the last actor named
  before a possessive ("la sua visita a Pyongyang"); (6) a bare title as subject ("il leader
  aveva visitato", "the president signed"): the person last named before it in the article
  who holds that role (``titles`` in ``entities/roles.yaml``, ``roles`` in
  ``entities/people.yaml``). A passive trigger's subject is its target and its agent its source.
- **target**: by the rule's ``target``: ``preps`` (the first actor after one of the rule's
  prepositions), ``next`` (the first actor after the trigger), ``direct`` (the first actor
  with no preposition before it: a direct object), ``none``; and for rules with
  ``genitive: target``, a name right after "di"/"of" ("l'invasione dell'Ucraina").

Cited sources are never roles, except as the implicit subject of a clause of their own
("Kim ha affermato che … e ha ordinato").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from cronaca.errors import ResourceError
from cronaca.extract.entities.agents import titles as office_words
from cronaca.extract.entities.registry import military_nouns
from cronaca.extract.events.attribution import reporting_verb
from cronaca.extract.events.clauses import Clauses
from cronaca.extract.events.cues import Cues
from cronaca.extract.events.discourse import NON_STATE, both_sides, inherit, lone_state
from cronaca.extract.sentence_view import SentenceView, actor_from
from cronaca.model import Actor, EventMention, Interval, Mention, slug
from cronaca.resources import load_yaml

if TYPE_CHECKING:
    from cronaca.extract.events.component import Rule

ACTOR_LABELS = {"country", "capital", "metonym", "demonym", "organisation", "person", "agent"}
ONE_WORD_AGENT = 5  # how far after its trigger a one-word agent ("dalla", "by") may stand


@dataclass
class RoleContext:
    """What role finding needs to know about one sentence."""

    sent: SentenceView
    cues: Cues
    clauses: Clauses
    triggers: frozenset[str]  # every rule's trigger words: an agent phrase belongs to the nearest
    exclude: set[int] = field(default_factory=set)  # entity offsets of cited sources
    region: set[int] = field(default_factory=set)  # tokens of "secondo X" phrases
    people: tuple[Mention, ...] = ()  # the article's person mentions: "il leader" is the last one
    language: str = ""
    earlier: list = field(default_factory=list)  # the article's events so far (extract/events/discourse.py)
    speakers: tuple[Actor, ...] = ()  # named sources the sentence cites: "India said it struck"
    speaker_at: dict[str, int] = field(default_factory=dict)  # speaker id → token of its cue or name
    # who the next sentence says told this one ("«…». È quanto si legge sul profilo di X"): the
    # speaker of a `speaker_source` rule when the sentence names none; a function, since reading
    # the next sentence costs and few sentences need it
    told_by: Callable[[], tuple[Actor, ...]] = lambda: ()
    told: list = field(default_factory=list)  # (trigger token, event) of this sentence so far
    time: Interval | None = None  # the trigger's own time expression, when it has one
    news: Interval | None = None  # the week before the article's date: when an undated event happened
    _actors: dict[bool, tuple[Mention, ...]] = field(default_factory=dict, repr=False)  # actors()'s

    def actors(self, cited: bool = False) -> list[Mention]:
        """The sentence's actor mentions (with the cited sources when ``cited``), filtered once
        per sentence: the role rules ask for them many times per trigger, and neither the
        sentence's entities nor the cited sources change while its triggers are read."""
        found = self._actors.get(cited)
        if found is None:
            found = self._actors[cited] = tuple(
                e
                for e in self.sent.entities
                if e.label in ACTOR_LABELS
                and (cited or e.start not in self.exclude)
                and not (e.value or {}).get("names")  # "il tribunale di Roma": Rome names the court
            )
        return list(found)


def find_object(sent: SentenceView, i: int, rule: Rule, passive: bool = False) -> int | None:
    """The object lemma near the trigger; a passive trigger's object is its subject, before it."""
    if not rule.objects:
        return None
    lo, hi = sent.clause_bounds(i)
    side = "any" if passive and rule.object_side == "after" else rule.object_side
    window = rule.window + 3 if passive else rule.window  # "le armi … potrebbero essere cedute"
    if side in ("after", "any"):
        for j in range(i + 1, min(hi, i + 1 + rule.window)):
            if sent.lemmas[j] in rule.objects or sent.lower[j] in rule.objects:
                return j
    if side in ("before", "any"):
        for j in range(i - 1, max(lo - 1, i - 1 - window), -1):
            if sent.lemmas[j] in rule.objects or sent.lower[j] in rule.objects:
                return j
    return None


def is_passive(sent: SentenceView, i: int, cues: Cues) -> bool:
    """A participle after a passive auxiliary ("è stato arrestato", "were killed"), or one
    followed by its agent ("arrestato dai ribelli", "backed by Russia")."""
    if not re.search(cues.participle, sent.lower[i]):
        return False
    if any(sent.lemmas[j] in cues.passive_aux for j in range(max(0, i - 2), i)):
        return True
    if i > 0 and sent.lower[i - 1] == "," and _participle_form(sent, i, cues):
        return True  # an appositive participle: "l'M23, accusato di …", "Assad, ousted by …"
    followed_by_agent = i + 1 < len(sent.lower) and (sent.lower[i + 1],) in _one_word_agents(cues)
    return followed_by_agent and _participle_form(sent, i, cues)


def _one_word_agents(cues: Cues) -> set[tuple[str, ...]]:
    return {phrase for phrase in cues.agent if len(phrase) == 1}


def is_verbal(sent: SentenceView, i: int, cues: Cues) -> bool:
    """Whether a trigger is plainly a verb: an infinitive, a participle or gerund, or a word
    right after a finite auxiliary. Finite forms ("ordina", "sent") are not told apart from
    nouns."""
    cc = cues.clauses
    word = sent.lower[i]
    if i > 0 and (sent.lower[i - 1] in cc.articles or sent.lower[i - 1] in cc.possessives):
        return False  # "the shelling", "their killing", "il bombardare": a noun after a determiner
    return bool(
        re.search(cc.infinitive, word)
        or _participle_form(sent, i, cues)
        or re.search(cues.gerund, word)
        or (i > 0 and (sent.lower[i - 1] in cc.finite_aux or sent.lower[i - 1] in cc.infinitive_markers))
    )


def roles(
    ctx: RoleContext, i: int, obj: int | None, rule: Rule
) -> tuple[tuple[Actor, ...], tuple[Actor, ...]] | None:
    """Source and target actors of the trigger at token ``i``; None when the rule's
    requirements are not met or neither role is found."""
    sent, cues = ctx.sent, ctx.cues
    own = set(ctx.clauses.tokens(i))
    # a complement the trigger opens holds its target: "demanded that Hamas renounce …"
    reach = own | _complement_after(ctx, i)
    actors = ctx.actors()
    left = [
        e
        for e in actors
        if sent.entity_token(e) in own
        and sent.entity_token(e) < i
        and (obj is None or sent.entity_token(e) != obj)
    ]
    right = [
        e
        for e in actors
        if sent.entity_token(e) in reach
        # a person's title and country count as the name: "con il presidente Paul Kagame"
        and i < _described_from(ctx, e) < i + 1 + rule.target_within
        # what is sent is no target
        and (obj is None or not sent.entity_token(e) <= obj <= sent.entity_end_token(e))
    ]
    passive = is_passive(sent, i, cues) and not rule.intransitive
    verbal = is_verbal(sent, i, cues) or passive  # "sono stati uccisi": a participle after its auxiliary

    source: list[Actor] = []
    used: Mention | None = None
    # An agent phrase names the doer of a passive or nominal trigger ("l'invio … da parte
    # della Corea del Nord", "the development of missiles by Iran"); a one-word agent ("by")
    # after an active verb with a subject is something else ("supplied by sea").
    agent = _agent(ctx, i, own, multiword_only=bool(left) and verbal and not passive)
    if agent is not None and not passive and rule.target == "preps":
        k = sent.entity_token(agent)
        one_word = {p[0] for p in cues.agent if len(p) == 1}
        if {sent.lower[k - 1], sent.lower[k - 2] if k >= 2 else ""} & rule.target_preps & one_word:
            # "il ritiro delle truppe dal Niger": "dal" says from where, not by whom
            agent = _agent(ctx, i, own, multiword_only=True)
    genitive = _genitive(ctx, i, own) if rule.genitive else None
    # the object names a role: "ha trasferito i migranti" (target), "i migranti torneranno" (source)
    obj_actor = (
        next((e for e in actors if sent.entity_token(e) <= obj <= sent.entity_end_token(e)), None)
        if obj is not None
        else None
    )
    after_prep = _after_source_prep(ctx, i, own, rule) if rule.source_preps else None
    # a trigger that heads a generic agent names its doer: "the protesters", "i manifestanti"
    # ("police detained dozens of protesters": the protesters protest, not the police)
    inside = next(
        (e for e in actors if e.label == "agent" and sent.entity_token(e) <= i <= sent.entity_end_token(e)),
        None,
    )
    if inside is not None:
        source, used = [actor_from(inside)], inside
    elif after_prep is not None:
        # "Goma è caduta nelle mani dell'M23", "received asylum from Russia"
        source, used = [actor_from(after_prep)], after_prep
    elif agent is not None:
        source, used = [actor_from(agent)], agent
    elif genitive is not None and rule.genitive == "source":
        source, used = [actor_from(genitive)], genitive
    elif not verbal and (own_demonym := _demonym_on(ctx, i)) is not None:
        # a nominal trigger's demonym is its doer: "Indian strikes", "i raid israeliani"
        source, used = [actor_from(own_demonym)], own_demonym
    owned: list[Actor] = []
    if obj is not None and rule.owner == "source" and not source:
        # whose forces were seen is who moved them: "detected 19 Chinese warships"
        source = [actor_from(e) for e in [_owner(ctx, obj)] if e is not None]
    if obj is not None and rule.owner == "target":
        # the owner of the object hit is the target: "cinque aerei nemici indiani", "Iran's bases"
        owned = [actor_from(e) for e in [_owner(ctx, obj)] if e is not None]
    elif (
        obj is not None
        and agent is None
        and rule.owner != "source"
        and not (genitive is not None and rule.genitive == "source")
    ):
        # A demonym on the object noun: "soldati nordcoreani", "North Korean troops".
        # On the noun itself, not after a preposition ("drones towards Israeli territory").
        near = [
            e
            for e in actors
            if e.label == "demonym"
            and abs(sent.entity_token(e) - obj) <= 2
            and not _after_preposition(ctx, sent.entity_token(e))
        ]
        if near:
            source = [actor_from(near[0], "military" if near[0].value.get("sector") else "")]
    subjects = [e for e in left if not verbal or _subject_position(ctx, sent.entity_token(e))]
    # a nominal trigger after a preposition ("will pay a price for the strikes", "nei raid")
    # has no subject on its left: the name there is the subject of another verb
    governed = not verbal and (
        not rule.noun_subject
        or _object_of_infinitive(ctx, i)
        or _object_of_verb(ctx, i)
        # "resurfaced with support from Rwanda": what the subject has (subject_role target) is its own
        or (_nominal_after_preposition(ctx, i) and rule.subject_role != "target")
    )
    if governed:
        # "ha promesso di contrastare la minaccia": the threat is not the promiser's; "the UN
        # demanded the withdrawal", "Pakistan condemned the attack": not the UN's, not Pakistan's
        subjects = []
    # "soldati nordcoreani sarebbero in Russia per combattere": not Russia; "i ribelli del M23,
    # …, capoluogo della Repubblica Democratica del Congo, ora minacciano": not Congo; "il governo
    # cinese vuole il controllo di Taiwan, e durante le esercitazioni …": not Taiwan
    free = [e for e in subjects if not _after_preposition(ctx, sent.entity_token(e))]
    speaker_goes_on = (
        bool(subjects) and not free and bool(ctx.speakers) and not verbal and not rule.speaker_source
    )
    subjects = free or subjects
    if verbal and i > 0 and sent.lower[i - 1] == "by" and sent.lower[i].endswith("ing"):
        # "A Rome court dealt a blow to Meloni's plan by denying orders": the sentence's subject
        subjects = [e for e in subjects if not _after_preposition(ctx, sent.entity_token(e))][:1] or subjects
    subject = [actor_from(e) for e in _conjuncts(ctx, subjects[-1], left)] if subjects else []
    if speaker_goes_on:
        # "Il governo cinese dice di voler riprendere il controllo di Taiwan, e durante le
        # esercitazioni …": only a name after a preposition before the noun; the speaker goes on
        subject = _nearest_speaker(ctx, i)
    if rule.speaker_source and not source:
        # "«Assad deve essere punito», ha detto Biden": the speaker demands it of the subject
        speaker = _nearest_speaker(ctx, i) if ctx.speakers else list(ctx.told_by()[:1])
        source = [a for a in speaker if a.id not in {s.id for s in subject}]
    if rule.subject_role == "victim" and subject:
        subject_as_target, subject = subject, []  # "five civilians died": who dies is no doer
    elif rule.subject_role == "target" and subject and (source or rule.inherit == "sighting"):
        # "Assad received asylum from Russia"; "Taiwan detected 19 ships": the seer, even when
        # the ships' owner is left to the article's dyad
        subject_as_target, subject = subject, []
    else:
        subject_as_target = []
    if obj_actor is not None and rule.object_role == "source" and not source:
        source = [actor_from(obj_actor)]
    if verbal and not source and not passive and (shared := _shared_subject(ctx, i)):
        source = shared  # "entered the capital and taken control": who entered took it
    if verbal and not source and not passive and (asked := _asked_to_act(ctx, i)) is not None:
        source = [actor_from(asked)]  # "ha chiesto alla Russia di ritirare", "called for Iran to free"
    if not source and not passive and not governed:
        source = subject or _implicit_subject(ctx, i) or _title_subject(ctx, i, own)

    target: list[Actor] = []
    source_ids = {a.id for a in source}
    candidates = [e for e in right if e.entity_id not in source_ids and e is not used]
    if rule.inherit == "conflict" and not source:
        # "killed in Indian strikes", "uccisi nei raid israeliani": the demonym of the means is the
        # doer; so is a group naming the attack ("in a Hezbollah attack", "nell'attacco di Hamas")
        means = [
            e
            for e in candidates
            if _after_circumstance(ctx, sent.entity_token(e))
            and (e.label == "demonym" or (e.label == "organisation" and _names_the_attack(ctx, e)))
        ]
        if means:
            source = [actor_from(means[0])]
            source_ids = {a.id for a in source}
            candidates = [e for e in candidates if e.entity_id not in source_ids]
    if passive and subject and subject[0].id not in source_ids:
        target = subject
    elif rule.target == "next" and candidates:
        target = [actor_from(candidates[0])]
    elif rule.target == "direct":
        direct = [e for e in candidates if not _after_preposition(ctx, sent.entity_token(e))]
        target = [actor_from(direct[0])] if direct else []
    elif rule.target == "preps":
        for e in candidates:
            k = _described_from(ctx, e)  # "con il presidente Paul Kagame": before the title
            # between the trigger and the name: "to discuss Ukraine" has no "to" before Ukraine
            before = {sent.lower[j] for j in (k - 1, k - 2) if j > i}
            if (
                before & rule.target_preps
                or _in_target_phrase(ctx, i, k, rule)
                or _second_between(ctx, i, k, rule)
            ):
                target = [actor_from(e)]
                break
        if not target and rule.direct and not passive:
            # a direct object; after a finite form not told from a noun ("Sudan strikes Chad"),
            # only right after the trigger with a subject before it
            direct = [
                e
                for e in candidates
                if not _after_preposition(ctx, sent.entity_token(e))
                and (verbal or (left and _right_after(ctx, i, sent.entity_token(e))))
            ]
            target = [actor_from(direct[0])] if direct else []
    if owned and not target and owned[0].id not in source_ids:
        target = owned
    if obj_actor is not None and rule.object_role == "target" and obj_actor.entity_id not in source_ids:
        target = [actor_from(obj_actor)]
    if subject_as_target and not target:
        target = [a for a in subject_as_target if a.id not in source_ids]
    if (
        not target
        and rule.genitive == "target"
        and genitive is not None
        and genitive.entity_id not in source_ids
    ):
        target = [actor_from(genitive)]
    if rule.parties and not target and all(a.id.startswith("agent:") for a in source):
        # "the two governments signed a deal under which X … Y": the parties, not the generic subject
        source = _parties(ctx, i, own) or source
    if not source and (implied := _implied_source(ctx, i, own)) is not None:
        source = [implied]  # "un attentato terroristico", "a terrorist attack": militants, unnamed
    if ctx.speakers and not passive and _speaker_infinitive(ctx, i):
        # "the rebels claimed to have captured", "ha annunciato di aver conquistato": the speaker did it
        source = list(ctx.speakers[:1])
    if not source and not verbal and rule.noun_subject and ctx.speakers and _announced(ctx, i):
        # "la Turchia ha annunciato contatti con i ribelli": who announces it does it
        source = list(ctx.speakers[:1])
    if not source and not passive and _pronoun_subject(ctx, i):
        # "India confirmed that it launched strikes", "they said they had captured": the pronoun
        # is the speaker, or else the doer of the article's last event
        source = list(ctx.speakers[:1]) or [a for e in ctx.earlier[-1:] for a in e.source_actors]
    if (
        not target
        and source
        and rule.type in COMPLEMENT_TYPES
        and (asked := _complement_subject(ctx, i, source))
    ):
        # "demanded that Israel withdraw", "chiede che il governo si dimetta"; "ha avvertito che
        # il regime sionista si pentirà", "warned that Israel would pay"
        target = asked
    if not target and source and rule.target != "none":
        # a target the clause names without a name, the first of these that finds one: "i migranti
        # per i quali il tribunale non ha convalidato …", "è fuggito a Mosca e la Russia gli ha
        # concesso asilo" (the one who fled), "le forze israeliane sono entrate nel Paese" (Syria)
        for unnamed in (_prepositional_antecedent, _dative_pronoun, _the_country):
            if target := unnamed(ctx, i, source):
                break
    if not target and source and rule.type in REACTION_TYPES and _about_the_fighting(ctx, i, rule):
        # "Trump ha definito l'escalation militare «una vergogna»": both sides of the fighting
        target = [a for a in both_sides(_told_before(ctx, i)) if a.id not in {s.id for s in source}]
    mutual = rule.symmetric or rule.type in MUTUAL_TYPES
    opening_sides = mutual and not source and _both_sides_open(ctx)
    if rule.target != "none" and (opening_sides or _both_sides_named(ctx, i, after_only=bool(target))):
        # a target named after "i due Paesi" is another list ("ai due Paesi … agli Usa")
        # "urged both sides to show restraint", "ha chiesto ai due Paesi di fermarsi"
        also, prefer = (MUTUAL_TYPES | {rule.type}, rule.type) if mutual else (frozenset(), "")
        sides = both_sides(_told_before(ctx, i), also=also, prefer=prefer)
        target = [a for a in sides if a.id not in {s.id for s in source}]
        if not source and mutual:
            source, target = target[:1], target[1:]
    if mutual and len(source) >= 2 and not target and _apart(source):
        # "Russia e Ucraina hanno concordato", "Putin and Kim met": each side is the other's party
        source, target = source[:1], source[1:]
    if mutual and not source and (pair := _between_pair(ctx, i, rule)):
        source, target = [actor_from(pair[0])], [actor_from(pair[1])]  # "lo scambio tra Mosca e Kiev"
    if mutual and not verbal and (pair := _dash_pair(ctx, i)):
        # "the first direct Russia-Ukraine talks", "i colloqui Usa-Cina": the pair holds them
        source, target = [actor_from(pair[0])], [actor_from(pair[1])]
    receiver = None if target or obj is None or rule.target == "none" else _indirect_object(ctx, i, obj)
    if receiver is not None:
        target = [actor_from(receiver)]  # "Russia granted Assad asylum", "offered Kyiv more support"
    if not target and source and rule.type in PLACE_TARGET_TYPES:
        # "Israel bombed Rafah", "la Russia ha colpito Kharkiv": the country of the place hit
        # rebels taking a town of their own country hit its state: only a state is at home there
        home = {a.country or a.id for a in source if a.sector not in NON_STATE}
        target = _place_target(ctx, i, rule, reach, home)
    if not target and source and rule.type in DOMESTIC_TYPES and rule.domestic:
        target = _domestic_target(rule.type, source)
    if rule.inherit == "sighting" and source and {a.polity for a in source} <= {a.polity for a in target}:
        source = []  # "Taiwan said it detected ships near the island": "it" is the seer, not the owner
    if rule.inherit:
        # an attack named with neither side is not told which way it went: only tolls take both
        sides = inherit(
            rule.inherit,
            ctx.earlier,
            tuple(source),
            tuple(target),
            both=rule.type != "FIGHT",
            speakers=ctx.speakers,
            time=ctx.time,
            toll=rule.toll,
            news=ctx.news,
            same_type=rule.type,
        )
        source, target = list(sides[0]), list(sides[1])
    source, target = _speakers_state(ctx, source), _speakers_state(ctx, target)
    if rule.source_sectors and not any(a.sector in rule.source_sectors for a in source):
        return None  # "le truppe sono entrate in città", not "il ministro è entrato in aula"
    if rule.target_sectors and not any(a.sector in rule.target_sectors for a in target):
        return None  # backing rebels is arming a side, "supports the plan" is not
    if "source" in rule.require and not source:
        return None
    if "target" in rule.require and not target:
        return None
    if not source and not target:
        return None
    return tuple(source), tuple(target)


# generic state organs named with no country ("il governo", "the army"): agents.yaml ids
BARE_STATE_AGENTS = frozenset({"agent:government", "agent:military", "agent:police"})


def _speakers_state(ctx: RoleContext, actors: list[Actor]) -> list[Actor]:
    """In what a speaker of one country says, "il governo", "the army" with no country are that
    country's: "il primo ministro siriano ha sottolineato che il governo è pronto a tendere la
    mano" is Syria's government; with no speaker, the one state fighting in the article (above
    a non-state side). With speakers of several countries, or two states fighting, they stay."""
    if not any(a.id in BARE_STATE_AGENTS for a in actors):
        return actors
    countries = {a.country for a in ctx.speakers if a.country}
    if ctx.speakers and (len(countries) != 1 or any(not a.country for a in ctx.speakers)):
        return actors
    # said by no one: the one state among the sides of the article's fighting ("mentre alcuni
    # militari si arrendono" in a story of the M23 taking Goma: Congo's)
    country = countries.pop() if countries else lone_state(ctx.earlier)
    if not country:
        return actors
    return [
        Actor(country, country, a.sector, start=a.start, end=a.end, country=country)
        if a.id in BARE_STATE_AGENTS
        else a
        for a in actors
    ]


MUTUAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})  # done with each other, when no one else is named


def _told_before(ctx: RoleContext, i: int) -> list[EventMention]:
    """The events told before the trigger, in the article and earlier in its sentence ("talks in
    Istanbul, where both sides agreed")."""
    return [*ctx.earlier, *(e for t, e in ctx.told if t < i)]


def _apart(actors: list[Actor]) -> bool:
    """Sides of different countries: "Jordan and Britain", not "the army and the government"."""
    return len({a.country or a.id for a in actors}) >= 2


PLACE_TARGET_TYPES = frozenset({"FIGHT", "ASSAULT", "COERCE"})
PLACE_LABELS = frozenset({"city", "place", "capital"})


def _place_target(ctx: RoleContext, i: int, rule: Rule, reach: set[int], own: set[str]) -> list[Actor]:
    """The country of a town or region an attack hits, when no actor is hit by name: the
    direct object or the name after a target preposition ("bombed Rafah", "missiles on
    Kharkiv"). Not the attacker's own country: a strike at home names no side."""
    sent = ctx.sent
    for e in sent.entities:
        k = sent.entity_token(e)
        country = (e.value or {}).get("actor", "")
        if e.label not in PLACE_LABELS or not country or country in own:
            continue
        if k not in reach or not i < k < i + 1 + rule.target_within:
            continue
        if any(sent.lower[j] in (",", ";", ":") for j in range(i + 1, k)):
            continue
        between = [j for j in range(i + 1, k) if sent.lower[j] not in ctx.cues.clauses.articles]
        # the place itself, after a target preposition, or the place of the thing hit ("bloccato
        # il valico di Rafah", "struck the port of Odesa")
        of_place = len(between) == 2 and sent.lower[between[-1]] in ctx.cues.clauses.genitive
        if not between or sent.lower[between[-1]] in rule.target_preps or of_place:
            name = (e.value or {}).get("name", e.text)
            return [Actor(id=country, name=name, start=e.start, end=e.end, country=country)]
    return []


DOMESTIC_TYPES = frozenset({"PROTEST", "COERCE"})
STATE_SECTORS = frozenset(
    {"", "government", "military", "police", "intelligence", "judiciary", "legislature"}
)
PEOPLE_SECTORS = frozenset({"opposition", "civilian", "protesters", "media", "refugee"})


def _domestic_target(kind: str, source: list[Actor]) -> list[Actor]:
    """The country a domestic act is aimed at when none is named, as PLOVER codes it: a
    state's arrests, bans and curfews hit its own people ("Nigerian authorities jailed 52
    members", "la polizia turca ha arrestato decine di manifestanti": NGA → NGA, TUR → TUR);
    a protest by a country's people is aimed at its government ("students throughout
    Indonesia staged demonstrations": IDN → IDN). A foreign target is named when there is one."""
    countries = {a.country for a in source if a.country}
    if len(countries) != 1:
        return []
    (country,) = countries
    sectors = STATE_SECTORS if kind == "COERCE" else PEOPLE_SECTORS
    if kind == "PROTEST" and any(a.id == country for a in source):
        # a demonym for the protesters ("Nigerians", "Young Algerians") names the people
        if not all(a.sector in sectors or a.sector == "" for a in source):
            return []
    elif not all(a.sector in sectors for a in source):
        return []
    name = next((a.name for a in source if a.id == country), country)
    return [Actor(id=country, name=name, country=country)]


COORDINATORS = frozenset({"and", "e", "ed"})


def _shared_subject(ctx: RoleContext, i: int) -> list[Actor]:
    """The doer of the verb a coordinated verb follows: "the rebels entered the capital and
    taken control of the prison", "le truppe russe sono entrate nella città e hanno ucciso
    cinque civili". The name between them is the first verb's object, not a new subject.
    One word may stand between the conjunction and the verb ("and then", "e poi", "and has")."""
    sent = ctx.sent
    j = i - 1
    one_word = sent.lower[j].isalpha() and sent.texts[j].islower()
    if j >= 1 and sent.lower[j] not in COORDINATORS and one_word:
        j -= 1  # "and then killed", "e hanno ucciso"
    if j < 1 or sent.lower[j] not in COORDINATORS:
        return []
    before = [(t, e) for t, e in ctx.told if t < j and not any(sent.lower[k] == ";" for k in range(t, j))]
    if not before:
        return []
    return list(before[-1][1].source_actors)


BETWEEN = frozenset({"between", "tra", "fra"})


def _second_between(ctx: RoleContext, i: int, k: int, rule: Rule) -> bool:
    """The second name of "between X and Y" after the trigger ("a swap carried out between
    Moscow and Kiev": Kiev, when Moscow is the source already)."""
    sent = ctx.sent
    if not BETWEEN & rule.target_preps or k < 3 or sent.lower[k - 1] not in COORDINATORS:
        return False
    first = [e for e in sent.entities if sent.entity_end_token(e) == k - 2]
    if not first or first[0].label == "agent":
        return False  # "390 tra civili e militari": kinds of people, not the two sides
    return _after_between(ctx, i, first[0], BETWEEN)


def _after_between(ctx: RoleContext, i: int, e: Mention, between: frozenset[str]) -> bool:
    """Whether the name ``e`` follows one of ``between`` (past articles) after the trigger."""
    sent = ctx.sent
    j = sent.entity_token(e) - 1
    while j > i and sent.lower[j] in ctx.cues.clauses.articles:
        j -= 1
    return j > i and sent.lower[j] in between


def _between_pair(ctx: RoleContext, i: int, rule: Rule) -> tuple[Mention, Mention] | None:
    """The two names of "between X and Y" right after a symmetric trigger, in its clause."""
    sent = ctx.sent
    own = set(ctx.clauses.tokens(i))
    # sides, not kinds of people: "restituito 390 tra civili e militari" names who was returned
    names = [
        e
        for e in ctx.actors()
        if i < sent.entity_token(e) and sent.entity_token(e) in own and e.label != "agent"
    ]
    for a, b in zip(names, names[1:], strict=False):
        end = sent.entity_end_token(a)
        if (
            _after_between(ctx, i, a, BETWEEN & rule.target_preps)
            and sent.entity_token(b) == end + 2
            and sent.lower[end + 1] in COORDINATORS
        ):
            return a, b
    return None


DASHES = frozenset({"-", "–", "—", "/"})


def _indirect_object(ctx: RoleContext, i: int, obj: int) -> Mention | None:
    """In English, a name right between a verb and its object is who receives it: "granted
    Assad political asylum", "offered Kyiv more support" (no preposition, no comma between)."""
    sent = ctx.sent
    if ctx.language != "en" or obj <= i + 1 or not is_verbal(sent, i, ctx.cues):
        return None
    for e in ctx.actors():
        k, end = sent.entity_token(e), sent.entity_end_token(e)
        if (
            k == i + 1
            and end < obj
            and all(
                sent.texts[m].islower() and sent.lower[m] not in ctx.cues.clauses.prepositions
                for m in range(end + 1, obj)
            )
        ):
            return e
    return None


def _dash_pair(ctx: RoleContext, i: int) -> tuple[Mention, Mention] | None:
    """Two names joined by a dash right before or after a nominal trigger: "US-China talks",
    "i colloqui Russia-Ucraina" (one token in Italian), "Russia-Ukraine prisoner talks"; up to
    two lower-case words (or articles) may stand between."""
    sent = ctx.sent
    text, base = sent.mention.text, sent.mention.start

    def modifier(k: int) -> bool:
        word = sent.texts[k]
        return sent.lower[k] in ctx.cues.clauses.articles or (word.isalpha() and word.islower())

    names = sorted((e for e in ctx.actors() if e.label != "agent"), key=lambda e: e.start)
    for a, b in zip(names, names[1:], strict=False):
        gap = text[a.end - base : b.start - base]
        if not gap.strip() or gap.strip(" ") not in DASHES or not _apart([actor_from(a), actor_from(b)]):
            continue
        first, last = sent.entity_token(a), sent.entity_end_token(b)
        if i - 3 <= last < i and all(modifier(k) for k in range(last + 1, i)):
            return a, b
        if i < first <= i + 3 and all(modifier(k) for k in range(i + 1, first)):
            return a, b
    return None


def _finite_after_comma(ctx: RoleContext, i: int) -> bool:
    """A trigger that follows an apposition or inserted phrase closed by a comma, within two
    words ("…, ora minacciano", "…, have threatened"): a verb whose subject lies before it."""
    low, cc = ctx.sent.lower, ctx.cues.clauses
    if i < 1 or low[i - 1] in cc.articles or low[i - 1] in cc.prepositions or low[i - 1] in cc.genitive:
        return False  # "…, segnata dal ritiro": a noun
    return any(low[j] == "," for j in range(max(0, i - 3), i))


def _nearest_speaker(ctx: RoleContext, i: int) -> list[Actor]:
    """The speaker whose words hold the trigger: the nearest one before it ("mentre la Turchia
    ha annunciato contatti…, l'Iran ha sottolineato che il futuro della Siria deve…": Iran),
    else the first one after it ("«Assad deve essere punito», ha detto Biden")."""
    before = [a for a in ctx.speakers if ctx.speaker_at.get(a.id, i) < i]
    if before:
        return [max(before, key=lambda a: ctx.speaker_at[a.id])]
    return list(ctx.speakers[:1])


def _owner(ctx: RoleContext, obj: int) -> Mention | None:
    """Whose the object is: a demonym on it, "X's" before it, or "di X"/"of X" right after it."""
    sent, cc = ctx.sent, ctx.cues.clauses
    for e in ctx.actors():
        k = sent.entity_token(e)
        if e.label == "demonym" and abs(k - obj) <= 3:
            return e
        end = sent.entity_end_token(e)
        if obj - 4 <= end < obj and end + 1 < len(sent.lower) and sent.lower[end + 1] in ("'s", "’s"):
            return e
    j = obj + 1
    while j < len(sent.lower) and j <= obj + 3 and sent.lower[j] not in cc.genitive:
        if sent.lower[j] in cc.prepositions or sent.lower[j] in PUNCTUATION_MARKS:
            return None  # "navi attorno alle coste dell'isola": the coasts' island, not the ships'
        j += 1
    if j <= obj + 3 and j < len(sent.lower) and sent.lower[j] in cc.genitive:
        j += 1
        while j < len(sent.lower) and sent.lower[j] in cc.articles:
            j += 1
        return next((e for e in ctx.actors() if sent.entity_token(e) == j), None)
    return None


def _agent(ctx: RoleContext, i: int, own: set[int], multiword_only: bool) -> Mention | None:
    """The actor of an agent phrase after the trigger that belongs to it: "da parte di X", "by X"."""
    sent, cues = ctx.sent, ctx.cues
    for j in range(i + 1, min(len(sent.lower), i + 10)):
        if j not in own:
            break
        if sent.lemmas[j] in ctx.triggers or sent.lower[j] in ctx.triggers:
            return None  # "fornire supporto allo sviluppo … da parte di X": X develops
        for phrase in cues.agents_at.get(sent.lower[j], ()):
            if len(phrase) < 2 and (multiword_only or j - i > ONE_WORD_AGENT):
                continue  # "demonstrations against the violations by X": X's are the violations
            if not sent.phrase_at(j, phrase):
                continue
            if j - 1 > i and _participle(ctx, j - 1):
                return None  # "la minaccia rappresentata dalla X": X's is the participle's agent
            after = j + len(phrase)
            found = [e for e in ctx.actors() if after <= sent.entity_token(e) <= after + 2]
            if found:
                return found[0]
    return None


def _complement_after(ctx: RoleContext, i: int) -> set[int]:
    """The tokens of a complement clause opened right after the trigger ("chiesto che …")."""
    clauses = ctx.clauses
    for j in (i + 1, i + 2):
        if j < len(ctx.sent.lower) and clauses.marker(j) == j and clauses.kind(j) == "complement":
            return set(clauses.tokens(j))
    return set()


def _conjuncts(ctx: RoleContext, last: Mention, left: list[Mention]) -> list[Mention]:
    """The subject with the actors coordinated before it: "la Russia e l'Iran hanno inviato"."""
    sent, cc = ctx.sent, ctx.cues.clauses
    found = [last]
    anchor = last  # the leftmost mention of the conjunct reached: "U.S. President" of "… Donald Trump"
    for e in reversed([e for e in left if sent.entity_token(e) < sent.entity_token(found[0])]):
        between = sent.lower[sent.entity_end_token(e) + 1 : _described_from(ctx, anchor)]
        if not between and e.entity_id == anchor.entity_id:
            anchor = e  # the same one named twice in a row
            continue
        if (
            between
            and all(w in cc.weak_coordinators or w in cc.articles or w == "," for w in between)
            and any(w in cc.weak_coordinators for w in between)
        ):
            if e.entity_id not in {f.entity_id for f in found}:
                found.insert(0, e)
            anchor = e
        else:
            break
    return found


def _described_from(ctx: RoleContext, e: Mention) -> int:
    """Where a person's description starts: "U.S. President Donald Trump" from "U.S.", "il
    presidente Paul Kagame" from "il" (a title, a country and an article before the name belong
    to it)."""
    sent = ctx.sent
    k = sent.entity_token(e)
    if e.label != "person":
        return k
    titles = office_words()
    titled = k
    while k > 0 and (
        sent.lower[k - 1].rstrip(".") in titles
        or any(d.label in ("demonym", "country") for d in sent.entities_covering(k - 1))
    ):
        k -= 1
    if k < titled and k > 0 and sent.lower[k - 1] in ctx.cues.clauses.articles:
        k -= 1  # "il presidente Paul Kagame"
    return k


def _parties(ctx: RoleContext, i: int, own: set[int]) -> list[Actor]:
    """The parties of an agreement named around it: "un accordo tra X e Y", or the actors of
    the relative clause that says what was agreed ("un accordo in base al quale X fornirà …
    a Y", "an agreement under which X will …")."""
    sent, clauses, cc = ctx.sent, ctx.clauses, ctx.cues.clauses
    actors = ctx.actors()
    pool: list[Mention] = []
    for j in range(i + 1, min(len(sent.lower), i + 4)):
        if sent.lower[j] in cc.between:
            pool = [e for e in actors if j < sent.entity_token(e) <= j + 6 and sent.entity_token(e) in own]
            break
    if not pool:
        for j in range(i + 1, min(len(sent.lower), i + 6)):
            if clauses.kind(j) == "relative" and not clauses.same(i, j):
                pool = [e for e in actors if sent.entity_token(e) in set(clauses.tokens(j))]
                break
    out: dict[str, Actor] = {}
    for e in pool:
        if e.entity_id and len(out) < 2:
            out.setdefault(e.entity_id, actor_from(e))
    return list(out.values()) if len(out) == 2 else []


def _participle(ctx: RoleContext, j: int) -> bool:
    return not ctx.sent.in_entity(j) and _participle_form(ctx.sent, j, ctx.cues)


def _participle_form(sent: SentenceView, j: int, cues: Cues) -> bool:
    """A past participle that is a verb form: "rappresentata" (rappresentare), "sent" (send);
    not "soldati" (soldato) nor "development"."""
    word, lemma = sent.lower[j], sent.lemmas[j]
    if not re.search(cues.participle, word) or lemma == word:
        return False
    infinitive = cues.clauses.infinitive
    return infinitive == r"$^" or bool(re.search(infinitive, lemma))


def _genitive(ctx: RoleContext, i: int, own: set[int]) -> Mention | None:
    """A name right after the trigger and "di"/"of": "la visita di Kim", "l'invasione dell'Ucraina"."""
    sent, cc = ctx.sent, ctx.cues.clauses
    j = i + 1
    if j >= len(sent.lower) or sent.lower[j] not in cc.genitive:
        return None
    j += 1
    while j < len(sent.lower) and sent.lower[j] in cc.articles:
        j += 1
    found = [e for e in ctx.actors() if sent.entity_token(e) == j and j in own and not _anonymous_organ(e)]
    if not found and j < len(sent.lower) and sent.lower[j] in military_nouns():
        # "il ritiro delle forze serbe", "il ritiro delle truppe del Ruanda": whose forces
        k = j + 1
        if k < len(sent.lower) and sent.lower[k] in cc.genitive:
            k += 1
            while k < len(sent.lower) and sent.lower[k] in cc.articles:
                k += 1
        found = [e for e in ctx.actors() if sent.entity_token(e) == k and k in own and e.label != "agent"]
    return found[0] if found else None


def _anonymous_organ(e: Mention) -> bool:
    """A state's troops or government with no state named ("delle truppe europee"): no one."""
    value = e.value or {}
    return e.label == "agent" and value.get("sector") in STATE_SECTORS and not value.get("country")


def _subject_position(ctx: RoleContext, k: int) -> bool:
    """False when the name at token ``k`` is the object of a verb before it ("a sfidare gli
    Stati Uniti e la Corea del Sud"), looking back over articles and earlier conjuncts."""
    sent, cues = ctx.sent, ctx.cues
    cc = cues.clauses
    j = k - 1
    while j >= 0:
        word = sent.lower[j]
        if word in cc.articles or sent.in_entity(j):
            j -= 1
            continue
        if word in cc.weak_coordinators and j > 0 and sent.in_entity(j - 1):
            j -= 1
            continue
        break
    if j < 0:
        return True
    word = sent.lower[j]
    return not (
        re.search(cc.infinitive, word)
        or (j > 0 and sent.lower[j - 1] in cc.infinitive_markers and word not in cc.articles)
    )


def _object_of_infinitive(ctx: RoleContext, i: int) -> bool:
    """Whether a nominal trigger is the object of an infinitive or gerund right before it
    ("contrastare la minaccia", "to counter the threat", "usando la guerra")."""
    sent, cues = ctx.sent, ctx.cues
    cc = cues.clauses
    j = i - 1
    while j >= 0 and (sent.lower[j] in cc.articles or sent.lower[j] in cc.possessives):
        j -= 1
    if j < 0:
        return False
    word = sent.lower[j]
    return bool(
        re.search(cc.infinitive, word)
        or (re.search(cues.gerund, word) and len(word) > 5 and word not in cc.not_gerunds)
        or (j > 0 and sent.lower[j - 1] in cc.infinitive_markers)
    )


def _object_of_verb(ctx: RoleContext, i: int) -> bool:
    """Whether a nominal trigger is the object of another event's or a reporting verb right
    before it ("condemned the attack", "ha chiesto il ritiro", "confermato la morte"): the
    verb's subject is not this event's doer."""
    sent, cues = ctx.sent, ctx.cues
    cc = cues.clauses
    j, skipped = i - 1, 0
    while j >= 0 and i - j <= 4:
        word = sent.lower[j]
        if word in cc.articles or word in cc.possessives or _is_modifier(ctx, j):
            j -= 1
        elif (
            skipped == 0
            and j > 0
            and (sent.lower[j - 1] in cc.articles or sent.lower[j - 1] in cc.possessives)
            and word.isalpha()
            and word not in ctx.triggers
            and not sent.in_entity(j)
        ):
            j, skipped = j - 1, 1  # one adjective after an article: "demanded the immediate withdrawal"
        else:
            break
    if j < 0 or i - j > 4:
        return False
    lemma, word = sent.lemmas[j], sent.lower[j]
    if lemma in _support_verbs(ctx.language) or word in _support_verbs(ctx.language):
        return False
    return (
        lemma in ctx.triggers or word in ctx.triggers or lemma in cues.reporting_verbs
    ) and not sent.in_entity(j)


@cache
def event_words(language: str, key: str) -> frozenset[str]:
    """A word list of the language's events.yaml (``support_verbs``, ``the_country``,
    ``conflict_nouns`` …), read once per language and key."""
    return frozenset(events_data(language).get(key, ()))


def _support_verbs(language: str) -> frozenset[str]:
    """``support_verbs`` of the language's events.yaml: their subject does the nominal event."""
    return event_words(language, "support_verbs")


def _is_modifier(ctx: RoleContext, j: int) -> bool:
    """A demonym or a number between a verb and its object noun ("condemned the Indian strikes")."""
    sent = ctx.sent
    return any(e.label == "demonym" for e in sent.entities_at(j)) or sent.lower[j].replace(",", "").isdigit()


def _in_target_phrase(ctx: RoleContext, i: int, k: int, rule: Rule) -> bool:
    """Whether the name at ``k`` ends the phrase a target preposition opens after the trigger:
    "missili contro la zona del Kashmir controllata dal Pakistan", "strikes on the nuclear
    sites of Iran". Only for conflict rules, and never across a comma or another trigger."""
    if not rule.inherit:
        return False
    sent = ctx.sent
    data = events_data(ctx.language)
    stops = data.get("governing_preps", ())
    borders = data.get("border_nouns", ())
    for j in range(k - 1, max(i, k - 8), -1):
        word = sent.lower[j]
        if word in rule.target_preps:
            return j > i
        if word in stops and k - j <= 2 and j > 0 and sent.lemmas[j - 1] in borders:
            continue  # "al confine con il Congo", "on the border with Finland": the neighbour
        if word in (",", ";", ":") or sent.lemmas[j] in ctx.triggers or word in stops:
            return False  # "fighting escalated despite calls from the UN": "despite" opens another phrase
    return False


def _both_sides_named(ctx: RoleContext, i: int, after_only: bool = False) -> bool:
    """ "both sides", "i due Paesi" (``both_sides`` in events.yaml) within six words of the
    trigger (``after_only``: within four words after it)."""
    phrases = events_data(ctx.language).get("both_sides", ())
    lo, hi = (
        (i + 1, min(len(ctx.sent.lower), i + 6))
        if after_only
        else (max(0, i - 6), min(len(ctx.sent.lower), i + 7))
    )
    window = f" {' '.join(ctx.sent.lower[lo:hi])} "
    return any(f" {p} " in window for p in phrases)


def _the_country(ctx: RoleContext, i: int, source: list[Actor]) -> list[Actor]:
    """ "nel Paese", "into the country" right after the trigger, with no name after it: the
    country the article's events so far name most, other than the doer's own."""
    sent = ctx.sent
    words = event_words(ctx.language, "the_country")
    skip = ctx.cues.clauses.articles | ctx.cues.clauses.prepositions
    k = i + 1
    while k < len(sent.lower) and k <= i + 3 and sent.lower[k] in skip:
        k += 1
    if k >= len(sent.lower) or k == i + 1 or sent.lower[k] not in words:
        return []
    if k + 1 < len(sent.lower) and (sent.lower[k + 1] in ctx.cues.clauses.genitive or sent.in_entity(k + 1)):
        return []  # "il paese di X", "the country's …": named there
    own = {a.country or a.id for a in source}
    counts: dict[str, int] = {}
    for event in ctx.earlier:
        for a in (*event.source_actors, *event.target_actors):
            if a.country and a.country not in own:
                counts[a.country] = counts.get(a.country, 0) + 1
    if not counts:
        return []
    best = max(counts, key=lambda c: counts[c])
    return [Actor(best, best, "", country=best)]


REACTION_TYPES = frozenset({"ACCUSE", "REQUEST"})  # words about a conflict, aimed at those in it


def _about_the_fighting(ctx: RoleContext, i: int, rule: Rule) -> bool:
    """A conflict noun (``conflict_nouns``) right after the trigger, in its clause: what the
    reaction is about is the fighting itself."""
    nouns = event_words(ctx.language, "conflict_nouns")
    own = set(ctx.clauses.tokens(i))
    for k in range(i + 1, min(len(ctx.sent.lower), i + 5)):
        if k not in own or ctx.sent.lower[k] in (",", ";", ":"):
            return False
        if ctx.sent.lower[k] in nouns or ctx.sent.lemmas[k] in nouns:
            return True
    return False


def _both_sides_open(ctx: RoleContext) -> bool:
    """ "Entrambe le parti", "Both sides" as the sentence's subject: a mutual act later in the
    sentence with no doer of its own is theirs ("Entrambe le parti hanno riabbracciato 390
    persone … e si prevede che scambieranno 1.000 prigionieri ciascuna")."""
    words = list(ctx.sent.lower[:6])
    while words and words[0] in ctx.cues.clauses.articles:
        words.pop(0)  # "Le due parti"
    opening = " ".join(words)
    return any(opening.startswith(p) for p in events_data(ctx.language).get("both_sides", ()))


def _implied_source(ctx: RoleContext, i: int, own: set[int]) -> Actor | None:
    """An adjective near the trigger that names its kind of doer ("terroristico", "jihadist";
    ``implied_source`` in events.yaml: word → generic agent id)."""
    implied = events_data(ctx.language).get("implied_source", {})
    for j in range(max(0, i - 6), min(len(ctx.sent.lower), i + 7)):
        agent = implied.get(ctx.sent.lower[j])
        if agent and j in own:
            return Actor(agent, agent.split(":")[-1], agent.split(":")[-1].rstrip("s"))
    return None


def _announced(ctx: RoleContext, i: int) -> bool:
    """A nominal trigger right after a reporting verb that is also a support verb ("ha
    annunciato contatti", "announced talks"), articles and one adjective between at most."""
    sent, cc = ctx.sent, ctx.cues.clauses
    j, skipped = i - 1, 0
    while j >= 0 and i - j <= 3:
        if sent.lower[j] in cc.articles:
            j -= 1
        elif not skipped and sent.lower[j].isalpha() and sent.lemmas[j] not in ctx.cues.reporting_verbs:
            j, skipped = j - 1, 1  # one adjective: "announced direct talks"
        else:
            break
    support = _support_verbs(ctx.language)
    return j >= 0 and sent.lemmas[j] in ctx.cues.reporting_verbs and sent.lemmas[j] in support


def _speaker_infinitive(ctx: RoleContext, i: int) -> bool:
    """The trigger is an infinitive complement of a reporting verb: only infinitive markers
    between them ("claimed to have captured", "ha detto di aver lanciato"; ``speaker_infinitive``
    in events.yaml)."""
    sent, cues = ctx.sent, ctx.cues
    markers = events_data(ctx.language).get("speaker_infinitive", ())
    j = i - 1
    while j >= 0 and i - j <= 4 and sent.lower[j] in markers:
        j -= 1
    if j < 0 or j == i - 1:
        return False
    if reporting_verb(sent, j, cues):
        return True
    # a second infinitive coordinated with the first: "ha detto di aver respinto l'attacco e di
    # aver abbattuto sei droni" — back over "e" to the reporting verb, no name or comma between
    if sent.lower[j] not in cues.clauses.weak_coordinators:
        return False
    for k in range(j - 1, max(-1, j - 12), -1):
        if sent.lower[k] in (",", ";", ":") or sent.in_entity(k):
            return False
        if reporting_verb(sent, k, cues):
            return True
    return False


def _after_source_prep(ctx: RoleContext, i: int, own: set[int], rule: Rule) -> Mention | None:
    """The first actor after the trigger that follows one of the rule's ``source_preps``
    (skipping articles and group nouns of its name) in the trigger's clause."""
    sent = ctx.sent
    for e in ctx.actors():
        k = sent.entity_token(e)
        if not (i < k <= i + 8) or k not in own:
            continue
        j = k - 1
        while j > i and sent.lower[j] in ctx.cues.clauses.articles:
            j -= 1
        if sent.lower[j] in rule.source_preps:
            return e
        if sent.lower[j] == "," and _apposition_after_prep(ctx, i, j, rule):
            return e  # "received asylum from his longtime ally, Russia"
    return None


def _apposition_after_prep(ctx: RoleContext, i: int, comma: int, rule: Rule) -> bool:
    """Whether the name after ``comma`` is in apposition to a common noun phrase right after
    a source preposition: "from his longtime ally, Russia", "dal suo storico alleato, la Russia"."""
    sent = ctx.sent
    j = comma - 1
    while j > i and comma - j <= 4 and sent.texts[j].isalpha() and sent.texts[j].islower():
        if sent.lower[j] in rule.source_preps:
            return j < comma - 1
        j -= 1
    return False


def _right_after(ctx: RoleContext, i: int, k: int) -> bool:
    """Whether token ``k`` follows the trigger with only articles between ("attacca il Ciad")."""
    articles = ctx.cues.clauses.articles
    return k > i and all(ctx.sent.lower[j] in articles for j in range(i + 1, k))


def _pronoun_subject(ctx: RoleContext, i: int) -> bool:
    """A subject pronoun ("it", "they"; ``subject_pronouns`` in events.yaml) within four words
    before the trigger, with no name, comma or clause start between."""
    sent = ctx.sent
    pronouns = events_data(ctx.language).get("subject_pronouns", ())
    weak = ctx.cues.clauses.weak_coordinators
    for j in range(i - 1, max(-1, i - 9), -1):
        if sent.lower[j] in pronouns:
            return True
        if sent.lower[j] in (",", ";", ":") or sent.in_entity(j):
            return False
        # "it had repelled the offensive and shot down six drones": the second verb shares "it"
        if ctx.clauses.marker(j) == j and sent.lower[j] not in weak:
            return False
    return False


def _dative_pronoun(ctx: RoleContext, i: int, source: list[Actor]) -> list[Actor]:
    """An indirect-object pronoun of the trigger ("gli ha concesso", "ha concesso loro",
    "granted him asylum"; ``dative_pronouns`` in events.yaml): the one it stands for is the
    doer of the act told just before, in the sentence or the one before ("Il rais è fuggito
    a Mosca e la Russia ha concesso loro asilo": the one who fled)."""
    sent, words = ctx.sent, events_data(ctx.language).get("dative_pronouns", {})
    before, after = set(words.get("before", ())), set(words.get("after", ()))
    aux = ctx.cues.clauses.finite_aux
    if not is_verbal(sent, i, ctx.cues):
        return []  # "le esercitazioni": an article before a noun, no pronoun
    hit = (i + 1 < len(sent.lower) and sent.lower[i + 1] in after) or any(
        sent.lower[j] in before and all(sent.lower[k] in aux for k in range(j + 1, i))
        for j in (i - 1, i - 2)
        if j >= 0
    )
    if not hit:
        return []
    mine = {a.id for a in source} | {a.country for a in source if a.country}
    for event in [*(e for _, e in reversed(ctx.told)), *ctx.earlier[-1:]]:  # this sentence's first
        them = [a for a in event.source_actors if a.id not in mine and (a.country or a.id) not in mine]
        if them:
            return them
    return []


@cache
def events_data(language: str) -> dict:
    """The language's events.yaml (rules and word lists), or {} where it has none."""
    try:
        return load_yaml(f"{language}/events.yaml")
    except ResourceError:
        return {}


def _after_circumstance(ctx: RoleContext, k: int) -> bool:
    """Whether a circumstance preposition ("in", "nei", "during") stands within three words
    before token ``k`` (``circumstance`` in the language's events.yaml)."""
    from cronaca.extract.events.component import _circumstances  # the rule files' own reader

    preps = _circumstances(ctx.language)[0]
    return any(ctx.sent.lower[j] in preps for j in range(max(0, k - 3), k))


def _names_the_attack(ctx: RoleContext, e: Mention) -> bool:
    """Whether a name stands right before an attack noun or right after it and "of"/"by"/"di"
    ("a Hezbollah attack", "l'attacco di Hamas", "the strike by the RSF"): the attack's doer."""
    sent = ctx.sent
    k, end = sent.entity_token(e), sent.entity_end_token(e)
    before = end + 1 < len(sent.tokens) and _attack_word(ctx, end + 1)
    j = k - 1
    while j >= 0 and sent.lower[j] in ctx.cues.clauses.articles:
        j -= 1
    after = (
        j >= 1
        and sent.lower[j] in (*ctx.cues.clauses.genitive, "by", "da", "dal", "dalla")
        and _attack_word(ctx, j - 1)
    )
    return before or after


def _attack_word(ctx: RoleContext, k: int) -> bool:
    return ctx.sent.lemmas[k] in ctx.triggers or ctx.sent.lower[k] in ctx.triggers


def _demonym_on(ctx: RoleContext, i: int) -> Mention | None:
    """A demonym right before or after a nominal trigger ("Israeli strikes", "attacchi russi")."""
    sent = ctx.sent
    for e in ctx.actors():
        if e.label != "demonym":
            continue
        k, end = sent.entity_token(e), sent.entity_end_token(e)
        if end == i - 1 or k == i + 1 or (end == i - 2 and sent.lower[i - 1] in ("air", "missile", "drone")):
            return e
    return None


def _nominal_after_preposition(ctx: RoleContext, i: int) -> bool:
    """A noun trigger right after a preposition of cause or time ("will pay a price for the
    strikes", "dopo l'attacco"; ``governing_preps`` in events.yaml), skipping articles, numbers
    and demonyms; not "remained on alert", "during demonstrations", where the subject acts."""
    sent, cc = ctx.sent, ctx.cues.clauses
    preps = events_data(ctx.language).get("governing_preps", ())
    j = i - 1
    adjective = False  # one plain word may stand before the noun: "as a “cowardly attack”"
    while j >= 0 and i - j <= 5:
        if sent.lower[j] in preps or sent.lower[j] in cc.prepositions:
            break
        if sent.lower[j] in cc.articles or sent.lower[j] in QUOTES or _is_modifier(ctx, j):
            j -= 1
        elif not adjective and _plain_word(ctx, j):
            adjective = True
            j -= 1
        else:
            break
    if j >= 0 and sent.lower[j] in preps and not _participle_form(sent, i, ctx.cues):
        return True
    return False


QUOTES = frozenset({'"', "“", "”", "«", "»", "'", "‘", "’"})


def _plain_word(ctx: RoleContext, j: int) -> bool:
    """A lowercase word that may be an adjective before a noun: no trigger, no support verb."""
    word = ctx.sent.lower[j]
    return (
        word.isalpha()
        and ctx.sent.texts[j].islower()
        and ctx.sent.lemmas[j] not in ctx.triggers
        and ctx.sent.lemmas[j] not in _support_verbs(ctx.language)
    )


def _after_preposition(ctx: RoleContext, k: int) -> bool:
    """Whether the name at token ``k`` follows a preposition (skipping articles, and a name
    right before it: "from the U.N. | Security Council")."""
    sent, cc = ctx.sent, ctx.cues.clauses
    j = k - 1
    while j >= 0:
        if sent.lower[j] in cc.articles:
            j -= 1
        elif covering := sent.entities_covering(j):
            j = min(sent.entity_token(e) for e in covering) - 1
        else:
            break
    return j >= 0 and (sent.lower[j] in cc.prepositions or sent.lower[j] in cc.genitive)


CONTROL_WINDOW = 12  # tokens from a control verb or noun back from its infinitive


def _asked_to_act(ctx: RoleContext, i: int) -> Mention | None:
    """The one asked, ordered or allowed to act does the infinitive: "l'Onu ha chiesto alla
    Russia di ritirare le truppe", "Germany called for Iran to free them" (``control_verbs`` and
    ``infinitive_marks`` in events.yaml). Without it the asker became the doer."""
    sent = ctx.sent
    data = events_data(ctx.language)
    if i < 3 or sent.lower[i - 1] not in data.get("infinitive_marks", ()):
        return None
    verbs = data.get("control_verbs", ())
    # "calls from the U.N. Security Council for the insurgents to withdraw": a dozen words back
    for v in range(i - 2, max(-1, i - 1 - CONTROL_WINDOW), -1):
        if sent.lower[v] in (",", ";", ":"):
            return None
        if sent.lemmas[v] in verbs or sent.lower[v] in verbs:
            asked = [e for e in ctx.actors() if v < sent.entity_token(e) and sent.entity_end_token(e) < i - 1]
            return asked[-1] if asked else None
    return None


COMPLEMENT_REACH = 4  # tokens from a demand to its "that": "reiterated its demand today that"
COMPLEMENT_TYPES = frozenset({"REQUEST", "THREATEN"})  # whose that-clause subject is the one concerned
THAT = frozenset({"that", "che"})  # what opens a demand's clause ("demanded that", "chiede che")


def _complement_subject(ctx: RoleContext, i: int, source: list[Actor]) -> list[Actor]:
    """The one a demand is made of: the subject of the complement clause right after it
    ("demanding that President Mugabe abandon …", "l'Onu chiede che Israele ritiri …")."""
    sent, clauses = ctx.sent, ctx.clauses
    mine = {a.id for a in source}
    for j in range(i + 1, min(len(sent.tokens), i + 1 + COMPLEMENT_REACH)):
        if sent.lower[j] in PUNCTUATION_MARKS:
            return []
        if sent.lower[j] not in THAT or clauses.marker(j) != j:
            continue  # the clause splitter may read "chiede che" as a relative: the word decides
        for e in ctx.actors():
            k = sent.entity_token(e)
            if j < k <= j + 4 and clauses.same(j, k) and (e.entity_id or "") not in mine:
                return [actor_from(e)]
        return []
    return []


def _prepositional_antecedent(ctx: RoleContext, i: int, source: list[Actor]) -> list[Actor]:
    """In a relative clause opened by a preposition of the one concerned (``relative_target_preps``)
    that names its own doer ("i 12 migranti per i quali il tribunale non ha convalidato il
    trattenimento", "the migrants for whom the court denied detention"), the antecedent is the
    target. "In cui", "where" open a place, not a target."""
    sent, clauses, cc = ctx.sent, ctx.clauses, ctx.cues.clauses
    if clauses.kind(i) != "relative":
        return []
    k = clauses.marker(i)
    while k > 0 and sent.lower[k - 1] in cc.articles:
        k -= 1
    if k == 0 or sent.lower[k - 1] not in event_words(ctx.language, "relative_target_preps"):
        return []  # "che", "who": the subject; "in cui", "where": a place, not the one concerned
    k -= 1
    mine = {a.id for a in source}
    before = [
        e
        for e in ctx.actors(cited=True)
        if k - 3 <= sent.entity_end_token(e) < k and (e.entity_id or "") not in mine
    ]
    return [actor_from(before[-1])] if before else []


def _implicit_subject(ctx: RoleContext, i: int) -> list[Actor]:
    """The subject a clause leaves unsaid: the antecedent of a relative clause, the
    sentence's subject for a coordinate or gerund clause, the last actor before a possessive."""
    sent, clauses = ctx.sent, ctx.clauses
    kind = clauses.kind(i)
    cited = [e for e in ctx.actors(cited=True) if sent.entity_token(e) not in ctx.region]
    if kind == "relative":
        marker = clauses.marker(i)
        # "…, durante la quale ha criticato": a preposition and an article may open the relative
        k = marker
        opening = ctx.cues.clauses.articles | ctx.cues.clauses.prepositions
        while k > 0 and sent.lower[k - 1] in opening:
            k -= 1
        before = [e for e in cited if min(k, marker) - 3 <= sent.entity_end_token(e) < marker]
        if before:
            return [actor_from(before[-1])]
    if kind in ("purpose", "gerund"):
        # "Barrot è volato in Ruanda per discutere": the subject of the clause the purpose completes;
        # "… ha affermato che Assad aveva lasciato il paese, fuggendo": Assad, not who says it
        parent = clauses.groups[clauses.group(i)].parent
        governing = [
            e
            for e in cited
            if sent.entity_token(e) < i
            and clauses.group(sent.entity_token(e)) == parent
            and not _after_preposition(ctx, sent.entity_token(e))
            and _subject_position(ctx, sent.entity_token(e))
        ]
        if governing:
            chain = _conjuncts(ctx, governing[-1], governing)
            return [actor_from(e) for e in (chain if chain[0] is governing[0] else governing[:1])]
        if kind == "purpose":
            return []
    if kind in ("coordinate", "gerund"):
        lo, _ = sent.clause_bounds(i)
        first = [
            e
            for e in cited
            if lo <= sent.entity_token(e) < i
            and clauses.kind(sent.entity_token(e)) in ("main", "coordinate")
            and _subject_position(ctx, sent.entity_token(e))
        ]
        # a name after a preposition is no subject: "tre giorni dopo l'insediamento di Lai, le
        # forze cinesi hanno inscenato … e hanno condotto esercitazioni": the Chinese forces
        first = [e for e in first if not _after_preposition(ctx, sent.entity_token(e))] or first
        if first:
            # with the names coordinated after it: "Russia e Ucraina hanno concluso …, liberando"
            chain = _conjuncts(ctx, first[-1], first)
            return [actor_from(e) for e in (chain if chain[0] is first[0] else first[:1])]
    cc = ctx.cues.clauses
    j = i - 1
    while j >= 0 and sent.lower[j] in cc.articles:
        j -= 1
    at = j if j >= 0 and sent.lower[j] in cc.possessives else -1
    if at < 0:  # "che il suo paese iniziasse la produzione": his country is the speaker's
        own = clauses.tokens(i)
        at = next(
            (
                k
                for k in own
                if k < i
                and sent.lower[k] in cc.possessives
                and k + 1 in own
                and sent.lemmas[k + 1] in cc.own_country
            ),
            -1,
        )
    if at >= 0:
        before = [e for e in cited if sent.entity_end_token(e) < at]
        # "its" is the subject's, not a name after a preposition: "il governo cinese vuole il
        # controllo di Taiwan, e durante le esercitazioni le sue navi …" (China's ships)
        subjects = [e for e in before if not _after_preposition(ctx, sent.entity_token(e))]
        if subjects or before:
            return [actor_from((subjects or before)[-1])]
    return []


def participants(ctx: RoleContext, i: int, roles: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """Other actors named in the trigger's clause: neither source, target nor a cited source."""
    sent = ctx.sent
    own = set(ctx.clauses.tokens(i))
    taken = {a.start for a in roles}
    out: dict[str, Actor] = {}
    for e in ctx.actors():
        if e.start not in taken and sent.entity_token(e) in own:
            out.setdefault(e.entity_id or "", actor_from(e))
    ids = {a.id for a in roles}
    return tuple(a for key, a in out.items() if key and key not in ids)


def victims(ctx: RoleContext, i: int, roles: tuple[Actor, ...], persons: list[Mention]) -> tuple[Actor, ...]:
    """The people a toll names as its dead or wounded (role ``victim``): people in the trigger's
    clause who are neither its sides, a cited source nor someone's possessor ("il consigliere
    dell'ayatollah Ali Khamenei, Ali Shamkhani": Shamkhani). A person the registry does not hold
    gets an id from the name ("person:hossein-salami"), so claims keep the killing of one person
    apart from another's."""
    sent = ctx.sent
    own = set(ctx.clauses.tokens(i))
    taken = {a.start for a in roles}
    out: dict[str, Actor] = {}
    for e in persons:
        k = sent.index_at(e.start)
        if e.start in taken or e.start in ctx.exclude or k not in own or k - i > VICTIM_AFTER:
            continue
        if _possessor(ctx, i, e, persons):
            continue
        if _speaking(ctx, i, e):
            continue  # "Chaudhry said three people were killed": who counts the dead
        if (name := _person_name(e)) and not _place_word(ctx, name):
            key = e.entity_id or f"person:{slug(name)}"
            out.setdefault(key, replace(actor_from(e, role="victim"), id=key))
    if not out and (k := _civilian_word(ctx, i, own)) is not None:
        token = sent.tokens[k]
        out[CIVILIANS] = Actor(
            CIVILIANS, "civilians", "civilian", token.idx, token.idx + len(token.text), "victim"
        )
    return tuple(out.values())


CIVILIANS = "agent:civilians"
VICTIM_AFTER = 14  # tokens after a toll its victims may stand: "tra le vittime figurano il capo di …, X"
CIVILIAN_WINDOW = (6, 14)  # tokens before and after a toll a word for civilians may stand


def _civilian_word(ctx: RoleContext, i: int, own: set[int]) -> int | None:
    """A word naming civilians in the trigger's clause (``civilian_victims``): "tra cui donne e
    bambini", "civilian deaths", "several children had been killed"."""
    words = event_words(ctx.language, "civilian_victims")
    low = ctx.sent.lower
    before, after = CIVILIAN_WINDOW
    near = range(max(0, i - before), min(len(low), i + after + 1))
    # the clause, or a phrase after it: "cinque morti e cinquanta feriti, tra cui donne e bambini"
    return next((k for k in near if low[k] in words and (k in own or k > i)), None)


def _person_name(e: Mention) -> str:
    """A person's full name (two words at least): one word ("Staff", "Islamic") is too often a
    capitalised word the recogniser took for a name."""
    name = str((e.value or {}).get("name") or e.text).strip()
    if not e.entity_id and len(e.text.split()) < 2:
        return ""  # "Kashmir" read as the short form of a name "Azad Kashmir" seen before
    words = name.replace(".", " ").split()
    # "Lt Gen": ranks, not a name
    return name if len(words) >= 2 and all(len(w) > 2 for w in words) and name[:1].isupper() else ""


def _speaking(ctx: RoleContext, i: int, e: Mention) -> bool:
    """Whether the name at ``k`` says the toll rather than suffers it: a reporting verb between
    it and the trigger ("Chaudhry told a news conference that 13 people were killed"), or right
    before it after the trigger ("five were killed, said Chaudhry")."""
    sent, said = ctx.sent, ctx.cues.reporting_verbs
    k, end = sent.index_at(e.start), sent.index_at(max(e.start, e.end - 1))
    span = [*range(k + 1, i)] if k < i else [*range(max(i + 1, k - 2), k)]
    for j in range(end + 1, min(len(sent.tokens), end + 1 + SPEAKER_AFTER)):  # "Chaudhry told", "X ha detto"
        if sent.lower[j] in PUNCTUATION_MARKS:
            break
        span.append(j)
    return any(sent.lemmas[j] in said or sent.lower[j] in said for j in span)


SPEAKER_AFTER = 2  # tokens from a name to its reporting verb: "Chaudhry told", "Chaudhry ha detto"
PUNCTUATION_MARKS = frozenset(",;:.()")


def _place_word(ctx: RoleContext, name: str) -> bool:
    """Whether a word of an unknown "name" is something else the sentence names ("Azad Kashmir",
    taken for a person's name beside "Pakistan-administered Kashmir")."""
    words = set(name.split())
    return any(
        e.label != "person" and words & set(e.text.replace("-", " ").split()) for e in ctx.sent.entities
    )


TITLE_WORDS = 3  # lower-case words between a genitive and its name: "dell'ayatollah", "del generale"


def _possessor(ctx: RoleContext, i: int, e: Mention, persons: list[Mention]) -> bool:
    """Whether a name owns something else in the sentence: "Khamenei's adviser", or a name after
    a genitive that another name follows in apposition ("il consigliere dell'ayatollah Ali
    Khamenei, Ali Shamkhani": Shamkhani is the adviser). "La morte del generale Hossein
    Salami" and "il capo di stato maggiore Carlo Neri" name the one hit."""
    sent, genitive = ctx.sent, ctx.cues.clauses.genitive
    end = sent.index_at(max(e.start, e.end - 1))
    if end + 1 < len(sent.tokens) and sent.lower[end + 1] in ("'s", "’s"):
        return True
    k = sent.index_at(e.start)
    after_genitive = any(sent.lower[j] in genitive for j in range(max(0, k - TITLE_WORDS - 1), k))
    apposed = (
        end + 2 < len(sent.tokens)
        and sent.lower[end + 1] == ","
        and any(sent.index_at(p.start) == end + 2 for p in persons)
    )
    return after_genitive and apposed


def equipment(sent: SentenceView, i: int, obj: int | None, language: str = "") -> tuple[Actor, ...]:
    """Weapons and equipment in the trigger's clause: recognised weapon entities, else the
    rule's object noun ("droni", "container"), as the weapon it names when ``object_weapons``
    in ``events.yaml`` lists it ("test missilistici" is a missile, with its category)."""
    lo, hi = sent.clause_bounds(i)
    weapons = {
        # a weapon's sector is its category (drone, missile, naval, …): claims compare them
        e.entity_id: actor_from(e, sector=(e.value or {}).get("category", ""))
        for e in sent.entities
        if e.label == "weapon" and lo <= sent.entity_token(e) < hi
    }
    if weapons:
        return tuple(weapons.values())
    if obj is None:
        return ()
    token = sent.tokens[obj]
    end = token.idx + len(token.text)
    kinds = _object_weapons(language) if language else {}
    kind = kinds.get(sent.lower[obj]) or kinds.get(sent.lemmas[obj])
    if kind:
        return (Actor(kind[0], token.text, sector=kind[1], start=token.idx, end=end),)
    return (Actor(f"equipment:{sent.lemmas[obj]}", token.text, start=token.idx, end=end),)


@cache
def _object_weapons(language: str) -> dict[str, tuple[str, str]]:
    """``object_weapons`` of ``<language>/events.yaml``: word → (weapon id, its category)."""
    words = load_yaml(f"{language}/events.yaml").get("object_weapons", {})
    categories = {
        w["id"]: w.get("category", "") for w in load_yaml("entities/weapons.yaml").get("weapons", [])
    }
    return {word: (wid, categories.get(wid, "")) for word, wid in words.items()}


def _title_subject(ctx: RoleContext, i: int, own: set[int]) -> list[Actor]:
    """A bare title as the subject ("il leader aveva visitato", "the president signed an
    agreement"): the nearest "the" + title on the trigger's left in its clause, not after a
    preposition nor before a genitive ("il presidente della commissione"), is the person named
    last before it in the article who holds one of the title's roles."""
    sent, cues = ctx.sent, ctx.cues
    cc = cues.clauses
    titles = _one_word_titles(ctx.language)
    for j in range(i - 1, 0, -1):
        if j not in own or sent.in_entity(j):
            return []
        wanted = titles.get(sent.lower[j])
        if not wanted or sent.lower[j - 1] not in cues.anaphora:
            continue
        if (j >= 2 and sent.lower[j - 2] in cc.prepositions) or (
            j + 1 < len(sent.lower) and sent.lower[j + 1] in cc.genitive
        ):
            return []
        at = sent.starts[j]
        held = _roles_held()
        for person in sorted((p for p in ctx.people if p.start < at), key=lambda p: p.start, reverse=True):
            if held.get(person.entity_id or "", frozenset()) & wanted:
                return [actor_from(person)]
        return []
    return []


@cache
def _one_word_titles(language: str) -> dict[str, frozenset[str]]:
    """One-word titles of ``entities/roles.yaml`` ("leader", "presidente") → their role keys."""
    out: dict[str, frozenset[str]] = {}
    for spec in load_yaml("entities/roles.yaml").get("titles", {}).values():
        for title in spec.get(language, []):
            if " " not in title:
                out.setdefault(title.lower(), frozenset(spec.get("roles", [])))
    return out


@cache
def _roles_held() -> dict[str, frozenset[str]]:
    """Person id → the role keys ``entities/people.yaml`` gives them (at any date)."""
    people = load_yaml("entities/people.yaml").get("people", [])
    return {p["id"]: frozenset(r["role"] for r in p.get("roles", [])) for p in people}
