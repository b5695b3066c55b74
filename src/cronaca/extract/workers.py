"""Extraction in worker processes, results in input order.

Extract is a pure function of one article, so N processes can run it side by side while
one writer (the calling process) stores what they return. Workers never are forked
copies of the writer (a half-initialised parent, with its database connection and its
threads): they are *spawned* and each builds its pipeline once, in its initializer, or,
for the default pipeline on Linux, forked from a *fork server*: a fresh process that
built that pipeline once (``extract/forkserver.py``), so that each worker starts with its
resources loaded instead of loading them again (about 2.5 s of CPU per worker, as much as
extracting 500 articles). Results come back in the order the articles went in, so a run
with workers stores exactly what a run without them stores, in the same order.

On two cores the writer shares a core with the workers, so its own CPU is theirs to lose:
articles travel four to a task (the pool's bookkeeping is paid per task), and while the
pool starts (the fork server's preload, ~2 s) the writer reads ahead instead of waiting.

Untrusted text must never stop a run: an exception in a worker comes back as that
article's error, and a worker that dies (a crash in a C extension, the OOM killer) is
replaced; the articles it may have been working on are retried one at a time, so only the
article that kills a worker again is rejected.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from cronaca.errors import PipelineError
from cronaca.model import Annotations, Article, EventMention, Interval, Mention

T = TypeVar("T")
CHUNK = 4  # articles per task: one message each way and one future for four articles
IN_FLIGHT_PER_WORKER = 4  # tasks queued per worker: never idle while the writer writes; little memory
READ_AHEAD = 4096  # items read while the workers start (about 8 MB of DICE articles)


@dataclass
class Extraction:
    """What extract made of one article: its annotations and the entities they name, or the
    reason it could not be annotated."""

    annotations: Annotations | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""


def failure(e: BaseException) -> Extraction:
    """An extraction error as a per-article reason (the run goes on)."""
    return Extraction(error=f"could not be annotated ({type(e).__name__}: {str(e)[:200]}); please report it")


# -- inside a worker process ------------------------------------------------------------

_pipeline = None  # this worker's pipeline, built once by _start
_built_for: tuple = ()  # the (names, options) it was built for
_start_error = ""  # why it could not be built, for the writer to raise


def _start(names: tuple[str, ...], options: dict[str, Any]) -> None:
    _exit_with_parent()
    build(names, options)


def build(names: tuple[str, ...], options: dict[str, Any]) -> None:
    """Build this process's pipeline, unless it has one for these names and options."""
    global _pipeline, _built_for, _start_error
    from cronaca.extract.pipeline import Pipeline

    if _pipeline is not None and _built_for == (tuple(names), dict(options)):
        return
    try:
        pipeline = Pipeline(names, options)
        pipeline._load()  # load resources now, not inside the first article's time
    except Exception as e:  # a bad option or resource: the writer raises it, once
        _start_error = f"{type(e).__name__}: {e}"
        return
    _pipeline, _built_for, _start_error = pipeline, (tuple(names), dict(options)), ""


# short texts that take each language with rules through every component once, so that
# what loads on first use (spaCy's tokenizer, simplemma's dictionaries, dateparser's
# locales) is loaded in the fork server too
WARM_UP = {
    "it": "Il 3 marzo 2024 il governo di Roma ha detto che 12 soldati sarebbero stati inviati in Ucraina.",
    "en": "On Monday the government in London said 12 soldiers had been sent to Ukraine, Reuters reported.",
}


def warm_up() -> None:
    """Build the default pipeline in this process and run it over ``WARM_UP`` (in the fork
    server: ``extract/forkserver.py``). A text that fails here costs only speed: each
    worker extracts, and reports errors, article by article as always."""
    from cronaca.extract.pipeline import DEFAULT_COMPONENTS

    build(DEFAULT_COMPONENTS, {})
    if _pipeline is None:
        return  # the workers report why, once, as without a fork server
    for language, text in WARM_UP.items():
        article = Article(f"warm-up-{language}", text, language, published=Interval.day(date(2024, 3, 4)))
        try:
            _pipeline(article)
        except Exception:  # noqa: S112 - see above: a worker meets it again and reports it
            continue


