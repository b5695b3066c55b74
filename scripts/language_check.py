"""Does cronaca's language detection choose what lingua's most careful setting chooses?

Usage: python scripts/language_check.py PATH_OR_GLOB [...]
       python scripts/language_check.py --gil PATH_OR_GLOB
       python scripts/language_check.py --cost PATH_OR_GLOB

Each path is a JSON Lines file (its ``text`` fields), a CoNLL-U treebank (its ``# text``
sentences, joined into texts of about 100, 200, 300 and 400 characters: short texts are
where the detectors differ), or a glob of text files. For every text it prints how often
``ingest.language.detect_many`` (the sample and mode cronaca uses) chooses a different
language from lingua's high-accuracy mode on an 800-character sample, and, where the
language is known (a treebank's name, a file name starting with ``it-`` or ``en-``, or
``--expect``), how often each is right. A figure, not a test.

``--gil`` instead times lingua's batch call and cronaca's ``detect_many`` on the first 256
texts while another thread counts, and prints how far it counted: what a thread that feeds
extraction workers gets done meanwhile.

``--cost`` runs each setting over all the texts in a fresh process (lingua shares loaded
models between detectors, so one process cannot time both) and prints its CPU seconds,
models' loading included, as an ingest pays them.
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import threading
import time
from pathlib import Path

from cronaca.ingest import language


def texts_of(spec: str, expect: str | None) -> dict[str, list[tuple[str | None, str]]]:
    paths = sorted(glob.glob(spec)) or [spec]
    if all(p.endswith(".jsonl") for p in paths):
        rows = [json.loads(line) for p in paths for line in open(p, encoding="utf-8") if line.strip()]
        return {spec: [(expect, r.get("text") or "") for r in rows if isinstance(r, dict)]}
    if all(p.endswith(".conllu") for p in paths):
        code = expect or _code(paths[0])
        lines = [line for p in paths for line in open(p, encoding="utf-8")]
        sentences = [line[9:].strip() for line in lines if line.startswith("# text = ")]
        return {f"{spec} ~{n}": [(code, t) for t in _joined(sentences, n)] for n in (100, 200, 300, 400)}
    read = [(expect or _code(p), Path(p).read_text(encoding="utf-8", errors="replace")) for p in paths]
    return {spec: read}


def _code(path: str) -> str | None:
    name = Path(path).name.lower()
    m = re.match(r"(it|en)[-_]", name) or re.search(r"ud_(italian|english)", path.lower())
    if not m:
        return None
    return {"italian": "it", "english": "en"}.get(m.group(1), m.group(1))


def _joined(sentences: list[str], n: int) -> list[str]:
    out, current = [], ""
    for s in sentences:
        current = f"{current} {s}".strip()
        if len(current) >= n:
            out.append(current)
            current = ""
    return out


def reference(texts: list[str]) -> list[str | None]:
    """lingua's high-accuracy mode on 800 characters (cronaca's setting before 2026-12-01)."""
    samples = [t[:800] for t in texts]
    out: list[str | None] = [None] * len(samples)
    todo = [i for i, s in enumerate(samples) if language._worth_a_guess(s)]
    detector = language._detector()
    found = detector.compute_language_confidence_values_in_parallel([samples[i] for i in todo])
    for i, values in zip(todo, found, strict=True):
        out[i] = language._best(values)
    return out


def gil(texts: list[str]) -> None:
    """How far a thread counts during each call, against a sleep of the same length."""
    samples = [t[: language.SAMPLE_CHARS] for t in texts[:256]]
    language.detect_many(samples[:2])  # load the models first
    count, stop = [0], [False]

    def spin() -> None:
        while not stop[0]:
            count[0] += 1

    thread = threading.Thread(target=spin, daemon=True)
    thread.start()
    batch = language._detector().compute_language_confidence_values_in_parallel
    for name, call in (
        ("lingua's batch call", lambda: batch(samples)),
        ("detect_many", lambda: language.detect_many(samples)),
    ):
        before, start = count[0], time.perf_counter()
        call()
        took, counted = time.perf_counter() - start, count[0] - before
        before = count[0]
        time.sleep(took)
        slept = count[0] - before
        print(
            f"{name}: {took * 1000:.0f} ms; another thread counted {counted:,} (sleeping as long: {slept:,})"
        )
    stop[0] = True


def cost(specs: list[str], expect: str | None) -> None:
    """CPU seconds of each setting in a fresh process, loading included."""
    import subprocess
    import sys

    for name, call in (("now", "language.detect_many(texts)"), ("reference", "reference(texts)")):
        code = (
            "import sys, time; sys.path.insert(0, sys.argv[1]); from language_check import *; "
            "texts = [t for s in sys.argv[2:] for rows in texts_of(s, None).values() for _, t in rows]; "
            f"start = time.process_time(); {call}; print(f'{{time.process_time() - start:.2f}}')"
        )
        out = subprocess.run(
            [sys.executable, "-c", code, str(Path(__file__).parent), *specs],
            capture_output=True,
            text=True,
            check=True,
        )
        print(f"{name}: {out.stdout.strip()} s of CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--expect", help="the language of every text of these paths")
    parser.add_argument("--gil", action="store_true", help="time the calls while another thread counts")
    parser.add_argument("--cost", action="store_true", help="CPU of each setting, each in a fresh process")
    args = parser.parse_args()
    if args.cost:
        cost(args.paths, args.expect)
        return
    if args.gil:
        gil([t for spec in args.paths for rows in texts_of(spec, args.expect).values() for _, t in rows])
        return
    total = differ = 0
    for spec in args.paths:
        for name, rows in texts_of(spec, args.expect).items():
            texts = [t for _, t in rows]
            start = time.process_time()
            now = language.detect_many(texts)
            spent = time.process_time() - start
            before = reference(texts)
            diff = sum(a != b for a, b in zip(now, before, strict=True))
            known = [(code, a, b) for (code, _), a, b in zip(rows, now, before, strict=True) if code]
            right = ""
            if known:
                now_right, before_right = sum(c == a for c, a, _ in known), sum(c == b for c, _, b in known)
                right = f"; right: now {now_right}, reference {before_right} of {len(known)}"
            print(f"{name}: {len(texts)} texts, {diff} choose differently{right} ({spent:.2f} s CPU)")
            total += len(texts)
            differ += diff
    print(f"all: {total} texts, {differ} choose differently from the reference")


if __name__ == "__main__":
    main()
