"""The short fuzz run CI does: a few hundred mutated inputs over every reader, none may
raise or hang (the long run: python scripts/fuzz.py --seconds 60)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fuzz.py"


def test_short_fuzz_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("cronaca_fuzz", SCRIPT)
    assert spec and spec.loader
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    status = fuzz.main(
        ["--seconds", "8", "--max-inputs", "450", "--hang-seconds", "10", "--out", str(tmp_path)]
    )
    out = capsys.readouterr().out
    assert status == 0, out
    assert "uncaught:   0" in out and "hangs:      0" in out


def test_short_fuzz_run_through_extraction_and_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A few dozen mutated inputs taken all the way: read, extracted, stored, consolidated
    and read back (the long run: scripts/fuzz.py --pipeline --store)."""
    spec = importlib.util.spec_from_file_location("cronaca_fuzz", SCRIPT)
    assert spec and spec.loader
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    args = ["--seconds", "20", "--max-inputs", "120", "--hang-seconds", "20", "--pipeline", "--store"]
    status = fuzz.main([*args, "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "uncaught:   0" in out and "hangs:      0" in out
    assert "stored:     articles" in out and "claims:" in out
