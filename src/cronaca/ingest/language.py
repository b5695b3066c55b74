"""Language identification with lingua, restricted to the languages cronaca expects."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

SUPPORTED: tuple[str, ...] = ("it", "en", "fr", "de", "es", "pt", "ru")
DEFAULT = "it"
MIN_LETTERS = 20  # shorter texts (a name, a headline fragment) are not worth a guess
MIN_CONFIDENCE = 0.5
SAMPLE_CHARS = 400  # enough for a confident guess, bounded cost on long articles

_ALIASES = {
    "ita": "it",
    "italian": "it",
    "italiano": "it",
    "eng": "en",
    "english": "en",
    "inglese": "en",
    "fra": "fr",
    "fre": "fr",
    "french": "fr",
    "français": "fr",
    "francese": "fr",
    "deu": "de",
    "ger": "de",
    "german": "de",
    "deutsch": "de",
    "tedesco": "de",
    "spa": "es",
    "spanish": "es",
    "español": "es",
    "spagnolo": "es",
    "por": "pt",
    "portuguese": "pt",
    "português": "pt",
    "portoghese": "pt",
    "rus": "ru",
    "russian": "ru",
    "русский": "ru",
    "russo": "ru",
}


def normalise_code(value: Any) -> str | None:
    """'it-IT', 'IT', 'ita', 'Italian' → 'it'; anything unrecognisable ('xx', 'klingon') → None.

    A two-letter code counts when CLDR (through babel) knows the language.
    """
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-", 1)[0]
    if len(code) == 2 and code.isalpha() and code.isascii():
        return code if known(code) else None
    return _ALIASES.get(code)


@lru_cache(maxsize=512)
def known(code: str) -> bool:
    """Whether ``code`` (lowercase ISO 639-1) names a language CLDR has data for."""
    from babel import localedata

    return code in SUPPORTED or localedata.exists(code)


@lru_cache(maxsize=1)
def _detector() -> Any:
    """lingua's detector in its high-accuracy mode, built once, on first use (importing the
    ingest package stays cheap); its models, n-grams of one to five letters, load then:
    about 1.1 s of CPU per process.

    Not the low-accuracy mode (trigrams only, 0.07 s to load), though with lingua 2.1 it
    chose the same language for every sample of 300 characters or more of 16,240 texts:
    lingua 2.2's low-accuracy mode calls 14 of 10,372 DICE articles French, plainly Italian
    ones (``docs/ingest.md``; the high-accuracy mode is right about all but one with either
    version)."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in SUPPORTED]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def _worth_a_guess(sample: str) -> bool:
    return len(sample) >= 4 * MIN_LETTERS or sum(ch.isalpha() for ch in sample) >= MIN_LETTERS


def _best(values: Any) -> str | None:
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return str(values[0].language.iso_code_639_1.name.lower())


def detect(text: str) -> str | None:
    """The ISO 639-1 code of ``text``, or None when it is too short or the guess is weak."""
    sample = text[:SAMPLE_CHARS]
    if not _worth_a_guess(sample):
        return None
    return _best(_detector().compute_language_confidence_values(sample))


def detect_many(texts: list[str]) -> list[str | None]:
    """``detect`` over a batch, each text in its own call.

    Not lingua's ``..._in_parallel``: it holds the GIL for the whole batch (25-60 ms for 256
    articles), which froze the threads that feed extraction workers and a Dask client while
    its own threads took the cores the workers needed; on one core it saves nothing."""
    return [detect(text) for text in texts]


def choose(
    text: str, *, explicit: str | None = None, declared: str | None = None, detected: str | None = None
) -> str:
    """explicit (the user's --language) > detected > declared (feed, page, record) > 'it'.

    ``detected`` is a result of ``detect_many`` already computed for ``text``.
    """
    if explicit and normalise_code(explicit):
        return normalise_code(explicit) or DEFAULT
    return detected or detect(text) or normalise_code(declared) or DEFAULT
