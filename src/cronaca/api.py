"""The Python API: everything the CLI does, as methods a notebook can call.

``Cronaca`` wires the stages in their one-way order: ingest reads sources into
articles, extract annotates each new article, the store keeps both, consolidate turns
events into claims, and the query methods serve what is stored.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from cronaca import consolidate, ingest
from cronaca.extract.pipeline import Pipeline, default_pipeline
from cronaca.extract.workers import Extraction, InProcess, WorkerPool
from cronaca.model import Annotations, Article, Skipped
from cronaca.store import Store


@dataclass(frozen=True)
class Note:
    """A per-item warning: the item was read, but not quite as it said (an unknown language)."""

    source: str
    message: str


@dataclass
class ReextractReport:
    """What one ``reextract`` run did: articles read, those whose extraction failed (they keep
    their earlier annotations), events found and claims rebuilt."""

    articles: int = 0
    failed: int = 0
    events: int = 0
    claims: int = 0


@dataclass
class IngestReport:
    """What one ingest run did; ``skipped`` keeps every rejected item with its reason,
    ``notes`` every item read with a warning."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    events: int = 0
    claims: int = 0
    languages: Counter = field(default_factory=Counter)
    notes: list[Note] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.skipped)

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "new": self.new,
            "duplicate": self.duplicate,
            "rejected": self.rejected,
            "rejections": [
                {"source": s.source, "reason": s.reason, "format": s.format} for s in self.skipped
            ],
            "events": self.events,
            "claims": self.claims,
            "languages": dict(self.languages),
            "notes": [{"source": n.source, "message": n.message} for n in self.notes],
        }


Progress = Callable[[Article | Skipped], None]
WORKERS_FROM = 64  # fewer new articles than this are extracted in-process, whatever ``workers`` says
WRITE_BATCH = 16  # articles stored per transaction ...
WRITE_EVERY_S = 1.0  # ... or fewer, when reading and extracting them takes longer than this
STATUS_CHUNK = 64  # articles whose stored status is read in one query
# events whose claims are rebuilt in one transaction: a rebuild holds one such batch of
# event types at a time (a type with more events is still taken whole: claims never cross
# types, but may join any two of its events)
CONSOLIDATE_BATCH = 50_000


