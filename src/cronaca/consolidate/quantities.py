"""What a mention's quantity means, so that a claim never adds soldiers killed to soldiers sent.

Every quantity gets a canonical unit and a **kind**: ``sent`` (forces sent or present),
``killed``, ``wounded``, ``captured``, ``produced``, ``shipped``, ``money`` or ``count`` (a
number whose meaning nothing tells). The kind comes from, in order: a money unit; the words
right around the number ("10,000 soldiers killed", "2,000 of them wounded", "uccisi 26
civili"); the trigger of the event ("killed 26 people"); the event type (forces in a
MOBILIZE or AID are sent, weapons in a PRODUCE_WEAPONS are produced, goods in an AID are
shipped).

The same cues give a mention's **frame** even without a number: a mention triggered by
"killed" is about a killing, one triggered by "sent" about a dispatch; two mentions whose
frames are both known and differ are two facts.

Units: the quantities stage falls back to a word's lemma for a noun it does not know; words
that cannot be what is counted (pronouns, possessives, determiners: "10,000 of its
military", "of them") are no unit, and "dead" / "injured" are people, their kind killed /
wounded.
"""

from __future__ import annotations

import re
from typing import Any

COMPONENT = "claim-quantities@1"
KINDS = ("sent", "killed", "wounded", "captured", "released", "produced", "shipped", "money", "count")
# what a trigger (or, for asylum, its object) may say happened
FRAMES = (*KINDS[:-2], "fled", "exchanged", "overthrown", "asylum", "backing")

# what the words around a number or its trigger say happened to what is counted (Italian and
# English): word prefixes, then whole words (short or ambiguous stems: "sent" is not "sentito")
CUES: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "killed": (
        ("kill", "dead", "death", "fatalit", "slain", "murder", "uccis", "uccid", "vittim", "decedut"),
        frozenset({"died", "dies", "dying", "toll", "morti", "morto", "morta", "morte", "caduti"}),
    ),
    "wounded": (("wound", "injur", "ferit", "ferim"), frozenset()),
    "captured": (
        ("captur", "prisoner", "detain", "arrest", "hostage", "prigion", "cattur", "detenut", "ostagg"),
        frozenset(),
    ),
    "produced": (("produc", "manufactur", "fabbric", "costrui"), frozenset({"built", "build", "builds"})),
    "shipped": (
        ("shipp", "shipment", "deliver", "export", "spedi", "consegn", "fornit", "fornir", "esport"),
        frozenset({"supplied", "supplies", "supply", "carichi"}),
    ),
    "released": (
        ("releas", "liberat", "rilasc", "scarcerat"),
        frozenset({"freed", "frees", "free", "liberati"}),
    ),
    "exchanged": (("exchang", "swap", "scambi"), frozenset()),
    "fled": (("fled", "flee", "fugg", "escap", "scapp"), frozenset({"fuga"})),
    # backing a side is a standing relation, not one delivery or one grant: "Russia backed Assad",
    # "l'M23 sostenuto dal Ruanda"
    "backing": (("backed", "backing", "sostenut", "appoggiat", "sponsor"), frozenset({"backs", "back"})),
    # a government overthrown is no arrest: "hanno rovesciato il potere di Assad", "ousted the president"
    "overthrown": (
        (
            "overthr",
            "topple",
            "toppling",
            "ousted",
            "ouster",
            "rovesci",
            "destitu",
            "spodest",
            "golpe",
            "coup",
        ),
        frozenset({"deposto", "deposed", "depose", "oust"}),
    ),
    "sent": (
        (
            "deploy",
            "dispatch",
            "stationed",
            "reinforc",
            "invia",
            "inviat",
            "mandat",
            "schierat",
            "dispiegat",
            "dislocat",
            "rinforz",
            "presenz",
        ),
        frozenset(
            {
                "sent",
                "send",
                "sends",
                "sending",
                "presence",
                "arrived",
                "arrive",
                "arriving",
                "present",
                "presenti",
                "arrivati",
                "arrivate",
                "giunti",
            }
        ),
    ),
    # forces seen, not forces sent: "Taiwan detected 19 Chinese warships", "avvistate navi"
    "sighted": (
        ("detect", "spotted", "sighted", "rilevat", "avvistat", "individuat", "monitorat"),
        frozenset({"spot", "spots", "sight", "tracked", "rilevato"}),
    ),
    # an exercise is one frame whatever it moves: "began drills", "ha avviato un'esercitazione"
    "drill": (
        ("drill", "exercis", "esercitaz", "manovr", "wargam"),
        frozenset({"manoeuvres", "maneuvers"}),
    ),
}
MONEY = frozenset({"dollars", "euros", "euro", "rubles", "roubles", "won", "yuan", "pounds", "usd", "eur"})
# units that say the kind themselves
UNIT_KIND = {
    "dead": ("people", "killed"),
    "injured": ("people", "wounded"),
    "prisoners": ("people", "captured"),
}
FORCES = frozenset({"soldiers"})
WEAPONS = frozenset(
    {"missiles", "drones", "shells", "tanks", "rockets", "weapons", "artillery", "aircraft", "ships"}
)
# types whose counts say what moved or was made: there a count sent, shipped or produced means it
TRANSFER_TYPES = frozenset({"AID", "MOBILIZE", "PRODUCE_WEAPONS", "TEST_WEAPONS", "SANCTION", "COOPERATE"})
PEOPLE_KINDS = frozenset({"killed", "wounded", "captured"})
THINGS = WEAPONS | {"containers", "vehicles", "shells", "rounds", "tons", "barrels", "dollars", "euros"}
# words the quantities stage may take for a counted noun that count nothing
NOT_UNITS = frozenset(
    {
        "its",
        "it",
        "their",
        "them",
        "they",
        "his",
        "her",
        "our",
        "your",
        "these",
        "those",
        "this",
        "that",
        "which",
        "whom",
        "who",
        "of",
        "the",
        "a",
        "an",
        "and",
        "or",
        "more",
        "other",
        "others",
        "suo",
        "sua",
        "suoi",
        "sue",
        "loro",
        "essi",
        "esse",
        "questi",
        "queste",
        "quelli",
        "quelle",
        "cui",
        "di",
        "dei",
        "delle",
        "degli",
        "il",
        "lo",
        "la",
        "i",
        "gli",
        "le",
        "e",
        "o",
        "altri",
        "altre",
    }
)
_WORD = re.compile(r"[^\W\d_]+")
AFTER, BEFORE = 6, 4  # words after and before the number that may say its kind


