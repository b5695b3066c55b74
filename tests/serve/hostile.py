"""Hostile articles: script in every field that reaches a page (shared by the HTTP and
browser tests). Everything here is made up."""

from __future__ import annotations

import json
from pathlib import Path

from cronaca import Cronaca

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'

# every spelling of a script URL a browser would run
SCRIPT_URLS = [
    "javascript:window.__pwned=3",
    "JaVaScRiPt:window.__pwned=3",
    " javascript:window.__pwned=3",
    "\tjavascript:window.__pwned=3",
    "java\tscript:window.__pwned=3",
    "java\nscript:window.__pwned=3",
    "\x01javascript:window.__pwned=3",
    "data:text/html,<script>window.__pwned=3</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "javascript://example.org/%0Awindow.__pwned=3",
]

BODY = (
    "La Corea del Nord ha inviato 10.000 soldati in Russia {tag}, secondo l'intelligence di Seul. "
    "Il Cremlino non ha confermato la notizia {tag}."
)


def records() -> list[dict[str, str]]:
    out = []
    for n, url in enumerate(SCRIPT_URLS):
        out.append(
            {
                "title": f"Titolo {n} {SCRIPT} [/bold] [red]rosso[/red] {{{{ 7*7 }}}}",
                "text": BODY.format(tag=f"{IMG} n{n}"),
                "url": url,
                "outlet": f"Outlet {IMG}",
                "author": f"Autore {SCRIPT}",
                "date": "2024-10-1" + str(n % 10),
                "language": "it",
            }
        )
    return out


def write(folder: Path) -> Path:
    path = folder / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records()) + "\n", encoding="utf-8")
    return path


def knowledge_base(folder: Path) -> Cronaca:
    """A store holding every hostile article (each one stored: none may be rejected)."""
    kb = Cronaca(str(folder / "kb.db"))
    report = kb.ingest([str(write(folder))])
    assert report.new == len(SCRIPT_URLS), report.to_dict()
    return kb
