"""Who says it: the attribution chain of one sentence.

The chain runs from the outlet that published the article to the sources it cites
("secondo l'Ucraina e gli Stati Uniti", "riporta RFA", "X ha affermato", "according to")
and their own sources ("citando diverse fonti non identificate", "citing officials").
Sources are entities when the registry knows them, else generic sources built from a
small lexicon ("i media statali nordcoreani" → "North Korea state media"), so an
unnamed source is still a source. All cue words are data in ``cues.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from cronaca.extract.base import Doc
from cronaca.extract.events.cues import Cues
from cronaca.extract.sentence_view import SentenceView, actor_from
from cronaca.model import Actor, EventMention, Mention, Span, slug

QUOTES = re.compile(r"«[^»]{3,}»|“[^”]{3,}”|\"[^\"]{3,}\"")
WINDOW = 8  # how far after a cue its sources may be named
# the role of the sources named after a cue of each list of ``Cues.source_cues`` (an agent
# phrase, "by", only marks its tokens as cue words)
ROLES = {"before": "source", "after": "source", "sub_source": "sub_source", "agent": ""}


@dataclass
class Chain:
    actors: list[Actor] = field(default_factory=list)  # cited sources, then sub-sources
    offsets: set[int] = field(default_factory=set)  # entity mentions used as sources
    cue_tokens: set[int] = field(default_factory=set)  # tokens of cue phrases (never triggers)
    region: set[int] = field(
        default_factory=set
    )  # cue + source phrase: "according to a report published on …"
    quote: Span | None = None
    recent: tuple[Actor, ...] = ()  # named sources of earlier sentences, for "l'emittente"
    last: Actor | None = None  # the source an earlier sentence cited last: "He added that …"

    where: dict[str, int] = field(default_factory=dict)  # actor id → token of its cue or name

    def add(self, actor: Actor, offset: int | None = None, at: int | None = None) -> None:
        if offset is not None:
            self.offsets.add(offset)
        if all(a.id != actor.id for a in self.actors):
            self.actors.append(actor)
            if at is not None:
                self.where[actor.id] = at


def _generic(sent: SentenceView, j: int, cues: Cues, role: str, cue: str, chain: Chain) -> bool:
    """A generic source at token ``j`` ("fonti", "analysts"), with its modifiers and country.

    A bare one after a definite article ("ha aggiunto l'emittente", "the broadcaster said")
    is the source of its kind named last in the article (``chain.recent``): NHK.
    """
    spec = cues.generic_sources.get(sent.lower[j]) or cues.generic_sources.get(sent.lemmas[j])
    if not spec:
        return False
    name, sector = spec
    lo, hi = max(0, j - 2), min(len(sent.lower), j + 4)
    window = f" {' '.join(sent.lower[lo:hi])} "
    prefixes = [prefix for phrase, prefix in cues.source_modifiers.items() if f" {phrase} " in window]
    country = None
    for k in range(lo, hi):
        for e in sent.entities_at(k):
            if e.label == "demonym":
                country = e
    if country is None:
        # "Pakistan's military spokesperson", "il portavoce militare del Pakistan": whose source
        country = _owning_country(sent, j, cues)
    weak = cues.clauses.weak_coordinators
    if (
        country is None
        and j >= 3
        and sent.lower[j - 2] in weak
        and sent.lower[j - 1] in cues.source_modifiers
    ):
        # "South Korean and Western intelligence": the demonym stands before the coordination
        country = next((e for e in sent.entities_covering(j - 3) if e.label == "demonym"), None)
    if not prefixes and country is None and sector and j > 0 and sent.lower[j - 1] in cues.anaphora:
        earlier = [a for a in chain.recent if a.sector == sector]
        if earlier:
            chain.add(replace(earlier[-1], role=role, cue=cue, start=None, end=None), at=j)
            return True
    if name in STATE_VOICES:
        # "il governo etiope ha detto", "the Turkish minister said": the country speaks; with no
        # country here ("Taiwan's Defence Ministry said"), the name before it is the speaker
        if country is None or not country.entity_id:
            return False
        chain.offsets.add(country.start)
        chain.add(actor_from(country, sector, role=role, cue=cue), at=j)
        return True
    coordinated: list[str] = []
    if country is not None:
        # "intelligence sudcoreane e occidentali", "South Korean and Western intelligence":
        # a modifier coordinated with the demonym is a second source, not part of its name
        d = sent.entity_end_token(country)
        for k in (d + 2, d - 2):
            if 0 <= k < hi and sent.lower[min(k, d) + 1] in weak:
                other = cues.source_modifiers.get(sent.lower[k])
                if other in prefixes:
                    prefixes.remove(other)
                    coordinated.append(f"{other} {name}")
    label = " ".join(sorted(set(prefixes)) + [name])
    if country is not None:
        chain.offsets.add(country.start)
        country_name = (country.value or {}).get("name", country.text)
        chain.add(
            Actor(
                f"source:{slug(label)}:{country.entity_id}",
                f"{country_name} {label}",
                sector,
                role=role,
                cue=cue,
                country=country.entity_id or "",
            ),
            at=j,
        )
    else:
        chain.add(Actor(f"source:{slug(label)}", label, sector, role=role, cue=cue), at=j)
    for other_label in coordinated:
        chain.add(Actor(f"source:{slug(other_label)}", other_label, sector, role=role, cue=cue), at=j)
    return True


POSSESSIVE = frozenset({"'s", "’s"})
# generic sources that are their country's voice ("government" in cues.yaml)
STATE_VOICES = frozenset({"government"})
STATE_LABELS = frozenset({"country", "capital", "metonym"})


def _owning_country(sent: SentenceView, j: int, cues: Cues) -> Mention | None:
    """A country right before a generic source with a possessive, up to two modifiers between
    ("Pakistan's military spokesperson"), or right after it with "of"/"di" ("il portavoce
    dell'esercito del Pakistan" is read by its demonym or here)."""
    for k in range(max(0, j - 4), j):
        if sent.lower[k] in POSSESSIVE and all(sent.texts[m].islower() for m in range(k + 1, j)):
            found = [e for e in sent.entities if sent.entity_end_token(e) == k - 1]
            if found and found[0].label in STATE_LABELS:
                return found[0]
    k = j + 1
    if k < len(sent.lower) and sent.lower[k] in cues.clauses.genitive:
        k += 1
        while k < len(sent.lower) and sent.lower[k] in cues.clauses.articles:
            k += 1
        found = [e for e in sent.entities if sent.entity_token(e) == k and e.label in STATE_LABELS]
        if found:
            return found[0]
    return None


# entities that can say things ("police said", "the rebels claimed": generic agents too)
SPEAKERS = {"country", "capital", "metonym", "organisation", "person", "agent"}


def _collect(sent: SentenceView, start: int, cues: Cues, role: str, cue: str, chain: Chain) -> None:
    """The coordinated sources after a cue, up to a comma or the start of a clause.

    A named source wins over a description of it: in "l'emittente pubblica giapponese
    NHK" the source is NHK, not "Japan media".
    """
    end = start
    while end < min(len(sent.lower), start + WINDOW) and sent.lower[end] not in cues.attribution_stop:
        end += 1
    named = [e for j in range(start, end) for e in sent.entities_at(j) if e.label in SPEAKERS]
    for e in named:
        chain.add(actor_from(e, role=role, cue=cue), e.start, at=sent.entity_token(e))
        for j in range(start, end):  # "l'emittente pubblica giapponese NHK": Japan is no actor
            chain.offsets.update(d.start for d in sent.entities_at(j) if d.label == "demonym")
    if not named:  # one generic source per phrase: "fonti diplomatiche occidentali"
        for j in range(start, end):
            if _generic(sent, j, cues, role, cue, chain):
                break


CLOSERS = frozenset({",", ".", ";", ":", "!", "?", '"', "'", "”", "’", "»", ")", "—", "–"})


def _inverted(sent: SentenceView, i: int, after: int, cues: Cues, verbs: frozenset[str]) -> bool:
    """Whether a verb-first cue ("said", "riporta") names its source after it: the name closes
    the clause ("…, said the Sudanese army.", "riporta RFA."), or the report comes first ("…,
    said Reuters on Monday"), or the verb has no subject of its own ("Lo riferiscono i media");
    not when a verb follows the name ("Defrin said Iran launched drones": Iran begins what is
    said) nor when the cue has a subject before it ("Mahamat said Chad …")."""
    j = after
    while j < len(sent.lower) and (
        sent.in_entity(j) or sent.lower[j] in cues.clauses.articles or _generic_word(sent, j, cues)
    ):
        j += 1
    if j >= len(sent.lower) or sent.lower[j] in CLOSERS:
        return True
    word, lemma = sent.lower[j], sent.lemmas[j]
    if word in verbs or lemma in verbs or word in cues.clauses.finite_aux or lemma in cues.reporting_verbs:
        return False
    if i == 0 or sent.lower[i - 1] in CLOSERS:
        return True
    for k in range(i - 1, max(-1, i - 6), -1):
        if sent.lower[k] in CLOSERS:
            break
        if any(e.label in SPEAKERS for e in sent.entities_at(k)) or _generic_word(sent, k, cues):
            return False
        if sent.texts[k][:1].isupper() and sent.lower[k] not in NO_SUBJECT:
            return False  # a name the entity stage does not know: "Mahamat said Chad …"
    return True


# capitalised words before a cue that are no subject of it: "Lo riferiscono", "As reported by"
NO_SUBJECT = frozenset(
    {"lo", "l'", "l’", "è", "ciò", "come", "quanto", "as", "this", "that", "it", "so", "e", "and"}
)


def _generic_word(sent: SentenceView, j: int, cues: Cues) -> bool:
    return sent.lower[j] in cues.generic_sources or sent.lemmas[j] in cues.generic_sources


def _subject_ranges(sent: SentenceView, i: int) -> list[tuple[int, int]]:
    """Token ranges, nearest first, where the subject of a reporting verb at ``i`` may be named.

    Up to five words before the verb ("le agenzie sudcoreane e occidentali hanno stimato"),
    then, across a parenthetical between commas, the words before it ("NHK, citando sue
    fonti, ha però affermato").
    """
    lo = i - 1
    while lo >= 0 and i - lo <= 5 and sent.lower[lo] != ",":
        lo -= 1
    if lo < 0 or sent.lower[lo] != ",":
        return [(max(0, i - 5), i)]
    ranges = [(lo + 1, i)]
    opening = lo - 1
    while opening >= 0 and sent.lower[opening] != ",":
        opening -= 1
    if opening > 0:
        ranges.append((max(0, opening - 3), opening))
    return ranges


def _phrase_end(sent: SentenceView, j: int, cues: Cues) -> int:
    """Where a source phrase after a cue ends: the next comma or clause start, at most 15 words."""
    end = j
    while end < len(sent.lower) and end < j + 15 and sent.lower[end] not in cues.attribution_stop:
        end += 1
    return end


def _subject(sent: SentenceView, i: int, cues: Cues, chain: Chain) -> None:
    for lo, hi in _subject_ranges(sent, i):
        for k in range(hi - 1, lo - 1, -1):
            # a name that ends inside the range: "Korean Central News Agency (Kcna) ha affermato"
            found = [e for e in sent.entities_covering(k) if e.label in SPEAKERS]
            if found:
                # "in mano ai ribelli che annunciano …": the antecedent of a relative speaks only
                # there; before it, it still plays its roles
                keep = None if relative_verb(sent, i, cues) else True
                for e in found:
                    chain.add(actor_from(e, role="source", cue=sent.texts[i]), keep and e.start, at=i)
                return
            if _generic(sent, k, cues, "source", sent.texts[i], chain):
                return
    if not _pronoun_speaker(sent, i, cues, chain):
        _office_before_name(sent, i, cues, chain)


# words between a speaker pronoun and its verb: "he also said", "ha poi aggiunto"
def _pronoun_speaker(sent: SentenceView, i: int, cues: Cues, chain: Chain) -> bool:
    """A reporting verb whose subject is a pronoun ("He added that Pakistan had begun
    retaliatory strikes") or, in Italian, unsaid at the start of the sentence ("Ha aggiunto
    che …"): the source the article named last before speaks again."""
    if chain.last is None:
        return False
    j = i - 1
    while j >= 0 and (sent.lower[j] in cues.clauses.finite_aux or sent.lower[j] in cues.speaker_adverbs):
        j -= 1
    if not ((j >= 0 and sent.lower[j] in cues.speaker_pronouns) or (j < 0 and cues.pro_drop)):
        return False
    if j > 0 and sent.lower[j - 1] not in cues.speaker_openers:
        return False  # "the report that he wrote": the pronoun opens no main clause
    chain.add(replace(chain.last, role="source", cue=sent.texts[i], start=None, end=None), at=i)
    return True


def relative_verb(sent: SentenceView, i: int, cues: Cues) -> bool:
    """Whether the reporting verb at ``i`` opens a relative clause: "che annunciano", "who said",
    "che hanno riferito"."""
    j = i - 1
    if j >= 0 and sent.lower[j] in cues.clauses.finite_aux:
        j -= 1
    return j >= 0 and sent.lower[j] in cues.relative_pronouns


def _office_before_name(sent: SentenceView, i: int, cues: Cues, chain: Chain) -> None:
    """A speaker the registry does not know, named with rank and office: the office says whose
    voice it is ("Pakistan's military spokesperson Lt. Gen. Ahmed Chaudhry said": Pakistan's
    officials). The name itself is no actor: the entity stage could not link it."""
    k = i - 1
    while k >= 0 and i - k <= 8 and (sent.texts[k][:1].isupper() or sent.lower[k] == "."):
        k -= 1  # the name and its titles: "Lt. Gen. Ahmed Sharif Chaudhry"
    if k == i - 1:
        return
    for m in range(k, max(-1, k - 2), -1):
        if _generic(sent, m, cues, "source", sent.texts[i], chain):
            return


def _opening(sent: SentenceView, cues: Cues, chain: Chain) -> None:
    """A sentence that opens with "Per gli analisti," or "Per Kiev,": a source before the first
    comma (``attribution_opening``; only there, since "per" is mostly a preposition)."""
    if not sent.lower or sent.lower[0] not in cues.attribution_opening:
        return
    comma = next((k for k in range(1, min(len(sent.lower), 7)) if sent.lower[k] == ","), None)
    if comma is None or any(re.search(cues.clauses.infinitive, w) for w in sent.lower[1:comma]):
        return  # "Per aiutare la Siria, …" is a purpose, not a source
    before = len(chain.actors)
    _collect(sent, 1, cues, "source", sent.texts[0].lower(), chain)
    if len(chain.actors) > before:
        chain.cue_tokens.add(0)
        chain.region.update(range(0, comma))


_OPEN_QUOTES = frozenset({"'", '"', "«", "“", "‘"})


def _lead_speaker(sent: SentenceView, chain: Chain) -> None:
    """A sentence that opens with a name, a colon or a comma and a quote, the way headlines
    give a statement: "Biden, 'Assad deve essere punito'", "Zelensky: Putin mente",
    "Islamabad: «risponderemo»". A person speaks after a colon; a place or a body only with the
    quote ("Siria: cade Damasco" is a topic, not a speaker)."""
    if chain.actors or len(sent.lower) < 3:
        return
    first = next((e for e in sent.entities if sent.entity_token(e) == 0 and e.label in SPEAKERS), None)
    if first is None or not first.entity_id:
        return
    k = sent.entity_end_token(first) + 1
    if k + 1 >= len(sent.lower) or sent.lower[k] not in (":", ","):
        return
    quoted = sent.texts[k + 1] in _OPEN_QUOTES
    if not quoted and not (first.label == "person" and sent.lower[k] == ":"):
        return
    chain.add(actor_from(first, role="source", cue=sent.texts[k]), first.start, at=k)
    chain.cue_tokens.add(k)
    chain.region.update(range(0, k + 1))


def reporting_verb(sent: SentenceView, i: int, cues: Cues) -> bool:
    """Whether token ``i`` is a verb of saying (``reporting_verbs``): by its lemma, by its form
    where simplemma errs ("detto" → "dettare"), or as the last word of a phrase ("ha fatto
    sapere", "ha reso noto")."""
    if sent.lemmas[i] in cues.reporting_verbs or sent.lower[i] in cues.reporting_verbs:
        return True
    phrases = cues.reporting_phrases.get(sent.lower[i], ())
    return any(i + 1 >= len(p) and tuple(sent.lower[i + 1 - len(p) : i + 1]) == p for p in phrases)


def _in_name(sent: SentenceView, i: int) -> bool:
    return i > 0 and sent.texts[i][:1].isupper()


def _passive(sent: SentenceView, i: int, cues: Cues) -> bool:
    return bool(re.search(cues.participle, sent.lower[i])) and any(
        sent.lemmas[j] in cues.passive_aux for j in range(max(0, i - 2), i)
    )


def _agent_after(sent: SentenceView, i: int, cues: Cues) -> int | None:
    """Where the source starts after a reporting participle and its agent ("riportato dalla X")."""
    if not re.search(cues.participle, sent.lower[i]):
        return None
    if i > 0 and not _reporting_participle(sent, i, cues):
        return None  # "gli spazi aerei rivendicati dal governo taiwanese": a claim to them, no report
    if i + 1 < len(sent.lower):
        for phrase in cues.agents_at.get(sent.lower[i + 1], ()):
            if sent.phrase_at(i + 1, phrase):
                return i + 1 + len(phrase)
    return None


# what stands before a participle that reports: "come riportato da", "as reported by", "è stata
# riferita da", "was reported by", a comma or the sentence's start
def _reporting_participle(sent: SentenceView, i: int, cues: Cues) -> bool:
    """Whether the participle at ``i`` reports ("come riportato dalla Kcna", "è stata riferita
    dai media") rather than qualifies the noun before it ("i territori rivendicati dalla Cina")."""
    before = sent.lower[i - 1]
    return before in cues.reporting_participle_after or before in cues.clauses.finite_aux


def attribution_chain(
    doc: Doc,
    sent: SentenceView,
    cues: Cues,
    recent: tuple[Actor, ...] = (),
    verbs: frozenset[str] = frozenset(),
    last: Actor | None = None,
) -> Chain:
    """Who the sentence cites; ``recent`` are named sources of earlier sentences of the article,
    ``verbs`` the event trigger words (a name before one begins what is said, it is no source)."""
    chain = Chain(recent=recent, last=last)
    n = len(sent.lower)
    named_after: set[int] = set()  # reporting-verb tokens whose source follows them ("riporta RFA")
    for i in range(n):
        for kind, phrase in cues.source_cues.get(sent.lower[i], ()):
            if not sent.phrase_at(i, phrase):
                continue
            chain.cue_tokens.update(range(i, i + len(phrase)))
            role = ROLES[kind]
            if role and kind != "after":
                chain.region.update(range(i, _phrase_end(sent, i + len(phrase), cues)))
            if kind == "after" and not _inverted(sent, i, i + len(phrase), cues, verbs):
                # "Defrin said Iran launched drones": Iran is the reported clause's subject
                continue
            if role:
                before = len(chain.actors)
                _collect(sent, i + len(phrase), cues, role, " ".join(phrase), chain)
                if len(chain.actors) > before:
                    named_after.update(range(i, i + len(phrase)))
        # a capitalised reporting verb inside the sentence is part of a name ("Secretary of State")
        # reporting_verb() inlined for its common answers: this runs on every token
        low = sent.lower[i]
        verb = (
            sent.lemmas[i] in cues.reporting_verbs
            or low in cues.reporting_verbs
            or (low in cues.reporting_phrases and reporting_verb(sent, i, cues))
        )
        if verb and i not in named_after and not _in_name(sent, i):
            agent = _agent_after(sent, i, cues)
            if agent is not None:  # "come riportato dalla Kcna", "è stata riferita dai media"
                chain.cue_tokens.update(range(i, agent))
                _collect(sent, agent, cues, "source", sent.texts[i], chain)
            elif _passive(sent, i, cues):
                pass  # "La visita di Kim è stata riportata": Kim is what is reported
            elif not re.search(cues.gerund, sent.lower[i]):
                # a gerund ("aggiungendo", "adding") shares the main clause's speaker
                _subject(sent, i, cues, chain)
    _opening(sent, cues, chain)
    _lead_speaker(sent, chain)
    # cited sources first, then their own sources
    chain.actors.sort(key=lambda a: a.role == "sub_source")
    quote = QUOTES.search(sent.mention.text)
    if quote:
        start = sent.mention.start + quote.start()
        chain.quote = Span(start, start + len(quote.group()), quote.group())
    return chain


def with_outlet(doc: Doc, attribution: list[Actor]) -> tuple[Actor, ...]:
    """The full chain: the outlet that published the article, then the sentence's sources."""
    if not doc.article.outlet:
        return tuple(attribution)
    outlet = Actor(f"outlet:{slug(doc.article.outlet)}", doc.article.outlet, "media", role="outlet")
    return (outlet, *attribution)


def reports_previous(sent: SentenceView, cues: Cues) -> bool:
    """Whether the sentence only says who told the previous one: "Lo riferiscono i media
    statali.", "This was reported by state media." (``attribution_previous`` in cues.yaml)."""
    pattern = cues.previous_pattern
    return pattern is not None and pattern.search(" ".join(sent.lower)) is not None


def lend_attribution(event: EventMention, chain: Chain) -> EventMention:
    """The event with another sentence's sources added to its attribution chain; an asserted
    event becomes a reported one."""
    known = {a.id for a in event.attribution}
    extra = tuple(a for a in chain.actors if a.id not in known)
    if not extra:
        return event
    factuality, cue = event.factuality, event.factuality_cue
    if factuality == "asserted":
        factuality, cue = "reported", extra[0].cue
    return replace(event, attribution=(*event.attribution, *extra), factuality=factuality, factuality_cue=cue)