class Cronaca:
    """A knowledge base in one database (a SQLite path by default, or any SQLAlchemy URL)."""

    def __init__(
        self,
        db: str | None = None,
        *,
        pipeline: Pipeline | None = None,
        entities: list[str] | None = None,
        ner: str | None = None,
    ) -> None:
        """``entities``: extra registry YAML files; ``ner``: e.g. ``"spacy:PATH"`` (see docs/config.md)."""
        self.store = Store.open(db)
        self._pipeline = pipeline
        self._options = {k: v for k, v in (("entities", tuple(entities or ())), ("ner", ner)) if v}

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(options=self._options) if self._options else default_pipeline()
        return self._pipeline

    # -- ingest → extract → store → consolidate ---------------------------------------

    def ingest(
        self,
        sources: Iterable[str],
        *,
        language: str | None = None,
        outlet: str | None = None,
        progress: Progress | None = None,
        workers: int = 1,
        dask: str | None = None,
    ) -> IngestReport:
        """Read sources, annotate each new article, store it, and update the claims.

        ``workers`` > 1 extracts in that many worker processes while this process reads and
        writes; ``dask`` (a scheduler address, ``tcp://HOST:8786``) extracts on that Dask
        cluster instead. Either way the store ends up exactly as with one process
        (``extract/workers.py``, ``extract/cluster.py``)."""
        report = IngestReport()

        def note(source: str, message: str) -> None:
            report.notes.append(Note(source, message))

        items = ingest.read(sources, language=language, outlet=outlet, note=note)
        pending, extractor = self._extractor(self._to_extract(items), workers, dask)
        batch: list[tuple[Any, Extraction | None]] = []
        started = time.monotonic()
        with extractor:
            for entry in extractor.map(pending):
                if not batch:
                    started = time.monotonic()
                batch.append(entry)
                if len(batch) >= WRITE_BATCH or time.monotonic() - started > WRITE_EVERY_S:
                    self._write(batch, report, progress)
                    batch = []
            self._write(batch, report, progress)
        self.consolidate_pending()
        report.claims = self.store.stats(only=["claims"])["claims"]
        return report

    def _to_extract(self, items: Iterable[Article | Skipped]) -> Iterator[tuple[Any, Article | None]]:
        """Each item with the article to extract from it: None for a rejection or an article
        already stored with its annotations."""
        items = iter(items)
        while chunk := list(itertools.islice(items, STATUS_CHUNK)):  # one query per chunk, not per article
            status = self.store.article_statuses([i.id for i in chunk if not isinstance(i, Skipped)])
            for item in chunk:
                if isinstance(item, Skipped) or status.get(item.id) == "annotated":
                    yield item, None
                else:
                    yield item, item

    def _extractor(self, pending: Iterator[tuple[Any, Article | None]], workers: int, dask: str | None):
        """A Dask cluster, or worker processes when asked for and worth it: with fewer than
        ``WORKERS_FROM`` articles to extract, starting them costs more than they save, so
        this process does it."""
        if dask:
            from cronaca.extract.cluster import DaskPool

            return pending, DaskPool(dask, self.pipeline.names, self.pipeline.options, self.pipeline.versions)
        if workers <= 1:
            return pending, InProcess(self.pipeline)
        ahead: list[tuple[Any, Article | None]] = []
        to_extract = 0
        for entry in pending:
            ahead.append(entry)
            to_extract += entry[1] is not None
            if to_extract >= WORKERS_FROM:
                pool = WorkerPool(workers, self.pipeline.names, self.pipeline.options)
                return itertools.chain(ahead, pending), pool
        return iter(ahead), InProcess(self.pipeline)

    def _reject(self, report: IngestReport, item: Skipped) -> None:
        report.skipped.append(item)
        self.store.add_rejection(item)

    def _write(self, batch: list[tuple[Any, Extraction | None]], report: IngestReport, progress) -> None:
        """Store a batch of extracted articles in one transaction (each whole or absent), and
        count every item of the batch in ``report``, in input order; an extraction error
        makes its article a rejection."""
        extracted = [(x.annotations, x.entities) for _, x in batch if x is not None and x.annotations]
        written = iter(self.store.add_annotated_many(extracted, self.pipeline.versions))
        for item, extraction in batch:
            if isinstance(item, Skipped):
                self._reject(report, item)
            else:
                report.read += 1
                if extraction is None or (extraction.annotations and not next(written)):
                    report.duplicate += 1  # stored before this run, or by another writer during it
                elif extraction.annotations is None:
                    self._reject(report, Skipped(item.source, extraction.error, item.format))
                else:
                    self._count(item, extraction.annotations, report)
            if progress:
                progress(item)

    def _count(self, article: Article, annotations: Annotations, report: IngestReport) -> None:
        report.new += 1
        report.languages[article.language] += 1
        report.events += len(annotations.events)
        if not has_rules(article.language):
            report.notes.append(Note(article.source, _no_rules(article.language)))

    def reextract(
        self, *, workers: int = 1, dask: str | None = None, progress: Progress | None = None
    ) -> ReextractReport:
        """Run the current pipeline again over every stored article (after rules change), in
        ``workers`` processes or on a Dask cluster as ``ingest`` does, then rebuild claims.

        Articles are read by id a page at a time and their annotations swapped 16 to a
        transaction. An article whose extraction fails keeps its earlier annotations; it is
        counted, and recorded with the reason among the rejections (``cronaca status``)."""
        report = ReextractReport()
        articles = (_article_from_row(row) for row in self.store.walk("article"))
        pending = ((article, article) for article in articles)
        pending, extractor = self._extractor(pending, workers, dask)
        batch: list[tuple[Annotations, list[dict[str, Any]]]] = []
        with extractor:
            for article, extraction in extractor.map(pending):
                report.articles += 1
                if extraction is None or extraction.annotations is None:
                    reason = extraction.error if extraction else "nothing to extract"
                    report.failed += 1
                    self.store.add_rejection(
                        Skipped(
                            article.id, f"re-extraction failed, earlier annotations kept: {reason}", "stored"
                        )
                    )
                else:
                    report.events += len(extraction.annotations.events)
                    batch.append((extraction.annotations, extraction.entities))
                if len(batch) >= WRITE_BATCH:
                    self.store.add_annotated_many(batch, self.pipeline.versions, replace=True)
                    batch = []
                if progress:
                    progress(article)
            self.store.add_annotated_many(batch, self.pipeline.versions, replace=True)
        report.claims = self.consolidate()
        return report

    def consolidate_pending(self) -> int:
        """Bring the claims up to what is stored: consolidate the actors of every event no
        claim holds yet. Claims follow from the store alone, so a run that was killed at any
        moment and resumed ends with the claims of a clean run."""
        pending = sorted(self.store.unclaimed_event_ids())
        touched: set[str] = set()
        for start in range(0, len(pending), CONSOLIDATE_BATCH):  # a million new events: not all held
            touched |= consolidate.touched_actors(
                self.store.events_for_claims(pending[start : start + CONSOLIDATE_BATCH])
            )
        return self.consolidate(touched) if touched else 0

    def consolidate(self, touched: set[str] | None = None) -> int:
        """Rebuild claims: all of them, or only those of the ``touched`` actors (incremental).

        Claims never mix keys, so the incremental result equals a full rebuild's. Claims
        never cross event types either, so the events are read and grouped a batch of types
        at a time (``CONSOLIDATE_BATCH``), each batch's claims swapped in its own
        transaction: memory follows the largest batch, not the store. Acknowledgements may
        come from events of any type, so those are read first, slim
        (``Store.speaking_events``)."""
        if touched is None:
            by_type = self.store.event_ids_by_type()
        else:
            ids = self.store.event_ids_with_actors(touched)
            held = self.store.claims_of_events(ids)  # the claims to rebuild, by a touched event
            # a claim rebuilt is rebuilt whole: its members that no touched actor names come too
            ids |= self.store.event_ids_of_claims(set(held.values()))
            by_type = self.store.event_ids_by_type(ids)
        speakers = consolidate.speakers_of(
            self.store.speaking_events([i for ids in by_type.values() for i in ids])
        )
        batches = _batches(by_type, CONSOLIDATE_BATCH)
        total = 0
        for n, types in enumerate(batches):
            ids = {i for type_ in types for i in by_type[type_]}
            if touched is not None:  # each claim reached through a touched event of its type
                remove: set[str] | None = {held[i] for i in ids if i in held}
            elif len(batches) == 1:
                remove = None  # every claim, in one transaction
            else:  # this batch's types; with the last, the claims of types no event has now
                remove = self.store.claim_ids_of_types(types)
                if n == len(batches) - 1:
                    remove |= self.store.claim_ids_of_types(by_type, other=True)
            links: list[tuple[str, str]] = []
            rows = consolidate.claim_rows(self.store.events_for_claims(ids), speakers)
            total += self.store.replace_claims(consolidate.with_links(rows, links), links, remove)
            for type_ in types:  # done: let its ids go
                by_type[type_] = []
        return total

    # -- serve (read only) ------------------------------------------------------------

    def articles(self, **filters: Any) -> list[dict[str, Any]]:
        return self.store.articles(**filters)

    def article(self, article_id: str) -> dict[str, Any]:
        return self.store.article(article_id)

    def events(self, **filters: Any) -> list[dict[str, Any]]:
        return self.store.events(**filters)

    def event(self, event_id: str) -> dict[str, Any]:
        return self.store.event(event_id)

    def claims(self, **filters: Any) -> list[dict[str, Any]]:
        return self.store.claims(**filters)

    def claim(self, claim_id: str) -> dict[str, Any]:
        return self.store.claim(claim_id)

    def timeline(self, **filters: Any) -> list[dict[str, Any]]:
        return self.store.timeline(**filters)

    def entities(self, **filters: Any) -> list[dict[str, Any]]:
        return self.store.entities(**filters)

    def stats(self, only: Iterable[str] | None = None) -> dict[str, int]:
        """Row counts of the store's tables (``store.queries.COUNTED``), or of the ``only`` ones."""
        return self.store.stats(only)

    def stories(self, **filters: Any) -> list[dict[str, Any]]:
        """Lasting topics: claims grouped by the pair of actors and the domain they share."""
        from cronaca.serve import derived

        return derived.stories(self, **filters)

    def story(self, story_id: str) -> dict[str, Any]:
        from cronaca.serve import derived

        return derived.story(self, story_id)

    def network(self, **filters: Any) -> dict[str, Any]:
        """The actor network: nodes, and edges typed by CAMEO quad class, weighted by claims."""
        from cronaca.serve import derived

        return derived.network(self, **filters)


