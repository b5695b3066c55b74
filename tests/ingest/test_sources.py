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
    real = sources.public_address

    def only_test_server(host: str, port: int) -> str:
        if host == "127.0.0.1":
            return host
        return real(host, port)

    monkeypatch.delenv("CRONACA_ALLOW_PRIVATE_URLS", raising=False)
    monkeypatch.setattr(sources, "public_address", only_test_server)
    (s,) = list(read([f"{server}/redirect-out"]))
    assert isinstance(s, Skipped) and "169.254.169.254" in s.reason


def test_dns_rebinding_connects_to_the_address_that_was_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A name that answers a public address, then 127.0.0.1: the connection goes to the
    public address that was checked, and the name is looked up once."""
    import socket

    monkeypatch.delenv("CRONACA_ALLOW_PRIVATE_URLS", raising=False)
    real_getaddrinfo = socket.getaddrinfo
    lookups: list[str] = []

    def rebinding(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host != "rebind.example":
            return real_getaddrinfo(host, port, *args, **kwargs)
        lookups.append(host)
        answer = "93.184.216.34" if len(lookups) <= 2 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answer, port))]

    connected: list[tuple[str, int]] = []

    def no_network(address, *args, **kwargs):  # type: ignore[no-untyped-def]
        connected.append(address)
        raise ConnectionRefusedError("no network in tests")

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(socket, "create_connection", no_network)
    (s,) = list(read(["http://rebind.example:8080/news"]))
    assert isinstance(s, Skipped) and "cannot fetch" in s.reason, s
    assert connected == [("93.184.216.34", 8080)]
    assert lookups == ["rebind.example"]


def test_a_slow_drip_is_cut_at_the_total_deadline(
    server: str, allow_private: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    monkeypatch.setattr(sources, "DEADLINE_S", 1.0)  # each byte comes well within TIMEOUT_S
    started = time.monotonic()
    (s,) = list(read([f"{server}/drip"]))
    took = time.monotonic() - started
    assert isinstance(s, Skipped) and "longer than 1 s in all" in s.reason, s
    assert took < 2.5, took


def test_unresolvable_host_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRONACA_ALLOW_PRIVATE_URLS", raising=False)
    (s,) = list(read(["http://does-not-exist.invalid/feed"]))
    assert isinstance(s, Skipped) and "cannot resolve host" in s.reason


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/",
        "http://0x7f000001/",
        "http://127.1/",
        "http://0177.0.0.1/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://0.0.0.0/",
        "http://[::]/",
        "http://localhost./",
        "HTTP://LOCALHOST:9/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1%25eth0]/",
        "http://100.64.0.1/",
        "http://user:pass@127.0.0.1:9/",
    ],
)
def test_every_spelling_of_a_private_address_is_refused(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    monkeypatch.delenv("CRONACA_ALLOW_PRIVATE_URLS", raising=False)
    connected: list[object] = []

    def no_connection(address, *args, **kwargs):  # type: ignore[no-untyped-def]
        connected.append(address)
        raise ConnectionRefusedError("must not connect")

    monkeypatch.setattr(socket, "create_connection", no_connection)
    (s,) = list(read([url]))
    assert isinstance(s, Skipped), s
    assert any(w in s.reason for w in ("non-public address", "cannot resolve", "invalid URL")), s.reason
    assert connected == []


@pytest.mark.parametrize(
    "url", ["http://[::1/", "http://example.org:99999999/", "http://exa mple.org/", "http://%00/"]
)
def test_malformed_urls_are_skipped_not_raised(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRONACA_ALLOW_PRIVATE_URLS", raising=False)
    (s,) = list(read([url]))
    assert isinstance(s, Skipped) and s.reason.startswith("URL not fetched"), s
