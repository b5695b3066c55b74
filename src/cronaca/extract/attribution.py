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
from dataclasses import dataclass, field

from cronaca.extract.cues import Cues
from cronaca.extract.pipeline import Doc
from cronaca.extract.sentence_view import SentenceView, actor_from
from cronaca.model import Actor, Span

QUOTES = re.compile(r"«[^»]{3,}»|“[^”]{3,}”|\"[^\"]{3,}\"")
WINDOW = 8  # how far after a cue its sources may be named


@dataclass
class Chain:
    actors: list[Actor] = field(default_factory=list)  # cited sources, then sub-sources
    offsets: set[int] = field(default_factory=set)  # entity mentions used as sources
    cue_tokens: set[int] = field(default_factory=set)  # tokens of cue phrases (never triggers)
    region: set[int] = field(
        default_factory=set
    )  # cue + source phrase: "according to a report published on …"
    quote: Span | None = None

    def add(self, actor: Actor, offset: int | None = None) -> None:
        if offset is not None:
            self.offsets.add(offset)
        if all(a.id != actor.id for a in self.actors):
            self.actors.append(actor)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _generic(sent: SentenceView, j: int, cues: Cues, role: str, cue: str, chain: Chain) -> bool:
    """A generic source at token ``j`` ("fonti", "analysts"), with its modifiers and country."""
    spec = cues.generic_sources.get(sent.lower[j]) or cues.generic_sources.get(sent.lemmas[j])
    if not spec:
        return False
    name, sector = spec
    lo, hi = max(0, j - 2), min(len(sent.tokens), j + 4)
    window = f" {' '.join(sent.lower[lo:hi])} "
    prefixes = [prefix for phrase, prefix in cues.source_modifiers.items() if f" {phrase} " in window]
    country = None
    for k in range(lo, hi):
        for e in sent.entities_at(k):
            if e.label == "demonym":
                country = e
    label = " ".join(sorted(set(prefixes)) + [name])
    if country is not None:
        chain.offsets.add(country.start)
        country_name = (country.value or {}).get("name", country.text)
        chain.add(
            Actor(
                f"source:{_slug(label)}:{country.entity_id}",
                f"{country_name} {label}",
                sector,
                role=role,
                cue=cue,
            )
        )
    else:
        chain.add(Actor(f"source:{_slug(label)}", label, sector, role=role, cue=cue))
    return True


SPEAKERS = {"country", "capital", "metonym", "organisation", "person"}  # entities that can say things


def _collect(sent: SentenceView, start: int, cues: Cues, role: str, cue: str, chain: Chain) -> None:
    """The coordinated sources after a cue, up to a comma or the start of a clause.

    A named source wins over a description of it: in "l'emittente pubblica giapponese
    NHK" the source is NHK, not "Japan media".
    """
    end = start
    while end < min(len(sent.tokens), start + WINDOW) and sent.lower[end] not in cues.attribution_stop:
        end += 1
    named = [e for j in range(start, end) for e in sent.entities_at(j) if e.label in SPEAKERS]
    for e in named:
        chain.add(actor_from(e, role=role, cue=cue), e.start)
    if not named:  # one generic source per phrase: "fonti diplomatiche occidentali"
        for j in range(start, end):
            if _generic(sent, j, cues, role, cue, chain):
                break


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
    while end < len(sent.tokens) and end < j + 15 and sent.lower[end] not in cues.attribution_stop:
        end += 1
    return end


def _subject(sent: SentenceView, i: int, cues: Cues, chain: Chain) -> None:
    for lo, hi in _subject_ranges(sent, i):
        for k in range(hi - 1, lo - 1, -1):
            found = [e for e in sent.entities_at(k) if e.label in SPEAKERS]
            if found:
                for e in found:
                    chain.add(actor_from(e, role="source", cue=sent.tokens[i].text), e.start)
                return
            if _generic(sent, k, cues, "source", sent.tokens[i].text, chain):
                return


def attribution_chain(doc: Doc, sent: SentenceView, cues: Cues) -> Chain:
    chain = Chain()
    n = len(sent.tokens)
    named_after: set[int] = set()  # reporting-verb tokens whose source follows them ("riporta RFA")
    for i in range(n):
        for phrases, role in (
            (cues.attribution_before, "source"),
            (cues.attribution_after, "source"),
            (cues.sub_source, "sub_source"),
            (cues.agent, ""),
        ):
            for phrase in phrases:
                if sent.phrase_at(i, phrase):
                    chain.cue_tokens.update(range(i, i + len(phrase)))
                    if role and phrases is not cues.attribution_after:
                        chain.region.update(range(i, _phrase_end(sent, i + len(phrase), cues)))
                    if role:
                        before = len(chain.actors)
                        _collect(sent, i + len(phrase), cues, role, " ".join(phrase), chain)
                        if len(chain.actors) > before:
                            named_after.update(range(i, i + len(phrase)))
        if sent.lemmas[i] in cues.reporting_verbs and i not in named_after:
            # a gerund ("aggiungendo", "adding") shares the main clause's speaker
            if not re.search(cues.gerund, sent.lower[i]):
                _subject(sent, i, cues, chain)
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
    outlet = Actor(f"outlet:{_slug(doc.article.outlet)}", doc.article.outlet, "media", role="outlet")
    return (outlet, *attribution)
