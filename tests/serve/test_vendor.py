"""The vendored front-end files are the published ones: hashes as README.md records them,
each with its licence beside it."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[2] / "src" / "cronaca" / "serve" / "web" / "static" / "vendor"


def test_vendored_files_match_their_recorded_hashes_and_carry_a_licence():
    table = (VENDOR / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+)` \| `([\w-]+)`.*\| ([0-9a-f]{64}) \|$", table, re.M)
    assert len(rows) == 3
    for name, package, digest in rows:
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
        assert (VENDOR / f"{package}.LICENSE").read_text(encoding="utf-8").startswith("Copyright")
    listed = {name for name, _, _ in rows}
    shipped = {p.name for p in VENDOR.iterdir() if p.suffix in (".js", ".json")}
    assert shipped == listed
