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

A cue that ends with an infinitive marker ("expected to", "intends to", "al fine di") governs
only what follows it: in "X, expected to rise after Y fell" the fall is not *probable*.
``intended`` is a purpose or an intention ("in order to ease", "plans to buy", "per aiutare",
"mira a produrre"): possible and still to come.
"""

from __future__ import annotations

import re

from cronaca.extract.clauses import Clauses, clauses_of
from cronaca.extract.cues import Cues
from cronaca.extract.sentence_view import SentenceView

COMMENTS = ("denied", "not_acknowledged")  # what a concessive clause lends the clause it hangs on
NEGATION_WINDOW = 4  # tokens before the trigger
SOURCED = ("reported", "rumoured", "denied", "not_acknowledged")  # say who, not what is to come
FORWARD_WINDOW = 2  # a cue ending with an infinitive marker governs this many tokens after it


def sentence_factuality(sent: SentenceView, cues: Cues) -> tuple[str, str]:
    """The strongest factuality cue anywhere in the sentence."""
    return _match(list(sent.lower), cues)


def factuality_at(sent: SentenceView, i: int, cues: Cues) -> tuple[str, str]:
    """The factuality of the event whose trigger is token ``i``, and the cue that decided it."""
    clauses = clauses_of(sent, cues)
    scope = clauses.scope(i)
    value, cue = _match([sent.lower[k] for k in scope], cues, at=scope.index(i) if i in scope else None)
    rank = _ranks(cues)
    for tokens in clauses.comments(i):
        found, found_cue = _match([sent.lower[k] for k in tokens], cues, COMMENTS)
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
        return _planned(sent, i, cues) or _future_in_past(sent, i, cues, clauses) or (value, cue)
    return value, cue


def _future_in_past(sent: SentenceView, i: int, cues: Cues, clauses: Clauses) -> tuple[str, str] | None:
    """A verb one or two words after "would" ("announced that it would buy", "would be
    replaced") is ``future``: still to come when it was said."""
    for j in range(i - 1, max(-1, i - 3), -1):
        if not clauses.same(j, i) or sent.lower[j] in {",", ";", ":"}:
            return None
        if sent.lower[j] in cues.future_in_past:
            return "future", " ".join(t.text for t in sent.tokens[j : i + 1])
    return None


def _planned(sent: SentenceView, i: int, cues: Cues) -> tuple[str, str] | None:
    """A trigger that is a bare infinitive after a marker ("agreed to send", "pronta a
    produrre") is ``future``: planned, not done; after a verb that says it happened ("managed
    to send", "riuscita a") it stays asserted, after one that says it did not ("failed to
    pass", "ha rifiutato di") it is ``negated``, after one of reluctance ("reluctant to
    supply", "riluttante a fornire") ``possible``; a purpose ("per aiutare", "in order to
    ease", "an effort to pump", "nel tentativo di") is ``intended``."""
    if i == 0 or sent.lower[i - 1] not in cues.infinitive_markers:
        return None
    infinitive = cues.clauses.infinitive
    if infinitive != r"$^" and not re.search(infinitive, sent.lower[i]):
        return None  # Italian: "a" before a noun is a preposition
    head = sent.lemmas[i - 2] if i >= 2 else ""
    words = " ".join(t.text for t in sent.tokens[max(0, i - 2) : i + 1])
    heads = {head, sent.lower[i - 2]} if i >= 2 else set()
    if heads & cues.negative_implicative:
        return "negated", words
    if heads & cues.hesitant:
        return "possible", words
    if sent.lower[i - 1] in cues.purpose_markers or heads & cues.intentional:
        return "intended", words
    if heads & cues.implicative:
        return None
    return "future", words


def _match(
    tokens: list[str], cues: Cues, only: tuple[str, ...] = (), at: int | None = None
) -> tuple[str, str]:
    """The first cue (in priority order) found in ``tokens``; ("asserted", "") when none.
    With ``at`` (the trigger's index in ``tokens``), a cue that ends with an infinitive
    marker ("expected to", "al fine di") counts only for the ``FORWARD_WINDOW`` tokens
    after it: "expected to [be] launched", not "X, expected to rise after Y fell"."""
    text = " ".join(tokens)
    markers = cues.infinitive_markers
    for value, phrase, pattern in cues.factuality:
        if only and value not in only:
            continue
        # only hedges and plans are forward-scoped: "according to" ends with "to" too
        forward = at is not None and value not in SOURCED and phrase.split()[-1] in markers
        for match in pattern.finditer(text):
            if not forward or 0 <= at - text.count(" ", 0, match.end()) <= FORWARD_WINDOW:
                return value, match.group()
    return ("", "") if only else ("asserted", "")


def _ranks(cues: Cues) -> dict[str, int]:
    ranks: dict[str, int] = {}
    for value, _phrase, _pattern in cues.factuality:
        ranks.setdefault(value, len(ranks))
    ranks.setdefault("asserted", len(ranks))
    return ranks
