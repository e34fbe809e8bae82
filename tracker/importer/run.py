"""The import's driver: sources are read as a stream of articles and handed to a pool of worker
processes a few at a time (memory stays bounded whatever the input's size); the parts of one article
are stored one after the other, never side by side; results are added up as they come.

Ctrl-C stops handing out work: the articles in flight are finished and committed, the rest is left
for a rerun, which skips what is stored.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass

from tracker.api import Tracker
from tracker.importer import work
from tracker.importer.sources import Problem, Unit, read_sources, source_size
from tracker.importer.summary import ImportSummary


@dataclass(frozen=True)
class Progress:
    """How far an import is: what is done, of the input's bytes in all."""

    articles: int
    versions: int
    done_bytes: int
    total_bytes: int


class _Tally:
    """The running totals; the notes of each article as last counted (a later part counts afresh)."""

    def __init__(self) -> None:
        self.summary = ImportSummary()
        self.keys: set[str] = set()
        self.changed: set[str] = set()
        self.notes: dict[str, tuple[int, int, int]] = {}
        self.done_bytes = 0

    def add(self, unit: Unit, result: work.UnitResult) -> None:
        s = self.summary
        self.keys.add(unit.key)
        s.versions_added += result.added
        s.duplicates += result.duplicates
        s.errors.extend(result.problems)
        if result.added:
            self.changed.add(unit.key)
        if result.notes is not None:
            self.notes[unit.key] = result.notes
        self.done_bytes += unit.size

    def close(self, started: float) -> ImportSummary:
        s = self.summary
        s.articles = len(self.keys)
        s.notes = sum(n for n, _, _ in self.notes.values())
        s.linked = sum(n for _, n, _ in self.notes.values())
        s.unannounced = sum(n for _, _, n in self.notes.values())
        s.seconds = time.perf_counter() - started
        return s


def import_sources(
    db: str | None,
    sources: list[str],
    workers: int | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> ImportSummary:
    """Import every source into `db`, article by article, on `workers` processes (default: every
    core; 1 runs in this process)."""
    workers = workers or os.cpu_count() or 1
    started = time.perf_counter()
    tracker = Tracker(db)
    tracker.add_read([])  # create and migrate the database once, before the workers open it
    tracker.close()  # a forked worker must not share the parent's connections
    total = sum(source_size(s) for s in sources)
    tally = _Tally()

    def report() -> None:
        if progress is not None:
            progress(Progress(len(tally.keys), tally.summary.versions_added, tally.done_bytes, total))

    stream = read_sources(sources)
    try:
        if workers == 1:
            _run_here(db, stream, tally, report)
        else:
            _run_pool(db, stream, tally, report, workers)
    except KeyboardInterrupt:
        tally.summary.interrupted = True
    return tally.close(started)


def _run_here(db: str | None, stream, tally: _Tally, report: Callable[[], None]) -> None:  # noqa: ANN001
    work.start(db, worker=False)
    for item in stream:
        if isinstance(item, Problem):
            tally.summary.errors.append(item)
            continue
        tally.add(item, work.store_unit(item, item.key in tally.changed))
        report()


def _run_pool(db: str | None, stream, tally: _Tally, report: Callable[[], None], workers: int) -> None:  # noqa: ANN001
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pending: dict[Future, Unit] = {}
    by_key: dict[str, Future] = {}
    limit = workers * 2

    def collect(done: set[Future]) -> None:
        for future in done:
            unit = pending.pop(future)
            if by_key.get(unit.key) is future:
                del by_key[unit.key]
            try:
                tally.add(unit, future.result())
            except BrokenProcessPool:
                raise
            except Exception as exc:  # noqa: BLE001 - a unit that could not even be sent or returned
                tally.add(unit, work.UnitResult(unit.key, problems=[Problem(unit.source, repr(exc))]))
            report()

    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=work.start, initargs=(db,))
    try:
        for item in stream:
            if isinstance(item, Problem):
                tally.summary.errors.append(item)
                continue
            while len(pending) >= limit or item.key in by_key:  # one part of an article at a time
                waited = [by_key[item.key]] if item.key in by_key else list(pending)
                collect(wait(waited, return_when=FIRST_COMPLETED)[0])
            future = pool.submit(work.store_unit, item, item.key in tally.changed)
            pending[future] = item
            by_key[item.key] = future
        while pending:
            collect(wait(list(pending), return_when=FIRST_COMPLETED)[0])
    except KeyboardInterrupt:
        for future in list(pending):
            future.cancel()
        _finish(pending, collect)
        raise
    except BrokenProcessPool:
        for unit in pending.values():
            tally.summary.errors.append(Problem(unit.source, f"{unit.key}: a worker process died"))
        pending.clear()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _finish(pending: dict[Future, Unit], collect: Callable[[set[Future]], None]) -> None:
    """After Ctrl-C: the articles in flight are finished and counted; those not started are dropped."""
    running = {f for f in pending if not f.cancelled()}
    for future in [f for f in pending if f.cancelled()]:
        pending.pop(future)
    while running:
        try:
            done, running = wait(running)
        except KeyboardInterrupt:  # a second Ctrl-C: stop waiting
            return
        collect(done)
