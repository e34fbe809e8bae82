"""The work done for one article, in a worker process: read each capture (extraction), store them in
one transaction, bring the derived index up to date where the library has one, and count the notes.

Each worker opens the database itself; the parent only hands out articles and adds up the results.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass, field

from tracker.api import Tracker, check_key, read_capture
from tracker.capture.identity import one_line
from tracker.errors import TrackerError
from tracker.importer.sources import Problem, Unit

_tracker: Tracker | None = None


@dataclass
class UnitResult:
    """What storing one unit did."""

    key: str
    added: int = 0
    duplicates: int = 0
    notes: tuple[int, int, int] | None = None  # notes, linked changes, unannounced changes
    problems: list[Problem] = field(default_factory=list)


def start(db: str | None, worker: bool = True) -> None:
    """A worker's set-up: its own connection to the database. Ctrl-C is the parent's to handle, so a
    worker finishes the article in hand rather than dying inside its transaction."""
    global _tracker
    if worker:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _tracker = Tracker(db)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, TrackerError):
        return one_line(str(exc))
    return one_line(f"{exc.__class__.__name__}: {exc}")  # a bug, named, so the rest goes on


def store_unit(unit: Unit, changed_before: bool = False) -> UnitResult:
    """Read, store and (for an article's last unit, when it changed) explain one unit."""
    assert _tracker is not None, "start() first"
    result = UnitResult(unit.key)
    items = []
    for capture in unit.captures:
        try:
            check_key(unit.key)
            items.append((unit.key, capture, read_capture(capture)))
        except Exception as exc:  # noqa: BLE001 - one bad capture must not stop the import
            result.problems.append(Problem(one_line(capture.source), _describe(exc)))
    if not items:
        return result
    try:
        added = _tracker.add_read(items)
    except Exception as exc:  # noqa: BLE001
        result.problems.append(Problem(one_line(unit.source), f"{one_line(unit.key)}: {_describe(exc)}"))
        return result
    result.added = sum(1 for r in added if r.added)
    result.duplicates = len(added) - result.added
    if unit.last and (result.added or changed_before):
        try:
            reindex = getattr(_tracker, "reindex", None)
            if reindex is not None:
                reindex(unit.key)
            found = _tracker.notes(unit.key)
            linked = sum(len(report.links) for report in found.notes)
            result.notes = (len(found.notes), linked, len(found.unannounced))
        except Exception as exc:  # noqa: BLE001 - stored already; only its explanation failed
            result.problems.append(
                Problem(one_line(unit.source), f"{one_line(unit.key)}: notes failed: {_describe(exc)}")
            )
    return result
