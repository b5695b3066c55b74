"""`cronaca serve --workers 2`: two processes answer, from the same store."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from tests.processes import children

from cronaca import Cronaca


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
def test_serve_with_two_worker_processes(kb: Cronaca) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = kb.store.engine.url.database
    cmd = [
        sys.executable,
        "-m",
        "cronaca.serve.cli",
        "--db",
        db,
        "serve",
        "--port",
        str(port),
        "--workers",
        "2",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.monotonic() < deadline, "cronaca serve --workers 2 did not answer in 60 s"
                time.sleep(0.2)
        assert response.json() == kb.stats()
        timeline = httpx.get(f"http://127.0.0.1:{port}/api/timeline", timeout=10).json()
        assert [c["id"] for c in timeline] == [c["id"] for c in kb.timeline(limit=50)]
        assert len(children(proc.pid)) >= 2  # the workers (uvicorn may add a helper process)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_the_server_keeps_the_cycle_collector_off_its_startup_objects() -> None:
    import gc

    from cronaca.serve.http import settle

    gc.unfreeze()
    try:
        before = gc.get_freeze_count()
        settle()
        assert gc.get_freeze_count() > before
        assert gc.isenabled()  # later garbage is still collected
    finally:
        gc.unfreeze()
