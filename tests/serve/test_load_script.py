"""scripts/load.py runs, bounded, against a loopback server and reports percentiles."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "load.py"


def _load():
    spec = importlib.util.spec_from_file_location("cronaca_load", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_load_script_reports_percentiles(live_server: str, capsys: pytest.CaptureFixture[str]) -> None:
    load = _load()
    load.main(["--url", live_server, "--clients", "3", "--requests", "12", "--max-seconds", "10", "--bust"])
    out = capsys.readouterr().out
    for path in ("/ ", "/api/timeline"):
        line = next(line for line in out.splitlines() if line.startswith(path))
        assert "12 requests" in line and "p95" in line and "errors 0" in line, line


def test_load_script_refuses_other_hosts() -> None:
    with pytest.raises(SystemExit, match="only loopback"):
        _load().main(["--url", "http://example.org", "--requests", "1"])
