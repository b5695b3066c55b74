"""A knowledge base with placed events (tests/data/geo), for the map, export, actor and
search tests; imported by the test modules that use it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cronaca import Cronaca
from cronaca.serve.http import create_app

GEO_DATA = Path(__file__).resolve().parent.parent / "data" / "geo"


@pytest.fixture(scope="session")
def geo_kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cronaca]:
    kb = Cronaca(str(tmp_path_factory.mktemp("geo") / "geo.db"))
    report = kb.ingest([str(GEO_DATA)])
    assert report.new == len(list(GEO_DATA.glob("*.txt"))), report.to_dict()
    yield kb


@pytest.fixture(scope="session")
def geo_app(geo_kb: Cronaca):
    return create_app(geo_kb)
