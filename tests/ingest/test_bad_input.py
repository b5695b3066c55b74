"""Every bad item becomes a Skipped with a reason, and the good items in the run still come."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cronaca.errors import UsageError
from cronaca.ingest import count_sources, read
from cronaca.model import Article, Skipped

from .conftest import DATA

GOOD = (
    "Il mercato coperto di Borgo San Pietro riaprirà a settembre dopo i lavori di ristrutturazione del "
    "tetto, ha annunciato il comune in una nota diffusa ieri pomeriggio.\n"
)


def run(tmp_path: Path) -> tuple[list[Article], dict[str, Skipped]]:
    results = list(read([str(tmp_path)]))
    good = [r for r in results if isinstance(r, Article)]
    bad = {Path(r.source.split("#")[0]).name.split(":")[0]: r for r in results if isinstance(r, Skipped)}
    return good, bad


def test_bad_files_are_skipped_with_reasons_and_good_ones_come_through(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\t\n  \n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "blob.bin").write_bytes(b"abc\x00\x01\x02def" * 50)
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (tmp_path / "noise").write_bytes(bytes(b % 32 for b in range(2000)))
    (tmp_path / "inventario.xml").write_bytes((DATA / "inventario.xml").read_bytes())
    (tmp_path / "menu.html").write_bytes((DATA / "solo_menu.html").read_bytes())
    (tmp_path / "baddate.txt").write_text("date 2025-13\nTitolo\n\nTesto dell'articolo.\n")
    (tmp_path / "header_only.txt").write_text("date 2025-01-05\n\n")
    (tmp_path / "nofeed.xml").write_text(
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title></channel></rss>'
    )
    good, bad = run(tmp_path)
    assert [a.source for a in good] == [str(tmp_path / "good.txt")]
    assert bad["empty.txt"].reason == "empty file"
    assert "only whitespace" in bad["blank.txt"].reason
    assert "PNG image" in bad["image.txt"].reason
    assert "NUL bytes" in bad["blob.bin"].reason
    assert "PDF" in bad["report.pdf"].reason
    assert "binary" in bad["noise"].reason
    assert "not an RSS or Atom feed" in bad["inventario.xml"].reason
    assert "<inventario>" in bad["inventario.xml"].reason
    assert "no extractable main text" in bad["menu.html"].reason
    assert "not a real date" in bad["baddate.txt"].reason
    assert "no article text" in bad["header_only.txt"].reason
    assert "no entries" in bad["nofeed.xml"].reason
    assert all(s.reason for s in bad.values())


def test_jsonl_bad_lines_are_skipped_one_by_one() -> None:
    results = list(read([str(DATA / "articles.jsonl")]))
    skipped = {s.source.rsplit(":", 1)[1]: s.reason for s in results if isinstance(s, Skipped)}
    assert set(skipped) == {"3", "4", "5"}
    assert skipped["3"].startswith("invalid JSON")
    assert "no 'text' field" in skipped["4"]
    assert "expected a JSON object" in skipped["5"]
    assert sum(isinstance(r, Article) for r in results) == 3


def test_a_run_of_invalid_json_lines_is_one_rejection(tmp_path: Path) -> None:
    """A file that is mostly not JSON Lines (a text file named .jsonl, a string broken over
    millions of lines) gives one rejection per run of bad lines, not one per line; the good
    lines around them still come."""
    a, b, c = (json.dumps({"text": f"{GOOD} ({n})", "language": "it"}) for n in range(3))
    f = tmp_path / "x.jsonl"
    f.write_text("\n".join([a] + ["Kiev."] * 5000 + [b] + ["", "not json", "{"] + [c] + ["["]))
    results = list(read([str(f)]))
    skipped = [(s.source.rsplit(":", 1)[1], s.reason) for s in results if isinstance(s, Skipped)]
    assert [where for where, _ in skipped] == ["2-5001", "5004-5005", "5007"]
    assert skipped[0][1].startswith("lines 2–5,001 are not JSON; the first: invalid JSON")
    assert sum(isinstance(r, Article) for r in results) == 3


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": ""}', "'text' is empty"),
        ('{"text": 42}', "'text' is a int"),
        ('{"text": "abc", ', "invalid JSON"),
    ],
)
def test_jsonl_reasons(tmp_path: Path, line: str, reason: str) -> None:
    f = tmp_path / "x.jsonl"
    f.write_text(line + "\n")
    (result,) = list(read([str(f)]))
    assert isinstance(result, Skipped)
    assert result.source == f"{f}:1"
    assert reason in result.reason


def test_legacy_encoding_is_decoded(tmp_path: Path) -> None:
    f = tmp_path / "vecchio.txt"
    f.write_bytes(GOOD.replace("riaprirà", "riaprirà — così").encode("cp1252"))
    (a,) = list(read([str(f)]))
    assert isinstance(a, Article)
    assert "riaprirà — così" in a.text


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    f = tmp_path / "utf16.txt"
    f.write_bytes(GOOD.encode("utf-16"))
    (a,) = list(read([str(f)]))
    assert isinstance(a, Article) and a.text.startswith("Il mercato coperto")


def test_nothing_matches_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no file or folder matches"):
        read([str(tmp_path / "missing.txt")])
    with pytest.raises(UsageError, match="glob"):
        read([str(tmp_path / "*.nothing")])
    with pytest.raises(UsageError):
        count_sources([str(tmp_path / "nope" / "**" / "*.txt")])


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "locked.txt"
    f.write_text(GOOD)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    import builtins

    real_open = builtins.open
    monkeypatch.setattr(
        builtins, "open", lambda p, *a, **k: refuse() if str(p) == str(f) else real_open(p, *a, **k)
    )
    (s,) = list(read([str(f)]))
    assert isinstance(s, Skipped) and "Permission denied" in s.reason


def test_unknown_language_code_is_a_note_and_the_language_is_detected(tmp_path: Path) -> None:
    import json

    lines = [
        {"text": GOOD, "language": "xx"},
        {"text": GOOD.replace("settembre", "ottobre"), "language": ["../../etc"]},
        {"text": GOOD.replace("settembre", "novembre"), "language": "it-IT"},
        {"text": GOOD.replace("settembre", "dicembre"), "language": "nl"},  # real, no rules
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(x) for x in lines))
    notes: list[tuple[str, str]] = []
    got = list(read([str(tmp_path / "a.jsonl")], note=lambda s, m: notes.append((s, m))))
    assert [a.language for a in got if isinstance(a, Article)] == ["it", "it", "it", "nl"]
    assert [s.rsplit(":", 1)[1] for s, _ in notes] == ["1", "2"]
    assert "unknown language code 'xx'" in notes[0][1] and "detected" in notes[0][1]


@pytest.mark.parametrize("code", ["xx", "klingon", "../it", "x" * 300])
def test_unknown_language_option_is_a_usage_error(tmp_path: Path, code: str) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    with pytest.raises(UsageError, match="not a language code"):
        read([str(tmp_path)], language=code)