def _exit_with_parent() -> None:
    """A worker whose parent was killed (SIGKILL leaves no time to stop it) exits too."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="cronaca-parent-watch").start()


def _ready() -> str:
    return _start_error


def _extract(article: Article) -> tuple[list[Mention], list[EventMention], list[dict[str, Any]], str]:
    """One article in a worker; the article itself does not travel back."""
    from cronaca.extract import entity_records

    try:
        annotations = _pipeline(article)
        return annotations.mentions, annotations.events, list(entity_records(annotations)), ""
    except Exception as e:  # an extraction bug must not stop a batch; the reason says what happened
        return [], [], [], failure(e).error


def _extract_chunk(task: Any, articles: list[Article]) -> list[tuple]:
    """``task`` on each of a few articles, one pool task: the pool's bookkeeping (a future,
    a pickled call and result, the manager thread's wake-ups) costs the writer about a
    quarter of a millisecond per task, and on two cores that is CPU taken from the workers
    (the writer's CPU for 2,995 DICE articles: 7.0 s with a task per article, 6.4 s with
    four; docs/benchmark.md). An error that escapes ``task`` is still its article's own."""
    results = []
    for article in articles:
        try:
            results.append(task(article))
        except Exception as e:
            results.append(([], [], [], failure(e).error))
    return results


# -- in the writer process ----------------------------------------------------------------

WORKER_DIED = "the extraction worker process died on it (a crash or out of memory)"


def received(article: Article, result: tuple) -> Extraction:
    mentions, events, entities, error = result
    return Extraction(error=error) if error else Extraction(Annotations(article, mentions, events), entities)


class WorkerPool:
    """``workers`` spawned processes running ``Pipeline(names, options)``."""

    task = staticmethod(_extract)  # what a worker runs on one article (a test swaps in a crash)

    def __init__(self, workers: int, names: tuple[str, ...], options: dict[str, Any]) -> None:
        self.workers = max(1, workers)
        self._args = (tuple(names), dict(options))
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _executor(self) -> ProcessPoolExecutor:
        """The pool, started and checked: a worker that cannot even start (a bad option, a
        script without a ``__main__`` guard) is an error for the run, not for each article."""
        if self._pool is None:
            _check_main()
            pool = ProcessPoolExecutor(
                self.workers,
                mp_context=_context(*self._args),
                initializer=_start,
                initargs=self._args,
            )
            try:
                error = pool.submit(_ready).result()
            except BrokenProcessPool as e:
                pool.shutdown(wait=False, cancel_futures=True)
                raise PipelineError(
                    "extraction worker processes could not start (see the error above); a script "
                    "that ingests with workers must run under `if __name__ == '__main__':`, "
                    "or ingest with workers=1"
                ) from e
            if error:
                pool.shutdown(wait=False, cancel_futures=True)
                raise PipelineError(f"the extraction workers could not build the pipeline: {error}")
            self._pool = pool
        return self._pool

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def map(self, items: Iterable[tuple[T, Article | None]]) -> Iterator[tuple[T, Extraction | None]]:
        """For each ``(item, article)``: ``(item, its extraction)``, or ``(item, None)`` when
        there is no article to extract; in input order. Articles go to the workers ``CHUNK``
        at a time."""
        items = iter(items)
        ahead = self._read_ahead(items)
        window: deque[tuple[list[tuple[T, Article | None]], Future | None]] = deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER
        group: list[tuple[T, Article | None]] = []
        held = 0  # articles in ``group``
        for item, article in itertools.chain(ahead, items):
            group.append((item, article))
            held += article is not None
            if held >= CHUNK:
                window.append((group, self._submit(group)))
                group, held = [], 0
                while len(window) > limit:
                    yield from self._settle(window)
        if group:
            window.append((group, self._submit(group)))
        while window:
            yield from self._settle(window)

    def _read_ahead(self, items: Iterator[tuple[T, Article | None]]) -> list[tuple[T, Article | None]]:
        """Start the workers in a thread and, while they start, take items from ``items``
        (reading the input, detecting languages: the writer's own work), up to
        ``READ_AHEAD``. The fork server's preload takes about 2 s, during which the writer
        otherwise waits for the first worker's pid with one core idle."""
        if self._pool is not None:
            return []
        failed: list[BaseException] = []

        def start() -> None:
            try:
                self._executor()
            except BaseException as e:  # raised again in the writer, below
                failed.append(e)

        starting = threading.Thread(target=start, daemon=True, name="cronaca-workers-start")
        starting.start()
        ahead = []
        try:
            while starting.is_alive() and len(ahead) < READ_AHEAD:
                entry = next(items, None)
                if entry is None:
                    break
                ahead.append(entry)
        finally:  # reading failed or was interrupted: the pool is still ours to close
            starting.join()
        if failed:
            raise failed[0]
        return ahead

    def _submit(self, group: list[tuple[T, Article | None]]) -> Future | None:
        articles = [a for _, a in group if a is not None]
        if not articles:
            return None
        try:
            return self._executor().submit(_extract_chunk, self.task, articles)
        except BrokenProcessPool:
            self._restart()
            return self._executor().submit(_extract_chunk, self.task, articles)

    def _settle(self, window: deque) -> Iterator[tuple[Any, Extraction | None]]:
        group, future = window.popleft()
        articles = [a for _, a in group if a is not None]
        try:
            found = future.result() if future is not None else []
            extractions = [received(a, r) for a, r in zip(articles, found, strict=True)]
        except BrokenProcessPool:
            extractions = self._after_crash(articles, window)
        except Exception as e:  # results that could not travel back: each article's error
            extractions = [self._alone(a) for a in articles] if len(articles) > 1 else [failure(e)]
        each = iter(extractions)
        for item, article in group:
            yield item, (next(each) if article is not None else None)

    def _alone(self, article: Article) -> Extraction:
        """One article in a task of its own (it is rejected if it kills a worker)."""
        try:
            [result] = self._executor().submit(_extract_chunk, self.task, [article]).result()
            return received(article, result)
        except BrokenProcessPool:
            self._restart()
            return Extraction(error=f"could not be annotated: {WORKER_DIED}; please report it")
        except Exception as e:
            return failure(e)

    def _after_crash(self, articles: list[Article], window: deque) -> list[Extraction]:
        """A worker died: restart the pool, run the task's articles one at a time (only the
        one that kills a worker again is rejected), then resubmit the rest of the window."""
        self._restart()
        results = [self._alone(article) for article in articles]
        for i, (group, _) in enumerate(window):
            window[i] = (group, self._submit(group))
        return results


