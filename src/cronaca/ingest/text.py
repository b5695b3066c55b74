"""Bytes → str, and raw text → clean paragraphs (one line each, blank line between)."""

from __future__ import annotations

import re
import unicodedata

# Signatures of binary formats people drop into a news folder by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/ODT/EPUB)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ", "an xz-compressed file"),
    (b"SQLite format 3", "an SQLite database"),
    (b"WARC/", "a WARC archive (not supported yet)"),
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_REPLACE = {
    "\u200b": "", "\ufeff": "", "\u00ad": "", "\u2060": "",  # zero-width, BOM, soft hyphen
    "\u00a0": " ", "\u202f": " ", "\t": " ",  # no-break spaces, tabs
    "\f": "\n", "\v": "\n", "\u2028": "\n", "\u2029": "\n\n",  # line and paragraph separators
}  # fmt: skip
_INVISIBLE = re.compile("[" + "".join(_REPLACE) + "]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # lone halves (JSON "\\ud800"): not encodable text


class NotText(ValueError):
    """The bytes are not text in any encoding we accept; the message says what they look like."""


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or cp1252/latin-1.

    Raises ``NotText`` for binary data: a known binary signature, NUL bytes, or text that
    decodes only into control characters.
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise NotText(f"binary file: looks like {what}, not text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise NotText(f"binary file: starts with a UTF-16 mark but does not decode ({e.reason})") from e
    if b"\x00" in data[:65536]:
        raise NotText("binary file: contains NUL bytes, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise NotText("binary file: mostly control characters, not text")
    return text


def clean(text: str) -> str:
    """Unicode NFC, one newline convention, no invisible characters, tabs as spaces."""
    text = unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub(lambda m: _REPLACE[m[0]], text)
    return _CONTROL.sub("", text)


_WRAP_MAX = 120  # no hard-wrapped text is wider than this
_PHOTO_CREDIT = re.compile(r"^(?:©|\(c\)|foto:?|photo:?)\s*[\w .&'/-]{0,40}$", re.IGNORECASE)


def paragraphs(text: str, *, drop_credits: bool = False) -> list[str]:
    """Split text into paragraphs, unwrapping hard-wrapped lines.

    Blank lines always end a paragraph. Inside a block of consecutive lines, a line is
    joined to the next only when the text looks hard-wrapped (no line wider than
    ``_WRAP_MAX``) and the next line's first word would not have fitted on it: a line that
    stops short was ended on purpose (a title, a list item, a signature).
    """
    lines = [" ".join(line.split()) for line in clean(text).split("\n")]
    if drop_credits:
        lines = [line for line in lines if not _PHOTO_CREDIT.match(line)]
    width = max((len(line) for line in lines), default=0)
    # Hard-wrapped text has a plausible wrap width and several lines filled up to it.
    wrapped = 40 <= width <= _WRAP_MAX and sum(len(line) > 0.75 * width for line in lines) >= 2
    out: list[str] = []
    current: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            if current:
                out.append(" ".join(current))
                current = []
            continue
        current.append(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if nxt and wrapped and len(line) + 1 + len(nxt.split(" ", 1)[0]) > width:
            continue  # the next word did not fit: a soft wrap
        out.append(" ".join(current))
        current = []
    if current:
        out.append(" ".join(current))
    return [_join_hyphen(p) for p in out if p]


_HYPHEN_BREAK = re.compile(r"(?<=\w-) (?=[a-zà-ÿ])")


def _join_hyphen(paragraph: str) -> str:
    # "anti- aereo" produced by unwrapping "anti-\naereo" → "anti-aereo"
    return _HYPHEN_BREAK.sub("", paragraph) if "- " in paragraph else paragraph


def looks_like_title(line: str) -> bool:
    """A headline: short, and not ending like a sentence."""
    line = line.strip()
    return 0 < len(line) < 200 and not line.endswith((".", "…", ":", ";", ","))


_NAME_WORD = re.compile(r"^[A-ZÀ-Þ][\w'’.-]*$")


def looks_like_byline(line: str) -> bool:
    """A signature at the end of an article: two to four capitalised words, nothing else."""
    words = line.split()
    return (
        2 <= len(words) <= 4
        and len(line) <= 40
        and all(_NAME_WORD.match(w) for w in words)
        and not any(ch.isdigit() for ch in line)
    )


def split_title(paras: list[str]) -> tuple[str, list[str]]:
    """First paragraph as the title when it looks like one and a body follows."""
    if len(paras) >= 2 and looks_like_title(paras[0]):
        return paras[0], paras[1:]
    return "", paras


def split_byline(paras: list[str]) -> tuple[list[str], str]:
    """A final signature line becomes the byline when there is a body before it."""
    if len(paras) >= 2 and looks_like_byline(paras[-1]):
        return paras[:-1], paras[-1]
    return paras, ""