def _batches(by_type: dict[str, list[str]], size: int) -> list[list[str]]:
    """Event types in runs of up to ``size`` events (a larger type alone); at least one run.
    The runs come largest last: each run's ids are let go once its claims are written, so
    the largest is grouped with the fewest others still held."""
    out: list[list[str]] = [[]]
    held = 0
    for type_ in sorted(by_type):
        n = len(by_type[type_])
        if out[-1] and held + n > size:
            out.append([])
            held = 0
        out[-1].append(type_)
        held += n
    return sorted(out, key=lambda run: sum(len(by_type[t]) for t in run))


def has_rules(language: str) -> bool:
    """Whether the packaged extraction rules cover ``language`` (a folder of rule files)."""
    from cronaca.resources import path

    return len(language) <= 3 and language.isalpha() and path(f"{language}/events.yaml").is_file()


def _no_rules(language: str) -> str:
    from cronaca.resources import path

    covered = sorted(p.name for p in path("").iterdir() if len(p.name) == 2 and has_rules(p.name))
    return (
        f"no extraction rules for language {language!r} (there are for {', '.join(covered)}): "
        "the article is stored and its names are found, but few or no events are extracted"
    )


def _article_from_row(row: dict[str, Any]) -> Article:
    from cronaca.model import Interval

    return Article(
        id=row["id"],
        text=row["text"],
        language=row["language"],
        title=row["title"],
        published=Interval.from_dict(row["published"]),
        outlet=row["outlet"],
        url=row["url"],
        byline=row["byline"],
        source=row["source"],
        format=row["format"],
    )
