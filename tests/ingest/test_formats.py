"""Each format, detected by content whatever the file is called, and the fields it fills."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cronaca.ingest import read
from cronaca.ingest.detect import detect
from cronaca.model import Article, Interval, Skipped

from .conftest import DATA


def articles(*sources: str | Path, **kwargs: str) -> list[Article]:
    return [a for a in read([str(s) for s in sources], **kwargs) if isinstance(a, Article)]


def one(source: str | Path, **kwargs: str) -> Article:
    (found,) = articles(source, **kwargs)
    return found


def test_seed_with_dat_extension_is_detected_and_unwrapped() -> None:
    a = one(DATA / "cronaca_mensile.dat")
    assert a.format == "seed"
    assert a.title == "Nuovo ponte sul fiume a Borgoverde"
    assert a.published == Interval.month(2024, 11)
    assert a.published.precision == "month"
    assert a.language == "it"
    assert a.byline == "Marta Bellini"
    paras = a.text.split("\n\n")
    assert len(paras) == 3
    assert all("\n" not in p for p in paras)
    assert paras[0].startswith(
        "Il consiglio comunale di Borgoverde ha approvato martedì il progetto per un nuovo"
    )
    assert "Marta Bellini" not in a.text
    assert a.id == Article.make_id(a.title, a.text)
    assert a.source.endswith("cronaca_mensile.dat")


def test_seed_with_bom_space_and_title_on_date_line_has_day_precision() -> None:
    a = one(DATA / "storm.seed")
    assert a.format == "seed"
    assert a.published == Interval.day(date(2025, 3, 14))
    assert a.title == "Storm closes harbour in the fictional town of Eastby"
    assert a.language == "en"
    assert a.text.count("\n\n") == 1  # one line per paragraph in the source: kept apart


def test_seed_lead_on_date_line_stays_in_body(tmp_path: Path) -> None:
    lead = (
        "Il sindaco di Roccaverde ha annunciato che il mercato settimanale tornerà in piazza da maggio, "
        "dopo due anni nel parcheggio della stazione, per venire incontro alle richieste dei residenti."
    )
    f = tmp_path / "lead"
    f.write_text(f"date 2025-04 {lead}\n\nI banchi saranno quaranta, uno in più rispetto al passato.\n")
    a = one(f)
    assert a.title == ""
    assert a.text.startswith(lead)
    assert a.published == Interval.month(2025, 4)


def test_plain_text_title_and_unknown_date() -> None:
    a = one(DATA / "notizia.txt")
    assert a.format == "text"
    assert a.title == "Sciopero dei trasporti a Valdimonte"
    assert a.published is None
    assert a.language == "it"
    assert a.text.count("\n\n") == 1


def test_plain_text_without_title_in_english() -> None:
    a = one(DATA / "library_en.txt")
    assert a.title == ""  # the first line is a long sentence ending with a period
    assert a.language == "en"
    assert a.text.startswith("The public library of Northfield")


def test_html_without_extension_main_text_and_metadata() -> None:
    a = one(DATA / "pagina")
    assert a.format == "html"
    assert a.title == "Riapre il museo civico di Castelrosso"
    assert a.outlet == "Il Corriere di Castelrosso"
    assert a.byline == "Giulia Neri"
    assert a.published == Interval.day(date(2025, 4, 9))
    assert a.language == "it"
    assert a.text.startswith("Dopo due anni di lavori di restauro")
    assert a.text.count("\n\n") == 2
    for boilerplate in ("Privacy", "Cookie", "Home", "diritti riservati"):
        assert boilerplate not in a.text


def test_rss_feed_saved_as_txt_yields_each_entry() -> None:
    results = list(read([str(DATA / "notizie_feed.txt")]))
    good = [r for r in results if isinstance(r, Article)]
    bad = [r for r in results if isinstance(r, Skipped)]
    assert [a.format for a in good] == ["feed", "feed"]
    first = good[0]
    assert first.title == "Aperta la nuova biblioteca di Valfiorita"
    assert first.outlet == "Notizie di Valfiorita"
    assert first.url == "https://example.org/biblioteca"
    assert first.byline == "Paolo Riva"
    assert first.published == Interval.day(date(2025, 3, 4))
    assert (
        first.text.split("\n\n")[1] == "Il sindaco ha ringraziato i volontari che hanno catalogato i libri."
    )
    assert "<p>" not in first.text
    assert first.source.endswith("notizie_feed.txt#item-1")
    assert good[1].source.endswith("#item-2")
    assert len(bad) == 1 and bad[0].source.endswith("#item-3")
    assert "no summary or content" in bad[0].reason


def test_atom_feed() -> None:
    a = one(DATA / "world.atom")
    assert (a.format, a.outlet, a.byline, a.language) == ("feed", "Harbourside Weekly", "Sam Carter", "en")
    assert a.published == Interval.day(date(2025, 5, 2))
    assert a.text.count("\n\n") == 1


def test_jsonl_fields_dates_and_line_sources() -> None:
    results = list(read([str(DATA / "articles.jsonl")]))
    good = {a.source.rsplit(":", 1)[1]: a for a in results if isinstance(a, Article)}
    assert sorted(good) == ["1", "2", "7"]  # line 6 repeats line 1 and is yielded once
    tram = good["1"]
    assert tram.format == "jsonl"
    assert tram.published == Interval.month(2025, 2)
    assert (tram.outlet, tram.url, tram.byline) == (
        "Gazzetta di Pratolungo",
        "https://example.org/tram",
        "Luca Ferri",
    )
    assert tram.language == "it"
    harbour = good["2"]
    assert harbour.published == Interval.day(date(2025, 3, 14))  # "14 March 2025"
    assert harbour.outlet == "Westcliff Gazette"
    assert harbour.language == "en"
    assert good["7"].published == Interval.year(2024)


def test_json_array_is_read_like_jsonl(tmp_path: Path) -> None:
    f = tmp_path / "export.json"
    f.write_text(
        '[{"text": "The bridge over the river was reopened to traffic on Tuesday after repairs.", '
        '"date": "2025-06-03"}, {"title": "No text here"}]'
    )
    results = list(read([str(f)]))
    assert isinstance(results[0], Article) and results[0].source.endswith("#item-1")
    assert isinstance(results[1], Skipped) and "no 'text' field" in results[1].reason


def test_explicit_language_and_outlet_win(tmp_path: Path) -> None:
    a = one(DATA / "notizia.txt", language="en", outlet="Test Outlet")
    assert a.language == "en"
    assert a.outlet == "Test Outlet"
    f = one(DATA / "world.atom", outlet="Mine")
    assert f.outlet == "Mine"


def test_short_text_falls_back_to_declared_then_italian(tmp_path: Path) -> None:
    f = tmp_path / "short.jsonl"
    f.write_text('{"text": "Kim a Mosca."}\n{"text": "Kim a Mosca, ancora.", "language": "fr"}\n')
    first, second = articles(f)
    assert first.language == "it"
    assert second.language == "fr"


def test_detect_by_content() -> None:
    assert detect("date 2025-02 Titolo\ntesto") == "seed"
    assert detect("\ufeff date 2025-02-11\nTitolo") == "seed"
    assert detect('{"text": "x"}\n') == "jsonl"
    assert detect("[Reuters] A story") == "text"
    assert detect('<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>') == "feed"
    assert detect('<?xml version="1.0"?><!-- c --><rdf:RDF xmlns:rdf="x"></rdf:RDF>') == "feed"
    assert detect('<feed xmlns="http://www.w3.org/2005/Atom"></feed>') == "feed"
    assert detect("<!doctype html><html><body><p>x</p></body></html>") == "html"
    assert detect("<div><p>Una pagina senza intestazione</p></div>") == "html"
    assert detect('<?xml version="1.0"?><catalogo/>') == "xml"
    assert detect("Una notizia qualunque.\nSeconda riga.") == "text"


def test_same_article_twice_has_same_id_and_is_yielded_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text((DATA / "notizia.txt").read_text())
    # the same article with Windows line ends: same content, same id
    (tmp_path / "b.txt").write_text((DATA / "notizia.txt").read_text().replace("\n", "\r\n"))
    found = articles(tmp_path)
    assert len(found) == 1
    again = articles(tmp_path / "b.txt")
    assert again[0].id == found[0].id