def canonical_unit(quantity: dict[str, Any] | None) -> str | None:
    """The unit a claim compares: ``None`` when the number counts nothing named."""
    unit = ((quantity or {}).get("unit") or "").strip().casefold()
    if not unit or unit in NOT_UNITS:
        return None
    return UNIT_KIND.get(unit, (unit, ""))[0]


def _cue_kind(words: list[str]) -> str:
    for word in words:
        for kind, (prefixes, whole) in CUES.items():
            if word in whole or word.startswith(prefixes):
                return kind
    return ""


def frame(event: dict[str, Any]) -> str:
    """What the trigger says happened: a kind of ``CUES``, or ``""`` when it says none; a
    trigger that says none ("received", "granted") takes an ``OBJECT_FRAMES`` noun right after
    it ("received asylum from Russia" is no arms delivery)."""
    trigger = str((event.get("trigger") or {}).get("text") or "").casefold()
    found = _cue_kind(_WORD.findall(trigger))
    if found:
        return found
    text, offset = event.get("text") or "", (event.get("span") or {}).get("start", 0)
    at = (event.get("trigger") or {}).get("end")
    if not text or at is None:
        return ""
    after = _WORD.findall(text[max(0, at - offset) :].casefold())[:OBJECT_WINDOW]
    for kind, prefixes in OBJECT_FRAMES.items():
        if any(w.startswith(prefixes) for w in after):
            return kind
    return ""


OBJECT_WINDOW = 4
# frames only an object names: asylum granted or received is not arms or troops sent
OBJECT_FRAMES = {"asylum": ("asylum", "asilo", "refuge", "rifugio")}


def _window(event: dict[str, Any], quantity: dict[str, Any]) -> list[str]:
    """The words of the quantity and a few either side, nearest first (after, then before)."""
    text, offset = event.get("text") or "", (event.get("span") or {}).get("start", 0)
    start, end = quantity.get("start"), quantity.get("end")
    if start is None or end is None or not text:
        return _WORD.findall(str(quantity.get("text") or "").casefold())
    inside = text[max(0, start - offset) : max(0, end - offset)].casefold()
    after = _WORD.findall(re.split(r"[.;:()]", text[max(0, end - offset) :])[0].casefold())[:AFTER]
    before = _WORD.findall(text[: max(0, start - offset)].casefold())[-BEFORE:]
    return _WORD.findall(inside) + after + before[::-1]


GOVERNS = 2  # words from a verb to the count it governs: "killed at least eight people"


def _governing_frame(event: dict[str, Any], quantity: dict[str, Any]) -> str:
    """The trigger's frame when the trigger is the verb right before the count ("the attacks
    killed at least eight people and injured 35 others", "hanno ucciso 12 civili e ferito 30"):
    the count is its object, whatever cue follows it."""
    text, offset = event.get("text") or "", (event.get("span") or {}).get("start", 0)
    at, start = (event.get("trigger") or {}).get("end"), quantity.get("start")
    if not text or at is None or start is None or not 0 <= start - at <= 40:
        return ""
    between = text[max(0, at - offset) : max(0, start - offset)]
    if re.search(r"[.,;:()]", between) or len(_WORD.findall(between)) > GOVERNS:
        return ""
    return frame(event)


def measure(event: dict[str, Any]) -> tuple[str | None, str]:
    """(canonical unit, kind) of a mention's quantity; (None, "") when it has none."""
    q = event.get("quantity") or {}
    if q.get("value") is None:
        return None, ""
    raw = (q.get("unit") or "").strip().casefold()
    unit = canonical_unit(q)
    if raw in UNIT_KIND:
        return unit, UNIT_KIND[raw][1]
    if raw in MONEY:
        return unit, "money"
    kind = (_governing_frame(event, q) or _cue_kind(_window(event, q))) or frame(event)
    if kind in PEOPLE_KINDS and unit and unit not in FORCES | {"people"} and unit in THINGS:
        kind = ""  # "launched 100 drones, killing ...": drones are not killed
    if kind in ("sent", "shipped", "produced") and event["type"] not in TRANSFER_TYPES:
        kind = ""  # "launched dozens of missiles" in a strike: missiles used, not shipped
    if kind in ("sent", "shipped"):  # forces are sent, goods shipped, whichever verb moved them
        kind = "sent" if unit in FORCES or unit is None else "shipped"
    if not kind and unit in FORCES and event["type"] in ("MOBILIZE", "AID"):
        kind = "sent"
    elif not kind and event["type"] == "PRODUCE_WEAPONS":
        kind = "produced"
    elif not kind and event["type"] == "AID" and unit:
        kind = "shipped"
    return unit, kind or "count"
