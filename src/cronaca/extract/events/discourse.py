"""Roles a sentence leaves unsaid, taken from the fighting the article has already reported.

News reports a strike once and its toll, the reactions and the threats in later sentences
that name only one side or none: "Almeno 26 persone sono state uccise", "Iran vowed a heavy
response", "Salami was killed". Without the dyad of the article's last FIGHT/ASSAULT event
these facts have no actors and vanish (or, worse, the victims become the attackers). A rule
with ``inherit: conflict`` (casualties) takes the missing side(s) from that dyad, keeping the
sides straight: victims of the attacked side were hit by the attacker, and the other way
round. ``inherit: reaction`` (threats, condemnations, vows of revenge) gives a statement by
one side of the dyad the other side as its target; ``inherit: sighting`` (forces detected
near someone) gives forces seen with no owner to the other side of the seer's dyad;
``inherit: same`` (an act named again: "Rwanda has denied such support") takes what it lacks
from the latest event of its own type in which its side took part.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from cronaca.model import Actor, EventMention, Interval

CONFLICT = frozenset({"FIGHT", "ASSAULT"})
KINDS = frozenset({"conflict", "reaction", "sighting", "same"})

Actors = tuple[Actor, ...]


# actors that fight for no state: the RSF are not Sudan, civilians are nobody's side
NON_STATE = frozenset({"rebel", "militant", "opposition", "criminal", "civilian", "protesters", "refugee"})


def _state(actor: Actor) -> str:
    """The country a state actor stands for; "" for a non-state one (a group, an agent)."""
    if actor.country and actor.sector not in NON_STATE and not actor.id.startswith("agent:"):
        return actor.country
    return ""


def _sides(actors: Sequence[Actor]) -> set[str]:
    """The sides an actor stands for: a state actor its country, a non-state one only itself."""
    out = set()
    for a in actors:
        out.add(a.id)
        if state := _state(a):
            out.add(state)
    return out


# a reaction answers any hostile act: drills and deployments as much as strikes
HOSTILE = CONFLICT | {"MOBILIZE", "THREATEN", "COERCE", "SANCTION"}


def last_dyad(
    events: Sequence[EventMention],
    types: frozenset[str] = CONFLICT,
    time: Interval | None = None,
    party: Actors = (),
) -> tuple[Actors, Actors] | None:
    """Doer and target of the article's latest event of ``types`` with both sides named; with
    ``time`` (the new event's own date), only one that can be the same time ("the 22 April
    attack killed 26" takes nothing from strikes on 7 May); with ``party``, only one in which
    that party is a side (Pakistan's threat answers India's strikes, not the militants' attacks
    on India told since)."""
    sides = _sides(party) if party else set()
    for event in reversed(events):
        if event.type in types and event.source_actors and event.target_actors:
            if time is not None and not _same_time(time, event.time):
                continue
            if sides and not sides & (_sides(event.source_actors) | _sides(event.target_actors)):
                continue
            return event.source_actors, event.target_actors
    return None


def lone_state(events: Sequence[EventMention]) -> str:
    """The one state among the sides of the article's latest hostile event, "" when both or
    neither are states: in a story of the M23 taking Goma, "l'esercito" and "alcuni militari"
    with no country are Congo's."""
    dyad = last_dyad(events, HOSTILE)
    if dyad is None:
        return ""
    states = {_state(a) for a in (*dyad[0], *dyad[1])} - {""}
    return states.pop() if len(states) == 1 else ""


RECENT = timedelta(days=7)  # an undated event is the news: at most a week before its report


def _same_time(a: Interval, b: Interval | None) -> bool:
    """Whether a dated event (``a``) may be the same as an earlier one (``b``): overlapping
    dates, or ``b`` undated (the news, reported on ``b.end``) and ``a`` within a week of it."""
    if b is None or a.open_start:
        return True
    if b.open_start:
        return a.end >= b.end - RECENT
    return a.overlaps(b)


def both_sides(
    earlier: Sequence[EventMention], also: frozenset[str] = frozenset(), prefer: str = ""
) -> Actors:
    """The two sides of the latest event of type ``prefer`` ("each side" of a swap are those of
    the swap told before), else of the latest hostile dyad or event of a type in ``also`` ("both
    sides agreed" after talks), for "both sides", "i due Paesi", "ogni parte"."""
    for types in (frozenset({prefer}) if prefer else frozenset(), HOSTILE | also):
        if types and (dyad := _armed_dyad(earlier, types)):
            return dyad
    return ()


def _armed_dyad(earlier: Sequence[EventMention], types: frozenset[str]) -> Actors:
    """Both sides of the latest dyad of ``types`` between parties that act."""
    # sides are parties that act: civilians killed in a strike are no side of a ceasefire
    armed = [
        e for e in earlier if not any(a.sector == "civilian" for a in (*e.source_actors, *e.target_actors))
    ]
    dyad = last_dyad(armed, types)
    return (*dyad[0], *dyad[1]) if dyad else ()


def _sighted(
    earlier: Sequence[EventMention], source: Actors, target: Actors, time: Interval | None
) -> Actors:
    """Whose forces were seen when the text names no owner ("sono state rilevate 19 navi attorno
    alle coste dell'isola", "six warships were spotted near Okinawa"): the other side of the
    latest hostile dyad that the one who saw them is in."""
    if source or not target:
        return source
    dyad = last_dyad(earlier, HOSTILE, time)
    if dyad is None:
        return source
    attacker, attacked = dyad
    if _sides(target) & _sides(attacked) and not _sides(target) & _sides(attacker):
        return attacker
    if _sides(target) & _sides(attacker) and not _sides(target) & _sides(attacked):
        return attacked
    return source


def _counting_side(speakers: Actors, source: Actors) -> Actors:
    """The countries of the states that count dead the other side caused: a toll a state gives of
    a strike by someone else is its own ("Ukraine says five killed in Russian shelling"). A
    third party's count (the UN's, a hospital's) says nothing of whose dead they are."""
    doers = _sides(source)
    own = {
        a.country
        for a in speakers
        if a.country and a.sector not in NON_STATE and not a.id.startswith("source:")
    }
    own |= {a.id for a in speakers if a.id == a.country}
    return tuple(Actor(c, c, "", country=c) for c in sorted(own - doers))


def inherit(
    kind: str,
    earlier: Sequence[EventMention],
    source: Actors,
    target: Actors,
    both: bool = True,
    speakers: Actors = (),
    time: Interval | None = None,
    toll: bool = False,
    news: Interval | None = None,
    same_type: str = "",
) -> tuple[Actors, Actors]:
    """Fill the sides a ``kind`` rule leaves empty from the latest dyad; unchanged without one.
    ``both``: whether an event naming neither side may take both; ``speakers``: who the
    sentence cites (a side reports its own dead: "Pakistan's army said the attacks killed 8");
    ``toll``: the event is a count of dead or wounded; ``news``: the days an undated event is
    from (the week before its report), whose fighting it takes before a background attack
    dated weeks earlier ("the strikes were the response to the 22 April attack … reports
    from the places hit speak of several victims": the strikes' victims)."""
    if (source and target) or (not both and not source and not target):
        return source, target
    if kind == "sighting":
        return _sighted(earlier, source, target, time), target
    if kind == "same":
        # "Rwanda has denied such support": the support told before, by the same side
        told = last_dyad(earlier, frozenset({same_type}), None, source)
        return (source, target) if told is None else (source or told[0], target or told[1])
    if toll and source and not target and (own := _counting_side(speakers, source)):
        return source, own  # "Pakistan confirms 26 killed in Indian strikes": Pakistan's dead
    types = CONFLICT if kind == "conflict" else HOSTILE
    party = source if kind == "reaction" and source and not target else ()
    dyad = last_dyad(earlier, types, time, party)
    if time is None and news is not None:
        dyad = last_dyad(earlier, types, news, party) or dyad  # today's fighting, else the latest
    if dyad is None:
        return source, target
    attacker, attacked = dyad
    if kind == "conflict":
        if not source and not target:
            if speakers and _sides(speakers) & _sides(attacker) and not _sides(speakers) & _sides(attacked):
                return attacked, attacker  # the speaker's side counts its own dead
            return attacker, attacked
        if not source:  # victims named: those of the attacker's side were hit by the other
            return (attacked if _sides(target) & _sides(attacker) else attacker), target
    if source and not target:  # a conflict or a reaction by one side is aimed at the other
        if _sides(source) & _sides(attacked):
            return source, attacker
        if _sides(source) & _sides(attacker):
            return source, attacked
    return source, target
