"""Fuzz the tracker: over 100,000 hostile inputs through the library and a few thousand through the CLI.

    .venv/bin/python benchmarks/bench_fuzz.py [--scale 1.0] [--cli 2000] [--crashes FILE]

Every input comes from a seed (benchmarks/fuzz_inputs.py), so a crash is reproduced by its kind and
seed alone. Each case ends one of four ways: it works; it raises the project's own error with a
one-line message (the goal for bad input); it raises that error with a message that spans lines or
carries control characters; or it raises anything else, a traceback, which is always a bug. A case
that runs past its time limit is a hang. The run writes benchmarks/results/fuzz.json with the counts,
the peak memory of the workers, and each distinct traceback with its smallest reproducer.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import os
import random
import re
import resource
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import fuzz_inputs as gen  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "fuzz.json"
CASE_SECONDS = 20  # a library case over this is a hang
CLI_SECONDS = 90  # a command over this is a hang (a fetch must give up well before)
LIBRARY_CASES = {  # kind -> count at scale 1
    "diff_texts": 45000,
    "extract_bytes": 25000,
    "extract_html": 20000,
    "extract_real_page": 1500,
    "add": 5000,
    "history": 1500,
    "read_odd_key": 1500,
    "warc": 2500,
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


class Hang(BaseException):
    """Raised by the alarm when a case runs past its limit (a BaseException: no handler swallows it)."""


def _alarm(_signum, _frame):  # noqa: ANN001, ANN202
    raise Hang


def _extract():  # noqa: ANN202
    try:
        from tracker.derive.text import extract
    except ImportError:
        from tracker.extract import extract
    return extract


def _renderers() -> dict[str, object]:
    """Every output module, wherever the package keeps them."""
    import importlib

    out = {}
    for name in ("markdown", "html", "jsonld", "json", "text"):
        for package in ("tracker.present", "tracker.render"):
            try:
                out[name] = importlib.import_module(f"{package}.{name}")
                break
            except ImportError:
                continue
    return out


# -- one case ------------------------------------------------------------------------------------
class Worker:
    """State one process keeps across cases: a database with a story in it, a scratch folder."""

    def __init__(self) -> None:
        from tracker.api import Tracker, diff_texts
        from tracker.errors import TrackerError

        self.Tracker, self.diff_texts, self.TrackerError = Tracker, diff_texts, TrackerError
        self.extract = _extract()
        self.renderers = _renderers()
        self.dir = Path(tempfile.mkdtemp(prefix="fuzz-"))
        self.db = str(self.dir / "fuzz.db")
        self.tracker = Tracker(self.db)
        self.tracker.add(
            ["-"],
            article="story",
            stdin=io.BytesIO(b"One two three.\n\nFour five six."),
            captured_at="2024-01-01T00:00:00Z",
        )
        self.count = 0

    def fresh_db(self) -> None:
        """A new database now and then, so that thousands of adds do not slow the later cases."""
        self.count += 1
        if self.count % 400 == 0:
            self.db = str(self.dir / f"fuzz{self.count}.db")
            self.tracker = self.Tracker(self.db)
            self.tracker.add(
                ["-"],
                article="story",
                stdin=io.BytesIO(b"One two three."),
                captured_at="2024-01-01T00:00:00Z",
            )

    def render_all(self, results) -> None:  # noqa: ANN001
        for name in ("markdown", "html", "jsonld", "json"):
            module = self.renderers.get(name)
            if module is not None and hasattr(module, "report"):
                body = module.report(results)
                if not isinstance(body, str):
                    json.dumps(body)

    # each kind: rebuild the input from the seed, run it
    def diff_texts_case(self, rng: random.Random) -> None:
        if rng.random() < 0.5:
            old, new = gen.text_versions(rng, 2)
        else:
            old, new = gen.odd_text(rng, rng.randrange(0, 60)), gen.odd_text(rng, rng.randrange(0, 60))
        self.diff_texts(old, new, sentences=rng.random() < 0.5)

    def extract_bytes_case(self, rng: random.Random) -> None:
        self.extract(
            gen.random_bytes(rng), rng.choice(gen.CONTENT_TYPES), rng.choice([None, "x.html", "x.txt", "x"])
        )

    def extract_html_case(self, rng: random.Random) -> None:
        data = gen.html_page(rng).encode("utf-8", rng.choice(["replace", "surrogatepass"]))
        self.extract(data, rng.choice(["text/html", None]), None)

    def extract_real_page_case(self, rng: random.Random) -> None:
        self.extract(gen.mutated_page(rng), rng.choice(["text/html", None]), "page.html")

    def add_case(self, rng: random.Random) -> None:
        self.fresh_db()
        options = {}
        if rng.random() < 0.5:
            options["article"] = gen.odd_key(rng)
        if rng.random() < 0.4:
            options["url"] = rng.choice(gen.ODD_URLS)
        if rng.random() < 0.3:
            options["label"] = gen.odd_text(rng, 2)
        if rng.random() < 0.5:
            options["captured_at"] = rng.choice(gen.ODD_TIMES)
        content = gen.any_content(rng)
        if rng.random() < 0.5:
            results = self.tracker.add(["-"], stdin=io.BytesIO(content), **options)
        else:
            path = self.dir / gen.odd_file_name(rng)
            path.write_bytes(content)
            try:
                results = self.tracker.add([str(path)], **options)
            finally:
                path.unlink(missing_ok=True)
        for result in results:
            if result.version is not None:
                self.tracker.log(result.article)
                self.tracker.show(result.article)

    def history_case(self, rng: random.Random) -> None:
        self.fresh_db()
        key = f"h{rng.random()}"
        texts = gen.text_versions(rng, rng.randrange(2, 5))
        for k, text in enumerate(texts):
            self.tracker.add(
                ["-"],
                article=key,
                stdin=io.BytesIO(text.encode("utf-8", "surrogatepass")),
                captured_at=f"2024-01-0{k + 1}T00:00:00Z",
            )
        self.tracker.claims(key)
        self.tracker.log(key)
        self.tracker.show(key, rng.choice([None, 1, -1]))
        if len(self.tracker.versions(key)) > 1:
            self.tracker.diff(key, sentences=rng.random() < 0.5)
        self.render_all(self.tracker.report([key]))

    def read_odd_key_case(self, rng: random.Random) -> None:
        key = rng.choice(["story", gen.odd_key(rng)])
        op = rng.choice(["log", "show", "claims", "notes", "diff", "verify", "report", "versions"])
        if op == "show":
            self.tracker.show(key, rng.choice([None, 0, 1, -1, -5, 10**30]))
        elif op == "diff":
            self.tracker.diff(key, rng.choice([None, 0, 1, -1, 10**30]), rng.choice([None, 1, 2, -2]))
        elif op in ("verify", "report"):
            results = getattr(self.tracker, op)([key])
            if op == "report":
                self.render_all(results)
        else:
            getattr(self.tracker, op)(key)

    def warc_case(self, rng: random.Random) -> None:
        self.fresh_db()
        path = self.dir / rng.choice(["a.warc", "a.warc.gz", "a.arc", "b.warc"])
        path.write_bytes(gen.warc_file(rng))
        try:
            self.tracker.add([str(path)], article=rng.choice([None, "archive"]))
        finally:
            path.unlink(missing_ok=True)


def _signature(exc: BaseException) -> str:
    """A traceback's identity: the exception's type and the innermost frames in the tracker."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/tracker/" in f.filename]
    place = ours[-1] if ours else (frames[-1] if frames else None)
    where = f"{Path(place.filename).parent.name}/{Path(place.filename).name}:{place.name}" if place else "?"
    message = re.sub(r"\d+", "N", str(exc).splitlines()[0] if str(exc) else "")[:80]
    return f"{type(exc).__name__} in {where}: {message}"


