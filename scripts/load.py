"""A bounded load on loopback: N clients hit pages of a running (or started) cronaca server;
prints p50/p95/p99, the slowest and the errors per path. Count and time are capped.

    python scripts/load.py --db big.db --clients 20 --requests 400 --max-seconds 60 \\
        --path / --path /api/timeline

With ``--db`` the script starts ``cronaca serve`` on a free loopback port itself (and stops it;
``--server-workers N`` passes ``--workers N``);
with ``--url`` it loads a server that is already running. Only loopback addresses are allowed.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, workers: int | None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "cronaca.serve.cli",
        "--db",
        db,
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, f"http://127.0.0.1:{port}"
        except OSError:
            if proc.poll() is not None:
                sys.exit(f"cronaca serve exited with {proc.returncode}")
            time.sleep(0.1)
    proc.kill()
    sys.exit("cronaca serve did not start within 60 s")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", help="start `cronaca serve` on this store")
    where.add_argument("--url", help="a running server, e.g. http://127.0.0.1:8000")
    ap.add_argument(
        "--path", action="append", help="path to request (repeatable; default / and /api/timeline)"
    )
    ap.add_argument(
        "--server-workers", type=int, help="with --db: `cronaca serve --workers N` (default: its own)"
    )
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=400, help="per path, all clients together (cap)")
    ap.add_argument("--max-seconds", type=float, default=60.0, help="per path (cap)")
    ap.add_argument("--timeout", type=float, default=30.0, help="per request")
    ap.add_argument(
        "--bust", action="store_true", help="a unique query parameter per request: no response cache hits"
    )
    args = ap.parse_args(argv)
    paths = args.path or ["/", "/api/timeline"]
    proc = None
    if args.db:
        proc, url = start_server(args.db, args.server_workers)
    else:
        url = args.url
    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("only loopback servers: this is a load test")
    try:
        for path in paths:
            run(parts.hostname, parts.port or 80, path, args)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=10)


def run(host: str, port: int, path: str, args: argparse.Namespace) -> None:
    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    budget = [args.requests]
    stop_at = time.monotonic() + args.max_seconds

    def client() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=args.timeout)
        while True:
            with lock:
                if budget[0] <= 0 or time.monotonic() > stop_at:
                    break
                budget[0] -= 1
                number = budget[0]
            target = f"{path}{'&' if '?' in path else '?'}bust={number}" if args.bust else path
            started = time.perf_counter()
            try:
                conn.request("GET", target)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as e:
                status = 0
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=args.timeout)
                with lock:
                    errors.append(f"{type(e).__name__}: {e}")
            took = time.perf_counter() - started
            with lock:
                times.append(took)
                if status and status >= 400:
                    errors.append(f"HTTP {status}")
        conn.close()

    # one warm-up request (templates, caches), not counted
    warm = http.client.HTTPConnection(host, port, timeout=args.timeout)
    warm.request("GET", path)
    warm.getresponse().read()
    warm.close()
    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.monotonic() - started
    ms = [t * 1000 for t in times]
    print(
        f"{path:<16} {len(ms):>5} requests in {wall:5.1f} s, {args.clients} clients: "
        f"p50 {percentile(ms, 50):7.1f} ms  p95 {percentile(ms, 95):7.1f} ms  "
        f"p99 {percentile(ms, 99):7.1f} ms  "
        f"max {max(ms):7.1f} ms  mean {statistics.fmean(ms):7.1f} ms  errors {len(errors)}"
        + (f" ({errors[0]})" if errors else "")
    )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
