"""Folders, globs and URLs; the private-address policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from cronaca.ingest import count_sources, read, sources
from cronaca.model import Article, Skipped

from .conftest import DATA


def test_folder_is_read_recursively_and_hidden_files_left_out(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "a.txt").write_bytes((DATA / "notizia.txt").read_bytes())
    (tmp_path / "b.dat").write_bytes((DATA / "cronaca_mensile.dat").read_bytes())
    (tmp_path / ".hidden").write_bytes(b"\x00\x01")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("ignored")
    assert count_sources([str(tmp_path)]) == 2
    found = [a for a in read([str(tmp_path)]) if isinstance(a, Article)]
    assert sorted(a.format for a in found) == ["seed", "text"]


def test_glob_pattern() -> None:
    pattern = str(DATA / "*.t?t")
    assert count_sources([pattern]) == 3  # library_en.txt, notizia.txt, notizie_feed.txt
    formats = sorted(a.format for a in read([pattern]) if isinstance(a, Article))
    assert formats == ["feed", "feed", "text", "text"]


def test_recursive_glob_and_single_string(tmp_path: Path) -> None:
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / "y" / "n.txt").write_bytes((DATA / "notizia.txt").read_bytes())
    assert count_sources(str(tmp_path / "**" / "*.txt")) == 1


def test_html_over_http(server: str, allow_private: None) -> None:
    (a,) = list(read([f"{server}/pagina"]))
    assert isinstance(a, Article)
    assert a.format == "html"
    assert a.source == f"{server}/pagina"
    assert a.url == f"{server}/pagina"
    assert a.title == "Riapre il museo civico di Castelrosso"


def test_feed_over_http(server: str, allow_private: None) -> None:
    results = list(read([f"{server}/notizie_feed.txt", f"{server}/world.atom"]))
    good = [r for r in results if isinstance(r, Article)]
    assert [a.format for a in good] == ["feed", "feed", "feed"]
    assert good[0].source == f"{server}/notizie_feed.txt#item-1"


def test_user_agent_and_http_errors(server: str, allow_private: None) -> None:
    results = list(read([f"{server}/agent", f"{server}/missing-page"]))
    agent, missing = results
    assert isinstance(agent, Article) and "cronaca/0.1" in agent.text
    assert isinstance(missing, Skipped) and "HTTP error 404" in missing.reason


def test_timeout(server: str, allow_private: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "TIMEOUT_S", 0.3)
    (s,) = list(read([f"{server}/slow"]))
    assert isinstance(s, Skipped) and "timed out" in s.reason


def test_private_addresses_are_refused(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRONACA_ALLOW_PRIVATE_URLS", raising=False)
    results = list(read([f"{server}/pagina", "http://localhost:9/x", "http://[::1]/x", "http://10.1.2.3/"]))
    assert all(isinstance(r, Skipped) for r in results)
    assert all("non-public address" in r.reason and "CRONACA_ALLOW_PRIVATE_URLS" in r.reason for r in results)


def test_redirect_to_private_address_is_refused(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # allow the test server itself, but not the link-local target it redirects to
    real = sources.check_host

    def only_test_server(url: str) -> None:
        if url.startswith(server):
            return
        monkeypatch.delenv("CRONACA_ALLOW_PRIVATE_URLS", raising=False)
        real(url)

    monkeypatch.setattr(sources, "check_host", only_test_server)
    (s,) = list(read([f"{server}/redirect-out"]))
    assert isinstance(s, Skipped) and "169.254.169.254" in s.reason


def test_unresolvable_host_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRONACA_ALLOW_PRIVATE_URLS", raising=False)
    (s,) = list(read(["http://does-not-exist.invalid/feed"]))
    assert isinstance(s, Skipped) and "cannot resolve host" in s.reason
