#!/usr/bin/env python
"""Throughput and memory of ingest + extract (+ store + consolidate) on a corpus.

Usage: python scripts/benchmark.py CORPUS [--limit N] [--db PATH] [--workers 1,2]

Prints articles/s, MB/s of input text and peak resident memory. A figure, not a test:
machines here are shared and noisy, so no threshold is asserted. ``--stages`` also prints
the CPU seconds each component took during extract.

``--workers 1,2`` also runs the full ingest (read, extract, store, claims) into a fresh
SQLite file once per worker count, one after the other, each as a ``cronaca ingest``
process (so each pays for loading its resources), and prints each rate and its ratio to
the first: the ratio is what to read on a shared machine. With ``--limit``, the first N
articles are written to a temporary JSON Lines file and that file is ingested. ``dask:2``
in the list runs ``cronaca ingest --dask`` against a local Dask cluster of 2 one-thread
worker processes, started (and their pipelines loaded) before the timing.

``--stores sqlite,postgresql+psycopg://USER@/postgres?host=SOCKET`` compares databases on the
same input, side by side (``--repeat`` rounds, the stores in turn in each): the store's own
work (the extracted annotations written 16 articles per transaction, as an ingest writes
them, then the claims built), and the full ``cronaca ingest --workers 1`` into a fresh
store. For a PostgreSQL URL a fresh database is created on that server for every run (and
dropped after); ``sqlite`` is a fresh file.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

from cronaca import ingest
from cronaca.api import Cronaca
from cronaca.extract.pipeline import default_pipeline
from cronaca.model import Skipped


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", help="file, folder or glob to ingest")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--db", help="database to write (default: a temporary SQLite file)")
    parser.add_argument(
        "--workers",
        help="full ingest with each of these worker counts, e.g. 1,2 (compared side by side); "
        "dask:2 runs on a local Dask cluster of 2 worker processes",
    )
    parser.add_argument("--stores", help="compare databases: sqlite and/or SQLAlchemy URLs, comma-separated")
    parser.add_argument("--repeat", type=int, default=2, help="rounds of --stores")
    parser.add_argument(
        "--stages", action="store_true", help="also print the CPU seconds of each component during extract"
    )
    parser.add_argument(
        "--side-by-side",
        action="store_true",
        help="also extract the articles in two processes at once, each all of them: what two cores "
        "of this machine give over one (the ceiling of --workers 2)",
    )
    args = parser.parse_args()

    start_rss = peak_mb()
    t0 = time.perf_counter()
    items = list(itertools.islice(ingest.read([args.corpus]), args.limit))
    t_read = time.perf_counter() - t0
    articles = [a for a in items if not isinstance(a, Skipped)]
    skipped = len(items) - len(articles)
    size_mb = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6

    pipeline = default_pipeline()
    pipeline(articles[0]) if articles else None  # load resources once, outside the timing
    t_load = time.perf_counter() - t0 - t_read
    stages = time_stages(pipeline) if args.stages else None
    t1 = time.perf_counter()
    n_events = sum(len(pipeline(a).events) for a in articles)
    t_extract = time.perf_counter() - t1

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or os.path.join(tmp, "bench.db")
        kb = Cronaca(db, pipeline=pipeline)
        t2 = time.perf_counter()
        report = kb.ingest([args.corpus]) if args.limit is None else None
        t_full = time.perf_counter() - t2 if report else None

    n = len(articles)
    print(f"corpus              {args.corpus}")
    print(f"articles            {n} ({skipped} skipped), {size_mb:.2f} MB of text")
    print(f"read (ingest only)  {t_read:.2f} s  = {n / t_read:,.0f} articles/s, {size_mb / t_read:.2f} MB/s")
    print(f"resource loading    {t_load:.2f} s (once per process)")
    print(
        f"extract             {t_extract:.2f} s  = {n / t_extract:,.1f} articles/s, "
        f"{size_mb / t_extract:.3f} MB/s, {n_events} events"
    )
    if stages is not None:
        total = sum(stages.values()) or 1.0
        split = ", ".join(f"{name} {cpu:.2f} s ({cpu / total:.0%})" for name, cpu in stages.items())
        print(f"extract by stage    CPU {split}")
        t_spacy = bare_spacy(articles)
        print(
            f"spaCy alone         {t_spacy:.2f} s = {n / t_spacy:,.1f} articles/s (a blank tokenizer + "
            f"sentencizer per language, same texts); extract takes {t_extract / t_spacy:.1f}x as long"
        )
    print(
        f"ingest+extract      {n / (t_read + t_extract):,.1f} articles/s, "
        f"{size_mb / (t_read + t_extract):.3f} MB/s"
    )
    if t_full:
        print(
            f"full ingest to SQLite (read+extract+store+claims)  {t_full:.2f} s = "
            f"{n / t_full:,.1f} articles/s, "
            f"{report.events} events, {report.claims} claims"
        )
    print(f"peak memory (RSS)   {peak_mb():.0f} MB (at start {start_rss:.0f} MB)")
    if args.side_by_side:
        side_by_side(pipeline, articles)
    if args.workers:
        adopt_orphans()
        compare_workers(args.corpus, articles, args.workers.split(","), args.limit)
    if args.stores:
        compare_stores(args.corpus, articles, pipeline, args.stores.split(","), args.repeat, args.limit)
    return 0


def time_stages(pipeline) -> dict[str, float]:
    """CPU seconds per component over the pipeline's next runs (filled as they go): each
    component's process is wrapped with a clock (process time, which another program on
    the machine disturbs less than wall time)."""
    spent = {info.name: 0.0 for info in pipeline.infos}

    def timed(name, process):
        def run(doc):
            t0 = time.process_time()
            process(doc)
            spent[name] += time.process_time() - t0

        return run

    processes = pipeline._load()
    pipeline._processes = [timed(info.name, p) for info, p in zip(pipeline.infos, processes, strict=True)]
    return spent


def side_by_side(pipeline, articles: list) -> None:
    """Forked copies of this process (pipeline loaded, caches as warm as the extract above
    left them) extract every article: one alone, then two at the same time. On two idle
    cores of their own the two would take as long as the one did; the ratio says what the
    machine gives instead (a core shared with a hyperthread sibling or a neighbour, caches
    shared between the two): no split of the work among processes, so no ``--workers 2``
    run, can beat ``2 x alone / together``."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    results = context.Queue()

    def extract_all() -> None:
        t0, c0 = time.perf_counter(), time.process_time()
        for article in articles:
            pipeline(article)
        results.put((time.perf_counter() - t0, time.process_time() - c0))

    def run(n: int) -> list[tuple[float, float]]:
        processes = [context.Process(target=extract_all) for _ in range(n)]
        for process in processes:
            process.start()
        spent = [results.get() for _ in processes]
        for process in processes:
            process.join()
        return spent

    alone, together = run(1), run(2)
    walls = ", ".join(f"{wall:.2f} s (CPU {cpu:.2f} s)" for wall, cpu in together)
    ratio = 2 * alone[0][0] / max(wall for wall, _ in together)
    print(
        f"side by side        each process extracts all {len(articles)} articles: alone "
        f"{alone[0][0]:.2f} s (CPU {alone[0][1]:.2f} s), two at once {walls}; two cores give {ratio:.2f}x one"
    )


