"""Fixtures for the serve tests: a knowledge base built from tests/data/ui, and the app
running on a real socket (for the browser tests)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    """The app served by uvicorn in a background thread; yields its base URL."""
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
