"""The watcher's cost on pages that did not change, against plain conditional GETs, in one run.

    .venv/bin/python -m benchmarks.bench_watch [--pages 1000] [--rounds 5] [--db URL]

A local HTTP server (its own process, on 127.0.0.1) serves N tracked pages, each with an ETag, and
answers 304 to a matching If-None-Match. One side is `tracker watch run --all` as the library runs it
(lease claims, robots.txt, the polite fetcher, results recorded in the database); the other the same N
conditional GETs made with urllib3 alone, one at a time like the watcher. The two alternate, `rounds`
times each; medians of wall time and of CPU time in this process are compared.
Results: benchmarks/results/watch.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import statistics
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = (
    "The council voted on Tuesday to close the old river bridge to traffic from March after engineers "
    "found cracks in two of its stone piers and the mayor said the closure would last at least a year"
).split()


def _page(n: int) -> bytes:
    return (f"Story number {n}\n\n" + " ".join(WORDS[(n + k) % len(WORDS)] for k in range(120))).encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # noqa: ANN002
        pass

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/robots.txt":
            body, tag = b"User-agent: *\nAllow: /\n", None
        else:
            body = _page(int(self.path.rsplit("/", 1)[-1]))
            tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if tag and self.headers.get("If-None-Match") == tag:
            self.send_response(304)
            self.send_header("ETag", tag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        if tag:
            self.send_header("ETag", tag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _serve(port) -> None:  # noqa: ANN001 - a multiprocessing.Value
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    port.value = server.server_address[1]
    server.serve_forever()


def _plain(urls: list[str], tags: dict[str, str]) -> tuple[float, float]:
    import urllib3

    pool = urllib3.PoolManager(retries=False)
    wall, cpu = time.perf_counter(), time.process_time()
    for url in urls:
        response = pool.request("GET", url, headers={"If-None-Match": tags[url]}, retries=False)
        assert response.status == 304, response.status
    return time.perf_counter() - wall, time.process_time() - cpu


def _watched(watcher, pages: int) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    summary = watcher.run_pass(everything=True)
    elapsed = time.perf_counter() - wall, time.process_time() - cpu
    assert (summary.checked, summary.unchanged) == (pages, pages), summary.line()
    return elapsed


def run(pages: int, rounds: int, db: str | None) -> dict:
    """Medians of both sides over `rounds` alternating rounds, their ratio and CPU per check."""
    from tracker.api import Tracker
    from tracker.watch.clock import SystemClock
    from tracker.watch.fetch import PoliteFetcher
    from tracker.watch.runner import Watcher

    port = multiprocessing.Value("i", 0)
    server = multiprocessing.Process(target=_serve, args=(port,), daemon=True)
    server.start()
    while not port.value:
        time.sleep(0.01)
    base = f"http://127.0.0.1:{port.value}"
    urls = [f"{base}/story/{n}" for n in range(pages)]
    with tempfile.TemporaryDirectory() as tmp:
        clock = SystemClock()
        fetcher = PoliteFetcher(clock, contact="mailto:bench@example.org", host_delay=0.0)
        watcher = Watcher(Tracker(db or str(Path(tmp) / "bench.db")), clock=clock, fetcher=fetcher)
        watcher.add(urls, "page")
        first = watcher.run_pass(everything=True)  # stores version 1 of each and learns the ETags
        assert first.new_versions == pages, first.line()
        tags = {s.url: s.etag for s in watcher.sources()}
        plain, watched = [], []
        for _ in range(rounds):
            plain.append(_plain(urls, tags))
            watched.append(_watched(watcher, pages))
    server.terminate()
    wall_plain = statistics.median(w for w, _ in plain)
    wall_watch = statistics.median(w for w, _ in watched)
    cpu_plain = statistics.median(c for _, c in plain)
    cpu_watch = statistics.median(c for _, c in watched)
    return {
        "pages": pages,
        "rounds": rounds,
        "database": "postgresql" if db and db.startswith("postgresql") else "sqlite",
        "concurrency": 1,
        "plain_conditional_get_s_median": round(wall_plain, 3),
        "watch_run_all_s_median": round(wall_watch, 3),
        "ratio_watch_to_plain": round(wall_watch / wall_plain, 3),
        "goal_ratio": 1.3,
        "cpu_ms_per_unchanged_check_watch": round(cpu_watch / pages * 1000, 3),
        "cpu_ms_per_unchanged_check_plain": round(cpu_plain / pages * 1000, 3),
        "rounds_s": {"plain": [round(w, 3) for w, _ in plain], "watch": [round(w, 3) for w, _ in watched]},
    }


def main() -> None:
    """Run the benchmark and write benchmarks/results/watch.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--db", default=None, help="a database URL (default: a new SQLite file)")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "watch.json"))
    args = parser.parse_args()
    result = run(args.pages, args.rounds, args.db)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