def bare_spacy(articles: list) -> float:
    """Seconds for spaCy's blank tokenizer and sentencizer alone over the articles' texts (new
    pipelines, so their tokenizer caches start as empty as extract's did)."""
    import spacy

    nlps: dict[str, object] = {}
    t0 = time.perf_counter()
    for article in articles:
        nlp = nlps.get(article.language)
        if nlp is None:
            try:
                nlp = spacy.blank(article.language or "xx")
            except (ImportError, KeyError, ValueError):
                nlp = spacy.blank("xx")
            nlp.add_pipe("sentencizer")
            nlps[article.language] = nlp
        nlp(article.text)
    return time.perf_counter() - t0


@contextlib.contextmanager
def fresh_store(spec: str, tmp: str, n: int):
    """A URL for an empty store: a new SQLite file, or a new database on a PostgreSQL server."""
    if spec == "sqlite":
        yield os.path.join(tmp, f"store{n}.db")
        return
    import sqlalchemy as sa

    url = sa.engine.make_url(spec)
    name = f"cronaca_bench_{os.getpid()}_{n}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def compare_stores(
    corpus: str, articles: list, pipeline, stores: list[str], repeat: int, limit: int | None
) -> None:
    from cronaca.extract import entity_records

    extracted = [(x, list(entity_records(x))) for x in map(pipeline, articles)]
    with tempfile.TemporaryDirectory() as tmp:
        source = write_corpus(tmp, articles) if limit is not None else corpus
        n = 0
        spent: dict[str, list[tuple[float, float]]] = {spec: [] for spec in stores}
        for _ in range(repeat):
            for spec in stores:
                label = spec if spec == "sqlite" else sa_dialect(spec)
                with fresh_store(spec, tmp, n := n + 1) as url:
                    kb = Cronaca(url, pipeline=pipeline)
                    t0 = time.perf_counter()
                    for i in range(0, len(extracted), 16):
                        kb.store.add_annotated_many(extracted[i : i + 16], pipeline.versions)
                    kb.consolidate_pending()
                    store_s = time.perf_counter() - t0
                    kb.store.engine.dispose()
                with fresh_store(spec, tmp, n := n + 1) as url:
                    cmd = [
                        sys.executable,
                        "-m",
                        "cronaca.serve.cli",
                        "--db",
                        url,
                        "--quiet",
                        "ingest",
                        source,
                    ]
                    t0 = time.perf_counter()
                    done = subprocess.run([*cmd, "--workers", "1", "--json"], capture_output=True, text=True)
                    full_s = time.perf_counter() - t0
                    report = json.loads(done.stdout)
                spent[spec].append((store_s, full_s))
                print(
                    f"{label:<10} store writes + claims {store_s:6.2f} s; full ingest {full_s:6.2f} s = "
                    f"{report['new'] / full_s:,.1f} articles/s ({report['new']} new, "
                    f"{report['events']} events, {report['claims']} claims)",
                    flush=True,
                )
        base = stores[0]
        for spec in stores[1:]:
            ratios = [
                f"{a[0] / b[0]:.2f}x / {a[1] / b[1]:.2f}x"
                for a, b in zip(spent[spec], spent[base], strict=True)
            ]
            rounds = ", ".join(ratios)
            print(f"{sa_dialect(spec)} against {base} (store / full ingest), round by round: {rounds}")


