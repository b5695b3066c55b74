"""Extraction on a real Dask cluster (a LocalCluster of 2 worker processes): the store ends
up exactly as a run in one process leaves it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cronaca import Cronaca
from cronaca.errors import UsageError
from cronaca.extract import cluster as cluster_module

from .test_workers import dump, sources  # noqa: F401 - sources is a fixture

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_a_dask_cluster_stores_exactly_what_one_process_stores(
    sources: list[str],  # noqa: F811
    cluster: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cluster_module, "CHUNK", 4)  # many chunks, on both workers, settled in order
    one = Cronaca(str(tmp_path / "one.db")).ingest(sources)
    on_cluster = Cronaca(str(tmp_path / "dask.db")).ingest(sources, dask=cluster)
    assert on_cluster.to_dict() == one.to_dict()
    assert one.new >= 40 and one.rejected == 3
    first, second = dump(tmp_path / "one.db"), dump(tmp_path / "dask.db")
    for table in first:
        assert first[table] == second[table], table


def test_an_unreachable_scheduler_is_a_usage_error(
    sources: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler"):
        Cronaca(str(tmp_path / "kb.db")).ingest(sources[:1], dask="tcp://127.0.0.1:1")