def run_case(worker: Worker, kind: str, seed: int) -> tuple[str, str | None]:
    """(outcome, signature or message) for one case."""
    rng = random.Random(f"{kind}:{seed}")
    signal.setitimer(signal.ITIMER_REAL, CASE_SECONDS)
    try:
        getattr(worker, f"{kind}_case")(rng)
        return "ok", None
    except Hang:
        return "hang", f"{kind}:{seed}"
    except worker.TrackerError as exc:
        message = str(exc)
        return ("multi_line_error" if _CONTROL.search(message) else "one_line_error"), message[:300]
    except RecursionError as exc:
        return "traceback", _signature(exc)
    except Exception as exc:  # noqa: BLE001 - a traceback is what is being counted
        return "traceback", _signature(exc)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


_WORKER: Worker | None = None


def _run_chunk(job: tuple[str, int, int]) -> dict:
    global _WORKER
    if _WORKER is None:
        signal.signal(signal.SIGALRM, _alarm)
        import logging
        import warnings

        warnings.simplefilter("ignore")
        logging.disable(logging.CRITICAL)  # the libraries' own logs of what they could not read
        _WORKER = Worker()
    kind, start, stop = job
    outcomes: Counter = Counter()
    crashes: dict[str, list] = {}
    examples: dict[str, str] = {}
    began = time.perf_counter()
    for seed in range(start, stop):
        outcome, detail = run_case(_WORKER, kind, seed)
        outcomes[outcome] += 1
        if outcome in ("traceback", "hang"):
            crashes.setdefault(detail, []).append(seed)
        elif outcome == "multi_line_error":
            examples.setdefault(re.sub(r"\d+", "N", detail)[:60], detail)
    return {
        "kind": kind,
        "outcomes": outcomes,
        "crashes": crashes,
        "multi_line": examples,
        "seconds": time.perf_counter() - began,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def run_library(scale: float, processes: int) -> dict:
    jobs = []
    for kind, count in LIBRARY_CASES.items():
        n = max(1, int(count * scale))
        step = max(1, min(500, n // (processes * 4) or 1))
        jobs += [(kind, start, min(n, start + step)) for start in range(0, n, step)]
    random.Random(0).shuffle(jobs)
    by_kind: dict[str, Counter] = {}
    crashes: dict[str, dict] = {}
    multi: dict[str, str] = {}
    peak = 0
    began = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(processes, maxtasksperchild=40) as pool:
        for done in pool.imap_unordered(_run_chunk, jobs):
            by_kind.setdefault(done["kind"], Counter()).update(done["outcomes"])
            peak = max(peak, done["maxrss_kb"])
            multi.update(done["multi_line"])
            for signature, seeds in done["crashes"].items():
                entry = crashes.setdefault(signature, {"count": 0, "kind": done["kind"], "seeds": []})
                entry["count"] += len(seeds)
                entry["seeds"] = sorted(entry["seeds"] + seeds)[:5]
    total = sum(by_kind.values(), Counter())
    return {
        "cases": sum(total.values()),
        "outcomes": dict(total),
        "by_kind": {k: dict(v) for k, v in sorted(by_kind.items())},
        "seconds": round(time.perf_counter() - began, 1),
        "peak_worker_rss_mb": round(peak / 1024, 1),
        "tracebacks": crashes,
        "multi_line_examples": list(multi.values())[:20],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="library cases x this (1.0: 102,000)")
    parser.add_argument("--cli", type=int, default=2000, help="commands run through the CLI")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument(
        "--crashes", help="also write each distinct crash, with a reproducer, to this Markdown file"
    )
    parser.add_argument("--output", default=str(RESULTS))
    args = parser.parse_args()

    from fuzz_cli import run_cli, write_crashes

    results = {"library": run_library(args.scale, args.processes)}
    print(json.dumps({k: v for k, v in results["library"].items() if k != "tracebacks"}, indent=1))
    if args.cli:
        results["cli"] = run_cli(args.cli, args.processes)
        print(json.dumps({k: v for k, v in results["cli"].items() if k != "tracebacks"}, indent=1))
    import platform

    results["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count()}
    Path(args.output).write_text(json.dumps(results, indent=1, ensure_ascii=True) + "\n")
    if args.crashes:
        write_crashes(results, Path(args.crashes))
    for part in ("library", "cli"):
        if part in results:
            r = results[part]
            print(
                f"{part}: {r['cases']} cases, {r['outcomes'].get('traceback', 0)} tracebacks, "
                f"{r['outcomes'].get('hang', 0)} hangs, {len(r['tracebacks'])} distinct"
            )


if __name__ == "__main__":
    main()
