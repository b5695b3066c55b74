"""How an event is told: asserted, reported, probable, possible, rumoured, hypothetical,
intended, future, denied, not acknowledged or negated, with the words that decided it.

Cues (``factuality`` in ``cues.yaml``, ordered by priority) are read in the trigger's clause
and in the clauses it completes (:mod:`cronaca.extract.events.clauses`): in "La Russia potrebbe
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

``hypothetical`` is an event neither asserted nor denied: the condition of an "if" ("se la
Russia inviasse truppe", "unless the talks fail"), an indirect question ("whether Iran will
send drones", "se l'Iran invierà droni" is the same word) or a direct question ("Will Turkey
send troops?"). A word cue of this kind reaches only the words after it in the clause ("to
decide whether X is sent": the deciding is not hypothetical); a question mark reaches the
whole clause. It wins over a negation in its scope ("if a deal is not signed": the signing
is neither done nor not done).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from cronaca.extract.events.clauses import Clauses, clauses_of
from cronaca.extract.events.cues import Cues
from cronaca.extract.sentence_view import SentenceView

COMMENTS = ("denied", "not_acknowledged")  # what a concessive clause lends the clause it hangs on
NEGATION_WINDOW = 4  # tokens before the trigger
SOURCED = ("reported", "rumoured", "denied", "not_acknowledged")  # say who, not what is to come
FORWARD_WINDOW = 2  # a cue ending with an infinitive marker governs this many tokens after it
FORWARD_ONLY = ("hypothetical",)  # word cues of these values reach only the words after them
BREAKS = {",", ";", ":"}  # … up to the first of these


def sentence_factuality(sent: SentenceView, cues: Cues) -> tuple[str, str]:
    """The strongest factuality cue anywhere in the sentence."""
    return _match(list(sent.lower), cues)


def factuality_at(sent: SentenceView, i: int, cues: Cues) -> tuple[str, str]:
    """The factuality of the event whose trigger is token ``i``, and the cue that decided it."""
    clauses = clauses_of(sent, cues)
    scope = clauses.scope(i)
    # where the scope jumps over another clause ("if X, which …, Y"), a comma stood
    tokens = [("," if n and k - scope[n - 1] > 1 else "") + _word(sent, k) for n, k in enumerate(scope)]
    value, cue = _match(tokens, cues, at=scope.index(i) if i in scope else None)
    rank = _ranks(cues)
    for tokens in clauses.comments(i):
        found, found_cue = _match([sent.lower[k] for k in tokens], cues, COMMENTS)
        if found and rank.get(found, 99) < rank.get(value, 99):
            value, cue = found, found_cue
    if value in COMMENTS or value in FORWARD_ONLY:
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
            return "negated", " ".join(sent.texts[j : i + 1])
    if (start := _negative_subject(sent, i, cues, clauses)) is not None:
        return "negated", " ".join(sent.texts[start : i + 1])
    if value == "asserted":
        return _planned(sent, i, cues) or _future_in_past(sent, i, cues, clauses) or (value, cue)
    return value, cue


SUBJECT_WINDOW = 8  # tokens from a clause's first word to its verb
NEGATIVE_SUBJECTS = frozenset({"no", "nobody", "none", "nessun", "nessuno", "nessuna", "nessun'"})


def _negative_subject(sent: SentenceView, i: int, cues: Cues, clauses: Clauses) -> int | None:
    """A clause whose subject is negative ("No Pakistani military sites were targeted",
    "Nessun civile è stato ucciso") says the event did not happen, however far the verb; the
    negation cue list covers only words right before it. The negative word must open the
    clause or follow a reporting verb ("said no sites were hit"). Returns where it stands."""
    for k in range(i - 1, max(-1, i - 1 - SUBJECT_WINDOW), -1):
        if not clauses.same(k, i) or sent.lower[k] in {",", ";", ":"}:
            return None
        if sent.lower[k] not in NEGATIVE_SUBJECTS or sent.lower[k + 1] in {",", ";", ":", "."}:
            continue
        before = sent.lower[k - 1] if k > 0 else ""
        if k == 0 or before in {",", ";", ":", "that", "che"} or not clauses.same(k - 1, i) or (
            sent.lemmas[k - 1] in cues.reporting_verbs
        ):
            return k
    return None


def _word(sent: SentenceView, k: int) -> str:
    """Token ``k`` lowercased, unless it is capitalised inside the sentence: "in May" is the
    month, not the modal; "Secondo", "Could" opening the sentence are cues."""
    text = sent.texts[k]
    if k > 0 and text.istitle() and sent.lower[k - 1][:1].isalnum():
        return text
    return sent.lower[k]


def _future_in_past(sent: SentenceView, i: int, cues: Cues, clauses: Clauses) -> tuple[str, str] | None:
    """A verb one or two words after "would" ("announced that it would buy", "would be
    replaced") is ``future``: still to come when it was said."""
    for j in range(i - 1, max(-1, i - 3), -1):
        if not clauses.same(j, i) or sent.lower[j] in {",", ";", ":"}:
            return None
        if sent.lower[j] in cues.future_in_past:
            return "future", " ".join(sent.texts[j : i + 1])
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
    words = " ".join(sent.texts[max(0, i - 2) : i + 1])
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

    With ``at`` (the trigger's index in ``tokens``) cues have a reach:

    - a cue that ends with an infinitive marker or a genitive ("expected to", "al fine di",
      "fear of") counts only for the ``FORWARD_WINDOW`` tokens after it: "expected to [be]
      launched", not "X, expected to rise after Y fell";
    - a word cue of a ``FORWARD_ONLY`` value ("if", "whether", "se") counts only from where it
      stands to the next comma, and what stands after it reaches no trigger before it: in "a
      hearing was scheduled to decide whether the deal should be approved" neither the hearing
      nor the deciding is hypothetical or probable;
    - a hedge or a plan does not reach the words it is made of: in "it is expected that",
      "plans to buy" the expecting and the planning are told as facts (an ending such as
      "*rà" is part of its word: "chiuderà" stays future).
    """
    found = _matches(tokens, cues)
    limit = len(tokens)
    if at is not None:
        for (value, phrase), spans in found:
            if value in FORWARD_ONLY and phrase[:1].isalpha():
                for first, _last, _group in spans:
                    if first > at:  # a match past the trigger (its start after the trigger's end)
                        limit = min(limit, first)
    ends = cues.infinitive_markers | cues.clauses.genitive
    for (value, phrase), spans in found:
        if only and value not in only:
            continue
        # only hedges and plans are forward-scoped: "according to" ends with "to" too
        hedge = at is not None and value not in SOURCED
        forward = hedge and phrase.split()[-1] in ends
        after = hedge and value in FORWARD_ONLY and phrase[:1].isalpha()
        for first, last, group in spans:
            if first >= limit:
                break
            if hedge and first <= at <= last and not phrase.startswith("*"):  # its own words, not an ending
                continue
            if forward and not 0 < at - last <= FORWARD_WINDOW:
                continue
            if after and (at < first or any(t[:1] in BREAKS for t in tokens[first + 1 : at + 1])):
                continue
            return value, group
    return ("", "") if only else ("asserted", "")


# (cues, text) → (cues, its matches): shared by the triggers of a sentence
_FOUND: dict[tuple[int, str], tuple] = {}
_FOUND_SIZE = 64


def _matches(tokens: list[str], cues: Cues) -> list[tuple[tuple[str, str], list[tuple[int, int, str]]]]:
    """Every cue's matches in ``tokens`` as (first token, last token, text), cues in priority
    order: computed once per text, since every trigger of a clause reads the same words (a
    long sentence with dozens of triggers scanned it once per trigger)."""
    text = " ".join(tokens)
    key = (id(cues), text)
    hit = _FOUND.get(key)
    if hit is not None and hit[0] is cues:  # the cues object itself, kept alive by the entry
        return hit[1]
    starts = [0]
    for token in tokens[:-1]:
        starts.append(starts[-1] + len(token) + 1)
    out = []
    for (value, phrase, pattern), pieces in zip(cues.factuality, cues.factuality_pieces, strict=True):
        if not all(piece in text for piece in pieces):
            out.append(((value, phrase), []))  # most cues: a word of theirs is missing
            continue
        spans = [
            (bisect_right(starts, m.start()) - 1, bisect_right(starts, m.end()) - 1, m.group())
            for m in pattern.finditer(text)
        ]
        out.append(((value, phrase), spans))
    if len(_FOUND) >= _FOUND_SIZE:
        _FOUND.clear()
    _FOUND[key] = (cues, out)
    return out


def _ranks(cues: Cues) -> dict[str, int]:
    ranks: dict[str, int] = {}
    for value, _phrase, _pattern in cues.factuality:
        ranks.setdefault(value, len(ranks))
    ranks.setdefault("asserted", len(ranks))
    return ranks
