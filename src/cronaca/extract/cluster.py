"""Extraction on a Dask distributed cluster; this process stays the one writer.

``cronaca ingest --dask tcp://HOST:8786`` reads the sources here, sends articles in chunks
(a task costs milliseconds of scheduling, an article about as much to extract) to the
cluster's workers, and stores what comes back in input order, so the store ends up as a
run in one process leaves it. Each worker builds its pipeline once, in a worker plugin.
The workers must run the same cronaca version (their pipeline versions are checked
against the writer's); give them one thread each (``--nthreads 1``): a pipeline is not
shared across threads.

A chunk that fails (a worker died on it: ``KilledWorker``) is run again article by
article, so only an article that fails alone is rejected.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from cronaca.errors import PipelineError, UsageError
from cronaca.extract import workers
from cronaca.extract.workers import Extraction, failure, received
from cronaca.model import Article

T = TypeVar("T")
# articles per task: on two one-thread workers all of DICE took 43.9-45.9 s in chunks of 64
# (two queued per thread) against 47.5-49.1 s in chunks of 16 (three queued; docs/benchmark.md)
CHUNK = 64
CONNECT_TIMEOUT = "20s"
IN_FLIGHT_PER_THREAD = 2  # chunks queued per worker thread


def _plugin(names: tuple[str, ...], options: dict[str, Any]):
    from distributed import WorkerPlugin

    class BuildPipeline(WorkerPlugin):
        """Builds the worker's pipeline when it joins (once per names and options)."""

        name = "cronaca-pipeline"

        def setup(self, worker: Any) -> None:
            workers.build(names, options)

    return BuildPipeline()


def _extract_chunk(articles: list[Article]) -> tuple[dict[str, str], list[tuple]]:
    """In a cluster worker: the pipeline's versions and each article's result."""
    if workers._pipeline is None:
        raise PipelineError(f"the cluster workers could not build the pipeline: {workers._start_error}")
    return workers._pipeline.versions, [workers._extract(a) for a in articles]


class DaskPool:
    """The same interface as :class:`~cronaca.extract.workers.WorkerPool`, on a cluster."""

    def __init__(self, address: str, names: tuple[str, ...], options: dict[str, Any], versions: dict) -> None:
        self.address = address
        self._args = (tuple(names), dict(options))
        self.versions = versions
        self.client = None

    def __enter__(self) -> DaskPool:
        try:
            from distributed import Client
        except ImportError as e:
            raise UsageError("--dask needs the distributed package: pip install 'cronaca[dask]'") from e
        try:
            self.client = Client(self.address, timeout=CONNECT_TIMEOUT)
        except OSError as e:
            raise UsageError(
                f"cannot reach the Dask scheduler at {self.address} ({e}); start one with `dask scheduler` "
                "and workers with `dask worker ADDRESS --nthreads 1` (docs/cluster.md)"
            ) from e
        self.client.register_plugin(_plugin(*self._args))
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None

    def map(self, items: Iterable[tuple[T, Article | None]]) -> Iterator[tuple[T, Extraction | None]]:
        """For each ``(item, article)``: ``(item, its extraction)``, or ``(item, None)`` when
        there is no article to extract; in input order."""
        threads = max(1, sum(self.client.nthreads().values()))
        window: deque = deque()  # (entries, future or None)
        entries: list[tuple[T, Article | None]] = []
        held = 0  # articles in ``entries``
        for entry in items:
            entries.append(entry)
            held += entry[1] is not None
            if held >= CHUNK:
                window.append(self._submit(entries))
                entries, held = [], 0
                while len(window) > threads * IN_FLIGHT_PER_THREAD:
                    yield from self._settle(*window.popleft())
        if entries:
            window.append(self._submit(entries))
        while window:
            yield from self._settle(*window.popleft())

    def _submit(self, entries: list) -> tuple[list, Any]:
        articles = [a for _, a in entries if a is not None]
        return entries, self.client.submit(_extract_chunk, articles, pure=False) if articles else None

    def _settle(self, entries: list, future: Any) -> Iterator[tuple[Any, Extraction | None]]:
        articles = [a for _, a in entries if a is not None]
        results: Iterator[Extraction] = iter(())
        if future is not None:
            try:
                versions, found = future.result()
            except PipelineError:
                raise
            except Exception:  # a worker died on the chunk: run its articles one by one
                found, versions = None, self.versions
            self._check(versions)
            results = iter(
                [received(a, r) for a, r in zip(articles, found, strict=True)]
                if found is not None
                else [self._alone(a) for a in articles]
            )
        for item, article in entries:
            yield item, (None if article is None else next(results))

    def _check(self, versions: dict[str, str]) -> None:
        if versions != self.versions:
            raise PipelineError(
                f"the cluster workers run other components ({versions}) than this cronaca "
                f"({self.versions}): install the same version on the workers"
            )

    def _alone(self, article: Article) -> Extraction:
        try:
            _, (result,) = self.client.submit(_extract_chunk, [article], pure=False).result()
        except Exception as e:
            return failure(e)
        return received(article, result)
