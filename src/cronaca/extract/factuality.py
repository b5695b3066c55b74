"""How an event is told: asserted, reported, probable, possible, rumoured, future, denied,
not acknowledged or negated, with the words that decided it.

Cues (``factuality`` in ``cues.yaml``, ordered by priority) are read in the trigger's clause
and in the clauses it completes (:mod:`cronaca.extract.clauses`): in "La Russia potrebbe
fornire droni in cambio delle truppe che combattono a Kursk" the supply is *possible*, the
fighting is not; in "Kim ha affermato che sarà necessario ampliare la produzione e ha
ordinato nuovi stabilimenti" the order is not *future*. A concessive clause that hangs on the
trigger's clause lends it its denial and non-acknowledgement ("… sarebbero in Russia, sebbene
né Pyongyang né Mosca abbiano riconosciuto la loro presenza"). A negation right before the
trigger in its own clause makes the event ``negated`` ("non ha inviato", "did not send").
"""

from __future__ import annotations

import re

from cronaca.extract.clauses import clauses_of
from cronaca.extract.cues import Cues
from cronaca.extract.sentence_view import SentenceView

COMMENTS = ("denied", "not_acknowledged")  # what a concessive clause lends the clause it hangs on
NEGATION_WINDOW = 4  # tokens before the trigger


def sentence_factuality(sent: SentenceView, cues: Cues) -> tuple[str, str]:
    """The strongest factuality cue anywhere in the sentence."""
    return _match(" ".join(sent.lower), cues)


def factuality_at(sent: SentenceView, i: int, cues: Cues) -> tuple[str, str]:
    """The factuality of the event whose trigger is token ``i``, and the cue that decided it."""
    clauses = clauses_of(sent, cues)
    scope = clauses.scope(i)
    value, cue = _match(" ".join(sent.lower[k] for k in scope), cues)
    rank = _ranks(cues)
    for tokens in clauses.comments(i):
        found, found_cue = _match(" ".join(sent.lower[k] for k in tokens), cues, COMMENTS)
        if found and rank.get(found, 99) < rank.get(value, 99):
            value, cue = found, found_cue
    if value in COMMENTS:
        return value, cue
    lo = i
    while (
        lo > 0
        and i - lo < NEGATION_WINDOW
        and sent.lower[lo - 1] not in {",", ";", ":"}
        and clauses.same(lo - 1, i)
    ):
        lo -= 1
    for j in range(lo, i):
        if sent.lower[j] in cues.negation:
            return "negated", " ".join(t.text for t in sent.tokens[j : i + 1])
    if value == "asserted":
        return _planned(sent, i, cues) or (value, cue)
    return value, cue


def _planned(sent: SentenceView, i: int, cues: Cues) -> tuple[str, str] | None:
    """A trigger that is a bare infinitive after a marker ("agreed to send", "pronta a
    produrre", "per aiutare") is ``future``: planned, not done; after a verb that says it
    happened ("managed to send", "riuscita a") it stays asserted, after one that says it did
    not ("failed to pass", "non è riuscita a") it is ``negated``."""
    if i == 0 or sent.lower[i - 1] not in cues.infinitive_markers:
        return None
    infinitive = cues.clauses.infinitive
    if infinitive != r"$^" and not re.search(infinitive, sent.lower[i]):
        return None  # Italian: "a" before a noun is a preposition
    head = sent.lemmas[i - 2] if i >= 2 else ""
    words = " ".join(t.text for t in sent.tokens[max(0, i - 2) : i + 1])
    if head in cues.negative_implicative:
        return "negated", words
    if head in cues.implicative:
        return None
    return "future", words


def _match(text: str, cues: Cues, only: tuple[str, ...] = ()) -> tuple[str, str]:
    """The first cue (in priority order) found in ``text``; ("asserted", "") when none."""
    for value, _phrase, pattern in cues.factuality:
        if only and value not in only:
            continue
        match = pattern.search(text)
        if match:
            return value, match.group()
    return ("", "") if only else ("asserted", "")


def _ranks(cues: Cues) -> dict[str, int]:
    ranks: dict[str, int] = {}
    for value, _phrase, _pattern in cues.factuality:
        ranks.setdefault(value, len(ranks))
    ranks.setdefault("asserted", len(ranks))
    return ranks