def sa_dialect(spec: str) -> str:
    return spec.split("+")[0].split(":")[0]


def write_corpus(tmp: str, articles: list) -> str:
    """The articles as a JSON Lines file (what --limit selected), for a `cronaca ingest` run.
    Without their languages: an ingest of raw news detects each one (about 0.3 ms an article,
    and lingua's models once), and a run that was handed them measured less than a user's."""
    source = os.path.join(tmp, "corpus.jsonl")
    with open(source, "w", encoding="utf-8") as out:
        for a in articles:
            record = {
                "title": a.title,
                "text": a.text,
                "outlet": a.outlet,
                "url": a.url,
                "date": a.published.start.isoformat() if a.published else None,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return source


def compare_workers(corpus: str, articles: list, runs: list[str], limit: int | None) -> None:
    """The full ingest once per run (a worker count, or ``dask:N``: a LocalCluster of N
    worker processes, started and warmed before the timing, as a standing cluster is), each
    into a fresh store; rates and ratios to the first."""
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        source = write_corpus(tmp, articles) if limit is not None else corpus
        clusters: dict[str, str] = {}
        rates = []
        for run in runs:  # a fresh process each: every run pays for loading its resources
            if run.startswith("dask:") and run not in clusters:
                clusters[run] = warm_cluster(stack, int(run.split(":")[1]), articles[:64])
            option = ["--dask", clusters[run]] if run in clusters else ["--workers", run]
            db = os.path.join(tmp, f"run{len(rates)}.db")
            cmd = [sys.executable, "-m", "cronaca.serve.cli", "--db", db, "--quiet", "ingest", source]
            t0, cpu0, before = time.perf_counter(), children_cpu(), own_children()
            done = subprocess.run([*cmd, *option, "--json"], capture_output=True, text=True)
            spent = time.perf_counter() - t0
            reap_adopted(before)
            cpu = children_cpu() - cpu0
            report = json.loads(done.stdout)
            rates.append(report["new"] / spent)
            print(
                f"full ingest, {' '.join(option[:1] + [run])}: {spent:.2f} s = {rates[-1]:,.1f} articles/s "
                f"({report['new']} new, {report['events']} events, {report['claims']} claims), "
                f"{rates[-1] / rates[0]:.2f}x the first; CPU {cpu:.1f} s (writer and local workers)",
                flush=True,
            )


def children_cpu() -> float:
    """CPU seconds of the finished child processes (and theirs): a run's whole cost."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def adopt_orphans() -> None:
    """On Linux, become the parent of the runs' orphans (PR_SET_CHILD_SUBREAPER): the fork
    server that starts an ingest's workers is still exiting when the ingest has ended, and
    its CPU (and its workers', which it waited for) only counts in ``children_cpu`` once this
    process has waited for it (``reap_adopted``)."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def own_children() -> set[int]:
    """The ids of this process's children (Linux; an empty set elsewhere)."""
    me, found = str(os.getpid()), set()
    with contextlib.suppress(OSError):
        for pid in filter(str.isdigit, os.listdir("/proc")):
            with contextlib.suppress(OSError), open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[1] == me:
                    found.add(int(pid))
    return found


def reap_adopted(before: set[int]) -> None:
    """Wait for the children that a run left behind (see ``adopt_orphans``)."""
    for pid in own_children() - before:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def warm_cluster(stack: contextlib.ExitStack, n: int, sample: list) -> str:
    """A LocalCluster of ``n`` one-thread worker processes whose pipelines are loaded."""
    from distributed import LocalCluster

    cluster = stack.enter_context(
        LocalCluster(n_workers=n, processes=True, threads_per_worker=1, dashboard_address=None)
    )
    from cronaca.extract.cluster import DaskPool
    from cronaca.extract.pipeline import default_pipeline

    p = default_pipeline()
    with DaskPool(cluster.scheduler_address, p.names, p.options, p.versions) as pool:
        list(pool.map((a, a) for a in sample))
    return cluster.scheduler_address


if __name__ == "__main__":
    sys.exit(main())
