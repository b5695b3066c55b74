"""The indexes that keep consolidation linear hand back what a full scan finds: the same
claims, links and explanations as scanning every group and every event."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

from cronaca import Cronaca
from cronaca.consolidate import index
from cronaca.consolidate.claims import build_claims

from .test_claims import event

ROOT = Path(__file__).resolve().parents[2]
ACTORS = ["RUS", "UKR", "PRK", "KOR", "USA", "IRN", "ISR", ""]
TYPES = ["AID", "FIGHT", "AGREE", "CONSULT", "THREATEN", "MOBILIZE"]
PLACES = [
    None,
    {"id": "UKR", "name": "Ucraina"},
    {"id": "geonames:1", "name": "Kursk", "country": "RUS"},
    {"id": "geonames:2", "name": "Kyiv", "country": "UKR"},
]


def random_events(n: int, seed: int = 13) -> list[dict]:
    """Events with few actors, so claims share types, sources and targets in every way."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        month = rng.randint(1, 12)
        day = f"2025-{month:02d}-{rng.randint(1, 28):02d}"
        times = [None, (f"2025-{month:02d}-01", f"2025-{month:02d}-28", "month"), (day, day, "day")]
        e = event(
            f"e{i}",
            article=f"a{i // 3}",
            published=day,
            value=rng.choice([None, 100, 120, 1000, 12000]),
            unit=rng.choice(["soldiers", "tanks", "missiles"]),
            time=rng.choice(times),
            type=rng.choice(TYPES),
            source=rng.choice(ACTORS),
            target=rng.choice(ACTORS),
            factuality=rng.choice(["asserted", "reported", "not_acknowledged", "denied"]),
            attribution=rng.sample(ACTORS[:-1], rng.randint(0, 2)),
            mode=rng.choice(["", "", "military"]),
            place=rng.choice(PLACES),
            weapons=rng.choice([(), ("shahed-drone",), ("iskander-missile",)]),
        )
        if rng.random() < 0.2:  # several targets
            e["target_actors"] += [{"id": rng.choice(ACTORS[:-1]), "name": "x", "sector": ""}]
        if rng.random() < 0.3:  # forces: what acknowledgements speak of
            e["target_actors"] = [dict(a, sector="military") for a in e["target_actors"]]
        out.append(e)
    return out


def full_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the indexes hand back everything, as the quadratic version scanned."""
    monkeypatch.setattr(index.Groups, "near", lambda self, key: list(self.all))
    monkeypatch.setattr(index.Speakers, "of", lambda self, sides: list(self.ordered))


def test_indexed_grouping_equals_a_full_scan_on_random_events(monkeypatch: pytest.MonkeyPatch) -> None:
    events = random_events(1500)
    indexed = build_claims(events)
    full_scan(monkeypatch)
    scanned = build_claims(events)
    assert indexed == scanned
    claims, links = indexed
    assert len(claims) > 100 and any(c["n_events"] > 5 for c in claims)
    assert any("targets in part" in line for c in claims for line in c["data"]["explanation"])
    assert any("no target of its own" in line for c in claims for line in c["data"]["explanation"])
    assert any(h["factuality"] == "acknowledged" for c in claims for h in c["data"]["factuality"])


def test_indexed_grouping_equals_a_full_scan_on_extracted_events(tmp_path, monkeypatch) -> None:
    """Real events (the UI fixture articles), copied with renamed actors and shifted dates
    by the benchmark's generator (scripts/claims_benchmark.py)."""
    script = ROOT / "scripts" / "claims_benchmark.py"
    spec = importlib.util.spec_from_file_location("claims_benchmark", script)
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench
    spec.loader.exec_module(bench)
    kb = Cronaca(str(tmp_path / "kb.db"))
    kb.ingest([str(ROOT / "tests" / "data" / "ui")])
    events = bench.synthetic(kb.store.all_events(), 3000, actors_every=500)
    indexed = build_claims(events)
    full_scan(monkeypatch)
    assert indexed == build_claims(events)
    assert len(indexed[0]) > 50
