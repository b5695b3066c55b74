"""Names the registry does not hold: capitalised names typed by their own words and context.

Runs last in ``cronaca.extract.entities.annotate``, after the registry and in-article
linking. A *name* is a run of capitalised words ("Rosy Bindi", "PdL", "J. Smith"), joined
across name particles after a first name ("Ursula von der Leyen") and, after an
organisation or place head word, across "di/del/della/e/per/of" ("Banca d'Italia",
"Ministero delle Infrastrutture e dei Trasporti", "Lago di Garda"). A lowercase place head
right before a name joins it ("piazza Tienanmen", "via Celoria"). Its type comes from the
first of:

1. its own words: an organisation or place head or tail word ("Partito ...", "... S.p.A.",
   "Piazza ...", "... Tower"), or an institution named by a capitalised noun ("il
   Senato", "la Procura");
2. a title or kind word before it (cues.yaml: "il ministro Mario Bianchi", "l'agenzia Xyz",
   "il villaggio di Novoselivka"), or a capitalised title in front ("Papa Francesco");
3. a known first name ("Mario Bianchi"), a regnal number ("Benedetto XVI"), or the surname
   of a person named before in the article ("Bianchi");
4. a place preposition right before it ("in Florida", "a Iseo");
5. capitals: an acronym ("PdL", "M5S") is an organisation;
6. a line of its own: a byline.

A name with none of these is left alone, and so is a capitalised common word (one
simplemma knows in lowercase: "Festival", "Presidente") unless 1 or 2 applies. The first
word of a sentence is dropped when it is a common or function word ("Il", "Secondo").

Registry mentions inside a name: a person's name replaces a place or a bare family name
it encloses ("Whitney Houston" is not the city; "Melania Trump" is not Donald Trump); an
organisation's or place's name encloses them and they stay, so events still see the
actor ("Banca d'Italia" keeps Italy). Every mention here is unlinked: ``entity_id`` None,
``value = {"linked": False, "cue": ...}``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from cronaca.extract.entities.linking import Found
from cronaca.extract.entities.name_lexicon import (
    ROMAN,
    adjective_form,
    alone_on_line,
    capitals,
    common,
    cue_before,
    names,
    org_acronym,
    place_preposition,
    stem,
)
from cronaca.extract.entities.registry import Gazetteer, normalise

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĜĞĠĢĤĪĮİĴĶĹĻĽŁŃŅŇŌŐŒŔŖŘŚŜŞŠŢŤŪŬŮŰŲŴŶŸŹŻŽ"
# "J." before a capital, "S.p.A", "Jong-un", "M5S", "L'Aquila"
_WORD = rf"(?:[{_UPPER}]\.(?=[ ][{_UPPER}])|[{_UPPER}][\w'’\-&]*(?:\.\w[\w'’\-&]*)*)"
_RUN = re.compile(rf"(?<![\w\-.]){_WORD}(?:[ ]{_WORD})*")
_GAP = re.compile(r"[a-zà-ù]+['’]?|&")
# a lowercase place head, with "di/del/..." after it: "piazza ", "via dei ", "lago d'"
_LOWER_HEAD = re.compile(
    r"(?<![\w'])([a-zà-ù]+(?: [a-zà-ù]+)?)((?: (?:di|del|della|dello|dei|degli|delle))?(?: |'|d' |d'))$"
)
_NEXT_WORD = re.compile(r" ([a-zà-ù][a-zà-ù\-]+)\b")
_NEXT_PHRASE = re.compile(r" [a-zà-ù][a-zà-ù']*(?: [a-zà-ù]+)?")
_ELIDED = frozenset("l dell nell all sull dall un quest quell po".split())
_SENTENCE_END = set('.!?:;\n"«»“”()[]-–—•')
_NOT_SURNAMES = frozenset(
    "il lo la le gli un uno una per con dal dalla nel nella sul sulla e ma se che the a an and but "
    "in on of for to by at it he she they".split()
)
# Words that end a name inside a run of capitals ("Lara Fabian Come Se ..."): clause words.
_CLAUSE_WORDS = frozenset(
    "come ti mi ci vi non che chi ma se quando dove perché più già io tu noi voi".split()
)
_AND = frozenset(["e", "ed", "and", "&"])
_OF = frozenset("di del della dello dei degli delle of".split())  # "e dei", "and of"; not "and the"
_PARTICLES_LOWER = frozenset(
    "von van der den de di da del della bin ibn al el dos das do du la le ben".split()
)
# ---------------------------------------------------------------------------- finding


@dataclass
class _Span:
    start: int
    end: int
    words: list[tuple[int, int]]  # (start, end) of each capitalised word
    head: str = ""  # a lowercase place head joined in front ("piazza")


def _runs(text: str) -> list[_Span]:
    out = []
    for m in _RUN.finditer(text):
        at, words = m.start(), []
        for word in m.group().split(" "):
            words.append((at, at + len(word)))
            at += len(word) + 1
        out.append(_Span(m.start(), m.end(), words))
    return out


def _gap_words(gap: str) -> list[str] | None:
    """The words of a short gap between two runs (" di ", " d'", " per l'"), or None when it
    holds anything but lowercase words, apostrophes and "&"."""
    if len(gap) > 16 or not gap.startswith(" ") or not gap.endswith((" ", "'", "’")):
        return None
    if re.search(r"[^a-zà-ù'’& ]", gap):
        return None
    return _GAP.findall(normalise(gap)) or None


class _Finder:
    def __init__(
        self,
        gaz: Gazetteer,
        text: str,
        norm: str,
        language: str,
        found: list[Found],
        sentence_starts: frozenset[int],
    ) -> None:
        self.nm = names(gaz)
        self.text, self.norm, self.language = text, norm, language
        self.found = found
        self.starts = [f.start for f in found]
        self.sentence_starts = sentence_starts
        self.mask = bytearray(len(text))
        for f in found:
            self.mask[f.start : f.end] = b"\x01" * (f.end - f.start)
        self.surnames: dict[str, str] = {}
        self.drop: set[int] = set()
        self.out: list[Found] = []
        self.rule = "cues.yaml@" + str(gaz.cues["version"])

    # -- helpers
    def w(self, span: tuple[int, int]) -> str:
        return self.text[span[0] : span[1]]

    def low(self, span: tuple[int, int]) -> str:
        return self.norm[span[0] : span[1]].rstrip(".")

    def inside(self, start: int, end: int) -> list[int]:
        """Indexes of registry mentions overlapping [start, end)."""
        i = bisect_left(self.starts, start)
        while i > 0 and self.found[i - 1].end > start:
            i -= 1
        out = []
        while i < len(self.found) and self.found[i].start < end:
            if self.found[i].end > start:
                out.append(i)
            i += 1
        return out

    def sentence_initial(self, at: int) -> bool:
        if at in self.sentence_starts:
            return True
        i = at - 1
        while i >= 0 and self.text[i] in " \t\"'«“‘(":
            i -= 1
        return i < 0 or self.text[i] in _SENTENCE_END

    # -- joining runs
    def merged(self) -> list[_Span]:
        runs = _runs(self.text)
        out: list[_Span] = []
        for run in runs:
            if out:
                prev = out[-1]
                gap = self.text[prev.end : run.start]
                words = _gap_words(gap) if run.start - prev.end <= 16 else None
                if words and self.joins(prev, words, run):
                    prev.words.extend(run.words)
                    prev.end = run.end
                    continue
            self.lower_head(run)
            out.append(run)
        return out

    def joins(self, prev: _Span, gap: list[str], run: _Span) -> bool:
        nm = self.nm
        first = self.low(prev.words[0])
        headed = [w for w in (first, self.low(prev.words[-1])) if w in nm.org_heads or w in nm.place_heads]
        if prev.head or headed or first in nm.institutions:
            if not all(g in nm.connectors for g in gap):
                return False
            last = self.low(prev.words[-1])
            if (
                last in nm.split_before_place
                and all(self.low(w) in nm.function_words for w in prev.words[:-1])
                and self.mask[run.start]
            ):
                return False  # "la Procura | di Napoli": the office and the town are two names
            if any(g in _AND for g in gap):
                # "Infrastrutture e dei Trasporti", "Bernstein & Co."; not "X e il Partito Y",
                # "New York and Washington"
                nxt = self.low(run.words[0])
                joined = gap == ["&"] or (gap[0] in _AND and len(gap) >= 2 and all(g in _OF for g in gap[1:]))
                return joined and not (nxt in nm.org_heads or nxt in nm.place_heads or nxt in nm.first_names)
            return True
        if all(g in _PARTICLES_LOWER for g in gap) and len(gap) <= 2 and len(run.words) == 1:
            # "Ursula von der Leyen", "Leonardo da Vinci"
            right = run.words[0]
            return (
                any(self.low(w) in nm.first_names for w in prev.words)
                and not capitals(self.w(right))
                and self.mask.find(1, right[0], right[1]) == -1  # "Mario Rossi di Milano": two names
            )
        return False

    def lower_head(self, run: _Span) -> None:
        """A lowercase place head right before the run joins it: "piazza Tienanmen"."""
        if run.start < 2 or self.text[run.start - 1] not in " '’":
            return
        before = self.norm[max(0, run.start - 40) : run.start]
        if before.rstrip(" '").rsplit(" ", 1)[-1] not in self.nm.before_name:
            return  # the word before is no place head, nor "di/del/..." after one
        m = _LOWER_HEAD.search(before)
        if not m:
            return
        head = m.group(1)
        words = head.split()
        for n in (2, 1):
            phrase = " ".join(words[-n:])
            if len(words) >= n and phrase in self.nm.lower_place_heads:
                at = run.start - len(before) + m.start(1) + len(head) - len(phrase)
                if self.mask.find(1, at, run.start) != -1:
                    return
                run.head = phrase
                run.start = at
                return

    # -- the main loop
    def run(self) -> None:
        self.directions()
        for span in self.merged():
            self.handle(span)
        self.lowercase_institutions()
        self.titled_demonyms()
        self.province_codes()
        self.institutions_of_people()

    def institutions_of_people(self) -> None:
        """Italian: the police named after one of its people or units ("un agente di polizia",
        "fonti di polizia", "il corpo di polizia del Texas"): the institution is an unlinked
        organisation inside the agent's mention (cue ``of_person``), left unlinked so events
        see one actor; after "forze", "compiti", "operazione" it is no name ("le forze di
        polizia"). ``institutions_of_people`` in cues.yaml lists the nouns and institutions."""
        pattern = self.nm.of_people
        if pattern is None or self.language not in ("it", ""):
            return
        for m in pattern.finditer(self.norm):
            start, end = m.span(1)
            if not self.text[start].islower() or any(
                f.start < end and start < f.end and f.label != "agent" for f in self.found
            ):
                continue
            end = self.adjectives(end)
            self.out.append(
                Found(start, end, "organisation", None, {"linked": False, "cue": "of_person"}, self.rule)
            )

    def province_codes(self) -> None:
        """An Italian province's code in brackets right after a town is a place, not an
        acronym: "Treviglio (BG)", "a Ribera (AG)"; after a person or a region it stays what
        it was ("Anna Rossi (PD)" is the party, "Veneto (LN)" the league)."""
        codes = self.nm.province_codes
        if not codes:
            return
        for m in _PROVINCE.finditer(self.text):
            start, end = m.span(2)
            if self.text[start:end].casefold() not in codes:
                continue
            town = [
                f
                for f in (*self.found, *self.out)
                if f.end == m.start()
                and (f.label in ("city", "capital") or (f.label == "place" and f.entity_id is None))
            ]
            if not town:
                continue
            self.drop.update(i for i in self.inside(start, end) if self.found[i].label != "place")
            self.out = [f for f in self.out if not (f.start < end and start < f.end)]
            self.emit(start, end, "place", "province", [self.text[start:end]])

    def titled_demonyms(self) -> None:
        """A capitalised demonym right after a person's title is a surname: "il dottor
        Francese", "il ministro Greco" (not "il presidente russo", written lowercase); so is a
        one-word country after an honorific: "Mr. Jordan", "il signor Francia"."""
        for i, f in enumerate(self.found):
            if f.label not in ("demonym", "country") or not self.text[f.start].isupper():
                continue
            if self.sentence_initial(f.start) or " " in self.text[f.start : f.end]:
                continue
            m = _PREV_TITLE.search(self.norm, max(0, f.start - 30), f.start)
            title = m.group(1).rstrip(".") if m else ""
            if f.label == "country" and title not in _HONORIFICS:
                continue  # "Mr. Jordan" is a man; "il presidente Cina" no name at all
            if title in self.nm.person_titles and title not in _NOT_TITLES:
                self.drop.add(i)
                self.emit(f.start, f.end, "person", m.group(1).rstrip("."), [self.text[f.start : f.end]])

    def lowercase_institutions(self) -> None:
        """Italian institutions named by a lowercase noun after an article ("il governo",
        "dalla polizia locale", "la nazionale italiana"): unlinked organisations."""
        pattern = self.nm.lower_institutions
        if pattern is None or self.language not in ("it", ""):
            return
        for m in pattern.finditer(self.norm):
            start, end = m.span(1)
            if not self.text[start].islower() or self.mask.find(1, start, end) != -1:
                continue
            longer = self.adjectives(end)
            if m.group(1) in self.nm.needs_adjective and longer == end:
                continue  # "la nazionale" alone is mostly the adjective
            end = longer
            if m.group(1) in self.nm.complement_heads:
                end = self.complement(end)
            self.emit(start, end, "organisation", "institution", [self.text[start:end]])

    def complement(self, end: int) -> int:
        """The end of an office's name with its lowercase complement: "Corte d'appello",
        "ministero degli esteri", "Centro nazionale degli uragani", "Ministero del lavoro e
        delle politiche sociali" (heads in ``complement_heads`` of cues.yaml). A verb form
        ("il consiglio di scendere"), a function word or a capitalised word ends it."""
        good = end
        for _ in range(3):
            m = _COMPLEMENT.match(self.norm, end)
            if not m or self.mask.find(1, end, m.end(1)) != -1:
                break
            # "ministero degli Interni", "procura della Repubblica": a capitalised noun goes on
            # the office's name too, unless it starts a person's or another office's name
            if not self.text[m.start(1)].islower() and (
                m.group(1) in self.nm.first_names or m.group(1) in self.nm.org_heads
            ):
                break
            noun = m.group(1)
            if noun in self.nm.function_words or noun in self.nm.complement_not or _VERB_FORM.search(noun):
                break
            good = end = self.adjectives(m.end(1))
            if not self.norm.startswith(" e ", end):
                break
            end += 2  # "del lavoro | e delle politiche sociali"
        return good

    def directions(self) -> None:
        """ "Italia settentrionale", "Europa orientale": a place around a country or continent."""
        for f in list(self.found):
            if f.label not in ("country", "place") or f.entity_id is None:
                continue
            m = _NEXT_WORD.match(self.norm, f.end)
            if m and m.group(1) in self.nm.directions:
                value = {"linked": False, "cue": m.group(1), "actor": f.value.get("actor", "")}
                self.out.append(Found(f.start, m.end(1), "place", None, value, self.rule))
                self.mask[f.start : m.end(1)] = b"\x01" * (m.end(1) - f.start)

    def adjectives(self, end: int) -> int:
        """The end of a name with the lowercase adjectives that continue it ("Chiesa cattolica",
        "Parlamento europeo", "Vigili del fuoco", "Parlamento italiano")."""
        for _ in range(2):
            m = _NEXT_PHRASE.match(self.norm, end)
            if not m:
                break
            for n in (2, 1):
                phrase = " ".join(m.group(0).split()[:n])
                if len(phrase.split()) == n and stem(phrase) in self.nm.adjectives:
                    end = end + 1 + len(phrase)
                    break
            else:
                word = m.group(0).split()[0]
                if (
                    self.language in ("it", "")
                    and self.text[end + 1].islower()
                    and self.mask.find(1, end + 1, end + 1 + len(word)) == -1
                    and adjective_form(word)
                ):
                    end = end + 1 + len(word)  # "tribunale milanese", "governo provvisorio"
                    continue
                demonym = [self.found[i] for i in self.inside(end + 1, end + 2)]
                if demonym and demonym[0].label == "demonym" and demonym[0].start == end + 1:
                    end = demonym[0].end
                    continue
                break
        return end

    def handle(self, span: _Span) -> None:
        words = list(span.words)
        start = span.start
        # elided article glued to the first word: "L'esercito", "Nell'Italia"
        first = self.w(words[0])
        m = re.match(r"([A-Za-z]+)['’](.*)$", first)
        if m and m.group(1).lower() in _ELIDED and not span.head:
            rest = m.group(2)
            if not rest[:1].isupper():
                words = words[1:]
            else:
                words[0] = (words[0][1] - len(rest), words[0][1])
            if not words:
                return
            start = words[0][0]
        if not span.head and self.sentence_initial(start):
            words = self.trim_initial(words)
            if not words:
                return
            start = words[0][0]
        for part, head in self.split_at_first_names(words, span.head):
            self.segment(part, span.start if head else part[0][0], head)

    def split_at_first_names(self, words, head):
        """One run, cut where a second name starts: at a first name ("Repubblica | Giorgio
        Napolitano"), at a registry person ("Repubblica | Sergio Mattarella"), at a head word
        after a proper name ("Federica Mogherini | Ministero dello Sviluppo Economico")."""
        nm = self.nm
        lows = [self.low(w) for w in words]
        for k in range(1, len(words)):
            prev, low = lows[k - 1], lows[k]
            if prev in nm.particles or prev in nm.connectors or prev in nm.saints:
                continue
            at = words[k][0]
            if low in _CLAUSE_WORDS:  # a song title after a name: "Lara Fabian | Come ..."
                return [(words[:k], head)]
            if low in nm.person_titles and k < len(words) - 1 and low not in nm.ranks:
                # "Pier Luigi B. | Presidente del CIS", not "Martin Luther King"
                return [(words[:k], head), *self.split_at_first_names(words[k:], "")]
            person = any(  # a registry person's full name, not a bare family name ("Melania Trump")
                f.start == at and f.label == "person" and f.value.get("linked_by") != "short_form"
                for f in (self.found[i] for i in self.inside(at, at + 1))
            )
            if self.mask[at] and not person:
                continue
            proper_before = (
                prev not in nm.org_heads
                and prev not in nm.institutions
                and not capitals(self.w(words[k - 1]))
                and not common(self.w(words[k - 1]), self.language)
                and not self.registry_name(words[k - 1])
            )
            # a first name after a title or institution ("Repubblica | Giorgio Napolitano"), not
            # after a given name the list lacks ("Woody Allen", "Josè Manuel Barroso")
            if person or (low in nm.first_names and prev not in nm.first_names and not proper_before):
                return [(words[:k], head), (words[k:], "")]
            if (
                (low in nm.org_heads or low in nm.place_heads)
                and (k < len(words) - 1 or (low not in nm.org_tails and low not in nm.place_tails))
                and prev not in nm.org_heads
                and prev not in nm.place_heads
                and not self.mask[words[k - 1][0]]
                and not common(self.w(words[k - 1]), self.language)
            ):
                return [(words[:k], head), *self.split_at_first_names(words[k:], "")]
        return [(words, head)]

    def registry_name(self, word: tuple[int, int]) -> bool:
        """The word ends a registry place or organisation ("Regione Lombardia | Mario Rossi",
        "Lega Nord | Umberto Bossi"): no given name the name lists lack."""
        return any(
            f.end == word[1] and f.label not in ("person", "short", "demonym")
            for f in (self.found[i] for i in self.inside(word[0], word[1]))
        )

    def trim_initial(self, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
        nm = self.nm
        while words:
            low = self.low(words[0])
            if low in nm.function_words:  # "Durante", "Otto": first names, but not here
                words = words[1:]
                continue
            if (
                low in nm.first_names
                or low in nm.org_heads
                or low in nm.place_heads
                or low in nm.institutions
                or self.w(words[0]) in self.surnames
            ):
                return words
            if low.endswith("mente") or common(self.w(words[0]), self.language):
                words = words[1:]
                continue
            if len(words) >= 3 and self.low(words[1]) in nm.first_names and low not in nm.first_names:
                words = words[1:]  # "Addirittura Fabrizio Cicchitto": an adverb simplemma lacks
            return words
        return words

    def segment(self, words: list[tuple[int, int]], start: int, head: str) -> None:
        """Type one name (cutting it around registry mentions when its words say nothing)."""
        end = words[-1][1]
        text = self.text
        while text[end - 1 : end] == "." and not capitals(text[words[-1][0] : end]):
            end -= 1
            words[-1] = (words[-1][0], end)
        hits = self.inside(start, end)
        whole = [i for i in hits if self.found[i].start <= start and self.found[i].end >= end]
        if whole:
            return
        if head and any(self.found[i].start <= words[0][0] and self.found[i].end >= end for i in hits):
            return  # "l'agenzia statale Korean Central News Agency": the registry name
        crossing = [i for i in hits if self.found[i].start < start or self.found[i].end > end]
        if crossing:
            words = [
                w
                for w in words
                if not any(self.found[i].start < w[1] and w[0] < self.found[i].end for i in crossing)
            ]
            hits = [i for i in hits if i not in crossing]
            if not words:
                return
            self.pieces(words)
            return
        if not hits:
            self.classify(words, start, head)
            return
        kind = self.kind_of_whole(words, head, hits)
        if kind is not None:
            label, cue, replace = kind
            if label != "person" and cue != "country_tail":
                end = self.adjectives(end)
            self.emit(start, end, label, cue, [self.w(w) for w in words])
            if replace:
                self.drop.update(hits)
            return
        self.pieces(words)

    def pieces(self, words: list[tuple[int, int]]) -> None:
        """The parts of a name that no registry mention covers, each typed on its own."""
        part: list[tuple[int, int]] = []
        for w in [*words, None]:
            covered = w is not None and self.mask.find(1, w[0], w[1]) != -1
            if w is None or covered:
                if part:
                    while part and self.low(part[-1]) in self.nm.connectors | _PARTICLES_LOWER:
                        part = part[:-1]
                    if part:
                        self.classify(part, part[0][0], "")
                part = []
            else:
                if not part and self.low(w) in self.nm.connectors:
                    continue
                part.append(w)

    def kind_of_whole(self, words, head, hits) -> tuple[str, str, bool] | None:
        """A name that spans registry mentions and is one name by its own words."""
        nm = self.nm
        lows = [self.low(w) for w in words]
        found = [self.found[i] for i in hits]
        last_hit = found[-1]
        before = [k for k, w in enumerate(words) if w[1] <= found[0].start]
        if (
            len(found) == 1
            and last_hit.label in ("country", "demonym")
            and last_hit.end == words[-1][1]
            and before
            and lows[before[-1]] in nm.regnal_names
            and not self.mask[words[before[-1]][0]]
        ):
            # a surname that is a country or demonym after a first name: "Senator Jim Chad",
            # "il sindaco Mario Russo", "Maria Greco"
            return "person", "first_name", True
        typed = self.internal(words, lows, head)
        if typed is not None:
            return typed[0], typed[1], False
        replaceable = all(
            f.label in ("city", "capital", "place", "country")
            or f.value.get("linked_by") == "short_form"
            or (f.label == "person" and f.entity_id is None)
            # a surname that is a demonym ("Mario Russo", "Giovanni Greco"), never the first word
            or (f.label == "demonym" and self.text[f.start].isupper() and f.start > words[0][0])
            for f in found
        )
        # a one-word company or club named like a family ("Mario Ferrari", "Luca Barilla")
        surname_like = all(f.label == "organisation" and " " not in self.text[f.start : f.end] for f in found)
        if lows[0] in nm.regnal_names and not self.mask[words[0][0]] and (replaceable or surname_like):
            return "person", "first_name", True  # "Whitney Houston", "Melania Trump"
        if len(words) == 2 and replaceable and all(f.label == "city" for f in found):
            # a town's name beside a first name or surname ("Ciro Esposito"), or beside a word
            # no dictionary knows ("Nelson Mandela"): a person, not the town
            other = [w for w in words if not self.mask[w[0]]]
            if other and all(
                self.low(w) in nm.surnames
                or self.low(w) in nm.regnal_names
                or (
                    not common(self.w(w), self.language)
                    and self.low(w) not in nm.org_heads
                    and self.low(w) not in nm.place_heads
                    and not capitals(self.w(w))
                )
                for w in other
            ):
                return "person", "name", True
        covered_first = self.mask[words[0][0]]
        first_hit = found[0]
        if (
            len(found) == 2
            and first_hit.label == "organisation"
            and first_hit.start == words[0][0]
            and found[1].label in ("country", "city", "capital")
            and found[1].end == words[-1][1]
            and self.text[first_hit.end : found[1].start] == " "
        ):
            # an organisation's name and a country or town right after it: its branch or
            # club ("WWF Italia", "Amazon UK", "Celtic Glasgow"); both registry names stay
            # inside for events
            return "organisation", "branch", False
        last = found[-1]
        if not covered_first and last.label == "country" and last.end == words[-1][1]:
            # "Forza Italia", "Telecom Italia": a name ending in a country; not a contest
            # named after it ("Coppa Italia", "Giro d'Italia": the country stays a place)
            if lows[0] not in nm.event_heads and not any(
                low in ("nord", "sud", "centro", "est", "ovest", "north", "south") for low in lows
            ):
                return "organisation", "country_tail", False
        return None

    def internal(self, words, lows, head) -> tuple[str, str] | None:
        nm = self.nm
        if head:
            return "place", head
        n = len(words)
        first, last = lows[0], lows[-1]
        if n >= 2 and all(len(self.w(w).rstrip(".")) == 1 for w in words[1:]):
            return None  # "Gruppo B", "Serie A": a label, not a name
        if n >= 2 and first in nm.org_heads:
            return "organisation", first
        if n >= 2 and last in nm.org_tails:
            return "organisation", last
        if n >= 2 and (first in nm.place_heads or first.split("'")[0] in nm.place_heads):
            return "place", first
        if n >= 2 and last in nm.place_tails:
            return "place", last
        if n == 1 and first in nm.institutions and self.w(words[0])[:1].isupper():
            return "organisation", "institution"
        return None

    def classify(self, words: list[tuple[int, int]], start: int, head: str) -> None:
        nm = self.nm
        text = self.text
        lows = [self.low(w) for w in words]
        typed = self.internal(words, lows, head)
        if typed is None and len(words) == 1 and self.prefixed(words[0]):
            typed = "organisation", "prefix"  # "Wikipedia", "Wikinews"
        title = ""
        end = words[-1][1]
        if typed is None and len(words) == 1 and lows[0] in nm.org_heads and self.adjectives(end) > end:
            typed = "organisation", lows[0]  # "Vigili del fuoco", "Protezione civile"
        if typed is not None:
            end = self.adjectives(end)
            if typed[0] == "organisation" and len(words) == 1 and lows[0] in nm.complement_heads:
                end = self.complement(end)
        else:
            # capitalised titles in front: "Papa Francesco", "Foreign Minister Penny Wong"
            while len(words) > 1 and lows[0] in nm.lead:
                if lows[0] in nm.person_titles:
                    title = lows[0]
                words, lows = words[1:], lows[1:]
            if lows[0] in nm.lead:
                return  # "degli Esteri", "della Difesa": part of a title
            start = words[0][0]
            typed = self.by_context(words, lows, start, title)
        if typed is None:
            return
        label, cue = typed
        self.emit(start, max(end, words[-1][1]), label, cue, [text[a:b] for a, b in words])

    def prefixed(self, word: tuple[int, int]) -> bool:
        """A word that starts with an organisation prefix of cues.yaml and goes on
        capitalised or lowercase: "Wikipedia", "Wikinews", "WikiLeaks"."""
        written = self.w(word)
        return any(
            written.startswith(p) and len(written) >= len(p) + 3 and written[len(p) :].isalpha()
            for p in self.nm.org_prefixes
        )

    def by_context(self, words, lows, start, title) -> tuple[str, str] | None:
        nm = self.nm
        text = self.text
        n = len(words)
        written = [text[a:b] for a, b in words]
        if title:
            return "person", title
        if n == 1 and len(written[0].rstrip(".")) == 1:
            return None  # "il Gruppo B", "la serie C": a label, not a name
        kind, cue = cue_before(nm, self.norm, self.mask, start)
        if kind == "person" and _ARTICLE_OF.search(self.norm, max(0, start - 8), start):
            # a title, then "della/dei" and the name: what the person leads or belongs to
            # ("il segretario della FGCI", "il portavoce della FAA", "leader dei
            # Disobbedienti"), since a person's name takes no article; after a minister's or
            # a mayor's title, a portfolio or a town ("ministro dei Trasporti", "sindaco
            # della Grande Mela"): no name to type
            if cue in nm.portfolio_titles:
                return None
            kind = "organisation"
        if kind in ("organisation", "place") and n >= 2 and lows[0] in nm.first_names:
            # a first name and a surname after an organisation's or a place's word are a
            # person: "il presidente della Fondazione Anna Rossi", "il sito di Julian
            # Assange", "il funzionario della Regione Lombardia Anna Rossi"
            return "person", "first_name"
        if kind is not None:
            return kind, cue
        if 2 <= n <= 4 and alone_on_line(text, start, words[-1][1]):
            return "person", "byline"
        if n >= 2 and written[-1] and ROMAN.match(written[-1]) and lows[0] in nm.regnal_names:
            return "person", "regnal"
        if n >= 2 and lows[0] in nm.first_names:
            return "person", "first_name"
        name = " ".join(written)
        if n == 1 and len(name) >= 3 and name in self.surnames:
            return "person", "short_form"
        words_known = all(common(w, self.language) for w in written)
        if n == 1 and org_acronym(nm, written[0], self.language):
            return "organisation", "acronym"
        prep = place_preposition(nm, self.norm, start)
        if not words_known and prep:
            return "place", prep
        if n == 1 and lows[0] in nm.first_names:
            return "person", "first_name"
        if n >= 2 and not words_known:
            if _ARTICLE.search(self.norm, max(0, start - 8), start):
                # a person's name takes no article: "il Wisla Cracovia", "della Thyssen
                # Krupp", "nella Nieuwe Kerk" are a club, a firm, a place; left alone
                return None
            return "person", "name"
        if n == 1 and not words_known and len(written[0]) >= 3 and not written[0].isupper():
            if lows[0] in nm.surnames:
                return "person", "surname"
            if nm.speech.match(self.norm, words[-1][1]):
                return "person", "speech"
        return None

    def emit(self, start: int, end: int, label: str, cue: str, written: list[str]) -> None:
        value: dict[str, Any] = {"linked": False, "cue": cue}
        name = " ".join(written)
        if label == "person" and cue == "short_form":
            value["name"] = self.surnames[name]
        if label == "person" and len(written) >= 2 and written[-1].casefold() not in _NOT_SURNAMES:
            self.surnames.setdefault(written[-1], name)
        self.out.append(Found(start, end, label, None, value, self.rule))
        self.mask[start:end] = b"\x01" * (end - start)


_PREV_TITLE = re.compile(r"(\w+\.?)\s+$")
_ARTICLE = re.compile(
    r"(?<![\w'])(?:il|lo|la|i|gli|le|l'|(?:de|a|da|ne|su)(?:l|llo|lla|i|gli|lle|ll')|col|coi)\s*$"
)
_ARTICLE_OF = re.compile(r"(?<![\w'])(?:del|dello|della|dei|degli|delle|dell')\s*$")
_COMPLEMENT = re.compile(
    r" (?:(?:di|del|dello|della|dei|degli|delle|per|per il|per lo|per la|per i|per gli|per le) "
    r"|d' ?|dell' ?|per l' ?)([a-zà-ù][a-zà-ù]{2,})\b"
)
# infinitives (with a clitic too), participles, gerunds: "il consiglio di scendere", "il
# Ministero per combatterlo"
_VERB_FORM = re.compile(
    r"(?:are|ere|ire|er|ato|ata|ati|ate|ito|ita|iti|ite|uto|uta|uti|ute|ando|endo)$"
    r"|r(?:lo|la|li|le|si|ne|ci|vi|mi|ti|gli)$"
)
_PROVINCE = re.compile(r"[ ]?\((\s?)([A-Z]{2})\s?\)")
_NOT_TITLES = frozenset({"il", "la", "lo", "i", "le", "gli", "the"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sig", "signor", "signora", "dott", "dottor", "dottoressa"})


def find_unlinked(
    gaz: Gazetteer,
    text: str,
    norm: str,
    found: list[Found],
    language: str = "",
    sentence_starts: frozenset[int] = frozenset(),
) -> list[Found]:
    """``found`` (registry mentions, sorted) without the ones a person's name replaces, plus
    the unlinked people, organisations and places; sorted by position."""
    finder = _Finder(gaz, text, norm, language, found, sentence_starts)
    finder.run()
    kept = [f for i, f in enumerate(found) if i not in finder.drop]
    out = kept + finder.out
    out.sort(key=lambda f: (f.start, -f.end))
    return out
