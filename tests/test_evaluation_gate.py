"""The evaluation gate: scores on the shared gold sets must not drop below eval/baseline.json.

The gold sets live in ``../shared/data`` beside the repository (never copied into it). In CI
(CI=true) a missing folder is a failure; elsewhere the gate is skipped.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cronaca.serve.cli import cli

ROOT = Path(__file__).resolve().parent.parent
BASELINE = json.loads((ROOT / "eval" / "baseline.json").read_text())
SHARED = Path(os.environ.get("CRONACA_SHARED_DATA", ROOT.parent / "shared" / "data"))


def _value(scores: dict, dotted: str) -> float:
    for part in dotted.split("."):
        scores = scores[part]
    return float(scores)


def _resolve(option: str) -> str:
    if option.startswith("-"):
        return option
    for base in (SHARED, ROOT):
        if (base / option).exists():
            return str(base / option)
    return option


@pytest.mark.parametrize("name", sorted(k for k in BASELINE if not k.startswith("_")))
def test_score_does_not_drop(name):
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"shared gold data not found at {SHARED}")
        pytest.skip(f"shared gold data not found at {SHARED}")
    spec = BASELINE[name]
    gold, *options = spec["args"]
    # options naming a path in the shared data are resolved there
    # (the articles of `eval facts`), and paths in the repository (its judgement file) there
    options = [_resolve(o) for o in options]
    result = CliRunner().invoke(cli, ["eval", name, str(SHARED / gold), *options])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    low = {k: (_value(scores, k), floor) for k, floor in spec["floors"].items() if _value(scores, k) < floor}
    assert not low, f"{name}: below the floor in eval/baseline.json: {low}"