def _check_main() -> None:
    """A worker starts by running the calling program's main file again (as *spawn* does),
    so a program read from standard input (``python -``), whose ``__file__`` is no file,
    cannot start one: say so before starting, instead of a worker's traceback."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if getattr(sys, "frozen", False) or getattr(main, "__spec__", None) is not None:
        return  # a bundled program, or one run with -m: multiprocessing starts those its own way
    if path is not None and not os.path.isfile(path):
        raise PipelineError(
            f"worker processes cannot start from a program read from {path}: save it to a file "
            "(with `if __name__ == '__main__':`), or ingest with workers=1"
        )


def _context(names: tuple[str, ...], options: dict[str, Any]) -> multiprocessing.context.BaseContext:
    """How workers start: forked from the fork server that holds the default pipeline (a
    process-wide server, started once and kept until this process ends, with its ~270 MB),
    or spawned, each building its own pipeline (other components or options; platforms
    other than Linux, where Python itself spawns by default because system libraries are
    not safe to fork: macOS)."""
    from cronaca.extract.pipeline import DEFAULT_COMPONENTS

    default = (names, options) == (DEFAULT_COMPONENTS, {})
    if not default or not sys.platform.startswith("linux"):
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["cronaca.extract.forkserver"])
    return context


class InProcess:
    """The same interface as :class:`WorkerPool`, extracting in this process (``--workers 1``)."""

    def __init__(self, pipeline: Any) -> None:
        self.pipeline = pipeline

    def __enter__(self) -> InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def map(self, items: Iterable[tuple[T, Article | None]]) -> Iterator[tuple[T, Extraction | None]]:
        from cronaca.extract import entity_records

        for item, article in items:
            if article is None:
                yield item, None
                continue
            try:
                annotations = self.pipeline(article)
                yield item, Extraction(annotations, list(entity_records(annotations)))
            except Exception as e:  # an extraction bug must not stop a batch; the reason says what happened
                yield item, failure(e)
