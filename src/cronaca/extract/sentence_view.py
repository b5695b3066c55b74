"""One sentence as the rule engines see it: tokens, lemmas, entity mentions, positions.

Lemmas come from simplemma: no Italian statistical spaCy pipeline exists on PyPI, and a
lookup lemmatiser keeps rules short across inflection ("inviato", "inviarono" → inviare).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property, lru_cache

import simplemma

from cronaca.extract.base import Doc
from cronaca.model import Actor, Mention

CLAUSE_BREAKS = {";", ":", "(", ")", "—", "–"}


def _lemmatize(word: str, language: str) -> str:
    try:
        return simplemma.lemmatize(word, lang=language)
    except ValueError:
        return word


lemma = lru_cache(maxsize=200_000)(_lemmatize)

LEMMA_CACHE = 200_000  # words per language kept by ``_Lemmas``, then it starts again


class _Lemmas(dict):
    """One language's lemmas by lower-cased token (’ as '), filled on first use. A document's
    lemmas are then one dict lookup per token: the ``lru_cache`` of ``lemma`` builds and
    hashes an (word, language) key per call, and with the set and dict that gave each word
    once it cost about 1 µs a token (0.25 s per 1,500 DICE articles, 2-3% of extract)."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def __missing__(self, word: str) -> str:
        if len(self) >= LEMMA_CACHE:
            self.clear()
        value = self[word] = _lemmatize(word.rstrip("'"), self.language)
        return value


_LEMMAS: dict[str, _Lemmas] = {}


@dataclass(frozen=True)
class TokenArrays:
    """Per token of a document: its start offset, text, lowercased form (with ’ as ') and
    lemma. Read once per document from spaCy's arrays: a sentence view slices them instead
    of making a Python object for each token and asking it for its attributes."""

    starts: list[int]
    texts: list[str]
    lower: list[str]
    lemmas: list[str]


def token_arrays(doc: Doc) -> TokenArrays:
    """The document's ``TokenArrays``, built on first use."""
    arrays = doc.cache.get("token_arrays")
    if arrays is None:
        from spacy.attrs import IDX, LENGTH

        text, starts, lengths = doc.text, [], []
        if len(doc.tokens):
            table = doc.tokens.to_array([IDX, LENGTH])
            starts, lengths = table[:, 0].tolist(), table[:, 1].tolist()  # (a column at a time is quicker)
        texts = [text[start : start + length] for start, length in zip(starts, lengths, strict=True)]
        # spaCy's lower_ is str.lower() of the token's text
        lower = [t.lower().replace("’", "'") for t in texts]
        lemmas = _LEMMAS.get(doc.language)
        if lemmas is None:
            lemmas = _LEMMAS[doc.language] = _Lemmas(doc.language)
        arrays = TokenArrays(starts, texts, lower, [lemmas[w] for w in lower])
        doc.cache["token_arrays"] = arrays
    return arrays


class EntityIndex:
    """A document's linked entity mentions, found per sentence by bisection instead of a scan
    of them all, and handed back in the document's own order (ties between overlapping
    mentions are broken as before)."""

    def __init__(self, entities: list[Mention]) -> None:
        self.entities = entities
        self._order = sorted(range(len(entities)), key=lambda k: entities[k].start)
        self._starts = [entities[k].start for k in self._order]

    def between(self, start: int, end: int) -> list[Mention]:
        lo, hi = bisect.bisect_left(self._starts, start), bisect.bisect_left(self._starts, end)
        return [self.entities[k] for k in sorted(self._order[lo:hi])]


def linked_entities(doc: Doc) -> EntityIndex:
    """The document's linked entity mentions, indexed for SentenceView."""
    return EntityIndex([m for m in doc.of_kind("entity") if m.entity_id])


