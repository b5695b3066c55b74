"""Fixtures for the serve tests: a knowledge base built from tests/data/ui, and the app
running on a real socket (for the browser tests)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn

from cronaca import Cronaca
from cronaca.serve.http import create_app

UI_DATA = Path(__file__).resolve().parent.parent / "data" / "ui"


@pytest.fixture(scope="session")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cronaca]:
    """The fixture articles ingested into a fresh SQLite database."""
    db = tmp_path_factory.mktemp("serve") / "kb.db"
    kb = Cronaca(str(db))
    report = kb.ingest([str(UI_DATA)])
    assert report.new == len(list(UI_DATA.glob("*.txt"))), report.to_dict()
    assert report.claims >= 1, report.to_dict()
    yield kb


@pytest.fixture(scope="session")
def app(kb: Cronaca):
    return create_app(kb)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(app) -> Iterator[str]:
    """``app`` served by uvicorn in a background thread; yields its base URL."""
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="cronaca-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on 127.0.0.1:{port}")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    """The app on a real socket; yields its base URL."""
    with serving(app) as url:
        yield url


CHROMIUM = os.environ.get("CRONACA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium (Debian's); a missing browser is a failure with a message, never a skip."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:  # pragma: no cover - the test extra installs it
        pytest.fail(f"the browser tests need the playwright package (pip install -e '.[test]'): {e}")
    path = shutil.which(CHROMIUM) or (CHROMIUM if os.access(CHROMIUM, os.X_OK) else None)
    if path is None:
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium) or point "
            "CRONACA_CHROMIUM at a Chromium binary. These tests must not be skipped."
        )
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
# Set CRONACA_SHOTS=/some/dir to keep the screenshots somewhere you can look at them.
SHOTS_ENV = "CRONACA_SHOTS"


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get(SHOTS_ENV) or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextlib.contextmanager
def watched_page(browser, base_url: str) -> Iterator[object]:
    """A fresh page that records every request and error; when it closes, asserts that it made
    requests, that none left localhost and that nothing failed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url)
    pg = context.new_page()
    requested: list[str] = []
    pg.on("request", lambda r: requested.append(r.url))
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    # the Content-Security-Policy forbids inline script and style: nothing may trip it
    pg.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    # a page may be an error page on purpose (404, 400); what it loads must not fail
    pg.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.request.resource_type != "document"
            else None
        ),
    )
    yield pg
    context.close()
    assert requested, "the page made no requests at all"
    foreign = [
        u
        for u in requested
        if urlsplit(u).scheme not in {"data", "about"} and urlsplit(u).hostname not in LOCAL_HOSTS
    ]
    assert not foreign, f"requests left localhost: {foreign}"
    assert not errors, f"errors in the page or its resources: {errors}"