class SentenceView:
    """Tokens, lemmas and entity mentions of one sentence, with position helpers."""

    def __init__(self, doc: Doc, sentence: Mention, entities: list[Mention] | EntityIndex) -> None:
        """``entities``: the document's linked mentions, best as an ``EntityIndex``."""
        self.mention = sentence
        span = doc.tokens.char_span(sentence.start, sentence.end, alignment_mode="expand")
        self._span = span
        a, b = (span.start, span.end) if span is not None else (0, 0)
        arrays = token_arrays(doc)
        self.texts = arrays.texts[a:b]
        self.lower = arrays.lower[a:b]
        self.lemmas = arrays.lemmas[a:b]
        self.starts = arrays.starts[a:b]
        if isinstance(entities, EntityIndex):
            self.entities = entities.between(sentence.start, sentence.end)
        else:
            self.entities = [e for e in entities if sentence.start <= e.start < sentence.end]
        self._entity_token = {e.start: self.index_at(e.start) for e in self.entities}
        self.cache: dict[str, object] = {}  # analyses other modules make once per sentence

    @cached_property
    def tokens(self) -> list:
        """The sentence's spaCy tokens, made when first asked for: most sentences are read
        through ``lower``, ``lemmas``, ``texts`` and ``starts`` alone."""
        return list(self._span) if self._span is not None else []

    def index_at(self, offset: int) -> int:
        """The token that contains character ``offset``."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def entity_token(self, entity: Mention) -> int:
        return self._entity_token[entity.start]

    def entity_end_token(self, entity: Mention) -> int:
        """The last token of an entity mention."""
        return self.index_at(max(entity.start, entity.end - 1))

    def entities_at(self, j: int) -> list[Mention]:
        return self._starting().get(j, [])

    def _starting(self) -> dict[int, list[Mention]]:
        """Entities by their first token, in their own order (built once per sentence)."""
        index = self.cache.get("entities_at")
        if index is None:
            index = {}
            for e in self.entities:
                index.setdefault(self._entity_token[e.start], []).append(e)
            self.cache["entities_at"] = index
        return index  # type: ignore[return-value]

    def _covered(self) -> frozenset[int]:
        """The tokens inside some entity mention (built once per sentence): ``in_entity`` is a
        set lookup, not a scan of every entity for every token."""
        covered = self.cache.get("covered")
        if covered is None:
            covered = frozenset(
                j
                for e in self.entities
                for j in range(self._entity_token[e.start], self.entity_end_token(e) + 1)
            )
            self.cache["covered"] = covered
        return covered  # type: ignore[return-value]

    def entities_covering(self, j: int) -> list[Mention]:
        """Entity mentions that include token ``j`` ("Korean Central News Agency" covers "Agency"),
        in their own order; the index is built once per sentence (linear in its entities)."""
        index = self.cache.get("covering")
        if index is None:
            index = {}
            for e in self.entities:
                for t in range(self._entity_token[e.start], self.entity_end_token(e) + 1):
                    index.setdefault(t, []).append(e)
            self.cache["covering"] = index
        return list(index.get(j, ()))  # type: ignore[union-attr]

    def in_entity(self, j: int) -> bool:
        return j in self._covered()

    def phrase_at(self, i: int, phrase: tuple[str, ...]) -> bool:
        return self.lower[i] == phrase[0] and tuple(self.lower[i : i + len(phrase)]) == phrase

    def clause_bounds(self, i: int) -> tuple[int, int]:
        left = i
        while left > 0 and self.lower[left - 1] not in CLAUSE_BREAKS:
            left -= 1
        right = i
        while right < len(self.lower) and self.lower[right] not in CLAUSE_BREAKS:
            right += 1
        return left, right

    def has_comma(self, a: int, b: int) -> bool:
        return any(self.lower[k] == "," for k in range(a, b))


def country_of(entity_id: str) -> str:
    """The country an actor belongs to: itself for a country, the registry's for a person."""
    from cronaca.extract.entities import lookup

    entry = lookup(entity_id) or {}
    if entry.get("type") == "country":
        return entity_id
    return entry.get("country") or ""


def actor_from(entity: Mention, sector: str | None = None, **extra: str) -> Actor:
    value = entity.value or {}
    entity_id = entity.entity_id or ""
    return Actor(
        id=entity_id,
        name=value.get("name", entity.text),
        sector=sector if sector is not None else value.get("sector", ""),
        start=entity.start,
        end=entity.end,
        # a person the registry does not hold keeps the country the text gave (titled_people)
        country=(country_of(entity_id) if entity_id else "") or str(value.get("country") or ""),
        **extra,
    )
